"""The X-ray's numbers against independent recomputation and central differences."""

from __future__ import annotations

import numpy as np
import pytest
from formula_check import assert_identity

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


def numpy_backprop(model, X, y):
    """z_prev and δ per layer, written from the course's formulas (tanh hidden layers, batch
    norm with its running statistics as in evaluation mode)."""
    if model.task == "binary":
        t = y.reshape(-1, 1)
    else:
        t = np.eye(model.layer_sizes[-1])[y] if model.task == "multiclass" else y
    p, L = model.params, model.n_layers
    z, inputs, slopes, scales = X, [], [], []
    for l in range(1, L + 1):
        inputs.append(z)
        u = z @ p[f"W{l}"] + p[f"b{l}"]
        if l == L:
            if model.task == "binary":
                z = 1 / (1 + np.exp(-u))
            elif model.task == "multiclass":
                e = np.exp(u - u.max(axis=1, keepdims=True))
                z = e / e.sum(axis=1, keepdims=True)
            else:
                z = u
            break
        scale = np.ones(u.shape[1])
        if model.batch_norm:
            scale = p[f"gamma{l}"] / np.sqrt(model.running_var[l] + model.bn_eps)
            u = (u - model.running_mean[l]) * scale + p[f"beta{l}"]
        z = np.tanh(u)
        slopes.append(1 - z**2)
        scales.append(scale)
    deltas = [z - t]
    for l in range(L - 1, 0, -1):
        deltas.insert(0, slopes[l - 1] * (deltas[0] @ p[f"W{l + 1}"].T) * scales[l - 1])
    return inputs, deltas


def _row(a, sample):
    return a.mean(axis=0) if sample is None else a[sample]


@pytest.mark.parametrize("task", ["binary", "multiclass", "regression"])
@pytest.mark.parametrize("batch_norm", [False, True])
@pytest.mark.parametrize("n", [3, 6], ids=["B=3", "B=6"])
def test_every_formula_line_is_an_identity_with_its_numbers(task, batch_norm, n):
    model = _model(task, batch_norm=batch_norm)
    if batch_norm:
        for l in model.running_mean:
            model.running_mean[l][...] = 0.3
            model.running_var[l][...] = 2.0
            model.params[f"gamma{l}"][...] = np.linspace(0.5, 1.5, model.layer_sizes[l])
    X, y = _data(task, n)
    ray = xray(model, X, y)
    inputs, deltas = numpy_backprop(model, X, y)
    checked = 0
    for l, (z_prev, delta) in enumerate(zip(inputs, deltas, strict=True), start=1):
        for sample in [*range(n), None]:
            for j in range(delta.shape[1]):
                line = neuron_formula(ray, l, j, sample)
                checked += assert_identity(line, _row(delta, sample)[j])
                if sample is None:
                    assert line.startswith("δ̄ = mean over the batch of ")
                    assert ("…" in line) == (n > 4 and l < len(deltas))
                for i in range(z_prev.shape[1]):
                    line = edge_formula(ray, l, i, j, sample)
                    checked += assert_identity(line, _row(z_prev[:, i] * delta[:, j], sample))
                    assert (f"(1/{n})·(" in line) == (sample is None)
    assert checked > 200


def test_the_identity_check_catches_a_product_of_means():
    """The batch-mean δ once read f̄′ · Σₖ wₖ δ̄ₖ: its numbers multiply out to something else."""
    model = _model("binary")
    X, y = _data("binary")
    ray = xray(model, X, y)
    hidden, above = ray.layers[1], ray.layers[2]
    slope, total = hidden.slope[:, 0].mean(), above.W[0] @ above.delta.mean(axis=0)
    line = f"δ = {slope:.4g} · {total:.4g} = {hidden.delta[:, 0].mean():.4g}"
    with pytest.raises(AssertionError):
        assert_identity(line.replace("-", "−"), hidden.delta[:, 0].mean())


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
