"""Weight (or bias) distributions per layer, now or as percentile bands over the steps."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtGui, QtWidgets

from engine.histograms import Histogram
from engine.snapshot import Snapshot
from gui.panels.base import HistogramPlot, Panel, finite_counts, fit_lines, fmt, step_bound
from gui.theme import Theme

HISTORY = 500
QUANTILES = np.array([0.05, 0.25, 0.5, 0.75, 0.95])


def quantiles(hist: Histogram) -> np.ndarray:
    """The 5/25/50/75/95 % points of a histogram, interpolated within its bins."""
    counts = finite_counts(hist.counts)
    total = counts.sum()
    if total <= 0:
        return np.full(len(QUANTILES), np.nan)
    cdf = np.concatenate([[0.0], np.cumsum(counts) / total])
    return np.interp(QUANTILES, cdf, np.asarray(hist.edges, dtype=float))


class _Bands:
    """A bounded ring of (step, quantiles) for one layer, drawn as two bands and a median."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.steps = np.empty(HISTORY)
        self.values = np.empty((HISTORY, len(QUANTILES)))
        self.n = 0
        self.curves = [pg.PlotCurveItem(skipFiniteCheck=True) for _ in QUANTILES]
        self.outer = pg.FillBetweenItem(self.curves[0], self.curves[4])
        self.inner = pg.FillBetweenItem(self.curves[1], self.curves[3])
        for item in (self.outer, self.inner, *self.curves):
            plot.addItem(item)

    def append(self, step: int, values: np.ndarray) -> None:
        if self.n and self.steps[(self.n - 1) % HISTORY] == step:
            self.values[(self.n - 1) % HISTORY] = values
            return
        self.steps[self.n % HISTORY] = step
        self.values[self.n % HISTORY] = values
        self.n += 1

    def ordered(self) -> tuple[np.ndarray, np.ndarray]:
        if self.n <= HISTORY:
            steps, values = self.steps[: self.n], self.values[: self.n]
        else:
            k = self.n % HISTORY
            steps = np.concatenate([self.steps[k:], self.steps[:k]])
            values = np.concatenate([self.values[k:], self.values[:k]])
        keep = np.isfinite(values).all(axis=1)
        return steps[keep], values[keep]

    def draw(self) -> tuple[float, float] | None:
        steps, values = self.ordered()
        for k, curve in enumerate(self.curves):
            curve.setData(steps, values[:, k])
        return (float(steps[0]), float(steps[-1])) if len(steps) else None

    def set_visible(self, visible: bool) -> None:
        for item in (self.outer, self.inner, *self.curves):
            item.setVisible(visible)

    def style(self, theme: Theme, color: str) -> None:
        self.outer.setBrush(theme.solid(color, 0.25))
        self.inner.setBrush(theme.solid(color, 0.5))
        for k, curve in enumerate(self.curves):
            width = theme.line_width if k == 2 else 0.0
            curve.setPen(pg.mkPen(color, width=width) if k == 2 else pg.mkPen(None))


class WeightsPanel(Panel):
    key = "weights"

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._which = QtWidgets.QComboBox()
        self._which.addItems([self.tr("weights"), self.tr("biases")])
        self._over_time = QtWidgets.QCheckBox(self.tr("over time (5–95 % bands)"))
        self._which.currentIndexChanged.connect(self._on_view_changed)
        self._over_time.toggled.connect(self._on_view_changed)
        self._canvas = self.new_canvas()
        bar = QtWidgets.QHBoxLayout()
        bar.addWidget(QtWidgets.QLabel(self.tr("Show")))
        bar.addWidget(self._which)
        bar.addWidget(self._over_time)
        bar.addStretch(1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self._canvas, 1)
        self._hists: list[HistogramPlot] = []
        self._bands: list[tuple[_Bands, _Bands]] = []
        self._snapshot: Snapshot | None = None
        self._last_step = -1
        self._band_x: tuple[float, float] | None = None
        self.apply_theme(self.theme)

    def title(self) -> str:
        return self.tr("Weight distributions")

    def clear(self) -> None:
        for hist in self._hists:
            self.forget_plot(hist.plot)
        self._canvas.clear()
        self._hists, self._bands = [], []
        self._snapshot = None
        self._last_step = -1
        self._band_x = None

    def _build(self, n_layers: int) -> None:
        self.clear()
        cols = min(n_layers, math.ceil(math.sqrt(n_layers * 1.5)))
        for l in range(n_layers):
            hist = HistogramPlot(self, self._canvas, l // cols, l % cols)
            self._hists.append(hist)
            self._bands.append((_Bands(hist.plot), _Bands(hist.plot)))
        self.restyle(self.theme)
        self._on_view_changed(draw=False)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        n_layers = len(snapshot.weight_hists)
        if n_layers != len(self._hists) or snapshot.step < self._last_step:
            self._build(n_layers)
        self._last_step = snapshot.step
        self._snapshot = snapshot
        for bands, w, b in zip(
            self._bands, snapshot.weight_hists, snapshot.bias_hists, strict=True
        ):
            bands[0].append(snapshot.step, quantiles(w))
            bands[1].append(snapshot.step, quantiles(b))
        self._draw(snapshot)

    def _draw(self, s: Snapshot) -> None:
        biases = self._which.currentIndex() == 1
        hists = s.bias_hists if biases else s.weight_hists
        over_time = self._over_time.isChecked()
        span = None
        for l, (plot, hist) in enumerate(zip(self._hists, hists, strict=True), start=1):
            if not self.in_view(plot.plot):  # its range still follows the data
                if not over_time:
                    plot.height.fit(plot.set_counts(hist.counts, hist.edges, draw=False))
                continue
            name = f"b{l}" if biases else f"W{l}"
            shape = "×".join(str(n) for n in s.params[name].shape)
            stats = self.tr("mean {m} · std {s}").format(m=fmt(hist.mean), s=fmt(hist.std))
            room = plot.plot.width() - 8 if plot.plot.width() > 40 else math.inf
            metrics = QtGui.QFontMetrics(self.theme.font())
            lines = fit_lines([f"<b>{name}</b> ({shape})", stats], room, metrics)
            self.set_title(plot.plot, "<br>".join(lines))
            if over_time:
                drawn = self._bands[l - 1][int(biases)].draw()
                if drawn:
                    span = (
                        drawn if span is None else (min(span[0], drawn[0]), max(span[1], drawn[1]))
                    )
                plot.set_y_range(float(hist.edges[0]), float(hist.edges[-1]))
            else:
                plot.fit_height(plot.set_counts(hist.counts, hist.edges))
        if over_time and span is not None:
            x_range = (span[0], step_bound(span[1]))
            if x_range != self._band_x:
                self._band_x = x_range
                for plot in self._hists:
                    plot.plot.setXRange(*x_range, padding=0.02)

    def redraw(self) -> None:
        if self._snapshot is not None:
            self._draw(self._snapshot)

    def _on_view_changed(self, *_: object, draw: bool = True) -> None:
        over_time = self._over_time.isChecked()
        biases = self._which.currentIndex() == 1
        for plot, bands in zip(self._hists, self._bands, strict=True):
            plot.reset()
            plot.curve.setVisible(not over_time)
            bands[0].set_visible(over_time and not biases)
            bands[1].set_visible(over_time and biases)
            if over_time:
                self.label_axis(plot.plot, "bottom", self.tr("step"))
            else:
                plot.plot.getAxis("bottom").showLabel(False)
        self._band_x = None
        if draw and self._snapshot is not None:
            self._draw(self._snapshot)

    def restyle(self, theme: Theme) -> None:
        for plot, bands in zip(self._hists, self._bands, strict=True):
            plot.style(theme, theme.category(0))
            bands[0].style(theme, theme.category(0))
            bands[1].style(theme, theme.category(1))
        if self._snapshot is not None:
            self._draw(self._snapshot)
