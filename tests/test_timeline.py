"""Rewind and branch: restoring a past state reproduces the original continuation exactly."""

from __future__ import annotations

import numpy as np
import pytest

from engine import ConfigError, Trainer
from engine.presets import load_lesson
from engine.timeline import Timeline


@pytest.fixture
def config():
    # Dropout and batch norm exercise both random streams and the running statistics.
    return load_lesson("xor").config.with_changes({"model.dropout": 0.1, "model.batch_norm": True})


def test_rewind_and_resume_reproduces_the_original_weights_bit_for_bit(config):
    trainer = Trainer(config)
    timeline = Timeline()
    for _ in range(120):
        trainer.step()
        timeline.record(trainer.state())
    final = trainer.model.theta.copy()
    loss_history = trainer.history().loss.copy()
    old_view = trainer.history().loss
    trainer.restore(timeline.at_or_before(45))
    assert trainer.step_count == 45 and len(trainer.history().loss) == 45
    trainer.run(75)
    assert np.array_equal(trainer.model.theta, final)
    assert np.array_equal(trainer.history().loss, loss_history)
    assert np.array_equal(old_view, loss_history)  # earlier snapshots' arrays are untouched


def test_resume_across_an_epoch_boundary_and_with_adam_state(config):
    a = Trainer(config.with_changes({"training.batch_size": 7}))
    a.run(30)
    state = a.state()
    a.run(200)
    b = Trainer(config.with_changes({"training.batch_size": 7}))
    b.run(5)
    b.restore(state)
    b.run(200)
    assert np.array_equal(a.model.theta, b.model.theta)
    assert a.epoch == b.epoch


def test_branch_continues_with_other_settings_and_keeps_the_shared_history(config):
    original = Trainer(config)
    original.run(40)
    state = original.state()
    original.run(60)
    branch = original.branch(state, {"optimizer.name": "sgd", "optimizer.lr": 0.5})
    assert branch.step_count == 40 and len(branch.history().loss) == 40
    np.testing.assert_array_equal(branch.history().loss, original.history().loss[:40])
    branch.run(60)
    assert not np.array_equal(branch.model.theta, original.model.theta)
    same = original.branch(state)
    same.run(60)
    assert np.array_equal(same.model.theta, original.model.theta)
    with pytest.raises(ConfigError, match="branch"):
        original.branch(state, {"model.hidden": [3]})


def test_timeline_stays_under_budget_over_20000_steps_and_thins_old_states():
    trainer = Trainer(load_lesson("xor").config)
    budget = 200 * trainer.state().nbytes
    timeline = Timeline(budget)
    for _ in range(20_000):
        trainer.step()
        timeline.record(trainer.state())
        assert timeline.nbytes <= budget
    steps = np.array(timeline.steps)
    assert steps[-1] == 20_000 and steps[0] <= 10
    gaps = np.diff(steps)
    assert gaps[-10:].max() == 1  # the newest steps are all kept
    assert gaps[: len(gaps) // 4].mean() > 10 * gaps[-len(gaps) // 4 :].mean()


def test_recording_at_an_earlier_step_drops_the_abandoned_future():
    trainer = Trainer(load_lesson("xor").config)
    timeline = Timeline()
    for _ in range(10):
        trainer.step()
        timeline.record(trainer.state())
    trainer.restore(timeline.at_or_before(4))
    trainer.step()
    timeline.record(trainer.state())
    assert timeline.steps == [1, 2, 3, 4, 5]
