"""Editing widgets for the controls: numbers of any magnitude, a log-scale learning rate, the
optimizer with its own settings, and the hidden layers."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine.optimizers import OPTIMIZERS
from gui import names

RELEVANT_HYPER = {
    "sgd": (),
    "momentum": ("momentum",),
    "nesterov": ("momentum",),
    "adagrad": (),
    "rmsprop": ("alpha",),
    "adadelta": ("rho",),
    "adam": ("beta1", "beta2"),
}
"""The hyper-parameters the course discusses for each optimizer (besides the learning rate)."""


def combo_box(items: list[tuple[str, str]]) -> QComboBox:
    """A combo of ``(name, label)`` items that may shrink below its longest label."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    for name, label in items:
        combo.addItem(label, name)
    return combo


def select(combo: QComboBox, name: str, label: str | None = None) -> None:
    """Select the item whose data is ``name``, adding it (as ``label``) when missing."""
    index = combo.findData(name)
    if index < 0:
        combo.addItem(label or name, name)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


class SciSpinBox(QDoubleSpinBox):
    """A spin box for values from 1e-8 to 1e6 shown as ``0.001`` or ``1e-05``.

    The arrows multiply by about 1.26 (ten steps a decade); from 0 they step to ``floor``.
    """

    def __init__(
        self,
        minimum: float = 0.0,
        maximum: float = 1e6,
        floor: float = 1e-5,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.floor = floor
        self.setDecimals(12)
        self.setRange(minimum, maximum)
        self.setKeyboardTracking(False)
        self.setAccelerated(True)

    def textFromValue(self, value: float) -> str:
        return f"{value:.4g}"

    def valueFromText(self, text: str) -> float:
        try:
            return float(text.replace(",", "."))
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> object:
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            ok = all(c in "0123456789.,eE+-" for c in text)
            return QValidator.State.Intermediate if ok else QValidator.State.Invalid, text, pos
        if self.minimum() <= value <= self.maximum():
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos

    def stepBy(self, steps: int) -> None:
        value = self.value()
        if value <= 0:
            new = self.floor if steps > 0 else self.minimum()
        else:
            new = float(f"{value * 10 ** (0.1 * steps):.3g}")
            if new < self.floor:
                new = self.minimum()
        self.setValue(min(max(new, self.minimum()), self.maximum()))


class LogRateEditor(QWidget):
    """A learning rate: a slider on a log scale from 10⁻⁵ to 10 and an exact field beside it."""

    value_changed = Signal(float)

    LOW, HIGH, PER_DECADE = -5, 1, 100

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(self.LOW * self.PER_DECADE, self.HIGH * self.PER_DECADE)
        self.slider.setPageStep(self.PER_DECADE // 10)
        self.slider.setMinimumWidth(70)
        self.field = SciSpinBox(1e-8, 1e3, floor=1e-5)
        self.field.setMinimumWidth(80)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.field)
        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self.field.valueChanged.connect(self._on_field_value_changed)

    def value(self) -> float:
        return self.field.value()

    def set_value(self, value: float) -> None:
        """Show ``value`` without emitting ``value_changed``."""
        self.field.blockSignals(True)
        self.field.setValue(value)
        self.field.blockSignals(False)
        self._move_slider(value)

    def _move_slider(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(round(math.log10(max(value, 1e-12)) * self.PER_DECADE))
        self.slider.blockSignals(False)

    def _on_slider_value_changed(self, position: int) -> None:
        value = float(f"{10 ** (position / self.PER_DECADE):.3g}")
        self.field.blockSignals(True)
        self.field.setValue(value)
        self.field.blockSignals(False)
        self.value_changed.emit(value)

    def _on_field_value_changed(self, value: float) -> None:
        self._move_slider(value)
        self.value_changed.emit(value)


class OptimizerEditor(QWidget):
    """An optimizer, its learning rate and only the hyper-parameters that matter for it."""

    name_changed = Signal(str)
    values_edited = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = combo_box(names.optimizers())
        self.lr = LogRateEditor()
        self.hyper: dict[str, QDoubleSpinBox] = {}
        self._form = QFormLayout(self)
        self._form.setContentsMargins(0, 0, 0, 0)
        self._form.addRow(self.tr("Optimizer"), self.combo)
        self._form.addRow(self.tr("Learning rate η"), self.lr)
        self.combo.currentIndexChanged.connect(self._on_combo_current_index_changed)
        self.lr.value_changed.connect(self._on_value_edited)

    def name(self) -> str:
        return self.combo.currentData()

    def values(self) -> dict[str, float]:
        """The learning rate and the hyper-parameters shown."""
        return {"lr": self.lr.value(), **{k: spin.value() for k, spin in self.hyper.items()}}

    def set_optimizer(self, name: str, lr: float, hyper: dict[str, float | bool]) -> None:
        """Show an optimizer and its settings without emitting anything."""
        self.combo.blockSignals(True)
        select(self.combo, name)
        self.combo.blockSignals(False)
        self.lr.set_value(lr)
        self._rebuild(name, hyper)

    def _rebuild(self, name: str, values: dict[str, float | bool]) -> None:
        while self._form.rowCount() > 2:
            self._form.removeRow(2)
        self.hyper = {}
        for key in RELEVANT_HYPER[name]:
            spin = QDoubleSpinBox()
            spin.setRange(0.0, 0.9999)
            spin.setDecimals(4)
            spin.setSingleStep(0.01)
            spin.setKeyboardTracking(False)
            spin.setValue(float(values.get(key, OPTIMIZERS[name][key])))
            spin.setToolTip(self.tr("Default: {value:g}").format(value=OPTIMIZERS[name][key]))
            spin.valueChanged.connect(self._on_value_edited)
            self.hyper[key] = spin
            self._form.addRow(names.hyper_parameter(key), spin)

    def _on_combo_current_index_changed(self, _index: int) -> None:
        self._rebuild(self.name(), {})
        self.name_changed.emit(self.name())

    def _on_value_edited(self, _value: float) -> None:
        self.values_edited.emit(self.values())


class LayersEditor(QWidget):
    """Hidden layers as rows of neuron counts, each removable, plus an "add layer" button."""

    changed = Signal()
    MAX_LAYERS = 32

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[QWidget, QSpinBox]] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._empty = QLabel(self.tr("none: a linear model (logistic regression)"))
        self._empty.setWordWrap(True)
        self._layout.addWidget(self._empty)
        self.add_button = QPushButton(self.tr("+ Add layer"))
        self.add_button.setToolTip(self.tr("Add a hidden layer with as many neurons as the last"))
        self.add_button.clicked.connect(self._on_add_clicked)
        self._layout.addWidget(self.add_button)

    def layers(self) -> list[int]:
        return [spin.value() for _, spin in self._rows]

    def set_layers(self, widths: list[int]) -> None:
        """Show ``widths`` without emitting ``changed``."""
        while self._rows:
            row, _ = self._rows.pop()
            row.deleteLater()
        for width in widths:
            self._add_row(width)
        self._refresh()

    def _add_row(self, width: int) -> None:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("Layer {n}").format(n=len(self._rows) + 1))
        spin = QSpinBox()
        spin.setRange(1, 4096)
        spin.setValue(width)
        spin.setSuffix(self.tr(" neurons"))
        spin.setKeyboardTracking(False)
        spin.valueChanged.connect(lambda _value: self.changed.emit())
        remove = QPushButton("−")
        remove.setFixedWidth(28)
        remove.setToolTip(self.tr("Remove this layer"))
        remove.clicked.connect(lambda: self._on_remove_clicked(row))
        layout.addWidget(label)
        layout.addWidget(spin, 1)
        layout.addWidget(remove)
        self._layout.insertWidget(len(self._rows) + 1, row)
        self._rows.append((row, spin))

    def _refresh(self) -> None:
        self._empty.setVisible(not self._rows)
        self.add_button.setEnabled(len(self._rows) < self.MAX_LAYERS)
        for i, (row, _) in enumerate(self._rows, start=1):
            row.findChild(QLabel).setText(self.tr("Layer {n}").format(n=i))

    def _on_add_clicked(self) -> None:
        self._add_row(self._rows[-1][1].value() if self._rows else 4)
        self._refresh()
        self.changed.emit()

    def _on_remove_clicked(self, row: QWidget) -> None:
        self._rows = [(r, s) for r, s in self._rows if r is not row]
        row.deleteLater()
        self._refresh()
        self.changed.emit()
