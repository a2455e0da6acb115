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
from gui.panels import race_layout
from gui.panels.base import LiveLabel, Panel, fmt, style_legend
from gui.panels.race_items import RaceLegend, Runner, surface_image
from gui.theme import Theme, blend

MAX_STEPS = 500
GRID = 160
ISO_LEVELS = 10
PLAY_INTERVAL_MS = 100
PLOT_MINIMUM = 80
"""The plot's least width, axes included, in the panel's minimum size (as before the strip)."""

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
        policy = QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToContents  # its font may change
        self._surface_box.setSizeAdjustPolicy(policy)
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
        for label, _, lr, on, _ in RUNNERS:
            check = QtWidgets.QCheckBox(_shown(label))
            check.setChecked(on)
            check.toggled.connect(self._rebuild)
            rate = QtWidgets.QDoubleSpinBox(decimals=3, minimum=0.001, maximum=10.0, value=lr)
            rate.setStepType(QtWidgets.QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
            rate.setPrefix("η ")
            rate.setKeyboardTracking(False)
            rate.valueChanged.connect(self._rebuild)
            self._checks[label], self._rates[label] = check, rate
        self._buttons = QtWidgets.QHBoxLayout()
        for button in (self._play, step, reset):
            self._buttons.addWidget(button)
        self._buttons.addStretch(1)
        self._hint = QtWidgets.QLabel(self.tr("Click the plot to move the start."))
        self._hint.setWordWrap(True)
        self._controls = QtWidgets.QWidget()
        self._grid = QtWidgets.QGridLayout(self._controls)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._arrangement: tuple[int, bool, bool] | None = None

        canvas = self.new_canvas()
        self._canvas = canvas
        self._plot = self.new_plot(canvas)
        self._plot.vb.setAspectLocked(True, 1.0)
        canvas.ci.layout.setAlignment(self._plot, QtCore.Qt.AlignmentFlag.AlignCenter)
        canvas.ci.setMaximumSize(QtCore.QSizeF(1e6, 1e6))  # fills the view around a smaller plot
        self._fitting = False
        self._plot.vb.sigResized.connect(self._fit_plot)
        canvas.ci.geometryChanged.connect(self._fit_plot)
        self._image = pg.ImageItem()
        self._plot.addItem(self._image)
        self._isocurves = [pg.IsocurveItem() for _ in range(ISO_LEVELS)]
        for iso in self._isocurves:
            iso.setParentItem(self._image)
        self._minima = pg.ScatterPlotItem(symbol="star", size=14)
        self._start = pg.ScatterPlotItem(symbol="x", size=14)
        self._legend = RaceLegend(labelTextSize="9pt")
        self._legend.setParentItem(self._plot.vb)
        self._corner = race_layout.CORNERS[0]
        self._anchored: tuple[tuple[int, int], QtCore.QSizeF] | None = None
        self._plot.vb.sigResized.connect(self._place_legend)
        self._runners: dict[str, Runner] = {}
        for item in (self._minima, self._start):
            item.setZValue(20)
            self._plot.addItem(item)
        canvas.scene().sigMouseClicked.connect(self._on_clicked)

        self._layout = QtWidgets.QBoxLayout(QtWidgets.QBoxLayout.Direction.TopToBottom, self)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self._layout.addWidget(canvas, 1)
        self._layout.addWidget(self._controls)
        self._layout.setSizeConstraint(QtWidgets.QLayout.SizeConstraint.SetNoConstraint)
        self._occupied = (np.empty((0, 2)), np.empty((0, 2)))
        self._race: SurfaceRace | None = None
        self._cap = MAX_STEPS
        self._count = 0
        self._seen: int | None = None
        self._drawn = -1
        self._legend_names: list[tuple[str, str]] = []
        self._set_surface(surfaces.get("book"))
        self.apply_theme(self.theme)
        self._arrange(*self._choose_arrangement(self.size()))

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
        image = surface_image(surface, GRID)
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
        self._legend.placed_by_user = False
        if self._arrangement is not None:  # another aspect may want the controls elsewhere
            self._arrange(*self._choose_arrangement(self.size()))
            self._fit_plot()
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
        self._runners = {label: Runner(self._plot, _shown(label)) for label in specs}
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
        self._occupied = race_layout.segments(race, self._surface)
        for label in race.paths:
            name = f"{_shown(label)} (η {fmt(self._rates[label].value())})"
            if label in diverged:
                name += " " + self.tr("diverged at step {n}").format(n=diverged[label])
            names.append((label, name))
        if names != self._legend_names:
            self._legend_names = names
            self._legend.clear()
            for label, name in names:
                self._legend.addItem(self._runners[label].sample, name)
            self._anchored = None  # the legend moved itself to (0, 0) while growing
        self._place_legend()
        start = self._start.data
        if len(start) != 1 or (start["x"][0], start["y"][0]) != race.start:
            self._start.setData([race.start[0]], [race.start[1]])
        status = [self.tr("step {n} of {m}").format(n=race.steps, m=self._cap)]
        for label, step in diverged.items():
            status.append(f"{_shown(label)} " + self.tr("diverged at step {n}").format(n=step))
        self._status.setText(" · ".join(status))

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

    # ------------------------------------------------------------------ layout
    def _hints(self) -> race_layout.ControlHints:
        """The controls' widgets as the geometry needs them measured."""
        sp = max(self._grid.spacing(), 0)
        checks, rates = list(self._checks.values()), list(self._rates.values())
        pair = max(c.sizeHint().width() for c in checks) + sp
        pair += max(r.sizeHint().width() for r in rates)
        buttons = [self._buttons.itemAt(i).widget() for i in range(self._buttons.count())]
        buttons = [b.sizeHint() for b in buttons if isinstance(b, QtWidgets.QPushButton)]
        return race_layout.ControlHints(
            spacing=sp,
            pair=pair,
            row=max(w.sizeHint().height() for w in [*checks, *rates]),
            combo=self._surface_box.sizeHint().toTuple(),
            buttons=(
                sum(b.width() for b in buttons) + (len(buttons) - 1) * self._buttons.spacing(),
                max(b.height() for b in buttons),
            ),
            status=self._status.sizeHint().toTuple(),
            hint_height=self._hint.heightForWidth,
        )

    def _overhead(self) -> tuple[float, float]:
        """Pixels the canvas spends around the view box: axes, title and margins."""
        plot, vb = self._plot, self._plot.vb
        left, top, right, bottom = self._canvas.ci.layout.getContentsMargins()
        if vb.width() > 1 and vb.height() > 1:
            ox, oy = plot.width() - vb.width(), plot.height() - vb.height()
        else:
            ox, oy = 50.0, 60.0
        return ox + left + right, oy + top + bottom

    def _aspect(self) -> float:
        """Width over height of the surface's bounds: one unit of x is as long as one of y."""
        (x0, x1), (y0, y1) = self._surface.bounds
        return (x1 - x0) / (y1 - y0)

    def _choose_arrangement(self, size: QtCore.QSize) -> tuple[int, bool, bool]:
        """Runner columns, controls beside the plot (else below), surface box and buttons on
        rows of their own: see ``race_layout.choose_arrangement``."""
        margins = self._layout.contentsMargins()
        room = (
            size.width() - margins.left() - margins.right(),
            size.height() - margins.top() - margins.bottom(),
        )
        sp = max(self._layout.spacing(), 0)
        hints, overhead = self._hints(), self._overhead()
        return race_layout.choose_arrangement(
            hints, len(RUNNERS), room, sp, overhead, self._aspect()
        )

    def _arrange(self, k: int, beside: bool, stacked: bool) -> None:
        """Place the controls: ``k`` runner columns, beside the plot or below it."""
        if self._arrangement == (k, beside, stacked):
            return
        self._arrangement = (k, beside, stacked)
        direction = QtWidgets.QBoxLayout.Direction
        self._layout.setDirection(direction.LeftToRight if beside else direction.TopToBottom)
        race_layout.arrange_grid(
            self._grid,
            self._buttons,
            self._surface_box,
            [(self._checks[label], self._rates[label]) for label, *_ in RUNNERS],
            self._status,
            self._hint,
            self._arrangement,
        )

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(*self._choose_arrangement(event.size()))

    def minimumSizeHint(self) -> QtCore.QSize:
        """The controls in a column beside a small plot (the arrangement that needs least)."""
        (width, height), _ = race_layout.controls_size(self._hints(), len(RUNNERS), 1)
        margins = self._layout.contentsMargins()
        sp = max(self._layout.spacing(), 0)
        return QtCore.QSize(
            width + sp + PLOT_MINIMUM + margins.left() + margins.right(),
            height + margins.top() + margins.bottom(),
        )

    def _fit_plot(self) -> None:
        """Shrink the plot to the surface's aspect inside its canvas (the rest is margin), so
        the aspect lock never shows blank bands beyond the surface's bounds."""
        plot, vb = self._plot, self._plot.vb
        if vb.width() <= 1 or vb.height() <= 1:
            return
        ox, oy = plot.width() - vb.width(), plot.height() - vb.height()
        left, top, right, bottom = self._canvas.ci.layout.getContentsMargins()
        room = self._canvas.ci.size()
        room = (room.width() - left - right, room.height() - top - bottom)
        fitted = race_layout.fitted_plot(room, (ox, oy), self._aspect())
        if fitted is None:
            return
        target = QtCore.QSizeF(*fitted)
        current = plot.maximumSize()
        if self._fitting or (
            abs(current.width() - target.width()) + abs(current.height() - target.height()) <= 1
        ):
            return
        self._fitting = True  # activate() resizes the view box, which asks for a fit again
        try:
            plot.setMaximumSize(target)
            self._canvas.ci.layout.activate()  # now: a figure paints without an event loop
        finally:
            self._fitting = False

    def _place_legend(self) -> None:
        """Put the legend in the corner of the view box where it hides no step of any path
        (nor the start or a minimum). A plot too small for such a corner shows no legend while
        the runner table names the colours; a figure, which has no table (its controls are
        hidden), keeps it in the corner that hides least."""
        legend, vb = self._legend, self._plot.vb
        if legend.placed_by_user or not legend.items or vb.width() <= 0 or vb.height() <= 0:
            return
        size = legend.boundingRect().size()
        self._corner, hidden = race_layout.legend_corner(
            self._occupied, size.toTuple(), (vb.width(), vb.height()), vb.viewRange(), self._corner
        )
        if self._anchored != (self._corner, size):  # re-anchored after each change of entries
            self._anchored = (self._corner, size)
            offset = race_layout.legend_offset(self._corner)
            legend.anchor(itemPos=self._corner, parentPos=self._corner, offset=offset)
        shown = hidden == 0 or self._surface_box.isHidden()
        if shown != legend.isVisible():
            legend.setVisible(shown)

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
