"""The results of a hyper-parameter search: a scatter of validation accuracy over (lr, λ) on
log axes (colour = accuracy, the best runs ringed), the best runs' validation curves, and a
table of every run, best first."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6 import QtWidgets

from engine.search import Trial
from gui.panels.base import ColorBar, Panel, fmt, style_legend
from gui.theme import Theme

BEST = 5


class SearchResults(Panel):
    """``show_trials(trials)`` draws ranked trials; ``set_ranges(lr, wd, steps)`` fixes the
    axes to the exponent ranges searched and the steps per trial."""

    key = "search-results"

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._trials: list[Trial] = []
        canvas = self.new_canvas()
        self._scatter_plot = self.new_plot(canvas, 0, 0)
        self._curve_plot = self.new_plot(canvas, 0, 1)
        self.label_axis(self._scatter_plot, "bottom", self.tr("learning rate"))
        self.label_axis(self._scatter_plot, "left", self.tr("weight decay λ"))
        self.label_axis(self._curve_plot, "bottom", self.tr("step"))
        self.label_axis(self._curve_plot, "left", self.tr("validation accuracy"))
        self.set_title(self._scatter_plot, self.tr("validation accuracy of each run"))
        self.set_title(self._curve_plot, self.tr("the best runs"))
        for plot in (self._scatter_plot, self._curve_plot):
            self.add_grid(plot, x=True, y=True)
        self._curve_plot.setYRange(0.0, 1.0, padding=0.02)
        self._points = pg.ScatterPlotItem(size=11)
        self._rings = pg.ScatterPlotItem(size=19, brush=None)
        self._scatter_plot.addItem(self._points)
        self._scatter_plot.addItem(self._rings)
        self._legend = self._curve_plot.addLegend(offset=(-8, -8))
        self._curves: list[pg.PlotDataItem] = []
        self._colormap = pg.colormap.get("viridis")
        self._scale = ColorBar()
        self.table = QtWidgets.QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("rank"),
                self.tr("learning rate"),
                self.tr("weight decay λ"),
                self.tr("validation accuracy"),
                self.tr("validation loss"),
                self.tr("note"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(
            QtWidgets.QHeaderView.ResizeMode.ResizeToContents
        )
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(canvas, 3)
        layout.addWidget(self._scale)
        layout.addWidget(self.table, 2)
        self.apply_theme(self.theme)

    def title(self) -> str:
        return self.tr("Search results")

    def show_snapshot(self, snapshot: object) -> None:
        """A search does not follow a training run."""

    def clear(self) -> None:
        self._trials = []
        self._points.setData([], [])
        self._rings.setData([], [])
        for curve in self._curves:
            self._curve_plot.removeItem(curve)
        self._curves = []
        self._legend.clear()
        self.table.setRowCount(0)

    def set_ranges(self, lr: tuple[float, float], wd: tuple[float, float], steps: int) -> None:
        """Exponent ranges of lr and weight decay, and the steps per trial."""
        self._scatter_plot.setRange(xRange=lr, yRange=wd, padding=0.05)
        for axis, (low, high) in (("bottom", lr), ("left", wd)):
            decades = range(math.floor(low), math.ceil(high) + 1)
            self._scatter_plot.getAxis(axis).setTicks([[(e, _power(e)) for e in decades], []])
        self._curve_plot.setXRange(0.0, float(steps), padding=0.02)

    def show_trials(self, trials: Sequence[Trial]) -> None:
        """Ranked trials, best first."""
        self._trials = list(trials)
        self._draw()

    def _draw(self) -> None:
        trials = self._trials
        acc = np.array([t.val_accuracy for t in trials], dtype=float)
        x = np.log10([t.lr for t in trials])
        y = np.log10([t.weight_decay for t in trials])
        ok = np.isfinite(acc)
        colors = self._colormap.map(np.clip(np.nan_to_num(acc), 0.0, 1.0), mode="qcolor")
        brushes = [
            pg.mkBrush(c) if good else pg.mkBrush(None) for c, good in zip(colors, ok, strict=True)
        ]
        symbols = ["o" if good else "x" for good in ok]
        self._points.setData(x, y, brush=brushes, symbol=symbols)
        best = trials[:BEST]
        self._rings.setData(
            x[: len(best)],
            y[: len(best)],
            pen=[pg.mkPen(self.theme.category(k), width=2.5) for k in range(len(best))],
        )
        while len(self._curves) < len(best):
            curve = pg.PlotDataItem(symbol="o", symbolSize=4)
            self._curve_plot.addItem(curve)
            self._curves.append(curve)
        self._legend.clear()
        for k, (curve, trial) in enumerate(zip(self._curves, best, strict=False)):
            color = self.theme.category(k)
            curve.setPen(pg.mkPen(color, width=self.theme.line_width))
            curve.setSymbolBrush(pg.mkBrush(color))
            curve.setSymbolPen(pg.mkPen(color))
            steps, values = np.asarray(trial.eval_steps, float), np.asarray(trial.val_curve)
            keep = np.isfinite(values)
            curve.setData(steps[keep], values[keep])
            name = self.tr("#{k} lr {lr} · λ {wd}").format(
                k=k + 1, lr=fmt(trial.lr, 2), wd=fmt(trial.weight_decay, 2)
            )
            self._legend.addItem(curve, name)
        style_legend(self._legend, self.theme)
        self._fill_table()

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self._trials))
        for row, t in enumerate(self._trials):
            note = self.tr("diverged: {r}").format(r=t.diverged) if t.diverged else ""
            cells = (
                str(row + 1),
                fmt(t.lr, 3),
                fmt(t.weight_decay, 3),
                _pct(t.val_accuracy),
                fmt(t.val_loss, 4),
                note,
            )
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QtWidgets.QTableWidgetItem(text))

    def restyle(self, theme: Theme) -> None:
        self._points.setPen(pg.mkPen(theme.foreground, width=0.8))
        lut = self._colormap.getLookupTable(0.0, 1.0, 64, alpha=True)
        self._scale.set_scale(lut, ("0%", "50%", "100%"), self.tr("validation accuracy"))
        if self._trials:
            self._draw()


def _power(exponent: int) -> str:
    """10 to a whole power, written ``10⁻⁶``."""
    return "10" + str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%" if math.isfinite(value) else "–"
