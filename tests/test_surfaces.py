"""engine.surfaces (analytic gradients, grids) and engine.race (the course's optimizer race)."""

from __future__ import annotations

import numpy as np
import pytest

from engine import surfaces
from engine.errors import ConfigError
from engine.race import SurfaceRace, course_race
from engine.surfaces import SURFACES, grid

NAMES = sorted(SURFACES)


def test_required_surfaces_exist() -> None:
    assert {"book", "rosenbrock", "beale", "himmelblau", "saddle", "booth"} <= set(SURFACES)


def test_book_surface_is_the_course_figure() -> None:
    book = surfaces.get("book")
    assert book.title == "f(x, y) = x²/20 + y²"
    assert book.start == (-7.0, 2.0)
    assert book.bounds == ((-10.0, 10.0), (-5.0, 5.0))
    assert book.f(-7.0, 2.0) == pytest.approx(49 / 20 + 4)
    assert book.grad(-7.0, 2.0) == pytest.approx((-0.7, 4.0))


@pytest.mark.parametrize("name", NAMES)
def test_gradient_matches_central_differences(name: str) -> None:
    s, h = SURFACES[name], 1e-5
    (x0, x1), (y0, y1) = s.bounds
    rng = np.random.default_rng(1)
    x, y = rng.uniform(x0, x1, 500), rng.uniform(y0, y1, 500)
    gx, gy = s.grad(x, y)
    np.testing.assert_allclose(gx, (s.f(x + h, y) - s.f(x - h, y)) / (2 * h), rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(gy, (s.f(x, y + h) - s.f(x, y - h)) / (2 * h), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("name", NAMES)
def test_minima_have_zero_gradient(name: str) -> None:
    s = SURFACES[name]
    for x, y in s.minima:
        gx, gy = s.grad(x, y)
        assert abs(gx) < 1e-12 and abs(gy) < 1e-12, (x, y)
        assert s.f(x, y) < 1e-20


def test_only_the_saddle_has_no_minimum() -> None:
    assert [n for n in NAMES if not SURFACES[n].minima] == ["saddle"]
    assert SURFACES["saddle"].grad(0.0, 0.0) == (0.0, 0.0)
    assert len(SURFACES["himmelblau"].minima) == 4


@pytest.mark.parametrize("name", NAMES)
def test_start_and_minima_lie_within_bounds(name: str) -> None:
    s = SURFACES[name]
    (x0, x1), (y0, y1) = s.bounds
    for x, y in [s.start, *s.minima]:
        assert x0 <= x <= x1 and y0 <= y <= y1
    assert s.title.startswith("f(x, y) = ")


@pytest.mark.parametrize("name", NAMES)
def test_functions_are_vectorised(name: str) -> None:
    s = SURFACES[name]
    x = np.linspace(-1.0, 1.0, 6).reshape(2, 3)
    y = np.linspace(0.5, -0.5, 6).reshape(2, 3)
    Z, (gx, gy) = s.f(x, y), s.grad(x, y)
    assert Z.shape == gx.shape == gy.shape == (2, 3)
    assert Z[1, 2] == s.f(x[1, 2], y[1, 2])
    assert gy[0, 1] == s.grad(x[0, 1], y[0, 1])[1]


def test_grid_rows_follow_y() -> None:
    s = SURFACES["beale"]
    xs, ys, Z = grid(s, n=50)
    assert xs.shape == ys.shape == (50,)
    assert Z.shape == (50, 50)
    assert (xs[0], xs[-1]) == s.bounds[0]
    assert (ys[0], ys[-1]) == s.bounds[1]
    for i, j in [(0, 0), (3, 41), (49, 7)]:
        assert Z[i, j] == s.f(xs[j], ys[i])
    assert grid(s)[2].shape == (200, 200)


def test_grid_rejects_a_degenerate_size() -> None:
    with pytest.raises(ConfigError) as err:
        grid(SURFACES["book"], n=1)
    assert err.value.field == "surface.grid"


def test_unknown_surface_names_the_field_and_lists_names() -> None:
    with pytest.raises(ConfigError) as err:
        surfaces.get("ackley")
    assert err.value.field == "surface"
    assert all(name in str(err.value) for name in NAMES)


# --- the race -------------------------------------------------------------------------------


def test_course_race_first_sgd_step_is_the_hand_computed_one() -> None:
    race = course_race()
    race.step()
    # ∇f(−7, 2) = (x/10, 2y) = (−0.7, 4): (−7 + 0.95·0.7, 2 − 0.95·4)
    np.testing.assert_allclose(race.paths["SGD"][1], [-6.335, -1.8], rtol=1e-15)


def test_course_race_sgd_zigzags_while_the_others_approach_the_origin() -> None:
    race = course_race()
    race.step(30)
    paths = race.paths
    assert list(paths) == ["SGD", "Momentum", "AdaGrad", "Adam"]
    assert all(p.shape == (31, 2) for p in paths.values())
    assert race.diverged == []

    sgd_y = paths["SGD"][:, 1]
    assert np.all(np.sign(sgd_y[1:]) == -np.sign(sgd_y[:-1]))
    # closed form of W ← W − 0.95·∇f: x ← 0.905x, y ← −0.9y
    t = np.arange(31)
    np.testing.assert_allclose(paths["SGD"][:, 0], -7 * 0.905**t, rtol=1e-12)
    np.testing.assert_allclose(sgd_y, 2 * (-0.9) ** t, rtol=1e-12, atol=1e-15)

    book = surfaces.get("book")
    f0 = book.f(-7.0, 2.0)
    for label in ("Momentum", "AdaGrad", "Adam"):
        end = paths[label][-1]
        assert np.hypot(*end) < 1.0, label
        assert book.f(*end) < 0.05 * f0, label


def test_race_equals_stepping_each_optimizer_by_hand() -> None:
    from engine.optimizers import create

    race = SurfaceRace("rosenbrock", {"a": ("adam", {"lr": 0.05})})
    race.step(25)
    opt, xy = create("adam", lr=0.05), np.array(SURFACES["rosenbrock"].start)
    for _ in range(25):
        opt.step({"xy": xy}, {"xy": np.array(SURFACES["rosenbrock"].grad(*xy))})
    assert np.array_equal(race.paths["a"][-1], xy)
    assert race.steps == 25


def test_diverging_runner_stops_and_the_others_continue() -> None:
    race = SurfaceRace("book", [("sgd", {"lr": 1.5}), ("adam", {"lr": 0.3})])
    race.step(100)
    assert race.labels == ["sgd", "adam"]
    assert race.diverged == ["sgd"]
    step = race.diverged_at["sgd"]
    paths = race.paths
    assert paths["sgd"].shape == (step, 2)
    assert np.all(np.isfinite(paths["sgd"])) and np.abs(paths["sgd"]).max() <= 1e6
    assert paths["adam"].shape == (101, 2)


def test_paths_are_read_only_copies() -> None:
    race = course_race()
    race.step(3)
    path = race.paths["Adam"]
    with pytest.raises(ValueError):
        path[0, 0] = 1.0
    race.step(2)
    assert path.shape == (4, 2)
    assert race.paths["Adam"].shape == (6, 2)


def test_set_start_restarts_every_runner_from_the_clicked_point() -> None:
    race = course_race()
    race.step(10)
    race.set_start(3.0, -4.0)
    assert race.steps == 0 and race.start == (3.0, -4.0)
    assert all(np.array_equal(p, [[3.0, -4.0]]) for p in race.paths.values())
    race.step(30)
    fresh = SurfaceRace("book", {"Adam": ("adam", {"lr": 0.3})}, start=(3.0, -4.0))
    fresh.step(30)
    assert np.array_equal(race.paths["Adam"], fresh.paths["Adam"])
    race.reset()
    assert race.start == (3.0, -4.0) and race.paths["SGD"].shape == (1, 2)


def test_race_set_hyper_changes_one_runner() -> None:
    race = course_race()
    race.set_hyper("SGD", lr=0.1)
    race.step()
    np.testing.assert_allclose(race.paths["SGD"][1], [-7 + 0.07, 2 - 0.4])
    assert race.runners["SGD"] == ("sgd", {**race.runners["SGD"][1], "lr": 0.1})


def test_race_rejects_bad_input() -> None:
    with pytest.raises(ConfigError) as err:
        SurfaceRace("book", {"x": ("sgd", {"lr": -1.0})})
    assert err.value.field == "optimizer.lr"
    with pytest.raises(ConfigError) as err:
        SurfaceRace("book", {})
    assert err.value.field == "race.runners"
    with pytest.raises(ConfigError) as err:
        course_race().set_start(float("nan"), 0.0)
    assert err.value.field == "race.start"
    with pytest.raises(ConfigError) as err:
        SurfaceRace("nowhere", ["sgd"])
    assert err.value.field == "surface"
