"""What the X-ray diagram shows (``Label``, ``DiagramFrame``) and where it goes (``lay_out``).

Neurons are boxes in columns. A numbered layer writes each edge's number where the edge enters
its neuron: the weights into a neuron stack up beside it in the order of their sources, so a
reader sees u = Σᵢ zᵢ wᵢ + b at a glance. The type is the largest of ``SCALES`` at which the
numbers fit; when they cannot, the values alone, then only the selected item's edges, are
numbered, and ``hidden_labels`` says how many were left to the inspector.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontMetricsF

from engine.xray import number
from gui.theme import Theme

NodeKey = tuple[int, int]  # (layer, neuron); layer 0 is the input
EdgeKey = tuple[int, int, int]  # (layer, i, j): the weight from (layer − 1, i) to (layer, j)
TEMPLATE = "z −0.009999"
PAD = 6.0
SCALES = (1.7, 1.55, 1.4, 1.3, 1.2, 1.1, 1.0)  # type sizes tried, × the theme's font size
TAG_RATIO = 0.92  # edge numbers a little smaller than the neurons' own
MIN_RUN = 60  # free edge length between a column and the numbers of the next


@dataclass(frozen=True)
class Label:
    """What a node or an edge shows: ``(symbol, value)`` lines, and ``tone``, the value its
    colour follows (sign → hue, size → strength)."""

    values: tuple[tuple[str, float], ...] = ()
    tone: float = 0.0

    def value(self, symbol: str) -> float:
        return dict(self.values)[symbol]

    @property
    def lines(self) -> list[str]:
        return [f"{symbol} {number(v)}".strip() for symbol, v in self.values]

    def tag(self, short: bool = False) -> str:
        """An edge's one-line text: its value, and a second value as a signed change, e.g.
        ``0.4135 (+0.0012)``; ``short``: the value alone."""
        if not self.values:
            return ""
        if len(self.values) < 2 or short:
            return number(self.values[0][1])
        change = number(self.values[1][1])
        return f"{number(self.values[0][1])} ({change if change[0] == '−' else '+' + change})"


@dataclass(frozen=True)
class DiagramFrame:
    """One moment of the X-ray: layer sizes, column headers, each node's and edge's label,
    the node columns to highlight and the weight layers whose edges carry numbers."""

    sizes: tuple[int, ...]
    headers: tuple[str, ...]
    nodes: dict[NodeKey, Label] = field(default_factory=dict)
    edges: dict[EdgeKey, Label] = field(default_factory=dict)
    current: frozenset[int] = frozenset()
    numbered: frozenset[int] = frozenset()


@dataclass
class DiagramLayout:
    """Boxes of the neurons and tags of the numbered edges, in widget coordinates."""

    frame: DiagramFrame
    scale: float
    boxes: dict[NodeKey, QRectF] = field(default_factory=dict)
    tags: dict[EdgeKey, QRectF] = field(default_factory=dict)
    roomy: bool = False  # the boxes hold text
    short_tags: bool = False
    hidden_labels: int = 0
    header_top: float = 0.0
    near: int = 0  # edges touching the selection

    def path(self, key: EdgeKey) -> list[QPointF]:
        """The edge from its source box through its number tag to its target box."""
        l, i, j = key
        a, b = self.boxes[(l - 1, i)], self.boxes[(l, j)]
        tag = self.tags.get(key)
        if tag is None:
            return [QPointF(a.right(), a.center().y()), QPointF(b.left(), b.center().y())]
        y = tag.center().y()
        end = min(max(y, b.top() + 4), b.bottom() - 4)
        return [
            QPointF(a.right(), a.center().y()),
            QPointF(tag.left(), y),
            QPointF(tag.right(), y),
            QPointF(b.left(), end),
        ]


def lay_out(
    frame: DiagramFrame, rect: QRectF, theme: Theme, selected: tuple[int, ...] | None
) -> DiagramLayout:
    """The largest type at which every edge's full text fits, else its value alone, else the
    selection's edges alone, else whatever fits beside the neurons' own numbers."""
    plan = DiagramLayout(frame, SCALES[-1])
    for rule in range(4):
        for scale in SCALES:
            plan = DiagramLayout(frame, scale)
            _place_boxes(plan, rect, theme)
            if not plan.roomy:
                continue
            _place_tags(plan, rect, QFontMetricsF(theme.font(scale * TAG_RATIO)), selected)
            if (
                (rule < 2 and not plan.hidden_labels and (rule or not plan.short_tags))
                or (rule == 2 and len(plan.tags) >= plan.near)
                or rule == 3
            ):
                return plan
    return plan


def _place_boxes(plan: DiagramLayout, rect: QRectF, theme: Theme) -> None:
    frame = plan.frame
    fm = QFontMetricsF(theme.font(plan.scale))
    lines = [t for label in frame.nodes.values() for t in label.lines]
    width = max(fm.horizontalAdvance(t) for t in [TEMPLATE, *lines]) + 2 * PAD
    height = 2 * fm.height() + PAD
    plan.header_top = QFontMetricsF(theme.font(plan.scale, bold=True)).height() * 1.8
    hint = QFontMetricsF(theme.font(1.0)).height() + 6  # room for the hint line
    area = rect.adjusted(8, plan.header_top, -8, -hint)
    columns = len(frame.sizes)
    spacing = area.height() / max(frame.sizes)
    plan.roomy = spacing >= height + 8 and area.width() >= columns * width + (columns - 1) * 60
    if not plan.roomy:
        width = height = max(6.0, min(spacing - 4, 22.0))
    gap = (area.width() - width) / max(columns - 1, 1)
    spacing = min(spacing, height + 90)
    for l, size in enumerate(frame.sizes):
        x = area.left() + width / 2 + l * gap
        for j in range(size):
            y = area.center().y() + (j - (size - 1) / 2) * spacing
            plan.boxes[(l, j)] = QRectF(x - width / 2, y - height / 2, width, height)


def _place_tags(
    plan: DiagramLayout, rect: QRectF, fm: QFontMetricsF, selected: tuple[int, ...] | None
) -> None:
    frame = plan.frame
    keys = sorted(k for k in frame.edges if k[0] in frame.numbered)
    near = [k for k in keys if _touches(k, selected)]
    plan.near = len(near)
    for subset, short in ((keys, False), (keys, True), (near, False), (near, True)):
        tags = _stack(plan, subset, fm, short)
        if _fits(plan, tags, rect):
            plan.tags, plan.short_tags = tags, short
            break
    plan.hidden_labels = len(keys) - len(plan.tags)


def _touches(key: EdgeKey, selected: tuple[int, ...] | None) -> bool:
    if selected is None or len(selected) == 3:
        return key == selected
    l, i, j = key
    return selected in ((l, j), (l - 1, i))


def _stack(
    plan: DiagramLayout, keys: list[EdgeKey], fm: QFontMetricsF, short: bool
) -> dict[EdgeKey, QRectF]:
    frame = plan.frame
    h = fm.height() + 4
    pitch = h + 3
    if not keys:
        return {}
    w = max(fm.horizontalAdvance(frame.edges[k].tag(short)) for k in keys) + 2 * PAD
    tags = {}
    for key in keys:
        l, i, j = key
        box = plan.boxes[(l, j)]
        y = box.center().y() + (i - (frame.sizes[l - 1] - 1) / 2) * pitch
        tags[key] = QRectF(box.left() - 6 - w, y - h / 2, w, h)
    return tags


def _fits(plan: DiagramLayout, tags: dict[EdgeKey, QRectF], rect: QRectF) -> bool:
    """Tags inside the view, clear of the source column, and not on top of each other (the
    tags of one layer share a column, so neighbours in height are enough to check)."""
    bounds = rect.adjusted(2, plan.header_top, -2, -2)
    columns: dict[int, list[QRectF]] = {}
    for (l, _, _), tag in tags.items():
        if not bounds.contains(tag) or tag.left() < plan.boxes[(l - 1, 0)].right() + MIN_RUN:
            return False  # the edges need room to fan out into the stacks
        columns.setdefault(l, []).append(tag)
    for column in columns.values():
        column.sort(key=QRectF.top)
        if any(a.bottom() + 1 > b.top() for a, b in pairwise(column)):
            return False
    return True
