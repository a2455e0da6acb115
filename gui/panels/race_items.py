"""What the optimizer race draws on its surface besides the surface itself: each runner's
path (``Runner``), the legend that stays where the user drags it (``RaceLegend``), and the
surface as a log-scaled image (``surface_image``)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from engine import surfaces
from gui.theme import Theme


def surface_image(surface: surfaces.Surface, n: int) -> np.ndarray:
    """The surface's heights on an ``n`` × ``n`` grid of its bounds as ``log10`` of their
    height above the lowest (plus a thousandth of the range, so the minimum stays finite),
    shape ``(n, n)`` indexed ``[x, y]`` as ``pg.ImageItem`` wants; non-finite heights as 0."""
    Z = surfaces.grid(surface, n)[2]
    with np.errstate(all="ignore"):
        shifted = np.nan_to_num(Z - np.nanmin(Z), nan=0.0, posinf=0.0)
        return np.log10(shifted + 1e-3 * max(float(shifted.max()), 1e-12)).T


class Runner:
    """One optimizer's path: a line, its points and the sample its legend entry shows.

    The points are a scatter item of their own that the race appends to: a line-and-symbol
    ``PlotDataItem`` re-made all of its up to 500 symbols every frame, half of the dashboard's
    drawing while the race ran. The legend's sample (line and dot) is a data-less item of the
    same style, never painted itself; clicking it shows or hides the runner, as before.
    """

    def __init__(self, plot: pg.PlotItem, label: str) -> None:
        self.line = pg.PlotDataItem(name=label)
        self.points = pg.ScatterPlotItem(symbol="o", size=5)
        self.sample = pg.PlotDataItem(symbol="o", symbolSize=5)
        self.sample.setOpacity(0.0)
        self.sample.visibleChanged.connect(self._on_sample_visible_changed)
        self.drawn = np.empty((0, 2))
        for item in self.items():
            plot.addItem(item)

    def items(self) -> tuple[pg.GraphicsObject, ...]:
        return self.line, self.points, self.sample

    def set_path(self, path: np.ndarray) -> None:
        self.line.setData(path[:, 0], path[:, 1])
        k = len(self.drawn)
        if 0 < k <= len(path) and np.array_equal(path[:k], self.drawn):
            if len(path) > k:
                self.points.addPoints(x=path[k:, 0], y=path[k:, 1])
        else:
            self.points.setData(x=path[:, 0], y=path[:, 1])
        self.drawn = np.array(path)

    def style(self, color: str, theme: Theme) -> None:
        pen = pg.mkPen(color, width=theme.line_width)
        outline = pg.mkPen(theme.background, width=0.5)
        self.line.setPen(pen)
        self.points.setPen(outline)
        self.points.setBrush(pg.mkBrush(color))
        self.sample.setPen(pen)
        self.sample.setSymbolBrush(pg.mkBrush(color))
        self.sample.setSymbolPen(outline)
        symbol = self.sample.scatter  # the legend draws the sample's symbol in its scatter's style
        symbol.setSize(5)
        symbol.setPen(outline)
        symbol.setBrush(pg.mkBrush(color))

    def _on_sample_visible_changed(self) -> None:
        self.line.setVisible(self.sample.isVisible())
        self.points.setVisible(self.sample.isVisible())


class RaceLegend(pg.LegendItem):
    """The runners' legend; once the user drags it somewhere, it stays where it was put."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.placed_by_user = False

    def mouseDragEvent(self, event: object) -> None:
        self.placed_by_user = True
        super().mouseDragEvent(event)
