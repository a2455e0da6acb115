"""The race panel's geometry as pure functions (``gui.panels.race_layout``), checked against
sums done by hand and a brute-force sampling of the legend's box."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("PySide6")

from engine import surfaces
from gui.panels import race_layout
from gui.panels.race_items import surface_image
from gui.panels.race_layout import ControlHints

HINTS = ControlHints(
    spacing=6,
    pair=150,
    row=24,
    combo=(120, 26),
    buttons=(200, 28),
    status=(90, 18),
    hint_height=lambda width: 40 if width < 200 else 20,
)


def test_one_column_stacks_everything_in_a_narrow_column():
    (width, height), stacked = race_layout.controls_size(HINTS, 7, 1)
    assert stacked
    assert width == 200  # the buttons are the widest row
    # combo, buttons, 7 runner rows, status, hint (at 200 px: 20), with 6 px between each
    assert height == 26 + 6 + 28 + 6 + 7 * 24 + 6 * 6 + 6 + 18 + 6 + 20


def test_a_wide_strip_puts_the_surface_box_beside_the_buttons():
    (width, height), stacked = race_layout.controls_size(HINTS, 7, 4)
    assert not stacked
    assert width == 4 * 150 + 3 * 6
    # one top row, 2 runner rows, then status and hint side by side
    assert height == 28 + 6 + 2 * 24 + 6 + 6 + max(18, 20)


def test_a_tall_room_gets_the_strip_below_and_a_wide_one_the_column_beside():
    overhead, aspect = (50.0, 60.0), 1.0
    assert race_layout.choose_arrangement(HINTS, 7, (700, 900), 6, overhead, aspect) == (
        4,
        False,
        False,
    )
    assert race_layout.choose_arrangement(HINTS, 7, (1400, 400), 6, overhead, aspect) == (
        1,
        True,
        True,
    )


def test_the_fitted_plot_keeps_the_aspect_and_fills_one_side():
    w, h = race_layout.fitted_plot((500.0, 300.0), (50.0, 60.0), 2.0)
    assert (w - 50.0) / (h - 60.0) == pytest.approx(2.0)
    assert w == pytest.approx(500.0)  # 450 wide needs 225 of the 240 high
    assert race_layout.fitted_plot((40.0, 300.0), (50.0, 60.0), 2.0) is None


def brute_force_hits(a, b, box, samples=2001):
    x0, x1, y0, y1 = box
    t = np.linspace(0.0, 1.0, samples)[:, None]
    hits = 0
    for p, q in zip(a, b, strict=True):
        points = p + t * (q - p)
        x, y = points[:, 0], points[:, 1]
        inside = (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)
        hits += bool(inside.any())
    return hits


def test_crossing_counts_the_segments_that_touch_the_box():
    rng = np.random.default_rng(3)
    a, b = rng.uniform(-5, 5, (200, 2)), rng.uniform(-5, 5, (200, 2))
    box = (-1.0, 1.5, -0.5, 2.0)
    assert race_layout.crossing(a, b, box) == brute_force_hits(a, b, box)


def test_the_legend_moves_to_a_free_corner_and_stays_on_a_tie():
    view, view_range, legend = (400.0, 400.0), ((0.0, 10.0), (0.0, 10.0)), (100.0, 60.0)
    # a path through the top right corner only
    a, b = np.array([[9.0, 9.0]]), np.array([[8.5, 9.5]])
    corner, hidden = race_layout.legend_corner((a, b), legend, view, view_range, (1, 0))
    assert (corner, hidden) == ((1, 1), 0)
    corner, _ = race_layout.legend_corner((a, b), legend, view, view_range, (0, 1))
    assert corner == (0, 1)
    nothing = (np.empty((0, 2)), np.empty((0, 2)))
    assert race_layout.legend_corner(nothing, legend, view, view_range, (1, 0)) == ((1, 0), 0)


def test_the_surface_image_is_the_log_height_above_the_minimum_indexed_x_then_y():
    book = surfaces.get("book")
    (x0, x1), (y0, y1) = book.bounds
    x, y = np.linspace(x0, x1, 41), np.linspace(y0, y1, 41)
    f = x[:, None] ** 2 / 20 + y[None, :] ** 2
    shifted = f - f.min()
    expected = np.log10(shifted + 1e-3 * shifted.max())
    np.testing.assert_allclose(surface_image(book, 41), expected, rtol=1e-9, atol=1e-12)
