"""The GUI-side handle on the training thread (superqt's ``new_worker_qthread`` wiring)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal

from engine.config import ExperimentConfig
from gui.worker import TrainingWorker


class TrainingThread(QObject):
    """GUI-side handle on a ``TrainingWorker`` in its own ``QThread``.

    Each method queues the matching worker slot, so it returns at once; results come back
    through the worker's signals (``thread.worker.snapshot_ready`` and friends).
    """

    _play_requested = Signal()
    _pause_requested = Signal()
    _step_requested = Signal(int)
    _epoch_requested = Signal()
    _reset_requested = Signal(object)
    _speed_requested = Signal(float)
    _hyper_requested = Signal(dict)
    _stop_requested = Signal()

    def __init__(
        self, config: ExperimentConfig, tick_seconds: float = 0.01, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.worker = TrainingWorker(config, tick_seconds)
        self.qthread = QThread()
        self.qthread.setObjectName("nnlens training")
        self.worker.moveToThread(self.qthread)
        self.qthread.started.connect(self.worker.start)
        self.worker.finished.connect(self.qthread.quit, Qt.ConnectionType.DirectConnection)
        self.qthread.finished.connect(self.worker.deleteLater)
        for request, slot in (
            (self._play_requested, self.worker.play),
            (self._pause_requested, self.worker.pause),
            (self._step_requested, self.worker.step),
            (self._epoch_requested, self.worker.step_epoch),
            (self._reset_requested, self.worker.reset),
            (self._speed_requested, self.worker.set_speed),
            (self._hyper_requested, self.worker.set_hyper),
            (self._stop_requested, self.worker.stop),
        ):
            request.connect(slot)

    def start(self) -> None:
        self.qthread.start()

    def play(self) -> None:
        self._play_requested.emit()

    def pause(self) -> None:
        self._pause_requested.emit()

    def step(self, n: int = 1) -> None:
        self._step_requested.emit(n)

    def step_epoch(self) -> None:
        self._epoch_requested.emit()

    def reset(self, config: ExperimentConfig) -> None:
        self._reset_requested.emit(config)

    def set_speed(self, steps_per_second: float) -> None:
        self._speed_requested.emit(float(steps_per_second))

    def set_hyper(self, hyper: dict[str, Any]) -> None:
        self._hyper_requested.emit(dict(hyper))

    def display_ready(self) -> None:
        if self.is_running():
            self.worker.display_ready()

    @contextmanager
    def drawing(self) -> Iterator[None]:
        """Training steps aside while the GUI thread draws inside this block."""
        worker = self.worker if self.is_running() else None
        if worker is not None:
            worker.set_gui_busy(True)
        try:
            yield
        finally:
            if worker is not None:
                worker.set_gui_busy(False)

    def is_running(self) -> bool:
        return self.qthread.isRunning()

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Stop the worker and wait for its thread to end; True when it has."""
        if self.qthread.isRunning():
            self._stop_requested.emit()
            if not self.qthread.wait(timeout_ms):
                return False
        return True
