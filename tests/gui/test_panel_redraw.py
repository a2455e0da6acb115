"""Panels that update only what changed draw the same as a panel drawing from scratch."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtWidgets

from gui.panels.graph import NetworkGraphPanel
from tests.gui.test_panels import make, snapshots


def node_colours(panel: NetworkGraphPanel) -> list[tuple[str, str]]:
    nodes = next(
        item
        for view in panel.findChildren(pg.GraphicsView)
        for item in view.scene().items()
        if isinstance(item, pg.ScatterPlotItem)
    )
    return [(point.brush().color().name(), point.pen().color().name()) for point in nodes.points()]


def test_graph_nodes_recoloured_in_place_match_a_fresh_drawing(qtbot):
    late = snapshots("digits", 60)[0]
    live = make(qtbot, NetworkGraphPanel)
    live.show_snapshot(late)
    live.findChild(QtWidgets.QSpinBox).setValue(7)
    before = node_colours(live)
    live.findChild(QtWidgets.QSpinBox).setValue(0)
    fresh = make(qtbot, NetworkGraphPanel)
    fresh.show_snapshot(late)
    assert node_colours(live) == node_colours(fresh) != before
