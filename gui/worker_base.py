"""What every training thread shares: a worker looping in its own ``QThread`` and its GUI handle.

``LoopWorker`` lives in a ``QThread`` (superqt's ``new_worker_qthread`` wiring). It trains
from a zero-interval ``QTimer`` of that thread, about ``tick_seconds`` of steps per tick, so the
queued commands the GUI sends (play, pause, step, reset, …) are handled between ticks and the
worker never stops listening. It keeps the speed limit, paces snapshots while playing (at most
at display rate, and within ``SNAPSHOT_SHARE`` / ``DISPLAY_SHARE`` of the time) and steps aside
while the GUI draws. A subclass says what it trains (``_subject``: anything with ``step()`` and
``step_count``), how it is built, what a snapshot is and which signals carry them.

``gui.worker_thread.WorkerThread`` is the GUI-side handle on such a worker.
"""

from __future__ import annotations

import math
import threading
import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from engine.errors import NnlensError

FRAME_SECONDS = 1 / 30
SNAPSHOT_SHARE = 0.35
DISPLAY_SHARE = 0.45
"""While training plays, snapshots and the drawing of them (the time the GUI reports busy)
take at most this share of the time, so training keeps the rest however slow either is."""
DISPLAY_TIMEOUT = 1.0
GUI_WAIT = 0.05


class LoopWorker(QObject):
    """The command loop; every public slot is a command the GUI may queue at any time.

    Subclasses declare ``reset_completed`` and their progress and snapshot signals, and
    implement the hooks below the ``hooks`` line.
    """

    diverged = Signal(str)
    error = Signal(str)
    running_changed = Signal(bool)
    finished = Signal()

    def __init__(self, initial: object, tick_seconds: float = 0.01) -> None:
        super().__init__()
        self.tick_seconds = tick_seconds
        self.snapshot_share = SNAPSHOT_SHARE
        self._initial = initial
        self._timer: QTimer | None = None
        self._running = False
        self._pending = 0
        self._until = 0
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
        """Runs in the worker thread when it starts: create the timer, build the first subject."""
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_tick)
        self.reset(self._initial)

    @Slot()
    def pause(self) -> None:
        if self._running or self._pending:
            self._halt()
            self._emit_snapshot()

    @Slot(int)
    def step(self, n: int = 1) -> None:
        """Queue ``n`` updates; they run at full speed, then a snapshot follows."""
        if n <= 0 or not self._ready():
            return
        if self._running:
            self._set_running(False)
        self._pending += n
        self._wake()

    @Slot(object)
    def reset(self, spec: Any) -> None:
        """Build afresh from ``spec``; on bad input ``error`` is emitted and nothing changes."""
        try:
            subject = self._build(spec)
        except NnlensError as exc:
            self.error.emit(str(exc))
            return
        except Exception as exc:  # an engine bug must not end the thread
            self.error.emit(f"{type(exc).__name__}: {exc}")
            return
        self._halt()
        self._last_snapshot = (-math.inf, -1)
        self._adopt(subject)
        self._emit_snapshot()

    @Slot(float)
    def set_speed(self, steps_per_second: float) -> None:
        """Steps per second while playing; 0 means as fast as possible."""
        self._speed = max(float(steps_per_second), 0.0)
        self._restart_clock()
        self._wake()

    @Slot()
    def stop(self) -> None:
        """Stop for good; the thread quits once this returns."""
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

    def _play(self, until: int = 0) -> None:
        """Train continuously; with ``until`` past the current step, pause on reaching it."""
        if self._running or not self._ready():
            return
        self._pending = 0
        self._until = until if until > self._subject.step_count else 0
        self._set_running(True)
        self._restart_clock()
        self._wake()

    # ------------------------------------------------------------------ hooks
    @property
    def _subject(self) -> Any:
        """What is trained (``step()``, ``step_count``), or None before the first build."""
        raise NotImplementedError

    def _build(self, spec: Any) -> Any:
        """A new subject for ``spec``; raises on bad input."""
        raise NotImplementedError

    def _adopt(self, subject: Any) -> None:
        """Make ``subject`` the one trained and emit ``reset_completed``."""
        raise NotImplementedError

    def _ready(self) -> bool:
        """Whether play or step may go on (a subclass may say why not)."""
        raise NotImplementedError

    def _divergence(self) -> str | None:
        """Why training stopped for good, once it has."""
        raise NotImplementedError

    def _report(self, results: list[Any]) -> None:
        """Emit the progress of one tick (``results`` of ``subject.step()``, never empty)."""
        raise NotImplementedError

    def _take_snapshot(self, evaluate: bool) -> Any:
        raise NotImplementedError

    def _publish(self, snapshot: Any) -> None:
        """Emit a snapshot ``_take_snapshot`` made."""
        raise NotImplementedError

    # ------------------------------------------------------------------ the loop
    def _on_tick(self) -> None:
        subject = self._subject
        if subject is None or not (self._running or self._pending):
            self._timer.stop()
            return
        now = time.perf_counter()
        limit = self._limit(now)
        if limit <= 0:
            self._timer.setInterval(self._wait_ms(now))
            return
        results = self._run(subject, limit, now + self.tick_seconds)
        if self._pending:
            self._pending -= len(results)
        if results:
            self._report(results)
        reason = self._divergence()
        if reason:
            self._halt()
            self._emit_snapshot()
            self.diverged.emit(reason)
        elif self._running and self._until and subject.step_count >= self._until:
            self._halt()
            self._emit_snapshot()
        elif not self._running and not self._pending:
            self._timer.stop()
            self._emit_snapshot()
        elif self._running and self._snapshot_due():
            if not self._gui_idle.is_set():  # after the GUI's drawing, not against it for the lock
                self._gui_idle.wait(GUI_WAIT)
            self._emit_snapshot()
        self._timer.setInterval(0)

    def _run(self, subject: Any, limit: int, deadline: float) -> list[Any]:
        results: list[Any] = []
        idle = self._gui_idle
        while len(results) < limit:
            if not idle.is_set():
                idle.wait(GUI_WAIT)
            result = subject.step()
            if self._divergence():
                break
            results.append(result)
            if time.perf_counter() >= deadline or (self._running and self._snapshot_due()):
                break  # a snapshot that falls due is taken after this step, not at the tick's end
        return results

    def _limit(self, now: float) -> int:
        """Steps this tick may run: what ``step`` queued, else what the speed limit allows."""
        if self._pending:
            return self._pending
        allowed = self._allowed(now)
        if self._until:
            return min(allowed, self._until - self._subject.step_count)
        return allowed

    def _allowed(self, now: float) -> int:
        """Steps the speed limit allows now (no limit at speed 0)."""
        if self._speed <= 0:
            return 1 << 30
        start, first_step = self._origin
        due = math.floor((now - start) * self._speed) + 1
        return due - (self._subject.step_count - first_step)

    def _wait_ms(self, now: float) -> int:
        start, first_step = self._origin
        next_at = start + (self._subject.step_count - first_step) / self._speed
        return max(1, math.ceil((next_at - now) * 1000))

    def _snapshot_due(self) -> bool:
        last_time, last_step = self._last_snapshot
        if self._subject.step_count == last_step:
            return False
        elapsed = time.perf_counter() - last_time
        if not self._display_ready.is_set() and elapsed < DISPLAY_TIMEOUT:
            return False
        cost = self._snapshot_cost
        return elapsed >= max(
            FRAME_SECONDS, cost / self.snapshot_share, (cost + self._draw_cost) / DISPLAY_SHARE
        )

    def _emit_snapshot(self) -> None:
        subject = self._subject
        if subject is None:
            return
        started = time.perf_counter()
        snapshot = self._take_snapshot(evaluate=not self._running)
        cost = time.perf_counter() - started
        self._snapshot_cost = _smooth(self._snapshot_cost, cost)
        busy, self._busy_seen = self._busy_total - self._busy_seen, self._busy_total
        self._draw_cost = _smooth(self._draw_cost, busy)  # the drawing of the last snapshot
        self._last_snapshot = (started, subject.step_count)
        self._display_ready.clear()
        self._publish(snapshot)

    def _restart_clock(self) -> None:
        if self._subject is not None:
            self._origin = (time.perf_counter(), self._subject.step_count)

    def _wake(self) -> None:
        if self._timer is not None and (self._running or self._pending):
            self._timer.setInterval(0)
            self._timer.start()

    def _halt(self) -> None:
        self._pending = 0
        self._until = 0
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        if running != self._running:
            self._running = running
            self.running_changed.emit(running)


def _smooth(average: float, value: float) -> float:
    return value if average == 0 else 0.7 * average + 0.3 * value
