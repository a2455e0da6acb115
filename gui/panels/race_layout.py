"""Where the optimizer race puts things: its controls as a strip below the plot or a column
beside it, the plot at the surface's true aspect, and the legend in a corner that hides no path.

Pure functions of sizes and points (pixels unless said otherwise), except ``arrange_grid``,
which fills the controls' grid in the arrangement chosen; ``gui.panels.race`` measures its
widgets and asks here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from PySide6 import QtWidgets

from engine import surfaces
from engine.race import SurfaceRace

LEGEND_MARGIN = 8
LEGEND_PAD = 8.0
"""Air kept around the legend's box when counting what it hides: half a marker, and a little."""
CORNERS = ((1, 0), (1, 1), (0, 0), (0, 1))
"""Where the legend may sit, as (x, y) anchors in the view box, in order of preference:
top right, bottom right, top left, bottom left."""

Corner = tuple[int, int]
Size = tuple[int, int]


@dataclass(frozen=True, slots=True)
class ControlHints:
    """The controls' widgets as measured (size hints), all the geometry needs of them.

    ``pair`` is a runner's check box and rate box side by side (spacing included), ``row`` the
    height of a runner's row, ``hint_height(width)`` the wrapped hint's height at ``width``.
    """

    spacing: int
    pair: int
    row: int
    combo: Size
    buttons: Size
    status: Size
    hint_height: Callable[[int], int]


def controls_size(hints: ControlHints, runners: int, k: int, width: int = 0) -> tuple[Size, bool]:
    """The controls' (width, height) with ``runners`` runners in ``k`` columns, ``width`` wide
    at least, and whether the surface box and the buttons then take a row each."""
    sp = hints.spacing
    (combo_w, combo_h), (buttons_w, buttons_h) = hints.combo, hints.buttons
    one_row = combo_w + sp + buttons_w
    stacked = k == 1 or one_row > max(width, k * (hints.pair + sp) - sp)
    width = max(width, k * (hints.pair + sp) - sp, buttons_w, combo_w)
    if not stacked:
        width = max(width, one_row)
    top = combo_h + sp + buttons_h if stacked else max(combo_h, buttons_h)
    rows = -(-runners // k)
    status_w, status_h = hints.status
    if k == 1:
        foot = status_h + sp + hints.hint_height(width)
    else:
        foot = max(status_h, hints.hint_height(width - status_w - sp))
    height = top + sp + rows * (hints.row + sp) - sp + sp + foot
    return (width, height), stacked


def plot_area(width: float, height: float, overhead: tuple[float, float], aspect: float) -> float:
    """The view box's area when a plot at ``aspect`` (width over height) fits in ``width`` ×
    ``height`` with ``overhead`` pixels (x, y) of axes, title and margins around it."""
    ox, oy = overhead
    side = min(width - ox, (height - oy) * aspect)
    return max(side, 0.0) ** 2 / aspect


def choose_arrangement(
    hints: ControlHints,
    runners: int,
    room: Size,
    spacing: int,
    overhead: tuple[float, float],
    aspect: float,
) -> tuple[int, bool, bool]:
    """Runner columns, whether the controls stand beside the plot (else below it), and whether
    the surface box and the buttons take a row each: of the controls below the plot (in as
    many columns as fit ``room``) or in a column beside it, whichever leaves the surface's
    plot the larger area at its aspect."""
    width, height = room
    fits = [k for k in range(1, runners + 1) if controls_size(hints, runners, k)[0][0] <= width]
    k = max(fits, default=1)
    (_, below), stacked = controls_size(hints, runners, k, width)
    column_w, column_h = controls_size(hints, runners, 1)[0]
    beside = (
        plot_area(width - column_w - spacing, height, overhead, aspect)
        if column_h <= height
        else -1.0
    )
    if beside > plot_area(width, height - below - spacing, overhead, aspect):
        return 1, True, True
    return k, False, stacked


def fitted_plot(
    room: tuple[float, float], overhead: tuple[float, float], aspect: float
) -> tuple[float, float] | None:
    """The plot's (width, height), overhead included, at the surface's ``aspect`` and as
    large as ``room`` allows; None if the overhead leaves no room."""
    ox, oy = overhead
    w, h = room[0] - ox, room[1] - oy
    if w <= 0 or h <= 0:
        return None
    w = min(w, h * aspect)
    return w + ox, w / aspect + oy


def arrange_grid(
    grid: QtWidgets.QGridLayout,
    buttons: QtWidgets.QBoxLayout,
    surface_box: QtWidgets.QWidget,
    runners: Iterable[tuple[QtWidgets.QWidget, QtWidgets.QWidget]],
    status: QtWidgets.QWidget,
    hint: QtWidgets.QWidget,
    arrangement: tuple[int, bool, bool],
) -> None:
    """Lay the controls out in ``grid``: the surface box beside the ``buttons`` (or above
    them when ``stacked``), the runners' (check, rate) pairs in ``k`` columns that pack to the
    left, then the status and the hint; a column ``beside`` the plot keeps the hint at its
    foot."""
    k, beside, stacked = arrangement
    runners = list(runners)
    for check, rate in runners:
        grid.removeWidget(check)
        grid.removeWidget(rate)
    for widget in (surface_box, status, hint):
        grid.removeWidget(widget)
    grid.removeItem(buttons)
    buttons.removeWidget(surface_box)
    for i in range(grid.rowCount()):
        grid.setRowStretch(i, 0)
    for i in range(grid.columnCount()):
        grid.setColumnStretch(i, 0)
    span = 2 * k
    if stacked:
        grid.addWidget(surface_box, 0, 0, 1, span)
    else:
        buttons.insertWidget(0, surface_box)
    grid.addLayout(buttons, 1 if stacked else 0, 0, 1, span)
    row = 2 if stacked else 1
    rows = -(-len(runners) // k)
    for i, (check, rate) in enumerate(runners):
        grid.addWidget(check, row + i % rows, 2 * (i // rows))
        grid.addWidget(rate, row + i % rows, 2 * (i // rows) + 1)
    grid.setColumnStretch(span, 1)
    row += rows
    grid.addWidget(status, row, 0, 1, 2)
    if k == 1:
        grid.setRowStretch(row + 1, 1 if beside else 0)
        grid.addWidget(hint, row + 2, 0, 1, 2)
    else:
        grid.addWidget(hint, row, 2, 1, span - 1)


def segments(race: SurfaceRace, surface: surfaces.Surface) -> tuple[np.ndarray, np.ndarray]:
    """Every step of every path as a segment from ``a`` to ``b`` (each shape ``(n, 2)``), and
    the start and the minima as segments of no length: what the legend should not hide."""
    paths = [p for p in race.paths.values() if len(p)]
    marks = np.array([race.start, *surface.minima], dtype=float).reshape(-1, 2)
    a = np.concatenate([*(p[:-1] for p in paths), marks])
    b = np.concatenate([*(p[1:] for p in paths), marks])
    finite = np.isfinite(a).all(axis=1) & np.isfinite(b).all(axis=1)
    return a[finite], b[finite]


def crossing(a: np.ndarray, b: np.ndarray, box: tuple[float, float, float, float]) -> int:
    """How many segments ``a``–``b`` touch the rectangle ``box`` = (x0, x1, y0, y1): their
    bounding boxes overlap it and its corners do not all lie on one side of their line."""
    x0, x1, y0, y1 = box
    near = (
        (np.minimum(a[:, 0], b[:, 0]) <= x1)
        & (np.maximum(a[:, 0], b[:, 0]) >= x0)
        & (np.minimum(a[:, 1], b[:, 1]) <= y1)
        & (np.maximum(a[:, 1], b[:, 1]) >= y0)
    )
    a, d = a[near], b[near] - a[near]
    sides = [
        d[:, 0] * (cy - a[:, 1]) - d[:, 1] * (cx - a[:, 0]) for cx in (x0, x1) for cy in (y0, y1)
    ]
    sides = np.array(sides)
    return int(np.count_nonzero(~((sides > 0).all(axis=0) | (sides < 0).all(axis=0))))


def legend_box(
    corner: Corner,
    legend: tuple[float, float],
    view: tuple[float, float],
    view_range: tuple[tuple[float, float], tuple[float, float]],
) -> tuple[float, float, float, float]:
    """The data rectangle (x0, x1, y0, y1) a ``legend`` (width, height) anchored in ``corner``
    of a ``view`` box (width, height) showing ``view_range`` covers, with some air around."""
    (x0, x1), (y0, y1) = view_range
    sx, sy = (x1 - x0) / view[0], (y1 - y0) / view[1]  # data units per pixel
    left = LEGEND_MARGIN if corner[0] == 0 else view[0] - LEGEND_MARGIN - legend[0]
    top = LEGEND_MARGIN if corner[1] == 0 else view[1] - LEGEND_MARGIN - legend[1]
    right, bottom = left + legend[0] + LEGEND_PAD, top + legend[1] + LEGEND_PAD
    left, top = left - LEGEND_PAD, top - LEGEND_PAD
    return x0 + left * sx, x0 + right * sx, y1 - bottom * sy, y1 - top * sy


def legend_corner(
    occupied: tuple[np.ndarray, np.ndarray],
    legend: tuple[float, float],
    view: tuple[float, float],
    view_range: tuple[tuple[float, float], tuple[float, float]],
    current: Corner,
) -> tuple[Corner, int]:
    """The corner where the legend hides the fewest ``occupied`` segments (the ``current``
    one on a tie, then the preferred order of ``CORNERS``), and how many it hides there."""
    counts = {c: crossing(*occupied, legend_box(c, legend, view, view_range)) for c in CORNERS}
    corner = min(CORNERS, key=lambda c: (counts[c], c != current, CORNERS.index(c)))
    return corner, counts[corner]


def legend_offset(corner: Corner) -> tuple[int, int]:
    """The legend's offset from its ``corner``: ``LEGEND_MARGIN`` inwards on both axes."""
    return tuple(LEGEND_MARGIN if a == 0 else -LEGEND_MARGIN for a in corner)
