"""Small multiples: the existing panel classes once per variant, one row per variant.

Each kind of panel (weights, activations, …) is a column; each variant a row with its label in
its colour. Matching plots of variants that compare (same activation function, not diverged)
share their axes (``SharedRanges``), so layer l of every row reads on the same scale. A single
run is laid out as tiles instead. A decision-boundary column that could only say "no boundary
for this data" is hidden.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from engine.snapshot import Snapshot
from gui.panels import (
    ActivationsPanel,
    DecisionPanel,
    GradientFlowPanel,
    NetworkGraphPanel,
    Panel,
    WeightsPanel,
)
from gui.panels.overlay import variant_color
from gui.theme import DARK, Theme

PER_VARIANT: dict[str, type[Panel]] = {
    "graph": NetworkGraphPanel,
    "weights": WeightsPanel,
    "activations": ActivationsPanel,
    "decision": DecisionPanel,
    "gradients": GradientFlowPanel,
}
SHARED_AXES = {"weights": (True, False), "activations": (True, False), "gradients": (True, True)}
"""Kinds whose matching plots (layer l of every variant) get one common (x, y) range. The
histograms keep their own heights: a spike of std 0.01 would flatten every other row."""
COLUMN_SHARES = {"graph": 4.0, "weights": 4.3, "decision": 3.0, "gradients": 4.5}
"""Relative column widths; the activation histograms get 1.3 per hidden layer (up to 5)."""
ROW_MINIMUM = 150
OUTLIER = 20.0
"""A plot whose own range is this many times wider than the group's median keeps it: its
bins are too coarse to compare (e.g. bins set before batch norm had any statistics), and
joining it would squash every other row into one bar."""


class _RowLabel(QtWidgets.QWidget):
    """A variant's label written upwards beside its row, in the variant's colour."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.color = QtGui.QColor("#ffffff")
        self.setFixedWidth(QtGui.QFontMetrics(self.font()).height() + 8)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        painter = QtGui.QPainter(self)
        painter.setPen(self.color)
        font = self.font()
        font.setBold(True)
        painter.setFont(font)
        painter.translate(0, self.height())
        painter.rotate(-90)
        rect = QtCore.QRectF(0, 0, self.height(), self.width())
        painter.drawText(rect, QtCore.Qt.AlignmentFlag.AlignCenter, self.text)
        painter.end()


class SmallMultiples(QtWidgets.QWidget):
    """``SmallMultiples(labels, kinds, depth)``: ``panels[kind][i]`` draws variant i;
    ``depth`` (the most hidden layers of any variant) sizes the histogram column."""

    minimum_width_changed = QtCore.Signal(int)

    def __init__(
        self,
        labels: Sequence[str],
        kinds: Sequence[str],
        depth: int = 1,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.labels = list(labels)
        self.panels: dict[str, list[Panel]] = {
            kind: [PER_VARIANT[kind]() for _ in self.labels] for kind in kinds
        }
        self._row_labels: list[_RowLabel] = []
        self._widgets: dict[str, list[QtWidgets.QWidget]] = {kind: [] for kind in kinds}
        self._hidden: set[str] = set()
        self._shared = SharedRanges()
        self._fit = QtCore.QTimer(self, singleShot=True, interval=0)
        self._fit.timeout.connect(self._fit_widths)
        self.theme = DARK
        cells = QtWidgets.QGridLayout(self)
        cells.setContentsMargins(0, 0, 0, 0)
        cells.setSpacing(4)
        if len(self.labels) == 1:
            self._tile(cells, list(kinds))
        else:
            self._rows(cells, list(kinds), depth)

    def _header(self, panel: Panel) -> QtWidgets.QLabel:
        header = QtWidgets.QLabel(panel.title())  # plain text: a language switch relabels it
        font = header.font()
        font.setBold(True)
        header.setFont(font)
        header.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        return header

    def _rows(self, cells: QtWidgets.QGridLayout, kinds: list[str], depth: int) -> None:
        for col, kind in enumerate(kinds, start=1):
            header = self._header(self.panels[kind][0])
            cells.addWidget(header, 0, col)
            self._widgets[kind] = [header, *self.panels[kind]]
            for row, panel in enumerate(self.panels[kind], start=1):
                panel.setMinimumHeight(ROW_MINIMUM)
                cells.addWidget(panel, row, col)
            share = 1.3 * min(max(depth, 1), 5) if kind == "activations" else COLUMN_SHARES[kind]
            cells.setColumnStretch(col, round(10 * share))
        for row, text in enumerate(self.labels, start=1):
            label = _RowLabel(text)
            self._row_labels.append(label)
            cells.addWidget(label, row, 0)
            cells.setRowStretch(row, 1)

    def set_labels(self, labels: Sequence[str]) -> None:
        """Rename the rows (the language changed)."""
        self.labels = list(labels)
        for label, text in zip(self._row_labels, self.labels, strict=False):
            label.text = text
            label.update()

    def _tile(self, cells: QtWidgets.QGridLayout, kinds: list[str]) -> None:
        """A single run: its panels as titled tiles (placed by ``_place_tiles``)."""
        self._cells = cells
        for kind in kinds:
            panel = self.panels[kind][0]
            tile = QtWidgets.QWidget()
            box = QtWidgets.QVBoxLayout(tile)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(self._header(panel))
            box.addWidget(panel, 1)
            self._widgets[kind] = [tile]
        self._place_tiles()

    def _place_tiles(self) -> None:
        """The shown tiles in reading order, in two rows when there are more than two."""
        tiles = [w[0] for kind, w in self._widgets.items() if kind not in self._hidden]
        for tile in tiles:
            self._cells.removeWidget(tile)
        columns = -(-len(tiles) // 2) if len(tiles) > 2 else max(len(tiles), 1)
        for k, tile in enumerate(tiles):
            self._cells.addWidget(tile, k // columns, k % columns)
        for col in range(self._cells.columnCount()):
            self._cells.setColumnStretch(col, 1 if col < columns else 0)

    def minimum_width(self) -> int:
        """The width the rows need to draw every column unclipped (known once drawn)."""
        if len(self.labels) == 1:
            return 0
        layout = self.layout()
        return (
            sum(
                self.panels[kind][0].minimumWidth() + layout.spacing()
                for kind in self.panels
                if kind not in self._hidden
            )
            + self._row_labels[0].width()
        )

    def _fit_widths(self) -> None:
        """Each column at least as wide as its panels' plots need (their titles and axes),
        widened only, so columns do not jitter; ``minimum_width_changed`` tells the view.
        Runs once the event loop has laid the new frame out."""
        if len(self.labels) == 1:
            return
        changed = False
        for group in self.panels.values():
            need = max(_drawn_width(panel) for panel in group)
            if need > group[0].minimumWidth():
                changed = True
                for panel in group:
                    panel.setMinimumWidth(need)
        if changed:
            self.minimum_width_changed.emit(self.minimum_width())

    def is_empty(self) -> bool:
        """Whether every column is hidden (nothing to show for this data)."""
        return set(self._widgets) <= self._hidden

    def all_panels(self) -> list[Panel]:
        return [panel for group in self.panels.values() for panel in group]

    def show_variants(self, snapshots: Sequence[Snapshot]) -> None:
        """Variant i's snapshot to row i of every column, then the shared axes."""
        for kind, group in self.panels.items():
            if kind == "decision":
                shown = any(s.decision is not None or s.curve is not None for s in snapshots)
                if shown == (kind in self._hidden):
                    self._hidden.symmetric_difference_update({kind})
                    for widget in self._widgets[kind]:
                        widget.setVisible(shown)
                    if len(self.labels) == 1:
                        self._place_tiles()
            for panel, snapshot in zip(group, snapshots, strict=True):
                panel.show_snapshot(snapshot)
            if kind in SHARED_AXES:
                for panels in comparable(group, snapshots):
                    self._shared.share(panels, *SHARED_AXES[kind])
        self._fit.start()

    def clear(self) -> None:
        self._shared.forget()
        for panel in self.all_panels():
            panel.clear()

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        for panel in self.all_panels():
            panel.apply_theme(theme)
        for k, label in enumerate(self._row_labels):
            label.color = QtGui.QColor(variant_color(theme, k))
            label.update()


def _drawn_width(panel: Panel) -> int:
    """The width a panel's plot layout needs: pyqtgraph's canvases do not pass their scene
    layout's minimum on to the widget, so a narrow panel clips its rightmost plots."""
    canvases = panel._canvases  # the Panel base's list of its canvases
    minimum = QtCore.Qt.SizeHint.MinimumSize
    widths = [c.ci.effectiveSizeHint(minimum).width() for c in canvases if c.isVisible()]
    return int(max(widths, default=0)) + 12


def comparable(panels: Sequence[Panel], snapshots: Sequence[Snapshot]) -> list[list[Panel]]:
    """Panels whose variants share an activation function and have not diverged, grouped:
    their histograms compare on one axis; a sigmoid's [0, 1] next to a ReLU's [0, 5], or a
    diverged run's 10⁸, would only squash the others."""
    groups: dict[str, list[Panel]] = {}
    for panel, snapshot in zip(panels, snapshots, strict=True):
        if not snapshot.diverged:
            groups.setdefault(snapshot.config.model.activation, []).append(panel)
    return list(groups.values())


class SharedRanges:
    """Shares the ranges of matching plots among a group of panels.

    Each plot's own range on each shared axis (the one its panel chose) is remembered, so the
    common range is the union of the panels' own ranges and shrinks again when theirs do; a
    panel that sets a new range of its own is noticed because its view no longer shows the
    range given to it. A far too wide range (``OUTLIER``) stays out of the union.
    """

    def __init__(self) -> None:
        self._own: dict[tuple[object, int], tuple[float, float]] = {}
        self._given: dict[tuple[object, int], tuple[float, float]] = {}

    def forget(self) -> None:
        self._own.clear()
        self._given.clear()

    def share(self, panels: Sequence[Panel], x: bool = True, y: bool = True) -> None:
        """The k-th plot of every panel gets the union of their own x (and/or y) ranges."""
        plots = [panel._plots for panel in panels]  # the Panel base's list of its plots
        if len(plots) < 2 or len({len(p) for p in plots}) != 1:
            return
        axes = [axis for axis, on in ((0, x), (1, y)) if on]
        for column in zip(*plots, strict=True):
            shown = [plot for plot in column if plot.isVisible()]
            if len(shown) < 2:
                continue
            for axis in axes:
                for plot in shown:
                    now = tuple(plot.vb.viewRange()[axis])
                    given = self._given.get((plot, axis))
                    if given is None or not np.allclose(now, given, rtol=1e-6, atol=1e-12):
                        self._own[plot, axis] = now
                widths = [self._own[p, axis][1] - self._own[p, axis][0] for p in shown]
                limit = OUTLIER * float(np.median(widths))
                joined = [p for p, w in zip(shown, widths, strict=True) if w <= limit]
                union = (
                    min(self._own[p, axis][0] for p in joined),
                    max(self._own[p, axis][1] for p in joined),
                )
                for plot in shown:
                    target = union if plot in joined else self._own[plot, axis]
                    if tuple(plot.vb.viewRange()[axis]) != target:
                        set_range = plot.setXRange if axis == 0 else plot.setYRange
                        set_range(*target, padding=0.0)
                    self._given[plot, axis] = target
