"""The GUI-side handle on a training thread: ``WorkerThread`` moves a ``LoopWorker``
(``gui.worker_base``) into its own ``QThread`` and turns method calls into queued slot calls.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal

from gui.worker_base import LoopWorker


class WorkerThread(QObject):
    """GUI-side handle on a ``LoopWorker`` in its own ``QThread``.

    Each method queues the matching worker slot, so it returns at once; results come back
    through the worker's signals (``thread.worker.<signal>``). Subclasses add the commands
    their worker has beyond pause, step, reset and stop.
    """

    _pause_requested = Signal()
    _step_requested = Signal(int)
    _reset_requested = Signal(object)
    _stop_requested = Signal()

    def __init__(self, worker: LoopWorker, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.qthread = QThread()
        self.qthread.setObjectName(name)
        worker.moveToThread(self.qthread)
        self.qthread.started.connect(worker.start)
        worker.finished.connect(self.qthread.quit, Qt.ConnectionType.DirectConnection)
        self.qthread.finished.connect(worker.deleteLater)
        self._forward(
            (self._pause_requested, worker.pause),
            (self._step_requested, worker.step),
            (self._reset_requested, worker.reset),
            (self._stop_requested, worker.stop),
        )

    @staticmethod
    def _forward(*pairs: tuple[Any, Any]) -> None:
        """Connect each request signal to the worker slot it queues."""
        for request, slot in pairs:
            request.connect(slot)

    def start(self) -> None:
        self.qthread.start()

    def pause(self) -> None:
        self._pause_requested.emit()

    def step(self, n: int = 1) -> None:
        self._step_requested.emit(int(n))

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
