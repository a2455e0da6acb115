"""Histograms against fixed bin edges, so frames of a live view compare.

A ``Bins`` keeps its range between calls and only widens it when data leaves it, to a "nice"
bound, so bars do not jump between training steps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

Array = np.ndarray


@dataclass(frozen=True, slots=True)
class Histogram:
    """Counts of ``values`` in ``len(counts)`` bins between ``edges[0]`` and ``edges[-1]``."""

    name: str
    counts: Array
    edges: Array
    mean: float
    std: float
    saturated: float = math.nan
    dead_units: float = math.nan


def nice_bound(x: float) -> float:
    """The smallest of 1, 2, 2.5 or 5 × 10ᵏ that is at least ``x`` (x > 0)."""
    exponent = math.floor(math.log10(x))
    for mantissa in (1.0, 2.0, 2.5, 5.0, 10.0):
        bound = mantissa * 10.0**exponent
        if bound >= x * (1 - 1e-12):
            return bound
    return 10.0 ** (exponent + 1)


class Bins:
    """Uniform bins over [lo, hi]; ``fixed`` ranges never widen (e.g. sigmoid's [0, 1])."""

    def __init__(self, lo: float, hi: float, n: int = 30, fixed: bool = False) -> None:
        self.lo, self.hi, self.n, self.fixed = float(lo), float(hi), int(n), fixed

    @classmethod
    def around(cls, values: Array, n: int = 30, lower: float | None = None) -> Bins:
        """Bins covering ``values`` with a margin; symmetric about 0 unless ``lower`` is set."""
        finite = values[np.isfinite(values)]
        top = float(np.abs(finite).max()) if finite.size else 0.0
        bound = nice_bound(max(top * 1.1, 1e-3))
        return cls(-bound if lower is None else lower, bound, n)

    def edges(self) -> Array:
        """The bin edges (one read-only array until the range widens: snapshots share it)."""
        key = (self.lo, self.hi, self.n)
        cached = getattr(self, "_edges", None)
        if cached is None or cached[0] != key:
            edges = np.linspace(self.lo, self.hi, self.n + 1)
            edges.flags.writeable = False
            self._edges = cached = (key, edges)
        return cached[1]

    def _widen(self, vmin: float, vmax: float) -> None:
        if vmin < self.lo:
            self.lo = -nice_bound(-vmin * 1.1) if vmin < 0 else 0.0
        if vmax > self.hi:
            self.hi = nice_bound(vmax * 1.1) if vmax > 0 else 0.0
        if self.lo < 0 < self.hi and abs(self.lo) != self.hi and self.lo != 0:
            bound = max(-self.lo, self.hi)
            self.lo, self.hi = -bound, bound

    def count(self, values: Array) -> tuple[Array, Array]:
        """``(counts, edges)`` for finite ``values``; the range widens first if they leave it."""
        counts, edges, _, _ = self.summarise(values)
        return counts, edges

    def summarise(self, values: Array) -> tuple[Array, Array, float, float]:
        """``(counts, edges, mean, std)``: ``count`` plus the mean and standard deviation of
        all ``values`` (NaN when any is not finite), in fewer passes over the data than
        ``np.histogram`` and ``np.std`` take (a live snapshot counts 17 of them)."""
        flat = values.reshape(-1)
        if flat.size == 0:
            return np.zeros(self.n, dtype=np.int64), self.edges(), math.nan, math.nan
        vmin, vmax = float(_min(flat)), float(_max(flat))
        if not (math.isfinite(vmin) and math.isfinite(vmax)):
            mean, std, centred = float(flat.mean()), float(flat.std()), None
            flat = flat[np.isfinite(flat)]
            if flat.size == 0:
                return np.zeros(self.n, dtype=np.int64), self.edges(), mean, std
            vmin, vmax = float(_min(flat)), float(_max(flat))
        else:
            mean = float(_sum(flat)) / flat.size
            centred = flat - mean
            std = math.sqrt(float(centred @ centred) / flat.size)
        if not self.fixed and (vmin < self.lo or vmax > self.hi):
            self._widen(vmin, vmax)
        position = np.subtract(flat, self.lo, out=centred)  # the centred values are done with
        position *= self.n / (self.hi - self.lo)
        index = position.astype(np.intp)
        if self.lo <= vmin and vmax <= self.hi:
            # 0 <= index <= n: only values equal to ``hi`` land past the last bin
            counts = np.bincount(index, minlength=self.n + 1)
            counts[self.n - 1] += counts[self.n]
            return counts[: self.n], self.edges(), mean, std
        np.clip(index, 0, self.n - 1, out=index)
        return np.bincount(index, minlength=self.n), self.edges(), mean, std


_min, _max, _sum = np.minimum.reduce, np.maximum.reduce, np.add.reduce
