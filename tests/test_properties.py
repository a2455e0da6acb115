"""Property-based checks: any valid experiment trains; any invalid one names its field."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import ConfigError, ExperimentConfig, Trainer
from engine import activations as act
from engine import init as inits
from engine.datasets import DATASET_NAMES
from engine.optimizers import OPTIMIZERS

TOY = ["xor", "circles", "spirals", "moons", "blobs", "logistic", "linear", "sine"]

valid_changes = st.fixed_dictionaries(
    {
        "data.dataset": st.sampled_from(TOY),
        "data.n_samples": st.integers(8, 120),
        "data.noise": st.floats(0, 1),
        "data.n_classes": st.integers(2, 5),
        "data.validation_fraction": st.floats(0, 0.5),
        "data.standardize": st.booleans(),
        "model.hidden": st.lists(st.integers(1, 12), max_size=4),
        "model.activation": st.sampled_from([a for a in act.NAMES if a != "step"]),
        "model.init": st.sampled_from(inits.NAMES),
        "model.init_std": st.floats(1e-4, 10),
        "model.batch_norm": st.booleans(),
        "model.dropout": st.floats(0, 0.9),
        "model.l1": st.floats(0, 1),
        "model.l2": st.floats(0, 1),
        "optimizer.name": st.sampled_from(sorted(OPTIMIZERS)),
        "optimizer.lr": st.floats(1e-6, 1e6),
        "training.batch_size": st.integers(0, 64),
        "training.probe_size": st.integers(1, 200),
        "seed": st.integers(0, 2**32 - 1),
    }
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_changes)
def test_any_valid_experiment_trains_five_steps_or_says_why_it_diverged(changes):
    config = ExperimentConfig().with_changes(changes)
    trainer = Trainer(config)
    stats = trainer.run(5)
    if trainer.diverged:
        assert "at step" in trainer.diverged and stats.diverged == trainer.diverged
    else:
        assert trainer.step_count == 5 and math.isfinite(stats.loss)
    assert np.isfinite(trainer.model.theta).all()
    snapshot = trainer.snapshot()
    for hist in (*snapshot.weight_hists, *snapshot.activation_hists):
        assert np.isfinite(hist.edges).all() and hist.counts.sum() > 0


BAD_VALUES = {
    "data.dataset": st.text(min_size=1).filter(lambda s: s not in DATASET_NAMES),
    "data.n_samples": st.integers(max_value=3),
    "data.noise": st.floats(max_value=-1e-9) | st.just(math.inf),
    "model.dropout": st.floats(1, 1e6) | st.floats(max_value=-1e-9),
    "model.activation": st.text().filter(lambda s: s not in act.NAMES),
    "model.init": st.text().filter(lambda s: s not in inits.NAMES),
    "model.hidden": st.lists(st.integers(max_value=0), min_size=1, max_size=3),
    "model.l2": st.floats(max_value=-1e-9),
    "optimizer.name": st.text().filter(lambda s: s.strip().lower() not in OPTIMIZERS),
    "optimizer.lr": st.floats(max_value=0) | st.just(math.nan) | st.text(),
    "training.batch_size": st.integers(max_value=-1) | st.floats(0.5, 5.5) | st.booleans(),
    "training.probe_size": st.integers(max_value=0),
}


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(sorted(BAD_VALUES)).flatmap(
        lambda field: st.tuples(st.just(field), BAD_VALUES[field])
    )
)
def test_any_invalid_field_raises_a_config_error_naming_it(case):
    field, value = case
    try:
        ExperimentConfig().with_changes({field: value})
    except ConfigError as error:
        assert error.field == field or error.field.startswith(field + "[")
    else:
        raise AssertionError(f"{field} = {value!r} was accepted")
