"""The timeline bar: a slider over the recorded steps (scrubbing asks the worker to rewind), the
memory the timeline holds, and "Branch from here…" with its small dialog."""

from __future__ import annotations

import bisect
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QWidget,
)

from engine.snapshot import Snapshot
from engine.timeline import DEFAULT_BUDGET
from gui import names
from gui.widgets import SciSpinBox, combo_box, select

SCRUB_MS = 80


class TimelineBar(QWidget):
    """A slider over the recorded steps (scrubbing asks for rewinds), the memory the
    timeline holds, and "Branch from here…"."""

    rewind_requested = Signal(int)
    branch_requested = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.steps: list[int] = [0]
        self.current = 0
        self.optimizer = ("adam", 0.001)
        self.dialog: BranchDialog | None = None
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.setToolTip(self.tr("Drag back to see the network at an earlier step"))
        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self.slider.sliderReleased.connect(self._on_slider_released)
        self.step_label = QLabel()
        self.memory = QLabel()
        for label, widest in (
            (self.step_label, "step 000000 (of 000000)"),
            (self.memory, "timeline 000.0 MB of 000 MB"),
        ):
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance(widest) + 8)  # no jumps
        self.branch_button = QPushButton(self.tr("Branch from here…"))
        self.branch_button.clicked.connect(self.open_branch_dialog)
        self._scrub = QTimer(self)
        self._scrub.setSingleShot(True)
        self._scrub.setInterval(SCRUB_MS)
        self._scrub.timeout.connect(self._send_rewind)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.step_label)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.memory)
        self.memory.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.branch_button)
        self.set_timeline([0], 0, DEFAULT_BUDGET)

    def set_timeline(self, steps: list[int], nbytes: int, budget: int) -> None:
        """From ``TimelineWorker.timeline_changed``."""
        self.steps = list(steps) or [0]
        self.memory.setText(
            self.tr("timeline {used:.1f} MB of {budget:.0f} MB").format(
                used=nbytes / 2**20, budget=budget / 2**20
            )
        )
        self._follow()

    def set_current_step(self, step: int) -> None:
        """The step the panels show (from each snapshot, or ``rewound``)."""
        self.current = int(step)
        self._follow()

    def show_snapshot(self, snapshot: Snapshot) -> None:
        o = snapshot.config.optimizer
        self.optimizer = (o.name, o.lr)
        self.set_current_step(snapshot.step)

    def open_branch_dialog(self) -> BranchDialog:
        """Ask for the branch's optimizer and learning rate (non-blocking)."""
        self.dialog = BranchDialog(*self.optimizer, self.current, self)
        self.dialog.accepted.connect(lambda: self.branch_requested.emit(self.dialog.changes()))
        self.dialog.open()
        return self.dialog

    def _follow(self) -> None:
        if self.slider.isSliderDown() or self._scrub.isActive():
            return
        index = max(bisect.bisect_right(self.steps, self.current) - 1, 0)
        self.slider.blockSignals(True)
        self.slider.setRange(0, len(self.steps) - 1)
        self.slider.setValue(index)
        self.slider.blockSignals(False)
        self._show_step(self.current)

    def _show_step(self, step: int) -> None:
        newest = self.steps[-1]
        text = self.tr("step {s}").format(s=step)
        if step < newest:
            text += self.tr(" (of {n})").format(n=newest)
        self.step_label.setText(text)

    def _on_slider_value_changed(self, index: int) -> None:
        self._show_step(self.steps[index])
        if not self._scrub.isActive():
            self._scrub.start()  # at most one rewind per SCRUB_MS while dragging

    def _on_slider_released(self) -> None:
        self._scrub.stop()
        self._send_rewind()

    def _send_rewind(self) -> None:
        step = self.steps[self.slider.value()]
        self.current = step
        self.rewind_requested.emit(step)


class BranchDialog(QDialog):
    """``changes()`` gives the settings as dotted config keys for ``Trainer.branch``."""

    def __init__(self, optimizer: str, lr: float, step: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Branch from step {s}").format(s=step))
        self.optimizer = combo_box(names.optimizers())
        select(self.optimizer, optimizer)
        self.lr = SciSpinBox(1e-8, 1e3, floor=1e-5)
        self.lr.setValue(lr)
        note = QLabel(
            self.tr(
                "Training continues from step {s} with these settings; the original run is "
                "kept so the two can be compared."
            ).format(s=step)
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow(self.tr("Optimizer"), self.optimizer)
        form.addRow(self.tr("Learning rate η"), self.lr)
        form.addRow(buttons)

    def changes(self) -> dict[str, Any]:
        return {"optimizer.name": self.optimizer.currentData(), "optimizer.lr": self.lr.value()}
