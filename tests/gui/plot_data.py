"""Walk every plot item a window or panel draws and collect the non-finite values they hold.

A NaN or inf handed to pyqtgraph draws nothing, a broken line or an axis without ticks, and on
some paths makes it warn or raise; the panels are to keep them out. ``non_finite_items(widget)``
names every item whose data arrays (or view range) hold one.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

BAR_KEYS = ("x", "y", "x0", "y0", "x1", "y1", "height", "width")


def plot_items(widget: QWidget) -> Iterator[tuple[str, object]]:
    """``(where, item)`` for every graphics item in every pyqtgraph view under ``widget``."""
    views = widget.findChildren(pg.GraphicsView)
    if isinstance(widget, pg.GraphicsView):
        views.append(widget)
    for view in views:
        where = _owner(view)
        for item in view.scene().items():
            yield where, item


def data_arrays(item: object) -> dict[str, np.ndarray]:
    """The numeric data an item draws, by name; empty for items that hold none."""
    found: dict[str, object] = {}
    if isinstance(item, pg.PlotDataItem):
        found["x"], found["y"] = item.getOriginalDataset()
    elif isinstance(item, pg.PlotCurveItem):  # before GraphicsObject catch-alls: StepCurve, edges
        found["x"], found["y"] = item.xData, item.yData
    elif isinstance(item, pg.ScatterPlotItem):
        found["x"], found["y"] = item.data["x"], item.data["y"]
    elif isinstance(item, pg.BarGraphItem):
        found.update({key: item.opts.get(key) for key in BAR_KEYS})
    elif isinstance(item, pg.ImageItem):
        found["image"] = item.image
        if item.levels is not None:
            found["levels"] = item.levels
    elif isinstance(item, pg.IsocurveItem):
        found["level"] = item.level
    elif isinstance(item, pg.ViewBox):
        found["range"] = item.viewRange()
    arrays = {}
    for name, value in found.items():
        if value is None or (isinstance(value, float | int) and not isinstance(value, bool)):
            value = [] if value is None else [value]
        array = np.asarray(value)
        if array.dtype.kind in "fiuc":
            arrays[name] = array
    return arrays


def non_finite_items(widget: QWidget) -> list[str]:
    """One line per item whose data holds NaN or ±inf: where it is, its type and the array."""
    bad = []
    for where, item in plot_items(widget):
        for name, array in data_arrays(item).items():
            if array.size and not np.isfinite(array).all():
                bad.append(f"{where}: {type(item).__name__}.{name} has {_describe(array)}")
    return bad


def _describe(array: np.ndarray) -> str:
    nan, inf = int(np.isnan(array).sum()), int(np.isinf(array).sum())
    return f"{nan} NaN and {inf} inf of {array.size}"


def _owner(view: QWidget) -> str:
    """The panel (or other named widget) a view belongs to, for the message."""
    widget = view
    while widget is not None:
        key = getattr(widget, "key", "")
        if key:
            return key
        if widget.objectName():
            return widget.objectName()
        widget = widget.parentWidget()
    return type(view).__name__
