"""Histograms of each hidden layer's activations on the probe batch, side by side."""

from __future__ import annotations

import math

from PySide6 import QtGui, QtWidgets

from engine.snapshot import Snapshot
from gui import names
from gui.panels.base import HistogramPlot, Panel, StableRange, fit_lines, fmt, message_label
from gui.theme import OKABE_ITO, Theme

MAX_COLUMNS = 5
WARN_FRACTION = 0.5


class ActivationsPanel(Panel):
    key = "activations"

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._canvas = self.new_canvas()
        self._message = message_label()
        self._stack = QtWidgets.QStackedLayout()
        self._stack.addWidget(self._canvas)
        self._stack.addWidget(self._message)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._stack)
        self._hists: list[HistogramPlot] = []
        self._height = StableRange()
        self._last_step = -1
        self._structure: tuple | None = None
        self._snapshot: Snapshot | None = None
        self._columns = 1
        self._drawn_width = -1
        self.apply_theme(self.theme)

    def title(self) -> str:
        return self.tr("Activation histograms")

    def clear(self) -> None:
        for hist in self._hists:
            self.forget_plot(hist.plot)
        self._canvas.clear()
        self._hists = []
        self._height.reset()
        self._last_step = -1
        self._structure = None
        self._snapshot = None
        self._message.setText("")

    def _build(self, n_layers: int) -> None:
        self.clear()
        cols = math.ceil(n_layers / math.ceil(n_layers / MAX_COLUMNS)) if n_layers else 1
        self._columns = cols
        for l in range(n_layers):
            hist = HistogramPlot(self, self._canvas, l // cols, l % cols)
            self.label_axis(hist.plot, "bottom", self.tr("activation"))
            if l % cols == 0:
                self.label_axis(hist.plot, "left", self.tr("fraction of values"))
            else:
                hist.plot.getAxis("left").setStyle(showValues=False)
                hist.plot.getAxis("left").setWidth(6)
            self._hists.append(hist)
        self.restyle(self.theme)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        hists = snapshot.activation_hists
        structure = (snapshot.layer_sizes, snapshot.config.model.activation)
        if structure != self._structure or snapshot.step < self._last_step:
            self._build(len(hists))
            self._structure = structure
        self._last_step = snapshot.step
        self._snapshot = snapshot
        if not hists:
            self._message.setText(
                self.tr(
                    "No hidden layers: this network maps its inputs straight to the output, so "
                    "there are no hidden activations to show."
                )
            )
            self._stack.setCurrentWidget(self._message)
            return
        self._stack.setCurrentWidget(self._canvas)
        activation = dict(names.activations()).get(
            snapshot.config.model.activation, snapshot.config.model.activation
        )
        self._drawn_width = self.width()
        room = self._title_room()
        peak = 0.0
        for l, (plot, hist) in enumerate(zip(self._hists, hists, strict=True), start=1):
            shown = self.in_view(plot.plot)  # one out of view still counts for the shared range
            peak = max(peak, plot.set_counts(hist.counts, hist.edges, draw=shown))
            if shown:
                caption = self._caption(l, snapshot.layer_sizes[l], activation, hist, room)
                self.set_title(plot.plot, caption)
        self._height.fit(peak)
        for plot in self._hists:
            plot.set_y_high(self._height.high)

    def redraw(self) -> None:
        if self._snapshot is not None:
            self.show_snapshot(self._snapshot)

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._snapshot is not None and self.width() != self._drawn_width:
            self.show_snapshot(self._snapshot)  # the captions break for the new width

    def _title_room(self) -> float:
        """About the width of one plot's title (its view box) at the panel's width: the
        panel's, not the canvas's, which a figure export lays out only after the data came."""
        cols = max(self._columns, 1)
        axes = sum(h.plot.getAxis("left").width() for h in self._hists[:cols])
        canvas = self.width() - 8  # the layout's margins
        return (canvas - 8 - 6 * (cols - 1) - axes) / cols - 8  # text margins

    def _caption(
        self, l: int, width: int, activation: str, hist: object, room: float = math.inf
    ) -> str:
        """The title lines, each broken at its " · " when wider than ``room`` pixels."""
        head = self.tr("layer {l} · {n} {f}").format(l=l, n=width, f=activation)
        parts = []
        if math.isfinite(hist.saturated):
            parts.append(self._flag(self.tr("saturated {p}%"), hist.saturated))
        if math.isfinite(hist.dead_units):
            parts.append(self._flag(self.tr("dead {p}%"), hist.dead_units))
        parts.append(self.tr("mean {m} · std {s}").format(m=fmt(hist.mean, 2), s=fmt(hist.std, 2)))
        metrics = QtGui.QFontMetrics(self.theme.font())
        return "<br>".join(fit_lines([head, *parts], room, metrics))

    def _flag(self, template: str, fraction: float) -> str:
        text = template.format(p=round(100 * fraction))
        if fraction >= WARN_FRACTION:
            return f"<b><span style='color:{OKABE_ITO['vermillion']}'>{text}</span></b>"
        return f"<b>{text}</b>"

    def restyle(self, theme: Theme) -> None:
        for hist in self._hists:
            hist.style(theme, theme.category(0))
        self._message.setFont(theme.font(1.2))
