"""Which panels draw the newest snapshot on each display tick.

Drawing runs in the GUI thread and holds Python's interpreter lock, which the training thread
needs too. While training plays, two limits keep the window responsive and leave training its
share (a step, a pause or a reset is drawn at once, every panel in the same tick):

- per tick, panels draw for at most ``tick_budget`` seconds (longest-waiting panel first), so
  the event loop never stalls behind the whole dashboard;
- after a complete frame, the next snapshot is started only when the frame's drawing time
  (``show_snapshot`` plus the painting the window reports) is at most ``share`` of the time
  since that frame started, so a heavy dashboard redraws less often instead of starving
  training. A snapshot that arrives while a frame is still being drawn takes its place.

``delay`` says when the next tick can do anything, so the window can wake up then rather
than at its next fixed tick: a frame split over two 33 ms ticks, or a gap of 34 ms waiting
for a 66 ms tick, would halve the frame rate.
"""

from __future__ import annotations

import math
import statistics
import time
import traceback
from collections import deque
from collections.abc import Callable, Sequence

from engine.snapshot import Snapshot
from gui.panels.base import Panel

TICK_BUDGET = 0.008
DRAW_SHARE = 0.4


class FrameScheduler:
    """Hands snapshots to panels within the time limits above."""

    def __init__(
        self,
        panels: Sequence[Panel],
        is_visible: Callable[[Panel], bool],
        tick_budget: float = TICK_BUDGET,
        share: float = DRAW_SHARE,
    ) -> None:
        self.panels = list(panels)
        self.is_visible = is_visible
        self.tick_budget = tick_budget
        self.share = share
        self.frame_cost = 0.0
        """Drawing time of a frame: the median of the last few."""
        self._costs: deque[float] = deque(maxlen=5)
        self._drawn: dict[int, Snapshot] = {}
        self._drawn_at: dict[int, float] = {}
        self._complete: Snapshot | None = None
        self._started: Snapshot | None = None
        self._started_at = -1e9
        self._busy = 0.0
        self.failure: Exception | None = None
        """The first exception a panel raised while drawing, for the caller to re-raise."""
        self.running = False
        """Both limits apply while training plays; a step or a reset is drawn at once, whole."""

    def add_paint_time(self, seconds: float) -> None:
        self._busy += seconds

    def forget(self) -> None:
        """After a reset: every panel draws the next snapshot."""
        self._drawn.clear()

    def delay(self, snapshot: Snapshot) -> float | None:
        """Seconds until ``draw(snapshot)`` can make progress: 0 while a frame is under way,
        the rest of the gap after a complete one, None when every visible panel has drawn it."""
        if all(self._drawn.get(id(p)) is snapshot or not self.is_visible(p) for p in self.panels):
            return None
        if snapshot is self._started or self._started is not self._complete or not self.running:
            return 0.0
        gap = self.frame_cost / self.share
        return max(0.0, self._started_at + gap - time.perf_counter())

    def draw(self, snapshot: Snapshot) -> bool:
        """One tick; True when ``snapshot`` has just been drawn by every visible panel.

        A panel that raises is reported on stderr and kept in ``failure``; the others draw.
        """
        stale = [
            p for p in self.panels if self._drawn.get(id(p)) is not snapshot and self.is_visible(p)
        ]
        now = time.perf_counter()
        if stale and snapshot is not self._started:
            finished = self._started is self._complete
            gap = self.frame_cost / self.share if self.running else 0.0
            if finished and now - self._started_at < gap:
                return False
            self._started, self._started_at = snapshot, now
        stale.sort(key=lambda p: self._drawn_at.get(id(p), 0.0))
        budget = self.tick_budget if self.running else math.inf
        for panel in stale:
            begin = time.perf_counter()
            if begin - now >= budget:
                break
            try:
                panel.show_snapshot(snapshot)
            except Exception as exc:  # one broken panel must not stop the others
                self.failure = self.failure or exc
                traceback.print_exc()
            self._drawn[id(panel)] = snapshot
            self._drawn_at[id(panel)] = begin
            self._busy += time.perf_counter() - begin
        else:
            return self._finish(snapshot)
        return False

    def _finish(self, snapshot: Snapshot) -> bool:
        if snapshot is self._complete:
            return False
        self._complete = snapshot
        self._costs.append(self._busy)
        self.frame_cost = statistics.median(self._costs)
        self._busy = 0.0
        return True
