"""Several optimizers descending one 2D surface in lockstep: the course's optimizer comparison.

Each runner is a label → (optimizer name, hyper-parameters) pair. All start from the same point;
one ``step`` moves every runner once along the surface's analytic gradient. A runner whose point
becomes non-finite or leaves the box |x|, |y| ≤ 1e6 is marked diverged and stops; the rest go on.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from engine import optimizers, surfaces
from engine.errors import ConfigError
from engine.surfaces import Surface
from engine.text import tr

RunnerSpec = tuple[str, Mapping[str, Any]]

COURSE_RUNNERS: dict[str, RunnerSpec] = {
    "SGD": ("sgd", {"lr": 0.95}),
    "Momentum": ("momentum", {"lr": 0.1}),
    "AdaGrad": ("adagrad", {"lr": 1.5}),
    "Adam": ("adam", {"lr": 0.3}),
}
"""The course's figure: these four on x²/20 + y² from (−7, 2) for 30 steps."""

DIVERGENCE_LIMIT = 1e6


def _labelled(runners: Mapping[str, RunnerSpec] | Sequence[Any]) -> dict[str, RunnerSpec]:
    if isinstance(runners, Mapping):
        items = list(runners.items())
    else:
        items = []
        for entry in runners:
            name = entry[0] if isinstance(entry, tuple | list) and entry else entry
            label, k = str(name), 2
            while label in dict(items):
                label, k = f"{name} {k}", k + 1
            items.append((label, entry))
    if not items:
        raise ConfigError("race.runners", tr("a race needs at least one optimizer"))
    labelled: dict[str, RunnerSpec] = {}
    for label, spec in items:
        if isinstance(spec, str):
            spec = (spec, {})
        if not (isinstance(spec, tuple | list) and len(spec) == 2 and isinstance(spec[1], Mapping)):
            raise ConfigError(
                "race.runners",
                tr("runner {label} must be (optimizer name, {{hyper}}), got {spec}").format(
                    label=repr(label), spec=repr(spec)
                ),
            )
        labelled[str(label)] = (spec[0], dict(spec[1]))
    return labelled


def _point(start: Any) -> tuple[float, float]:
    try:
        x, y = (float(v) for v in start)
    except (TypeError, ValueError):
        message = tr("start must be a point (x, y), got {start}").format(start=repr(start))
        raise ConfigError("race.start", message) from None
    if not (math.isfinite(x) and math.isfinite(y)):
        message = tr("start must be finite, got ({x}, {y})").format(x=x, y=y)
        raise ConfigError("race.start", message)
    return x, y


class _Trail:
    """A growing (k, 2) array of visited points."""

    def __init__(self, x: float, y: float) -> None:
        self._buf = np.empty((64, 2))
        self._buf[0] = x, y
        self.n = 1

    def append(self, xy: np.ndarray) -> None:
        if self.n == len(self._buf):
            self._buf = np.concatenate([self._buf, np.empty_like(self._buf)])
        self._buf[self.n] = xy
        self.n += 1

    def array(self) -> np.ndarray:
        out = self._buf[: self.n].copy()
        out.flags.writeable = False
        return out


class SurfaceRace:
    """Optimizers racing down one surface from a common start.

    Parameters
    ----------
    surface : Surface or str
        The surface, or its name in ``engine.surfaces.SURFACES``.
    runners : dict or list
        ``{label: (optimizer name, {hyper})}``; or a list of optimizer names or
        ``(name, {hyper})`` pairs, labelled by name (``"sgd 2"`` for a repeat).
    start : (float, float), optional
        Start point; the surface's own ``start`` by default.
    """

    def __init__(
        self,
        surface: Surface | str,
        runners: Mapping[str, RunnerSpec] | Sequence[Any],
        start: tuple[float, float] | None = None,
    ) -> None:
        self.surface = surfaces.get(surface) if isinstance(surface, str) else surface
        self._specs = _labelled(runners)
        self._optimizers = {
            label: optimizers.create(name, **hyper) for label, (name, hyper) in self._specs.items()
        }
        self._start = self.surface.start
        self.reset(start)

    @property
    def labels(self) -> list[str]:
        return list(self._specs)

    @property
    def runners(self) -> dict[str, tuple[str, dict[str, Any]]]:
        """Each label's optimizer name and current hyper-parameters."""
        return {label: (opt.name, opt.hyper) for label, opt in self._optimizers.items()}

    @property
    def start(self) -> tuple[float, float]:
        return self._start

    @property
    def steps(self) -> int:
        """Lockstep steps taken since the last reset."""
        return self._steps

    @property
    def paths(self) -> dict[str, np.ndarray]:
        """Label → read-only (k, 2) array of visited points, start first.

        k = steps + 1, or fewer for a runner that diverged (its path ends at its last finite
        point inside the limit).
        """
        return {label: trail.array() for label, trail in self._trails.items()}

    @property
    def values(self) -> dict[str, np.ndarray]:
        """Label → f at each point of its path, for a loss curve."""
        return {label: self.surface.f(p[:, 0], p[:, 1]) for label, p in self.paths.items()}

    @property
    def diverged(self) -> list[str]:
        """Labels of runners that diverged, in the order they did."""
        return list(self._diverged_at)

    @property
    def diverged_at(self) -> dict[str, int]:
        """Label → the step at which that runner diverged."""
        return dict(self._diverged_at)

    def reset(self, start: tuple[float, float] | None = None) -> None:
        """Put every runner back at ``start`` (default: the current start) with fresh state."""
        if start is not None:
            self._start = _point(start)
        x, y = self._start
        for opt in self._optimizers.values():
            opt.reset()
        self._xy = {label: np.array([x, y]) for label in self._specs}
        self._trails = {label: _Trail(x, y) for label in self._specs}
        self._diverged_at: dict[str, int] = {}
        self._steps = 0

    def set_start(self, x: float, y: float) -> None:
        """Restart the race from (x, y), e.g. a point the user clicked."""
        self.reset((x, y))

    def set_hyper(self, label: str, **hyper: Any) -> None:
        """Change one runner's hyper-parameters; they apply from its next step."""
        if label not in self._optimizers:
            message = tr("no runner {label}; runners: {labels}")
            raise ConfigError("race.runners", message.format(label=repr(label), labels=self.labels))
        self._optimizers[label].set_hyper(**hyper)

    def step(self, n: int = 1) -> None:
        """Move every runner that has not diverged ``n`` times."""
        grad = self.surface.grad
        with np.errstate(all="ignore"):
            for _ in range(n):
                self._steps += 1
                for label, opt in self._optimizers.items():
                    if label in self._diverged_at:
                        continue
                    xy = self._xy[label]
                    gx, gy = grad(xy[0], xy[1])
                    opt.step({"xy": xy}, {"xy": np.array([gx, gy])})
                    if np.isfinite(xy).all() and np.abs(xy).max() <= DIVERGENCE_LIMIT:
                        self._trails[label].append(xy)
                    else:
                        self._diverged_at[label] = self._steps


def course_race() -> SurfaceRace:
    """The course's figure: SGD, Momentum, AdaGrad and Adam on x²/20 + y² from (−7, 2)."""
    return SurfaceRace("book", COURSE_RUNNERS)
