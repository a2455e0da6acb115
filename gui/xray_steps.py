"""Phase stepping through one real update, for the X-ray dock (no widgets here).

``PhaseStepper`` owns a small engine ``Trainer`` rebuilt on the GUI side. Before each update
it takes the real next step and undoes it (``state()`` → ``step()`` → ``restore()``), so it
knows the mini-batch that step uses, the gradient it follows and the weights it produces; the
X-ray of that batch (or of one chosen training row) supplies u, z, δ and ∂E/∂w. Advancing past
the update phase takes the same step for real, which the engine reproduces bit for bit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from engine import optimizers
from engine.trainer import Trainer
from engine.xray import Xray, phases, xray

Array = np.ndarray
MAX_LAYERS = 6
MAX_WIDTH = 32


def size_problem(layer_sizes: Sequence[int]) -> bool:
    """True when the network is too large for the X-ray (more than ``MAX_LAYERS`` weight
    layers or ``MAX_WIDTH`` neurons in a layer, the input included)."""
    return len(layer_sizes) - 1 > MAX_LAYERS or max(layer_sizes) > MAX_WIDTH


class BatchTrainer(Trainer):
    """A ``Trainer`` that remembers the mini-batch of its last step in ``batch``."""

    batch: tuple[Array, Array] | None = None

    def _next_batch(self) -> tuple[Array, Array]:
        self.batch = super()._next_batch()
        return self.batch


@dataclass(frozen=True)
class NextStep:
    """The real next update, taken and undone: its mini-batch ``X`` (B, n_in) and targets
    ``y``, the flat gradient it follows (penalties included) and the flat parameters after it."""

    step: int
    X: Array
    y: Array
    grad: Array
    theta_after: Array
    diverged: str | None


@dataclass(frozen=True)
class Update:
    """One weight layer's update: ``W``/``b`` before, ``W_new``/``b_new`` after, and the
    gradient ``dW``/``db`` the optimizer followed."""

    W: Array
    b: Array
    dW: Array
    db: Array
    W_new: Array
    b_new: Array


class PhaseStepper:
    """The phases of one update of ``trainer``, shown for one training row or the mini-batch.

    ``index`` −1 is the moment before the update; then it walks ``phases(n_layers)``.
    ``rows`` are the training rows the sample selector offers (all of them by default).
    """

    def __init__(self, trainer: BatchTrainer, rows: Sequence[int] | None = None) -> None:
        self.trainer = trainer
        n_train = len(trainer.split.train.X)
        chosen = np.arange(n_train) if rows is None else np.asarray(rows, dtype=int)
        chosen = chosen[(chosen >= 0) & (chosen < n_train)]
        self.rows = chosen if len(chosen) else np.arange(n_train)
        self.phases = phases(trainer.model.n_layers)
        self.index = -1
        self.mean = False
        self.position = 0
        self.next: NextStep | None = None
        self.ray: Xray | None = None
        self._prepare()

    # ------------------------------------------------------------------ where we are
    @property
    def phase(self) -> tuple[str, int]:
        return ("ready", 0) if self.index < 0 else self.phases[self.index]

    @property
    def row(self) -> int:
        """The training row shown in one-sample mode."""
        return int(self.rows[self.position])

    @property
    def pick(self) -> int | None:
        """The ray's sample index for the engine's formulas (None: the mini-batch mean)."""
        return None if self.mean else 0

    def reached(self, kind: str, layer: int) -> bool:
        """Whether the phase ``(kind, layer)`` of this update has been shown already."""
        return (kind, layer) in self.phases[: self.index + 1]

    # ------------------------------------------------------------------ commands
    def advance(self) -> None:
        """The next phase; after the update phase, take the real step and start the next one."""
        if self.index < len(self.phases) - 1:
            self.index += 1
            return
        if self.next is None or self.next.diverged:
            return
        self.trainer.step()
        self._prepare()
        self.index = 0

    def set_sample(self, position: int) -> None:
        self.position = int(np.clip(position, 0, len(self.rows) - 1))
        self._shoot()

    def set_mean(self, mean: bool) -> None:
        self.mean = bool(mean)
        self._shoot()

    def _prepare(self) -> None:
        trainer = self.trainer
        before = trainer.state()
        if before.diverged:
            self.next = None
        else:
            trainer.batch = None
            trainer.step()
            X, y = trainer.batch
            self.next = NextStep(
                before.step + 1,
                X,
                y,
                trainer.model.flat_gradient.copy(),
                trainer.model.theta.copy(),
                trainer.diverged,
            )
            trainer.restore(before)
        self._shoot()

    def _shoot(self) -> None:
        model, train = self.trainer.model, self.trainer.split.train
        if self.mean and self.next is not None:
            self.ray = xray(model, self.next.X, self.next.y)
        else:
            row = self.row
            self.ray = xray(model, train.X[row : row + 1], train.y[row : row + 1])

    # ------------------------------------------------------------------ values
    def sample_values(self, a: Array) -> Array:
        """One row of an X-ray array (N, n): the chosen sample's, or the mean over the batch."""
        return a[0] if not self.mean or self.next is None else a.mean(axis=0)

    def updates(self) -> list[Update]:
        """Every weight layer's update: the real step's in mini-batch mode; in one-sample mode
        the step this sample alone would make from the same optimizer state (as the handout)."""
        model = self.trainer.model
        theta = model.theta
        if self.mean and self.next is not None:
            grad, after = self.next.grad, self.next.theta_after
        else:
            grad = np.zeros_like(theta)
            for lx in self.ray.layers:
                grad[model.slices[f"W{lx.layer}"]] = lx.dW(0).ravel()
                grad[model.slices[f"b{lx.layer}"]] = lx.db(0)
            weights = np.zeros_like(theta)
            for l in range(1, model.n_layers + 1):
                weights[model.slices[f"W{l}"]] = theta[model.slices[f"W{l}"]]
            grad += model.l1 * np.sign(weights) + model.l2 * weights
            optimizer = optimizers.create(self.trainer.optimizer.name)
            optimizer.load_state_dict(self.trainer.optimizer.state_dict())
            after = theta.copy()
            optimizer.step({"theta": after}, {"theta": grad})
        out = []
        for l in range(1, model.n_layers + 1):
            shape, w, b = model.params[f"W{l}"].shape, model.slices[f"W{l}"], model.slices[f"b{l}"]
            out.append(
                Update(
                    theta[w].reshape(shape).copy(),
                    theta[b].copy(),
                    grad[w].reshape(shape),
                    grad[b],
                    after[w].reshape(shape),
                    after[b],
                )
            )
        return out

    def simple_sgd(self) -> float | None:
        """η when the optimizer's rule is plain w ← w − η ∂E/∂w, else None."""
        opt = self.trainer.optimizer
        h = opt.hyper
        plain = h.get("momentum", 0.0) == 0.0 and h.get("weight_decay", 0.0) == 0.0
        return float(h["lr"]) if opt.name == "sgd" and plain else None

    def check_data(self) -> tuple[Array, Array]:
        """The rows the gradient check uses: the next mini-batch (one row if none is known)."""
        if self.next is not None:
            return self.next.X, self.next.y
        train, row = self.trainer.split.train, self.row
        return train.X[row : row + 1], train.y[row : row + 1]
