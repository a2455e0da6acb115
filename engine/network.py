"""A multilayer perceptron in plain NumPy: forward pass, backpropagation, regularisation.

Rows are samples: a batch ``X`` has shape ``(N, n_in)``, layer l computes
``u = a_prev @ W + b`` with ``W`` of shape ``(n_prev, n_l)``, then (hidden layers) optional batch
normalisation, the activation ``z = f(u)`` and optional inverted dropout. The output layer's
activation and cost come from the task (see ``engine.losses``).

All parameters live in one flat vector ``theta``; ``params`` maps textbook names (``W1``, ``b1``,
``gamma1``, ``beta1``, ``W2``, …) to reshaped views of it, so an optimizer can update everything
with a handful of vectorised operations.
"""

from __future__ import annotations

import numpy as np

from engine import activations, losses
from engine.errors import ConfigError
from engine.init import init_weights
from engine.text import tr

Array = np.ndarray


class MLP:
    """A fully connected network.

    Parameters
    ----------
    layer_sizes : sequence of int
        ``[n_in, hidden_1, …, n_out]``; no hidden sizes gives a linear/logistic model.
    activation : str
        Hidden activation, one of ``engine.activations.NAMES``.
    task : {"regression", "binary", "multiclass"}
        Picks the output and cost: identity + ½-MSE, sigmoid + binary cross-entropy,
        softmax + cross-entropy.
    init, init_std : weight initialisation (``engine.init``); biases start at 0.
    batch_norm : normalise each hidden layer's pre-activation per batch, then scale by γ and
        shift by β (running statistics are used in evaluation mode).
    dropout : ratio of hidden units dropped in training (inverted dropout, none in evaluation).
    l1, l2 : penalties λ‖W‖₁ and ½λ‖W‖² on the weights (not biases, γ or β).
    """

    def __init__(
        self,
        layer_sizes: list[int] | tuple[int, ...],
        activation: str = "relu",
        task: str = "multiclass",
        init: str = "he",
        init_std: float | None = None,
        batch_norm: bool = False,
        dropout: float = 0.0,
        l1: float = 0.0,
        l2: float = 0.0,
        seed: int = 0,
        leaky_slope: float = 0.1,
        elu_alpha: float = 1.0,
        bn_momentum: float = 0.9,
        bn_eps: float = 1e-5,
    ) -> None:
        sizes = [int(s) for s in layer_sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ConfigError(
                "model.layers", tr("need an input and an output size, all at least 1")
            )
        if task not in losses.TASKS:
            raise ConfigError(
                "model.task",
                tr("unknown task {name}; choose one of {choices}").format(
                    name=repr(task), choices=", ".join(losses.TASKS)
                ),
            )
        if not 0.0 <= dropout < 1.0:
            raise ConfigError("model.dropout", tr("the dropout ratio must be in [0, 1)"))
        self.layer_sizes = tuple(sizes)
        self.activation = activations.get(activation, leaky_slope=leaky_slope, elu_alpha=elu_alpha)
        self.task = task
        self.output_loss = losses.OUTPUT_LOSSES[task]
        self.batch_norm = batch_norm
        self.dropout = float(dropout)
        self.l1, self.l2 = float(l1), float(l2)
        self.bn_momentum, self.bn_eps = bn_momentum, bn_eps
        self.n_layers = len(sizes) - 1
        init_rng, dropout_rng = (
            np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(2)
        )
        self.rng = dropout_rng

        shapes: list[tuple[str, tuple[int, ...]]] = []
        for l in range(1, self.n_layers + 1):
            shapes += [(f"W{l}", (sizes[l - 1], sizes[l])), (f"b{l}", (sizes[l],))]
            if batch_norm and l < self.n_layers:
                shapes += [(f"gamma{l}", (sizes[l],)), (f"beta{l}", (sizes[l],))]
        total = sum(int(np.prod(s)) for _, s in shapes)
        self.theta = np.zeros(total)
        self._grad = np.zeros(total)
        self.params: dict[str, Array] = {}
        self._grads: dict[str, Array] = {}
        self.slices: dict[str, slice] = {}
        offset = 0
        for name, shape in shapes:
            size = int(np.prod(shape))
            self.slices[name] = slice(offset, offset + size)
            self.params[name] = self.theta[self.slices[name]].reshape(shape)
            self._grads[name] = self._grad[self.slices[name]].reshape(shape)
            offset += size
        weight_mask = np.zeros(total, dtype=bool)
        for l in range(1, self.n_layers + 1):
            self.params[f"W{l}"][...] = init_weights(
                init, sizes[l - 1], sizes[l], init_rng, init_std
            )
            weight_mask[self.slices[f"W{l}"]] = True
            if f"gamma{l}" in self.params:
                self.params[f"gamma{l}"][...] = 1.0
        self._weight_mask = weight_mask
        self.running_mean = {l: np.zeros(sizes[l]) for l in range(1, self.n_layers) if batch_norm}
        self.running_var = {l: np.ones(sizes[l]) for l in range(1, self.n_layers) if batch_norm}

    # ----------------------------------------------------------------- forward pass
    def _forward(self, X: Array, train: bool) -> tuple[Array, list[dict[str, Array]]]:
        """Output pre-activation ``u_L`` of shape (N, n_out) and the per-layer caches."""
        a = np.asarray(X, dtype=float)
        caches: list[dict[str, Array]] = []
        f = self.activation.forward
        for l in range(1, self.n_layers):
            cache: dict[str, Array] = {"a_prev": a}
            u = a @ self.params[f"W{l}"]
            u += self.params[f"b{l}"]
            if self.batch_norm:
                u = self._batch_norm_forward(l, u, train, cache)
            cache["u"] = u
            z = f(u)
            cache["z"] = z
            if train and self.dropout > 0.0:
                keep = 1.0 - self.dropout
                mask = (self.rng.random(z.shape) < keep) / keep
                cache["mask"] = mask
                z = z * mask
            caches.append(cache)
            a = z
        u_out = a @ self.params[f"W{self.n_layers}"]
        u_out += self.params[f"b{self.n_layers}"]
        caches.append({"a_prev": a})
        return u_out, caches

    def _batch_norm_forward(self, l: int, u: Array, train: bool, cache: dict[str, Array]) -> Array:
        """x̂ = (u − μ)/√(σ² + ε), returns γ x̂ + β; batch statistics in training."""
        if train:
            mu = u.mean(axis=0)
            var = u.var(axis=0)
            m = self.bn_momentum
            self.running_mean[l] *= m
            self.running_mean[l] += (1.0 - m) * mu
            self.running_var[l] *= m
            self.running_var[l] += (1.0 - m) * var
        else:
            mu, var = self.running_mean[l], self.running_var[l]
        inv_std = 1.0 / np.sqrt(var + self.bn_eps)
        x_hat = (u - mu) * inv_std
        cache["x_hat"], cache["inv_std"] = x_hat, inv_std
        return x_hat * self.params[f"gamma{l}"] + self.params[f"beta{l}"]

    def _targets(self, y: Array, n_out: int) -> Array:
        """Targets t in the output's shape: one-hot for multiclass, a column for binary."""
        y = np.asarray(y)
        if self.task == "multiclass":
            t = np.zeros((y.shape[0], n_out))
            t[np.arange(y.shape[0]), y.astype(np.intp)] = 1.0
            return t
        return y.reshape(y.shape[0], -1).astype(float)

    def penalty(self) -> float:
        """λ₁ Σ|W| + ½λ₂ Σ W² over all weight matrices."""
        if not (self.l1 or self.l2):
            return 0.0
        w = self.theta[self._weight_mask]
        return self.l1 * float(np.abs(w).sum()) + 0.5 * self.l2 * float(w @ w)

    # ----------------------------------------------------------------- public API
    def predict(self, X: Array) -> Array:
        """Outputs (N, n_out) in evaluation mode: values, P(class 1) or class probabilities."""
        u, _ = self._forward(X, train=False)
        return losses.predict_output(self.task, u)

    def classify(self, X: Array) -> Array:
        """Predicted class indices, shape (N,), for the classification tasks."""
        y = self.predict(X)
        return (y[:, 0] > 0.5).astype(np.int64) if self.task == "binary" else y.argmax(axis=1)

    def loss(self, X: Array, y: Array) -> float:
        """Cost in evaluation mode (no dropout, running batch-norm statistics), penalty included."""
        return self.evaluate(X, y)[0]

    def evaluate(self, X: Array, y: Array) -> tuple[float, list[Array], Array]:
        """Evaluation-mode cost (penalty included), hidden outputs z and network outputs y,
        all from one forward pass."""
        u, caches = self._forward(X, train=False)
        value, out, _ = self.output_loss.evaluate(u, self._targets(y, u.shape[1]))
        return value + self.penalty(), [c["z"] for c in caches[:-1]], out

    def hidden_activations(self, X: Array) -> list[Array]:
        """Each hidden layer's output z, shape (N, n_l), in evaluation mode."""
        _, caches = self._forward(X, train=False)
        return [c["z"] for c in caches[:-1]]

    def loss_and_gradients(self, X: Array, y: Array) -> tuple[float, dict[str, Array]]:
        """Training-mode cost and ∂cost/∂param for every entry of ``params`` (fresh arrays)."""
        value = self.loss_and_flat_gradient(X, y)
        return value, {name: g.copy() for name, g in self._grads.items()}

    def loss_and_flat_gradient(self, X: Array, y: Array) -> float:
        """Training-mode cost; the gradient is written into ``flat_gradient`` (aligned with theta).

        Backpropagation: δ_L = (y − t)/N at the output, then for each hidden layer
        δₗ = f′(uₗ) ⊙ (δₗ₊₁ Wₗ₊₁ᵀ) and ∂E/∂Wₗ = aₗ₋₁ᵀ δₗ, ∂E/∂bₗ = Σₙ δₗ.
        """
        if not self.activation.trainable:
            raise ConfigError(
                "model.activation",
                tr(
                    "the step function has zero slope everywhere (and none at 0), so "
                    "backpropagation cannot train it; use sigmoid, its smooth version"
                ),
            )
        u, caches = self._forward(X, train=True)
        value, _, delta = self.output_loss.evaluate(u, self._targets(y, u.shape[1]))
        grads = self._grads
        L = self.n_layers
        np.matmul(caches[-1]["a_prev"].T, delta, out=grads[f"W{L}"])
        delta.sum(axis=0, out=grads[f"b{L}"])
        derivative = self.activation.derivative
        for l in range(L - 1, 0, -1):
            cache = caches[l - 1]
            da = delta @ self.params[f"W{l + 1}"].T
            if "mask" in cache:
                da *= cache["mask"]
            delta = da * derivative(cache["u"], cache["z"])
            if self.batch_norm:
                delta = self._batch_norm_backward(l, delta, cache)
            np.matmul(cache["a_prev"].T, delta, out=grads[f"W{l}"])
            delta.sum(axis=0, out=grads[f"b{l}"])
        if self.l1 or self.l2:
            w, g = self.theta[self._weight_mask], self._grad
            g[self._weight_mask] += self.l1 * np.sign(w) + self.l2 * w
            value += self.penalty()
        return value

    def _batch_norm_backward(self, l: int, dv: Array, cache: dict[str, Array]) -> Array:
        """∂E/∂u from ∂E/∂v where v = γ x̂ + β; fills ∂E/∂γ and ∂E/∂β."""
        x_hat, inv_std = cache["x_hat"], cache["inv_std"]
        np.einsum("ij,ij->j", dv, x_hat, out=self._grads[f"gamma{l}"])
        dv.sum(axis=0, out=self._grads[f"beta{l}"])
        dx_hat = dv * self.params[f"gamma{l}"]
        n = dv.shape[0]
        return (
            inv_std
            / n
            * (n * dx_hat - dx_hat.sum(axis=0) - x_hat * np.einsum("ij,ij->j", dx_hat, x_hat))
        )

    @property
    def flat_gradient(self) -> Array:
        """The gradient the last ``loss_and_flat_gradient`` call wrote (aligned with theta)."""
        return self._grad
