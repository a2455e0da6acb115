"""The model's output over the input plane with the data on top (or the fitted curve for 1D).

A left click on a training point emits its row (``training_point_clicked``), so the X-ray can
follow that sample; ``set_followed`` rings the sample the X-ray follows.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from engine.snapshot import DataView, DecisionGrid, Snapshot
from gui.panels.base import ColorBar, Panel, fmt, message_label
from gui.theme import Theme, blend, diverging_rgba

HEAT_STRENGTH = 0.6
CLICK_RADIUS = 8  # pixels from a point's centre that still pick it


def _unbroken(text: str) -> str:
    """One legend entry as HTML that a wrapping label never breaks inside."""
    return html.escape(text).replace(" ", "&nbsp;")


def _rgb(color: QtGui.QColor) -> np.ndarray:
    return np.array(color.getRgb()[:3], dtype=float)


class DecisionPanel(Panel):
    key = "decision"
    training_point_clicked = QtCore.Signal(int)  # the training row under a left click
    validation_point_clicked = QtCore.Signal(int)  # a validation row: not a training sample

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        canvas = self.new_canvas()
        self._plot = self.new_plot(canvas)
        self._image = pg.ImageItem()
        self._boundary = pg.IsocurveItem(level=0.5)
        self._boundary.setParentItem(self._image)
        self._fit = pg.PlotCurveItem()
        self._train = pg.ScatterPlotItem(size=7, symbol="o")
        self._val = pg.ScatterPlotItem(size=8, symbol="o")
        for item in (self._image, self._fit, self._train, self._val):
            self._plot.addItem(item)
        self._fit.setZValue(5)
        self._ring = pg.ScatterPlotItem(size=18, symbol="o", brush=pg.mkBrush(None))
        self._ring.setZValue(10)
        self._plot.addItem(self._ring)
        self._followed: int | None = None
        self._planar = True  # points at (x₁, x₂); False: 1-D regression's (x, t)
        canvas.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self._scale = ColorBar()
        self._key = QtWidgets.QLabel()
        self._key.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self._key.setWordWrap(True)  # between entries only (``_update_key``)
        bottom = QtWidgets.QHBoxLayout()
        bottom.addWidget(self._key, 1)
        bottom.addWidget(self._scale, 0, QtCore.Qt.AlignmentFlag.AlignBottom)
        self._scale.setMaximumWidth(300)
        page = QtWidgets.QWidget()
        page_layout = QtWidgets.QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(canvas, 1)
        page_layout.addLayout(bottom)
        self._message = message_label()
        self._stack = QtWidgets.QStackedLayout()
        self._stack.addWidget(page)
        self._stack.addWidget(self._message)
        self._page = page
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._stack)
        self._data: DataView | None = None
        self._snapshot: Snapshot | None = None
        self._labels: dict[int, np.ndarray | None] = {}
        self._rows: dict[int, np.ndarray] = {}  # each scatter's data row per drawn point
        self._rect = QtCore.QRectF(0, 0, 1, 1)
        self.apply_theme(self.theme)

    def title(self) -> str:
        return self.tr("Decision boundary")

    def clear(self) -> None:
        self._data = None
        self._snapshot = None
        self._image.clear()
        self._boundary.setData(None)
        for item in (self._fit, self._train, self._val, self._ring):
            item.setData([], [])
        self._rows.clear()
        self._key.setText("")

    def show_snapshot(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        grid, curve = snapshot.decision, snapshot.curve
        if grid is None and curve is None:
            n = snapshot.data.X_train.shape[1]
            text = (
                self.tr(
                    "No decision boundary: the data has 1 input; the boundary is drawn for "
                    "2-D data, the fitted curve for 1-D regression"
                )
                if n == 1
                else self.tr(
                    "No decision boundary: the data has {n} inputs; the boundary is "
                    "drawn for 2-D data"
                ).format(n=n)
            )
            self._message.setText(text)
            self._stack.setCurrentWidget(self._message)
            return
        self._stack.setCurrentWidget(self._page)
        if snapshot.data is not self._data:
            self._data = snapshot.data
            self._set_data(snapshot)
        if grid is not None:
            self._draw_grid(snapshot.task, grid)
        else:
            xs, ys = np.asarray(curve.xs, float), np.asarray(curve.ys, float)
            keep = np.isfinite(ys)
            self._fit.setData(xs[keep], ys[keep])

    # ------------------------------------------------------------------ data
    def _classes(self, d: DataView) -> int:
        return max(d.n_classes, 2)

    def _set_data(self, s: Snapshot) -> None:
        d, grid = s.data, s.decision
        self._planar = grid is not None
        self._image.setVisible(grid is not None)
        self._boundary.setVisible(grid is not None and s.task == "binary")
        self._fit.setVisible(grid is None)
        if grid is None:
            y_train, y_val = np.asarray(d.y_train, float), np.asarray(d.y_val, float)
            self._points(
                self._train, d.X_train[:, 0], y_train.reshape(len(y_train), -1)[:, 0], None
            )
            self._points(self._val, d.X_val[:, 0], y_val.reshape(len(y_val), -1)[:, 0], None)
            xs = np.asarray(s.curve.xs, float)
            y_all = np.concatenate([y_train.ravel(), y_val.ravel()])
            y_all = y_all[np.isfinite(y_all)]
            lo, hi = (float(y_all.min()), float(y_all.max())) if y_all.size else (-1.0, 1.0)
            pad = 0.15 * (hi - lo or 1.0)
            self._plot.setRange(xRange=(xs[0], xs[-1]), yRange=(lo - pad, hi + pad), padding=0)
            self.label_axis(self._plot, "bottom", "x")
            self.label_axis(self._plot, "left", "y")
        else:
            self._points(self._train, d.X_train[:, 0], d.X_train[:, 1], d.y_train)
            self._points(self._val, d.X_val[:, 0], d.X_val[:, 1], d.y_val)
            dx = (grid.xs[-1] - grid.xs[0]) / max(len(grid.xs) - 1, 1)
            dy = (grid.ys[-1] - grid.ys[0]) / max(len(grid.ys) - 1, 1)
            rect = QtCore.QRectF(
                grid.xs[0] - dx / 2, grid.ys[0] - dy / 2, dx * len(grid.xs), dy * len(grid.ys)
            )
            self._rect = rect
            self._plot.setRange(
                xRange=(grid.xs[0], grid.xs[-1]), yRange=(grid.ys[0], grid.ys[-1]), padding=0
            )
            self.label_axis(self._plot, "bottom", "x₁")
            self.label_axis(self._plot, "left", "x₂")
        self._restyle_points()
        self._draw_ring()

    def _points(
        self, item: pg.ScatterPlotItem, x: np.ndarray, y: np.ndarray, labels: np.ndarray | None
    ) -> None:
        keep = np.isfinite(x) & np.isfinite(y)
        item.setData(np.asarray(x, float)[keep], np.asarray(y, float)[keep])
        self._labels[id(item)] = None if labels is None else np.asarray(labels)[keep]
        self._rows[id(item)] = np.flatnonzero(keep)

    def _point_styles(self, item: pg.ScatterPlotItem) -> tuple[list[int], list[str]] | None:
        """Each point's colour index, and the colours: one per class, or 17 steps of the
        diverging map for regression targets (few styles keep the symbol atlas small)."""
        labels = self._labels.get(id(item))
        if labels is None or self._data is None:
            return None
        if self._data.task == "regression":
            values = np.nan_to_num(np.asarray(labels, float).reshape(len(labels), -1)[:, 0])
            scale = float(np.abs(values).max()) if values.size else 0.0
            levels = np.rint(values / (scale or 1.0) * 8).astype(int) + 8
            steps = diverging_rgba(np.arange(-8, 9) / 8, 1.0, self.theme)
            return levels.tolist(), [QtGui.QColor(*c).name() for c in steps.tolist()]
        k = self._classes(self._data)
        levels = np.asarray(labels).astype(int) % k
        return levels.tolist(), [self.theme.category(i) for i in range(k)]

    # ------------------------------------------------------------------ picking a sample
    def set_followed(self, row: int | None) -> None:
        """Ring training row ``row`` (the sample the X-ray follows); None removes the ring."""
        self._followed = row
        self._draw_ring()

    def point_at(self, scene_pos: QtCore.QPointF) -> tuple[str, int] | None:
        """The point nearest ``scene_pos`` within ``CLICK_RADIUS`` pixels, as ("training" or
        "validation", its row in that set); None when no point is that near."""
        vb = self._plot.vb
        if self._data is None or not vb.sceneBoundingRect().contains(scene_pos):
            return None
        px, py = vb.viewPixelSize()
        if not (px > 0 and py > 0):
            return None
        at = vb.mapSceneToView(scene_pos)
        best: tuple[float, str, int] | None = None
        for kind, item in (("training", self._train), ("validation", self._val)):
            x, y = item.getData()
            rows = self._rows.get(id(item))
            if x is None or not len(x) or rows is None:
                continue
            dist = np.hypot((np.asarray(x) - at.x()) / px, (np.asarray(y) - at.y()) / py)
            k = int(np.argmin(dist))
            if dist[k] <= CLICK_RADIUS and (best is None or dist[k] < best[0]):
                best = (float(dist[k]), kind, int(rows[k]))
        return None if best is None else (best[1], best[2])

    def _on_scene_clicked(self, event: object) -> None:
        if event.button() != QtCore.Qt.MouseButton.LeftButton or event.double():
            return
        if self._stack.currentWidget() is not self._page:
            return
        hit = self.point_at(event.scenePos())
        if hit is None:
            return
        kind, row = hit
        if kind == "training":
            self.training_point_clicked.emit(row)
        else:
            self.validation_point_clicked.emit(row)

    def _draw_ring(self) -> None:
        d, row = self._data, self._followed
        if d is None or row is None or not 0 <= row < len(d.X_train):
            self._ring.setData([], [])
            return
        x = float(d.X_train[row, 0])
        if self._planar:
            y = float(d.X_train[row, 1])
        else:  # 1-D regression: the point (x, target)
            y = float(np.asarray(d.y_train, float).reshape(len(d.y_train), -1)[row, 0])
        if np.isfinite(x) and np.isfinite(y):
            self._ring.setData([x], [y])
        else:
            self._ring.setData([], [])

    # ------------------------------------------------------------------ heat map
    def _draw_grid(self, task: str, grid: DecisionGrid) -> None:
        value = np.nan_to_num(np.asarray(grid.value, dtype=np.float32))
        if task == "binary":
            self._image.setImage(
                value.T, levels=(0.0, 1.0), lut=self._binary_lut(), rect=self._rect
            )
            self._boundary.setData(value.T, 0.5)
        elif task == "multiclass":
            self._image.setImage(
                self._class_rgb(value, grid.confidence).transpose(1, 0, 2),
                levels=(0, 255),
                lut=None,
                rect=self._rect,
            )
        else:
            vmax = self._target_scale()
            self._image.setImage(
                value.T, levels=(-vmax, vmax), lut=self.theme.diverging_lut(256), rect=self._rect
            )

    def _binary_lut(self) -> np.ndarray:
        t = self.theme
        c0, c1 = (
            _rgb(blend(t.category(0), t.background, HEAT_STRENGTH)),
            _rgb(blend(t.category(1), t.background, HEAT_STRENGTH)),
        )
        bg = _rgb(QtGui.QColor(t.background))
        ramp = np.linspace(-1.0, 1.0, 256)[:, None]
        lut = np.where(ramp < 0, bg + (c0 - bg) * -ramp, bg + (c1 - bg) * ramp)
        return np.rint(lut).astype(np.uint8)

    def _class_rgb(self, value: np.ndarray, confidence: np.ndarray | None) -> np.ndarray:
        k = self._classes(self._data) if self._data is not None else 2
        palette = np.array([_rgb(self.theme.color(self.theme.category(i))) for i in range(k)])
        bg = _rgb(QtGui.QColor(self.theme.background))
        index = np.clip(value.astype(int), 0, k - 1)
        conf = (
            np.ones_like(value)
            if confidence is None
            else np.nan_to_num(np.asarray(confidence, float), nan=1.0 / k)
        )
        strength = HEAT_STRENGTH * np.clip((conf - 1.0 / k) / (1.0 - 1.0 / k), 0.15, 1.0)
        rgb = bg + (palette[index] - bg) * strength[..., None]
        return np.rint(rgb).astype(np.uint8)

    def _target_scale(self) -> float:
        if self._data is None:
            return 1.0
        y = np.asarray(self._data.y_train, float)
        y = y[np.isfinite(y)]
        return float(np.abs(y).max()) if y.size and np.abs(y).max() > 0 else 1.0

    # ------------------------------------------------------------------ theme
    def _restyle_points(self) -> None:
        t = self.theme
        outline = pg.mkPen(t.background if t.name == "dark" else t.foreground, width=0.8)
        self._train.setPen(outline)
        self._val.setBrush(pg.mkBrush(None))
        self._ring.setPen(pg.mkPen(t.foreground, width=2.5))
        train, val = self._point_styles(self._train), self._point_styles(self._val)
        if train is None or val is None:
            self._train.setBrush(pg.mkBrush(t.category(0)))
            self._val.setPen(pg.mkPen(t.category(1), width=1.5))
        else:
            brushes = [pg.mkBrush(c) for c in train[1]]
            self._train.setBrush([brushes[i] for i in train[0]])
            pens = [pg.mkPen(c, width=1.6) for c in val[1]]
            self._val.setPen([pens[i] for i in val[0]])
        self._update_key()

    def _update_key(self) -> None:
        d, t = self._data, self.theme
        if d is None:
            return
        scale = ("0", "0.5", "1")
        if d.task == "binary":
            self._scale.set_scale(self._binary_lut(), scale, self.tr("P(class 1)"))
        elif d.task == "regression":
            v = self._target_scale()
            self._scale.set_scale(
                t.diverging_lut(64), (fmt(-v, 2), "0", fmt(v, 2)), self.tr("prediction")
            )
        self._scale.setVisible(
            d.task != "multiclass"
            and self._snapshot is not None
            and self._snapshot.decision is not None
        )
        items = [_unbroken(self.tr("● training")), _unbroken(self.tr("○ validation"))]
        if d.task != "regression":
            items += [
                f"<span style='color:{t.category(k)}'>■</span>&nbsp;"
                + _unbroken(self.tr("class {k}").format(k=k))
                for k in range(self._classes(d))
            ]
        elif self._snapshot is not None and self._snapshot.curve is not None:
            items.append(_unbroken(self.tr("— model")))
        self._key.setText("&nbsp;&nbsp; ".join(items))

    def restyle(self, theme: Theme) -> None:
        self._fit.setPen(pg.mkPen(theme.foreground, width=1.5 * theme.line_width))
        self._boundary.setPen(
            pg.mkPen(theme.foreground, width=theme.line_width, style=QtCore.Qt.PenStyle.DashLine)
        )
        self._message.setFont(theme.font(1.2))
        self._restyle_points()
        if self._snapshot is not None and self._snapshot.decision is not None:
            self._draw_grid(self._snapshot.task, self._snapshot.decision)
