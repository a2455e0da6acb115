"""The one bridge between Qt and the engine: a worker that owns the ``Trainer`` in its own thread.

``TrainingWorker`` is a ``gui.worker_base.LoopWorker`` (the zero-interval timer loop, speed
limit, snapshot pacing and GUI handshake live there) that trains one ``Trainer``. While running
it emits each tick's ``StepStats`` as one list and a ``Snapshot`` at most at display rate; after
every command while stepping it emits a snapshot.

``gui.training.TrainingThread`` is the GUI-side handle: it moves the worker into its thread
and turns method calls into queued slot calls.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot

from engine import checkpoint
from engine.config import ExperimentConfig
from engine.errors import NnlensError
from engine.snapshot import Snapshot, StepStats
from engine.trainer import Trainer
from gui.worker_base import (
    DISPLAY_SHARE,
    DISPLAY_TIMEOUT,
    FRAME_SECONDS,
    GUI_WAIT,
    SNAPSHOT_SHARE,
    LoopWorker,
)

# the pacing constants stay importable from here, where they were defined before
__all__ = [
    "DISPLAY_SHARE",
    "DISPLAY_TIMEOUT",
    "FRAME_SECONDS",
    "GUI_WAIT",
    "SNAPSHOT_SHARE",
    "TrainingWorker",
]


class TrainingWorker(LoopWorker):
    """Owns the trainer; every public slot is a command the GUI may queue at any time."""

    steps_completed = Signal(list)
    snapshot_ready = Signal(object)
    reset_completed = Signal(object)
    checkpoint_ready = Signal(object)
    """A ``engine.checkpoint.Checkpoint`` of the run, on ``request_checkpoint``."""

    def __init__(self, config: ExperimentConfig, tick_seconds: float = 0.01) -> None:
        super().__init__(config, tick_seconds)
        self.trainer: Trainer | None = None

    # ------------------------------------------------------------------ commands
    @Slot()
    def play(self) -> None:
        self._play()

    @Slot()
    def step_epoch(self) -> None:
        """Updates up to the end of the current epoch (a whole epoch when at a boundary)."""
        if self.trainer is None:
            return
        per_epoch = self.trainer.steps_per_epoch
        done = self.trainer.step_count + self._pending
        self.step(-done % per_epoch or per_epoch)

    @Slot(dict)
    def set_hyper(self, hyper: dict[str, Any]) -> None:
        """Optimizer settings (``lr``, ``momentum``, …); they apply from the next step."""
        if self.trainer is None:
            return
        try:
            self.trainer.set_optimizer_hyper(**hyper)
        except NnlensError as exc:
            self.error.emit(str(exc))

    @Slot()
    def request_checkpoint(self) -> None:
        """Emit ``checkpoint_ready`` with the run as it is now (between two ticks)."""
        if self.trainer is not None:
            self.checkpoint_ready.emit(checkpoint.capture(self.trainer))

    # ------------------------------------------------------------------ LoopWorker hooks
    @property
    def _subject(self) -> Trainer | None:
        return self.trainer

    def _build(self, spec: ExperimentConfig | checkpoint.Checkpoint) -> Trainer:
        """A new trainer for a config, or one continuing a saved ``Checkpoint``."""
        if isinstance(spec, checkpoint.Checkpoint):
            return spec.trainer()
        return Trainer(spec)

    def _adopt(self, trainer: Trainer) -> None:
        self.trainer = trainer
        self.reset_completed.emit(trainer.config)

    def _ready(self) -> bool:
        if self.trainer is None:
            return False
        if self.trainer.diverged:
            self.diverged.emit(self.trainer.diverged)
            return False
        return True

    def _divergence(self) -> str | None:
        return self.trainer.diverged

    def _report(self, results: list[StepStats]) -> None:
        self.steps_completed.emit(results)

    def _take_snapshot(self, evaluate: bool) -> Snapshot:
        return self.trainer.snapshot(evaluate=evaluate)

    def _publish(self, snapshot: Snapshot) -> None:
        self.snapshot_ready.emit(snapshot)
