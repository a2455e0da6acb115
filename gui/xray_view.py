"""X-ray dock: one update of a small network in phases — forward layer by layer, loss, backward
layer by layer, update — with every number, a formula inspector and a gradient check.

The view rebuilds its own engine ``Trainer`` from ``(config, TrainerState)`` in the GUI thread
(``set_source``); these networks are small. Stepping it never touches the main run.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from engine.config import ExperimentConfig
from engine.errors import NnlensError
from engine.timeline import TrainerState
from engine.xray import gradient_check
from gui.handout import write_handout
from gui.theme import DARK, Theme
from gui.xray_check import GradientCheck
from gui.xray_diagram import XrayDiagram
from gui.xray_inspector import edge_details, neuron_details
from gui.xray_steps import MAX_LAYERS, MAX_WIDTH, BatchTrainer, PhaseStepper, size_problem
from gui.xray_text import banner, diagram_frame, scope

HANDOUT_FILTER = "HTML (*.html);;Markdown (*.md);;PDF (*.pdf);;JSON (*.json)"


class XrayView(QWidget):
    """Phase stepping of one update. ``set_source`` gives it a network; ``source_requested``
    asks the window for the training's current ``(config, state)``."""

    source_requested = Signal()
    phase_changed = Signal(str, int)
    sample_changed = Signal(int)
    followed_changed = Signal(object)  # the training row shown alone, or None (batch mean, none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = DARK
        self.stepper: PhaseStepper | None = None
        self.selected: tuple[int, ...] | None = None
        self.gradient_errors: list[tuple[str, float]] = []
        self._row: int | None = None  # the training row asked for, kept across new sources

        self.phase_action = QAction(self.tr("Phase step"), self)
        self.phase_action.setShortcut(QKeySequence("."))
        self.phase_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.phase_action.triggered.connect(self.phase_step)
        self.addAction(self.phase_action)
        self.phase_button = QPushButton(self.tr("Phase step (.)"))
        self.phase_button.setToolTip(self.tr("The next moment of the update (key .)"))
        self.phase_button.clicked.connect(self.phase_step)
        self.sample = QSpinBox()
        self.sample.setPrefix(self.tr("sample "))
        self.sample.setKeyboardTracking(False)
        self.sample.setToolTip(
            self.tr(
                "The training row the X-ray follows; clicking a training point on the decision "
                "boundary picks it. The network graph's probe sample counts the probe rows "
                "instead, so its numbers are other samples."
            )
        )
        self.sample.valueChanged.connect(self._on_sample_value_changed)
        self.mode = QComboBox()
        self.mode.addItem(self.tr("one sample"), False)
        self.mode.addItem(self.tr("mini-batch mean"), True)
        self.mode.currentIndexChanged.connect(self._on_mode_index_changed)
        self.take = QPushButton(self.tr("Use training state"))
        self.take.setToolTip(self.tr("Load the main run's current weights and optimizer state"))
        self.take.clicked.connect(self.source_requested)
        top = QHBoxLayout()
        for widget in (self.phase_button, self.sample, self.mode):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.take)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.scope = QLabel()
        self.scope.setWordWrap(True)
        self.diagram = XrayDiagram()
        self.diagram.neuron_clicked.connect(lambda l, j: self.select((l, j)))
        self.diagram.edge_clicked.connect(lambda l, i, j: self.select((l, i, j)))
        self.inspector = QTextBrowser()
        self.inspector.setMinimumWidth(280)
        self.gradients = GradientCheck()
        self.gradients.requested.connect(self.check_gradients)
        self.export = QPushButton(self.tr("Export worked example…"))
        self.export.clicked.connect(lambda: self.export_worked_example())
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.inspector, 3)
        column.addWidget(self.gradients, 1)
        column.addWidget(self.export)
        splitter = QSplitter()
        splitter.addWidget(self.diagram)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.message = QLabel(self.tr("No network yet: press “Use training state”."))
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.scope)
        layout.addWidget(self.stack, 1)
        self.apply_theme(self.theme)
        self._set_enabled(False)

    # ------------------------------------------------------------------ source
    def set_source(
        self,
        config: ExperimentConfig,
        state: TrainerState | None = None,
        sample_rows: Sequence[int] | None = None,
    ) -> bool:
        """Rebuild the X-ray's trainer from ``config`` at ``state`` (step 0 when None);
        ``sample_rows`` are the training rows the sample selector offers (all by default).
        A network too large to read is refused with a message; returns whether it was taken."""
        try:
            trainer = BatchTrainer(config)
            if state is not None:
                trainer.restore(state)
        except (NnlensError, ValueError, KeyError) as exc:  # e.g. a state of another network
            return self._refuse(self.tr("Cannot X-ray this experiment: {e}").format(e=exc))
        sizes = trainer.model.layer_sizes
        if size_problem(sizes):
            return self._refuse(
                self.tr(
                    "X-ray shows networks of up to {layers} layers and {width} neurons per "
                    "layer; this one is {sizes}."
                ).format(layers=MAX_LAYERS, width=MAX_WIDTH, sizes="-".join(map(str, sizes)))
            )
        self.stepper = PhaseStepper(trainer, sample_rows)
        self.stepper.set_mean(bool(self.mode.currentData()))
        position = self._position(self._row)
        if position:
            self.stepper.set_sample(position)
        self.sample.blockSignals(True)
        self.sample.setRange(0, len(self.stepper.rows) - 1)
        self.sample.setValue(position or 0)
        self.sample.blockSignals(False)
        self.selected = None
        self._clear_check()
        self.stack.setCurrentIndex(1)
        self._set_enabled(True)
        self._refresh()
        self.followed_changed.emit(self.followed_row())
        return True

    def _refuse(self, text: str) -> bool:
        self.stepper = None
        self.message.setText(text)
        self.stack.setCurrentIndex(0)
        self.banner.clear()
        self.scope.clear()
        self._set_enabled(False)
        self.followed_changed.emit(None)
        return False

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.phase_button, self.mode, self.gradients, self.export):
            widget.setEnabled(enabled)
        self.sample.setEnabled(enabled and not self.mode.currentData())
        self.phase_action.setEnabled(enabled)

    # ------------------------------------------------------------------ commands
    def phase_step(self) -> None:
        """The next phase: forward 1…L, loss, backward L…1, update, then the next update."""
        st = self.stepper
        if st is None:
            return
        before = st.trainer.step_count
        st.advance()
        if st.trainer.step_count != before:
            self._clear_check()
        self._refresh()
        self.phase_changed.emit(*st.phase)

    def select_row(self, row: int) -> bool:
        """Follow training row ``row`` alone (e.g. a point clicked on the decision panel),
        leaving the mini-batch mean. Without a network yet, the next ``set_source`` shows it.
        Returns whether the row is shown now."""
        self._row = int(row)
        if self.mode.currentData():
            self.mode.setCurrentIndex(0)
        position = self._position(self._row)
        if position is None:
            return False
        self.sample.setValue(position)
        return True

    def followed_row(self) -> int | None:
        """The training row shown alone; None in mini-batch mode or without a network."""
        st = self.stepper
        return None if st is None or st.mean else st.row

    def _position(self, row: int | None) -> int | None:
        """Where training row ``row`` is in the sample selector (None: not offered)."""
        if self.stepper is None or row is None:
            return None
        hits = np.flatnonzero(self.stepper.rows == row)
        return int(hits[0]) if len(hits) else None

    def select(self, key: tuple[int, ...] | None) -> None:
        """Inspect a neuron ``(layer, j)`` or an edge ``(layer, i, j)`` (layer 0: the input)."""
        self.selected = key
        self.diagram.set_selection(key)
        self._show_details()

    def check_gradients(self) -> list[tuple[str, float]]:
        """Central differences against backprop per parameter array, shown in the table."""
        st = self.stepper
        if st is None:
            return []
        self.gradient_errors = gradient_check(st.trainer.model, *st.check_data(), h=1e-4)
        self.gradients.show_errors(self.gradient_errors)
        return self.gradient_errors

    def export_worked_example(self, path: str | Path | None = None) -> Path | None:
        """Write the handout of the shown sample at the shown weights (asks for a file)."""
        st = self.stepper
        if st is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Export worked example"),
                f"worked-example-row{st.row}.html",
                HANDOUT_FILTER,
            )
            if not path:
                return None
        try:
            return write_handout(st.trainer, st.row, path)
        except NnlensError as exc:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Cannot export the worked example"),
                self.tr("Cannot export the worked example"),
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setInformativeText(str(exc))
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return None

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setPalette(theme.qpalette())
        self.setAutoFillBackground(True)
        self.setFont(theme.font(1.15))
        self.banner.setFont(theme.font(1.45, bold=True))
        self.scope.setStyleSheet(f"color: {theme.muted};")
        self.message.setFont(theme.font(1.4))
        self.gradients.apply_theme(theme)
        self.diagram.apply_theme(theme)
        self._show_details()

    # ------------------------------------------------------------------ showing
    def retranslate(self) -> None:
        """Write the banner, the formulas and the check table again in the current language."""
        self._refresh()

    def _refresh(self) -> None:
        st = self.stepper
        if st is None:
            return
        self.diagram.set_frame(diagram_frame(st))
        text = banner(st)
        if st.next is not None and st.next.diverged and st.phase[0] == "update":
            text += " — " + self.tr("this update diverges: {why}").format(why=st.next.diverged)
        self.banner.setText(text)
        self.scope.setText(scope(st))
        self._show_details()

    def _show_details(self) -> None:
        st, key = self.stepper, self.selected
        if st is None or key is None:
            self.inspector.setHtml(
                "<p>"
                + self.tr("Click a neuron or an edge to see its formula with the numbers.")
                + "</p>"
            )
            return
        html = neuron_details(st, *key) if len(key) == 2 else edge_details(st, *key)
        self.inspector.setHtml(html)

    def _clear_check(self) -> None:
        self.gradient_errors = []
        self.gradients.clear()

    def _on_sample_value_changed(self, position: int) -> None:
        if self.stepper is not None:
            self.stepper.set_sample(position)
            self._row = self.stepper.row
            self._refresh()
            self.sample_changed.emit(self.stepper.row)
            self.followed_changed.emit(self.followed_row())

    def _on_mode_index_changed(self, _index: int) -> None:
        mean = bool(self.mode.currentData())
        self.sample.setEnabled(self.stepper is not None and not mean)
        if self.stepper is not None:
            self.stepper.set_mean(mean)
            self._refresh()
            self.followed_changed.emit(self.followed_row())
