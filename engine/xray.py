"""Backpropagation up close: every value of one forward and backward pass, per sample.

Notation follows the course: layer l computes u = z_prev W + b and z = f(u); at the output the
error signal is δ = y − t; going back, δₗ = f′(uₗ) ⊙ (δₗ₊₁ Wₗ₊₁ᵀ) and ∂E/∂Wₗ = z_prevᵀ δₗ.
The X-ray runs in evaluation mode: no dropout, batch norm with its running statistics
(v = γ (u − μ)/√(σ² + ε) + β, then z = f(v)), so each sample's numbers stand on their own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine import losses
from engine.network import MLP
from engine.text import tr

Array = np.ndarray
PHASES = ("forward", "loss", "backward", "update")


@dataclass(frozen=True)
class LayerXray:
    """Layer ``layer`` (1-based) for N samples: inputs ``z_prev`` (N, n_prev), pre-activations
    ``u`` (N, n), outputs ``z`` (N, n; the network's output y for the last layer), slopes
    ``slope`` = f′ (N, n; ones at the output), error signals ``delta`` (N, n)."""

    layer: int
    W: Array
    b: Array
    z_prev: Array
    u: Array
    z: Array
    slope: Array
    delta: Array
    bn_scale: Array | None = None  # γ/√(σ² + ε): how batch norm scales u (eval mode)

    def dW(self, sample: int | None = None) -> Array:
        """∂E/∂W: one sample's own (z_prev ⊗ δ), or the mean over the samples."""
        if sample is not None:
            return np.outer(self.z_prev[sample], self.delta[sample])
        return self.z_prev.T @ self.delta / len(self.delta)

    def db(self, sample: int | None = None) -> Array:
        return self.delta[sample] if sample is not None else self.delta.mean(axis=0)


@dataclass(frozen=True)
class Xray:
    """One forward and backward pass for the rows ``x`` (N, n_in) with targets ``t``."""

    x: Array
    t: Array
    y: Array
    loss: Array  # (N,): each sample's own cost
    layers: tuple[LayerXray, ...]
    task: str
    activation: str


def phases(n_layers: int) -> list[tuple[str, int]]:
    """The moments of one update: forward 1..L, loss, backward L..1, update."""
    return (
        [("forward", l) for l in range(1, n_layers + 1)]
        + [("loss", n_layers)]
        + [("backward", l) for l in range(n_layers, 0, -1)]
        + [("update", 0)]
    )


def xray(model: MLP, X: Array, y: Array) -> Xray:
    """Forward and backward pass, keeping every intermediate value of every sample."""
    X = np.atleast_2d(np.asarray(X, dtype=float))
    L = model.n_layers
    act = model.activation
    forward = []
    z = X
    for l in range(1, L + 1):
        W, b = model.params[f"W{l}"], model.params[f"b{l}"]
        u = z @ W + b
        scale = None
        if l < L:
            v = u
            if model.batch_norm:
                inv = 1.0 / np.sqrt(model.running_var[l] + model.bn_eps)
                scale = model.params[f"gamma{l}"] * inv
                v = (u - model.running_mean[l]) * scale + model.params[f"beta{l}"]
            out = act.forward(v)
            slope = act.derivative(v, out)
        else:
            out = losses.predict_output(model.task, u)
            slope = np.ones_like(u)
        forward.append((W, b, z, u, out, slope, scale))
        z = out
    t = model._targets(y, z.shape[1])
    per_sample = np.array(
        [
            model.output_loss.evaluate(forward[-1][3][i : i + 1], t[i : i + 1])[0]
            for i in range(len(X))
        ]
    )
    delta = z - t
    layers: list[LayerXray] = []
    for l in range(L, 0, -1):
        W, b, z_prev, u, out, slope, scale = forward[l - 1]
        if l < L:
            delta = slope * (layers[0].delta @ forward[l][0].T)
            if scale is not None:
                delta = delta * scale
        layers.insert(0, LayerXray(l, W.copy(), b.copy(), z_prev, u, out, slope, delta, scale))
    return Xray(X, t, z, per_sample, tuple(layers), model.task, act.name)


def neuron_formula(ray: Xray, layer: int, j: int, sample: int | None = None) -> str:
    """δ of neuron ``j`` in ``layer`` written out with its numbers, e.g.
    ``δ = f′(u) · Σₖ wₖ δₖ = 0.197 · (0.41·(−0.12) + …) = −0.0094``.

    With ``sample`` None the line is the mean over the X-ray's B rows, written as that mean
    (1/B) Σ_b …, because the mean of products is not the product of the means."""
    lx = ray.layers[layer - 1]
    if layer == len(ray.layers):
        if sample is None:
            y, t = ray.y[:, j].mean(), ray.t[:, j].mean()
            numbers = f"ȳ − t̄ = {number(y)} − {factor(t)} = {number(lx.delta[:, j].mean())}"
            return tr("δ̄ = mean over the batch of y − t = {numbers}").format(numbers=numbers)
        y, t = ray.y[sample, j], ray.t[sample, j]
        return f"δ = y − t = {number(y)} − {factor(t)} = {number(y - t)}"
    weights = ray.layers[layer].W[j]
    totals = ray.layers[layer].delta @ weights  # (N,): Σₖ wₖ δₖ of each sample
    scale = "" if lx.bn_scale is None else f" · {factor(lx.bn_scale[j])}"
    if sample is None:
        products = [
            f"{factor(s)}·{factor(total)}{scale.replace(' ', '')}"
            for s, total in zip(lx.slope[:, j], totals, strict=True)
        ]
        numbers = (
            f"(1/B) Σ_b f′(u_b) · Σₖ wₖ δₖ,b{' · γ/σ' if scale else ''}"
            f" = {_mean_of(products, lx.delta[:, j])}"
        )
        return tr("δ̄ = mean over the batch of f′(u) · Σₖ wₖ δₖ{bn} = {numbers}").format(
            bn=" · γ/σ" if scale else "", numbers=numbers
        )
    deltas = ray.layers[layer].delta[sample]
    terms = " + ".join(
        f"{factor(w)}·{factor(d)}" for w, d in zip(weights[:4], deltas[:4], strict=False)
    )
    if len(weights) > 4:
        terms += " + …"
    slope = factor(lx.slope[sample, j])
    return (
        f"δ = f′(u) · Σₖ wₖ δₖ{' · γ/σ' if scale else ''} = {slope} · ({terms}){scale}"
        f" = {slope} · {factor(totals[sample])}{scale} = {number(lx.delta[sample, j])}"
    )


def edge_formula(ray: Xray, layer: int, i: int, j: int, sample: int | None = None) -> str:
    """∂E/∂w for the weight from neuron ``i`` of the layer below to neuron ``j``: one sample's
    z_prev · δ, or (``sample`` None) its mean over the X-ray's B rows."""
    lx = ray.layers[layer - 1]
    if sample is not None:
        a, d = lx.z_prev[sample, i], lx.delta[sample, j]
        return f"∂E/∂w = z_prev · δ = {factor(a)} · {factor(d)} = {number(a * d)}"
    a, d = lx.z_prev[:, i], lx.delta[:, j]
    products = [f"{factor(p)}·{factor(q)}" for p, q in zip(a, d, strict=True)]
    numbers = f"(1/B) Σ_b z_prev,b · δ_b = {_mean_of(products, a * d)}"
    return tr("∂E/∂w = mean over the batch of z_prev · δ = {numbers}").format(numbers=numbers)


def _mean_of(products: list[str], values: Array, shown: int = 4) -> str:
    """``(1/B)·(p₁ + p₂ + …) = (1/B)·Σ = mean``: the first ``shown`` of the B written
    ``products`` (whose values are ``values``), their full sum and the mean."""
    B = len(values)
    terms = " + ".join(products[:shown]) + (" + …" if shown < B else "")
    total = float(np.sum(values))
    return f"(1/{B})·({terms}) = (1/{B})·{factor(total)} = {number(total / B)}"


def number(x: float) -> str:
    """A number as a lecturer writes it: 4 significant digits, a real minus sign."""
    return f"{float(x):.4g}".replace("-", "−")


def factor(x: float) -> str:
    """A number inside a product: negative ones in parentheses, (−0.12)."""
    text = number(x)
    return f"({text})" if text.startswith("−") else text


def gradient_check(
    model: MLP, X: Array, y: Array, h: float = 1e-4, per_array: int = 20, seed: int = 0
) -> list[tuple[str, float]]:
    """Backprop against central differences (E(θ + h) − E(θ − h)) / 2h, the course's numerical
    derivative, for up to ``per_array`` entries of each parameter array (all of them in small
    networks). Returns (name, relative error ‖g_num − g_bp‖ / (‖g_num‖ + ‖g_bp‖)) per array;
    the model is left as it was."""
    rng = np.random.default_rng(seed)
    dropout_state = model.rng.bit_generator.state
    running = {
        l: (model.running_mean[l].copy(), model.running_var[l].copy()) for l in model.running_mean
    }

    def cost() -> float:
        model.rng.bit_generator.state = dropout_state
        for l, (mean, var) in running.items():
            model.running_mean[l][...] = mean
            model.running_var[l][...] = var
        return model.loss_and_flat_gradient(X, y)

    cost()
    analytic = model.flat_gradient.copy()
    results = []
    for name, part in model.slices.items():
        size = part.stop - part.start
        picks = np.arange(size) if size <= per_array else rng.choice(size, per_array, False)
        numeric = np.empty(len(picks))
        for n, k in enumerate(picks):
            i = part.start + int(k)
            old = model.theta[i]
            model.theta[i] = old + h
            plus = cost()
            model.theta[i] = old - h
            minus = cost()
            model.theta[i] = old
            numeric[n] = (plus - minus) / (2 * h)
        exact = analytic[part.start + picks]
        # A gradient that is exactly 0 (a bias before batch norm) is compared absolutely.
        scale = max(float(np.linalg.norm(numeric) + np.linalg.norm(exact)), 1e-8)
        results.append((name, float(np.linalg.norm(numeric - exact)) / scale))
    cost()
    return results
