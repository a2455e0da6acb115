"""Two-dimensional test functions with analytic gradients, for watching optimizers descend.

Every function and gradient is vectorised: ``x`` and ``y`` may be numbers or arrays of one shape.
The course's reference is ``book``, f(x, y) = x²/20 + y² from (−7, 2), on which plain SGD
zig-zags.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from engine.errors import ConfigError
from engine.text import tr

ArrayLike = float | np.ndarray
Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Surface:
    """A function f(x, y) with its gradient, a start point and a plotting window.

    Attributes
    ----------
    name : str
        Registry key, e.g. ``"book"``.
    title : str
        The formula as a reader sees it, e.g. ``"f(x, y) = x²/20 + y²"``.
    start : (float, float)
        Default start point for a descent.
    bounds : ((xmin, xmax), (ymin, ymax))
        Plotting window that shows the start and the minima.
    minima : tuple of (float, float)
        Known global minima (empty for a function without one, such as the saddle).
    """

    name: str
    title: str
    fn: Callable[[np.ndarray, np.ndarray], np.ndarray] = field(repr=False)
    grad_fn: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]] = field(repr=False)
    start: Point
    bounds: tuple[Point, Point]
    minima: tuple[Point, ...] = ()

    def f(self, x: ArrayLike, y: ArrayLike) -> np.ndarray:
        """f(x, y), element-wise over arrays of one shape."""
        return self.fn(np.asarray(x, dtype=float), np.asarray(y, dtype=float))

    def grad(self, x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """(∂f/∂x, ∂f/∂y), element-wise over arrays of one shape."""
        return self.grad_fn(np.asarray(x, dtype=float), np.asarray(y, dtype=float))


def _book(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return x**2 / 20.0 + y**2


def _book_grad(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return x / 10.0, 2.0 * y


_A, _B = 1.0, 100.0


def _rosenbrock(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return (_A - x) ** 2 + _B * (y - x**2) ** 2


def _rosenbrock_grad(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r = y - x**2
    return -2.0 * (_A - x) - 4.0 * _B * x * r, 2.0 * _B * r


def _beale_terms(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return 1.5 - x + x * y, 2.25 - x + x * y**2, 2.625 - x + x * y**3


def _beale(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    t1, t2, t3 = _beale_terms(x, y)
    return t1**2 + t2**2 + t3**2


def _beale_grad(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    t1, t2, t3 = _beale_terms(x, y)
    gx = 2.0 * (t1 * (y - 1.0) + t2 * (y**2 - 1.0) + t3 * (y**3 - 1.0))
    gy = 2.0 * x * (t1 + 2.0 * t2 * y + 3.0 * t3 * y**2)
    return gx, gy


def _himmelblau(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return (x**2 + y - 11.0) ** 2 + (x + y**2 - 7.0) ** 2


def _himmelblau_grad(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    p, q = x**2 + y - 11.0, x + y**2 - 7.0
    return 4.0 * x * p + 2.0 * q, 2.0 * p + 4.0 * y * q


def _saddle(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return x**2 - y**2


def _saddle_grad(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return 2.0 * x, -2.0 * y


def _booth(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return (x + 2.0 * y - 7.0) ** 2 + (2.0 * x + y - 5.0) ** 2


def _booth_grad(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    p, q = x + 2.0 * y - 7.0, 2.0 * x + y - 5.0
    return 2.0 * p + 4.0 * q, 4.0 * p + 2.0 * q


SURFACES: dict[str, Surface] = {
    s.name: s
    for s in (
        Surface(
            "book",
            "f(x, y) = x²/20 + y²",
            _book,
            _book_grad,
            start=(-7.0, 2.0),
            bounds=((-10.0, 10.0), (-5.0, 5.0)),
            minima=((0.0, 0.0),),
        ),
        Surface(
            "rosenbrock",
            "f(x, y) = (1 − x)² + 100 (y − x²)²",
            _rosenbrock,
            _rosenbrock_grad,
            start=(-1.2, 1.0),
            bounds=((-2.0, 2.0), (-1.0, 3.0)),
            minima=((1.0, 1.0),),
        ),
        Surface(
            "beale",
            "f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
            _beale,
            _beale_grad,
            start=(1.0, 1.5),
            bounds=((-4.5, 4.5), (-4.5, 4.5)),
            minima=((3.0, 0.5),),
        ),
        Surface(
            "himmelblau",
            "f(x, y) = (x² + y − 11)² + (x + y² − 7)²",
            _himmelblau,
            _himmelblau_grad,
            start=(0.0, 0.0),
            bounds=((-5.0, 5.0), (-5.0, 5.0)),
            minima=(
                (3.0, 2.0),
                (-2.805118086952745, 3.131312518250573),
                (-3.779310253377747, -3.2831859912861696),
                (3.5844283403304917, -1.8481265269644034),
            ),
        ),
        Surface(
            "saddle",
            "f(x, y) = x² − y²",
            _saddle,
            _saddle_grad,
            start=(-1.5, 0.01),
            bounds=((-2.0, 2.0), (-2.0, 2.0)),
            minima=(),
        ),
        Surface(
            "booth",
            "f(x, y) = (x + 2y − 7)² + (2x + y − 5)²",
            _booth,
            _booth_grad,
            start=(-8.0, -8.0),
            bounds=((-10.0, 10.0), (-10.0, 10.0)),
            minima=((1.0, 3.0),),
        ),
    )
}


def get(name: str) -> Surface:
    """Return the surface called ``name``; ``ConfigError("surface", …)`` if there is none."""
    surface = SURFACES.get(name) if isinstance(name, str) else None
    if surface is None:
        raise ConfigError(
            "surface",
            tr("unknown surface {name}; choose one of: {choices}").format(
                name=repr(name), choices=", ".join(SURFACES)
            ),
        )
    return surface


def grid(surface: Surface, n: int = 200) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sample ``surface`` on an n × n grid over its bounds, for a contour or image plot.

    Returns
    -------
    xs : ndarray of shape (n,)
    ys : ndarray of shape (n,)
    Z : ndarray of shape (n, n)
        ``Z[i, j] = f(xs[j], ys[i])`` (rows follow y).
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 2:
        message = tr("grid size must be an integer >= 2 (got {n})")
        raise ConfigError("surface.grid", message.format(n=repr(n)))
    (x0, x1), (y0, y1) = surface.bounds
    xs = np.linspace(x0, x1, int(n))
    ys = np.linspace(y0, y1, int(n))
    X, Y = np.meshgrid(xs, ys)
    return xs, ys, surface.f(X, Y)
