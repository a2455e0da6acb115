"""Optimizers racing down a 2D test surface, in lockstep with training or on their own."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from engine import surfaces
from engine.errors import NnlensError
from engine.presets import RaceSpec
from engine.race import SurfaceRace
from engine.snapshot import Snapshot
from gui.names import optimizers
from gui.names import surfaces as surface_names
from gui.panels.base import LiveLabel, Panel, fmt, style_legend
from gui.theme import Theme, blend

MAX_STEPS = 500
GRID = 160
ISO_LEVELS = 10
PLAY_INTERVAL_MS = 100

RUNNERS: tuple[tuple[str, str, float, bool, int], ...] = (
    ("SGD", "sgd", 0.95, True, 0),
    ("Momentum", "momentum", 0.1, True, 1),
    ("Nesterov", "nesterov", 0.1, False, 6),
    ("AdaGrad", "adagrad", 1.5, True, 3),
    ("RMSProp", "rmsprop", 0.1, False, 4),
    ("AdaDelta", "adadelta", 1.0, False, 5),
    ("Adam", "adam", 0.3, True, 2),
)
"""Label, optimizer, learning rate and whether it runs by default (the course's race), colour."""


def _shown(label: str) -> str:
    """A runner's label as the panel shows it: the course's runners by their optimizer's name
    in the language in use ("Momentum" → "모멘텀"), a lesson's own labels as they are."""
    optimizer = next((name for shown, name, *_ in RUNNERS if shown == label), None)
    return dict(optimizers()).get(optimizer, label) if optimizer else label


class _Runner:
    """One optimizer's path: a line, its points and the sample its legend entry shows.

    The points are a scatter item of their own that the race appends to: a line-and-symbol
    ``PlotDataItem`` re-made all of its up to 500 symbols every frame, half of the dashboard's
    drawing while the race ran. The legend's sample (line and dot) is a data-less item of the
    same style, never painted itself; clicking it shows or hides the runner, as before.
    """

    def __init__(self, plot: pg.PlotItem, label: str) -> None:
        self.line = pg.PlotDataItem(name=label)
        self.points = pg.ScatterPlotItem(symbol="o", size=5)
        self.sample = pg.PlotDataItem(symbol="o", symbolSize=5)
        self.sample.setOpacity(0.0)
        self.sample.visibleChanged.connect(self._on_sample_visible_changed)
        self.drawn = np.empty((0, 2))
        for item in self.items():
            plot.addItem(item)

    def items(self) -> tuple[pg.GraphicsObject, ...]:
        return self.line, self.points, self.sample

    def set_path(self, path: np.ndarray) -> None:
        self.line.setData(path[:, 0], path[:, 1])
        k = len(self.drawn)
        if 0 < k <= len(path) and np.array_equal(path[:k], self.drawn):
            if len(path) > k:
                self.points.addPoints(x=path[k:, 0], y=path[k:, 1])
        else:
            self.points.setData(x=path[:, 0], y=path[:, 1])
        self.drawn = np.array(path)

    def style(self, color: str, theme: Theme) -> None:
        pen = pg.mkPen(color, width=theme.line_width)
        outline = pg.mkPen(theme.background, width=0.5)
        self.line.setPen(pen)
        self.points.setPen(outline)
        self.points.setBrush(pg.mkBrush(color))
        self.sample.setPen(pen)
        self.sample.setSymbolBrush(pg.mkBrush(color))
        self.sample.setSymbolPen(outline)
        symbol = self.sample.scatter  # the legend draws the sample's symbol in its scatter's style
        symbol.setSize(5)
        symbol.setPen(outline)
        symbol.setBrush(pg.mkBrush(color))

    def _on_sample_visible_changed(self) -> None:
        self.line.setVisible(self.sample.isVisible())
        self.points.setVisible(self.sample.isVisible())


class OptimizerRacePanel(Panel):
    key = "race"

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._surface_box = QtWidgets.QComboBox()
        for name, surface in surfaces.SURFACES.items():
            self._surface_box.addItem(surface_names().get(name, name.capitalize()), name)
            self._surface_box.setItemData(
                self._surface_box.count() - 1, surface.title, QtCore.Qt.ItemDataRole.ToolTipRole
            )
        self._surface_box.currentIndexChanged.connect(self._on_surface_changed)
        self._play = QtWidgets.QPushButton(self.tr("Play"))
        self._play.setCheckable(True)
        self._play.toggled.connect(self._on_play_toggled)
        step = QtWidgets.QPushButton(self.tr("Step"))
        step.clicked.connect(lambda: self._advance(1))
        reset = QtWidgets.QPushButton(self.tr("Reset"))
        reset.clicked.connect(self._on_reset)
        self._timer = QtCore.QTimer(self, interval=PLAY_INTERVAL_MS)
        self._timer.timeout.connect(lambda: self._advance(1))
        self._status = LiveLabel()

        self._checks: dict[str, QtWidgets.QCheckBox] = {}
        self._rates: dict[str, QtWidgets.QDoubleSpinBox] = {}
        runners = QtWidgets.QGridLayout()
        for row, (label, _, lr, on, _) in enumerate(RUNNERS):
            check = QtWidgets.QCheckBox(_shown(label))
            check.setChecked(on)
            check.toggled.connect(self._rebuild)
            rate = QtWidgets.QDoubleSpinBox(decimals=3, minimum=0.001, maximum=10.0, value=lr)
            rate.setStepType(QtWidgets.QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
            rate.setPrefix("η ")
            rate.setKeyboardTracking(False)
            rate.valueChanged.connect(self._rebuild)
            runners.addWidget(check, row, 0)
            runners.addWidget(rate, row, 1)
            self._checks[label], self._rates[label] = check, rate
        buttons = QtWidgets.QHBoxLayout()
        for button in (self._play, step, reset):
            buttons.addWidget(button)
        side = QtWidgets.QVBoxLayout()
        side.addWidget(self._surface_box)
        side.addLayout(buttons)
        side.addLayout(runners)
        side.addWidget(self._status)
        side.addStretch(1)
        hint = QtWidgets.QLabel(self.tr("Click the plot to move the start."))
        hint.setWordWrap(True)
        side.addWidget(hint)

        canvas = self.new_canvas()
        self._plot = self.new_plot(canvas)
        self._image = pg.ImageItem()
        self._plot.addItem(self._image)
        self._isocurves = [pg.IsocurveItem() for _ in range(ISO_LEVELS)]
        for iso in self._isocurves:
            iso.setParentItem(self._image)
        self._minima = pg.ScatterPlotItem(symbol="star", size=14)
        self._start = pg.ScatterPlotItem(symbol="x", size=14)
        self._legend = pg.LegendItem(offset=(-8, 8), labelTextSize="9pt")
        self._legend.setParentItem(self._plot.vb)
        self._runners: dict[str, _Runner] = {}
        for item in (self._minima, self._start):
            item.setZValue(20)
            self._plot.addItem(item)
        canvas.scene().sigMouseClicked.connect(self._on_clicked)

        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(canvas, 1)
        layout.addLayout(side)
        self._race: SurfaceRace | None = None
        self._cap = MAX_STEPS
        self._count = 0
        self._seen: int | None = None
        self._drawn = -1
        self._legend_names: list[tuple[str, str]] = []
        self._set_surface(surfaces.get("book"))
        self.apply_theme(self.theme)

    def title(self) -> str:
        return self.tr("Optimizer paths")

    @property
    def race(self) -> SurfaceRace | None:
        return self._race

    def clear(self) -> None:
        self._play.setChecked(False)
        self._seen = None
        self._count = 0
        self._sync()

    # ------------------------------------------------------------------ race
    def _set_surface(self, surface: surfaces.Surface) -> None:
        self._surface = surface
        Z = surfaces.grid(surface, GRID)[2]
        with np.errstate(all="ignore"):
            shifted = np.nan_to_num(Z - np.nanmin(Z), nan=0.0, posinf=0.0)
            image = np.log10(shifted + 1e-3 * max(float(shifted.max()), 1e-12)).T
        self._image.setImage(image.astype(np.float32), levels=(image.min(), image.max()))
        (x0, x1), (y0, y1) = surface.bounds
        self._image.setRect(QtCore.QRectF(x0, y0, x1 - x0, y1 - y0))
        levels = np.linspace(image.min(), image.max(), ISO_LEVELS + 2)[1:-1]
        for iso, level in zip(self._isocurves, levels, strict=True):
            iso.setData(image, level)
        minima = np.array(surface.minima, dtype=float).reshape(-1, 2)
        self._minima.setData(minima[:, 0], minima[:, 1])
        self._plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        self.set_title(self._plot, surface.title)
        self._rebuild()

    def _rebuild(self) -> None:
        specs = {
            label: (name, {"lr": self._rates[label].value()})
            for label, name, _, _, _ in RUNNERS
            if self._checks[label].isChecked()
        }
        start = self._race.start if self._race is not None else None
        if self._race is not None and self._race.surface is not self._surface:
            start = None
        self._race = SurfaceRace(self._surface, specs, start) if specs else None
        for runner in self._runners.values():
            for item in runner.items():
                self._plot.removeItem(item)
        self._legend_names = []
        self._legend.clear()
        self._runners = {label: _Runner(self._plot, _shown(label)) for label in specs}
        self._drawn = -1
        self.restyle(self.theme)
        self._sync()

    def set_race(self, spec: RaceSpec) -> None:
        """Set up a lesson's race: its surface, start, runners (matched by label, else by
        optimizer) with their learning rates, and its number of steps."""
        by_optimizer = {name: label for label, name, *_ in RUNNERS}
        rates = {}
        for label, (optimizer, hyper) in spec.runners.items():
            row = label if label in self._checks else by_optimizer.get(optimizer)
            if row is not None:
                rates[row] = float(hyper.get("lr", self._rates[row].value()))
        widgets = [self._surface_box, *self._checks.values(), *self._rates.values()]
        for widget in widgets:
            widget.blockSignals(True)
        for label, check in self._checks.items():
            check.setChecked(label in rates if rates else check.isChecked())
            if label in rates:
                self._rates[label].setValue(rates[label])
        self._surface_box.setCurrentIndex(max(self._surface_box.findData(spec.surface), 0))
        for widget in widgets:
            widget.blockSignals(False)
        self._cap = min(int(spec.steps), MAX_STEPS) if spec.steps else MAX_STEPS
        self._count = min(self._count, self._cap)
        self._race = None
        self._set_surface(surfaces.get(spec.surface))
        if spec.start is not None and self._race is not None:
            self._race.set_start(*spec.start)
            self._drawn = -1
            self._sync()

    def _advance(self, n: int) -> None:
        self._count = min(self._count + n, self._cap)
        if self._count >= self._cap:
            self._play.setChecked(False)
        self._sync()

    def _sync(self) -> None:
        """Step (or restart) the race so it has taken ``self._count`` steps, then draw it."""
        race = self._race
        if race is None:
            self._status.setText(self.tr("Tick an optimizer to race."))
            return
        if race.steps > self._count:
            race.reset()
        if race.steps < self._count:
            race.step(self._count - race.steps)
        if race.steps == self._drawn:
            return
        self._drawn = race.steps
        diverged = race.diverged_at
        names = []
        for label, path in race.paths.items():
            self._runners[label].set_path(path)
            name = f"{_shown(label)} (η {fmt(self._rates[label].value())})"
            if label in diverged:
                name += " " + self.tr("diverged at step {n}").format(n=diverged[label])
            names.append((label, name))
        if names != self._legend_names:
            self._legend_names = names
            self._legend.clear()
            for label, name in names:
                self._legend.addItem(self._runners[label].sample, name)
        start = self._start.data
        if len(start) != 1 or (start["x"][0], start["y"][0]) != race.start:
            self._start.setData([race.start[0]], [race.start[1]])
        self._status.setText(self.tr("step {n} of {m}").format(n=race.steps, m=self._cap))

    def show_snapshot(self, snapshot: Snapshot) -> None:
        if self._seen is None or snapshot.step < self._seen:
            self._count = min(snapshot.step, self._cap)
        else:
            self._count = min(self._count + snapshot.step - self._seen, self._cap)
        self._seen = snapshot.step
        self._sync()

    # ------------------------------------------------------------------ user input
    def _on_surface_changed(self) -> None:
        self._set_surface(surfaces.get(self._surface_box.currentData()))

    def _on_play_toggled(self, playing: bool) -> None:
        if playing and self._count >= self._cap:
            self._count = 0
        self._play.setText(self.tr("Pause") if playing else self.tr("Play"))
        if playing:
            self._timer.start()
        else:
            self._timer.stop()

    def _on_reset(self) -> None:
        self._count = 0
        self._sync()

    def _on_clicked(self, event: object) -> None:
        if self._race is None or event.button() != QtCore.Qt.MouseButton.LeftButton:
            return
        if not self._plot.vb.sceneBoundingRect().contains(event.scenePos()):
            return
        p = self._plot.vb.mapSceneToView(event.scenePos())
        (x0, x1), (y0, y1) = self._surface.bounds
        try:
            self._race.set_start(float(np.clip(p.x(), x0, x1)), float(np.clip(p.y(), y0, y1)))
        except NnlensError:
            return
        self._drawn = -1
        self._sync()

    # ------------------------------------------------------------------ theme
    def restyle(self, theme: Theme) -> None:
        low, high = (
            blend(theme.accent, theme.background, 0.12),
            blend(theme.foreground, theme.background, 0.2),
        )
        ramp = np.linspace(0.0, 1.0, 256)[:, None]
        lut = np.array(low.getRgb()[:3]) * (1 - ramp) + np.array(high.getRgb()[:3]) * ramp
        self._image.setLookupTable(lut.astype(np.uint8))
        for iso in self._isocurves:
            iso.setPen(pg.mkPen(theme.solid("muted", 0.5), width=1))
        self._minima.setPen(pg.mkPen(theme.foreground))
        self._minima.setBrush(pg.mkBrush(theme.foreground))
        self._start.setPen(pg.mkPen(theme.foreground, width=2))
        self._start.setBrush(pg.mkBrush(theme.foreground))
        for label, _, _, _, index in RUNNERS:
            color = theme.category(index)
            pixmap = QtGui.QPixmap(12, 12)
            pixmap.fill(QtGui.QColor(color))
            self._checks[label].setIcon(QtGui.QIcon(pixmap))
            if label in self._runners:
                self._runners[label].style(color, theme)
        style_legend(self._legend, theme)
        self._drawn = -1
        self._sync()
