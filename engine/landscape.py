"""Loss surfaces over (W, b) for one-input, one-output models without hidden layers.

Linear regression H(x) = Wx + b and logistic regression σ(Wx + b) have exactly two
parameters, so their cost can be drawn as a surface with the path gradient descent takes on
it. For a binary model the surface is computed for cross-entropy (convex) and for MSE on the
sigmoid's output (not convex: flat plateaus far from the optimum), as the course contrasts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

Array = np.ndarray


@dataclass(frozen=True, slots=True)
class Landscape:
    """``costs[name][i, j]`` is the cost at W = ``ws[j]``, b = ``bs[i]`` on the training data;
    ``optimum`` is the (W, b) minimising the model's own cost."""

    ws: Array
    bs: Array
    costs: dict[str, Array]
    optimum: tuple[float, float]


def _sigmoid(u: Array) -> Array:
    return 0.5 * (1.0 + np.tanh(0.5 * u))


def optimum(task: str, x: Array, t: Array) -> tuple[float, float]:
    """The (W, b) that minimises ½-MSE (least squares) or cross-entropy (Newton's method)."""
    A = np.column_stack([x, np.ones_like(x)])
    if task == "regression":
        (w, b), *_ = np.linalg.lstsq(A, t, rcond=None)
        return float(w), float(b)
    theta = np.zeros(2)
    for _ in range(50):
        p = _sigmoid(A @ theta)
        grad = A.T @ (p - t) / len(t)
        hessian = (A * (p * (1 - p))[:, None]).T @ A / len(t) + 1e-9 * np.eye(2)
        step = np.linalg.solve(hessian, grad)
        theta -= step
        if np.abs(step).max() < 1e-10:
            break
    return float(theta[0]), float(theta[1])


def landscape(task: str, x: Array, t: Array, start: tuple[float, float], n: int = 80) -> Landscape:
    """The cost surface on a grid covering both ``start`` and the optimum, with a margin.

    Parameters
    ----------
    task : "regression" or "binary"
    x : ndarray of shape (N,)
        The single input feature of the training data.
    t : ndarray of shape (N,)
        Targets: values for regression, 0/1 labels for binary.
    start : the model's initial (W, b), so the whole descent path fits on the surface.
    """
    best = optimum(task, x, t)
    lo = np.minimum(start, best)
    hi = np.maximum(start, best)
    margin = np.maximum(0.35 * (hi - lo).max(), 1.0)
    ws = np.linspace(lo[0] - margin, hi[0] + margin, n)
    bs = np.linspace(lo[1] - margin, hi[1] + margin, n)
    u = ws[None, :, None] * x[None, None, :] + bs[:, None, None]
    if task == "regression":
        costs = {"mean squared error": 0.5 * np.mean((u - t) ** 2, axis=2)}
    else:
        cross_entropy = np.mean(np.maximum(u, 0) - t * u + np.log1p(np.exp(-np.abs(u))), axis=2)
        mse = 0.5 * np.mean((_sigmoid(u) - t) ** 2, axis=2)
        costs = {"cross-entropy": cross_entropy, "mean squared error on σ": mse}
    for z in costs.values():
        z.flags.writeable = False
    ws.flags.writeable = bs.flags.writeable = False
    return Landscape(ws, bs, costs, best)
