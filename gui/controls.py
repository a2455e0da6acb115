"""The Controls dock: edits an ``ExperimentConfig``.

The learning rate and the other optimizer settings apply live (``hyper_edited``); everything
that needs a new network or new data is collected and applied on Reset, and a banner lists it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from engine.config import ExperimentConfig
from engine.datasets import FILE_FORMATS, GENERATED, dataset_task
from engine.errors import NnlensError
from engine.optimizers import OPTIMIZERS
from gui import names
from gui.widgets import LayersEditor, OptimizerEditor, SciSpinBox, combo_box, select

TASK_FITS = {
    "binary": ("binary", "multiclass", "regression"),
    "multiclass": ("multiclass",),
    "regression": ("regression",),
}


class Controls(QScrollArea):
    """Every setting of the experiment; ``config()`` builds the validated config shown."""

    edited = Signal()
    hyper_edited = Signal(dict)
    reset_requested = Signal()

    def __init__(self, config: ExperimentConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self._loading = False
        self._base = config
        self.applied = config
        body = QWidget()
        column = QVBoxLayout(body)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "padding: 6px; border-radius: 4px;background: #5c4a00; color: #fff4c2;"
        )
        self.apply_button = QPushButton(self.tr("Reset now to apply"))
        self.apply_button.clicked.connect(lambda: self.reset_requested.emit())
        column.addWidget(self.banner)
        column.addWidget(self.apply_button)
        column.addWidget(self._data_group())
        column.addWidget(self._network_group())
        column.addWidget(self._optimizer_group())
        column.addWidget(self._training_group())
        column.addWidget(self._regularisation_group())
        column.addStretch(1)
        self.setWidget(body)
        for spin in body.findChildren(QAbstractSpinBox):
            spin.editingFinished.connect(self._on_editing_finished)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.setMinimumWidth(body.minimumSizeHint().width() + bar + 2 * self.frameWidth())
        self.set_config(config)

    # ------------------------------------------------------------------ building
    def _form(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        group = QGroupBox(title)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return group, form

    def _combo(self, items: list[tuple[str, str]]) -> QComboBox:
        combo = combo_box(items)
        combo.currentIndexChanged.connect(self._on_field_edited)
        return combo

    def _count(self, low: int, high: int, step: int = 1) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSingleStep(step)
        spin.setKeyboardTracking(False)
        spin.valueChanged.connect(self._on_field_edited)
        return spin

    def _number(self, low: float, high: float, step: float, decimals: int = 2) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(low, high)
        spin.setSingleStep(step)
        spin.setDecimals(decimals)
        spin.setKeyboardTracking(False)
        spin.valueChanged.connect(self._on_field_edited)
        return spin

    def _data_group(self) -> QGroupBox:
        group, form = self._form(self.tr("Data"))
        self.dataset = self._combo(names.datasets())
        self.samples = self._count(4, 100_000, 50)
        self.noise = self._number(0.0, 5.0, 0.05)
        self.validation = self._number(0.0, 90.0, 5.0, 0)
        self.validation.setSuffix(" %")
        self.regenerate = QPushButton(self.tr("Regenerate data"))
        self.regenerate.clicked.connect(self._on_regenerate_clicked)
        form.addRow(self.tr("Dataset"), self.dataset)
        form.addRow(self.tr("Samples"), self.samples)
        form.addRow(self.tr("Noise"), self.noise)
        form.addRow(self.tr("Validation"), self.validation)
        form.addRow("", self.regenerate)
        return group

    def _network_group(self) -> QGroupBox:
        group, form = self._form(self.tr("Network"))
        self.layers = LayersEditor()
        self.layers.changed.connect(self._on_field_edited)
        self.activation = self._combo(names.activations())
        self.task = self._combo(names.tasks())
        self.init = self._combo(names.inits())
        self.init_std = SciSpinBox(1e-6, 100.0, floor=1e-4)
        self.init_std.valueChanged.connect(self._on_field_edited)
        self.batch_norm = QCheckBox(self.tr("Batch normalisation"))
        self.batch_norm.toggled.connect(self._on_field_edited)
        form.addRow(QLabel(self.tr("Hidden layers")))
        form.addRow(self.layers)
        form.addRow(self.tr("Activation"), self.activation)
        form.addRow(self.tr("Output / loss"), self.task)
        form.addRow(self.tr("Weight init"), self.init)
        self.init_std_label = QLabel(self.tr("Weight std"))
        form.addRow(self.init_std_label, self.init_std)
        form.addRow("", self.batch_norm)
        return group

    def _optimizer_group(self) -> QGroupBox:
        group, form = self._form(self.tr("Optimizer"))
        self.optimizer = OptimizerEditor()
        self.optimizer.name_changed.connect(self._on_field_edited)
        self.optimizer.values_edited.connect(self._on_hyper_edited)
        form.addRow(self.optimizer)
        return group

    def _training_group(self) -> QGroupBox:
        group, form = self._form(self.tr("Training"))
        self.batch_size = self._count(0, 100_000)
        self.batch_size.setSpecialValueText(self.tr("full batch"))
        self.seed = self._count(0, 2**31 - 1)
        self.seed.setToolTip(
            self.tr("The seed of the starting weights and of the mini-batch order")
        )
        form.addRow(self.tr("Batch size"), self.batch_size)
        form.addRow(self.tr("Seed"), self.seed)
        return group

    def _regularisation_group(self) -> QGroupBox:
        group, form = self._form(self.tr("Regularisation"))
        self.l1 = SciSpinBox(0.0, 10.0, floor=1e-5)
        self.l2 = SciSpinBox(0.0, 10.0, floor=1e-5)
        for spin in (self.l1, self.l2):
            spin.valueChanged.connect(self._on_field_edited)
        self.dropout = self._number(0.0, 0.95, 0.05)
        form.addRow(self.tr("L1 λ"), self.l1)
        form.addRow(self.tr("L2 λ"), self.l2)
        form.addRow(self.tr("Dropout ratio"), self.dropout)
        return group

    # ------------------------------------------------------------------ config <-> widgets
    def set_config(self, config: ExperimentConfig, applied: bool = True) -> None:
        """Show ``config``; when ``applied`` it is also what the trainer now runs."""
        self._loading = True
        self._base = config
        if applied:
            self.applied = config
        d, m, o = config.data, config.model, config.optimizer
        select(self.dataset, d.dataset, f"{d.dataset}: {d.path}")
        self.samples.setValue(d.n_samples)
        self.noise.setValue(d.noise)
        self.validation.setValue(round(100 * d.validation_fraction))
        self.layers.set_layers(list(m.hidden))
        select(self.activation, m.activation)
        select(self.task, m.task)
        select(self.init, m.init)
        self.init_std.setValue(m.init_std)
        self.batch_norm.setChecked(m.batch_norm)
        self.dropout.setValue(m.dropout)
        self.l1.setValue(m.l1)
        self.l2.setValue(m.l2)
        self.optimizer.set_optimizer(o.name, o.lr, o.hyper)
        self.batch_size.setValue(config.training.batch_size)
        self.seed.setValue(config.seed)
        self._loading = False
        self._refresh()

    def config(self) -> ExperimentConfig:
        """The experiment the widgets show (raises ``ConfigError`` naming a bad field)."""
        raw = self._base.to_dict()
        d, m = raw["data"], raw["model"]
        d.update(
            dataset=self.dataset.currentData(),
            n_samples=self.samples.value(),
            noise=self.noise.value(),
            validation_fraction=self.validation.value() / 100,
        )
        m.update(
            hidden=self.layers.layers(),
            activation=self.activation.currentData(),
            task=self.task.currentData(),
            init=self.init.currentData(),
            init_std=self.init_std.value(),
            batch_norm=self.batch_norm.isChecked(),
            dropout=self.dropout.value(),
            l1=self.l1.value(),
            l2=self.l2.value(),
        )
        name = self.optimizer.name()
        kept = raw["optimizer"] if name == self._base.optimizer.name else {}
        raw["optimizer"] = {**kept, "name": name, **self.optimizer.values()}
        raw["training"]["batch_size"] = self.batch_size.value()
        raw["seed"] = self.seed.value()
        return ExperimentConfig.from_dict(raw)

    def set_seed(self, seed: int) -> None:
        self.seed.setValue(seed)

    def set_name(self, name: str) -> None:
        """Rename the experiment (a name needs no reset)."""
        self._base = self._base.with_changes({"name": name})
        self.applied = self.applied.with_changes({"name": name})

    def pending_fields(self) -> list[str]:
        """Names of the settings that differ from the running experiment (raises on bad input)."""
        shown, running = effective_settings(self.config()), effective_settings(self.applied)
        changed = [names.setting(key) for key in shown if shown[key] != running.get(key)]
        return list(dict.fromkeys(changed))

    # ------------------------------------------------------------------ reacting
    def _on_editing_finished(self) -> None:
        """After Return in a field, keys go back to the window (Space plays, → steps)."""
        field = self.sender()
        if isinstance(field, QWidget) and field.hasFocus():
            self.window().setFocus()

    def _on_field_edited(self, *_: object) -> None:
        if self._loading:
            return
        self._refresh()
        self.edited.emit()

    def _on_hyper_edited(self, hyper: dict[str, float]) -> None:
        if self._loading:
            return
        if self.optimizer.name() == self.applied.optimizer.name:
            try:
                self.applied = self.applied.with_changes(
                    {f"optimizer.{k}": v for k, v in hyper.items()}
                )
            except NnlensError:
                pass
            else:
                self.hyper_edited.emit(hyper)
        self._refresh()
        self.edited.emit()

    def _on_regenerate_clicked(self) -> None:
        raw = self._base.to_dict()
        raw["data"]["seed"] += 1
        self._base = ExperimentConfig.from_dict(raw)
        self.reset_requested.emit()

    def _refresh(self) -> None:
        name = self.dataset.currentData()
        generated = name in GENERATED
        for widget in (self.samples, self.noise, self.regenerate):
            widget.setEnabled(generated)
        self.regenerate.setToolTip(
            self.tr("New random data (data seed {seed}) and reset").format(
                seed=self._base.data.seed + 1
            )
        )
        implied = dataset_task(name, self._base.data.n_classes) if name else None
        fits = TASK_FITS.get(implied, TASK_FITS["binary"]) if name not in FILE_FORMATS else None
        model = self.task.model()
        for row in range(1, self.task.count()):
            model.item(row).setEnabled(fits is None or self.task.itemData(row) in fits)
        labels = dict(names.tasks())
        self.task.setItemData(
            0,
            self.tr("This data set is trained as: {task}").format(
                task=labels.get(implied or "", self.tr("known once the file is read"))
            ),
            Qt.ItemDataRole.ToolTipRole,
        )
        if not model.item(self.task.currentIndex()).isEnabled():
            self.task.blockSignals(True)
            self.task.setCurrentIndex(0)
            self.task.blockSignals(False)
        normal = self.init.currentData() == "normal"
        self.init_std.setVisible(normal)
        self.init_std_label.setVisible(normal)
        try:
            pending = self.pending_fields()
        except NnlensError as exc:
            self.banner.setText(self.tr("Cannot apply: {error}").format(error=exc))
            self.banner.setVisible(True)
            self.apply_button.setVisible(False)
            return
        self.banner.setText(self.tr("Applies on Reset: {fields}").format(fields=", ".join(pending)))
        self.banner.setVisible(bool(pending))
        self.apply_button.setVisible(bool(pending))


def effective_settings(config: ExperimentConfig) -> dict[str, Any]:
    """Every setting as ``section.key`` → value, optimizer defaults filled in."""
    raw = config.to_dict()
    raw["optimizer"] = {**OPTIMIZERS[config.optimizer.name], **raw["optimizer"]}
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, dict):
            out.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            out[key] = value
    return out
