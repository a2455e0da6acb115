"""Data sets for the lessons: 2-D toy generators, 1-D regression curves, the bundled digits,
user files (through :mod:`engine.loaders`), train/validation/test splits and standardisation.

Every generator is deterministic for a given ``seed``. ``noise`` is a standard deviation in
input units (output units for the regression curves); ``noise=0`` gives clean data.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine.errors import DataError
from engine.text import tr

TASKS = ("binary", "multiclass", "regression")
GENERATED = (
    "xor",
    "circles",
    "spirals",
    "moons",
    "blobs",
    "gaussian",
    "logistic",
    "linear",
    "sine",
)
FILE_FORMATS = ("csv", "npz", "idx")
DATASET_NAMES = (*GENERATED, "digits", *FILE_FORMATS)

DIGITS_PATH = Path(__file__).resolve().parent.parent / "assets" / "digits.npz"
MAX_SAMPLES = 1_000_000
BLOB_STD = 0.1


@dataclass(frozen=True)
class Dataset:
    """A data set ready for training.

    Attributes
    ----------
    X : ndarray of shape (n, d), float64
        One row per sample.
    y : ndarray
        Classification: int64 class indices of shape (n,), each in ``0 .. n_classes - 1``.
        Regression: float64 targets of shape (n, k), k >= 1.
    task : str
        ``"binary"``, ``"multiclass"`` or ``"regression"``.
    n_classes : int
        Number of classes; 0 for regression.
    name : str
        Shown to the user, e.g. ``"xor"`` or a file's stem.
    image_shape : tuple of int or None
        ``(height, width)`` when each row of ``X`` is a flattened image, so it can be drawn.
    """

    X: np.ndarray
    y: np.ndarray
    task: str
    n_classes: int
    name: str
    image_shape: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        X, y, k = self.X, self.y, self.n_classes
        if self.task == "regression":
            ok = y.ndim == 2 and y.shape[1] >= 1 and y.dtype == np.float64 and k == 0
        else:
            ok = self.task in TASKS and y.ndim == 1 and y.dtype == np.int64 and k >= 2
            ok = ok and (len(y) == 0 or (y.min() >= 0 and y.max() < k))
        ok = ok and X.ndim == 2 and X.dtype == np.float64 and len(X) == len(y)
        if ok and self.image_shape is not None:
            ok = math.prod(self.image_shape) == X.shape[1]
        if not ok:
            raise DataError(
                tr(
                    "{name}: inconsistent data set (X {x_type} {x_shape}, y {y_type} "
                    "{y_shape}, task {task}, {k} classes, image shape {image_shape})"
                ).format(
                    name=self.name,
                    x_type=X.dtype,
                    x_shape=X.shape,
                    y_type=y.dtype,
                    y_shape=y.shape,
                    task=repr(self.task),
                    k=k,
                    image_shape=self.image_shape,
                )
            )

    @property
    def n_samples(self) -> int:
        return int(self.X.shape[0])

    @property
    def n_features(self) -> int:
        return int(self.X.shape[1])

    def take(self, indices: np.ndarray) -> Dataset:
        """The rows ``indices`` (any integer index array) as a new data set."""
        return dataclasses.replace(self, X=self.X[indices], y=self.y[indices])


def _rng(name: str, n_samples: int, noise: float, seed: int, n_classes: int) -> np.random.Generator:
    if not isinstance(n_samples, int | np.integer) or not n_classes <= n_samples <= MAX_SAMPLES:
        raise DataError(
            tr(
                "{name}: n_samples must be a whole number from {low} to {high:,}, got {value}"
            ).format(name=name, low=max(n_classes, 1), high=MAX_SAMPLES, value=repr(n_samples))
        )
    if not (isinstance(noise, numbers.Real) and math.isfinite(noise) and noise >= 0):
        raise DataError(
            tr("{name}: noise must be a finite number >= 0, got {value}").format(
                name=name, value=repr(noise)
            )
        )
    return np.random.default_rng(seed)


def _balanced(rng: np.random.Generator, n: int, k: int) -> np.ndarray:
    """Shuffled int64 labels with class counts as equal as possible."""
    return rng.permutation(np.arange(n, dtype=np.int64) % k)


def _classified(name: str, X: np.ndarray, y: np.ndarray, k: int, rng, noise: float) -> Dataset:
    X = X + noise * rng.standard_normal(X.shape)
    return Dataset(X, y, "binary" if k == 2 else "multiclass", k, name)


def xor(n_samples: int = 400, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Points in the four quadrants of [-1, 1]², at least 0.1 from both axes;
    label 1 where the signs of the two coordinates differ."""
    rng = _rng("xor", n_samples, noise, seed, 2)
    y = _balanced(rng, n_samples, 2)
    sx = rng.choice([-1.0, 1.0], n_samples)
    sy = np.where(y == 1, -sx, sx)
    X = rng.uniform(0.1, 1.0, (n_samples, 2)) * np.column_stack([sx, sy])
    return _classified("xor", X, y, 2, rng, noise)


def _polar(r: np.ndarray, theta: np.ndarray) -> np.ndarray:
    return np.column_stack([r * np.cos(theta), r * np.sin(theta)])


def circles(n_samples: int = 400, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Class 0: a disc of radius 0.5; class 1: a ring from radius 0.7 to 1 around it."""
    rng = _rng("circles", n_samples, noise, seed, 2)
    y = _balanced(rng, n_samples, 2)
    r2 = np.where(y == 0, rng.uniform(0.0, 0.25, n_samples), rng.uniform(0.49, 1.0, n_samples))
    X = _polar(np.sqrt(r2), rng.uniform(0.0, 2 * np.pi, n_samples))
    return _classified("circles", X, y, 2, rng, noise)


def spirals(n_samples: int = 400, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Two interleaved spirals, 1.75 turns each, radius r = t for t in [0.1, 1]."""
    rng = _rng("spirals", n_samples, noise, seed, 2)
    y = _balanced(rng, n_samples, 2)
    t = rng.uniform(0.1, 1.0, n_samples)
    X = _polar(t, 3.5 * np.pi * t + np.pi * y)
    return _classified("spirals", X, y, 2, rng, noise)


def moons(n_samples: int = 400, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Two interleaving half circles of radius 1, centred on the origin (x in [-1.5, 1.5])."""
    rng = _rng("moons", n_samples, noise, seed, 2)
    y = _balanced(rng, n_samples, 2)
    t = rng.uniform(0.0, np.pi, n_samples)
    upper = np.column_stack([np.cos(t) - 0.5, np.sin(t) - 0.25])
    lower = np.column_stack([0.5 - np.cos(t), 0.25 - np.sin(t)])
    X = np.where((y == 0)[:, None], upper, lower)
    return _classified("moons", X, y, 2, rng, noise)


def blobs(n_samples: int = 400, noise: float = 0.1, seed: int = 0, n_classes: int = 3) -> Dataset:
    """``n_classes`` Gaussian clusters (std 0.1, plus ``noise``) centred evenly on a circle of
    radius 0.7. Binary for two clusters, multiclass for more."""
    if not isinstance(n_classes, int | np.integer) or n_classes < 2:
        message = tr("{name}: n_classes must be a whole number >= 2, got {value}")
        raise DataError(message.format(name="blobs", value=repr(n_classes)))
    rng = _rng("blobs", n_samples, noise, seed, n_classes)
    y = _balanced(rng, n_samples, n_classes)
    centres = _polar(
        np.full(n_classes, 0.7), np.pi / 2 + 2 * np.pi * np.arange(n_classes) / n_classes
    )
    X = centres[y] + BLOB_STD * rng.standard_normal((n_samples, 2))
    return _classified("blobs", X, y, int(n_classes), rng, noise)


def gaussian(
    n_samples: int = 1000,
    noise: float = 0.1,
    seed: int = 0,
    n_classes: int = 3,
    n_features: int = 100,
) -> Dataset:
    """Standard-normal inputs of ``n_features`` dimensions, the course's weight-initialisation
    experiment (1,000 samples of 100 features); labels come from a random linear teacher,
    y = argmax(X R + noise), so the data can be trained on too."""
    if not isinstance(n_features, int | np.integer) or not 1 <= n_features <= 10_000:
        raise DataError(
            tr("{name}: n_features must be a whole number from 1 to 10,000, got {value}").format(
                name="gaussian", value=repr(n_features)
            )
        )
    if not isinstance(n_classes, int | np.integer) or n_classes < 2:
        message = tr("{name}: n_classes must be a whole number >= 2, got {value}")
        raise DataError(message.format(name="gaussian", value=repr(n_classes)))
    rng = _rng("gaussian", n_samples, noise, seed, n_classes)
    X = rng.standard_normal((n_samples, n_features))
    teacher = rng.standard_normal((n_features, n_classes)) / np.sqrt(n_features)
    scores = X @ teacher + noise * rng.standard_normal((n_samples, n_classes))
    y = scores.argmax(axis=1).astype(np.int64)
    return Dataset(X, y, "binary" if n_classes == 2 else "multiclass", int(n_classes), "gaussian")


def _curve(name: str, f: Callable[[np.ndarray], np.ndarray], n: int, noise: float, seed: int):
    rng = _rng(name, n, noise, seed, 1)
    X = rng.uniform(-1.0, 1.0, (n, 1))
    y = f(X) + noise * rng.standard_normal((n, 1))
    return Dataset(X, y, "regression", 0, name)


def linear(n_samples: int = 400, noise: float = 0.1, seed: int = 0) -> Dataset:
    """1-D regression y = 2x + 1 (+ noise), x uniform in [-1, 1]."""
    return _curve("linear", lambda x: 2.0 * x + 1.0, n_samples, noise, seed)


def logistic(n_samples: int = 400, noise: float = 0.1, seed: int = 0) -> Dataset:
    """1-D binary data for logistic regression: x uniform in [-1, 1], class 1 with probability
    σ(4x + 1), so no threshold separates the classes and the best fit is finite. ``noise``
    jitters x after labelling."""
    rng = _rng("logistic", n_samples, noise, seed, 2)
    X = rng.uniform(-1.0, 1.0, (n_samples, 1))
    p = 1.0 / (1.0 + np.exp(-(4.0 * X[:, 0] + 1.0)))
    y = (rng.random(n_samples) < p).astype(np.int64)
    return Dataset(X + noise * rng.standard_normal(X.shape), y, "binary", 2, "logistic")


def sine(n_samples: int = 400, noise: float = 0.1, seed: int = 0) -> Dataset:
    """1-D regression y = sin(πx) (+ noise), x uniform in [-1, 1]."""
    return _curve("sine", lambda x: np.sin(np.pi * x), n_samples, noise, seed)


_GENERATORS: dict[str, Callable[[int, float, int], Dataset]] = {
    f.__name__: f for f in (xor, circles, spirals, moons, logistic, linear, sine)
}


def load_digits() -> Dataset:
    """The 1,797 8×8 handwritten digits bundled in ``assets/digits.npz`` (see
    ``assets/DATA-LICENSES.md``): X of shape (1797, 64) in [0, 1], 10 classes."""
    try:
        with np.load(DIGITS_PATH, allow_pickle=False) as data:
            images, target = data["images"], data["target"]
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
        raise DataError(
            tr(
                "{path}: bundled digits data is missing or damaged ({error}); reinstall nnlens"
            ).format(path=DIGITS_PATH, error=exc)
        ) from exc
    X = images.reshape(len(images), -1).astype(np.float64) / 16.0
    return Dataset(X, target.astype(np.int64), "multiclass", 10, "digits", (8, 8))


def dataset_task(name: str, n_classes: int = 3) -> str | None:
    """The task a built-in data set implies, or None for files (known only after loading)."""
    if name in ("linear", "sine"):
        return "regression"
    if name in ("blobs", "gaussian"):
        return "multiclass" if n_classes > 2 else "binary"
    if name == "digits":
        return "multiclass"
    if name in GENERATED:
        return "binary"
    if name in FILE_FORMATS:
        return None
    raise DataError(
        tr("unknown data set {name}; choose one of: {choices}").format(
            name=repr(name), choices=", ".join(DATASET_NAMES)
        )
    )


def make_dataset(
    name: str,
    *,
    n_samples: int = 400,
    noise: float = 0.1,
    seed: int = 0,
    n_classes: int = 3,
    path: str = "",
    labels_path: str = "",
    n_features: int = 100,
) -> Dataset:
    """Build the data set ``name`` (one of :data:`DATASET_NAMES`).

    Generators use ``n_samples``, ``noise``, ``seed`` (``n_classes`` for blobs and gaussian,
    ``n_features`` for gaussian);
    ``"csv"`` and ``"npz"`` read ``path``; ``"idx"`` reads images from ``path`` and labels
    from ``labels_path``.
    """
    dataset_task(name, n_classes)
    if name == "blobs":
        return blobs(n_samples, noise, seed, n_classes)
    if name == "gaussian":
        return gaussian(n_samples, noise, seed, n_classes, n_features)
    if name in GENERATED:
        return _GENERATORS[name](n_samples, noise, seed)
    if name == "digits":
        return load_digits()
    from engine import loaders

    if not str(path).strip():
        raise DataError(tr("{name}: no file chosen").format(name=name))
    if name == "csv":
        return loaders.load_csv(path)
    if name == "npz":
        return loaders.load_npz(path)
    if not str(labels_path).strip():
        raise DataError(
            tr("{name}: no labels file chosen for the IDX images").format(name=Path(path).name)
        )
    return loaders.load_idx(path, labels_path)


@dataclass(frozen=True)
class Split:
    """Training, validation and test parts of one data set (test may have 0 rows)."""

    train: Dataset
    validation: Dataset
    test: Dataset


def split_dataset(
    ds: Dataset, *, validation_fraction: float, test_fraction: float, seed: int
) -> Split:
    """Split ``ds`` at random into training, validation and test parts.

    Sizes are ``round(fraction * n)``, at least 1 row for a non-zero fraction while the
    training part keeps at least 1. Classification splits are stratified: each part holds
    every class in about its overall proportion.
    """
    v, t = validation_fraction, test_fraction
    if not (math.isfinite(v) and math.isfinite(t) and v >= 0 and t >= 0 and v + t < 1):
        raise DataError(
            tr(
                "{name}: validation and test fractions must be >= 0 with a sum below 1, "
                "got {validation} and {test}"
            ).format(name=ds.name, validation=v, test=t)
        )
    if ds.n_samples == 0:
        raise DataError(tr("{name}: cannot split an empty data set").format(name=ds.name))
    n = ds.n_samples
    n_val = min(max(round(v * n), int(v > 0)), n - 1)
    n_test = min(max(round(t * n), int(t > 0)), n - 1 - n_val)
    order = np.random.default_rng(seed).permutation(n)
    if ds.task != "regression":
        labels = ds.y[order]
        rank = np.empty(len(order))
        for c in np.unique(labels):
            members = np.flatnonzero(labels == c)
            rank[members] = (np.arange(len(members)) + 0.5) / len(members)
        order = order[np.argsort(rank, kind="stable")]
    return Split(
        train=ds.take(order[n_val + n_test :]),
        validation=ds.take(order[:n_val]),
        test=ds.take(order[n_val : n_val + n_test]),
    )


@dataclass(frozen=True)
class Standardizer:
    """Per-feature standardisation x' = (x − mean) / std with statistics from training data.

    Attributes
    ----------
    mean, std : ndarray of shape (d,)
        ``std`` is 1 for constant features, so they map to 0 instead of dividing by zero.
    """

    mean: np.ndarray
    std: np.ndarray

    @classmethod
    def fit(cls, X: np.ndarray) -> Standardizer:
        """Statistics of ``X``, an (n, d) array with n >= 1."""
        if X.ndim != 2 or len(X) == 0:
            raise DataError(
                tr("cannot standardise: need an (n, d) array with n >= 1, got {shape}").format(
                    shape=X.shape
                )
            )
        mean = X.mean(axis=0)
        std = X.std(axis=0)
        constant = std <= 1e-12 * np.maximum(1.0, np.abs(mean))
        return cls(mean, np.where(constant, 1.0, std))

    def transform(self, X: np.ndarray) -> np.ndarray:
        """``X`` of shape (m, d) standardised with the fitted statistics."""
        if X.ndim != 2 or X.shape[1] != len(self.mean):
            raise DataError(
                tr("cannot standardise: expected {n} features, got shape {shape}").format(
                    n=len(self.mean), shape=X.shape
                )
            )
        return (X - self.mean) / self.std


def standardize(split: Split) -> Split:
    """All three parts standardised with the training part's statistics.

    ``Standardizer.fit(split.train.X)`` gives the same statistics, e.g. to map a plotting grid.
    """
    scaler = Standardizer.fit(split.train.X)
    parts = (split.train, split.validation, split.test)
    return Split(*(dataclasses.replace(p, X=scaler.transform(p.X)) for p in parts))
