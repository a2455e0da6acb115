"""Every malformed file in tests/bad_files.py opened as a user opens it (File → Open, the Lessons
menu): a dialog with a one-line reason, and the experiment that was loaded keeps training."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from bad_files import CASES
from PySide6.QtWidgets import QMessageBox

from engine.presets import LESSON_DIR, load_lesson
from engine.trainer import Trainer
from gui.lesson_pane import LessonPane
from tests.gui import waiting

TIMEOUT = 10_000


def drawn_at(qtbot, window, step, action):
    return waiting.drawn_at(qtbot, window, step, action, TIMEOUT)


def dialog(qtbot, window) -> QMessageBox:
    """The error box the window shows (bad files found by the worker report a moment later)."""
    qtbot.waitUntil(
        lambda: (box := window.findChild(QMessageBox)) is not None and box.isVisible(),
        timeout=TIMEOUT,
    )
    return window.findChild(QMessageBox)


def trained_window(qtbot, open_window):
    """A window on the xor experiment, two steps in, with something to lose."""
    window = open_window()
    drawn_at(qtbot, window, 2, lambda: window.training.step(2))
    return window


def shown(window):
    """What the user sees of the experiment: the settings in the controls and the title."""
    return window.controls.config(), window.windowTitle(), window.isWindowModified()


def assert_still_the_xor_run(qtbot, window, xor_config, before):
    """The controls, the title and the file are as before, and the next step continues the same
    run: its weights are those of an independent trainer after three steps."""
    assert shown(window) == before
    assert window.path is None
    snapshot = drawn_at(qtbot, window, 3, window.transport.step.trigger)
    reference = Trainer(xor_config)
    reference.run(3)
    expected = reference.snapshot().params
    assert snapshot.params.keys() == expected.keys()
    for name in expected:
        np.testing.assert_array_equal(snapshot.params[name], expected[name], err_msg=name)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_file_open_of_a_bad_file_shows_why_and_keeps_the_experiment(
    qtbot, open_window, tmp_path, xor_config, case
):
    window = trained_window(qtbot, open_window)
    before = shown(window)
    path = case.make(tmp_path)
    window.open_experiment(path)  # what File → Open and Open recent call
    box = dialog(qtbot, window)
    assert box.text() == f"Cannot open {path.name}"
    reason = box.informativeText()
    assert "\n" not in reason.strip() and "Traceback" not in reason
    for word in case.words:
        assert word in reason, f"{word!r} missing from {reason!r}"
    box.close()
    assert window.extras.lesson is None
    assert_still_the_xor_run(qtbot, window, xor_config, before)


def test_a_lesson_whose_data_is_missing_changes_nothing(qtbot, open_window, tmp_path, xor_config):
    """The Lessons menu's Open: a lesson that loads but whose data file has gone."""
    case = next(c for c in CASES if c.id == "lesson-missing-data-file")
    lesson = load_lesson(case.make(tmp_path))
    window = trained_window(qtbot, open_window)
    before = shown(window)
    window.extras.lesson_pane.lesson_chosen.emit(lesson)  # the pane's "Open lesson" button
    box = dialog(qtbot, window)
    assert box.text() == "Cannot open the lesson Broken lesson"
    assert "gone.csv: no such file" in box.informativeText()
    box.close()
    assert window.extras.lesson is None
    assert not window.extras.comparison.isVisible()
    assert_still_the_xor_run(qtbot, window, xor_config, before)


def test_file_open_of_a_lesson_file_opens_the_lesson(qtbot, open_window, tmp_path):
    path = tmp_path / "my-xor.toml"
    shutil.copy(LESSON_DIR / "xor.toml", path)
    window = trained_window(qtbot, open_window)
    drawn_at(qtbot, window, 0, lambda: window.open_experiment(path))
    assert window.extras.lesson.path == path
    assert "XOR needs a hidden layer" in window.extras.lesson_pane.text.toPlainText()
    qtbot.waitUntil(window.extras.comparison.isVisible, timeout=TIMEOUT)
    assert window.extras.comparison.labels == ["no hidden layer", "hidden 4-4 tanh"]
    assert window.path is None  # Save asks for a file: it would write no [lesson] table


def test_the_lesson_list_shows_a_broken_lesson_file_disabled_with_its_reason(
    qtbot, tmp_path, monkeypatch
):
    folder = tmp_path / "lessons"
    folder.mkdir()
    shutil.copy(LESSON_DIR / "xor.toml", folder / "xor.toml")
    broken = next(c for c in CASES if c.id == "lesson-unknown-key")
    broken.make(folder).rename(folder / "broken.toml")
    monkeypatch.setattr("engine.presets.LESSON_DIR", folder)
    pane = LessonPane()
    qtbot.addWidget(pane)
    index = pane.picker.findData("broken")
    assert pane.picker.itemText(index) == "broken (cannot be read)"
    assert not pane.picker.model().item(index).isEnabled()
    assert "lesson.explain: unknown setting" in pane.picker.itemData(index, 3)  # tool tip
    assert [lesson.name for lesson in pane.lessons()] == ["xor"]
