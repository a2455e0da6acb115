"""What the trainer hands to the outside: cheap per-step stats and immutable snapshots.

Arrays in a ``Snapshot`` are copies (or views of buffers that never change again) marked
read-only, so a GUI thread can draw them while training goes on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from engine.config import ExperimentConfig
from engine.histograms import Histogram
from engine.landscape import Landscape

Array = np.ndarray


def frozen(array: Array) -> Array:
    """``array`` marked read-only (no copy)."""
    array.flags.writeable = False
    return array


@dataclass(frozen=True, slots=True)
class StepStats:
    """One update: its mini-batch loss and the newest evaluation figures (NaN until measured)."""

    step: int
    epoch: int
    loss: float
    train_loss: float = math.nan
    train_accuracy: float = math.nan
    val_loss: float = math.nan
    val_accuracy: float = math.nan
    diverged: str | None = None


@dataclass(frozen=True, slots=True)
class History:
    """Learning curves: the mini-batch ``loss`` at ``loss_steps``; evaluations on the training
    and validation sets (and per-layer gradient norms) at ``eval_steps``.

    Both are bounded (``engine.history_series``): up to 20,000 steps ``loss[i]`` is the loss of
    step ``loss_steps[i] = i + 1``; beyond, it is the mean over the ``stride`` steps ending at
    ``loss_steps[i]`` (stride 2, 4, 8, … so that at most 20,000 points remain). At most 2,000
    evaluations are kept (every other one dropped when full). ``loss_steps`` None (a history
    built by hand) means steps 1, 2, …; ``steps()`` answers either way.
    """

    loss: Array
    eval_steps: Array
    train_loss: Array
    train_accuracy: Array
    val_loss: Array
    val_accuracy: Array
    grad_norms: Array  # (len(eval_steps), n_layers): ‖∂E/∂Wₗ‖ for each layer l
    loss_steps: Array | None = None

    def steps(self) -> Array:
        """The step of each ``loss`` value (the last step of its block)."""
        if self.loss_steps is not None:
            return self.loss_steps
        return np.arange(1, len(self.loss) + 1)


@dataclass(frozen=True, slots=True)
class DecisionGrid:
    """Model output over the input plane (2D data) for a decision-boundary heat map.

    ``value[i, j]`` is at ``(xs[j], ys[i])``: P(class 1) for binary, the winning class for
    multiclass (with its probability in ``confidence``), the prediction for regression.
    """

    xs: Array
    ys: Array
    value: Array
    confidence: Array | None = None


@dataclass(frozen=True, slots=True)
class Curve:
    """A 1D regression fit: the model's prediction ``ys`` at inputs ``xs``."""

    xs: Array
    ys: Array


@dataclass(frozen=True, slots=True)
class DataView:
    """The data as the model sees it (after standardisation), for scatter plots."""

    X_train: Array
    y_train: Array
    X_val: Array
    y_val: Array
    task: str
    n_classes: int


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything the panels draw at one step."""

    step: int
    epoch: int
    config: ExperimentConfig
    task: str
    layer_sizes: tuple[int, ...]
    params: dict[str, Array]
    weight_hists: tuple[Histogram, ...]
    bias_hists: tuple[Histogram, ...]
    activation_hists: tuple[Histogram, ...]
    probe_inputs: Array
    probe_activations: tuple[Array, ...]
    probe_outputs: Array
    grad_norms: Array
    history: History
    data: DataView
    train_loss: float
    train_accuracy: float
    val_loss: float
    val_accuracy: float
    decision: DecisionGrid | None = None
    curve: Curve | None = None
    diverged: str | None = None
    probe_targets: Array | None = None  # the probe samples' labels (class index or values)
    param_path: Array | None = None  # (steps + 1, 2): (W, b) after each step, 2-parameter models
    landscape: Landscape | None = None  # their cost over a (W, b) grid
    extra: dict[str, object] = field(default_factory=dict)
