"""The loss surface over (W, b) of a two-parameter model, with the real descent path on it.

Linear regression draws one surface (mean squared error); logistic regression draws two side by
side, cross-entropy (convex) and the mean squared error of the same sigmoid output (not convex),
as the course contrasts them. ``show_variants`` overlays several runs' paths on one surface.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from engine.landscape import Landscape
from engine.snapshot import Snapshot
from gui.panels.base import Panel, fmt, message_label, style_legend
from gui.panels.overlay import variant_color
from gui.theme import OKABE_ITO, Theme, blend

MAX_SURFACES = 2
CONTOURS = 12
MAX_PATH_POINTS = 3000
CURVATURE_TOLERANCE = 1e-2
NONCONVEX_ALPHA = 80


def bending(cost: np.ndarray) -> np.ndarray:
    """How much a cost surface on a regular grid bends downward: the smaller eigenvalue of its
    finite-difference Hessian, divided by the largest curvature anywhere on the grid. Below
    ``-CURVATURE_TOLERANCE`` the surface is not convex there.

    Parameters
    ----------
    cost : ndarray of shape (n_b, n_w)

    Returns
    -------
    ndarray of the same shape; the one-cell border repeats its neighbours.
    """
    z = np.asarray(cost, dtype=float)
    if min(z.shape) < 3 or not np.isfinite(z).all():
        return np.zeros(z.shape)
    mid = z[1:-1, 1:-1]
    a = z[1:-1, 2:] - 2 * mid + z[1:-1, :-2]
    c = z[2:, 1:-1] - 2 * mid + z[:-2, 1:-1]
    b = (z[2:, 2:] - z[2:, :-2] - z[:-2, 2:] + z[:-2, :-2]) / 4
    spread = np.hypot((a - c) / 2, b)
    low, high = (a + c) / 2 - spread, (a + c) / 2 + spread
    scale = float(np.abs(high).max())
    return np.pad(low / scale if scale > 0 else np.zeros_like(low), 1, mode="edge")


class _Surface:
    """One cost's heat map, contours, optimum and the paths drawn on it."""

    def __init__(self, panel: LandscapePanel, canvas: pg.GraphicsLayoutWidget, col: int) -> None:
        self.canvas, self.col = canvas, col
        self.plot = panel.new_plot(canvas, 0, col)
        self.image = pg.ImageItem()
        self.plot.addItem(self.image)
        self.shade = pg.ImageItem()
        self.shade.setZValue(2)
        self.plot.addItem(self.shade)
        self.outline = pg.IsocurveItem()
        self.outline.setParentItem(self.shade)
        self.mask = np.zeros((0, 0), dtype=np.float32)
        self.rect = QtCore.QRectF(0, 0, 1, 1)
        self.contours = [pg.IsocurveItem() for _ in range(CONTOURS)]
        for contour in self.contours:
            contour.setParentItem(self.image)
        self.optimum = pg.ScatterPlotItem(symbol="star", size=20)
        self.start = pg.ScatterPlotItem(symbol="x", size=12)
        self.ends = pg.ScatterPlotItem(symbol="o", size=9)
        for z, item in enumerate((self.ends, self.start, self.optimum)):
            item.setZValue(20 + z)
            self.plot.addItem(item)
        self.legend = pg.LegendItem(offset=(-8, 8))
        self.legend.setParentItem(self.plot.vb)
        self.paths: list[pg.PlotDataItem] = []
        panel.label_axis(self.plot, "bottom", "W")
        panel.label_axis(self.plot, "left", "b")

    def set_paths(self, n: int) -> None:
        while len(self.paths) < n:
            item = pg.PlotDataItem(symbol="o", symbolSize=3)
            self.plot.addItem(item)
            self.paths.append(item)
        while len(self.paths) > n:
            self.plot.removeItem(self.paths.pop())
        for k, item in enumerate(self.paths):
            item.setZValue(10 + n - k)

    def set_visible(self, visible: bool) -> None:
        """Show the plot in its column, or take it out of the layout so the other gets the room."""
        if visible == self.plot.isVisible():
            return
        if visible:
            self.canvas.addItem(self.plot, row=0, col=self.col)
        else:
            self.canvas.ci.removeItem(self.plot)
        self.plot.setVisible(visible)


class LandscapePanel(Panel):
    """The cost over (W, b) of linear or logistic regression and the model's path on it."""

    key = "landscape"

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._canvas = self.new_canvas()
        self._surfaces = [_Surface(self, self._canvas, col) for col in range(MAX_SURFACES)]
        self._message = message_label()
        self._stack = QtWidgets.QStackedLayout()
        self._stack.addWidget(self._canvas)
        self._stack.addWidget(self._message)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._stack)
        self._landscape: Landscape | None = None
        self._images: list[np.ndarray] = []
        self._paths: list[np.ndarray] = []
        self._labels: list[str] = []
        self.apply_theme(self.theme)

    def title(self) -> str:
        return self.tr("Loss surface")

    def surfaces(self) -> list[str]:
        """The costs drawn, left to right (the engine's names); empty while none is."""
        if self._landscape is None or self._stack.currentWidget() is not self._canvas:
            return []
        return list(self._landscape.costs)[:MAX_SURFACES]

    def drawn_paths(self) -> list[np.ndarray]:
        """The (W, b) paths on the surface, one (k, 2) array per run, as drawn."""
        return [
            np.column_stack(item.getData()) if item.getData()[0] is not None else np.empty((0, 2))
            for item in self._surfaces[0].paths
        ]

    def message(self) -> str:
        """The text shown instead of a surface, or ``""``."""
        return self._message.text() if self._stack.currentWidget() is self._message else ""

    def clear(self) -> None:
        self._landscape = None
        self._images = []
        self._paths, self._labels = [], []
        for surface in self._surfaces:
            surface.image.clear()
            surface.shade.clear()
            surface.outline.setData(None)
            for contour in surface.contours:
                contour.setData(None)
            surface.set_paths(0)
            surface.legend.clear()
            for item in (surface.optimum, surface.start, surface.ends):
                item.setData([], [])

    def show_snapshot(self, snapshot: Snapshot) -> None:
        self.show_variants([snapshot], [])

    def show_variants(self, snapshots: Sequence[Snapshot], labels: Sequence[str]) -> None:
        """Every run's (W, b) path on the surface of the first one that has a surface; with
        ``labels``, a legend names each path (one colour per run, in order)."""
        landscape = next((s.landscape for s in snapshots if s.landscape is not None), None)
        if landscape is None:
            self._show_message(snapshots[0] if snapshots else None)
            return
        self._stack.setCurrentWidget(self._canvas)
        if landscape is not self._landscape:
            self._set_landscape(landscape)
        empty = np.empty((0, 2))
        paths = [
            np.asarray(s.param_path, dtype=float) if s.param_path is not None else empty
            for s in snapshots
        ]
        labels = list(labels)
        restyle = len(paths) != len(self._paths) or labels != self._labels
        self._paths, self._labels = paths, labels
        if restyle:
            for surface in self._surfaces:
                surface.set_paths(len(paths))
            self._style_paths(self.theme)
        self._draw_paths()

    # ------------------------------------------------------------------ drawing
    def _show_message(self, snapshot: Snapshot | None) -> None:
        if snapshot is None:
            text = ""
        else:
            n = sum(int(np.asarray(p).size) for p in snapshot.params.values())
            text = self.tr(
                "The loss surface is drawn for models with exactly two parameters, W and b: "
                "linear or logistic regression with one input and no hidden layer. This network "
                "has {n} parameters: its loss depends on {n} numbers at once, too many to draw."
            ).format(n=n)
        self._message.setText(text)
        self._stack.setCurrentWidget(self._message)

    def _set_landscape(self, landscape: Landscape) -> None:
        self._landscape = landscape
        ws, bs = np.asarray(landscape.ws, float), np.asarray(landscape.bs, float)
        dw = (ws[-1] - ws[0]) / max(len(ws) - 1, 1)
        db = (bs[-1] - bs[0]) / max(len(bs) - 1, 1)
        rect = QtCore.QRectF(ws[0] - dw / 2, bs[0] - db / 2, dw * len(ws), db * len(bs))
        names = list(landscape.costs)[:MAX_SURFACES]
        self._images = []
        for k, surface in enumerate(self._surfaces):
            surface.set_visible(k < len(names))
            if k >= len(names):
                continue
            cost = np.asarray(landscape.costs[names[k]], dtype=float)
            image = np.ascontiguousarray(np.nan_to_num(cost).T, dtype=np.float32)
            self._images.append(image)
            low, high = float(image.min()), float(image.max())
            surface.image.setImage(image, levels=(low, high), rect=rect)
            for contour, level in zip(
                surface.contours, np.linspace(low, high, CONTOURS + 2)[1:-1], strict=True
            ):
                contour.setData(image, float(level))
            bend = np.ascontiguousarray(bending(cost).T, dtype=np.float32)
            surface.mask = (bend < -CURVATURE_TOLERANCE).astype(np.float32)
            surface.rect = rect
            surface.outline.setData(bend, -CURVATURE_TOLERANCE)
            w_opt, b_opt = landscape.optimum
            surface.optimum.setData([w_opt], [b_opt])
            surface.plot.setRange(xRange=(ws[0], ws[-1]), yRange=(bs[0], bs[-1]), padding=0)
            shape = (
                self.tr("shaded: not convex here, the surface bends downward")
                if surface.mask.any()
                else self.tr("convex: it bends upward everywhere")
            )
            self.set_title(
                surface.plot,
                f"<b>{self._cost_name(names[k])}</b><br>{shape}<br>"
                + self.tr("lowest {v} · ★ optimum W {w}, b {b}").format(
                    v=fmt(float(np.nanmin(cost))), w=fmt(w_opt), b=fmt(b_opt)
                ),
            )
        self._style_surfaces(self.theme)

    def _cost_name(self, name: str) -> str:
        return {
            "mean squared error": self.tr("mean squared error ½(y − t)²"),
            "cross-entropy": self.tr("cross-entropy −t log y − (1 − t) log(1 − y)"),
            "mean squared error on σ": self.tr("mean squared error ½(σ(Wx + b) − t)²"),
        }.get(name, name)

    def _draw_paths(self) -> None:
        for surface in self._surfaces:
            if not surface.plot.isVisible():
                continue
            ends_x, ends_y = [], []
            for item, path in zip(surface.paths, self._paths, strict=True):
                shown = path
                if len(path) > MAX_PATH_POINTS:
                    keep = np.linspace(0, len(path) - 1, MAX_PATH_POINTS).astype(int)
                    shown = path[keep]
                item.setData(shown[:, 0], shown[:, 1])
                if len(path):
                    ends_x.append(path[-1, 0])
                    ends_y.append(path[-1, 1])
            surface.ends.setData(ends_x, ends_y, brush=self._end_brushes())
            starts = [p[0] for p in self._paths if len(p)]
            if starts:
                surface.start.setData([starts[0][0]], [starts[0][1]])

    def _colors(self, theme: Theme) -> list[str]:
        if len(self._paths) <= 1 and not self._labels:
            return [theme.foreground]
        return [variant_color(theme, k) for k in range(len(self._paths))]

    def _end_brushes(self) -> list:
        colors = self._colors(self.theme)
        return [pg.mkBrush(colors[k]) for k, p in enumerate(self._paths) if len(p)]

    # ------------------------------------------------------------------ theme
    def _style_surfaces(self, theme: Theme) -> None:
        low, high = (
            blend(theme.accent, theme.background, 0.4),
            blend(theme.foreground, theme.background, 0.4),
        )
        ramp = np.linspace(0.0, 1.0, 256)[:, None]
        lut = np.array(low.getRgb()[:3]) * (1 - ramp) + np.array(high.getRgb()[:3]) * ramp
        shade = np.zeros((2, 4), dtype=np.uint8)
        shade[1] = (*theme.color(OKABE_ITO["vermillion"]).getRgb()[:3], NONCONVEX_ALPHA)
        for surface in self._surfaces:
            surface.image.setLookupTable(lut.astype(np.uint8))
            if surface.mask.size:
                surface.shade.setImage(
                    surface.mask, levels=(0.0, 1.0), lut=shade, rect=surface.rect
                )
            surface.outline.setPen(pg.mkPen(OKABE_ITO["vermillion"], width=theme.line_width))
            for contour in surface.contours:
                contour.setPen(pg.mkPen(theme.solid("foreground", 0.35), width=1))
            surface.optimum.setPen(pg.mkPen(theme.background))
            surface.optimum.setBrush(pg.mkBrush(OKABE_ITO["yellow"]))
            surface.start.setPen(pg.mkPen(theme.foreground, width=2))

    def _style_paths(self, theme: Theme) -> None:
        colors = self._colors(theme)
        for surface in self._surfaces:
            surface.legend.clear()
            for k, item in enumerate(surface.paths):
                item.setPen(pg.mkPen(colors[k], width=theme.line_width))
                item.setSymbolBrush(pg.mkBrush(colors[k]))
                item.setSymbolPen(pg.mkPen(colors[k]))
                if k < len(self._labels):
                    surface.legend.addItem(item, self._labels[k])
            surface.legend.setVisible(bool(self._labels))
            surface.ends.setPen(pg.mkPen(theme.background, width=1))
            style_legend(surface.legend, theme)

    def restyle(self, theme: Theme) -> None:
        self._style_surfaces(theme)
        self._style_paths(theme)
        self._message.setFont(theme.font(1.2))
        if self._paths:
            self._draw_paths()
