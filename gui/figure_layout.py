"""Where a figure's panels go: the logical size it is laid out at and the rows of its grid."""

from __future__ import annotations

import itertools
import math

PANEL_HEIGHT = 720
DASHBOARD_HEIGHT = 1200


def reference_height(n_panels: int) -> int:
    """The logical height a figure of ``n_panels`` is laid out at: one panel 720 px (a slide's
    worth of large print), two or three 960, the dashboard 1200 (room for seven)."""
    return PANEL_HEIGHT if n_panels <= 1 else 960 if n_panels <= 3 else DASHBOARD_HEIGHT


def grid_rows(
    n: int,
    aspect: float,
    needs: list[float] | None = None,
    width: float = 0.0,
    gap: float = 0.0,
) -> list[list[int]]:
    """Panel indices by row for a canvas of ``aspect`` (width / height): about as many rows as
    give cells of 16:9, rows of nearly equal length, the panels in order. Longer rows come
    last unless ``needs`` (each panel's minimum width, on a canvas ``width`` wide) fit better
    another way: seven panels on 16:9 come out as 2, 2, 3 or as 2, 3, 2."""
    rows = max(1, min(n, round(math.sqrt(n * (16 / 9) / aspect))))
    short, extra = divmod(n, rows)
    counts = [short] * (rows - extra) + [short + 1] * extra
    layouts = sorted(set(itertools.permutations(counts)))  # (2, 2, 3) first: longer rows last

    def split(counts: tuple[int, ...]) -> list[list[int]]:
        starts = itertools.accumulate(counts, initial=0)
        return [list(range(s, s + c)) for s, c in zip(starts, counts, strict=False)]

    def overflow(counts: tuple[int, ...]) -> float:
        total = 0.0
        for row in split(counts):
            cell = (width - gap * (len(row) - 1)) / len(row)
            total += sum(max(0.0, needs[i] - cell) for i in row)
        return total

    best = min(layouts, key=overflow) if needs is not None and width > 0 else layouts[0]
    return split(best)
