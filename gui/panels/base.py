"""The panel contract and the small drawing helpers panels share.

A panel creates its plot items once; ``show_snapshot`` only feeds them new data. Plot ranges are
fixed from the data's known bounds and change only when those bounds do, because pyqtgraph's
auto-range dominates redraw cost (DESIGN.md).
"""

from __future__ import annotations

import html
import math
import re

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
        self._grids: list[GridLines] = []
        self.skip_hidden_plots = False
        """Leave out plots that lie outside their canvas's view (a dock narrower than the
        plots' minimum widths shows only some of them) until a resize shows them. The window
        sets it; an export draws every plot."""
        self._skipped = False
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
        for grid in self._grids:
            grid.set_color(theme.grid)
        self.restyle(theme)

    def restyle(self, theme: Theme) -> None:
        """Hook: re-colour the panel's own items."""

    def redraw(self) -> None:
        """Hook: draw the last snapshot again, for plots that a resize has brought into view."""

    def in_view(self, plot: pg.PlotItem) -> bool:
        """Whether ``plot`` is to be drawn: any part of it inside its canvas's view, or
        ``skip_hidden_plots`` off."""
        if not self.skip_hidden_plots or plot.scene() is None or not plot.scene().views():
            return True
        view = plot.scene().views()[0]
        area = view.mapFromScene(plot.sceneBoundingRect()).boundingRect()
        shown = area.intersects(view.viewport().rect())
        self._skipped |= not shown
        return shown

    def new_canvas(self) -> pg.GraphicsLayoutWidget:
        canvas = pg.GraphicsLayoutWidget()
        canvas.ci.setContentsMargins(4, 4, 4, 4)
        canvas.ci.setSpacing(6)
        canvas.installEventFilter(self)
        self._canvases.append(canvas)
        return canvas

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.Resize and self._skipped:
            self._skipped = False
            QtCore.QTimer.singleShot(0, self, self.redraw)  # once the plots have their new places
        return super().eventFilter(watched, event)

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

    def new_loss_and_accuracy(
        self, canvas: pg.GraphicsLayoutWidget
    ) -> tuple[pg.PlotItem, pg.PlotItem, pg.LegendItem]:
        """The learning-curve pair: loss above accuracy (0 to 1), sharing the step axis, with
        grids and a legend in the loss plot's top-right corner."""
        loss, accuracy = self.new_plot(canvas, 0, 0), self.new_plot(canvas, 1, 0)
        accuracy.setXLink(loss)
        self.label_axis(loss, "left", self.tr("loss"))
        self.label_axis(accuracy, "left", self.tr("accuracy"))
        self.label_axis(accuracy, "bottom", self.tr("step"))
        accuracy.setYRange(0.0, 1.0, padding=0.02)
        canvas.ci.layout.setRowStretchFactor(0, 3)
        canvas.ci.layout.setRowStretchFactor(1, 2)
        for plot in (loss, accuracy):
            self.add_grid(plot, x=True, y=True)
        return loss, accuracy, loss.addLegend(offset=(-8, 8))

    def add_grid(self, plot: pg.PlotItem, x: bool = False, y: bool = True) -> GridLines:
        """Grid lines at the major ticks (instead of ``plot.showGrid``, see ``GridLines``)."""
        grid = GridLines(plot, x, y)
        grid.set_color(self.theme.grid)
        self._grids.append(grid)
        return grid

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
        if not edit_runs(plot.titleLabel.item.document(), old[0], text):
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
        # pyqtgraph fixes the title row at 30 px: a title of several lines, or in a font with
        # taller lines (Korean), would spill over the top of the panel and be cut off.
        height = max(30.0, plot.titleLabel.item.boundingRect().height())
        plot.titleLabel.setMaximumHeight(height)
        plot.layout.setRowFixedHeight(0, height)


def edit_runs(document: QtGui.QTextDocument, old: str, new: str) -> bool:
    """Turn ``document``, made from the HTML ``old``, into ``new`` by replacing the text of
    the runs that changed, each keeping its format; False (nothing done) unless both have the
    same tags and the document holds exactly ``old``'s text.

    A title whose numbers change every frame is mostly the same markup: editing two numbers
    in place costs a quarter of parsing the whole HTML again (``setHtml``).
    """
    old_parts, new_parts = _TAG.split(old), _TAG.split(new)
    if old_parts[1::2] != new_parts[1::2]:
        return False
    old_runs = [html.unescape(t) for t in old_parts[0::2]]
    new_runs = [html.unescape(t) for t in new_parts[0::2]]
    breaks = ["\u2028" if _BREAK.fullmatch(tag) else "" for tag in old_parts[1::2]] + [""]
    if document.toRawText() != "".join(r + b for r, b in zip(old_runs, breaks, strict=True)):
        return False
    starts, position = [], 0
    for run, brk in zip(old_runs, breaks, strict=True):
        starts.append(position)
        position += len(run) + len(brk)
    changed = [i for i, (a, b) in enumerate(zip(old_runs, new_runs, strict=True)) if a != b]
    if any(not old_runs[i] for i in changed):
        return False
    cursor = QtGui.QTextCursor(document)
    cursor.beginEditBlock()
    for i in reversed(changed):
        cursor.setPosition(starts[i] + 1)
        run_format = cursor.charFormat()
        cursor.setPosition(starts[i])
        cursor.setPosition(starts[i] + len(old_runs[i]), QtGui.QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new_runs[i], run_format)
    cursor.endEditBlock()
    return True


_TAG = re.compile(r"(<[^>]*>)")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


class GridLines(QtWidgets.QGraphicsPathItem):
    """Grid lines at an axis's major ticks, drawn as one path in the plot's data coordinates.

    pyqtgraph's own grid is drawn by the axis items across the whole plot, so every change of
    the data repainted the axes and their tick text too: about a quarter of a dashboard
    frame. These lines are redrawn with the data, and the axes only when their range changes.
    A plain path item (not a plot curve) paints and reports its bounds without Python, and is
    not mistaken for data.
    """

    def __init__(self, plot: pg.PlotItem, x: bool, y: bool) -> None:
        super().__init__()
        self._plot, self._x, self._y = plot, x, y
        self.setZValue(-100)
        plot.addItem(self, ignoreBounds=True)
        plot.vb.sigRangeChanged.connect(self._place)
        plot.vb.sigResized.connect(self._place)

    def set_color(self, color: str) -> None:
        """One device pixel wide at any zoom (a cosmetic pen of width 0)."""
        self.setPen(pg.mkPen(color, width=0))

    def _place(self, *_: object) -> None:
        (x0, x1), (y0, y1) = self._plot.vb.viewRange()
        path = QtGui.QPainterPath()
        if self._y:
            axis = self._plot.getAxis("left")
            for value in _major_ticks(axis, y0, y1, axis.height()):
                path.moveTo(x0, value)
                path.lineTo(x1, value)
        if self._x:
            axis = self._plot.getAxis("bottom")
            for value in _major_ticks(axis, x0, x1, axis.width()):
                path.moveTo(value, y0)
                path.lineTo(value, y1)
        self.setPath(path)


def _major_ticks(axis: pg.AxisItem, low: float, high: float, size: float) -> list[float]:
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low or size <= 0:
        return []
    levels = axis.tickValues(low, high, size)
    return [v for v in levels[0][1] if low <= v <= high] if levels else []


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


class LiveLabel(QtWidgets.QLabel):
    """One line of plain text that changes every frame (a readout, a counter).

    ``QLabel.setText`` re-lays out every parent up to the main window when the text's width
    changes, and the window then re-places all seven docks: with a few such labels that was
    a third of a dashboard frame. This label asks for the width of the widest text it has
    shown; a new text that fits is only repainted, one that needs more room updates the layout
    once.
    """

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setTextFormat(QtCore.Qt.TextFormat.PlainText)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text == self._text:
            return
        self._text = text
        reserved = super().text()
        metrics = self.fontMetrics()
        if metrics.horizontalAdvance(text) > metrics.horizontalAdvance(reserved):
            super().setText(text)
        self.update()

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.FontChange:
            super().setText(self._text)
        super().changeEvent(event)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        painter = QtGui.QPainter(self)
        self.drawFrame(painter)
        margin = self.margin()
        rect = self.contentsRect().adjusted(margin, margin, -margin, -margin)
        align = QtWidgets.QStyle.visualAlignment(self.layoutDirection(), self.alignment())
        self.style().drawItemText(
            painter,
            rect,
            int(align.value),
            self.palette(),
            self.isEnabled(),
            self._text,
            self.foregroundRole(),
        )
        painter.end()


class ElidedLabel(LiveLabel):
    """A ``LiveLabel`` that may be given less room than its text: it then ends in "…" and
    shows the whole text as its tooltip."""

    def minimumSizeHint(self) -> QtCore.QSize:
        metrics = self.fontMetrics()
        return QtCore.QSize(
            metrics.horizontalAdvance("x = (…) …"), super().minimumSizeHint().height()
        )

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self._text) > self.contentsRect().width()

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        if not self.is_elided():
            self.setToolTip("")
            super().paintEvent(event)
            return
        self.setToolTip(self._text)
        painter = QtGui.QPainter(self)
        painter.setPen(self.palette().color(QtGui.QPalette.ColorRole.WindowText))
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self._text, QtCore.Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(rect, int(self.alignment().value), shown)
        painter.end()


SEPARATOR = " · "


def pack_parts(
    parts: list[str],
    width: float,
    metrics: QtGui.QFontMetrics,
    first: float | None = None,
    words: bool = True,
) -> list[str]:
    """``parts`` joined by " · " into as few lines as fit ``width`` pixels, breaking between
    parts, and inside a part (at its spaces) only when it is wider than a line alone, plain
    text and ``words`` is True.

    With ``first``, the first line is that many pixels wide (beside a widget) and may be left
    empty when not even the first part fits there.
    """
    lines = [""]

    def room() -> float:
        return first if first is not None and len(lines) == 1 else width

    def advance(text: str) -> int:
        return metrics.horizontalAdvance(_plain(text))

    for part in parts:
        joined = f"{lines[-1]}{SEPARATOR}{part}" if lines[-1] else part
        if advance(joined) <= room():
            lines[-1] = joined
            continue
        if lines[-1] or room() < width:
            lines.append("")
            if advance(part) <= room() or not words or "<" in part:
                lines[-1] = part
                continue
        if not words or "<" in part:
            lines[-1] = part
            continue
        for word in part.split(" "):
            joined = f"{lines[-1]} {word}" if lines[-1] else word
            if advance(joined) <= room() or not lines[-1]:
                lines[-1] = joined
            else:
                lines.append(word)
    return [] if lines == [""] else lines


def fit_lines(lines: list[str], width: float, metrics: QtGui.QFontMetrics) -> list[str]:
    """Each (HTML) line wider than ``width`` broken at its " · " into lines that fit (or
    that are as narrow as whole parts can be)."""
    out: list[str] = []
    for line in lines:
        if metrics.horizontalAdvance(_plain(line)) <= width:
            out.append(line)
        else:
            out += pack_parts(line.split(SEPARATOR), width, metrics, words=False)
    return out


def _plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text))


class FlowLabel(QtWidgets.QLabel):
    """A read-out of parts joined by " · " that wraps between parts onto as many lines as its
    width needs, so every value stays whole in a narrow dock. A ``lead`` widget (a check box)
    sits at the start of the first line, the text flowing on beside and under it.

    Like ``LiveLabel`` it repaints a new text without a re-layout while the text needs no more
    lines than it has; one that needs more asks the layout for the height once. It is a
    ``QLabel`` to whatever looks for labels' text, and paints the text itself.
    """

    def __init__(
        self, lead: QtWidgets.QWidget | None = None, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._parts: list[str] = []
        self._lead = lead
        if lead is not None:
            lead.setParent(self)
            lead.move(0, 0)
        policy = QtWidgets.QSizePolicy(
            QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.Preferred
        )
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        return SEPARATOR.join(self._parts)

    def _indent(self) -> int:
        return (
            0 if self._lead is None or self._lead.isHidden() else self._lead.sizeHint().width() + 8
        )

    def _first_height(self) -> int:
        lead = 0 if self._lead is None or self._lead.isHidden() else self._lead.sizeHint().height()
        return max(self.fontMetrics().lineSpacing(), lead)

    def lines(self, width: int | None = None) -> list[str]:
        """The lines as drawn at ``width`` (default: the current width); with a lead, the
        first is the one beside it."""
        width = self.width() if width is None else width
        first = None if self._lead is None else width - self._indent()
        return pack_parts(self._parts, width, self.fontMetrics(), first)

    def set_parts(self, parts: list[str]) -> None:
        if parts == self._parts:
            return
        self._parts = list(parts)
        if (
            self.heightForWidth(self.width()) > self.height()
            or self.minimumSizeHint().width() > self.width()
        ):
            self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        more = max(len(self.lines(width)) - 1, 0)
        return self._first_height() + more * self.fontMetrics().lineSpacing()

    def sizeHint(self) -> QtCore.QSize:
        width = self._indent() + self.fontMetrics().horizontalAdvance(self.text())
        return QtCore.QSize(width, self._first_height())

    def minimumSizeHint(self) -> QtCore.QSize:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(p) for p in self._parts), default=0)
        return QtCore.QSize(max(widest, self._indent()), self._first_height())

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.FontChange:
            self.updateGeometry()
        super().changeEvent(event)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        if self._lead is not None:
            self._lead.resize(self._lead.sizeHint())
        super().resizeEvent(event)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        painter = QtGui.QPainter(self)
        painter.setPen(self.palette().color(QtGui.QPalette.ColorRole.WindowText))
        step, first = self.fontMetrics().lineSpacing(), self._first_height()
        left = int(QtCore.Qt.AlignmentFlag.AlignLeft.value)
        middle = int(QtCore.Qt.AlignmentFlag.AlignVCenter.value)
        for k, line in enumerate(self.lines()):
            if k == 0:
                indent = self._indent()
                rect = QtCore.QRect(indent, 0, self.width() - indent, first)
            else:
                rect = QtCore.QRect(0, first + (k - 1) * step, self.width(), step)
            painter.drawText(rect, left | middle, line)
        painter.end()


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


def finite_counts(counts: np.ndarray) -> np.ndarray:
    """Histogram counts as floats, NaN and infinities as 0 and ±max (``np.nan_to_num``), which
    the usual integer counts skip."""
    counts = np.asarray(counts, dtype=float)
    return counts if np.isfinite(counts).all() else np.nan_to_num(counts)


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
        if (labels[0], labels[2], caption) != (self._labels[0], self._labels[2], self._caption):
            self.updateGeometry()
        self._lut, self._labels, self._caption = lut, labels, caption
        self.update()

    def text(self) -> str:
        return " ".join([self._caption, *self._labels])

    def sizeHint(self) -> QtCore.QSize:
        """Room for the caption, the end labels and a bar of 120 px."""
        metrics = self.fontMetrics()
        text = metrics.horizontalAdvance(self._caption) + 8 if self._caption else 0
        text += metrics.horizontalAdvance(self._labels[0]) + metrics.horizontalAdvance(
            self._labels[2]
        )
        return QtCore.QSize(text + 12 + 120, self.height())

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


class ExtentCurve(pg.PlotCurveItem):
    """A curve whose bounds come from the extent ``(x0, x1, y0, y1)`` it was given (None: as
    pyqtgraph finds them). pyqtgraph finds them by scanning the data twice and measuring the
    pixel size again after every ``setData``, and Qt asks for them several times a frame."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._extent: tuple[float, float, float, float] | None = None
        self._pixel: tuple[float, float] | None = None

    def set_extent(self, extent: tuple[float, float, float, float] | None) -> None:
        self.prepareGeometryChange()
        self._extent = extent

    def boundingRect(self) -> QtCore.QRectF:
        if self._extent is None:
            return super().boundingRect()
        if self._pixel is None:
            px, py = self.pixelVectors()
            self._pixel = (0.0 if px is None else px.length(), 0.0 if py is None else py.length())
        pad = self.pixelPadding()
        px, py = self._pixel[0] * pad, self._pixel[1] * pad
        x0, x1, y0, y1 = self._extent
        return QtCore.QRectF(x0 - px, y0 - py, x1 - x0 + 2 * px, y1 - y0 + 2 * py)

    def viewTransformChanged(self) -> None:
        self._pixel = None
        super().viewTransformChanged()


class StepCurve(ExtentCurve):
    """A histogram's filled step curve, its extent taken from its edges and heights (eleven
    histograms a frame). Drawn by pyqtgraph as before."""

    def __init__(self) -> None:
        super().__init__(fillLevel=0.0, skipFiniteCheck=True)

    def set_steps(self, edges: np.ndarray, heights: np.ndarray) -> None:
        """``heights`` (n,) between ``edges`` (n + 1,), all finite; unchanged data is skipped."""
        if (
            self._extent is not None
            and np.array_equal(edges, self.xData)
            and np.array_equal(heights, self.yData)
        ):
            return
        low = min(float(heights.min()), 0.0) if heights.size else 0.0
        high = max(float(heights.max()), 0.0) if heights.size else 0.0
        self._extent = (float(edges[0]), float(edges[-1]), low, high)
        self.setData(edges, heights, stepMode="center")

    def clear_steps(self) -> None:
        self._extent = None
        self.setData([0.0], [], stepMode="center")


class HistogramPlot:
    """A plot of one histogram as a filled step curve of fractions, with a stable range."""

    def __init__(self, panel: Panel, canvas: pg.GraphicsLayoutWidget, row: int, col: int) -> None:
        self.plot = panel.new_plot(canvas, row, col)
        panel.add_grid(self.plot, y=True)
        self.plot.getAxis("bottom").setStyle(hideOverlappingLabels=12)
        self.curve = StepCurve()
        self.plot.addItem(self.curve)
        self.height = StableRange()
        self._x_range: tuple[float, float] | None = None
        self._y_range: tuple[float, float] | None = None

    def set_counts(self, counts: np.ndarray, edges: np.ndarray, draw: bool = True) -> float:
        """Draw ``counts`` as fractions of their total (unless ``draw`` is False, for a plot
        out of view); returns the largest fraction."""
        counts = finite_counts(counts)
        total = counts.sum()
        fractions = counts / total if total > 0 else np.zeros_like(counts)
        if not draw:
            return float(fractions.max()) if fractions.size else 0.0
        self.curve.set_steps(np.asarray(edges, dtype=float), fractions)
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
        self.curve.clear_steps()
        self.height.reset()
        self._x_range = self._y_range = None
