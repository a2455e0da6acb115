"""Optimizers that update parameter arrays in place, following the rules documented for torch.optim.

``create(name, **hyper)`` returns an optimizer whose ``step(params, grads)`` updates each array of
``params`` in place from the array of ``grads`` under the same key. State (momentum buffers,
running averages, step counts) is kept per key and created on the first step that sees the key,
so a caller may pass one flat vector under a single key: every rule is element-wise, so the result
is identical to passing the arrays one by one.

Notation follows the course: W the parameters, g = ∂L/∂W, η the learning rate (``lr``), α the
momentum. With ``weight_decay`` λ > 0 every rule first replaces g by g + λW (L2 decay, as torch).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from engine.errors import ConfigError
from engine.text import tr

State = dict[str, Any]
Buffers = tuple[np.ndarray, np.ndarray, np.ndarray]

OPTIMIZERS: dict[str, dict[str, float | bool]] = {
    "sgd": {"lr": 1e-3, "momentum": 0.0, "dampening": 0.0, "weight_decay": 0.0, "nesterov": False},
    "momentum": {"lr": 1e-3, "momentum": 0.9, "dampening": 0.0, "weight_decay": 0.0},
    "nesterov": {"lr": 1e-3, "momentum": 0.9, "weight_decay": 0.0},
    "adagrad": {
        "lr": 1e-2,
        "lr_decay": 0.0,
        "weight_decay": 0.0,
        "initial_accumulator_value": 0.0,
        "eps": 1e-10,
    },
    "rmsprop": {
        "lr": 1e-2,
        "alpha": 0.99,
        "eps": 1e-8,
        "weight_decay": 0.0,
        "momentum": 0.0,
        "centered": False,
    },
    "adadelta": {"lr": 1.0, "rho": 0.9, "eps": 1e-6, "weight_decay": 0.0},
    "adam": {
        "lr": 1e-3,
        "beta1": 0.9,
        "beta2": 0.999,
        "eps": 1e-8,
        "weight_decay": 0.0,
        "amsgrad": False,
    },
}
"""Each optimizer's tunable hyper-parameters and their defaults (torch.optim's)."""

_FIXED: dict[str, dict[str, float | bool]] = {
    "momentum": {"nesterov": False},
    "nesterov": {"nesterov": True, "dampening": 0.0},
}

_FLAGS = frozenset({"nesterov", "centered", "amsgrad"})
_NUMBER = (int, float, np.integer, np.floating)


def _in_unit(v: float) -> bool:
    return 0.0 <= v < 1.0


_RANGES: dict[str, tuple[Callable[[float], bool], str]] = {
    "lr": (lambda v: v > 0.0, "> 0"),
    "eps": (lambda v: v > 0.0, "> 0"),
    "momentum": (_in_unit, "in [0, 1)"),
    "alpha": (_in_unit, "in [0, 1)"),
    "rho": (_in_unit, "in [0, 1)"),
    "beta1": (_in_unit, "in [0, 1)"),
    "beta2": (_in_unit, "in [0, 1)"),
    "dampening": (lambda v: 0.0 <= v <= 1.0, "in [0, 1]"),
    "weight_decay": (lambda v: v >= 0.0, ">= 0"),
    "lr_decay": (lambda v: v >= 0.0, ">= 0"),
    "initial_accumulator_value": (lambda v: v >= 0.0, ">= 0"),
}


def _checked(key: str, value: Any) -> float | bool:
    field = f"optimizer.{key}"
    if key in _FLAGS:
        if not isinstance(value, bool | np.bool_):
            message = tr("{key} must be true or false (got {value})")
            raise ConfigError(field, message.format(key=key, value=repr(value)))
        return bool(value)
    if isinstance(value, bool | np.bool_) or not isinstance(value, _NUMBER):
        message = tr("{key} must be a number (got {value})")
        raise ConfigError(field, message.format(key=key, value=repr(value)))
    number = float(value)
    accepts, requirement = _RANGES[key]
    if not (math.isfinite(number) and accepts(number)):
        message = _out_of_range(requirement)
        raise ConfigError(field, message.format(key=key, value=repr(value)))
    return number


def _out_of_range(requirement: str) -> str:
    """The message for a value outside ``requirement`` (one of ``_RANGES``')."""
    return {
        "> 0": tr("{key} must be a finite number > 0 (got {value})"),
        ">= 0": tr("{key} must be a finite number >= 0 (got {value})"),
        "in [0, 1)": tr("{key} must be a finite number in [0, 1) (got {value})"),
        "in [0, 1]": tr("{key} must be a finite number in [0, 1] (got {value})"),
    }[requirement]


def _validated(
    name: str, current: Mapping[str, float | bool], updates: Mapping[str, Any]
) -> dict[str, float | bool]:
    allowed = OPTIMIZERS[name]
    merged = dict(current)
    for key, value in updates.items():
        if key not in allowed:
            raise ConfigError(
                f"optimizer.{key}",
                tr("{name} has no hyper-parameter '{key}'; allowed: {allowed}").format(
                    name=name, key=key, allowed=", ".join(allowed)
                ),
            )
        merged[key] = _checked(key, value)
    if merged.get("nesterov") and (merged["momentum"] <= 0.0 or merged["dampening"] != 0.0):
        culprit = "momentum" if merged["momentum"] <= 0.0 else "dampening"
        field = culprit if culprit in updates or "nesterov" not in updates else "nesterov"
        raise ConfigError(
            f"optimizer.{field}",
            tr(
                "Nesterov momentum needs momentum > 0 and dampening 0 "
                "(momentum is {momentum}, dampening {dampening})"
            ).format(momentum=merged["momentum"], dampening=merged["dampening"]),
        )
    return merged


def _decayed(W: np.ndarray, g: np.ndarray, weight_decay: float, out: np.ndarray) -> np.ndarray:
    """Return g + λW (in ``out``), or ``g`` itself when λ = 0."""
    if weight_decay == 0.0:
        return g
    np.multiply(W, weight_decay, out=out)
    out += g
    return out


class Optimizer:
    """Base class: per-key state, hyper-parameters, state_dict round trip. Use ``create``."""

    def __init__(self, name: str, **hyper: Any) -> None:
        self.name = name
        self._h = _validated(name, {**OPTIMIZERS[name], **_FIXED.get(name, {})}, hyper)
        self._state: dict[str, State] = {}
        self._tmp: dict[str, Buffers] = {}

    @property
    def hyper(self) -> dict[str, float | bool]:
        """Current hyper-parameters (a copy; change them with ``set_hyper``)."""
        return {key: self._h[key] for key in OPTIMIZERS[self.name]}

    def set_hyper(self, **hyper: Any) -> None:
        """Validate and apply hyper-parameters; they take effect from the next ``step``."""
        self._h = _validated(self.name, self._h, hyper)

    def step(self, params: Mapping[str, np.ndarray], grads: Mapping[str, np.ndarray]) -> None:
        """Update every array of ``params`` in place from ``grads[key]``."""
        for key, W in params.items():
            state = self._state.get(key)
            if state is None:
                state = self._state[key] = self._new_state(W)
            tmp = self._tmp.get(key)
            if tmp is None or tmp[0].shape != W.shape:
                tmp = self._tmp[key] = (np.empty_like(W), np.empty_like(W), np.empty_like(W))
            state["step"] += 1
            self._update(state, tmp, W, grads[key])

    def reset(self) -> None:
        """Forget all state (buffers, averages, step counts); keep the hyper-parameters."""
        self._state.clear()
        self._tmp.clear()

    def state_dict(self) -> dict[str, Any]:
        """A deep copy of name, hyper-parameters and per-key state, for ``load_state_dict``."""
        return {
            "name": self.name,
            "hyper": self.hyper,
            "state": {key: _copied(state) for key, state in self._state.items()},
        }

    def load_state_dict(self, state_dict: Mapping[str, Any]) -> None:
        """Restore a ``state_dict()`` of an optimizer with the same name (copies it)."""
        if state_dict.get("name") != self.name:
            raise ConfigError(
                "optimizer.name",
                tr("saved state belongs to '{saved}', not '{name}'").format(
                    saved=state_dict.get("name"), name=self.name
                ),
            )
        self._h = _validated(self.name, self._h, state_dict.get("hyper", {}))
        self._state = {key: _copied(s) for key, s in state_dict.get("state", {}).items()}
        self._tmp.clear()

    def __repr__(self) -> str:
        args = ", ".join(f"{key}={value!r}" for key, value in self.hyper.items())
        return f"{type(self).__name__}({self.name!r}, {args})"

    def _new_state(self, W: np.ndarray) -> State:
        return {"step": 0}

    def _update(self, state: State, tmp: Buffers, W: np.ndarray, g: np.ndarray) -> None:
        raise NotImplementedError


def _copied(state: Mapping[str, Any]) -> State:
    return {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in state.items()}


class SGD(Optimizer):
    """Stochastic gradient descent, W ← W − η g, with optional momentum (torch.optim.SGD).

    With momentum α and dampening τ (torch's form)::

        b ← g on the first step, else b ← α b + (1 − τ) g
        W ← W − η b                    (Nesterov: W ← W − η (g + α b))
    """

    def _update(self, state: State, tmp: Buffers, W: np.ndarray, g: np.ndarray) -> None:
        h = self._h
        g = _decayed(W, g, h["weight_decay"], tmp[0])
        mu = h["momentum"]
        if mu != 0.0:
            b = state.get("momentum_buffer")
            if b is None:
                b = state["momentum_buffer"] = g.copy()
            else:
                b *= mu
                if h["dampening"] == 0.0:
                    b += g
                else:
                    np.multiply(g, 1.0 - h["dampening"], out=tmp[1])
                    b += tmp[1]
            if h["nesterov"]:
                np.multiply(b, mu, out=tmp[1])
                g = np.add(g, tmp[1], out=tmp[1])
            else:
                g = b
        np.multiply(g, h["lr"], out=tmp[2])
        W -= tmp[2]


class Momentum(SGD):
    """Momentum (``momentum``; SGD with α = 0.9 by default).

    Course form: v ← α v − η g, W ← W + v. The engine uses torch's form b ← α b + g, W ← W − η b
    (b = g on the first step), which is the same path with v = −η b as long as η is constant;
    after ``set_hyper(lr=...)`` the new η applies to the whole accumulated b, as in torch.
    """


class Nesterov(SGD):
    """Nesterov momentum (``nesterov``; α = 0.9 by default, dampening fixed at 0).

    Course form: v ← α v − η g, W ← W + α v − η g (a step from the look-ahead point).
    torch's form: b ← α b + g, W ← W − η (g + α b); identical with v = −η b while η is constant.
    """


class Adagrad(Optimizer):
    """AdaGrad (torch.optim.Adagrad): per-element steps shrink with the gradients seen so far.

    Course form h ← h + g ⊙ g, W ← W − η g / √h. torch adds ε outside the root, starts h at
    ``initial_accumulator_value`` and decays the rate over steps t = 1, 2, …::

        η_t = η / (1 + (t − 1) lr_decay)
        h ← h + g ⊙ g,    W ← W − η_t g / (√h + ε)
    """

    def _new_state(self, W: np.ndarray) -> State:
        return {"step": 0, "sum": np.full_like(W, self._h["initial_accumulator_value"])}

    def _update(self, state: State, tmp: Buffers, W: np.ndarray, g: np.ndarray) -> None:
        h = self._h
        g = _decayed(W, g, h["weight_decay"], tmp[0])
        lr = h["lr"] / (1.0 + (state["step"] - 1) * h["lr_decay"])
        h_sum, t = state["sum"], tmp[1]
        np.multiply(g, g, out=t)
        h_sum += t
        np.sqrt(h_sum, out=t)
        t += h["eps"]
        np.divide(g, t, out=t)
        t *= lr
        W -= t


class RMSprop(Optimizer):
    """RMSProp (torch.optim.RMSprop): AdaGrad with a decaying average of g ⊙ g.

    ::

        s ← α s + (1 − α) g ⊙ g                   (α is ``alpha``, the decay rate)
        centered:  ḡ ← α ḡ + (1 − α) g,  s̃ = s − ḡ ⊙ ḡ,  else s̃ = s
        W ← W − η g / (√s̃ + ε)
        with momentum μ:  b ← μ b + g / (√s̃ + ε),  W ← W − η b
    """

    def _new_state(self, W: np.ndarray) -> State:
        return {"step": 0, "square_avg": np.zeros_like(W)}

    def _update(self, state: State, tmp: Buffers, W: np.ndarray, g: np.ndarray) -> None:
        h = self._h
        g = _decayed(W, g, h["weight_decay"], tmp[0])
        alpha, s, t = h["alpha"], state["square_avg"], tmp[1]
        s *= alpha
        np.multiply(g, 1.0 - alpha, out=t)
        t *= g
        s += t
        if h["centered"]:
            g_avg = state.get("grad_avg")
            if g_avg is None:
                g_avg = state["grad_avg"] = np.zeros_like(W)
            g_avg *= alpha
            np.multiply(g, 1.0 - alpha, out=t)
            g_avg += t
            np.multiply(g_avg, g_avg, out=t)
            np.subtract(s, t, out=t)
            np.sqrt(t, out=t)
        else:
            np.sqrt(s, out=t)
        t += h["eps"]
        np.divide(g, t, out=t)
        if h["momentum"] > 0.0:
            b = state.get("momentum_buffer")
            if b is None:
                b = state["momentum_buffer"] = np.zeros_like(W)
            b *= h["momentum"]
            b += t
            np.multiply(b, h["lr"], out=t)
        else:
            t *= h["lr"]
        W -= t


class Adadelta(Optimizer):
    """AdaDelta (torch.optim.Adadelta): steps scaled by the RMS of past steps over that of g.

    ::

        s ← ρ s + (1 − ρ) g ⊙ g
        Δ = √(u + ε) / √(s + ε) ⊙ g
        u ← ρ u + (1 − ρ) Δ ⊙ Δ
        W ← W − η Δ
    """

    def _new_state(self, W: np.ndarray) -> State:
        return {"step": 0, "square_avg": np.zeros_like(W), "acc_delta": np.zeros_like(W)}

    def _update(self, state: State, tmp: Buffers, W: np.ndarray, g: np.ndarray) -> None:
        h = self._h
        g = _decayed(W, g, h["weight_decay"], tmp[0])
        rho, eps, s, u = h["rho"], h["eps"], state["square_avg"], state["acc_delta"]
        std, delta = tmp[1], tmp[2]
        s *= rho
        np.multiply(g, 1.0 - rho, out=delta)
        delta *= g
        s += delta
        np.add(s, eps, out=std)
        np.sqrt(std, out=std)
        np.add(u, eps, out=delta)
        np.sqrt(delta, out=delta)
        delta /= std
        delta *= g
        u *= rho
        np.multiply(delta, 1.0 - rho, out=std)
        std *= delta
        u += std
        np.multiply(delta, h["lr"], out=std)
        W -= std


class Adam(Optimizer):
    """Adam (torch.optim.Adam): momentum plus RMSProp, with bias correction at step t.

    ::

        m ← β₁ m + (1 − β₁) g,          v ← β₂ v + (1 − β₂) g ⊙ g
        m̂ = m / (1 − β₁ᵗ),              v̂ = v / (1 − β₂ᵗ)   (amsgrad: v_max ← max(v_max, v))
        W ← W − η m̂ / (√v̂ + ε)
    """

    def _new_state(self, W: np.ndarray) -> State:
        return {"step": 0, "exp_avg": np.zeros_like(W), "exp_avg_sq": np.zeros_like(W)}

    def _update(self, state: State, tmp: Buffers, W: np.ndarray, g: np.ndarray) -> None:
        h = self._h
        g = _decayed(W, g, h["weight_decay"], tmp[0])
        b1, b2, step, t = h["beta1"], h["beta2"], state["step"], tmp[1]
        m, v = state["exp_avg"], state["exp_avg_sq"]
        m *= b1
        np.multiply(g, 1.0 - b1, out=t)
        m += t
        v *= b2
        np.multiply(g, 1.0 - b2, out=t)
        t *= g
        v += t
        if h["amsgrad"]:
            v_max = state.get("max_exp_avg_sq")
            if v_max is None:
                v_max = state["max_exp_avg_sq"] = np.zeros_like(W)
            np.maximum(v_max, v, out=v_max)
            v = v_max
        np.sqrt(v, out=t)
        t /= math.sqrt(1.0 - b2**step)
        t += h["eps"]
        np.divide(m, t, out=t)
        t *= h["lr"] / (1.0 - b1**step)
        W -= t


_CLASSES: dict[str, type[Optimizer]] = {
    "sgd": SGD,
    "momentum": Momentum,
    "nesterov": Nesterov,
    "adagrad": Adagrad,
    "rmsprop": RMSprop,
    "adadelta": Adadelta,
    "adam": Adam,
}


def create(name: str, **hyper: Any) -> Optimizer:
    """Return the optimizer called ``name`` (see ``OPTIMIZERS``) with the given hyper-parameters.

    Raises
    ------
    ConfigError
        ``optimizer.name`` for an unknown name, ``optimizer.<key>`` for an unknown or invalid
        hyper-parameter.
    """
    key = name.strip().lower() if isinstance(name, str) else ""
    if key not in _CLASSES:
        raise ConfigError(
            "optimizer.name",
            tr("unknown optimizer {name}; choose one of: {choices}").format(
                name=repr(name), choices=", ".join(_CLASSES)
            ),
        )
    return _CLASSES[key](key, **hyper)
