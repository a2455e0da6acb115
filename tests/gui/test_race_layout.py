"""The optimizer race's layout: the plot gets the room and keeps the surface's true shape, the
controls move below or beside it as the dock's shape asks, and the legend hides no path."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("pytestqt")
pg = pytest.importorskip("pyqtgraph")

from PySide6 import QtCore, QtWidgets  # noqa: E402

from engine import surfaces  # noqa: E402
from engine.presets import load_lesson  # noqa: E402
from engine.trainer import Trainer  # noqa: E402
from gui.panels.race import OptimizerRacePanel  # noqa: E402
from gui.theme import DARK, SLIDE  # noqa: E402


def show(qtbot, width: int, height: int, steps: int = 300) -> OptimizerRacePanel:
    panel = OptimizerRacePanel()
    qtbot.addWidget(panel)
    panel.apply_theme(DARK)
    panel.resize(width, height)
    panel.show()
    qtbot.waitExposed(panel)
    step = next(b for b in panel.findChildren(QtWidgets.QPushButton) if b.text() == "Step")
    for _ in range(steps):
        step.click()
    settle(qtbot)
    return panel


def settle(qtbot) -> None:
    for _ in range(3):
        qtbot.wait(10)


def view_box(panel: QtWidgets.QWidget) -> pg.ViewBox:
    view = panel.findChild(pg.GraphicsLayoutWidget)
    return view.ci.getItem(0, 0).vb


def box_rect(panel: QtWidgets.QWidget) -> QtCore.QRect:
    """The view box (the surface's drawing area) in the panel's pixels."""
    vb = view_box(panel)
    view = panel.findChild(pg.GraphicsLayoutWidget)
    rect = view.mapFromScene(vb.sceneBoundingRect()).boundingRect()
    return QtCore.QRect(view.mapTo(panel, rect.topLeft()), rect.size())


def pixels_per_unit(vb: pg.ViewBox) -> tuple[float, float]:
    """Scene pixels for one unit of x and one of y, from pyqtgraph's own mapping."""
    origin = vb.mapViewToScene(QtCore.QPointF(0.0, 0.0))
    x = vb.mapViewToScene(QtCore.QPointF(1.0, 0.0)) - origin
    y = vb.mapViewToScene(QtCore.QPointF(0.0, 1.0)) - origin
    return float(np.hypot(x.x(), x.y())), float(np.hypot(y.x(), y.y()))


def assert_true_shape_without_blank_bands(vb: pg.ViewBox, surface: surfaces.Surface) -> None:
    px, py = pixels_per_unit(vb)
    assert px == pytest.approx(py, rel=0.01)  # a circle would be drawn round
    (x0, x1), (y0, y1) = surface.bounds
    (v0, v1), (w0, w1) = vb.viewRange()
    assert v0 <= x0 + 1e-9 and v1 >= x1 - 1e-9 and w0 <= y0 + 1e-9 and w1 >= y1 - 1e-9
    assert (v1 - v0) <= 1.03 * (x1 - x0) and (w1 - w0) <= 1.03 * (y1 - y0)


def play_button(panel: QtWidgets.QWidget) -> QtWidgets.QPushButton:
    return next(b for b in panel.findChildren(QtWidgets.QPushButton) if b.text() == "Play")


def rect_in(panel: QtWidgets.QWidget, widget: QtWidgets.QWidget) -> QtCore.QRect:
    return QtCore.QRect(widget.mapTo(panel, QtCore.QPoint(0, 0)), widget.size())


def points_under_legend(panel: OptimizerRacePanel) -> int:
    """Path points (and segment midpoints) inside the legend's box on screen."""
    vb = view_box(panel)
    legend = next(i for i in vb.childItems() if isinstance(i, pg.LegendItem))
    box = legend.sceneBoundingRect()
    count = 0
    for path in panel.race.paths.values():
        path = path[np.isfinite(path).all(axis=1)]
        dense = np.concatenate([path, (path[1:] + path[:-1]) / 2])
        for x, y in dense:
            count += box.contains(vb.mapViewToScene(QtCore.QPointF(x, y)))
    return count


def legend_of(panel: OptimizerRacePanel) -> pg.LegendItem:
    return next(i for i in view_box(panel).childItems() if isinstance(i, pg.LegendItem))


# ---------------------------------------------------------------------------- the window
def test_at_1600_by_1000_the_plot_takes_most_of_the_dock_at_the_bowls_true_shape(open_window):
    """Before, the side column took half the dock and the bowl was drawn round in a view box
    about a third of the dock wide; the controls now sit below it as a strip."""
    window = open_window()
    panel = next(p for p in window.panels if p.key == "race")
    box = box_rect(panel)
    assert box.width() >= 0.75 * panel.width()
    assert_true_shape_without_blank_bands(view_box(panel), surfaces.get("book"))
    assert rect_in(panel, play_button(panel)).top() > box.bottom()  # controls below
    for widget in panel.findChildren(QtWidgets.QAbstractSpinBox):
        assert panel.rect().contains(rect_in(panel, widget))  # none cut off


# ---------------------------------------------------------------------------- adapting
@pytest.mark.parametrize(
    ("size", "surface", "beside"),
    [
        ((440, 430), "book", False),  # the dashboard's dock: a strip below
        ((1500, 850), "book", False),  # the comparison window: the wide bowl fills its width
        ((1200, 420), "book", True),  # a short wide dock: a column beside
        ((1300, 800), "rosenbrock", True),  # a square surface in a wide window
        ((300, 700), "book", False),  # a tall narrow dock
    ],
)
def test_controls_go_where_they_leave_the_plot_the_most_room(qtbot, size, surface, beside):
    panel = show(qtbot, *size, steps=5)
    combo = panel.findChild(QtWidgets.QComboBox)
    combo.setCurrentIndex(combo.findData(surface))
    settle(qtbot)
    box, play = box_rect(panel), rect_in(panel, play_button(panel))
    if beside:
        assert play.left() > box.right()
    else:
        assert play.top() > box.bottom()
    assert_true_shape_without_blank_bands(view_box(panel), surfaces.get(surface))
    for widget in panel.findChildren(QtWidgets.QWidget):
        if widget.isVisibleTo(panel) and isinstance(widget, QtWidgets.QAbstractSpinBox):
            assert panel.rect().contains(rect_in(panel, widget)), size


def test_resizing_moves_the_controls_back_and_forth(qtbot):
    panel = show(qtbot, 440, 430, steps=5)
    assert rect_in(panel, play_button(panel)).top() > box_rect(panel).bottom()
    panel.resize(1200, 420)
    settle(qtbot)
    assert rect_in(panel, play_button(panel)).left() > box_rect(panel).right()
    panel.resize(440, 430)
    settle(qtbot)
    assert rect_in(panel, play_button(panel)).top() > box_rect(panel).bottom()


def test_at_its_minimum_size_every_control_is_whole(qtbot):
    panel = show(qtbot, 600, 600, steps=5)
    panel.resize(panel.minimumSizeHint())
    settle(qtbot)
    assert panel.minimumSizeHint().width() <= 440 and panel.minimumSizeHint().height() <= 430
    controls = (QtWidgets.QAbstractButton, QtWidgets.QAbstractSpinBox, QtWidgets.QComboBox)
    for widget in panel.findChildren(QtWidgets.QWidget):
        if isinstance(widget, controls) and widget.isVisibleTo(panel):
            assert panel.rect().contains(rect_in(panel, widget)), widget


# ---------------------------------------------------------------------------- the legend
@pytest.mark.parametrize("size", [(1500, 850), (1200, 420), (800, 500), (440, 430)])
def test_the_legend_hides_no_path(qtbot, size):
    panel = show(qtbot, *size)
    legend = legend_of(panel)
    assert not legend.isVisible() or points_under_legend(panel) == 0
    if size[0] >= 800:  # room for a clear corner
        assert legend.isVisible()


def test_a_hidden_legend_leaves_the_divergence_in_the_status_line(qtbot):
    panel = show(qtbot, 440, 430, steps=0)
    rate = panel.findChildren(QtWidgets.QDoubleSpinBox)[0]  # SGD: y ← (1 − 2η) y
    rate.setValue(1.5)
    step = next(b for b in panel.findChildren(QtWidgets.QPushButton) if b.text() == "Step")
    for _ in range(300):
        step.click()
    settle(qtbot)
    assert "SGD" in panel.race.diverged_at
    shown = [w.text() for w in panel.findChildren(QtWidgets.QLabel) if w.isVisibleTo(panel)]
    n = panel.race.diverged_at["SGD"]
    assert any(f"SGD diverged at step {n}" in text for text in shown)


# ---------------------------------------------------------------------------- the figure
def test_the_slide_figure_keeps_the_bowls_shape_and_a_clear_legend():
    from gui.figure import Figure

    lesson = load_lesson("optimizer-race")
    trainer = Trainer(lesson.config)
    trainer.run(30)
    figure = Figure(["race"], (1600, 900), SLIDE, lesson.race)
    try:
        figure.show_snapshot(trainer.snapshot())
        figure.image()
        panel = figure.panels[0]
        vb = view_box(panel)
        assert vb.width() >= 0.9 * panel.width()
        assert_true_shape_without_blank_bands(vb, surfaces.get(lesson.race.surface))
        assert legend_of(panel).isVisible() and points_under_legend(panel) == 0
    finally:
        figure.close()


@pytest.mark.parametrize("size", [(600, 200), (1200, 300), (300, 120)])
def test_a_race_panel_squeezed_below_its_minimum_does_not_crash(qtbot, size):
    """Fitting the plot resized the view box, which asked for a fit again, until the stack
    overflowed (a segmentation fault below 301 px of height)."""
    from gui.panels.race import OptimizerRacePanel

    panel = OptimizerRacePanel()
    qtbot.addWidget(panel)
    panel.resize(900, 500)
    panel.show()
    qtbot.wait(20)
    panel.resize(*size)
    qtbot.wait(20)
    panel._advance(50)
    qtbot.wait(20)
    assert panel.grab().width() == size[0]
