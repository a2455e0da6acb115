"""Learning-curve columns of bounded size, so a run of any length keeps a fixed memory.

Per-step mini-batch losses (``LossSeries``) keep at most ``LOSS_POINTS`` = 20,000 points. Below
that every point is one step, exactly as recorded. When full, neighbouring pairs merge into
their mean at twice the stride: point ``i`` is then the mean loss of the ``stride`` steps
``(steps[i] - stride, steps[i]]``, ``steps[i]`` is a multiple of the stride, and the points
still cover the whole run. The steps of a block still being filled (fewer than ``stride``, the
newest) are not shown until it is complete. At 100,000 steps the stride is 8.

Evaluations (``EvalSeries``: train/validation loss and accuracy, per-layer gradient norms) keep
at most ``EVAL_POINTS`` = 2,000. When full, every other one is dropped (the first is always
kept) and from then on only every ``stride``-th evaluation is recorded.

Memory of one trainer's history is therefore bounded by ``bound_bytes(layers)``:
``LOSS_POINTS * 24`` bytes (step, mean, count) plus ``EVAL_POINTS * 8 * (5 + layers)`` bytes,
0.64 MB for five weight layers; while snapshots still hold the buffers a thinning replaced, at
most twice that.

Buffers are never written where a handed-out view can see: appends go past the views' end, and
thinning and restoring write fresh buffers, so snapshots already taken stay unchanged.
"""

from __future__ import annotations

import numpy as np

from engine.snapshot import History, frozen

Array = np.ndarray
LOSS_POINTS = 20_000
EVAL_POINTS = 2_000
FIRST_BUFFER = 256
EVAL_COLUMNS = ("eval_steps", "train_loss", "train_accuracy", "val_loss", "val_accuracy")


def bound_bytes(n_layers: int) -> int:
    """The most bytes a ``Curves`` of a network with ``n_layers`` weight layers holds."""
    return LOSS_POINTS * 3 * 8 + EVAL_POINTS * 8 * (len(EVAL_COLUMNS) + n_layers)


def _fresh(rows: Array, size: int) -> Array:
    """A new buffer of ``size`` rows that starts with ``rows``."""
    buffer = np.empty((max(size, len(rows)), *rows.shape[1:]), rows.dtype)
    buffer[: len(rows)] = rows
    return buffer


def _grown(buffer: Array, n: int, capacity: int) -> Array:
    """``buffer`` with room for one more row past ``n`` (doubling, never beyond ``capacity``)."""
    if n < len(buffer):
        return buffer
    bigger = np.empty((min(2 * len(buffer), capacity), *buffer.shape[1:]), buffer.dtype)
    bigger[:n] = buffer[:n]
    return bigger


class LossSeries:
    """Mini-batch loss per step, as means over blocks of ``stride`` steps (1 until full)."""

    def __init__(self, capacity: int = LOSS_POINTS) -> None:
        if capacity < 2 or capacity % 2:
            raise ValueError("capacity must be an even number ≥ 2")
        self.capacity = capacity
        self.stride = 1
        self.n = 0
        size = min(FIRST_BUFFER, capacity)
        self._steps = np.empty(size, np.int64)
        self._means = np.empty(size)
        self._counts = np.empty(size, np.int64)
        self._sum, self._count = 0.0, 0  # the block being filled

    def append(self, step: int, loss: float) -> None:
        """Record the loss of ``step`` (steps come in order, 1, 2, 3, …)."""
        self._sum += loss
        self._count += 1
        if step % self.stride:
            return
        if self.n == self.capacity:
            self._thin()
            if step % self.stride:
                return
        self._steps = _grown(self._steps, self.n, self.capacity)
        self._means = _grown(self._means, self.n, self.capacity)
        self._counts = _grown(self._counts, self.n, self.capacity)
        self._steps[self.n] = step
        self._means[self.n] = self._sum / self._count
        self._counts[self.n] = self._count
        self.n += 1
        self._sum, self._count = 0.0, 0

    def _thin(self) -> None:
        """Merge pairs of points into their count-weighted mean, in fresh buffers."""
        n, size = self.n, len(self._steps)
        counts = self._counts[:n].reshape(-1, 2)
        merged = counts.sum(axis=1)
        means = (self._means[:n].reshape(-1, 2) * counts).sum(axis=1) / merged
        steps = self._steps[1:n:2]
        self.n = n // 2
        self._steps, self._means, self._counts = (_fresh(a, size) for a in (steps, means, merged))
        self.stride *= 2

    def steps(self) -> Array:
        """The last step of each point's block (read-only view)."""
        return frozen(self._steps[: self.n].view())

    def means(self) -> Array:
        """Each point's mean loss (read-only view)."""
        return frozen(self._means[: self.n].view())

    @property
    def nbytes(self) -> int:
        return self._steps.nbytes + self._means.nbytes + self._counts.nbytes

    def copy(self) -> LossSeries:
        twin = LossSeries(self.capacity)
        twin.stride, twin.n, twin._sum, twin._count = self.stride, self.n, self._sum, self._count
        twin._steps, twin._means, twin._counts = (
            a.copy() for a in (self._steps, self._means, self._counts)
        )
        return twin

    def mark(self, step: int) -> tuple:
        """What ``restore`` needs to come back to ``step`` (the last recorded one)."""
        return (step, self.n, self.stride, self._sum, self._count)

    def restore(self, mark: tuple) -> None:
        """Back to ``mark``. If pairs merged since, the points up to its step stay and the
        block being filled then continues; the steps of it that the merge absorbed are left out
        of that one point's mean."""
        step, n, stride, pending_sum, pending_count = mark
        if stride == self.stride:
            keep = min(n, self.n)
        else:
            keep = int(np.searchsorted(self._steps[: self.n], step, side="right"))
            if stride > self.stride:  # a state from another run: start a fresh block
                pending_sum, pending_count = 0.0, 0
        self._steps, self._means, self._counts = (
            a.copy() for a in (self._steps, self._means, self._counts)
        )
        self.n = keep
        self._sum, self._count = pending_sum, pending_count

    def fill(self, means: Array, steps: Array | None = None) -> None:
        """Hold ``means`` at ``steps`` (default 1, 2, …; the stride is the first step), merged
        down to the capacity if there are more."""
        means = np.asarray(means, dtype=float)
        n = len(means)
        steps = np.arange(1, n + 1) if steps is None else np.asarray(steps, np.int64)
        self.stride = int(steps[0]) if n else 1
        size = max(min(FIRST_BUFFER, self.capacity), n)
        self._steps, self._means = _fresh(steps, size), _fresh(means, size)
        self._counts = _fresh(np.full(n, self.stride, np.int64), size)
        self.n, self._sum, self._count = n, 0.0, 0
        while self.n > self.capacity:
            if self.n % 2:  # the newest point is half of a block at the doubled stride
                self.n -= 1
                self._sum = float(self._means[self.n] * self._counts[self.n])
                self._count = int(self._counts[self.n])
            self._thin()


class EvalSeries:
    """Evaluations: their steps, losses and accuracies, and the gradient norms per layer."""

    def __init__(self, n_layers: int, capacity: int = EVAL_POINTS) -> None:
        if capacity < 2 or capacity % 2:
            raise ValueError("capacity must be an even number ≥ 2")
        self.capacity = capacity
        self.stride = 1
        self.n = 0
        self.seen = 0  # evaluations recorded or skipped
        self.last_step = -1  # the step of the newest evaluation, recorded or skipped
        size = min(FIRST_BUFFER, capacity)
        self._columns = {name: np.empty(size) for name in EVAL_COLUMNS}
        self._columns["grad_norms"] = np.empty((size, n_layers))

    def append(self, step: int, figures: tuple[float, ...], grad_norms: Array) -> None:
        """One evaluation at ``step``: train loss, train accuracy, val loss, val accuracy."""
        index = self.seen
        self.seen += 1
        self.last_step = step
        if index % self.stride:
            return
        if self.n == self.capacity:
            self._columns = {k: _fresh(v[: self.n : 2], len(v)) for k, v in self._columns.items()}
            self.n //= 2
            self.stride *= 2
            if index % self.stride:
                return
        for name, value in zip(self._columns, (step, *figures, grad_norms), strict=True):
            column = self._columns[name] = _grown(self._columns[name], self.n, self.capacity)
            column[self.n] = value
        self.n += 1

    def column(self, name: str) -> Array:
        """``eval_steps``, ``train_loss``, …, or ``grad_norms`` (read-only view)."""
        return frozen(self._columns[name][: self.n].view())

    @property
    def nbytes(self) -> int:
        return sum(v.nbytes for v in self._columns.values())

    def copy(self) -> EvalSeries:
        twin = EvalSeries.__new__(EvalSeries)
        twin.capacity, twin.stride, twin.n = self.capacity, self.stride, self.n
        twin.seen, twin.last_step = self.seen, self.last_step
        twin._columns = {k: v.copy() for k, v in self._columns.items()}
        return twin

    def fill(self, history: History) -> None:
        """Hold the evaluations of ``history``, every other one dropped until they fit."""
        rows = {name: np.asarray(getattr(history, name), dtype=float) for name in self._columns}
        n = len(rows["eval_steps"])
        self.stride = 1
        while n > self.capacity:
            rows = {k: v[::2] for k, v in rows.items()}
            n = len(rows["eval_steps"])
            self.stride *= 2
        self._columns = {k: _fresh(v, min(FIRST_BUFFER, self.capacity)) for k, v in rows.items()}
        self.n = n
        self.seen = (n - 1) * self.stride + 1 if n else 0
        self.last_step = float(rows["eval_steps"][-1]) if n else -1

    def mark(self) -> tuple:
        return (self.n, self.stride, self.seen, self.last_step)

    def restore(self, mark: tuple) -> None:
        """Back to ``mark``: the evaluations made up to then that are still kept."""
        n, stride, self.seen, self.last_step = mark
        if stride != self.stride:
            steps = self._columns["eval_steps"][: self.n]
            n = int(np.searchsorted(steps, self.last_step, side="right"))
        self._columns = {k: v.copy() for k, v in self._columns.items()}
        self.n = min(n, self.n)


class Curves:
    """A trainer's learning curves: its ``LossSeries`` and ``EvalSeries``."""

    def __init__(self, n_layers: int) -> None:
        self.losses = LossSeries()
        self.evals = EvalSeries(n_layers)

    def history(self) -> History:
        """The curves so far (read-only views; cheap)."""
        e = self.evals
        return History(
            self.losses.means(),
            *(e.column(name) for name in (*EVAL_COLUMNS, "grad_norms")),
            loss_steps=self.losses.steps(),
        )

    @property
    def nbytes(self) -> int:
        return self.losses.nbytes + self.evals.nbytes

    def copy(self) -> Curves:
        twin = Curves.__new__(Curves)
        twin.losses, twin.evals = self.losses.copy(), self.evals.copy()
        return twin

    def mark(self, step: int) -> tuple:
        """Small, JSON-friendly: what ``restore`` needs to come back to ``step``."""
        return (self.losses.mark(step), self.evals.mark())

    def restore(self, mark: tuple | None, lengths: dict[str, int]) -> None:
        """Back to ``mark``; without one (a state from elsewhere), keep ``lengths`` points."""
        if mark is None:
            e = self.evals
            n = min(lengths.get("eval_steps", 0), e.n)
            last = float(e.column("eval_steps")[n - 1]) if n else -1
            self.losses.restore((0, lengths.get("loss", 0), self.losses.stride, 0.0, 0))
            e.restore((n, e.stride, (n - 1) * e.stride + 1 if n else 0, last))
            return
        loss_mark, eval_mark = mark
        self.losses.restore(tuple(loss_mark))
        self.evals.restore(tuple(eval_mark))

    def fill(self, history: History) -> None:
        """Hold the curves of ``history`` (e.g. a checkpoint's), thinned to the bounds."""
        self.losses.fill(history.loss, history.loss_steps)
        self.evals.fill(history)
