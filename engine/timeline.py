"""Rewind: past training states kept under a memory budget, densest for recent steps.

A ``TrainerState`` holds everything that decides how training continues: parameters,
optimizer state, both random streams, batch-norm running statistics, the epoch's batch order
and how long each history was. Restoring one and stepping on reproduces the original run bit
for bit; restoring it with changed settings branches the run.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

import numpy as np

DEFAULT_BUDGET = 64 * 2**20  # about 60 states of the digits 64-(100×5)-10 Adam net
RECENT = 16  # the newest states are never thinned


@dataclass(frozen=True)
class TrainerState:
    step: int
    epoch: int
    theta: np.ndarray
    optimizer: dict[str, Any]
    batch_rng: dict[str, Any]
    dropout_rng: dict[str, Any]
    running: dict[int, tuple[np.ndarray, np.ndarray]]
    order: np.ndarray
    cursor: int
    first_loss: float | None
    diverged: str | None
    lengths: dict[str, int]
    grad_norms: int
    path: int | None
    latest: tuple[float, float, float, float]
    curves: tuple | None = None  # the learning curves' mark (engine.history_series.Curves)

    @property
    def nbytes(self) -> int:
        arrays = [self.theta, self.order]
        arrays += [a for pair in self.running.values() for a in pair]
        for state in self.optimizer["state"].values():
            arrays += [v for v in state.values() if isinstance(v, np.ndarray)]
        return sum(a.nbytes for a in arrays) + 2048  # + the small Python objects


class Timeline:
    """States by step. When over budget, the state whose loss matters least goes: the one
    with the smallest gap to its neighbours relative to its age, so spacing grows with age."""

    def __init__(self, budget_bytes: int = DEFAULT_BUDGET) -> None:
        self.budget = int(budget_bytes)
        self._steps: list[int] = []
        self._states: list[TrainerState] = []
        self.nbytes = 0

    def __len__(self) -> int:
        return len(self._states)

    @property
    def steps(self) -> list[int]:
        return list(self._steps)

    def record(self, state: TrainerState) -> None:
        """Keep ``state``; states after it (an abandoned future after a rewind) are dropped."""
        cut = bisect.bisect_left(self._steps, state.step)
        for dropped in self._states[cut:]:
            self.nbytes -= dropped.nbytes
        del self._steps[cut:], self._states[cut:]
        self._steps.append(state.step)
        self._states.append(state)
        self.nbytes += state.nbytes
        while self.nbytes > self.budget and len(self._states) > 2:
            self._thin()

    def _thin(self) -> None:
        newest = self._steps[-1]
        candidates = range(1, max(1, len(self._steps) - RECENT))
        if not candidates:
            candidates = range(1, len(self._steps) - 1)
        index = min(
            candidates,
            key=lambda i: (
                (self._steps[i + 1] - self._steps[i - 1]) / max(1, newest - self._steps[i])
            ),
        )
        self.nbytes -= self._states[index].nbytes
        del self._steps[index], self._states[index]

    def at_or_before(self, step: int) -> TrainerState | None:
        """The newest kept state at or before ``step``."""
        index = bisect.bisect_right(self._steps, step) - 1
        return self._states[index] if index >= 0 else None

    def clear(self) -> None:
        self._steps.clear()
        self._states.clear()
        self.nbytes = 0
