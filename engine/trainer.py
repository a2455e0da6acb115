"""The training loop: ``Trainer(config).step()`` is one mini-batch update, callable without threads.

Same config and seed give bit-identical parameters after N steps, whether stepped or run. A step
whose loss, gradients or parameters turn NaN/inf leaves the last finite parameters in place and
marks the trainer diverged with the step and a reason.
"""

from __future__ import annotations

import copy
import math
from typing import Any

import numpy as np

from engine import losses, optimizers
from engine.config import ExperimentConfig
from engine.datasets import Dataset, split_dataset, standardize
from engine.errors import ConfigError
from engine.histograms import Bins, Histogram
from engine.history_series import Curves
from engine.landscape import Landscape, landscape
from engine.network import MLP
from engine.snapshot import (
    Curve,
    DataView,
    DecisionGrid,
    History,
    Snapshot,
    StepStats,
    frozen,
)
from engine.text import tr
from engine.timeline import TrainerState

Array = np.ndarray
EVAL_ROWS = 1000
LIVE_MEASURE_EVERY = 4
"""A live snapshot measures the training loss and accuracy on every 4th call (~5 Hz)."""
EXPLODED = 1e6  # a loss this many times the first step's (or 1) counts as diverged


class _Series:
    """A growing float64 column whose filled part is handed out as read-only views."""

    def __init__(self, width: int = 0) -> None:
        self._shape = (width,) if width else ()
        self._data = np.empty((256, *self._shape))
        self.n = 0

    def append(self, value: float | Array) -> None:
        if self.n == len(self._data):
            grown = np.empty((2 * self.n, *self._shape))
            grown[: self.n] = self._data
            self._data = grown
        self._data[self.n] = value
        self.n += 1

    def view(self) -> Array:
        return frozen(self._data[: self.n].view())

    def copy(self) -> _Series:
        twin = _Series.__new__(_Series)
        twin._shape, twin._data, twin.n = self._shape, self._data.copy(), self.n
        return twin

    def truncate(self, n: int) -> None:
        """Keep the first ``n`` values in a fresh buffer (views handed out stay intact)."""
        self._data = self._data.copy()
        self.n = min(n, self.n)

    def fill(self, values: Array) -> None:
        """Hold exactly ``values`` (copied into a fresh buffer), e.g. a checkpoint's curve."""
        values = np.asarray(values, dtype=float).reshape(-1, *self._shape)
        self._data = np.empty((max(256, len(values)), *self._shape))
        self._data[: len(values)] = values
        self.n = len(values)


class Trainer:
    """Owns the data, the network, the optimizer and the random streams of one experiment."""

    def __init__(self, config: ExperimentConfig, dataset: Dataset | None = None) -> None:
        self.config = config.validate()
        d, m, t = config.data, config.model, config.training
        if dataset is None:
            dataset = d.build()
        split = split_dataset(
            dataset,
            validation_fraction=d.validation_fraction,
            test_fraction=d.test_fraction,
            seed=d.seed,
        )
        self.split = standardize(split) if d.standardize else split
        self.dataset = dataset
        self.task = config.resolved_task(dataset)
        train = self.split.train
        if self.task == "multiclass":
            n_out = max(dataset.n_classes, 2)
        elif self.task == "binary":
            n_out = 1
        else:
            n_out = 1 if train.y.ndim == 1 else train.y.shape[1]
        model_seed, batch_seed, probe_seed = np.random.SeedSequence(config.seed).generate_state(3)
        self.model = MLP(
            [train.X.shape[1], *m.hidden, n_out],
            activation=m.activation,
            task=self.task,
            init=m.init,
            init_std=m.init_std,
            batch_norm=m.batch_norm,
            dropout=m.dropout,
            l1=m.l1,
            l2=m.l2,
            seed=int(model_seed),
            leaky_slope=m.leaky_slope,
            elu_alpha=m.elu_alpha,
        )
        o = config.optimizer
        self.optimizer = optimizers.create(o.name, lr=o.lr, **o.hyper)
        self._params = {"theta": self.model.theta}
        self._grad = self.model.flat_gradient
        self._grads = {"theta": self._grad}
        self._backup = np.empty_like(self.model.theta)
        self._batch_rng = np.random.default_rng(batch_seed)
        n_train = len(train.X)
        self.batch_size = n_train if t.batch_size == 0 else min(t.batch_size, n_train)
        self.steps_per_epoch = math.ceil(n_train / self.batch_size)
        self._order = np.arange(n_train)
        self._cursor = n_train
        self._step = 0
        self._epoch = 0
        self.diverged: str | None = None
        self._live_snapshots = 0
        self._first_loss: float | None = None

        probe_rng = np.random.default_rng(probe_seed)
        rows = probe_rng.permutation(n_train)
        self._eval_rows = np.sort(rows[: max(t.probe_size, EVAL_ROWS)])
        self._probe_size = min(t.probe_size, n_train)
        self._probe = train.X[self._eval_rows[: self._probe_size]]
        self._probe_targets = frozen(train.y[self._eval_rows[: self._probe_size]])
        self._measured: tuple[list[Array], Array] | None = None
        self._curves = Curves(self.model.n_layers)
        self._latest = (math.nan, math.nan, math.nan, math.nan)
        self._init_bins()
        self._init_plot_domain()
        self._path: _Series | None = None
        self._landscape: Landscape | None = None
        if self.model.theta.size == 2 and self.task in ("regression", "binary"):
            self._path = _Series(2)
            self._path.append(self.model.theta)

    # ------------------------------------------------------------------ training
    @property
    def step_count(self) -> int:
        return self._step

    @property
    def epoch(self) -> int:
        return self._epoch

    def _next_batch(self) -> tuple[Array, Array]:
        train = self.split.train
        if self.batch_size == len(train.X):
            self._epoch += 1
            return train.X, train.y
        if self._cursor >= len(self._order):
            self._batch_rng.shuffle(self._order)
            self._cursor = 0
            self._epoch += 1
        rows = self._order[self._cursor : self._cursor + self.batch_size]
        self._cursor += self.batch_size
        return train.X[rows], train.y[rows]

    def step(self) -> StepStats:
        """One mini-batch update (a no-op once diverged)."""
        if self.diverged:
            return self._stats(math.nan)
        X, y = self._next_batch()
        model = self.model
        running = (
            {
                l: (model.running_mean[l].copy(), model.running_var[l].copy())
                for l in model.running_mean
            }
            if model.batch_norm
            else None
        )
        step = self._step + 1
        with np.errstate(all="ignore"):
            loss = model.loss_and_flat_gradient(X, y)
            if not math.isfinite(loss):
                return self._diverge(_not_finite(loss, step), running)
            if self._first_loss is None:
                self._first_loss = loss
            elif loss > EXPLODED * max(1.0, self._first_loss):
                what = tr("loss exploded to {loss:.3g} at step {step}")
                return self._diverge(what.format(loss=loss, step=step), running)
            if not math.isfinite(float(model.flat_gradient.sum())):
                what = tr("gradients became infinite or NaN at step {step}")
                return self._diverge(what.format(step=step), running)
            theta = model.theta
            np.copyto(self._backup, theta)
            self.optimizer.step(self._params, self._grads)
            if not math.isfinite(float(theta.sum())):
                np.copyto(theta, self._backup)
                what = tr("weights became infinite or NaN at step {step}")
                return self._diverge(what.format(step=step), running)
        self._step = step
        self._curves.losses.append(step, loss)
        if self._path is not None:
            self._path.append(theta)
        every = self.config.training.eval_every
        if every and step % every == 0:
            self.evaluate()
        return self._stats(loss)

    def run(self, n: int) -> StepStats:
        """``n`` steps (fewer if training diverges); returns the last step's stats."""
        stats = self._stats(math.nan)
        for _ in range(n):
            stats = self.step()
            if self.diverged:
                break
        return stats

    def _stats(self, loss: float) -> StepStats:
        tl, ta, vl, va = self._latest
        return StepStats(self._step, self._epoch, loss, tl, ta, vl, va, self.diverged)

    def _diverge(self, what: str, running: dict | None) -> StepStats:
        if running:
            for l, (mean, var) in running.items():
                self.model.running_mean[l][...] = mean
                self.model.running_var[l][...] = var
        m, o = self.config.model, self.config.optimizer
        cost = self.model.output_loss
        names = {
            "output": cost.output,
            "cost": losses.cost_name(cost.cost.split(" (")[0]),
            "optimizer": o.name,
        }
        if m.hidden:
            setup = tr("{activation} + {output} with {cost}, {optimizer}")
            setup = setup.format(activation=m.activation, **names)
        else:
            setup = tr("{output} with {cost}, {optimizer}").format(**names)
        if m.init == "normal" and m.init_std >= 1 and self._step < 10:
            advice = tr("the initial weights (std {std:g}) are too large for {setup}")
            advice = advice.format(std=m.init_std, setup=setup)
        else:
            advice = tr("learning rate {lr:g} is too large for {setup}")
            advice = advice.format(lr=o.lr, setup=setup)
        self.diverged = tr("{what}: {advice}; lower it and reset").format(what=what, advice=advice)
        return self._stats(math.nan)

    def set_optimizer_hyper(self, **hyper: float | bool) -> None:
        """Change lr or other optimizer settings; applies from the next step."""
        self.optimizer.set_hyper(**hyper)
        self.config = self.config.with_changes({f"optimizer.{k}": v for k, v in hyper.items()})

    # ------------------------------------------------------------------ rewind
    def state(self) -> TrainerState:
        """Everything that decides how training continues from here (copies)."""
        model = self.model
        return TrainerState(
            step=self._step,
            epoch=self._epoch,
            theta=model.theta.copy(),
            optimizer=self.optimizer.state_dict(),
            batch_rng=self._batch_rng.bit_generator.state,
            dropout_rng=model.rng.bit_generator.state,
            running={
                l: (model.running_mean[l].copy(), model.running_var[l].copy())
                for l in model.running_mean
            },
            order=self._order.copy(),
            cursor=self._cursor,
            first_loss=self._first_loss,
            diverged=self.diverged,
            lengths={"loss": self._curves.losses.n, "eval_steps": self._curves.evals.n},
            grad_norms=self._curves.evals.n,
            path=None if self._path is None else self._path.n,
            latest=self._latest,
            curves=self._curves.mark(self._step),
        )

    def restore(self, state: TrainerState, optimizer_state: bool = True) -> None:
        """Go back (or forward) to ``state``; continuing reproduces the original run bit for bit.
        With ``optimizer_state=False`` the optimizer starts fresh (a branch that switched it)."""
        model = self.model
        model.theta[...] = state.theta
        if optimizer_state and state.optimizer["name"] == self.optimizer.name:
            hyper = self.optimizer.hyper
            self.optimizer.load_state_dict(state.optimizer)
            self.optimizer.set_hyper(**hyper)
        else:
            self.optimizer.reset()
        self._batch_rng.bit_generator.state = state.batch_rng
        model.rng.bit_generator.state = state.dropout_rng
        for l, (mean, var) in state.running.items():
            model.running_mean[l][...] = mean
            model.running_var[l][...] = var
        self._order[...] = state.order
        self._cursor, self._step, self._epoch = state.cursor, state.step, state.epoch
        self._first_loss, self.diverged, self._latest = (
            state.first_loss,
            state.diverged,
            state.latest,
        )
        self._curves.restore(state.curves, state.lengths)
        if self._path is not None and state.path is not None:
            self._path.truncate(state.path)
        self._grad[...] = 0.0

    def param_path(self) -> Array | None:
        """The (W, b) of every step so far for a two-parameter model (read-only), else None."""
        return None if self._path is None else self._path.view()

    def restore_history(self, history: History, param_path: Array | None = None) -> None:
        """Put back learning curves kept elsewhere (a checkpoint's), before ``restore``-ing the
        state they lead up to: ``restore`` keeps the part of them up to its step."""
        self._curves.fill(history)
        if self._path is not None and param_path is not None:
            self._path.fill(param_path)

    def branch(self, state: TrainerState, changes: dict[str, Any] | None = None) -> Trainer:
        """A new trainer that continues from ``state`` (with its history up to there) under
        changed settings, e.g. ``{"optimizer.name": "adam", "optimizer.lr": 0.001}``. The
        optimizer keeps its state unless the change replaces it."""
        config = self.config.with_changes(changes or {})
        if config.data != self.config.data or config.model != self.config.model:
            raise ConfigError(
                "branch",
                tr(
                    "a branch may change optimizer and training settings; "
                    "data and network changes need a new run"
                ),
            )
        other = Trainer(config, dataset=self.dataset)
        other._curves = self._curves.copy()
        if self._path is not None:
            other._path = self._path.copy()
        other._weight_bins = copy.deepcopy(self._weight_bins)
        other._bias_bins = copy.deepcopy(self._bias_bins)
        other._activation_bins = copy.deepcopy(self._activation_bins)
        other.restore(state, optimizer_state=config.optimizer.name == self.config.optimizer.name)
        return other

    # ------------------------------------------------------------------ measuring
    def _measure(self, part: Dataset, rows: Array | None = None) -> tuple[float, float]:
        """Loss and accuracy of ``part`` (or its ``rows``); the hidden outputs and network
        outputs of that forward pass are kept in ``self._measured`` for the snapshot."""
        if len(part.X) == 0:
            return math.nan, math.nan
        X, y = (part.X, part.y) if rows is None else (part.X[rows], part.y[rows])
        loss, hidden, out = self.model.evaluate(X, y)
        self._measured = (hidden, out)
        if self.task == "regression":
            return loss, math.nan
        predicted = (out[:, 0] > 0.5) if self.task == "binary" else out.argmax(axis=1)
        return loss, float(np.mean(predicted == y))

    def evaluate(self) -> tuple[float, float, float, float]:
        """Loss and accuracy on (up to 1,000 rows of) the training set and (up to 5,000 rows
        of) the validation set, recorded in the history with the last step's gradient norms."""
        n_val = len(self.split.validation.X)
        val_rows = None if n_val <= 5 * EVAL_ROWS else np.arange(5 * EVAL_ROWS)
        with np.errstate(all="ignore"):
            val_loss, val_acc = self._measure(self.split.validation, val_rows)
            train_loss, train_acc = self._measure(self.split.train, self._eval_rows)
        self._latest = (train_loss, train_acc, val_loss, val_acc)
        if self._curves.evals.last_step != self._step:
            self._curves.evals.append(self._step, self._latest, self.grad_norms())
        return self._latest

    def test_metrics(self) -> tuple[float, float]:
        """Loss and accuracy on the held-out test set (NaN when there is none)."""
        return self._measure(self.split.test)

    def history(self) -> History:
        """The learning curves so far (read-only views; cheap; bounded in size)."""
        return self._curves.history()

    def grad_norms(self) -> Array:
        """‖∂E/∂Wₗ‖ for each layer after the last step (zeros before any step)."""
        g = self.model.flat_gradient
        return np.array(
            [
                np.linalg.norm(g[self.model.slices[f"W{l}"]])
                for l in range(1, self.model.n_layers + 1)
            ]
        )

    # ------------------------------------------------------------------ snapshot
    def _init_bins(self) -> None:
        model = self.model
        self._weight_bins = [
            Bins.around(model.params[f"W{l}"], 40) for l in range(1, model.n_layers + 1)
        ]
        self._bias_bins = [
            Bins.around(model.params[f"b{l}"], 40) for l in range(1, model.n_layers + 1)
        ]
        low, high = model.activation.output_range
        hidden = model.hidden_activations(self._probe)
        self._activation_bins = []
        for z in hidden:
            if high is not None:
                self._activation_bins.append(Bins(low, high, 30, fixed=True))
            else:
                bins = Bins.around(z, 30, lower=0.0 if low == 0 else None)
                if low != 0 and math.isfinite(low):
                    bins.lo = low
                self._activation_bins.append(bins)

    def _init_plot_domain(self) -> None:
        X = np.concatenate([self.split.train.X, self.split.validation.X])
        self._grid = None
        self._curve_xs = None
        if X.shape[1] == 2:
            n = self.config.training.grid_size
            lo, hi = X.min(axis=0), X.max(axis=0)
            pad = 0.1 * (hi - lo) + 1e-9
            xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], n)
            ys = np.linspace(lo[1] - pad[1], hi[1] + pad[1], n)
            gx, gy = np.meshgrid(xs, ys)
            self._grid = (frozen(xs), frozen(ys), np.column_stack([gx.ravel(), gy.ravel()]))
        elif X.shape[1] == 1 and self.task == "regression":
            lo, hi = float(X.min()), float(X.max())
            pad = 0.05 * (hi - lo)
            self._curve_xs = frozen(np.linspace(lo - pad, hi + pad, 200))
        s = self.split
        self._data_view = DataView(
            frozen(s.train.X),
            frozen(s.train.y),
            frozen(s.validation.X),
            frozen(s.validation.y),
            self.task,
            self.dataset.n_classes,
        )

    def _histogram(
        self,
        name: str,
        values: Array,
        bins: Bins,
        saturated: float = math.nan,
        dead: float = math.nan,
    ) -> Histogram:
        counts, edges, mean, std = bins.summarise(values)
        return Histogram(name, frozen(counts), frozen(edges), mean, std, saturated, dead)

    def snapshot(self, evaluate: bool = True) -> Snapshot:
        """An immutable picture of the run now, for drawing. It records an evaluation unless
        ``evaluate`` is False (a live view while training runs): then the validation figures are
        those of the last evaluation, and the training rows are measured again every
        ``LIVE_MEASURE_EVERY``-th live snapshot; in between only the probe rows (their head) go
        forward, which the histograms need (half the rows: the live view's largest cost)."""
        with np.errstate(all="ignore"):
            if evaluate:
                self.evaluate()
            elif self._live_snapshots % LIVE_MEASURE_EVERY == 0:
                train_loss, train_acc = self._measure(self.split.train, self._eval_rows)
                self._latest = (train_loss, train_acc, *self._latest[2:])
            else:  # the histograms need only the probe rows, the head of the training rows
                probe = self._eval_rows[: self._probe_size]
                self._measure(self.split.train, probe)
            self._live_snapshots = 0 if evaluate else self._live_snapshots + 1
            return self._snapshot()

    def _snapshot(self) -> Snapshot:
        model = self.model
        theta = model.theta.copy()
        params = {
            name: frozen(theta[s].reshape(model.params[name].shape))
            for name, s in model.slices.items()
        }
        L = model.n_layers
        weights = tuple(
            self._histogram(f"W{l}", params[f"W{l}"], self._weight_bins[l - 1])
            for l in range(1, L + 1)
        )
        biases = tuple(
            self._histogram(f"b{l}", params[f"b{l}"], self._bias_bins[l - 1])
            for l in range(1, L + 1)
        )
        hidden, outputs = self._measured  # the training rows' pass; the probe is their head
        k = self._probe_size
        hidden, outputs = [z[:k] for z in hidden], outputs[:k]
        act = model.activation
        activation_hists = []
        for l, z in enumerate(hidden, start=1):
            saturated = float(act.saturated(z).mean()) if act.saturated else math.nan
            dead = float((z.max(axis=0) <= 0).mean()) if act.name == "relu" else math.nan
            activation_hists.append(
                self._histogram(f"layer {l}", z, self._activation_bins[l - 1], saturated, dead)
            )
        history = self.history()
        tl, ta, vl, va = self._latest
        return Snapshot(
            step=self._step,
            epoch=self._epoch,
            config=self.config,
            task=self.task,
            layer_sizes=model.layer_sizes,
            params=params,
            weight_hists=weights,
            bias_hists=biases,
            activation_hists=tuple(activation_hists),
            probe_inputs=frozen(self._probe),
            probe_activations=tuple(frozen(z) for z in hidden),
            probe_outputs=frozen(outputs),
            grad_norms=frozen(self.grad_norms()),
            history=history,
            data=self._data_view,
            train_loss=tl,
            train_accuracy=ta,
            val_loss=vl,
            val_accuracy=va,
            decision=self._decision(),
            curve=self._curve(),
            diverged=self.diverged,
            probe_targets=self._probe_targets,
            param_path=None if self._path is None else self._path.view(),
            landscape=self._loss_landscape(),
        )

    def _loss_landscape(self) -> Landscape | None:
        """For a two-parameter model (W, b): its cost over a (W, b) grid, computed once."""
        if self._path is None:
            return None
        if self._landscape is None:
            train = self.split.train
            start = self._path.view()[0]
            self._landscape = landscape(
                self.task,
                train.X[:, 0],
                train.y.reshape(-1).astype(float),
                (float(start[0]), float(start[1])),
            )
        return self._landscape

    def _decision(self) -> DecisionGrid | None:
        if self._grid is None:
            return None
        xs, ys, points = self._grid
        out = self.model.predict(points)
        shape = (len(ys), len(xs))
        if self.task == "multiclass":
            return DecisionGrid(
                xs,
                ys,
                frozen(out.argmax(axis=1).reshape(shape)),
                frozen(out.max(axis=1).reshape(shape)),
            )
        return DecisionGrid(xs, ys, frozen(out[:, 0].reshape(shape).copy()))

    def _curve(self) -> Curve | None:
        if self._curve_xs is None:
            return None
        ys = self.model.predict(self._curve_xs[:, None])[:, 0]
        return Curve(self._curve_xs, frozen(ys.copy()))


def _not_finite(loss: float, step: int) -> str:
    if math.isnan(loss):
        return tr("loss became NaN at step {step}").format(step=step)
    return tr("loss became infinite at step {step}").format(step=step)
