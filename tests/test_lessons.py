"""Each lesson makes the course's point in numbers, computed from what the panels are shown."""

from __future__ import annotations

import numpy as np
import pytest

from engine import ConfigError
from engine.compare import Comparison, make_variants, vary
from engine.presets import lesson_names, load_lesson, make_race

COURSE_LESSONS = {
    "xor",
    "activations",
    "vanishing-gradient",
    "weight-init-sigmoid",
    "weight-init-relu",
    "optimizer-race",
    "optimizers-digits",
    "init-digits",
    "batch-norm",
    "overfitting",
    "regression-sine",
    "softmax-digits",
}


def run(name: str, steps: int | None = None) -> dict:
    lesson = load_lesson(name)
    comparison = Comparison(lesson.variants)
    comparison.run(lesson.steps if steps is None else steps)
    return {v.label: s for v, s in zip(lesson.variants, comparison.snapshots(), strict=True)}


def test_every_course_lesson_is_shipped_with_a_title_and_explanation():
    assert set(lesson_names()) >= COURSE_LESSONS
    for name in COURSE_LESSONS:
        lesson = load_lesson(name)
        assert lesson.title and len(lesson.explanation) > 100
        assert (
            lesson.variants
            or lesson.race
            or lesson.config.model.hidden == []
            or (name == "softmax-digits")
        )


def test_xor_needs_a_hidden_layer():
    snaps = run("xor")
    assert abs(snaps["no hidden layer"].val_accuracy - 0.5) < 0.15
    assert snaps["hidden 4-4 tanh"].val_accuracy > 0.95


def test_sigmoid_std_1_saturates_std_001_collapses_xavier_spreads():
    snaps = run("weight-init-sigmoid")
    for z in snaps["std 1"].probe_activations:
        assert np.mean((z < 0.1) | (z > 0.9)) > 0.5
    first, *deeper = snaps["std 0.01"].probe_activations
    assert np.mean((first >= 0.4) & (first <= 0.6)) > 0.999  # N(0, 1) inputs have rare tails
    for z in deeper:
        assert z.min() >= 0.4 and z.max() <= 0.6
    for z in snaps["Xavier"].probe_activations:
        assert 0.1 < z.std() < 0.3 and np.mean((z < 0.1) | (z > 0.9)) < 0.2
    hist = snaps["std 1"].activation_hists[0]
    assert len(hist.counts) == 30 and hist.edges[0] == 0 and hist.edges[-1] == 1


def test_he_keeps_relu_spread_while_std_001_collapses_it():
    snaps = run("weight-init-relu")
    he = [z.std() for z in snaps["He"].probe_activations]
    small = [z.std() for z in snaps["std 0.01"].probe_activations]
    xavier = [z.std() for z in snaps["Xavier"].probe_activations]
    assert max(he) / min(he) < 1.6
    assert small[-1] < 1e-4 * small[0]
    assert he[-1] > xavier[-1] > small[-1]


def test_deep_sigmoid_gradients_vanish_towards_the_input_and_relu_ones_do_not():
    snaps = run("vanishing-gradient", steps=50)
    sigmoid, relu = snaps["8 × sigmoid"].grad_norms, snaps["8 × ReLU"].grad_norms
    assert sigmoid[0] < 1e-3 * sigmoid[-1]
    assert relu[0] > 0.1 * relu[-1]


def test_course_optimizer_race():
    lesson = load_lesson("optimizer-race")
    race = make_race(lesson.race)
    race.step(lesson.race.steps)
    paths = race.paths
    assert len(paths["SGD"]) == 31
    sgd_y = paths["SGD"][1:, 1]
    assert np.all(np.sign(sgd_y[1:]) != np.sign(sgd_y[:-1]))  # the zig-zag

    def travel_in_y(label: str) -> float:
        return float(np.abs(np.diff(paths[label][:, 1])).sum())

    for label in ("Momentum", "AdaGrad", "Adam"):
        assert travel_in_y(label) < 0.3 * travel_in_y("SGD")
        assert np.linalg.norm(paths[label][-1]) < 1.0


def test_adaptive_optimizers_beat_plain_sgd_on_digits():
    snaps = run("optimizers-digits", steps=150)
    sgd = snaps["SGD"].train_loss
    for label in ("Momentum", "AdaGrad", "Adam"):
        assert snaps[label].train_loss < 0.5 * sgd


def test_std_001_relu_network_barely_learns_digits_and_he_learns_fastest():
    snaps = run("init-digits", steps=200)
    assert snaps["std 0.01"].val_accuracy < 0.2
    assert snaps["He"].train_loss < snaps["Xavier"].train_loss < snaps["std 0.01"].train_loss


def test_batch_norm_rescues_badly_scaled_weights():
    snaps = run("batch-norm", steps=100)
    assert snaps["std 0.01"].val_accuracy < 0.2
    assert snaps["std 0.01 + BN"].val_accuracy > 0.8
    assert snaps["std 1"].diverged and not snaps["std 1 + BN"].diverged
    assert "initial weights (std 1)" in snaps["std 1"].diverged


def test_overfitting_gap_and_regularisation():
    lesson = load_lesson("overfitting")
    assert len(Comparison(lesson.variants[:1]).trainers[0].split.train.X) == 300
    snaps = run("overfitting", steps=600)
    plain = snaps["no regularisation"]
    assert plain.train_accuracy > 0.99 and plain.val_accuracy < 0.97
    assert plain.val_loss > 5 * plain.train_loss
    for label in ("L2 λ = 0.1", "dropout 0.2"):
        regularised = snaps[label]
        gap = regularised.val_loss - regularised.train_loss
        assert gap < plain.val_loss - plain.train_loss or regularised.train_accuracy < 1.0


def test_width_improves_the_sine_fit():
    snaps = run("regression-sine", steps=1500)
    assert snaps["1 unit"].val_loss > 3 * snaps["32 units"].val_loss


def test_comparison_variants_share_data_and_seed():
    lesson = load_lesson("weight-init-sigmoid")
    trainers = Comparison(lesson.variants).trainers
    assert all(np.array_equal(t.split.train.X, trainers[0].split.train.X) for t in trainers)
    assert len({t.dataset.X.ctypes.data for t in trainers}) == 1


def test_vary_and_variant_errors_name_the_field():
    base = load_lesson("xor").config
    variants = vary(base, "optimizer.lr", [0.1, 0.01])
    assert [v.config.optimizer.lr for v in variants] == [0.1, 0.01]
    with pytest.raises(ConfigError, match=r"variants\[1\]\.model\.init_std"):
        make_variants(base, [{"label": "a"}, {"label": "b", "model": {"init_std": -1.0}}])
    with pytest.raises(ConfigError, match=r"variants\[0\]\.colour"):
        make_variants(base, [{"colour": "red"}])


def test_lesson_file_errors_name_the_field(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[lesson]\ntitle = "t"\npanels = ["graph", "nope"]\n')
    with pytest.raises(ConfigError, match=r"lesson\.panels"):
        load_lesson(path)
    path.write_text('[race]\nsurface = "moon"\nrunners = [{ optimizer = "sgd" }]\n')
    with pytest.raises(ConfigError, match="surface"):
        load_lesson(path)
    path.write_text('[race]\nrunners = [{ optimizer = "sgd", lr = -1 }]\n')
    with pytest.raises(ConfigError, match=r"optimizer\.lr"):
        load_lesson(path)


def test_linear_regression_descends_the_bowl_to_the_least_squares_fit():
    from engine import Trainer

    lesson = load_lesson("linear-regression")
    trainer = Trainer(lesson.config)
    trainer.run(lesson.steps)
    snap = trainer.snapshot()
    w, b = snap.param_path[-1]
    X, t = trainer.split.train.X[:, 0], trainer.split.train.y[:, 0]
    expected = np.polyfit(X, t, 1)  # independent least-squares fit
    assert w == pytest.approx(expected[0], abs=0.02) and b == pytest.approx(expected[1], abs=0.02)
    assert snap.landscape.optimum == pytest.approx(tuple(expected), abs=1e-9)
    cost = snap.landscape.costs["mean squared error"]
    assert cost.shape == (len(snap.landscape.bs), len(snap.landscape.ws))
    path_losses = [0.5 * np.mean((pw * X + pb - t) ** 2) for pw, pb in snap.param_path]
    assert np.all(np.diff(path_losses) <= 1e-12)  # full-batch descent never goes uphill
    assert len(snap.param_path) == lesson.steps + 1


def _second_differences(z: np.ndarray) -> np.ndarray:
    return np.concatenate([np.diff(z, 2, axis=0).ravel(), np.diff(z, 2, axis=1).ravel()])


def test_logistic_cross_entropy_is_convex_and_mse_on_sigmoid_is_not():
    from engine import Trainer

    lesson = load_lesson("logistic-regression")
    trainer = Trainer(lesson.config)
    trainer.run(lesson.steps)
    snap = trainer.snapshot()
    costs = snap.landscape.costs
    assert _second_differences(costs["cross-entropy"]).min() > -1e-12
    assert _second_differences(costs["mean squared error on σ"]).min() < -1e-4
    assert np.linalg.norm(snap.param_path[-1] - snap.landscape.optimum) < 0.05


def test_stochastic_paths_are_noisier_than_gradient_descent():
    snaps = run("gd-vs-sgd")

    def wiggle(label: str) -> float:
        path = snaps[label].param_path
        steps = np.diff(path, axis=0)
        turns = np.sum(steps[1:] * steps[:-1], axis=1) < 0
        return float(turns.mean())

    assert wiggle("gradient descent (all data)") < wiggle("mini-batch of 16")
    assert wiggle("mini-batch of 16") < wiggle("stochastic (1 sample)")
    for snap in snaps.values():
        assert np.linalg.norm(snap.param_path[-1] - snap.landscape.optimum) < 0.25
