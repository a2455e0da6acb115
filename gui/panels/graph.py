"""The network as a graph: neurons in columns, weights as coloured edges, activations as fills."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments
from PySide6 import QtCore, QtGui, QtWidgets

from engine import activations
from engine.snapshot import Snapshot
from gui.panels.base import ColorBar, ElidedLabel, ExtentCurve, Panel, StableRange, fmt, mute
from gui.theme import Theme, diverging_rgba

MAX_NODES = 16
MAX_EDGES = 800
EDGES_PER_GAP = 64
LEVELS = (0.1, 0.3, 0.6)
LEVEL_WIDTHS = (0.4, 0.9, 1.7, 2.8)
LEVEL_WEIGHTS = (0.3, 0.55, 0.8, 1.0)
LEVEL_COLORS = (0.3, 0.5, 0.75, 1.0)
FILL_STEPS = 33
CENTRE = QtCore.Qt.AlignmentFlag.AlignCenter


class EdgeLines(ExtentCurve):
    """Line pairs (``connect="pairs"``) stroked in device pixels.

    With the view's scaling on the painter, Qt strokes a pen wider than one pixel through its
    general path, about three times slower than for the same lines mapped to device pixels
    first: two thirds of the graph's frame went to its edges. The pens are cosmetic, so the
    pixels are the same; vector exports get the same lines in the page's coordinates. Its
    bounds are the columns of nodes the edges run between (``set_extent``), not the data's.
    """

    def __init__(self) -> None:
        super().__init__(connect="pairs", skipFiniteCheck=True)
        self._device_lines = None

    def paint(self, p: QtGui.QPainter, opt: object, widget: object) -> None:
        x, y = self.xData, self.yData
        pen = self.opts["pen"]
        t = p.transform()
        if x is None or not len(x) or not t.isAffine():
            super().paint(p, opt, widget)
            return
        aa = self._exportOpts.get("antialias", True) if self._exportOpts else self.opts["antialias"]
        X = t.m11() * x + t.m21() * y + t.dx()
        Y = t.m12() * x + t.m22() * y + t.dy()
        self._device_lines = arrayToLineSegments(X, Y, "pairs", False, self._device_lines)
        p.save()
        p.resetTransform()
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, aa)
        p.setPen(pen)
        p.drawLines(*self._device_lines.drawargs())
        p.restore()


class NetworkGraphPanel(Panel):
    key = "graph"

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._sample = QtWidgets.QSpinBox(prefix=self.tr("probe sample "))
        self._sample.setKeyboardTracking(False)
        self._sample.valueChanged.connect(self._on_sample_changed)
        self._sample_text = ElidedLabel()
        self._info = QtWidgets.QLabel()
        self._info.setWordWrap(True)
        self._legend = ColorBar()
        canvas = self.new_canvas()
        self._plot = self.new_plot(canvas)
        for name in ("left", "bottom"):
            self._plot.hideAxis(name)
        self._edges = [EdgeLines() for _ in range(2 * len(LEVEL_WIDTHS))]
        for item in self._edges:
            self._plot.addItem(item)
        self._nodes = pg.ScatterPlotItem(pxMode=True, size=14)
        self._nodes.setZValue(10)
        self._plot.addItem(self._nodes)
        self._labels: list[pg.TextItem] = []
        self._plot.vb.sigResized.connect(self._fit_view)
        canvas.scene().sigMouseMoved.connect(self._on_mouse_moved)

        # The probe read-out has the top row to itself; the colour scale shares the bottom
        # row with the note, which wraps rather than running under it.
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self._sample)
        top.addWidget(self._sample_text, 1)
        bottom = QtWidgets.QHBoxLayout()
        bottom.addWidget(self._info, 1)
        bottom.addWidget(self._legend, 0, QtCore.Qt.AlignmentFlag.AlignBottom)
        self._legend.setMaximumWidth(300)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(canvas, 1)
        layout.addLayout(bottom)
        self._weight_range = StableRange()
        self._snapshot: Snapshot | None = None
        self._reset_state()
        self.apply_theme(self.theme)

    def title(self) -> str:
        return self.tr("Network graph")

    def _reset_state(self) -> None:
        self._structure: tuple | None = None
        self._data: object = None
        self._shown: list[np.ndarray] = []
        self._ys: list[np.ndarray] = []
        self._node_xy = np.empty((0, 2))
        self._node_ids: list[tuple[int, int]] = []
        self._geometry: list[np.ndarray] = []
        self._flat: list[np.ndarray] = []
        self._drawn = np.empty((0, 7))
        self._node_styles: tuple | None = None
        self._nodes_placed = False
        self._last_step = -1
        self._weight_range.reset()

    def clear(self) -> None:
        self._snapshot = None
        self._reset_state()
        for item in self._edges:
            item.setData([], [])
        self._nodes.clear()
        self._remove_labels()
        self._sample_text.setText("")
        self._info.setText("")

    def _remove_labels(self) -> None:
        for label in self._labels:
            self._plot.removeItem(label)
        self._labels = []

    # ------------------------------------------------------------------ structure
    def _select(self, s: Snapshot) -> None:
        """Pick the neurons to draw per layer (all, or the MAX_NODES most connected)."""
        sizes = s.layer_sizes
        L = len(sizes) - 1
        shown = []
        for l, n in enumerate(sizes):
            if n <= MAX_NODES:
                shown.append(np.arange(n))
                continue
            if l == 0:
                score = np.nan_to_num(np.asarray(s.probe_inputs).std(axis=0))
            else:
                score = np.abs(np.nan_to_num(s.params[f"W{l}"])).sum(axis=0)
                if l < L:
                    score = score + np.abs(np.nan_to_num(s.params[f"W{l + 1}"])).sum(axis=1)
            shown.append(np.sort(np.argsort(-score, kind="stable")[:MAX_NODES]))
        self._shown = shown
        self._ys = [(len(rows) - 1) / 2 - np.arange(len(rows), dtype=float) for rows in shown]
        self._node_xy = np.concatenate(
            [np.column_stack([np.full(len(y), float(l)), y]) for l, y in enumerate(self._ys)]
        )
        self._node_ids = [(l, int(i)) for l, rows in enumerate(shown) for i in rows]
        top = max((len(rows) - 1) / 2 for rows in shown)
        for item in self._edges:  # every edge runs between two of these nodes
            item.set_extent((0.0, float(L), -top, top))
        self._geometry = []
        self._flat = []
        for l in range(1, L + 1):
            i, j = (a.ravel() for a in np.indices((len(shown[l - 1]), len(shown[l]))))
            x0, x1 = np.full(i.size, l - 1.0), np.full(i.size, float(l))
            ends = (x0, self._ys[l - 1][i], self._ys[l][j], x1, shown[l - 1][i], shown[l][j])
            self._geometry.append(np.column_stack(ends))
            self._flat.append(shown[l - 1][i] * sizes[l] + shown[l][j])
        self._input_scale = float(np.nanmax(np.abs(s.probe_inputs))) if s.probe_inputs.size else 1
        y_train = np.asarray(s.data.y_train, dtype=float)
        self._output_scale = float(np.nanmax(np.abs(y_train))) if y_train.size else 1.0
        self._remove_labels()
        activation = s.config.model.activation
        output = {"binary": "sigmoid", "multiclass": "softmax"}.get(s.task, "identity")
        for l, n in enumerate(sizes):
            if l == 0:
                text = self.tr("input\n{n}").format(n=n)
            elif l == L:
                text = self.tr("output\n{n} {f}").format(n=n, f=output)
            else:
                text = self.tr("hidden {l}\n{n} {f}").format(l=l, n=n, f=activation)
            label = pg.TextItem(anchor=(0.5, 0.0))
            label.textItem.document().setDefaultTextOption(QtGui.QTextOption(CENTRE))
            label.setPlainText(text)
            label.setPos(l, -(max(len(rows) for rows in shown) - 1) / 2 - 0.45)
            self._plot.addItem(label)
            self._labels.append(label)
        self._sample.setRange(0, max(len(s.probe_inputs) - 1, 0))
        wide = [n for n in sizes if n > MAX_NODES]
        note = self.tr("showing {k} of {n} neurons in wide layers")
        self._info_base = note.format(k=MAX_NODES, n=max(wide)) if wide else ""
        self._style_labels(self.theme)

    def _fit_view(self) -> None:
        if not self._shown:
            return
        label_px = 2 * QtGui.QFontMetrics(self.theme.font()).height() + 12
        height = max(self._plot.vb.height(), label_px + 40)
        tallest = max(len(rows) for rows in self._shown)
        span = tallest / (1 - label_px / height)
        top = (tallest - 1) / 2 + 0.5
        self._plot.setRange(
            xRange=(-0.5, len(self._shown) - 0.5), yRange=(top - span, top), padding=0
        )
        column_px = self._plot.vb.width() / max(len(self._shown), 1)
        size = min((height - label_px) / tallest * 0.62, column_px * 0.35, 26.0)
        self._nodes.setSize(max(size, 5.0))

    # ------------------------------------------------------------------ drawing
    def show_snapshot(self, snapshot: Snapshot) -> None:
        structure = (snapshot.layer_sizes, snapshot.task, snapshot.config.model.activation)
        if (
            structure != self._structure
            or snapshot.data is not self._data
            or snapshot.step < self._last_step
        ):
            self._reset_state()
            self._structure = structure
            self._data = snapshot.data
            self._select(snapshot)
        self._last_step = snapshot.step
        self._snapshot = snapshot
        self._draw_edges(snapshot)
        self._draw_nodes(snapshot)

    def _draw_edges(self, s: Snapshot) -> None:
        parts = []
        keep = min(EDGES_PER_GAP, MAX_EDGES // max(len(self._geometry), 1))
        for l, (geometry, flat) in enumerate(zip(self._geometry, self._flat, strict=True), 1):
            w = s.params[f"W{l}"].ravel().take(flat)
            if not np.isfinite(w).all():
                w = np.nan_to_num(w, nan=0.0, posinf=0.0, neginf=0.0)
            if len(w) > keep:
                rows = np.sort(np.argpartition(-np.abs(w), keep)[:keep])
                geometry, w = geometry[rows], w[rows]
            parts.append(np.column_stack([geometry, w]))
        self._drawn = np.concatenate(parts) if parts else np.empty((0, 7))
        w = self._drawn[:, 6]
        if w.size:
            self._weight_range.fit(float(np.abs(w).max()))
        vmax = self._weight_range.high or 1.0
        style = np.digitize(np.abs(w) / vmax, LEVELS) + len(LEVEL_WIDTHS) * (w >= 0)
        for k, item in enumerate(self._edges):
            edges = self._drawn[style == k]
            xs = np.empty(2 * len(edges))
            ys = np.empty(2 * len(edges))
            xs[0::2], xs[1::2] = edges[:, 0], edges[:, 3]
            ys[0::2], ys[1::2] = edges[:, 1], edges[:, 2]
            if not (np.array_equal(xs, item.xData) and np.array_equal(ys, item.yData)):
                item.setData(xs, ys, connect="pairs")  # most frames move only a few edges
        self._legend.set_scale(self._lut, (fmt(-vmax, 2), "0", fmt(vmax, 2)), self.tr("weight"))
        total = sum(len(g) for g in self._geometry)
        note = [self._info_base] if self._info_base else []
        if len(self._drawn) < total:
            note.append(self.tr("strongest {k} of {n} edges").format(k=len(self._drawn), n=total))
        note.append(self.tr("fill: activation · outline: bias"))
        self._info.setText(" · ".join(note))

    def _scales(self, s: Snapshot) -> list[tuple[float, float, bool]]:
        """Per layer (centre, half-width, signed): fill t = (value − centre) / half-width."""
        L = len(self._shown) - 1
        low, high = activations.get(s.config.model.activation).output_range
        out = [(0.0, self._input_scale, True)]
        for l in range(1, L):
            if high is not None:
                out.append(((low + high) / 2, (high - low) / 2, True))
            else:
                edges = s.activation_hists[l - 1].edges
                out.append((0.0, float(max(abs(edges[0]), abs(edges[-1]))), bool(edges[0] < 0)))
        out.append(
            {"binary": (0.5, 0.5, True), "multiclass": (0.0, 1.0, False)}.get(
                s.task, (0.0, self._output_scale, True)
            )
        )
        return out

    def _node_values(self, s: Snapshot, sample: int) -> tuple[np.ndarray, np.ndarray]:
        """Fill levels (−16…16) and bias-outline levels (−4…4) of every drawn node: a few
        cached styles, so the scatter plot's symbol atlas stays small."""
        L = len(self._shown) - 1
        values = [s.probe_inputs[sample, self._shown[0]]]
        values += [s.probe_activations[l - 1][sample, self._shown[l]] for l in range(1, L)]
        values.append(s.probe_outputs[sample, self._shown[L]])
        centre, half, signed = zip(*self._scales(s), strict=True)
        counts = [len(rows) for rows in self._shown]
        low = np.repeat(np.where(signed, -1.0, 0.0), counts)
        scale = np.repeat([h or 1.0 for h in half], counts)
        t = (np.concatenate(values).astype(float) - np.repeat(centre, counts)) / scale
        t = np.clip(t, low, 1.0)
        t[np.isnan(t)] = 0.0
        biases = [np.zeros(counts[0])]
        biases += [s.params[f"b{l}"][self._shown[l]] for l in range(1, L + 1)]
        bias = np.concatenate(biases).astype(float)
        if not np.isfinite(bias).all():
            bias = np.nan_to_num(bias)
        bias_max = float(np.abs(bias).max()) or 1.0
        return np.rint(t * (FILL_STEPS // 2)).astype(int), np.rint(bias / bias_max * 4).astype(int)

    def _draw_nodes(self, s: Snapshot) -> None:
        if not len(s.probe_inputs):
            return
        sample = min(self._sample.value(), len(s.probe_inputs) - 1)
        fill, outline = self._node_values(s, sample)
        styles = (fill.tobytes(), outline.tobytes())
        if styles != self._node_styles:  # a few levels: often the same as the last frame
            self._node_styles = styles
            pens = [self._pens[k] for k in outline.tolist()]
            pens[: len(self._shown[0])] = [self._pens["input"]] * len(self._shown[0])
            brushes = [self._brushes[k] for k in fill.tolist()]
            if len(self._nodes.data) == len(self._node_xy) and self._nodes_placed:
                # the same nodes in new colours: no new points, bounds or spatial index
                self._nodes.setBrush(brushes, update=False)
                self._nodes.setPen(pens)
            else:
                self._nodes.setData(pos=self._node_xy, brush=brushes, pen=pens)
                self._nodes_placed = True
        x = s.probe_inputs[sample]
        shown_x = ", ".join(fmt(float(v), 2) for v in x[:4]) + (", …" if len(x) > 4 else "")
        out = s.probe_outputs[sample]
        if s.task == "multiclass":
            c = int(np.argmax(np.nan_to_num(out, nan=-1.0)))
            result = self.tr("class {c} (p = {p})").format(c=c, p=fmt(float(out[c]), 3))
        elif s.task == "binary":
            result = self.tr("P(class 1) = {p}").format(p=fmt(float(out[0]), 3))
        else:
            result = fmt(float(out[0]), 4)
        self._sample_text.setText(f"x = ({shown_x}) → {result}")

    def _on_sample_changed(self) -> None:
        if self._snapshot is not None and self._shown:
            self._draw_nodes(self._snapshot)

    # ------------------------------------------------------------------ hover
    def _on_mouse_moved(self, scene_pos: QtCore.QPointF) -> None:
        if self._snapshot is None or not self._plot.vb.sceneBoundingRect().contains(scene_pos):
            return
        p = self._plot.vb.mapSceneToView(scene_pos)
        px, py = self._plot.vb.viewPixelSize()
        text = self._node_tip(p.x(), p.y(), px, py) or self._edge_tip(p.x(), p.y(), px, py)
        if text:
            QtWidgets.QToolTip.showText(QtGui.QCursor.pos(), text, self)
        else:
            QtWidgets.QToolTip.hideText()

    def _node_tip(self, x: float, y: float, px: float, py: float) -> str:
        if not len(self._node_xy):
            return ""
        d = np.hypot((self._node_xy[:, 0] - x) / px, (self._node_xy[:, 1] - y) / py)
        k = int(np.argmin(d))
        if d[k] > self._nodes.opts["size"] / 2 + 2:
            return ""
        s, (l, i) = self._snapshot, self._node_ids[k]
        sample = min(self._sample.value(), len(s.probe_inputs) - 1)
        L = len(self._shown) - 1
        if l == 0:
            return self.tr("input x[{i}] = {v:.4f}").format(i=i, v=s.probe_inputs[sample, i])
        value = s.probe_outputs[sample, i] if l == L else s.probe_activations[l - 1][sample, i]
        where = self.tr("output") if l == L else self.tr("hidden {l}").format(l=l)
        return self.tr("{where}, neuron {i}: activation {v:.4f}\nbias b{l}[{i}] = {b:.4f}").format(
            where=where, i=i, v=value, l=l, b=s.params[f"b{l}"][i]
        )

    def _edge_tip(self, x: float, y: float, px: float, py: float) -> str:
        e = self._drawn
        if not len(e):
            return ""
        ax, ay = e[:, 0] / px, e[:, 1] / py
        dx, dy = e[:, 3] / px - ax, e[:, 2] / py - ay
        t = np.clip(((x / px - ax) * dx + (y / py - ay) * dy) / (dx * dx + dy * dy), 0, 1)
        d = np.hypot(ax + t * dx - x / px, ay + t * dy - y / py)
        k = int(np.argmin(d))
        if d[k] > 4:
            return ""
        l, i, j, w = int(e[k, 3]), int(e[k, 4]), int(e[k, 5]), e[k, 6]
        return self.tr("weight W{l}[{i}, {j}] = {w:.4f}").format(l=l, i=i, j=j, w=w)

    # ------------------------------------------------------------------ theme
    def restyle(self, theme: Theme) -> None:
        n = len(LEVEL_WIDTHS)
        for k, item in enumerate(self._edges):
            level = k % n
            sign = 1.0 if k >= n else -1.0
            r, g, b, _ = diverging_rgba(np.array([LEVEL_COLORS[level] * sign]), 1.0, theme)[0]
            color = theme.solid(QtGui.QColor(int(r), int(g), int(b)).name(), LEVEL_WEIGHTS[level])
            item.setPen(pg.mkPen(color, width=LEVEL_WIDTHS[level] * theme.line_width))
        half = FILL_STEPS // 2
        colors = diverging_rgba(np.arange(-half, half + 1) / half, 1.0, theme)
        self._brushes = {k - half: pg.mkBrush(*c) for k, c in enumerate(colors.tolist())}
        colors = diverging_rgba(np.arange(-4, 5) / 4, 1.0, theme)
        width = 2.2 * theme.line_width
        self._pens = {k - 4: pg.mkPen(*c[:3], width=width) for k, c in enumerate(colors.tolist())}
        self._pens["input"] = pg.mkPen(theme.muted, width=width)
        self._node_styles = None
        self._lut = theme.diverging_lut(64)
        self._style_labels(theme)
        self._legend.setFont(theme.font())
        mute(self._info, theme)
        if self._snapshot is not None and self._shown:
            self._draw_edges(self._snapshot)
            self._draw_nodes(self._snapshot)

    def _style_labels(self, theme: Theme) -> None:
        for label in self._labels:
            label.setColor(theme.foreground)
            label.setFont(theme.font())
            label.textItem.setTextWidth(-1)
            label.textItem.setTextWidth(label.textItem.document().idealWidth())
        self._fit_view()
