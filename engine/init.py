"""Weight initialisation schemes, in the course's fan-in form.

``n`` is a layer's fan-in (its number of inputs). Xavier (Glorot) scales by 1/√n, which keeps
sigmoid and tanh activations spread out; He (Kaiming) by √(2/n), which does the same for ReLU.
Uniform variants draw from U(−a, a) with the same variance, a = √3 · std.
"""

from __future__ import annotations

import numpy as np

from engine.errors import ConfigError
from engine.text import tr

NAMES = ("normal", "xavier", "xavier_uniform", "he", "he_uniform", "zeros")


def weight_std(init: str, fan_in: int, init_std: float | None) -> float:
    """The standard deviation ``init`` gives a layer with ``fan_in`` inputs."""
    if init == "normal":
        if init_std is None or not init_std > 0:
            raise ConfigError(
                "model.init_std", tr("init 'normal' needs a positive std, e.g. 1 or 0.01")
            )
        return float(init_std)
    if init in ("xavier", "xavier_uniform"):
        return 1.0 / np.sqrt(fan_in)
    if init in ("he", "he_uniform"):
        return np.sqrt(2.0 / fan_in)
    if init == "zeros":
        return 0.0
    raise ConfigError(
        "model.init",
        tr("unknown init {name}; choose one of {choices}").format(
            name=repr(init), choices=", ".join(NAMES)
        ),
    )


def init_weights(
    init: str, fan_in: int, fan_out: int, rng: np.random.Generator, init_std: float | None = None
) -> np.ndarray:
    """A weight matrix W of shape ``(fan_in, fan_out)`` drawn by scheme ``init``."""
    std = weight_std(init, fan_in, init_std)
    if init.endswith("_uniform"):
        limit = np.sqrt(3.0) * std
        return rng.uniform(-limit, limit, size=(fan_in, fan_out))
    if std == 0.0:
        return np.zeros((fan_in, fan_out))
    return rng.normal(0.0, std, size=(fan_in, fan_out))
