"""Gradient flow: the size of ∂E/∂W per layer over the steps and now, on log scales."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from engine.snapshot import Snapshot
from gui.panels.base import DecadeRange, Panel, finite_xy, fmt, step_bound, style_legend
from gui.theme import Theme, blend

FEW_POINTS = 30
LEGEND_SPACING = 10


class GridLegend(pg.LegendItem):
    """A legend placed by the canvas's grid: pyqtgraph's sizes itself by moving to (0, 0),
    where a figure export, which lays the grid out only once, left it over the title."""

    def updateSize(self) -> None:
        self.updateGeometry()


class GradientFlowPanel(Panel):
    key = "gradients"

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._canvas = self.new_canvas()
        self._time = self.new_plot(self._canvas, 0, 0)
        # Under the plot, in as many columns as its width holds: a legend column of its own
        # was cut off at the right edge of a narrow dock, one in the plot hid the curves.
        self._legend = GridLegend(horSpacing=LEGEND_SPACING)
        self._canvas.addItem(self._legend, row=1, col=0)
        self._legend.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Fixed, QtWidgets.QSizePolicy.Policy.Fixed
        )
        self._canvas.ci.layout.setAlignment(self._legend, QtCore.Qt.AlignmentFlag.AlignLeft)
        self._canvas.ci.layout.setRowStretchFactor(0, 1)
        self._canvas.ci.layout.setRowStretchFactor(1, 0)
        self._now = self.new_plot(self._canvas, 0, 1, rowspan=2)
        self._canvas.ci.layout.setColumnStretchFactor(0, 3)
        self._canvas.ci.layout.setColumnStretchFactor(1, 1)
        self._time.vb.sigResized.connect(self._fit_legend)
        self._time.setLogMode(y=True)
        self._now.getAxis("left").setLogMode(True)
        self.label_axis(self._time, "left", "‖∂E/∂W‖")
        self.label_axis(self._time, "bottom", self.tr("step"))
        self.label_axis(self._now, "bottom", self.tr("layer"))
        for plot in (self._time, self._now):
            self.add_grid(plot, y=True)
        self.set_title(self._time, self.tr("gradient norm per layer over time"))
        self._bars = pg.BarGraphItem(x=[], height=[], width=0.7)
        self._now.addItem(self._bars)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._canvas, 1)
        self._curves: list[pg.PlotDataItem] = []
        self._decades = DecadeRange()
        self._step_high = 0.0
        self._last_step = -1
        self._latest: np.ndarray | None = None
        self._history_drawn: tuple | None = None
        self.apply_theme(self.theme)

    def title(self) -> str:
        return self.tr("Gradient flow")

    def clear(self) -> None:
        for curve in self._curves:
            self._time.removeItem(curve)
        self._legend.clear()
        self._curves = []
        self._bars.setOpts(x=[], height=[], y0=[])
        self._decades.reset()
        self._step_high = 0.0
        self._last_step = -1
        self._history_drawn = None

    def _build(self, n_layers: int) -> None:
        self.clear()
        for l in range(1, n_layers + 1):
            curve = pg.PlotDataItem(autoDownsampleFactor=1.0)
            self._time.addItem(curve)
            curve.setDownsampling(auto=True, method="peak")
            curve.setClipToView(True)
            self._legend.addItem(curve, self.tr("layer {l}").format(l=l))
            self._curves.append(curve)
        self._fit_legend()
        self._now.setXRange(0.4, n_layers + 0.6, padding=0.0)
        every = max(1, math.ceil(n_layers / 12))
        self._now.getAxis("bottom").setTicks(
            [[(l, str(l)) for l in range(1, n_layers + 1) if (l - 1) % every == 0], []]
        )
        self.restyle(self.theme)

    def _fit_legend(self) -> None:
        """As many legend columns as the plot's width holds (one row when all fit)."""
        entries = self._legend.items
        if not entries:
            return
        widest = max(
            sample.boundingRect().width() + label.minimumWidth() for sample, label in entries
        )
        left, _, right, _ = self._legend.layout.getContentsMargins()
        room = self._time.width() - left - right + LEGEND_SPACING
        columns = int(min(max(room // (widest + 2 * LEGEND_SPACING), 1), len(entries)))
        if columns != self._legend.columnCount:
            self._legend.setColumnCount(columns)

    def _colors(self, theme: Theme) -> list[str]:
        n = len(self._curves)
        if n <= len(theme.palette):
            return [theme.category(k) for k in range(n)]
        return [blend(theme.category(1), theme.category(0), k / (n - 1)).name() for k in range(n)]

    def show_snapshot(self, snapshot: Snapshot) -> None:
        h = snapshot.history
        latest = np.asarray(snapshot.grad_norms, dtype=float)
        if len(latest) != len(self._curves) or snapshot.step < self._last_step:
            self._build(len(latest))
        self._last_step = snapshot.step
        norms = np.asarray(h.grad_norms, dtype=float).reshape(len(h.eval_steps), len(latest))
        if self._history_changed(h.eval_steps, norms):
            self._draw_history(h.eval_steps, norms)
        if len(h.eval_steps) and h.eval_steps[-1] > self._step_high:
            self._step_high = step_bound(float(h.eval_steps[-1]))
            self._time.setXRange(0.0, self._step_high, padding=0.02)
        recent = norms[-200:].ravel()
        if self._decades.fit(np.concatenate([recent, latest])):
            for plot in (self._time, self._now):
                plot.setYRange(self._decades.lo, self._decades.hi, padding=0.02)
        self._latest = latest
        self._draw_bars(latest)

    def _history_changed(self, steps: np.ndarray, norms: np.ndarray) -> bool:
        """The history grows only at evaluation steps: most frames leave the curves as they are."""
        key = (len(steps), float(steps[-1]) if len(steps) else None, norms[-1:].tobytes())
        if key == self._history_drawn:
            return False
        self._history_drawn = key
        return True

    def _draw_history(self, steps: np.ndarray, norms: np.ndarray) -> None:
        symbol = "o" if len(steps) <= FEW_POINTS else None
        for l, curve in enumerate(self._curves):
            if norms.shape[1] > l:
                if curve.opts["symbol"] != symbol:
                    curve.setSymbol(symbol)
                curve.setData(*finite_xy(steps, norms[:, l], positive=True))

    def _draw_bars(self, latest: np.ndarray) -> None:
        ok = np.isfinite(latest) & (latest > 0)
        base = float(self._decades.lo if self._decades.lo is not None else -8)
        layers = np.arange(1, len(latest) + 1, dtype=float)
        heights = np.where(ok, np.log10(np.where(ok, latest, 1.0)) - base, 0.0)
        self._bars.setOpts(
            x=layers[ok],
            height=heights[ok],
            y0=base,
            brushes=[b for b, good in zip(self._brushes, ok, strict=True) if good],
        )
        title = self.tr("latest, per layer")
        if len(latest) > 1 and ok[0] and ok[-1]:
            title += "<br>" + self.tr("layer 1 / layer {L} = {r}").format(
                L=len(latest), r=fmt(float(latest[0] / latest[-1]), 2)
            )
        self.set_title(self._now, title)

    def restyle(self, theme: Theme) -> None:
        self._brushes = [pg.mkBrush(c) for c in self._colors(theme)]
        for curve, color in zip(self._curves, self._colors(theme), strict=True):
            curve.setPen(pg.mkPen(color, width=1.4 * theme.line_width))
            curve.setSymbolBrush(pg.mkBrush(color))
            curve.setSymbolPen(pg.mkPen(color))
            curve.setSymbolSize(5)
        self._bars.setOpts(pen=pg.mkPen(theme.background, width=1))
        style_legend(self._legend, theme)
        if self._latest is not None and len(self._latest) == len(self._curves):
            self._draw_bars(self._latest)
