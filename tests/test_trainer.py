"""Trainer: determinism, divergence, snapshots and the learning targets the issue sets."""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine import ExperimentConfig, Trainer
from engine.presets import load_lesson


def xor_config(**changes) -> ExperimentConfig:
    return load_lesson("xor").config.with_changes(changes)


def test_same_config_gives_bit_identical_weights_stepped_or_run():
    config = xor_config(**{"model.dropout": 0.2, "model.batch_norm": True})
    a, b = Trainer(config), Trainer(config)
    for _ in range(137):
        a.step()
    b.run(137)
    assert np.array_equal(a.model.theta, b.model.theta)
    assert a.step_count == b.step_count == 137
    c = Trainer(config.with_changes({"seed": 1}))
    c.run(137)
    assert not np.array_equal(a.model.theta, c.model.theta)


def test_one_step_applies_exactly_one_optimizer_update():
    config = xor_config(**{"optimizer.name": "sgd", "optimizer.lr": 0.1, "training.batch_size": 0})
    trainer = Trainer(config)
    before = trainer.model.theta.copy()
    X, y = trainer.split.train.X, trainer.split.train.y
    loss, grads = trainer.model.loss_and_gradients(X, y)
    stats = trainer.step()
    expected = before - 0.1 * np.concatenate([g.ravel() for g in grads.values()])
    np.testing.assert_allclose(trainer.model.theta, expected)
    assert stats.step == 1 and stats.loss == pytest.approx(loss)


def test_epochs_count_passes_over_the_training_set():
    trainer = Trainer(xor_config(**{"training.batch_size": 32}))
    n_train = len(trainer.split.train.X)
    assert trainer.steps_per_epoch == math.ceil(n_train / 32)
    trainer.run(trainer.steps_per_epoch)
    assert trainer.epoch == 1
    trainer.step()
    assert trainer.epoch == 2
    full = Trainer(xor_config(**{"training.batch_size": 0}))
    full.run(3)
    assert full.epoch == 3 and full.steps_per_epoch == 1


def test_batch_size_one_is_stochastic_gradient_descent():
    trainer = Trainer(
        xor_config(**{"training.batch_size": 1, "optimizer.name": "sgd", "optimizer.lr": 0.05})
    )
    trainer.run(3000)
    assert trainer.evaluate()[3] > 0.9


def test_xor_preset_reaches_97_percent_validation_accuracy_in_2000_steps():
    trainer = Trainer(load_lesson("xor").config)
    trainer.run(2000)
    assert trainer.evaluate()[3] >= 0.97


def test_xor_without_hidden_layer_stays_near_chance():
    trainer = Trainer(xor_config(**{"model.hidden": []}))
    trainer.run(2000)
    assert trainer.evaluate()[3] < 0.7


def test_digits_reach_95_percent_test_accuracy_within_3000_steps():
    trainer = Trainer(load_lesson("digits").config)
    trainer.run(3000)
    assert trainer.test_metrics()[1] >= 0.95


def test_sine_regression_fits_the_curve():
    config = xor_config(
        **{
            "data.dataset": "sine",
            "data.noise": 0.05,
            "model.hidden": [16],
            "training.batch_size": 32,
        }
    )
    trainer = Trainer(config)
    trainer.run(3000)
    snap = trainer.snapshot()
    assert snap.task == "regression" and snap.curve is not None
    np.testing.assert_allclose(snap.curve.ys, np.sin(np.pi * snap.curve.xs), atol=0.25)
    assert math.isnan(snap.val_accuracy)


@pytest.mark.parametrize(
    ("activation", "task"), [("sigmoid", "regression"), ("relu", "binary"), ("tanh", "multiclass")]
)
def test_a_huge_learning_rate_diverges_with_a_reason_and_keeps_finite_weights(activation, task):
    config = xor_config(
        **{
            "model.activation": activation,
            "model.task": task,
            "optimizer.name": "sgd",
            "optimizer.lr": 1e12,
        }
    )
    trainer = Trainer(config)
    trainer.run(200)
    assert trainer.diverged
    assert "at step" in trainer.diverged and "learning rate 1e+12" in trainer.diverged
    assert np.isfinite(trainer.model.theta).all()
    frozen_at = trainer.step_count
    stats = trainer.step()
    assert trainer.step_count == frozen_at and stats.diverged == trainer.diverged
    snap = trainer.snapshot()
    assert snap.diverged and all(np.isfinite(h.counts).all() for h in snap.weight_hists)


def test_learning_rate_changes_apply_from_the_next_step():
    a, b = Trainer(xor_config()), Trainer(xor_config())
    a.run(10)
    b.run(10)
    a.set_optimizer_hyper(lr=0.2)
    assert a.config.optimizer.lr == 0.2
    a.step()
    b.step()
    assert not np.array_equal(a.model.theta, b.model.theta)


def test_snapshot_is_an_immutable_copy_with_every_panel_input():
    trainer = Trainer(xor_config())
    trainer.run(50)
    snap = trainer.snapshot()
    assert snap.step == 50 and snap.layer_sizes == (2, 4, 4, 1)
    assert set(snap.params) == {"W1", "b1", "W2", "b2", "W3", "b3"}
    with pytest.raises(ValueError):
        snap.params["W1"][0, 0] = 1.0
    trainer.run(10)
    assert not np.array_equal(snap.params["W1"], trainer.model.params["W1"])
    assert len(snap.weight_hists) == 3 and len(snap.activation_hists) == 2
    for hist in snap.activation_hists:
        assert hist.edges[0] == -1 and hist.edges[-1] == 1 and len(hist.counts) == 30
        assert hist.counts.sum() == snap.probe_activations[0].size
    assert snap.probe_activations[0].shape == (len(snap.probe_inputs), 4)
    assert snap.decision is not None and snap.decision.value.shape == (60, 60)
    assert snap.decision.value.min() >= 0 and snap.decision.value.max() <= 1
    assert len(snap.history.loss) == 50 and snap.history.grad_norms.shape[1] == 3
    assert snap.grad_norms.shape == (3,) and np.all(snap.grad_norms > 0)


def test_histogram_edges_stay_put_while_values_fit():
    trainer = Trainer(xor_config())
    first = trainer.snapshot().weight_hists[0].edges
    trainer.run(5)
    assert np.array_equal(trainer.snapshot().weight_hists[0].edges, first)


def test_sigmoid_with_std_1_saturates_and_std_001_does_not():
    base = xor_config(
        **{
            "model.hidden": [100] * 5,
            "model.activation": "sigmoid",
            "model.init": "normal",
            "data.dataset": "blobs",
        }
    )
    wide = Trainer(base.with_changes({"model.init_std": 1.0})).snapshot()
    narrow = Trainer(base.with_changes({"model.init_std": 0.01})).snapshot()
    assert wide.activation_hists[-1].saturated > 0.5
    assert narrow.activation_hists[-1].saturated == 0
    assert abs(narrow.activation_hists[-1].mean - 0.5) < 0.01


def test_relu_dead_units_are_counted():
    trainer = Trainer(xor_config(**{"model.activation": "relu", "model.init": "he"}))
    trainer.model.params["b1"][:2] = -100.0
    assert trainer.snapshot().activation_hists[0].dead_units == pytest.approx(0.5)


def test_multiclass_decision_grid_holds_classes_and_confidence():
    trainer = Trainer(xor_config(**{"data.dataset": "blobs", "data.n_classes": 4}))
    trainer.run(100)
    grid = trainer.snapshot().decision
    assert set(np.unique(grid.value)) <= {0, 1, 2, 3}
    assert grid.confidence.min() >= 0.25 - 1e-9 and grid.confidence.max() <= 1
