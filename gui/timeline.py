"""Rewind and branch in the GUI: a training worker that keeps a timeline of past states and its
thread handle (the bar that scrubs it is ``gui.timeline_bar.TimelineBar``, exported here too).

``TimelineWorker`` records a ``TrainerState`` after every step while stepping and about every
``record_seconds`` of training while running, under the timeline's memory budget. ``rewind``
goes back to the newest state at or before a step without losing the run's future (scrubbing
forward again works until training resumes from the past, which abandons that future);
``branch`` continues from the current state with changed optimizer settings and keeps the
original run for comparison. Resuming from a rewound state reproduces the original
continuation bit for bit (the engine's guarantee).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from engine.config import ExperimentConfig
from engine.errors import NnlensError
from engine.snapshot import Snapshot, StepStats
from engine.timeline import DEFAULT_BUDGET, Timeline
from engine.trainer import Trainer
from gui.timeline_bar import BranchDialog, TimelineBar
from gui.training import TrainingThread
from gui.worker import TrainingWorker

__all__ = ["BranchDialog", "Branched", "TimelineBar", "TimelineThread", "TimelineWorker"]

RECORD_SECONDS = 0.1


@dataclass(frozen=True)
class Branched:
    """A branch was made at ``step``: labels and snapshots of the original run (as far as it
    went) and of the branch, in that order."""

    step: int
    labels: tuple[str, str]
    snapshots: tuple[Snapshot, Snapshot]


def run_label(trainer: Trainer) -> str:
    o = trainer.config.optimizer
    return f"{o.name} η {o.lr:g}"


class TimelineWorker(TrainingWorker):
    """A ``TrainingWorker`` with a timeline of past states, ``rewind`` and ``branch``."""

    timeline_changed = Signal(list, object, object)
    """Recorded steps, bytes held, budget in bytes."""
    rewound = Signal(int)
    """The step of the state training went back to."""
    branched = Signal(object)
    """A ``Branched``."""
    state_ready = Signal(object, object)
    """``(config, TrainerState)`` of the current trainer, on ``request_state``."""

    def __init__(
        self,
        config: ExperimentConfig,
        tick_seconds: float = 0.01,
        budget_bytes: int = DEFAULT_BUDGET,
        record_seconds: float = RECORD_SECONDS,
    ) -> None:
        super().__init__(config, tick_seconds)
        self.timeline = Timeline(budget_bytes)
        self.record_seconds = record_seconds
        self.tip: Trainer | None = None  # the run the timeline follows (its furthest history)
        self._own: Trainer | None = None  # the trainer the timeline last saw or put in place
        self.original: Trainer | None = None  # the run a branch left
        self.records = 0
        self.record_time = 0.0
        self._recorded_at = -math.inf

    # ------------------------------------------------------------------ commands
    # The base class's slots (play, pause, step, reset, …) are not overridden: a queued call
    # reaches the slot the base class registered, so the timeline hooks into _halt and
    # _emit_snapshot, which every one of them goes through.

    @Slot(int)
    def rewind(self, step: int) -> None:
        """Go to the newest recorded state at or before ``step``; emits a snapshot."""
        if self.tip is None:
            return
        self._halt()
        state = self.timeline.at_or_before(step)
        if state is None:
            return
        if state.step == self.tip.step_count:
            trainer = self.tip
        else:
            try:
                trainer = self.tip.branch(state)  # a copy: the tip keeps the future
            except Exception as exc:  # an engine bug must not end the training thread
                self.error.emit(_message(exc))
                return
        self.trainer = self._own = trainer
        self._emit_snapshot()
        self.rewound.emit(state.step)

    @Slot(dict)
    def branch(self, changes: dict[str, Any]) -> None:
        """Continue from the current state with ``changes`` (``{"optimizer.name": "sgd",
        "optimizer.lr": 0.5}``); the run so far stays as ``original``. From a diverged run
        the branch continues from its last finite weights."""
        source = self.trainer
        if source is None:
            return
        state = source.state()
        if state.diverged:  # the last finite weights, continued with the new settings
            state = replace(state, diverged=None)
        try:
            branch = source.branch(state, changes)
        except Exception as exc:  # a bad setting (ConfigError) or an engine bug
            self.error.emit(_message(exc))
            return
        self.original = self.tip
        self.tip = self.trainer = self._own = branch
        self._record(branch)
        self._emit_timeline()
        info = Branched(
            branch.step_count,
            (run_label(self.original), run_label(branch)),
            (self.original.snapshot(), branch.snapshot()),
        )
        self._emit_snapshot()
        self.branched.emit(info)

    @Slot()
    def request_state(self) -> None:
        if self.trainer is not None:
            self.state_ready.emit(self.trainer.config, self.trainer.state())

    @property
    def record_cost(self) -> float:
        """Mean seconds per recorded state so far."""
        return self.record_time / self.records if self.records else math.nan

    # ------------------------------------------------------------------ the loop
    def _run(self, trainer: Trainer, limit: int, deadline: float) -> list[StepStats]:
        if trainer is not self.tip:
            self.tip = trainer  # training resumes from a rewound state: its old future goes
        if self._running:
            stats = super()._run(trainer, limit, deadline)
            if stats and time.perf_counter() - self._recorded_at >= self.record_seconds:
                self._record(trainer)
                self._emit_timeline()
            return stats
        stats: list[StepStats] = []
        while len(stats) < limit:
            done = super()._run(trainer, 1, math.inf)
            if not done:
                break
            stats += done
            self._record(trainer)
            if time.perf_counter() >= deadline:
                break
        if stats:
            self._emit_timeline()
        return stats

    def _halt(self) -> None:
        running = self._running
        super()._halt()
        trainer = self.trainer
        steps = self.timeline.steps
        if (
            running
            and trainer is self.tip
            and not trainer.diverged
            and steps
            and steps[-1] != trainer.step_count
        ):
            self._record(trainer)  # where a run was paused can be gone back to exactly
            self._emit_timeline()

    def _emit_snapshot(self) -> None:
        super()._emit_snapshot()
        trainer = self.trainer
        if trainer is not None and trainer is not self._own:  # reset: a new run
            self.tip, self.original, self._own = trainer, None, trainer
            self.timeline.clear()
            self._record(trainer)
            self._emit_timeline()

    def _record(self, trainer: Trainer) -> None:
        started = time.perf_counter()
        self.timeline.record(trainer.state())
        self._recorded_at = time.perf_counter()
        self.record_time += self._recorded_at - started
        self.records += 1

    def _emit_timeline(self) -> None:
        t = self.timeline
        self.timeline_changed.emit(t.steps, t.nbytes, t.budget)


def _message(exc: Exception) -> str:
    return str(exc) if isinstance(exc, NnlensError) else f"{type(exc).__name__}: {exc}"


class TimelineThread(TrainingThread):
    """``TrainingThread`` wired to a ``TimelineWorker``, with ``rewind``, ``branch`` and
    ``request_state``."""

    _rewind_requested = Signal(int)
    _branch_requested = Signal(dict)
    _state_requested = Signal()

    def __init__(
        self,
        config: ExperimentConfig,
        tick_seconds: float = 0.01,
        parent: QObject | None = None,
        budget_bytes: int = DEFAULT_BUDGET,
    ) -> None:
        worker = TimelineWorker(config, tick_seconds, budget_bytes)
        super().__init__(config, tick_seconds, parent, worker=worker)
        self._forward(
            (self._rewind_requested, worker.rewind),
            (self._branch_requested, worker.branch),
            (self._state_requested, worker.request_state),
        )

    def rewind(self, step: int) -> None:
        self._rewind_requested.emit(int(step))

    def branch(self, changes: dict[str, Any]) -> None:
        self._branch_requested.emit(dict(changes))

    def request_state(self) -> None:
        self._state_requested.emit()
