"""Long runs keep bounded learning curves that still span the whole run."""

from __future__ import annotations

import numpy as np
import pytest

from engine import Trainer
from engine.history_series import (
    EVAL_POINTS,
    LOSS_POINTS,
    Curves,
    EvalSeries,
    LossSeries,
    bound_bytes,
)
from engine.presets import load_lesson
from engine.timeline import Timeline


def block_means(losses: np.ndarray, stride: int) -> np.ndarray:
    """Means of consecutive blocks of ``stride`` losses (complete blocks only)."""
    n = len(losses) // stride * stride
    return losses[:n].reshape(-1, stride).mean(axis=1)


def fed(series: LossSeries, losses: np.ndarray) -> LossSeries:
    for step, loss in enumerate(losses, start=1):
        series.append(step, float(loss))
    return series


@pytest.fixture
def losses() -> np.ndarray:
    return np.random.default_rng(7).lognormal(size=5_000)


def test_below_the_bound_every_step_is_kept_exactly(losses):
    series = fed(LossSeries(capacity=5_000), losses)
    assert np.array_equal(series.means(), losses)
    assert np.array_equal(series.steps(), np.arange(1, 5_001))


@pytest.mark.parametrize("n", [1_001, 1_999, 2_000, 2_001, 4_097, 5_000])
def test_past_the_bound_the_curve_is_block_means_spanning_the_run(losses, n):
    series = fed(LossSeries(capacity=1_000), losses[:n])
    stride = series.stride
    fewest = next(2**j for j in range(20) if n // 2**j <= 1_000)  # thinned only when needed
    assert series.n <= 1_000 and stride == fewest
    steps = series.steps()
    assert steps[0] == stride and steps[-1] > n - stride  # step 1 … now, one block at most
    assert np.all(np.diff(steps) == stride)
    np.testing.assert_allclose(series.means(), block_means(losses[:n], stride), rtol=1e-12)


def test_handed_out_curves_do_not_change_when_the_series_thins(losses):
    series = fed(LossSeries(capacity=1_000), losses[:1_000])
    before, steps = series.means(), series.steps()
    fed_more = losses[1_000:3_000]
    for step, loss in enumerate(fed_more, start=1_001):
        series.append(step, float(loss))
    assert np.array_equal(before, losses[:1_000])
    assert np.array_equal(steps, np.arange(1, 1_001))


def test_evaluations_keep_every_other_one_when_full_and_the_first_always():
    evals = EvalSeries(n_layers=2, capacity=100)
    for k in range(1, 451):
        evals.append(10 * k, (k, k / 1000, -k, 0.5), np.array([k, 2.0 * k]))
    steps = evals.column("eval_steps")
    assert evals.n <= 100 and evals.stride == 8
    assert np.array_equal(steps, 10 * np.arange(1, 451, 8))  # evaluations 1, 9, 17, …
    kept = steps / 10
    assert np.array_equal(evals.column("train_loss"), kept)
    assert np.array_equal(evals.column("val_loss"), -kept)
    assert np.array_equal(evals.column("grad_norms"), np.column_stack([kept, 2 * kept]))


def test_100k_steps_keep_the_history_under_the_documented_bound():
    curves = Curves(n_layers=3)
    rng = np.random.default_rng(1)
    exact = rng.lognormal(size=100_000)
    for step, loss in enumerate(exact, start=1):
        curves.losses.append(step, float(loss))
        if step % 10 == 0:
            curves.evals.append(step, (loss, 0.5, loss, 0.5), rng.random(3))
    h = curves.history()
    assert len(h.loss) <= LOSS_POINTS and len(h.eval_steps) <= EVAL_POINTS
    stride = int(h.steps()[0])
    assert stride == 8 and h.steps()[-1] == 100_000
    np.testing.assert_allclose(h.loss, block_means(exact, stride), rtol=1e-12)
    assert h.eval_steps[0] == 10 and h.eval_steps[-1] > 100_000 - 80
    assert np.all(np.diff(h.eval_steps) > 0)
    assert curves.nbytes <= bound_bytes(3) == 20_000 * 24 + 2_000 * 8 * 8


def test_rewinding_across_a_thinning_keeps_the_curve_consistent():
    config = load_lesson("xor").config.with_changes({"model.hidden": [2]})
    trainer = Trainer(config)
    timeline = Timeline()
    exact = np.empty(LOSS_POINTS + 101)
    for i in range(LOSS_POINTS + 101):  # the per-step curve thins at step 20,001
        exact[i] = trainer.step().loss
        if trainer.step_count % 50 == 1:
            timeline.record(trainer.state())
    final = trainer.model.theta.copy()
    curve = trainer.history()
    assert len(curve.loss) == LOSS_POINTS // 2 + 50 and curve.steps()[-1] == 20_100
    np.testing.assert_allclose(curve.loss, block_means(exact, 2), rtol=1e-12)
    back = trainer.branch(timeline.at_or_before(19_990))  # recorded before the thinning
    assert back.step_count == 19_951
    h = back.history()
    assert h.steps()[-1] == 19_950 and np.all(h.loss == curve.loss[: len(h.loss)])
    back.run(LOSS_POINTS + 101 - 19_951)
    assert np.array_equal(back.model.theta, final)  # rewinding still reproduces the run
    h = back.history()
    assert np.array_equal(h.steps(), curve.steps())
    # only the block that held the rewind step lost its first half; the rest is identical
    differs = np.flatnonzero(h.loss != curve.loss)
    assert np.array_equal(h.steps()[differs], [19_952])
