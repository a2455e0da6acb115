"""The one bridge between Qt and the engine: a worker that owns the ``Trainer`` in its own thread.

``TrainingWorker`` lives in a ``QThread`` (superqt's ``new_worker_qthread`` wiring). It trains
from a zero-interval ``QTimer`` of that thread, about ``tick_seconds`` of steps per tick, so the
queued commands the GUI sends (play, pause, step, reset, …) are handled between ticks and the
worker never stops listening. While running it emits each tick's ``StepStats`` as one list and a
``Snapshot`` at most at display rate; after every command while stepping it emits a snapshot.

``gui.training.TrainingThread`` is the GUI-side handle: it moves the worker into its thread
and turns method calls into queued slot calls.
"""

from __future__ import annotations

import math
import threading
import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from engine import checkpoint
from engine.config import ExperimentConfig
from engine.errors import NnlensError
from engine.snapshot import StepStats
from engine.trainer import Trainer

FRAME_SECONDS = 1 / 30
SNAPSHOT_SHARE = 0.35
DISPLAY_SHARE = 0.45
"""While training plays, snapshots and the drawing of them (the time the GUI reports busy)
take at most this share of the time, so training keeps the rest however slow either is."""
DISPLAY_TIMEOUT = 1.0
GUI_WAIT = 0.05


class TrainingWorker(QObject):
    """Owns the trainer; every public slot is a command the GUI may queue at any time."""

    steps_completed = Signal(list)
    snapshot_ready = Signal(object)
    diverged = Signal(str)
    error = Signal(str)
    running_changed = Signal(bool)
    reset_completed = Signal(object)
    checkpoint_ready = Signal(object)
    """A ``engine.checkpoint.Checkpoint`` of the run, on ``request_checkpoint``."""
    finished = Signal()

    def __init__(self, config: ExperimentConfig, tick_seconds: float = 0.01) -> None:
        super().__init__()
        self.tick_seconds = tick_seconds
        self.snapshot_share = SNAPSHOT_SHARE
        self.trainer: Trainer | None = None
        self._initial = config
        self._timer: QTimer | None = None
        self._running = False
        self._pending = 0
        self._speed = 0.0
        self._origin = (0.0, 0)
        self._display_ready = threading.Event()
        self._gui_idle = threading.Event()
        self._gui_idle.set()
        self._last_snapshot = (-math.inf, -1)
        self._snapshot_cost = 0.0
        self._draw_cost = 0.0
        self._busy_since: float | None = None
        self._busy_total = 0.0  # written by the GUI thread only
        self._busy_seen = 0.0

    # ------------------------------------------------------------------ commands
    @Slot()
    def start(self) -> None:
        """Runs in the worker thread when it starts: create the timer, build the first trainer."""
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_tick)
        self.reset(self._initial)

    @Slot()
    def play(self) -> None:
        if self.trainer is None or self._running:
            return
        if self.trainer.diverged:
            self.diverged.emit(self.trainer.diverged)
            return
        self._pending = 0
        self._set_running(True)
        self._restart_clock()
        self._wake()

    @Slot()
    def pause(self) -> None:
        if self._running or self._pending:
            self._halt()
            self._emit_snapshot()

    @Slot(int)
    def step(self, n: int = 1) -> None:
        """Queue ``n`` updates; they run at full speed, then a snapshot follows."""
        if self.trainer is None or n <= 0:
            return
        if self.trainer.diverged:
            self.diverged.emit(self.trainer.diverged)
            return
        if self._running:
            self._set_running(False)
        self._pending += n
        self._wake()

    @Slot()
    def step_epoch(self) -> None:
        """Updates up to the end of the current epoch (a whole epoch when at a boundary)."""
        if self.trainer is None:
            return
        per_epoch = self.trainer.steps_per_epoch
        done = self.trainer.step_count + self._pending
        self.step(-done % per_epoch or per_epoch)

    @Slot(object)
    def reset(self, config: ExperimentConfig | checkpoint.Checkpoint) -> None:
        """A new trainer for ``config``, or one continuing a saved ``Checkpoint``; on bad input
        ``error`` is emitted and nothing changes."""
        try:
            if isinstance(config, checkpoint.Checkpoint):
                trainer = config.trainer()
            else:
                trainer = Trainer(config)
        except NnlensError as exc:
            self.error.emit(str(exc))
            return
        except Exception as exc:  # an engine bug must not end the training thread
            self.error.emit(f"{type(exc).__name__}: {exc}")
            return
        self._halt()
        self.trainer = trainer
        self._last_snapshot = (-math.inf, -1)
        self.reset_completed.emit(trainer.config)
        self._emit_snapshot()

    @Slot(float)
    def set_speed(self, steps_per_second: float) -> None:
        """Steps per second while playing; 0 means as fast as possible."""
        self._speed = max(float(steps_per_second), 0.0)
        self._restart_clock()
        self._wake()

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

    @Slot()
    def stop(self) -> None:
        """Stop training for good; the thread quits once this returns."""
        self._halt()
        if self._timer is not None:
            self._timer.stop()
        self.finished.emit()

    def display_ready(self) -> None:
        """Thread-safe: the GUI has drawn the last snapshot and can take the next one."""
        self._display_ready.set()

    @property
    def gui_busy_seconds(self) -> float:
        """All the time the GUI has reported drawing (``set_gui_busy``) so far."""
        return self._busy_total

    def set_gui_busy(self, busy: bool) -> None:
        """Thread-safe: while the GUI draws, training waits between steps (up to ``GUI_WAIT``),
        so the two threads do not fight over the interpreter lock call by call. The time it
        draws counts towards ``DISPLAY_SHARE``."""
        if busy:
            self._busy_since = time.perf_counter()
            self._gui_idle.clear()
        else:
            if self._busy_since is not None:
                self._busy_total += time.perf_counter() - self._busy_since
                self._busy_since = None
            self._gui_idle.set()

    # ------------------------------------------------------------------ the loop
    def _on_tick(self) -> None:
        trainer = self.trainer
        if trainer is None or not (self._running or self._pending):
            self._timer.stop()
            return
        now = time.perf_counter()
        limit = self._pending or self._allowed(now)
        if limit <= 0:
            self._timer.setInterval(self._wait_ms(now))
            return
        stats = self._run(trainer, limit, now + self.tick_seconds)
        if self._pending:
            self._pending -= len(stats)
        if stats:
            self.steps_completed.emit(stats)
        if trainer.diverged:
            self._halt()
            self._emit_snapshot()
            self.diverged.emit(trainer.diverged)
        elif not self._running and not self._pending:
            self._timer.stop()
            self._emit_snapshot()
        elif self._running and self._snapshot_due():
            if not self._gui_idle.is_set():  # after the GUI's drawing, not against it for the lock
                self._gui_idle.wait(GUI_WAIT)
            self._emit_snapshot()
        self._timer.setInterval(0)

    def _run(self, trainer: Trainer, limit: int, deadline: float) -> list[StepStats]:
        stats: list[StepStats] = []
        idle = self._gui_idle
        while len(stats) < limit:
            if not idle.is_set():
                idle.wait(GUI_WAIT)
            result = trainer.step()
            if trainer.diverged:
                break
            stats.append(result)
            if time.perf_counter() >= deadline or (self._running and self._snapshot_due()):
                break  # a snapshot that falls due is taken after this step, not at the tick's end
        return stats

    def _allowed(self, now: float) -> int:
        """Steps the speed limit allows now (no limit at speed 0)."""
        if self._speed <= 0:
            return 1 << 30
        start, first_step = self._origin
        due = math.floor((now - start) * self._speed) + 1
        return due - (self.trainer.step_count - first_step)

    def _wait_ms(self, now: float) -> int:
        start, first_step = self._origin
        next_at = start + (self.trainer.step_count - first_step) / self._speed
        return max(1, math.ceil((next_at - now) * 1000))

    def _snapshot_due(self) -> bool:
        last_time, last_step = self._last_snapshot
        if self.trainer.step_count == last_step:
            return False
        elapsed = time.perf_counter() - last_time
        if not self._display_ready.is_set() and elapsed < DISPLAY_TIMEOUT:
            return False
        cost = self._snapshot_cost
        return elapsed >= max(
            FRAME_SECONDS, cost / self.snapshot_share, (cost + self._draw_cost) / DISPLAY_SHARE
        )

    def _emit_snapshot(self) -> None:
        trainer = self.trainer
        if trainer is None:
            return
        started = time.perf_counter()
        snapshot = trainer.snapshot(evaluate=not self._running)
        cost = time.perf_counter() - started
        self._snapshot_cost = _smooth(self._snapshot_cost, cost)
        busy, self._busy_seen = self._busy_total - self._busy_seen, self._busy_total
        self._draw_cost = _smooth(self._draw_cost, busy)  # the drawing of the last snapshot
        self._last_snapshot = (started, trainer.step_count)
        self._display_ready.clear()
        self.snapshot_ready.emit(snapshot)

    def _restart_clock(self) -> None:
        if self.trainer is not None:
            self._origin = (time.perf_counter(), self.trainer.step_count)

    def _wake(self) -> None:
        if self._timer is not None and (self._running or self._pending):
            self._timer.setInterval(0)
            self._timer.start()

    def _halt(self) -> None:
        self._pending = 0
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        if running != self._running:
            self._running = running
            self.running_changed.emit(running)


def _smooth(average: float, value: float) -> float:
    return value if average == 0 else 0.7 * average + 0.3 * value
