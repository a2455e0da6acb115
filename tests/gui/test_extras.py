"""The window's export, lessons, X-ray and timeline entries, reached as a user reaches them."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QKeySequence

from engine.presets import load_lesson


def _action(menu, text):
    for action in menu.actions():
        if action.text().replace("&", "") == text:
            return action
    raise AssertionError(f"no {text!r} in {[a.text() for a in menu.actions()]}")


def test_file_menu_offers_export_copy_and_the_worked_example(open_window):
    window = open_window()
    export = _action(window.menus.file, "Export figure…")
    assert export.shortcut() == QKeySequence("Ctrl+E")
    assert _action(window.menus.file, "Copy panel as image").shortcut() == QKeySequence(
        "Ctrl+Shift+C"
    )
    _action(window.menus.file, "Export worked example…")


def test_copy_panel_puts_an_image_of_it_on_the_clipboard(qtbot, open_window):
    from PySide6.QtGui import QGuiApplication

    window = open_window()
    window.panels[0].setFocus()
    window.extras.copy_panel()
    image = QGuiApplication.clipboard().image()
    assert not image.isNull() and image.width() > 300
    assert "copied" in window.statusBar().currentMessage()


def test_opening_a_lesson_loads_it_and_shows_its_comparison(qtbot, open_window):
    window = open_window()
    lesson = load_lesson("weight-init-sigmoid")
    with qtbot.waitSignal(
        window.frame_drawn,
        timeout=15_000,
        check_params_cb=lambda s: s.config.model.hidden == [100] * 5,
    ):
        window.extras.open_lesson(lesson)
    comparison = window.extras.comparison
    qtbot.waitUntil(comparison.isVisible, timeout=5000)
    assert comparison.labels == ["std 1", "std 0.01", "Xavier"]
    assert window.extras.lesson_pane.current_lesson().name == "weight-init-sigmoid"
    assert "weight-init-sigmoid" in window.windowTitle()


def test_xray_dock_gets_the_running_networks_state(qtbot, open_window):
    window = open_window()
    window.transport.step10.trigger()
    qtbot.waitUntil(lambda: window.newest_snapshot.step == 10, timeout=10_000)
    with qtbot.waitSignal(window.training.worker.state_ready, timeout=10_000):
        window.docks["xray"].show()
    qtbot.waitUntil(lambda: window.extras.xray.stepper is not None, timeout=5000)
    trainer = window.extras.xray.stepper.trainer
    assert trainer.step_count == 10
    np.testing.assert_array_equal(trainer.model.params["W1"], window.newest_snapshot.params["W1"])


def test_branch_from_the_timeline_overlays_original_and_branch(qtbot, open_window):
    window = open_window()
    window.transport.step10.trigger()
    qtbot.waitUntil(lambda: window.newest_snapshot.step == 10, timeout=10_000)
    with qtbot.waitSignal(window.training.worker.branched, timeout=10_000):
        window.extras.timeline.branch_requested.emit({"optimizer.lr": 0.1})
    qtbot.waitUntil(
        lambda: window.extras.branch_view is not None and window.extras.branch_view.isVisible(),
        timeout=5000,
    )
    assert len(window.extras.branch_view.labels()) == 2
