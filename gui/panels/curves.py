"""Learning curves: mini-batch and evaluated train/validation loss, and accuracy."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from engine.snapshot import History, Snapshot
from gui.panels.base import (
    SEPARATOR,
    DecadeRange,
    FlowLabel,
    Panel,
    StableRange,
    finite_xy,
    fmt,
    mute,
    step_bound,
    style_legend,
)
from gui.theme import Theme


class LossPanel(Panel):
    key = "curves"

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._log = QtWidgets.QCheckBox(self.tr("log scale (loss)"))
        self._log.toggled.connect(self._on_log_toggled)
        self._readout = FlowLabel(lead=self._log)  # wraps between its values when narrow
        self._canvas = canvas = self.new_canvas()
        self._loss_plot, self._acc_plot, self._legend = self.new_loss_and_accuracy(canvas)
        self._batch = self._curve(self._loss_plot, self.tr("mini-batch loss"))
        self._train = self._curve(self._loss_plot, self.tr("training set"))
        self._val = self._curve(self._loss_plot, self.tr("validation set"))
        self._train_acc = self._curve(self._acc_plot, "")
        self._val_acc = self._curve(self._acc_plot, "")
        self._cursor = [pg.InfiniteLine(angle=90) for _ in range(2)]
        for line, plot in zip(self._cursor, (self._loss_plot, self._acc_plot), strict=True):
            line.setVisible(False)
            plot.addItem(line, ignoreBounds=True)
        canvas.scene().sigMouseMoved.connect(self._on_mouse_moved)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._readout)
        layout.addWidget(canvas, 1)
        self._loss_high = StableRange(shrink_below=0.0)
        self._decades = DecadeRange(span=1)
        self._step_high = 0.0
        self._history: History | None = None
        self._evaluated: tuple | None = None
        self._task = ""
        self._hover_step: float | None = None
        self.apply_theme(self.theme)

    @staticmethod
    def _curve(plot: pg.PlotItem, name: str) -> pg.PlotDataItem:
        item = pg.PlotDataItem(name=name or None, autoDownsampleFactor=1.0)
        plot.addItem(item)
        item.setDownsampling(auto=True, method="mean")
        item.setClipToView(True)
        return item

    def title(self) -> str:
        return self.tr("Loss and accuracy")

    def clear(self) -> None:
        for item in (self._batch, self._train, self._val, self._train_acc, self._val_acc):
            item.setData([], [])
        self._loss_high.reset()
        self._decades.reset()
        self._step_high = 0.0
        self._history = None
        self._evaluated = None
        self._readout.set_parts([])

    def show_snapshot(self, snapshot: Snapshot) -> None:
        h = snapshot.history
        if self._history is not None and _last(h.steps()) < _last(self._history.steps()):
            self.clear()  # a reset or a rewind
        self._history, self._task = h, snapshot.task
        self._draw(float(max(snapshot.step, 1)))

    def _draw(self, step: float) -> None:
        h = self._history
        if h is None:
            return
        log = self._log.isChecked()
        self._batch.setData(*finite_xy(h.steps(), h.loss, positive=log))
        classify = self._task != "regression"
        if classify != self._acc_plot.isVisible():
            self._show_accuracy(classify)
        columns = (h.eval_steps, h.train_loss, h.val_loss, h.train_accuracy, h.val_accuracy)
        last = np.concatenate([np.asarray(c, dtype=float)[-1:] for c in columns])
        evaluated = (log, classify, len(h.eval_steps), last.tobytes())
        if evaluated != self._evaluated:  # evaluations come every few frames, not every frame
            self._evaluated = evaluated
            self._train.setData(*finite_xy(h.eval_steps, h.train_loss, positive=log))
            self._val.setData(*finite_xy(h.eval_steps, h.val_loss, positive=log))
            if classify:
                self._train_acc.setData(*finite_xy(h.eval_steps, h.train_accuracy))
                self._val_acc.setData(*finite_xy(h.eval_steps, h.val_accuracy))
        if step > self._step_high:
            self._step_high = step_bound(step)
            self._loss_plot.setXRange(0.0, self._step_high, padding=0.02)
        fresh = self._loss_high.high is None and self._decades.lo is None
        recent = h.loss if fresh else h.loss[-2000:]
        losses = np.concatenate([recent, h.train_loss, h.val_loss])
        if log:
            if self._decades.fit(losses):
                self._loss_plot.setYRange(self._decades.lo, self._decades.hi, padding=0.02)
        else:
            finite = losses[np.isfinite(losses)]
            if finite.size and self._loss_high.fit(float(finite.max())):
                self._loss_plot.setYRange(0.0, self._loss_high.high, padding=0.02)
        if self._hover_step is None:
            self._readout.set_parts(self._values_at(_last(h.steps())))

    def _show_accuracy(self, show: bool) -> None:
        """The accuracy plot under the loss (classification), or the loss alone (regression)."""
        if show:
            self._canvas.addItem(self._acc_plot, row=1, col=0)
            self._loss_plot.getAxis("bottom").showLabel(False)
        else:
            self._canvas.ci.removeItem(self._acc_plot)
            self.label_axis(self._loss_plot, "bottom", self.tr("step"))
        self._acc_plot.setVisible(show)

    def _on_log_toggled(self, log: bool) -> None:
        self._loss_plot.setLogMode(y=log)
        self._loss_high.reset()
        self._decades.reset()
        self._draw(self._step_high)

    # ------------------------------------------------------------------ hover
    def _on_mouse_moved(self, scene_pos: QtCore.QPointF) -> None:
        plot = next(
            (
                p
                for p in (self._loss_plot, self._acc_plot)
                if p.isVisible() and p.vb.sceneBoundingRect().contains(scene_pos)
            ),
            None,
        )
        if plot is None or self._history is None:
            self._hover_step = None
            for line in self._cursor:
                line.setVisible(False)
            return
        step = plot.vb.mapSceneToView(scene_pos).x()
        self._hover_step = step
        for line in self._cursor:
            line.setPos(step)
            line.setVisible(True)
        self._readout.set_parts(self._values_at(step))

    def _values_at(self, step: float) -> list[str]:
        """The read-out's values at ``step``, each kept on one line."""
        h = self._history
        if h is None or not len(h.loss):
            return []
        steps = h.steps()
        k = int(np.clip(np.searchsorted(steps, step), 0, len(steps) - 1))
        if k and step - steps[k - 1] < steps[k] - step:
            k -= 1
        i = int(steps[k])
        parts = [
            self.tr("step {n}").format(n=i),
            self.tr("mini-batch {v}").format(v=fmt(float(h.loss[k]), 4)),
        ]
        if len(h.eval_steps):
            k = int(np.argmin(np.abs(h.eval_steps - i)))
            evaluated = self.tr("eval at {n}: train {t} · validation {v}").format(
                n=int(h.eval_steps[k]),
                t=fmt(float(h.train_loss[k]), 4),
                v=fmt(float(h.val_loss[k]), 4),
            )
            parts += evaluated.split(SEPARATOR)
            if math.isfinite(h.train_accuracy[k]):
                parts.append(
                    self.tr("accuracy {t} · {v}").format(
                        t=f"{h.train_accuracy[k]:.1%}", v=f"{h.val_accuracy[k]:.1%}"
                    )
                )
        return parts

    # ------------------------------------------------------------------ theme
    def restyle(self, theme: Theme) -> None:
        w = theme.line_width
        self._batch.setPen(pg.mkPen(theme.solid("muted", 0.45), width=1))
        self._train.setPen(pg.mkPen(theme.category(0), width=1.6 * w))
        self._val.setPen(pg.mkPen(theme.category(1), width=1.6 * w))
        self._train_acc.setPen(pg.mkPen(theme.category(0), width=1.6 * w))
        self._val_acc.setPen(pg.mkPen(theme.category(1), width=1.6 * w))
        for line in self._cursor:
            line.setPen(
                pg.mkPen(theme.solid("muted", 0.6), width=1, style=QtCore.Qt.PenStyle.DashLine)
            )
        style_legend(self._legend, theme)
        mute(self._readout, theme)


def _last(steps: np.ndarray) -> float:
    return float(steps[-1]) if len(steps) else 0.0
