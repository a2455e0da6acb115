"""Switching the language of open windows live, and the English terms behind Korean labels.

``retranslate(root, old, new)`` walks every widget, action and plot label under ``root`` and
replaces each text that is a catalogue entry (or a filled-in template such as ``"step 12"``) in
language ``old`` with the same entry in ``new``. Text that is not in the catalogue (numbers, file
names, the lesson library's own texts) is left alone; the windows refresh what they build from
data themselves (panels redraw the newest snapshot, the lessons tab and the X-ray re-render).

In Korean, labels that name a course term carry the English term in their tooltip, where
students would search for it (``"학습률"`` → ``"learning rate"``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pyqtgraph as pg
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

from gui.i18n import SOURCE_LANGUAGE, retranslated, source_text

TERMS = (
    "activation function",
    "activation",
    "backpropagation",
    "batch normalisation",
    "batch norm",
    "bias",
    "cross-entropy",
    "decision boundary",
    "dropout",
    "epoch",
    "gradient",
    "hidden layer",
    "initialisation",
    "learning rate",
    "loss",
    "mini-batch",
    "momentum",
    "optimizer",
    "overfitting",
    "vanishing gradient",
    "validation",
    "weight decay",
    "weights",
    "weight",
    "accuracy",
    "softmax",
    "regularisation",
)
"""Course terms whose English name a Korean label shows in its tooltip (longest match wins)."""
_BASE_TIP = "nnlens_base_tooltip"


def terms_in(english: str) -> list[str]:
    """The course terms an English label names, without the shorter ones a longer one covers."""
    text = english.lower().replace("&", "")
    found: list[str] = []
    for term in sorted(TERMS, key=len, reverse=True):
        if term in text and not any(term in longer for longer in found):
            found.append(term)
    return found


# ---------------------------------------------------------------------- the walk
def retranslate(root: QObject, old: str, new: str) -> int:
    """Re-label everything under ``root`` (``root`` included) from ``old`` to ``new``; returns
    how many texts changed. ``old == new`` only refreshes the English-term tooltips."""
    changed = 0
    for obj in _objects(root):
        for get, put in _texts(obj):
            text = get()
            if not text:
                continue
            now = retranslated(text, old, new)
            if now != text:
                put(now)
                changed += 1
        if isinstance(obj, QWidget):
            _term_tooltip(obj, old, new)
    return changed


def _objects(root: QObject) -> Iterator[QObject]:
    yield root
    yield from root.findChildren(QObject)


def _texts(obj: QObject) -> Iterator[tuple[Callable[[], str], Callable[[str], None]]]:
    """(getter, setter) pairs of the user-visible texts of one object."""
    if isinstance(obj, QAction):
        yield obj.text, obj.setText
        if obj.toolTip() != obj.text().replace("&", ""):
            yield obj.toolTip, obj.setToolTip
        yield obj.statusTip, obj.setStatusTip
        yield obj.iconText, obj.setIconText
        return
    if not isinstance(obj, QWidget):
        return
    if obj.isWindow() or isinstance(obj, QDockWidget):
        yield obj.windowTitle, obj.setWindowTitle
    if isinstance(obj, QMenu):
        yield obj.title, obj.setTitle
    if obj.property(_BASE_TIP) is None:
        yield obj.toolTip, obj.setToolTip
    yield obj.statusTip, obj.setStatusTip
    if isinstance(obj, QLabel | QAbstractButton):
        yield obj.text, obj.setText
    if isinstance(obj, QGroupBox):
        yield obj.title, obj.setTitle
    if isinstance(obj, QLineEdit):
        yield obj.placeholderText, obj.setPlaceholderText
    if isinstance(obj, QAbstractSpinBox):
        yield from _spin_texts(obj)
    if isinstance(obj, QComboBox):
        for i in range(obj.count()):
            yield (lambda i=i: obj.itemText(i)), (lambda s, i=i: obj.setItemText(i, s))
    if isinstance(obj, QTabWidget):
        for i in range(obj.count()):
            yield (lambda i=i: obj.tabText(i)), (lambda s, i=i: obj.setTabText(i, s))
    if isinstance(obj, QTableWidget):
        yield from _table_headers(obj)
    if isinstance(obj, QTreeWidget):
        header = obj.headerItem()
        for i in range(obj.columnCount()):
            yield (lambda i=i: header.text(i)), (lambda s, i=i: header.setText(i, s))
    if isinstance(obj, pg.GraphicsView):
        yield from _plot_texts(obj)


def _spin_texts(box: QAbstractSpinBox) -> Iterator[tuple[Callable, Callable]]:
    yield box.specialValueText, box.setSpecialValueText
    if hasattr(box, "suffix"):
        yield box.suffix, box.setSuffix
        yield box.prefix, box.setPrefix


def _table_headers(table: QTableWidget) -> Iterator[tuple[Callable, Callable]]:
    for count, item in (
        (table.columnCount(), table.horizontalHeaderItem),
        (table.rowCount(), table.verticalHeaderItem),
    ):
        for i in range(count):
            header = item(i)
            if header is not None:
                yield header.text, header.setText
                yield header.toolTip, header.setToolTip


def _plot_texts(view: pg.GraphicsView) -> Iterator[tuple[Callable, Callable]]:
    """Axis labels, plot titles, legend entries and text items of a pyqtgraph view."""
    for item in view.scene().items():
        if isinstance(item, pg.AxisItem) and item.labelText:
            yield (
                lambda item=item: item.labelText,
                lambda s, item=item: item.setLabel(s, units=item.labelUnits or None),
            )
        elif isinstance(item, pg.LabelItem):
            yield (lambda item=item: item.text), (lambda s, item=item: item.setText(s))
        elif isinstance(item, pg.TextItem):
            yield item.toPlainText, item.setPlainText


def _term_tooltip(widget: QWidget, old: str, new: str) -> None:
    """In Korean, a label naming course terms keeps their English names in its tooltip."""
    if isinstance(widget, QLabel | QAbstractButton):
        label = widget.text()
    elif isinstance(widget, QGroupBox):
        label = widget.title()
    else:
        return
    english = source_text(label, new)
    terms = terms_in(english) if new != SOURCE_LANGUAGE and english != label else []
    base = widget.property(_BASE_TIP)
    if base is None:
        if not terms:
            return
        base = widget.toolTip()
    elif old != new:
        base = retranslated(str(base), old, new)
    widget.setProperty(_BASE_TIP, base if terms else None)
    tip = "\n".join(part for part in (str(base), " · ".join(terms)) if part)
    widget.setToolTip(tip)
