"""The Qt bridge for comparison runs: a worker that owns an ``engine.compare.Comparison``.

``CompareWorker`` lives in its own ``QThread`` and steps every variant in lockstep from a
zero-interval ``QTimer`` of that thread, about ``tick_seconds`` of work per tick, so the
commands the GUI queues (play, pause, step, reset, stop) are handled between ticks. While
playing it emits one list of snapshots (one per variant) at most at display rate; after a step
or a pause it emits them at once. ``CompareThread`` is the GUI-side handle, wired like
``gui.training.TrainingThread``.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from engine.compare import Comparison, Variant
from engine.errors import NnlensError

FRAME_SECONDS = 1 / 30
SNAPSHOT_SHARE = 0.35
DISPLAY_TIMEOUT = 1.0
GUI_WAIT = 0.05


class CompareWorker(QObject):
    """Owns the comparison; every public slot is a command the GUI may queue at any time."""

    snapshots_ready = Signal(list)
    """One ``Snapshot`` per variant, in the variants' order."""
    steps_completed = Signal(int)
    """The lockstep step count reached (cheap; at most at display rate)."""
    running_changed = Signal(bool)
    reset_completed = Signal(list)
    """The variants' labels after a (re)build."""
    diverged = Signal(str)
    error = Signal(str)
    finished = Signal()

    def __init__(self, variants: Sequence[Variant], tick_seconds: float = 0.01) -> None:
        super().__init__()
        self.tick_seconds = tick_seconds
        self.comparison: Comparison | None = None
        self._initial = list(variants)
        self._timer: QTimer | None = None
        self._running = False
        self._until = 0
        self._pending = 0
        self._display_ready = threading.Event()
        self._gui_idle = threading.Event()
        self._gui_idle.set()
        self._last_snapshot = (-math.inf, -1)
        self._last_count = -math.inf
        self._snapshot_cost = 0.0

    # ------------------------------------------------------------------ commands
    @Slot()
    def start(self) -> None:
        """Runs in the worker thread when it starts: create the timer, build the comparison."""
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_tick)
        self.reset(self._initial)

    @Slot(int)
    def play(self, until: int = 0) -> None:
        """Train continuously; with ``until`` > 0, pause on reaching that step."""
        if self.comparison is None or self._running:
            return
        if self._all_diverged():
            return
        self._pending = 0
        self._until = until if until > self.comparison.step_count else 0
        self._set_running(True)
        self._wake()

    @Slot()
    def pause(self) -> None:
        if self._running or self._pending:
            self._halt()
            self._emit_snapshots()

    @Slot(int)
    def step(self, n: int = 1) -> None:
        """Queue ``n`` lockstep updates; they run at full speed, then snapshots follow."""
        if self.comparison is None or n <= 0 or self._all_diverged():
            return
        if self._running:
            self._set_running(False)
        self._pending += n
        self._wake()

    @Slot(object)
    def reset(self, variants: Sequence[Variant]) -> None:
        """A fresh comparison of ``variants``; on bad input ``error`` is emitted and the current
        one stays."""
        try:
            comparison = Comparison(list(variants))
        except NnlensError as exc:
            self.error.emit(str(exc))
            return
        except Exception as exc:  # an engine bug must not end the thread
            self.error.emit(f"{type(exc).__name__}: {exc}")
            return
        self._halt()
        self.comparison = comparison
        self._last_snapshot = (-math.inf, -1)
        self.reset_completed.emit(comparison.labels)
        self._emit_snapshots()

    @Slot()
    def stop(self) -> None:
        """Stop for good; the thread quits once this returns."""
        self._halt()
        if self._timer is not None:
            self._timer.stop()
        self.finished.emit()

    def display_ready(self) -> None:
        """Thread-safe: the GUI has drawn the last snapshots and can take the next ones."""
        self._display_ready.set()

    def set_gui_busy(self, busy: bool) -> None:
        """Thread-safe: while the GUI draws, training waits between steps (up to ``GUI_WAIT``)."""
        if busy:
            self._gui_idle.clear()
        else:
            self._gui_idle.set()

    # ------------------------------------------------------------------ the loop
    def _on_tick(self) -> None:
        comparison = self.comparison
        if comparison is None or not (self._running or self._pending):
            self._timer.stop()
            return
        limit = self._pending or (1 << 30)
        if self._running and self._until:
            limit = self._until - comparison.step_count
        done = self._run(comparison, limit, time.perf_counter() + self.tick_seconds)
        if self._pending:
            self._pending = max(self._pending - done, 0)
        now = time.perf_counter()
        if done and now - self._last_count >= FRAME_SECONDS:
            self._last_count = now
            self.steps_completed.emit(comparison.step_count)
        if self._all_diverged():
            self._halt()
            self._emit_snapshots()
            self.diverged.emit(self.tr("every variant diverged"))
        elif self._running and self._until and comparison.step_count >= self._until:
            self._halt()
            self._emit_snapshots()
        elif not self._running and not self._pending:
            self._timer.stop()
            self._emit_snapshots()
        elif self._running and self._snapshot_due():
            self._emit_snapshots()

    def _run(self, comparison: Comparison, limit: int, deadline: float) -> int:
        done = 0
        idle = self._gui_idle
        while done < limit:
            if not idle.is_set():
                idle.wait(GUI_WAIT)
            comparison.step()
            done += 1
            if time.perf_counter() >= deadline or self._all_diverged():
                break
        return done

    def _all_diverged(self) -> bool:
        return self.comparison is not None and all(t.diverged for t in self.comparison.trainers)

    def _snapshot_due(self) -> bool:
        last_time, last_step = self._last_snapshot
        if self.comparison.step_count == last_step:
            return False
        elapsed = time.perf_counter() - last_time
        if not self._display_ready.is_set() and elapsed < DISPLAY_TIMEOUT:
            return False
        return elapsed >= max(FRAME_SECONDS, self._snapshot_cost / SNAPSHOT_SHARE)

    def _emit_snapshots(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        started = time.perf_counter()
        evaluate = not self._running
        snapshots = [t.snapshot(evaluate=evaluate) for t in comparison.trainers]
        finished = time.perf_counter()
        cost = finished - started
        self._snapshot_cost = (
            cost if self._snapshot_cost == 0 else 0.7 * self._snapshot_cost + 0.3 * cost
        )
        self._last_snapshot = (finished, comparison.step_count)
        self._display_ready.clear()
        self.steps_completed.emit(comparison.step_count)
        self.snapshots_ready.emit(snapshots)

    def _wake(self) -> None:
        if self._timer is not None and (self._running or self._pending):
            self._timer.start()

    def _halt(self) -> None:
        self._pending = 0
        self._until = 0
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        if running != self._running:
            self._running = running
            self.running_changed.emit(running)


class CompareThread(QObject):
    """GUI-side handle on a ``CompareWorker`` in its own ``QThread``: each method queues the
    matching worker slot and returns at once; results come back through ``self.worker``'s
    signals."""

    _play_requested = Signal(int)
    _pause_requested = Signal()
    _step_requested = Signal(int)
    _reset_requested = Signal(object)
    _stop_requested = Signal()

    def __init__(
        self,
        variants: Sequence[Variant],
        tick_seconds: float = 0.01,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = CompareWorker(variants, tick_seconds)
        self.qthread = QThread()
        self.qthread.setObjectName("nnlens comparison")
        self.worker.moveToThread(self.qthread)
        self.qthread.started.connect(self.worker.start)
        self.worker.finished.connect(self.qthread.quit, Qt.ConnectionType.DirectConnection)
        self.qthread.finished.connect(self.worker.deleteLater)
        for request, slot in (
            (self._play_requested, self.worker.play),
            (self._pause_requested, self.worker.pause),
            (self._step_requested, self.worker.step),
            (self._reset_requested, self.worker.reset),
            (self._stop_requested, self.worker.stop),
        ):
            request.connect(slot)

    def start(self) -> None:
        self.qthread.start()

    def play(self, until: int = 0) -> None:
        self._play_requested.emit(int(until))

    def pause(self) -> None:
        self._pause_requested.emit()

    def step(self, n: int = 1) -> None:
        self._step_requested.emit(int(n))

    def reset(self, variants: Sequence[Variant]) -> None:
        self._reset_requested.emit(list(variants))

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
