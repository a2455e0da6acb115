"""The MLP against independent computations: central differences and hand-written formulas."""

from __future__ import annotations

import numpy as np
import pytest

from engine import MLP, ConfigError
from engine import activations as act

OUT = {"regression": 2, "binary": 1, "multiclass": 3}


def _problem(task: str, n: int = 7, n_in: int = 3, seed: int = 1):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, n_in))
    y = {
        "multiclass": rng.integers(0, 3, n),
        "binary": rng.integers(0, 2, n),
        "regression": rng.normal(size=(n, 2)),
    }[task]
    return X, y


def _numeric_gradient(model: MLP, X, y, h: float = 1e-6) -> np.ndarray:
    """(E(θ + h) − E(θ − h)) / 2h for each parameter, re-seeding dropout so masks match."""

    def cost() -> float:
        model.rng = np.random.default_rng(5)
        return model.loss_and_flat_gradient(X, y)

    grad = np.zeros_like(model.theta)
    for i in range(model.theta.size):
        old = model.theta[i]
        model.theta[i] = old + h
        plus = cost()
        model.theta[i] = old - h
        minus = cost()
        model.theta[i] = old
        grad[i] = (plus - minus) / (2 * h)
    return grad


def _check(task: str = "multiclass", hidden=(5, 4), **kw) -> float:
    X, y = _problem(task)
    model = MLP([3, *hidden, OUT[task]], task=task, seed=3, **kw)
    # Move every parameter (biases, γ, β too) off its initial value and away from ReLU's kink.
    model.theta += np.random.default_rng(9).normal(0, 0.3, model.theta.size)
    model.rng = np.random.default_rng(5)
    _, grads = model.loss_and_gradients(X, y)
    analytic = np.concatenate([grads[name].ravel() for name in model.params])
    numeric = _numeric_gradient(model, X, y)
    return float(np.abs(analytic - numeric).max() / np.abs(numeric).max())


@pytest.mark.parametrize("activation", ["identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu"])
def test_every_activation_passes_gradient_check(activation):
    assert _check(activation=activation, init="xavier") < 1e-6


@pytest.mark.parametrize("task", ["regression", "binary", "multiclass"])
def test_every_output_and_loss_passes_gradient_check(task):
    assert _check(task, activation="tanh") < 1e-6


@pytest.mark.parametrize(
    "options",
    [
        {"batch_norm": True},
        {"dropout": 0.3},
        {"l1": 0.05, "l2": 0.2},
        {"batch_norm": True, "dropout": 0.2, "l2": 0.1},
    ],
)
def test_batch_norm_dropout_and_penalties_pass_gradient_check(options):
    assert _check(activation="tanh", **options) < 1e-6


def test_no_hidden_layer_is_logistic_regression():
    assert _check("binary", hidden=()) < 1e-6


def test_activation_derivatives_match_central_differences():
    u = np.linspace(-4, 4, 81) + 0.0123  # avoids the kinks at 0
    h = 1e-6
    for name in act.NAMES:
        f = act.get(name, leaky_slope=0.1, elu_alpha=1.3)
        numeric = (f.forward(u + h) - f.forward(u - h)) / (2 * h)
        np.testing.assert_allclose(f.derivative(u, f.forward(u)), numeric, atol=1e-6)


def test_activation_values_follow_the_course_definitions():
    u = np.array([-2.0, -0.5, 0.5, 2.0])
    np.testing.assert_allclose(act.get("sigmoid").forward(u), 1 / (1 + np.exp(-u)))
    np.testing.assert_allclose(
        act.get("leaky_relu", leaky_slope=0.1).forward(u), [-0.2, -0.05, 0.5, 2.0]
    )
    np.testing.assert_allclose(
        act.get("elu", elu_alpha=1.0).forward(u), [np.exp(-2) - 1, np.exp(-0.5) - 1, 0.5, 2.0]
    )
    np.testing.assert_array_equal(act.get("step").forward(u), [0, 0, 1, 1])
    sig = act.get("sigmoid")
    assert sig.derivative(np.zeros(1), sig.forward(np.zeros(1)))[0] == 0.25


def test_step_activation_runs_forward_but_refuses_backprop():
    X, y = _problem("binary")
    model = MLP([3, 4, 1], activation="step", task="binary")
    hidden = model.hidden_activations(X)[0]
    assert set(np.unique(hidden)) <= {0.0, 1.0}
    with pytest.raises(ConfigError, match="cannot train"):
        model.loss_and_gradients(X, y)


def test_losses_match_the_textbook_formulas():
    X, y = _problem("regression")
    model = MLP([3, 4, 2], activation="tanh", task="regression")
    out = model.predict(X)
    assert model.loss(X, y) == pytest.approx(np.mean(0.5 * ((out - y) ** 2).sum(axis=1)))

    X, y = _problem("binary")
    model = MLP([3, 4, 1], activation="tanh", task="binary")
    p = model.predict(X)[:, 0]
    assert model.loss(X, y) == pytest.approx(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    X, y = _problem("multiclass")
    model = MLP([3, 4, 3], activation="tanh", task="multiclass")
    probs = model.predict(X)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)
    assert model.loss(X, y) == pytest.approx(-np.mean(np.log(probs[np.arange(len(y)), y])))


def test_penalties_cover_weights_but_not_biases():
    X, y = _problem("multiclass")
    model = MLP([3, 4, 3], activation="tanh", l1=0.1, l2=0.3)
    model.theta[:] = np.random.default_rng(0).normal(size=model.theta.size)
    W = np.concatenate([model.params["W1"].ravel(), model.params["W2"].ravel()])
    plain = MLP([3, 4, 3], activation="tanh")
    plain.theta[:] = model.theta
    expected = plain.loss(X, y) + 0.1 * np.abs(W).sum() + 0.5 * 0.3 * (W @ W)
    assert model.loss(X, y) == pytest.approx(expected)
    _, g = model.loss_and_gradients(X, y)
    _, g0 = plain.loss_and_gradients(X, y)
    np.testing.assert_allclose(g["b1"], g0["b1"])
    np.testing.assert_allclose(
        g["W1"], g0["W1"] + 0.1 * np.sign(model.params["W1"]) + 0.3 * model.params["W1"]
    )


def test_losses_stay_finite_for_huge_logits():
    for task in ("binary", "multiclass"):
        X, y = _problem(task)
        model = MLP([3, OUT[task]], task=task)
        model.theta[:] = 1e4 * np.sign(np.random.default_rng(2).normal(size=model.theta.size))
        loss, grads = model.loss_and_gradients(X, y)
        assert np.isfinite(loss) and loss > 100
        assert all(np.isfinite(g).all() for g in grads.values())


def test_dropout_is_off_in_evaluation_and_scales_kept_units_in_training():
    X = np.ones((2000, 3))
    model = MLP([3, 50, 2], activation="relu", dropout=0.5, seed=1)
    assert np.array_equal(model.predict(X), model.predict(X))
    _, caches = model._forward(X, train=True)
    mask = caches[0]["mask"]
    assert set(np.unique(mask)) == {0.0, 2.0}
    assert abs((mask == 0).mean() - 0.5) < 0.02


def test_batch_norm_normalises_training_batches_and_uses_running_statistics():
    rng = np.random.default_rng(0)
    X = rng.normal(3.0, 5.0, size=(500, 4))
    model = MLP([4, 6, 2], activation="identity", batch_norm=True, init="normal", init_std=1.0)
    _, caches = model._forward(X, train=True)
    v = caches[0]["u"]  # γ x̂ + β with γ = 1, β = 0
    np.testing.assert_allclose(v.mean(axis=0), 0, atol=1e-9)
    np.testing.assert_allclose(v.std(axis=0), 1, atol=1e-3)
    for _ in range(200):
        model._forward(X, train=True)
    u = X @ model.params["W1"] + model.params["b1"]
    np.testing.assert_allclose(model.running_mean[1], u.mean(axis=0), rtol=1e-6)
    evaluation = model.hidden_activations(X)[0]
    np.testing.assert_allclose(evaluation.mean(axis=0), 0, atol=1e-6)


@pytest.mark.parametrize(
    ("init", "std"),
    [
        ("xavier", lambda n: 1 / np.sqrt(n)),
        ("he", lambda n: np.sqrt(2 / n)),
        ("xavier_uniform", lambda n: 1 / np.sqrt(n)),
        ("he_uniform", lambda n: np.sqrt(2 / n)),
        ("normal", lambda n: 0.01),
    ],
)
def test_initialisations_have_the_course_standard_deviations(init, std):
    model = MLP([400, 300, 2], init=init, init_std=0.01, seed=0)
    assert model.params["W1"].std() == pytest.approx(std(400), rel=0.02)
    assert np.all(model.params["b1"] == 0)


def test_zero_init_makes_every_hidden_unit_identical():
    X, y = _problem("multiclass")
    model = MLP([3, 5, 3], activation="tanh", init="zeros")
    _, g = model.loss_and_gradients(X, y)
    assert np.allclose(g["W1"], g["W1"][:, :1])


def test_same_seed_same_weights_and_different_seed_different_weights():
    a, b, c = (MLP([4, 8, 3], seed=s) for s in (7, 7, 8))
    assert np.array_equal(a.theta, b.theta)
    assert not np.array_equal(a.theta, c.theta)
