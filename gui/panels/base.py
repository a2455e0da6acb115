"""The panel contract and the small drawing helpers panels share.

A panel creates its plot items once; ``show_snapshot`` only feeds them new data. Plot ranges are
fixed from the data's known bounds and change only when those bounds do, because pyqtgraph's
auto-range dominates redraw cost (DESIGN.md).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from engine.histograms import nice_bound
from engine.snapshot import Snapshot
from gui.theme import DARK, Theme


class Panel(QtWidgets.QWidget):
    """One view of a training run. Subclasses set ``key`` and implement the four methods."""

    key: str = ""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = DARK
        self._canvases: list[pg.GraphicsLayoutWidget] = []
        self._plots: list[pg.PlotItem] = []
        self._titles: dict[pg.PlotItem, tuple[str, float]] = {}
        self.setAutoFillBackground(True)

    def title(self) -> str:
        raise NotImplementedError

    def show_snapshot(self, snapshot: Snapshot) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def apply_theme(self, theme: Theme) -> None:
        """Re-colour backgrounds, axes, titles and (through ``restyle``) every plot item."""
        self.theme = theme
        self.setPalette(theme.qpalette())
        self.setFont(theme.font())
        for canvas in self._canvases:
            canvas.setBackground(theme.background)
        for plot in self._plots:
            style_plot(plot, theme)
        for plot, (text, scale) in self._titles.items():
            self._render_title(plot, text, scale)
        self.restyle(theme)

    def restyle(self, theme: Theme) -> None:
        """Hook: re-colour the panel's own items."""

    def new_canvas(self) -> pg.GraphicsLayoutWidget:
        canvas = pg.GraphicsLayoutWidget()
        canvas.ci.setContentsMargins(4, 4, 4, 4)
        canvas.ci.setSpacing(6)
        self._canvases.append(canvas)
        return canvas

    def new_plot(
        self, canvas: pg.GraphicsLayoutWidget, row: int = 0, col: int = 0, **kwargs: object
    ) -> pg.PlotItem:
        """A plot with fixed ranges: no auto-range, no mouse zoom, no context menu."""
        plot = canvas.addPlot(row=row, col=col, **kwargs)
        plot.disableAutoRange()
        plot.setMouseEnabled(x=False, y=False)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.vb.setDefaultPadding(0.0)
        self._plots.append(plot)
        style_plot(plot, self.theme)
        return plot

    def forget_plot(self, plot: pg.PlotItem) -> None:
        if plot in self._plots:
            self._plots.remove(plot)
        self._titles.pop(plot, None)

    def label_axis(self, plot: pg.PlotItem, side: str, text: str) -> None:
        size = {"font-size": f"{self.theme.font_size:.1f}pt"}
        plot.setLabel(side, text, color=self.theme.foreground, **size)

    def set_title(self, plot: pg.PlotItem, text: str, scale: float = 1.0) -> None:
        """Set a plot's (HTML) title. A title that keeps its number of lines is swapped in place,
        without the re-layout that ``setTitle`` costs every frame."""
        old = self._titles.get(plot)
        if old == (text, scale):
            return
        self._titles[plot] = (text, scale)
        if old is None or old[1] != scale or old[0].count("<br>") != text.count("<br>"):
            self._render_title(plot, text, scale)
            return
        plot.titleLabel.text = text
        plot.titleLabel.item.setHtml(self._title_html(text, scale))

    def _title_html(self, text: str, scale: float) -> str:
        color = QtGui.QColor(self.theme.foreground).name(QtGui.QColor.NameFormat.HexArgb)
        size = f"{self.theme.font_size * scale:.1f}pt"
        return f"<span style='color: {color}; font-size: {size}'>{text}</span>"

    def _render_title(self, plot: pg.PlotItem, text: str, scale: float) -> None:
        plot.setTitle(
            text, color=self.theme.foreground, size=f"{self.theme.font_size * scale:.1f}pt"
        )
        plot.titleLabel.setMinimumWidth(0)


def style_plot(plot: pg.PlotItem, theme: Theme) -> None:
    """Axis lines, tick labels and axis titles in the theme's colours and font."""
    font = theme.font()
    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(theme.muted))
        axis.setTextPen(pg.mkPen(theme.foreground))
        axis.setStyle(tickFont=font, tickTextOffset=3, maxTextLevel=0, maxTickLevel=0)
        axis.enableAutoSIPrefix(False)
        if axis.labelText:
            axis.setLabel(
                axis.labelText,
                units=axis.labelUnits or None,
                color=theme.foreground,
                **{"font-size": f"{theme.font_size:.1f}pt"},
            )


def style_legend(legend: pg.LegendItem, theme: Theme) -> None:
    legend.setBrush(theme.color("background", 200))
    legend.setPen(pg.mkPen(theme.grid))
    legend.setLabelTextSize(f"{theme.font_size:.0f}pt")
    legend.setLabelTextColor(theme.foreground)
    for _, label in legend.items:
        label.setText(label.text, color=theme.foreground, size=f"{theme.font_size:.0f}pt")


def mute(label: QtWidgets.QLabel, theme: Theme) -> None:
    """Secondary text in the theme's muted colour (a palette, so the panel's font still applies)."""
    palette = label.palette()
    palette.setColor(QtGui.QPalette.ColorRole.WindowText, QtGui.QColor(theme.muted))
    label.setPalette(palette)


def message_label(parent: QtWidgets.QWidget | None = None) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel(parent)
    label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setMargin(24)
    return label


class StableRange:
    """An upper bound rounded to a nice number that grows at once when the data exceed it and
    shrinks only when the data stay below a third of it, so plots do not jump between frames."""

    def __init__(self, shrink_below: float = 1 / 3) -> None:
        self.high: float | None = None
        self.shrink_below = shrink_below

    def fit(self, peak: float) -> bool:
        """Adjust to ``peak``; True when the bound changed."""
        if not (math.isfinite(peak) and peak > 0):
            return False
        if self.high is None or peak > self.high or peak < self.high * self.shrink_below:
            new = nice_bound(peak * 1.05)
            changed = new != self.high
            self.high = new
            return changed
        return False

    def reset(self) -> None:
        self.high = None


class DecadeRange:
    """A log10 range in whole decades that widens when data leave it and narrows only when
    more than ``slack`` decades sit unused."""

    def __init__(self, slack: int = 3, span: int = 3) -> None:
        self.lo: int | None = None
        self.hi: int | None = None
        self.slack = slack
        self.span = span

    def fit(self, values: np.ndarray) -> bool:
        positive = values[np.isfinite(values) & (values > 0)]
        if positive.size == 0:
            return False
        lo = math.floor(math.log10(float(positive.min())))
        hi = math.ceil(math.log10(float(positive.max())) + 1e-9)
        lo = min(lo, hi - self.span)
        if self.lo is None or self.hi is None:
            self.lo, self.hi = lo, hi
            return True
        new_lo = lo if lo < self.lo or lo - self.lo > self.slack else self.lo
        new_hi = hi if hi > self.hi or self.hi - hi > self.slack else self.hi
        changed = (new_lo, new_hi) != (self.lo, self.hi)
        self.lo, self.hi = new_lo, new_hi
        return changed

    def reset(self) -> None:
        self.lo = self.hi = None


def step_bound(step: float) -> float:
    """A nice upper bound for a step axis (at least 10)."""
    return nice_bound(max(float(step), 10.0))


def finite_xy(x: np.ndarray, y: np.ndarray, positive: bool = False) -> tuple[np.ndarray, ...]:
    """``x`` and ``y`` where ``y`` is finite (and > 0 when ``positive``), as float arrays."""
    y = np.asarray(y, dtype=float)
    keep = np.isfinite(y) & (y > 0) if positive else np.isfinite(y)
    return np.asarray(x, dtype=float)[keep], y[keep]


def fmt(value: float, digits: int = 3) -> str:
    """A number for a label: ``0.412``, ``1.2e-05``, or an en dash when it is not finite."""
    return f"{value:.{digits}g}" if math.isfinite(value) else "–"


class ColorBar(QtWidgets.QWidget):
    """A horizontal colour scale: a gradient from a LUT with labels under both ends and middle."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._lut = np.zeros((2, 4), dtype=np.uint8)
        self._labels = ("", "", "")
        self._caption = ""
        self.setMinimumWidth(160)
        self.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.Fixed
        )
        self._update_height()

    def set_scale(self, lut: np.ndarray, labels: tuple[str, str, str], caption: str) -> None:
        if (
            lut.shape == self._lut.shape
            and np.array_equal(lut, self._lut)
            and (labels, caption) == (self._labels, self._caption)
        ):
            return
        self._lut, self._labels, self._caption = lut, labels, caption
        self.update()

    def text(self) -> str:
        return " ".join([self._caption, *self._labels])

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.FontChange:
            self._update_height()
        super().changeEvent(event)

    def _update_height(self) -> None:
        self.setFixedHeight(QtGui.QFontMetrics(self.font()).height() + 8)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        painter = QtGui.QPainter(self)
        metrics, height = painter.fontMetrics(), self.height()
        painter.setPen(self.palette().color(QtGui.QPalette.ColorRole.WindowText))
        align = QtCore.Qt.AlignmentFlag
        caption_w = metrics.horizontalAdvance(self._caption) + 8 if self._caption else 0
        left_w = metrics.horizontalAdvance(self._labels[0]) + 6
        right_w = metrics.horizontalAdvance(self._labels[2]) + 6
        bar_w = max(self.width() - caption_w - left_w - right_w, 20)
        bar = QtCore.QRectF(caption_w + left_w, 4, bar_w, height - 8)
        gradient = QtGui.QLinearGradient(bar.topLeft(), bar.topRight())
        for i in np.linspace(0, len(self._lut) - 1, min(len(self._lut), 33)).astype(int):
            color = QtGui.QColor(*(int(c) for c in self._lut[i]))
            gradient.setColorAt(i / max(len(self._lut) - 1, 1), color)
        painter.fillRect(bar, gradient)
        for rect, flags, text in (
            (QtCore.QRectF(0, 0, caption_w, height), align.AlignLeft, self._caption),
            (QtCore.QRectF(caption_w, 0, left_w - 4, height), align.AlignRight, self._labels[0]),
            (QtCore.QRectF(bar.right() + 4, 0, right_w, height), align.AlignLeft, self._labels[2]),
        ):
            painter.drawText(rect, flags | align.AlignVCenter, text)
        middle = self._lut[len(self._lut) // 2, :3].mean() > 140
        painter.setPen(QtGui.QColor(0, 0, 0) if middle else QtGui.QColor(255, 255, 255))
        painter.drawText(bar, align.AlignCenter, self._labels[1])
        painter.end()


class HistogramPlot:
    """A plot of one histogram as a filled step curve of fractions, with a stable range."""

    def __init__(self, panel: Panel, canvas: pg.GraphicsLayoutWidget, row: int, col: int) -> None:
        self.plot = panel.new_plot(canvas, row, col)
        self.plot.showGrid(y=True, alpha=0.25)
        self.plot.getAxis("bottom").setStyle(hideOverlappingLabels=12)
        self.curve = pg.PlotCurveItem(fillLevel=0.0, skipFiniteCheck=True)
        self.plot.addItem(self.curve)
        self.height = StableRange()
        self._x_range: tuple[float, float] | None = None
        self._y_range: tuple[float, float] | None = None

    def set_counts(self, counts: np.ndarray, edges: np.ndarray) -> float:
        """Draw ``counts`` as fractions of their total; returns the largest fraction."""
        counts = np.nan_to_num(np.asarray(counts, dtype=float))
        total = counts.sum()
        fractions = counts / total if total > 0 else np.zeros_like(counts)
        self.curve.setData(np.asarray(edges, dtype=float), fractions, stepMode="center")
        x_range = (float(edges[0]), float(edges[-1]))
        if x_range != self._x_range and all(map(math.isfinite, x_range)):
            self._x_range = x_range
            self.plot.setXRange(*x_range, padding=0.05)
        return float(fractions.max()) if fractions.size else 0.0

    def set_y_high(self, high: float | None) -> None:
        if high is not None:
            self.set_y_range(0.0, high, padding=0.01)

    def set_y_range(self, low: float, high: float, padding: float = 0.02) -> None:
        if (low, high) != self._y_range and math.isfinite(low) and math.isfinite(high):
            self._y_range = (low, high)
            self.plot.setYRange(low, high, padding=padding)

    def fit_height(self, peak: float) -> None:
        self.height.fit(peak)
        self.set_y_high(self.height.high)

    def style(self, theme: Theme, color: str) -> None:
        self.curve.setPen(pg.mkPen(color, width=theme.line_width))
        self.curve.setBrush(theme.solid(color, 0.45))

    def reset(self) -> None:
        self.curve.setData([0.0], [], stepMode="center")
        self.height.reset()
        self._x_range = self._y_range = None
