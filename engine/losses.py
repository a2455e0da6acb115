"""Output layers with their matching costs, one per task kind.

For each pair the gradient of the mean cost with respect to the output layer's pre-activation
``u`` is ``(y − t) / N`` (the course's δ = y − t, averaged over the batch of N samples), which is
why output and cost always travel together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from engine.activations import _sigmoid
from engine.text import tr

Array = np.ndarray

TASKS = ("regression", "binary", "multiclass")


def _mse(u: Array, t: Array) -> tuple[float, Array, Array]:
    """E = 1/N Σₙ ½ Σₖ (yₙₖ − tₙₖ)², identity output y = u."""
    diff = u - t
    n = u.shape[0]
    return 0.5 * float(np.einsum("ij,ij->", diff, diff)) / n, u, diff / n


def _binary_cross_entropy(u: Array, t: Array) -> tuple[float, Array, Array]:
    """C = −1/N Σ t log y + (1 − t) log(1 − y), y = σ(u), computed from u without overflow.

    −log σ(u) = log(1 + e⁻ᵘ) and −log(1 − σ(u)) = log(1 + eᵘ), so
    C = mean(max(u, 0) − t·u + log(1 + e^−|u|)).
    """
    n = u.shape[0]
    loss = np.maximum(u, 0.0) - t * u + np.log1p(np.exp(-np.abs(u)))
    y = _sigmoid(u)
    return float(loss.sum()) / n, y, (y - t) / n


def _softmax_cross_entropy(u: Array, t: Array) -> tuple[float, Array, Array]:
    """C = −1/N Σₙ log yₙ,tₙ with y = softmax(u); t holds one-hot rows."""
    n = u.shape[0]
    shifted = u - u.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    total = exp.sum(axis=1, keepdims=True)
    y = exp / total
    log_y = shifted - np.log(total)
    return -float(np.einsum("ij,ij->", t, log_y)) / n, y, (y - t) / n


@dataclass(frozen=True, slots=True)
class OutputLoss:
    """An output activation and its cost; ``evaluate(u, t)`` → (mean cost, outputs y, δ)."""

    task: str
    output: str
    cost: str
    evaluate: Callable[[Array, Array], tuple[float, Array, Array]]


OUTPUT_LOSSES = {
    "regression": OutputLoss("regression", "identity", "mean squared error (½ Σ (y − t)²)", _mse),
    "binary": OutputLoss("binary", "sigmoid", "binary cross-entropy", _binary_cross_entropy),
    "multiclass": OutputLoss("multiclass", "softmax", "cross-entropy", _softmax_cross_entropy),
}


def cost_name(cost: str) -> str:
    """``cost`` (an ``OutputLoss.cost``, or one without its formula) as the user reads it."""
    names = {
        "mean squared error (½ Σ (y − t)²)": tr("mean squared error (½ Σ (y − t)²)"),
        "mean squared error": tr("mean squared error"),
        "binary cross-entropy": tr("binary cross-entropy"),
        "cross-entropy": tr("cross-entropy"),
    }
    return names.get(cost, cost)


def predict_output(task: str, u: Array) -> Array:
    """The output layer's activation alone: identity, sigmoid or softmax of ``u``."""
    if task == "regression":
        return u
    if task == "binary":
        return _sigmoid(u)
    shifted = np.exp(u - u.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)
