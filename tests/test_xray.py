"""The X-ray's numbers against independent recomputation and central differences."""

from __future__ import annotations

import numpy as np
import pytest

from engine import MLP
from engine.xray import edge_formula, gradient_check, neuron_formula, phases, xray


def _model(task="binary", **kw):
    out = {"binary": 1, "multiclass": 3, "regression": 2}[task]
    model = MLP([2, 3, 4, out], activation="tanh", task=task, init="xavier", seed=4, **kw)
    model.theta += np.random.default_rng(1).normal(0, 0.2, model.theta.size)
    return model


def _data(task, n=5):
    rng = np.random.default_rng(2)
    X = rng.normal(size=(n, 2))
    y = {
        "binary": rng.integers(0, 2, n),
        "multiclass": rng.integers(0, 3, n),
        "regression": rng.normal(size=(n, 2)),
    }[task]
    return X, y


@pytest.mark.parametrize("task", ["binary", "multiclass", "regression"])
def test_forward_values_match_a_hand_written_forward_pass(task):
    model = _model(task)
    X, y = _data(task)
    ray = xray(model, X, y)
    z = X
    for l, lx in enumerate(ray.layers[:-1], start=1):
        u = z @ model.params[f"W{l}"] + model.params[f"b{l}"]
        np.testing.assert_allclose(lx.u, u)
        z = np.tanh(u)
        np.testing.assert_allclose(lx.z, z)
        np.testing.assert_allclose(lx.slope, 1 - z**2)
    np.testing.assert_allclose(ray.y, model.predict(X))
    assert ray.loss.mean() == pytest.approx(model.loss(X, y))


@pytest.mark.parametrize("task", ["binary", "multiclass", "regression"])
@pytest.mark.parametrize("batch_norm", [False, True])
def test_each_samples_gradients_match_central_differences(task, batch_norm):
    model = _model(task, batch_norm=batch_norm)
    if batch_norm:  # non-trivial running statistics
        for l in model.running_mean:
            model.running_mean[l][...] = 0.3
            model.running_var[l][...] = 2.0
    X, y = _data(task)
    ray = xray(model, X, y)
    h = 1e-6
    for sample in range(len(X)):
        for lx in ray.layers:
            W = model.params[f"W{lx.layer}"]
            numeric = np.zeros_like(W)
            for index in np.ndindex(W.shape):
                old = W[index]
                W[index] = old + h
                plus = model.loss(X[sample : sample + 1], y[sample : sample + 1])
                W[index] = old - h
                minus = model.loss(X[sample : sample + 1], y[sample : sample + 1])
                W[index] = old
                numeric[index] = (plus - minus) / (2 * h)
            np.testing.assert_allclose(lx.dW(sample), numeric, atol=1e-7)
    # The batch mean is the mean of the samples' own gradients.
    np.testing.assert_allclose(
        ray.layers[0].dW(), np.mean([ray.layers[0].dW(i) for i in range(5)], axis=0)
    )


def test_output_delta_is_y_minus_t_and_hidden_delta_follows_the_chain_rule():
    model = _model("binary")
    X, y = _data("binary")
    ray = xray(model, X, y)
    np.testing.assert_allclose(ray.layers[-1].delta[:, 0], ray.y[:, 0] - y)
    hidden = ray.layers[1]
    expected = (1 - hidden.z**2) * (ray.layers[2].delta @ model.params["W3"].T)
    np.testing.assert_allclose(hidden.delta, expected)


def test_formulas_show_the_numbers_that_make_up_the_value():
    model = _model("binary")
    X, y = _data("binary")
    ray = xray(model, X, y)
    text = neuron_formula(ray, 2, 1, sample=0)
    assert text.startswith("δ = f′(u) · Σₖ wₖ δₖ = ")
    value = ray.layers[1].delta[0, 1]
    assert text.endswith(f"{value:.4g}".replace("-", "−"))
    assert neuron_formula(ray, 3, 0, sample=0).startswith("δ = y − t = ")
    edge = edge_formula(ray, 2, 0, 1, sample=0)
    assert edge.endswith(f"{ray.layers[1].dW(0)[0, 1]:.4g}".replace("-", "−"))


def test_phases_go_forward_then_loss_then_backward_then_update():
    assert phases(2) == [
        ("forward", 1),
        ("forward", 2),
        ("loss", 2),
        ("backward", 2),
        ("backward", 1),
        ("update", 0),
    ]


@pytest.mark.parametrize("options", [{}, {"batch_norm": True}, {"dropout": 0.3, "l2": 0.1}])
def test_gradient_check_reports_tiny_relative_errors_for_a_correct_backprop(options):
    model = _model("multiclass", **options)
    X, y = _data("multiclass", n=8)
    before = model.theta.copy()
    errors = gradient_check(model, X, y)
    assert [name for name, _ in errors] == list(model.params)
    assert max(e for _, e in errors) < 1e-6
    assert np.array_equal(model.theta, before)


def test_gradient_check_catches_a_wrong_gradient():
    model = _model("binary")
    X, y = _data("binary")
    original = model.loss_and_flat_gradient

    def broken(X, y):
        value = original(X, y)
        model.flat_gradient[model.slices["W2"]] *= 1.1
        return value

    model.loss_and_flat_gradient = broken
    errors = dict(gradient_check(model, X, y))
    assert errors["W2"] > 0.01 and errors["W1"] < 1e-6
