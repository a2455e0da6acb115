"""The X-ray's own network diagram: neurons as boxes with their current numbers, weights as edges
coloured by sign, the layer of the current phase highlighted. Drawn with QPainter.

It draws a ``DiagramFrame`` (laid out by ``gui.xray_layout``) and reports clicks
(``neuron_clicked``, ``edge_clicked``); what the numbers are is decided by ``gui.xray_text``.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.theme import DARK, Theme, blend, diverging_color
from gui.xray_layout import (
    PAD,
    TAG_RATIO,
    DiagramFrame,
    DiagramLayout,
    EdgeKey,
    Label,
    NodeKey,
    lay_out,
)

LEVELS = 8  # strengths an edge's colour and width take


class XrayDiagram(QWidget):
    neuron_clicked = Signal(int, int)
    edge_clicked = Signal(int, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = DARK
        self.frame: DiagramFrame | None = None
        self.selected: NodeKey | EdgeKey | None = None
        self.plan: DiagramLayout | None = None
        self._edge_max: dict[int, float] = {}
        self._node_max: dict[int, float] = {}
        self._styles: dict[tuple[float, float, bool], tuple[QColor, float]] = {}
        self.setMouseTracking(True)
        self.setMinimumSize(360, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(760, 460)

    @property
    def hidden_labels(self) -> int:
        """Edge numbers of the numbered layers that did not fit (the inspector shows them)."""
        return self.plan.hidden_labels if self.plan else 0

    def set_frame(self, frame: DiagramFrame | None) -> None:
        self.frame = frame
        self._relayout()

    def set_selection(self, key: NodeKey | EdgeKey | None) -> None:
        self.selected = key
        self._relayout()

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._relayout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def _relayout(self) -> None:
        frame = self.frame
        self.plan = None
        if frame is not None and frame.sizes:
            self._edge_max, self._node_max = _largest(frame.edges), _largest(frame.nodes)
            self._styles = {}
            self.plan = lay_out(frame, QRectF(self.rect()), self.theme, self.selected)
        self.update()

    # ------------------------------------------------------------------ drawing
    def paintEvent(self, event: QPaintEvent) -> None:
        theme = self.theme
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(theme.background))
        plan = self.plan
        if plan is None:
            return
        self._draw_columns(painter)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, len(self.frame.edges) <= 1500)
        self._draw_edges(painter)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(theme.font(plan.scale * TAG_RATIO))
        for key, rect in plan.tags.items():
            self._draw_tag(painter, key, rect)
        painter.setFont(theme.font(plan.scale))
        for key, box in plan.boxes.items():
            self._draw_node(painter, key, box)
        if plan.hidden_labels or plan.short_tags or not plan.roomy:
            painter.setFont(theme.font(1.0))
            painter.setPen(QColor(theme.muted))
            painter.drawText(
                QRectF(self.rect()).adjusted(8, 0, -8, -4),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                self.tr("Not every number fits: enlarge this view, or click a neuron or an edge."),
            )

    def _draw_columns(self, painter: QPainter) -> None:
        theme, frame, plan = self.theme, self.frame, self.plan
        painter.setFont(theme.font(plan.scale, bold=True))
        for l, header in enumerate(frame.headers):
            boxes = [plan.boxes[(l, j)] for j in range(frame.sizes[l])]
            x = boxes[0].center().x()
            current = l in frame.current
            if current:
                band = QRectF(x - boxes[0].width() / 2 - 10, 4, boxes[0].width() + 20, 0)
                band.setBottom(self.height() - 4)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(theme.solid("accent", 0.18))
                painter.drawRoundedRect(band, 8, 8)
            painter.setPen(QColor(theme.accent if current else theme.foreground))
            width = painter.fontMetrics().horizontalAdvance(header) + 8
            left = min(max(x - width / 2, 2.0), self.width() - width - 2)
            rect = QRectF(left, 6, width, plan.header_top - 6)
            painter.drawText(
                rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, header
            )

    def _edge_color(self, key: EdgeKey, label: Label) -> tuple[QColor, float]:
        """Hue by sign, strength (8 levels) by size within the layer; faded off the layers
        that carry numbers. Styles are cached: a large network has thousands of edges."""
        strength = round(LEVELS * abs(label.tone) / self._edge_max.get(key[0], 1.0)) / LEVELS
        bright = key[0] in self.frame.numbered or key == self.selected
        style = (float(np.sign(label.tone)), strength, bright)
        if style not in self._styles:
            color = diverging_color(style[0] * (0.35 + 0.65 * strength), 1.0, self.theme)
            if bright:
                self._styles[style] = (color, 1.2 + 3.0 * strength)
            else:
                faded = blend(color.name(), self.theme.background, 0.45)
                self._styles[style] = (faded, 1.0 + 1.2 * strength)
        return self._styles[style]

    def _draw_edges(self, painter: QPainter) -> None:
        """Faded edges first, then the numbered layers', then the selected one; straight
        edges of one style go in one call."""
        frame = self.frame
        groups: dict[tuple[bool, QColor, float], list] = {}
        for key, label in frame.edges.items():
            if key != self.selected:
                color, width = self._edge_color(key, label)
                group = (key[0] in frame.numbered, color.rgba(), width)
                groups.setdefault(group, []).append(self.plan.path(key))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for (_, rgba, width), paths in sorted(groups.items(), key=lambda g: g[0][0]):
            painter.setPen(QPen(QColor.fromRgba(rgba), width))
            painter.drawLines([QLineF(*p) for p in paths if len(p) == 2])
            for path in (p for p in paths if len(p) > 2):
                painter.drawPolyline(path)
        if self.selected in frame.edges:
            color, width = self._edge_color(self.selected, frame.edges[self.selected])
            path = self.plan.path(self.selected)
            painter.setPen(QPen(QColor(self.theme.accent), width + 5))
            painter.drawPolyline(path)
            painter.setPen(QPen(color, width))
            painter.drawPolyline(path)

    def _draw_tag(self, painter: QPainter, key: EdgeKey, rect: QRectF) -> None:
        theme = self.theme
        color, _ = self._edge_color(key, self.frame.edges[key])
        selected = key == self.selected
        painter.setPen(QPen(QColor(theme.accent) if selected else color, 3 if selected else 1.5))
        painter.setBrush(QColor(theme.background))
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(QColor(theme.foreground))
        painter.drawText(
            rect.adjusted(PAD, 0, -PAD, 0),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            self.frame.edges[key].tag(self.plan.short_tags),
        )

    def _draw_node(self, painter: QPainter, key: NodeKey, box: QRectF) -> None:
        theme, frame = self.theme, self.frame
        label = frame.nodes.get(key)
        current = key[0] in frame.current
        if label is not None and label.values:
            strength = abs(label.tone) / self._node_max.get(key[0], 1.0)
            tone = np.sign(label.tone) * (0.25 + 0.75 * strength)
            fill = blend(diverging_color(tone, 1.0, theme).name(), theme.background, 0.4)
        else:
            fill = theme.solid("muted", 0.15)
        radius = 8 if self.plan.roomy else box.height() / 2
        if key == self.selected:  # a ring around the box, apart from the layer's highlight
            painter.setPen(QPen(QColor(theme.accent), 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box.adjusted(-5, -5, 5, 5), radius + 4, radius + 4)
        if current or key == self.selected:
            pen = QPen(QColor(theme.accent), 2.5)
        else:
            pen = QPen(theme.solid("foreground", 0.55), 1.2)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(box, radius, radius)
        if self.plan.roomy and label is not None and label.values:
            painter.setPen(QColor(theme.foreground))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "\n".join(label.lines))

    # ------------------------------------------------------------------ clicks
    def item_at(self, point: QPointF) -> NodeKey | EdgeKey | None:
        """The node, edge tag or edge under ``point`` (widget coordinates)."""
        plan = self.plan
        if plan is None:
            return None
        for key, box in plan.boxes.items():
            if box.adjusted(-3, -3, 3, 3).contains(point):
                return key
        for key, rect in plan.tags.items():
            if rect.contains(point):
                return key
        best, best_distance = None, 6.0
        for key in self.frame.edges:
            d = min(_distance(point, a, b) for a, b in pairwise(plan.path(key)))
            if d < best_distance:
                best, best_distance = key, d
        return best

    def mousePressEvent(self, event: QMouseEvent) -> None:
        key = self.item_at(event.position())
        if key is None:
            super().mousePressEvent(event)
        elif len(key) == 2:
            self.neuron_clicked.emit(*key)
        else:
            self.edge_clicked.emit(*key)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pointing = self.item_at(event.position()) is not None
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if pointing else Qt.CursorShape.ArrowCursor
        )
        super().mouseMoveEvent(event)

    def center_of(self, key: NodeKey | EdgeKey) -> QPointF:
        """Where to click to select ``key`` (for tests and keyboard navigation)."""
        if len(key) == 2:
            return self.plan.boxes[key].center()
        if key in self.plan.tags:
            return self.plan.tags[key].center()
        path = self.plan.path(key)
        return (path[0] + path[1]) / 2


def _largest(labels: dict) -> dict[int, float]:
    """The largest |tone| of each layer's labels (the colour scale of that layer)."""
    out: dict[int, float] = {}
    for key, label in labels.items():
        out[key[0]] = max(out.get(key[0], 1e-12), abs(label.tone))
    return out


def _distance(p: QPointF, a: QPointF, b: QPointF) -> float:
    ab, ap = b - a, p - a
    length = ab.x() ** 2 + ab.y() ** 2
    t = 0.0 if length == 0 else max(0.0, min(1.0, (ap.x() * ab.x() + ap.y() * ab.y()) / length))
    q = a + ab * t
    return float(np.hypot(p.x() - q.x(), p.y() - q.y()))
