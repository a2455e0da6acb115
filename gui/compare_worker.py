"""The Qt bridge for comparison runs: a worker that owns an ``engine.compare.Comparison``.

``CompareWorker`` is a ``gui.worker_base.LoopWorker`` (the zero-interval timer loop, snapshot
pacing and GUI handshake live there) that steps every variant in lockstep. While playing it
emits one list of snapshots (one per variant) at most at display rate; after a step or a pause
it emits them at once. ``CompareThread`` is the GUI-side handle, wired like
``gui.training.TrainingThread``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal, Slot

from engine.compare import Comparison, Variant
from engine.snapshot import Snapshot, StepStats
from gui.worker_base import FRAME_SECONDS, LoopWorker
from gui.worker_thread import WorkerThread


class CompareWorker(LoopWorker):
    """Owns the comparison; every public slot is a command the GUI may queue at any time."""

    snapshots_ready = Signal(list)
    """One ``Snapshot`` per variant, in the variants' order."""
    steps_completed = Signal(int)
    """The lockstep step count reached (cheap; at most at display rate)."""
    reset_completed = Signal(list)
    """The variants' labels after a (re)build."""

    def __init__(self, variants: Sequence[Variant], tick_seconds: float = 0.01) -> None:
        super().__init__(list(variants), tick_seconds)
        self.comparison: Comparison | None = None
        self._last_count = -math.inf

    @Slot(int)
    def play(self, until: int = 0) -> None:
        """Train continuously; with ``until`` > 0, pause on reaching that step."""
        self._play(until)

    # ------------------------------------------------------------------ LoopWorker hooks
    @property
    def _subject(self) -> Comparison | None:
        return self.comparison

    def _build(self, variants: Sequence[Variant]) -> Comparison:
        return Comparison(list(variants))

    def _adopt(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.reset_completed.emit(comparison.labels)

    def _ready(self) -> bool:
        return self.comparison is not None and not self._all_diverged()

    def _divergence(self) -> str | None:
        return self.tr("every variant diverged") if self._all_diverged() else None

    def _report(self, results: list[list[StepStats]]) -> None:
        now = time.perf_counter()
        if now - self._last_count >= FRAME_SECONDS:
            self._last_count = now
            self.steps_completed.emit(self.comparison.step_count)

    def _take_snapshot(self, evaluate: bool) -> list[Snapshot]:
        return [t.snapshot(evaluate=evaluate) for t in self.comparison.trainers]

    def _publish(self, snapshots: list[Snapshot]) -> None:
        self.steps_completed.emit(self.comparison.step_count)
        self.snapshots_ready.emit(snapshots)

    def _all_diverged(self) -> bool:
        return self.comparison is not None and all(t.diverged for t in self.comparison.trainers)


class CompareThread(WorkerThread):
    """GUI-side handle on a ``CompareWorker`` in its own ``QThread``: each method queues the
    matching worker slot and returns at once; results come back through ``self.worker``'s
    signals."""

    worker: CompareWorker

    _play_requested = Signal(int)

    def __init__(
        self,
        variants: Sequence[Variant],
        tick_seconds: float = 0.01,
        parent: QObject | None = None,
    ) -> None:
        worker = CompareWorker(variants, tick_seconds)
        super().__init__(worker, "nnlens comparison", parent)
        self._forward((self._play_requested, worker.play))

    def play(self, until: int = 0) -> None:
        self._play_requested.emit(int(until))

    def reset(self, variants: Sequence[Variant]) -> None:
        self._reset_requested.emit(list(variants))
