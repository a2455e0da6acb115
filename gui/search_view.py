"""Random hyper-parameter search on screen: progress, a scatter over (lr, λ), the best runs.

``engine.search.random_search`` runs in a background ``QThread`` (it starts the worker
processes itself); each finished trial comes back as a queued signal, so the scatter, the table
and the best runs' validation curves fill in while the search goes on. Cancel stops handing
out trials and keeps those finished.
"""

from __future__ import annotations

import math
import os
import threading

import numpy as np
from PySide6 import QtCore, QtWidgets

from engine.config import ExperimentConfig
from engine.errors import NnlensError
from engine.search import SearchSpec, Trial, random_search, rank
from gui.panels.base import Panel, fmt
from gui.search_results import BEST, SearchResults
from gui.theme import DARK, Theme


class _SearchThread(QtCore.QThread):
    """Runs one search; ``cancel`` (a ``threading.Event``) asks it to stop early."""

    trial_finished = QtCore.Signal(object, int)
    search_finished = QtCore.Signal(list)
    failed = QtCore.Signal(str)

    def __init__(self, config: ExperimentConfig, spec: SearchSpec, workers: int) -> None:
        super().__init__()
        self.config, self.spec, self.workers = config, spec, workers
        self.cancel = threading.Event()

    def run(self) -> None:
        try:
            trials = random_search(
                self.config, self.spec, self.workers, self.trial_finished.emit, self.cancel
            )
        except Exception as exc:  # a failed search must not end the application
            self.failed.emit(str(exc) if isinstance(exc, NnlensError) else repr(exc))
        else:
            self.search_finished.emit(trials)


class SearchView(Panel):
    """Settings, Start/Cancel and progress on the left; the results (``self.results``, a
    ``SearchResults``) on the right.

    ``SearchView(config, spec=None, workers=None)``: ``config`` is the experiment every trial
    trains with its lr and L2 λ replaced; ``workers`` defaults to every core.
    """

    key = "search"
    search_started = QtCore.Signal()
    trial_finished = QtCore.Signal(object, int)
    search_finished = QtCore.Signal(list)

    def __init__(
        self,
        config: ExperimentConfig,
        spec: SearchSpec | None = None,
        workers: int | None = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        spec = spec or SearchSpec()
        self._trials: list[Trial] = []
        self._thread: _SearchThread | None = None
        self._seed = spec.seed

        self._count = QtWidgets.QSpinBox(minimum=1, maximum=1000, value=spec.trials)
        self._steps = QtWidgets.QSpinBox(minimum=1, maximum=1_000_000, value=spec.steps)
        self._steps.setSingleStep(50)
        self._lr = [self._exponent(v) for v in spec.lr]
        self._decay = [self._exponent(v) for v in spec.weight_decay]
        cores = os.cpu_count() or 1
        self._workers = QtWidgets.QSpinBox(minimum=1, maximum=cores, value=workers or cores)
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Trials"), self._count)
        form.addRow(self.tr("Steps per trial"), self._steps)
        form.addRow(self.tr("lr = 10^U(a, b)"), self._pair(self._lr))
        form.addRow(self.tr("λ = 10^U(a, b)"), self._pair(self._decay))
        form.addRow(self.tr("Worker processes"), self._workers)
        self._start = QtWidgets.QPushButton(self.tr("Start search"))
        self._start.clicked.connect(self.start)
        self._cancel = QtWidgets.QPushButton(self.tr("Cancel"))
        self._cancel.setEnabled(False)
        self._cancel.clicked.connect(self.cancel)
        self._narrow = QtWidgets.QPushButton(self.tr("Narrow to the best"))
        self._narrow.setToolTip(self.tr("Set both ranges around the best runs, then search again"))
        self._narrow.setEnabled(False)
        self._narrow.clicked.connect(self._on_narrow_clicked)
        self.progress = QtWidgets.QProgressBar()
        self.status = QtWidgets.QLabel()
        self.status.setWordWrap(True)
        side = QtWidgets.QVBoxLayout()
        side.addLayout(form)
        for widget in (self._start, self._cancel, self._narrow, self.progress, self.status):
            side.addWidget(widget)
        side.addStretch(1)

        self.results = SearchResults()
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(side)
        layout.addWidget(self.results, 1)
        self._set_ranges()
        self.apply_theme(DARK)

    def _exponent(self, value: float) -> QtWidgets.QDoubleSpinBox:
        box = QtWidgets.QDoubleSpinBox(minimum=-12.0, maximum=3.0, decimals=1, value=value)
        box.setSingleStep(0.5)
        return box

    def _pair(self, boxes: list[QtWidgets.QDoubleSpinBox]) -> QtWidgets.QWidget:
        widget = QtWidgets.QWidget()
        row = QtWidgets.QHBoxLayout(widget)
        row.setContentsMargins(0, 0, 0, 0)
        for box in boxes:
            row.addWidget(box)
        return widget

    def title(self) -> str:
        return self.tr("Hyper-parameter search")

    def spec(self) -> SearchSpec:
        """The search the settings describe (raises ``ConfigError`` when they are invalid)."""
        return SearchSpec(
            self._count.value(),
            self._steps.value(),
            (self._lr[0].value(), self._lr[1].value()),
            (self._decay[0].value(), self._decay[1].value()),
            self._seed,
        ).validate()

    def trials(self) -> list[Trial]:
        """The finished trials, best first."""
        return list(self._trials)

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    # ------------------------------------------------------------------ commands
    def start(self) -> None:
        if self.is_running():
            return
        try:
            spec = self.spec()
        except NnlensError as exc:
            self.status.setText(str(exc))
            return
        self.clear()
        self._set_ranges()
        self.progress.setRange(0, spec.trials)
        self.progress.setValue(0)
        self.status.setText(self.tr("Training {n} candidates…").format(n=spec.trials))
        self._thread = _SearchThread(self.config, spec, self._workers.value())
        self._thread.trial_finished.connect(self._on_trial_finished)
        self._thread.search_finished.connect(self._on_search_finished)
        self._thread.failed.connect(self._on_failed)
        self._set_busy(True)
        self._thread.start()
        self.search_started.emit()

    def cancel(self) -> None:
        if self.is_running():
            self._thread.cancel.set()
            self.status.setText(self.tr("Cancelling: waiting for the runs in progress…"))

    def shutdown(self, timeout_ms: int = 60_000) -> bool:
        """Cancel and wait for the search thread; True when it has ended."""
        if self._thread is None:
            return True
        self._thread.cancel.set()
        return self._thread.wait(timeout_ms)

    def clear(self) -> None:
        self._trials = []
        self.results.clear()

    def show_snapshot(self, snapshot: object) -> None:
        """A search does not follow a training run."""

    # ------------------------------------------------------------------ results
    def _on_trial_finished(self, trial: Trial, done: int) -> None:
        self._trials = rank([*self._trials, trial])
        self.progress.setValue(done)
        self.results.show_trials(self._trials)
        self.trial_finished.emit(trial, done)

    def _on_search_finished(self, trials: list[Trial]) -> None:
        self._trials = list(trials)
        self._set_busy(False)
        self.results.show_trials(self._trials)
        best = self._trials[0] if self._trials else None
        if best is None:
            self.status.setText(self.tr("No run finished."))
        else:
            self.status.setText(
                self.tr("{n} runs; best validation accuracy {a} at lr {lr}, λ {wd}").format(
                    n=len(self._trials),
                    a=_pct(best.val_accuracy),
                    lr=fmt(best.lr, 2),
                    wd=fmt(best.weight_decay, 2),
                )
            )
        self.search_finished.emit(self._trials)

    def _on_failed(self, message: str) -> None:
        self._set_busy(False)
        self.status.setText(self.tr("The search failed: {m}").format(m=message))

    def _set_busy(self, busy: bool) -> None:
        self._start.setEnabled(not busy)
        self._cancel.setEnabled(busy)
        self._narrow.setEnabled(not busy and bool(self._trials))

    def _set_ranges(self) -> None:
        self.results.set_ranges(
            (self._lr[0].value(), self._lr[1].value()),
            (self._decay[0].value(), self._decay[1].value()),
            self._steps.value(),
        )

    def _on_narrow_clicked(self) -> None:
        best = [t for t in self._trials[:BEST] if math.isfinite(t.val_accuracy)]
        if not best:
            return
        for boxes, values in (
            (self._lr, [t.lr for t in best]),
            (self._decay, [t.weight_decay for t in best]),
        ):
            exps = np.log10(values)
            low, high = float(exps.min()) - 0.5, min(float(exps.max()) + 0.5, 3.0)
            boxes[0].setValue(math.floor(low * 2) / 2)
            boxes[1].setValue(max(math.ceil(high * 2) / 2, boxes[0].value() + 0.5))
        self._set_ranges()

    def restyle(self, theme: Theme) -> None:
        self.results.apply_theme(theme)


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%" if math.isfinite(value) else "–"
