"""The default arrangement of the docks: readable at 1600×1000 with every panel visible.

Controls on the left, full height; then two rows: the network graph, the decision boundary and
the optimizer paths on top, the weight and activation histograms, the curves and the gradient
flow below. Panels not named here join the bottom row. The lessons tab shares the controls'
place; the X-ray floats in its own window and starts hidden.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

CONTROLS_WIDTH = 290
ROW_SHARES = (
    {"graph": 0.35, "decision": 0.3, "race": 0.35},
    {"weights": 0.26, "activations": 0.26, "curves": 0.25, "gradients": 0.23},
)
"""Each row's docks and their share of the row's width."""
BESIDE_CONTROLS = ("lessons",)
FLOATING = ("xray",)


def rows(docks: dict[str, QDockWidget]) -> list[list[str]]:
    top = [k for k in ROW_SHARES[0] if k in docks]
    apart = ("controls", *BESIDE_CONTROLS, *FLOATING)
    bottom = [k for k in docks if k not in top and k not in apart]
    return [row for row in (top, bottom) if row]


def arrange_default(window: QMainWindow, docks: dict[str, QDockWidget]) -> None:
    """Dock everything in the default arrangement (``docks["controls"]`` on the left)."""
    for dock in docks.values():
        window.removeDockWidget(dock)
        dock.setFloating(False)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, docks["controls"])
    for dock in docks.values():
        dock.show()
    for key in FLOATING:
        if key in docks:
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, docks[key])
            docks[key].setFloating(True)
            docks[key].resize(1280, 720)
            docks[key].hide()
    grid = rows(docks)
    h, v = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
    if grid:
        window.splitDockWidget(docks["controls"], docks[grid[0][0]], h)
    if len(grid) == 2:
        window.splitDockWidget(docks[grid[0][0]], docks[grid[1][0]], v)
    for row in grid:
        for before, after in pairwise(row):
            window.splitDockWidget(docks[before], docks[after], h)
    for key in BESIDE_CONTROLS:
        if key in docks:
            window.tabifyDockWidget(docks["controls"], docks[key])
    docks["controls"].raise_()
    if window.isVisible():
        size_docks(window, docks)


def size_docks(window: QMainWindow, docks: dict[str, QDockWidget]) -> None:
    """Give the docks of the default arrangement their shares of the window."""
    h, v = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
    window.resizeDocks([docks["controls"]], [CONTROLS_WIDTH], h)
    width = max(window.width() - CONTROLS_WIDTH - 20, 400)
    grid = rows(docks)
    for row, shares in zip(grid, ROW_SHARES, strict=False):
        weights = [shares.get(k, 1.0 / len(row)) for k in row]
        total = sum(weights)
        window.resizeDocks([docks[k] for k in row], [int(width * w / total) for w in weights], h)
    if len(grid) == 2:
        half = max(window.height() // 2, 200)
        window.resizeDocks([docks[grid[0][0]], docks[grid[1][0]]], [half, half], v)
