"""The Export dialog's animation part: GIF or MP4 of the next K steps or of steps N to M, a
frame every k steps, with a progress bar and Cancel. The recording itself is the dialog's
(``ExportDialog.record_animation``), which trains a fresh run and calls ``gui.animation``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets

if TYPE_CHECKING:
    from gui.export_dialog import ExportDialog


class AnimationBox(QtWidgets.QGroupBox):
    """Record the chosen panels as GIF or MP4: the next K steps, or steps N to M, a frame every
    k steps, with a progress bar and Cancel."""

    def __init__(self, dialog: ExportDialog) -> None:
        super().__init__(dialog.tr("Animation…"))
        self._dialog = dialog
        self.setCheckable(True)
        self.setChecked(False)
        self.format = QtWidgets.QComboBox()
        self.format.addItem("GIF", "gif")
        self.format.addItem(self.tr("MP4 (video)"), "mp4")
        self.next_steps = QtWidgets.QRadioButton(self.tr("The next"))
        self.next_steps.setChecked(True)
        self.count = spin_box(300, 1, 1_000_000)
        self.span = QtWidgets.QRadioButton(self.tr("From step"))
        self.start = spin_box(0, 0, 1_000_000)
        self.stop = spin_box(300, 0, 1_000_000)
        self.every = spin_box(10, 1, 100_000)
        self.every.setSuffix(self.tr(" steps"))
        self.path = QtWidgets.QLineEdit()
        self.progress = QtWidgets.QProgressBar()
        self.record_button = QtWidgets.QPushButton(self.tr("Record"))
        self.cancel_button = QtWidgets.QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.record_button.clicked.connect(self._on_record_clicked)
        self.cancel_button.clicked.connect(dialog.cancel_recording)
        self.format.currentIndexChanged.connect(lambda _: self.suggest(Path(self.path.text())))

        steps = QtWidgets.QGridLayout()
        steps.addWidget(self.next_steps, 0, 0)
        steps.addWidget(self.count, 0, 1)
        steps.addWidget(QtWidgets.QLabel(self.tr("steps")), 0, 2)
        steps.addWidget(self.span, 1, 0)
        steps.addWidget(self.start, 1, 1)
        steps.addWidget(QtWidgets.QLabel(self.tr("to")), 1, 2)
        steps.addWidget(self.stop, 1, 3)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.cancel_button)
        form = QtWidgets.QFormLayout(self)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Steps"), steps)
        form.addRow(self.tr("A frame every"), self.every)
        form.addRow(self.tr("Save as"), self.path)
        form.addRow(buttons)

    def suggest(self, stem: Path) -> None:
        self.path.setText(str(stem.with_suffix(f".{self.format.currentData()}")))

    def set_running(self, running: bool) -> None:
        self._dialog.export_button.setEnabled(not running)
        self.record_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        if not running:
            self.progress.reset()

    def _on_record_clicked(self) -> None:
        if self.next_steps.isChecked():
            start = self._dialog.newest_step()
            stop = start + self.count.value()
        else:
            start, stop = self.start.value(), self.stop.value()
        self._dialog.record_animation(self.path.text().strip(), start, stop, self.every.value())


def spin_box(value: int, low: int = 16, high: int = 16384) -> QtWidgets.QSpinBox:
    box = QtWidgets.QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    return box
