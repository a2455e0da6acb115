"""Bins.summarise against NumPy's own histogram, mean and standard deviation."""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine.histograms import Bins


@pytest.mark.parametrize("shape", [(500, 100), (100, 100), (10,), (1,)])
def test_counts_mean_and_std_match_numpy(shape):
    values = np.random.default_rng(3).normal(0.1, 0.4, size=shape)
    bins = Bins(-2.0, 2.0, 40)
    counts, edges, mean, std = bins.summarise(values)
    expected, expected_edges = np.histogram(values, bins=40, range=(-2.0, 2.0))
    assert np.array_equal(counts, expected) and np.allclose(edges, expected_edges)
    assert mean == pytest.approx(values.mean(), rel=1e-12, abs=1e-15)
    assert std == pytest.approx(values.std(), rel=1e-12, abs=1e-15)


def test_values_on_the_edges_fall_in_the_first_and_last_bins():
    bins = Bins(0.0, 1.0, 4)
    counts, _, _, _ = bins.summarise(np.array([0.0, 0.0, 0.25, 0.5, 1.0, 1.0, 1.0]))
    assert counts.tolist() == [2, 1, 1, 3]
    assert (bins.lo, bins.hi) == (0.0, 1.0)


def test_range_widens_to_a_nice_bound_and_counts_every_value():
    bins = Bins(-1.0, 1.0, 10)
    values = np.array([-0.5, 0.2, 3.0])
    counts, edges, _, _ = bins.summarise(values)
    assert (edges[0], edges[-1]) == (-5.0, 5.0) and counts.sum() == 3
    assert np.array_equal(counts, np.histogram(values, bins=edges)[0])


def test_fixed_bins_clip_values_outside_their_range():
    bins = Bins(0.0, 1.0, 5, fixed=True)
    counts, edges, mean, _ = bins.summarise(np.array([-0.5, 0.1, 0.9, 1.5]))
    assert counts.tolist() == [2, 0, 0, 0, 2] and (edges[0], edges[-1]) == (0.0, 1.0)
    assert mean == pytest.approx(0.5)


def test_non_finite_values_are_left_out_of_the_counts_and_poison_the_mean():
    bins = Bins(-1.0, 1.0, 4)
    counts, _, mean, std = bins.summarise(np.array([0.1, np.nan, -0.6, np.inf]))
    assert counts.tolist() == [1, 0, 1, 0]
    assert math.isnan(mean) and math.isnan(std)
    counts, _, mean, _ = bins.summarise(np.array([np.nan, np.nan]))
    assert counts.sum() == 0 and math.isnan(mean)


def test_count_gives_the_same_counts_as_summarise():
    values = np.random.default_rng(4).uniform(-1, 1, 300)
    assert np.array_equal(Bins(-1, 1, 20).count(values)[0], Bins(-1, 1, 20).summarise(values)[0])
