"""Generated data sets, the bundled digits, splits and standardisation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine.datasets import (
    DATASET_NAMES,
    DIGITS_PATH,
    GENERATED,
    Dataset,
    Split,
    Standardizer,
    dataset_task,
    load_digits,
    make_dataset,
    split_dataset,
    standardize,
)
from engine.errors import DataError

ROOT = Path(__file__).resolve().parent.parent
# The 2-D toy sets; "gaussian" is the 100-feature weight-initialisation input, tested apart.
TOYS = [n for n in GENERATED if n != "gaussian"]
# Balanced and separable when clean: the 2-D class generators.
CLASSIFIERS = [
    n for n in GENERATED if dataset_task(n) != "regression" and n not in ("gaussian", "logistic")
]
EXPECTED_TASKS = {
    "xor": "binary",
    "circles": "binary",
    "spirals": "binary",
    "moons": "binary",
    "blobs": "multiclass",
    "gaussian": "multiclass",
    "logistic": "binary",
    "linear": "regression",
    "sine": "regression",
}


def leave_one_out_1nn_accuracy(X: np.ndarray, y: np.ndarray) -> float:
    distances = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    np.fill_diagonal(distances, np.inf)
    return float(np.mean(y[distances.argmin(axis=1)] == y))


def indexed(n: int, n_classes: int = 3) -> Dataset:
    """Rows whose single feature is their own index, so splits can be traced back."""
    X = np.arange(n, dtype=np.float64)[:, None]
    y = np.arange(n, dtype=np.int64) % n_classes
    return Dataset(X, y, "multiclass", n_classes, "indexed")


# ------------------------------------------------------------------ generators


@pytest.mark.parametrize("name", GENERATED)
def test_same_seed_gives_same_data_and_other_seeds_differ(name: str) -> None:
    first = make_dataset(name, n_samples=120, noise=0.1, seed=7)
    again = make_dataset(name, n_samples=120, noise=0.1, seed=7)
    other = make_dataset(name, n_samples=120, noise=0.1, seed=8)
    np.testing.assert_array_equal(first.X, again.X)
    np.testing.assert_array_equal(first.y, again.y)
    assert not np.array_equal(first.X, other.X)


@pytest.mark.parametrize("name", GENERATED)
def test_shapes_dtypes_and_task(name: str) -> None:
    ds = make_dataset(name, n_samples=101, noise=0.1, seed=0)
    assert ds.task == EXPECTED_TASKS[name] == dataset_task(name)
    assert ds.name == name
    assert ds.X.dtype == np.float64 and ds.X.shape[0] == 101
    assert ds.image_shape is None
    if ds.task == "regression":
        assert ds.X.shape == (101, 1)
        assert ds.y.shape == (101, 1) and ds.y.dtype == np.float64
        assert ds.n_classes == 0
    else:
        assert ds.X.shape == (101, {"gaussian": 100, "logistic": 1}.get(name, 2))
        assert ds.y.shape == (101,) and ds.y.dtype == np.int64
        assert set(np.unique(ds.y)) == set(range(ds.n_classes))


@pytest.mark.parametrize("name", TOYS)
def test_clean_inputs_stay_within_two_units_of_the_origin(name: str) -> None:
    ds = make_dataset(name, n_samples=500, noise=0.0, seed=3)
    assert np.abs(ds.X).max() <= 2.0


@pytest.mark.parametrize("name", TOYS)
def test_noise_is_a_jitter_with_the_given_std_on_the_same_clean_data(name: str) -> None:
    clean = make_dataset(name, n_samples=2000, noise=0.0, seed=5)
    noisy = make_dataset(name, n_samples=2000, noise=0.3, seed=5)
    if clean.task == "regression":
        np.testing.assert_array_equal(clean.X, noisy.X)
        jitter = noisy.y - clean.y
    else:
        np.testing.assert_array_equal(clean.y, noisy.y)
        jitter = noisy.X - clean.X
    assert jitter.std() == pytest.approx(0.3, rel=0.05)
    assert abs(jitter.mean()) < 0.03


@pytest.mark.parametrize("name", [n for n in CLASSIFIERS if n != "blobs"])
def test_binary_generators_balance_the_two_classes(name: str) -> None:
    ds = make_dataset(name, n_samples=301, noise=0.1, seed=1)
    assert sorted(np.bincount(ds.y)) == [150, 151]


@pytest.mark.parametrize("name", CLASSIFIERS)
def test_clean_classes_are_separable_by_a_nearest_neighbour(name: str) -> None:
    ds = make_dataset(name, n_samples=400, noise=0.0, seed=2)
    assert leave_one_out_1nn_accuracy(ds.X, ds.y) > 0.97


def test_xor_label_is_the_xor_of_the_quadrant_signs() -> None:
    ds = make_dataset("xor", n_samples=1000, noise=0.0, seed=4)
    x, y = ds.X[:, 0], ds.X[:, 1]
    np.testing.assert_array_equal(ds.y, (np.sign(x) != np.sign(y)).astype(int))
    assert np.abs(ds.X).min() >= 0.1 - 1e-12
    assert np.abs(ds.X).max() <= 1.0
    quadrants = {(bool(a), bool(b)) for a, b in zip(x > 0, y > 0, strict=True)}
    assert len(quadrants) == 4


def test_circles_inner_disc_and_outer_ring_do_not_touch() -> None:
    ds = make_dataset("circles", n_samples=1000, noise=0.0, seed=4)
    radius = np.hypot(ds.X[:, 0], ds.X[:, 1])
    inner, outer = radius[ds.y == 0], radius[ds.y == 1]
    assert inner.max() < outer.min()
    assert outer.max() <= 1.0 + 1e-12


def test_clean_regression_curves_follow_their_formula() -> None:
    line = make_dataset("linear", n_samples=200, noise=0.0, seed=1)
    np.testing.assert_allclose(line.y, 2 * line.X + 1)
    wave = make_dataset("sine", n_samples=200, noise=0.0, seed=1)
    np.testing.assert_allclose(wave.y, np.sin(np.pi * wave.X))
    for ds in (line, wave):
        assert ds.X.min() >= -1.0 and ds.X.max() <= 1.0


@pytest.mark.parametrize(("k", "task"), [(2, "binary"), (3, "multiclass"), (6, "multiclass")])
def test_blobs_have_k_balanced_clusters(k: int, task: str) -> None:
    ds = make_dataset("blobs", n_samples=600, noise=0.05, seed=0, n_classes=k)
    assert ds.task == task == dataset_task("blobs", k)
    assert ds.n_classes == k
    assert np.bincount(ds.y).tolist() == [600 // k] * k
    centres = np.array([ds.X[ds.y == c].mean(axis=0) for c in range(k)])
    spread = max(ds.X[ds.y == c].std(axis=0).max() for c in range(k))
    gaps = np.linalg.norm(centres[:, None] - centres[None], axis=2) + np.eye(k) * 9
    assert gaps.min() > 3 * spread


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"n_samples": 0}, "n_samples"),
        ({"n_samples": 1}, "n_samples"),
        ({"n_samples": 2.5}, "n_samples"),
        ({"noise": -0.1}, "noise"),
        ({"noise": float("nan")}, "noise"),
    ],
)
def test_bad_generator_arguments_raise_data_error(kwargs: dict, fragment: str) -> None:
    with pytest.raises(DataError, match=fragment):
        make_dataset("moons", **kwargs)


def test_blobs_need_at_least_two_classes() -> None:
    with pytest.raises(DataError, match="n_classes"):
        make_dataset("blobs", n_classes=1)


def test_unknown_name_lists_the_valid_names() -> None:
    with pytest.raises(DataError) as caught:
        make_dataset("spiral")
    for name in DATASET_NAMES:
        assert name in str(caught.value)
    with pytest.raises(DataError):
        dataset_task("spiral")


def test_names_and_implied_tasks() -> None:
    assert set(GENERATED) < set(DATASET_NAMES)
    assert {"digits", "csv", "npz", "idx"} <= set(DATASET_NAMES)
    assert dataset_task("digits") == "multiclass"
    for file_format in ("csv", "npz", "idx"):
        assert dataset_task(file_format) is None


def test_file_formats_need_a_path(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no file"):
        make_dataset("csv")
    images = tmp_path / "images.idx"
    images.write_bytes(b"")
    with pytest.raises(DataError, match="labels"):
        make_dataset("idx", path=str(images))


def test_make_dataset_reads_a_csv_file(tmp_path: Path) -> None:
    path = tmp_path / "points.csv"
    path.write_text("0.5,1.5,0\n-0.5,2.5,1\n1.0,0.0,1\n")
    ds = make_dataset("csv", path=str(path))
    assert ds.name == "points" and ds.task == "binary"
    np.testing.assert_array_equal(ds.y, [0, 1, 1])


def test_dataset_rejects_inconsistent_arrays() -> None:
    X = np.zeros((4, 2))
    with pytest.raises(DataError):
        Dataset(X, np.zeros(3, dtype=np.int64), "binary", 2, "short")
    with pytest.raises(DataError):
        Dataset(X, np.array([0, 1, 2, 1]), "binary", 2, "label 2 of 2 classes")
    with pytest.raises(DataError):
        Dataset(X, np.zeros(4), "regression", 0, "1-D targets")
    with pytest.raises(DataError):
        Dataset(X, np.zeros(4, dtype=np.int64), "binary", 2, "img", image_shape=(3, 3))


# ------------------------------------------------------------------ digits


def test_digits_are_1797_images_of_8x8_in_unit_range() -> None:
    ds = load_digits()
    assert ds.X.shape == (1797, 64) and ds.X.dtype == np.float64
    assert ds.X.min() == 0.0 and ds.X.max() == 1.0
    assert ds.image_shape == (8, 8)
    assert ds.task == "multiclass" and ds.n_classes == 10
    counts = np.bincount(ds.y, minlength=10)
    assert len(counts) == 10 and counts.min() >= 170 and counts.max() <= 190
    assert make_dataset("digits").X.shape == (1797, 64)


def test_digits_pixels_are_sixteenths() -> None:
    X = load_digits().X
    np.testing.assert_array_equal(X * 16, np.round(X * 16))


def test_digits_asset_is_small_and_bundled() -> None:
    assert DIGITS_PATH == ROOT / "assets" / "digits.npz"
    assert DIGITS_PATH.stat().st_size < 100_000
    assert (ROOT / "assets" / "DATA-LICENSES.md").is_file()


def test_loading_digits_does_not_need_scikit_learn() -> None:
    code = (
        "import sys; from engine.datasets import load_digits; load_digits(); "
        "assert 'sklearn' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


# ------------------------------------------------------------------ splits


def test_split_is_disjoint_covers_everything_and_has_the_requested_sizes() -> None:
    split = split_dataset(indexed(200), validation_fraction=0.2, test_fraction=0.15, seed=3)
    ids = [part.X[:, 0].astype(int) for part in (split.train, split.validation, split.test)]
    assert [len(i) for i in ids] == [130, 40, 30]
    assert sorted(np.concatenate(ids).tolist()) == list(range(200))
    for part, rows in zip((split.train, split.validation, split.test), ids, strict=True):
        np.testing.assert_array_equal(part.y, rows % 3)
        assert part.task == "multiclass" and part.n_classes == 3


def test_split_is_seeded() -> None:
    ds = indexed(100)
    a = split_dataset(ds, validation_fraction=0.3, test_fraction=0.0, seed=1)
    b = split_dataset(ds, validation_fraction=0.3, test_fraction=0.0, seed=1)
    c = split_dataset(ds, validation_fraction=0.3, test_fraction=0.0, seed=2)
    np.testing.assert_array_equal(a.validation.X, b.validation.X)
    assert set(a.validation.X[:, 0]) != set(c.validation.X[:, 0])


def test_split_is_stratified_for_classification() -> None:
    ds = make_dataset("blobs", n_samples=300, seed=0, n_classes=3)
    split = split_dataset(ds, validation_fraction=0.2, test_fraction=0.1, seed=0)
    assert np.bincount(split.validation.y).tolist() == [20, 20, 20]
    assert np.bincount(split.test.y).tolist() == [10, 10, 10]


def test_zero_test_fraction_gives_an_empty_test_part_with_the_right_width() -> None:
    split = split_dataset(make_dataset("xor"), validation_fraction=0.25, test_fraction=0, seed=0)
    assert split.test.X.shape == (0, 2) and split.test.y.shape == (0,)
    assert len(split.validation.X) == 100 and len(split.train.X) == 300


def test_small_fractions_still_get_a_row_and_training_keeps_one() -> None:
    split = split_dataset(indexed(10), validation_fraction=0.01, test_fraction=0.01, seed=0)
    assert (len(split.train.X), len(split.validation.X), len(split.test.X)) == (8, 1, 1)
    tiny = split_dataset(indexed(2, 2), validation_fraction=0.4, test_fraction=0.4, seed=0)
    assert (len(tiny.train.X), len(tiny.validation.X), len(tiny.test.X)) == (1, 1, 0)


def test_regression_split_keeps_targets_with_their_inputs() -> None:
    ds = make_dataset("linear", n_samples=50, noise=0.0, seed=0)
    split = split_dataset(ds, validation_fraction=0.2, test_fraction=0.2, seed=0)
    for part in (split.train, split.validation, split.test):
        np.testing.assert_allclose(part.y, 2 * part.X + 1)
        assert part.y.shape == (len(part.X), 1)


@pytest.mark.parametrize(
    ("v", "t"), [(-0.1, 0.1), (0.1, -0.1), (0.5, 0.5), (0.9, 0.2), (np.nan, 0.0)]
)
def test_invalid_fractions_raise_data_error(v: float, t: float) -> None:
    with pytest.raises(DataError, match="fraction"):
        split_dataset(indexed(10), validation_fraction=v, test_fraction=t, seed=0)


# ------------------------------------------------------------------ standardisation


def test_standardised_training_features_have_zero_mean_and_unit_std() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal([5.0, -3.0, 0.0], [2.0, 0.1, 10.0], size=(300, 3))
    ds = Dataset(X, (X[:, 0] > 5).astype(np.int64), "binary", 2, "scaled")
    split = standardize(split_dataset(ds, validation_fraction=0.2, test_fraction=0.1, seed=0))
    np.testing.assert_allclose(split.train.X.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(split.train.X.std(axis=0), 1, rtol=1e-12)


def test_validation_and_test_use_the_training_statistics() -> None:
    ds = make_dataset("moons", n_samples=200, seed=1)
    split = split_dataset(ds, validation_fraction=0.25, test_fraction=0.25, seed=1)
    scaled = standardize(split)
    mean, std = split.train.X.mean(axis=0), split.train.X.std(axis=0)
    for raw, done in ((split.validation, scaled.validation), (split.test, scaled.test)):
        np.testing.assert_allclose(done.X, (raw.X - mean) / std)
        np.testing.assert_array_equal(done.y, raw.y)
    assert not np.allclose(scaled.validation.X.mean(axis=0), 0, atol=1e-6)
    assert isinstance(scaled, Split)


def test_constant_features_become_zero_not_nan() -> None:
    X = np.column_stack([np.full(20, 0.1), np.arange(20.0)])
    scaler = Standardizer.fit(X)
    out = scaler.transform(np.array([[0.1, 3.0], [0.7, 5.0]]))
    assert np.all(np.isfinite(out))
    assert out[0, 0] == pytest.approx(0.0, abs=1e-9)
    assert out[1, 0] == pytest.approx(0.6)


def test_standardizer_rejects_the_wrong_width() -> None:
    scaler = Standardizer.fit(np.ones((5, 3)))
    with pytest.raises(DataError, match="3 features"):
        scaler.transform(np.ones((2, 4)))


def test_gaussian_is_the_course_weight_init_input() -> None:
    ds = make_dataset("gaussian", n_samples=1000, noise=0.0, seed=0)
    assert ds.X.shape == (1000, 100)
    assert abs(ds.X.mean()) < 0.01 and ds.X.std() == pytest.approx(1.0, abs=0.01)
    assert ds.task == "multiclass" and set(np.unique(ds.y)) == {0, 1, 2}
    again = make_dataset("gaussian", n_samples=1000, noise=0.0, seed=0)
    np.testing.assert_array_equal(ds.X, again.X)
    wide = make_dataset("gaussian", n_samples=50, noise=0.0, seed=0, n_features=7, n_classes=2)
    assert wide.X.shape == (50, 7) and wide.task == "binary"


def test_logistic_class_probability_rises_with_x() -> None:
    ds = make_dataset("logistic", n_samples=4000, noise=0.0, seed=0)
    x, y = ds.X[:, 0], ds.y
    low, mid, high = y[x < -0.6].mean(), y[np.abs(x + 0.25) < 0.1].mean(), y[x > 0.6].mean()
    assert low < 0.2 and 0.35 < mid < 0.65 and high > 0.9  # σ(4x + 1): ½ at x = −¼
