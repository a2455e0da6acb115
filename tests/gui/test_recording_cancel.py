"""Stopping an animation recording from the Export dialog: Cancel keeps the dialog, closing it
(Esc, Close, the application quitting) closes it at once; neither writes a file or raises an
alarm about what the user asked for."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from gui.export_dialog import ExportDialog


@pytest.fixture
def recording_dialog(qtbot, xor_config, tmp_path, monkeypatch):
    """``(dialog, boxes)``: an Export dialog set to record 1,000 GIF frames of the loss panel
    into ``tmp_path``; ``boxes`` collects any warning box it would have shown."""
    boxes = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: boxes.append(args[2]))
    dialog = ExportDialog(lambda: None, lambda: xor_config, ["curves"], current="curves")
    qtbot.addWidget(dialog)
    box = dialog.animation
    box.setChecked(True)
    box.path.setText(str(tmp_path / "run.gif"))
    box.count.setValue(100_000)
    box.every.setValue(100)
    dialog.show()
    return dialog, boxes


def test_cancel_stops_the_recording_and_keeps_the_dialog(recording_dialog, tmp_path):
    dialog, boxes = recording_dialog
    QTimer.singleShot(300, dialog.animation.cancel_button.click)
    dialog.animation.record_button.click()  # returns once the recording has stopped
    assert boxes == []
    assert "cancelled" in dialog.status.text()
    assert dialog.isVisible() and dialog.animation.record_button.isEnabled()
    assert list(tmp_path.iterdir()) == []


def test_closing_the_dialog_stops_the_recording_and_closes(recording_dialog, tmp_path):
    dialog, boxes = recording_dialog
    QTimer.singleShot(300, dialog.close)
    dialog.animation.record_button.click()
    assert boxes == []
    assert not dialog.isVisible()
    assert list(tmp_path.iterdir()) == []
