"""Learning curves of several variants overlaid: one colour per variant, one legend entry each.

Solid lines are training figures (the mini-batch loss, smoothed; the training-set accuracy),
dashed lines the validation set's, so both the race between variants and each one's
train/validation gap read from one plot.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from engine.snapshot import Snapshot
from gui.panels.base import (
    DecadeRange,
    Panel,
    StableRange,
    finite_xy,
    fmt,
    mute,
    step_bound,
    style_legend,
)
from gui.theme import Theme

VARIANT_ORDER = (0, 1, 2, 3, 4, 6, 5, 7)
"""The theme palette's colours in the order variants take them: blue before vermillion, which
sits too close to orange when five or six variants share a plot."""
MAX_POINTS = 2000
SPAN = 100.0
"""The loss plot turns to a log scale by itself (once) when the largest loss is more than
this many times the median: an exploding start would flatten every other curve."""
SMOOTH_FRACTION = 0.03
MAX_SMOOTH = 100


def variant_color(theme: Theme, k: int) -> str:
    """The colour of the k-th variant of a comparison."""
    return theme.category(VARIANT_ORDER[k % len(VARIANT_ORDER)])


def smoothed(loss: np.ndarray, steps: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The ``steps`` of the mini-batch ``loss`` (default 1…n) and a running mean of it (window
    about 3% of the run), thinned to at most ``MAX_POINTS`` points."""
    y = np.asarray(loss, dtype=float)
    if steps is None:
        steps = np.arange(1, len(y) + 1)
    steps = np.asarray(steps, dtype=float)
    keep = np.isfinite(y)
    steps, y = steps[keep], y[keep]
    w = int(min(max(1, round(len(y) * SMOOTH_FRACTION)), MAX_SMOOTH))
    if w > 1 and len(y) > w:
        sums = np.cumsum(np.concatenate([[0.0], y]))
        mean = np.empty_like(y)
        mean[w - 1 :] = (sums[w:] - sums[:-w]) / w
        mean[: w - 1] = sums[1:w] / np.arange(1, w)
        y = mean
    if len(y) > MAX_POINTS:
        pick = np.linspace(0, len(y) - 1, MAX_POINTS).astype(int)
        steps, y = steps[pick], y[pick]
    return steps, y


class _Lines:
    """One variant's four curves."""

    def __init__(self, loss: pg.PlotItem, accuracy: pg.PlotItem) -> None:
        self.train_loss = pg.PlotDataItem()
        self.val_loss = pg.PlotDataItem()
        self.train_acc = pg.PlotDataItem()
        self.val_acc = pg.PlotDataItem()
        for item in (self.train_loss, self.val_loss):
            loss.addItem(item)
        for item in (self.train_acc, self.val_acc):
            accuracy.addItem(item)

    def items(self) -> tuple[pg.PlotDataItem, ...]:
        return self.train_loss, self.val_loss, self.train_acc, self.val_acc


class OverlayCurvesPanel(Panel):
    """Loss (and accuracy, for classification) of every variant of a comparison."""

    key = "overlay"

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._log = QtWidgets.QCheckBox(self.tr("log scale (loss)"))
        self._log.toggled.connect(self._on_log_toggled)
        self._log.clicked.connect(self._on_log_clicked)
        self._auto_log = True
        self._key = QtWidgets.QLabel(
            self.tr("solid: training (mini-batch loss, smoothed) · dashed: validation")
        )
        self._key.setWordWrap(True)
        bar = QtWidgets.QHBoxLayout()
        bar.addWidget(self._log)
        bar.addWidget(self._key, 1)
        self._canvas = canvas = self.new_canvas()
        self._loss, self._acc, self._legend = self.new_loss_and_accuracy(canvas)
        self._readout = QtWidgets.QLabel()
        self._readout.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self._readout.setWordWrap(True)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(canvas, 1)
        layout.addWidget(self._readout)
        self._lines: list[_Lines] = []
        self._labels: list[str] = []
        self._snapshots: list[Snapshot] = []
        self._loss_high = StableRange(shrink_below=0.0)
        self._decades = DecadeRange(span=1)
        self._step_high = 0.0
        self._loss.setXRange(0.0, step_bound(0.0), padding=0.02)
        self._classify = True
        self.apply_theme(self.theme)

    def title(self) -> str:
        return self.tr("Loss and accuracy, all variants")

    def labels(self) -> list[str]:
        """The legend's entries, one per variant."""
        return [label.text for _, label in self._legend.items]

    def loss_curves(self) -> list[pg.PlotDataItem]:
        """Each variant's (solid) training-loss curve, in the variants' order."""
        return [lines.train_loss for lines in self._lines]

    def clear(self) -> None:
        for lines in self._lines:
            for item in lines.items():
                item.setData([], [])
        self._snapshots = []
        self._loss_high.reset()
        self._decades.reset()
        self._step_high = 0.0
        self._readout.setText("")

    def show_snapshot(self, snapshot: Snapshot) -> None:
        self.show_variants([snapshot], [snapshot.config.name])

    def show_variants(self, snapshots: Sequence[Snapshot], labels: Sequence[str]) -> None:
        labels = list(labels) + [s.config.name for s in snapshots[len(labels) :]]
        if len(snapshots) != len(self._lines) or labels != self._labels:
            self._build(labels)
        if self._snapshots and snapshots and snapshots[0].step < self._snapshots[0].step:
            self.clear()
        self._snapshots = list(snapshots)
        self._draw()

    def _build(self, labels: list[str]) -> None:
        for lines in self._lines:
            self._loss.removeItem(lines.train_loss)
            self._loss.removeItem(lines.val_loss)
            self._acc.removeItem(lines.train_acc)
            self._acc.removeItem(lines.val_acc)
        self._legend.clear()
        self._lines = [_Lines(self._loss, self._acc) for _ in labels]
        self._labels = labels
        for lines, label in zip(self._lines, labels, strict=True):
            self._legend.addItem(lines.train_loss, label)
        self._legend.setVisible(len(labels) > 1)
        self.clear()
        self.restyle(self.theme)

    def _draw(self) -> None:
        log = self._log.isChecked()
        classify = any(s.task != "regression" for s in self._snapshots)
        if classify != self._classify:
            self._show_accuracy(classify)
        losses, top = [], 0.0
        for lines, s in zip(self._lines, self._snapshots, strict=True):
            h = s.history
            steps, loss = smoothed(h.loss, h.steps())
            keep = loss > 0 if log else np.ones(len(loss), bool)
            lines.train_loss.setData(steps[keep], loss[keep])
            lines.val_loss.setData(*finite_xy(h.eval_steps, h.val_loss, positive=log))
            if classify:
                lines.train_acc.setData(*finite_xy(h.eval_steps, h.train_accuracy))
                lines.val_acc.setData(*finite_xy(h.eval_steps, h.val_accuracy))
            if not s.diverged:
                losses += [loss, np.asarray(h.val_loss, float)]
            top = max(top, float(s.step))
        if top > self._step_high:
            self._step_high = step_bound(max(top, 1.0))
            self._loss.setXRange(0.0, self._step_high, padding=0.02)
        values = np.concatenate(losses) if losses else np.empty(0)
        if log:
            if self._decades.fit(values):
                self._loss.setYRange(self._decades.lo, self._decades.hi, padding=0.02)
        else:
            finite = values[np.isfinite(values)]
            if self._auto_log and finite.size and finite.max() > SPAN * np.median(finite) > 0:
                self._log.setChecked(True)
                return
            if finite.size and self._loss_high.fit(float(finite.max())):
                self._loss.setYRange(0.0, self._loss_high.high, padding=0.02)
        self._readout.setText(self._summary(classify))

    def _summary(self, classify: bool) -> str:
        rows = []
        for k, (label, s) in enumerate(zip(self._labels, self._snapshots, strict=True)):
            if classify:
                text = self.tr("training {t} · validation {v}").format(
                    t=_pct(s.train_accuracy), v=_pct(s.val_accuracy)
                )
            else:
                text = self.tr("training loss {t} · validation loss {v}").format(
                    t=fmt(s.train_loss), v=fmt(s.val_loss)
                )
            if s.diverged:
                text = self.tr("diverged: {reason}").format(reason=s.diverged)
            swatch = f"<span style='color:{variant_color(self.theme, k)}'>■</span>"
            rows.append(f"{swatch} <b>{label}</b>: {text}")
        return "<br>".join(rows)

    def _show_accuracy(self, show: bool) -> None:
        self._classify = show
        if show:
            self._canvas.addItem(self._acc, row=1, col=0)
            self._loss.getAxis("bottom").showLabel(False)
        else:
            self._canvas.ci.removeItem(self._acc)
            self.label_axis(self._loss, "bottom", self.tr("step"))
        self._acc.setVisible(show)

    def _on_log_clicked(self) -> None:
        self._auto_log = False

    def _on_log_toggled(self, log: bool) -> None:
        self._loss.setLogMode(y=log)
        self._loss_high.reset()
        self._decades.reset()
        if self._snapshots:
            self._draw()

    def restyle(self, theme: Theme) -> None:
        w = 1.4 * theme.line_width
        dash = QtCore.Qt.PenStyle.DashLine
        for k, lines in enumerate(self._lines):
            color = variant_color(theme, k)
            lines.train_loss.setPen(pg.mkPen(color, width=w))
            lines.train_acc.setPen(pg.mkPen(color, width=w))
            lines.val_loss.setPen(pg.mkPen(color, width=w, style=dash))
            lines.val_acc.setPen(pg.mkPen(color, width=w, style=dash))
        style_legend(self._legend, theme)
        mute(self._key, theme)
        if self._snapshots:
            self._readout.setText(self._summary(self._classify))


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%" if math.isfinite(value) else "–"
