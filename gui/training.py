"""The GUI-side handle on the training thread (superqt's ``new_worker_qthread`` wiring)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from engine.config import ExperimentConfig
from gui.worker import TrainingWorker
from gui.worker_thread import WorkerThread


class TrainingThread(WorkerThread):
    """GUI-side handle on a ``TrainingWorker`` in its own ``QThread``.

    Each method queues the matching worker slot, so it returns at once; results come back
    through the worker's signals (``thread.worker.snapshot_ready`` and friends). ``worker``
    replaces the plain ``TrainingWorker`` built from ``config`` (a subclass's, say).
    """

    worker: TrainingWorker

    _play_requested = Signal()
    _epoch_requested = Signal()
    _speed_requested = Signal(float)
    _hyper_requested = Signal(dict)

    def __init__(
        self,
        config: ExperimentConfig,
        tick_seconds: float = 0.01,
        parent: QObject | None = None,
        *,
        worker: TrainingWorker | None = None,
    ) -> None:
        if worker is None:
            worker = TrainingWorker(config, tick_seconds)
        super().__init__(worker, "nnlens training", parent)
        self._forward(
            (self._play_requested, worker.play),
            (self._epoch_requested, worker.step_epoch),
            (self._speed_requested, worker.set_speed),
            (self._hyper_requested, worker.set_hyper),
        )

    def play(self) -> None:
        self._play_requested.emit()

    def step_epoch(self) -> None:
        self._epoch_requested.emit()

    def reset(self, config: ExperimentConfig) -> None:
        self._reset_requested.emit(config)

    def set_speed(self, steps_per_second: float) -> None:
        self._speed_requested.emit(float(steps_per_second))

    def set_hyper(self, hyper: dict[str, Any]) -> None:
        self._hyper_requested.emit(dict(hyper))
