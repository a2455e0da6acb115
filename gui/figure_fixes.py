"""What a live panel needs that a figure must not show or cannot use, fixed up on the figure's
own copy of the panel: controls hidden, pens thickened for a scaled painter, titles and log axes
that fit large print.

These work on throwaway panels only; nothing here touches a panel the window shows.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from gui.panels import Panel

CONTROLS = (QtWidgets.QAbstractButton, QtWidgets.QAbstractSpinBox, QtWidgets.QComboBox)
GraphicsItems = list[QtWidgets.QGraphicsItem]


def copy_controls(source: Panel, target: Panel) -> None:
    """Carry a live panel's choices (combo boxes, check boxes, spin boxes) over to a fresh copy
    of it; both were built by the same code, so their controls come in the same order."""
    for kind, get, put in (
        (QtWidgets.QComboBox, "currentIndex", "setCurrentIndex"),
        (QtWidgets.QCheckBox, "isChecked", "setChecked"),
        (QtWidgets.QSpinBox, "value", "setValue"),
        (QtWidgets.QDoubleSpinBox, "value", "setValue"),
    ):
        mine, theirs = source.findChildren(kind), target.findChildren(kind)
        if len(mine) != len(theirs):
            continue
        for a, b in zip(mine, theirs, strict=True):
            if getattr(a, get)() != getattr(b, get)():
                getattr(b, put)(getattr(a, get)())


def hide_controls(panel: Panel) -> None:
    """Hide buttons, spin boxes and combo boxes, and the labels of a bar or side column made
    mostly of them (their captions and hints); read-outs wrap instead of being cut off."""
    for layout in panel.findChildren(QtWidgets.QLayout):
        widgets = _widgets(layout)
        controls = [w for w in widgets if isinstance(w, CONTROLS)]
        others = [w for w in widgets if not isinstance(w, CONTROLS)]
        for widget in controls:
            widget.hide()
        if len(controls) > len(others):
            for widget in others:
                if isinstance(widget, QtWidgets.QLabel):
                    widget.hide()
    for widget in panel.findChildren(QtWidgets.QWidget):  # controls outside layouts too
        if isinstance(widget, CONTROLS):  # (the loss panel's check box leads its read-out)
            widget.hide()
    for label in panel.findChildren(QtWidgets.QLabel):
        label.setWordWrap(True)


def _widgets(layout: QtWidgets.QLayout) -> list[QtWidgets.QWidget]:
    """The widgets in ``layout`` and its nested layouts (not inside child widgets)."""
    out = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is not None:
            out.append(item.widget())
        elif item.layout() is not None:
            out.extend(_widgets(item.layout()))
    return out


def wrap_labels(panel: Panel) -> bool:
    """Break a plain-text label that is wider than the panel into lines (a read-out written
    for a wide window would be cut off in a narrow figure). True if any changed."""
    changed = False
    for label in panel.findChildren(QtWidgets.QLabel):
        text = label.text()
        if (
            label.isHidden()
            or not text
            or "\n" in text
            or label.textFormat()
            not in (
                QtCore.Qt.TextFormat.PlainText,
                QtCore.Qt.TextFormat.AutoText,
            )
        ):
            continue
        if QtGui.Qt.mightBeRichText(text):
            continue
        metrics = label.fontMetrics()
        width = label.contentsRect().width() - 2 * label.margin()
        if width <= 0 or metrics.horizontalAdvance(text) <= width:
            continue
        lines: list[str] = []
        for word in text.split(" "):
            if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
                lines[-1] += f" {word}"
            else:
                lines.append(word)
        label.setText("\n".join(lines))
        changed = True
    return changed


def fit_titles(items: GraphicsItems) -> bool:
    """Give every plot title the height of its text: pyqtgraph fixes the title row at 30 px,
    which cuts the top lines off a two- or three-line title in large print. True if changed."""
    changed = False
    for plot in items:
        if isinstance(plot, pg.PlotItem) and plot.titleLabel.isVisible():
            height = math.ceil(plot.titleLabel.item.boundingRect().height())
            if height > plot.titleLabel.maximumHeight():
                plot.titleLabel.setMaximumHeight(height)
                plot.layout.setRowFixedHeight(0, height)
                changed = True
    return changed


def whole_decades(items: GraphicsItems, font: QtGui.QFont) -> None:
    """Label log axes at whole decades only (every second or third when space is short): on
    a tall plot pyqtgraph labels 0.2 … 0.9 as well, in a pile no one can read."""
    line = QtGui.QFontMetrics(font).height()
    for axis in items:
        if not isinstance(axis, pg.AxisItem) or not axis.logMode:
            continue
        if axis.orientation not in ("left", "right") or axis.range is None:
            continue
        decades = abs(axis.range[1] - axis.range[0])
        room = max(int(axis.height() / (2.2 * line)), 1)
        step = max(1, math.ceil(decades / room))
        axis.setTickSpacing(levels=[(float(step), 0.0), (1.0, 0.0)])


class Thickener:
    """Multiplies cosmetic pens' widths by ``scale``. pyqtgraph's pens are cosmetic, whose width
    a painter's scale leaves alone, so at 4K they would be a third as thick as the rest. It
    remembers the pens it set, so running it again after the panels drew a new frame thickens
    only the pens they set since."""

    def __init__(self, scale: float) -> None:
        self.scale = scale
        self._set: dict[tuple[int, str], object] = {}

    def apply(self, items: GraphicsItems) -> None:
        done: set[int] = set()
        for item in items:
            if isinstance(item, pg.PlotDataItem):  # its curve and symbols take its pens
                changed = False
                for key in ("pen", "shadowPen", "symbolPen"):
                    pen = self._pen(item, key, item.opts[key])
                    changed |= pen is not item.opts[key]
                    item.opts[key] = pen
                if changed:
                    item.updateItems(styleUpdate=True)
                done.update((id(item.curve), id(item.scatter)))
        for item in items:
            if id(item) not in done:
                self._item(item)

    def _item(self, item: QtWidgets.QGraphicsItem) -> None:
        pen = self._pen
        if isinstance(item, pg.PlotCurveItem):
            item.setPen(pen(item, "pen", item.opts["pen"]))
            item.setShadowPen(pen(item, "shadow", item.opts["shadowPen"]))
        elif isinstance(item, pg.ScatterPlotItem):
            item.opts["pen"] = pen(item, "pen", item.opts["pen"])
            self._points(item)
        elif isinstance(item, pg.AxisItem):
            item.setPen(pen(item, "pen", item.pen()))
            item.setTickPen(pen(item, "tick", item.tickPen()))
        elif isinstance(item, pg.IsocurveItem | pg.InfiniteLine):
            item.setPen(pen(item, "pen", item.pen))
        elif isinstance(item, pg.BarGraphItem):
            new = pen(item, "pen", item.opts.get("pen"))
            if new is not item.opts.get("pen"):
                item.setOpts(pen=new)
        elif isinstance(item, pg.LegendItem):
            item.setPen(pen(item, "pen", item.opts["pen"]))
        elif isinstance(item, QtWidgets.QAbstractGraphicsShapeItem | QtWidgets.QGraphicsLineItem):
            item.setPen(pen(item, "pen", item.pen()))

    def _pen(self, item: object, slot: str, pen: object) -> object:
        """The thick version of ``pen`` for that slot of ``item``, or ``pen`` itself when it is
        the one set last time (or not a cosmetic pen)."""
        key = (id(item), slot)
        if not isinstance(pen, QtGui.QPen) or self._set.get(key) == pen:
            return pen
        self._set[key] = out = self._thick(pen)
        return out

    def _thick(self, pen: QtGui.QPen) -> QtGui.QPen:
        if not pen.isCosmetic() or pen.style() == QtCore.Qt.PenStyle.NoPen:
            return pen
        out = QtGui.QPen(pen)
        out.setWidthF(max(pen.widthF(), 1.0) * self.scale)
        return out

    def _points(self, item: pg.ScatterPlotItem) -> None:
        """Per-point pens: thickened unless they are still the ones set last time."""
        pens = item.data["pen"]
        last = self._set.get((id(item), "points"))
        if (
            isinstance(last, list)
            and len(last) == len(pens)
            and all(a is b for a, b in zip(last, pens, strict=True))
        ):
            return
        shared: dict[int, tuple[object, object]] = {}  # a few pens serve many points
        for i, pen in enumerate(pens):
            if id(pen) not in shared:
                thick = self._thick(pen) if isinstance(pen, QtGui.QPen) else pen
                shared[id(pen)] = (pen, thick)
            pens[i] = shared[id(pen)][1]
        self._set[(id(item), "points")] = list(pens)
        item.invalidate()
