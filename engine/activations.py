"""Hidden-layer activation functions and their derivatives.

Each activation maps the pre-activation ``u`` to ``z = f(u)``. ``derivative(u, z)`` returns
``f'(u)``; it receives the forward output too, since sigmoid and tanh are cheapest written in
terms of it (σ' = σ(1 − σ), tanh' = 1 − tanh²).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from engine.errors import ConfigError
from engine.text import tr

Array = np.ndarray


@dataclass(frozen=True, slots=True)
class Activation:
    """One activation function.

    ``trainable`` is False for the step function: its derivative is zero everywhere (and
    undefined at 0), so backpropagation passes no signal through it.
    ``saturated`` marks outputs where f'(u) is below a tenth of its largest value, the zone
    where gradients vanish; ``None`` where the function never saturates.
    """

    name: str
    title: str
    forward: Callable[[Array], Array]
    derivative: Callable[[Array, Array], Array]
    output_range: tuple[float, float | None]
    trainable: bool = True
    saturated: Callable[[Array], Array] | None = None


def _sigmoid(u: Array) -> Array:
    """Logistic function, stable for large |u| (no overflow in exp)."""
    e = np.exp(-np.abs(u))
    return np.where(u >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _relu(u: Array) -> Array:
    return np.maximum(u, 0.0)


def _relu_derivative(u: Array, z: Array) -> Array:
    return (u > 0).astype(u.dtype)


def leaky_relu(slope: float) -> Activation:
    """Leaky ReLU max(slope·u, u); the course uses slope 0.1, frameworks often 0.01."""

    def forward(u: Array) -> Array:
        return np.where(u > 0, u, slope * u)

    def derivative(u: Array, z: Array) -> Array:
        return np.where(u > 0, 1.0, slope)

    return Activation(
        "leaky_relu", f"Leaky ReLU (slope {slope:g})", forward, derivative, (-np.inf, None)
    )


def elu(alpha: float) -> Activation:
    """ELU: u for u > 0, α(eᵘ − 1) otherwise."""

    def forward(u: Array) -> Array:
        return np.where(u > 0, u, alpha * np.expm1(np.minimum(u, 0.0)))

    def derivative(u: Array, z: Array) -> Array:
        return np.where(u > 0, 1.0, z + alpha)

    return Activation("elu", f"ELU (α = {alpha:g})", forward, derivative, (-alpha, None))


IDENTITY = Activation(
    "identity", "identity", lambda u: u, lambda u, z: np.ones_like(u), (-np.inf, None)
)
STEP = Activation(
    "step",
    "step",
    lambda u: (u > 0).astype(u.dtype),
    lambda u, z: np.zeros_like(u),
    (0.0, 1.0),
    trainable=False,
)
SIGMOID = Activation(
    "sigmoid",
    "sigmoid",
    _sigmoid,
    lambda u, z: z * (1.0 - z),
    (0.0, 1.0),
    saturated=lambda z: z * (1.0 - z) < 0.025,
)
TANH = Activation(
    "tanh",
    "tanh",
    np.tanh,
    lambda u, z: 1.0 - z * z,
    (-1.0, 1.0),
    saturated=lambda z: 1.0 - z * z < 0.1,
)
RELU = Activation("relu", "ReLU", _relu, _relu_derivative, (0.0, None))

NAMES = ("identity", "step", "sigmoid", "tanh", "relu", "leaky_relu", "elu")


def get(name: str, *, leaky_slope: float = 0.1, elu_alpha: float = 1.0) -> Activation:
    """The activation called ``name`` (one of ``NAMES``)."""
    fixed = {"identity": IDENTITY, "step": STEP, "sigmoid": SIGMOID, "tanh": TANH, "relu": RELU}
    if name in fixed:
        return fixed[name]
    if name == "leaky_relu":
        return leaky_relu(leaky_slope)
    if name == "elu":
        return elu(elu_alpha)
    raise ConfigError(
        "model.activation",
        tr("unknown activation {name}; choose one of {choices}").format(
            name=repr(name), choices=", ".join(NAMES)
        ),
    )


def curves(
    xs: Array, names: tuple[str, ...] = NAMES, leaky_slope: float = 0.1, elu_alpha: float = 1.0
) -> dict[str, tuple[Array, Array]]:
    """``{name: (f(xs), f'(xs))}`` for plotting the activation functions and their slopes.

    The step function's slope is drawn as 0 (it is undefined at 0), sigmoid's peaks at 0.25.
    """
    out = {}
    for name in names:
        act = get(name, leaky_slope=leaky_slope, elu_alpha=elu_alpha)
        z = act.forward(xs)
        out[name] = (z, act.derivative(xs, z))
    return out
