"""Random hyper-parameter search: log-uniform draws, ranked by validation, parallel, cancellable."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from engine import ConfigError
from engine.presets import load_lesson
from engine.search import SearchSpec, random_search, rank, sample


def test_draws_are_log_uniform_within_the_exponent_ranges_and_reproducible():
    spec = SearchSpec(trials=4000, lr=(-6, -2), weight_decay=(-8, -4), seed=3)
    pairs = np.array(sample(spec))
    exponents = np.log10(pairs)
    assert exponents[:, 0].min() >= -6 and exponents[:, 0].max() <= -2
    assert exponents[:, 1].min() >= -8 and exponents[:, 1].max() <= -4
    # Uniform in the exponent: each decade holds about a quarter of the learning rates.
    counts = np.histogram(exponents[:, 0], bins=[-6, -5, -4, -3, -2])[0]
    assert np.all(np.abs(counts / len(pairs) - 0.25) < 0.03)
    assert sample(spec) == sample(spec)


def test_trials_are_ranked_by_validation_accuracy_and_good_rates_win():
    config = load_lesson("xor").config
    spec = SearchSpec(trials=6, steps=300, lr=(-5, 0), seed=1)
    trials = random_search(config, spec, workers=1)
    assert len(trials) == 6
    accuracies = [t.val_accuracy for t in trials]
    assert accuracies == sorted(accuracies, reverse=True)
    assert trials[0].lr > trials[-1].lr  # on XOR with Adam, 1e-5 learns nothing in 300 steps
    assert trials[0].eval_steps[-1] == 300 and len(trials[0].val_curve) == len(trials[0].eval_steps)


def test_parallel_workers_give_the_same_trials_as_one_process():
    config = load_lesson("xor").config
    spec = SearchSpec(trials=4, steps=100, seed=2)
    serial = random_search(config, spec, workers=1)
    parallel = random_search(config, spec, workers=2)
    assert sorted((t.index, t.val_accuracy) for t in serial) == sorted(
        (t.index, t.val_accuracy) for t in parallel
    )


def test_cancel_returns_the_trials_finished_so_far():
    cancel = threading.Event()
    seen = []

    def progress(trial, done):
        seen.append(done)
        cancel.set()

    trials = random_search(
        load_lesson("xor").config,
        SearchSpec(trials=50, steps=50),
        workers=1,
        progress=progress,
        cancel=cancel,
    )
    assert len(trials) == 1 and seen == [1]


def test_bad_ranges_name_the_field():
    with pytest.raises(ConfigError, match=r"search\.lr"):
        SearchSpec(lr=(-2, -6)).validate()
    with pytest.raises(ConfigError, match=r"search\.trials"):
        SearchSpec(trials=0).validate()


def test_search_lesson_uses_the_course_ranges():
    lesson = load_lesson("hyperparameter-search")
    assert lesson.search.lr == (-6.0, -2.0) and lesson.search.weight_decay == (-8.0, -4.0)
    assert rank([]) == []
