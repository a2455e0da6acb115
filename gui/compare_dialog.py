"""The "Compare…" dialog: the current experiment in variants, one setting at several values.

The values are typed comma-separated (``0.1, 0.01, 0.001``; ``sgd, adam``; ``[4], [8, 8]``),
read as TOML values and checked through ``engine.compare.vary``; a bad value is named in the
dialog and OK stays disabled until every value is valid.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from engine.compare import Variant, vary
from engine.config import ExperimentConfig
from engine.errors import NnlensError
from gui.names import setting

FIELDS = (
    "optimizer.name",
    "optimizer.lr",
    "model.init",
    "model.init_std",
    "model.activation",
    "model.hidden",
    "model.batch_norm",
    "model.dropout",
    "model.l1",
    "model.l2",
    "training.batch_size",
    "seed",
)
BOOLEAN_WORDS = {"on": True, "yes": True, "off": False, "no": False}
_VARIANT_ERROR = re.compile(r"variants\[(\d+)\]\.[^:]*: (.*)", re.DOTALL)


def split_values(text: str) -> list[str]:
    """``"[4], [8, 8], 1"`` → ``["[4]", "[8, 8]", "1"]``: commas inside brackets or quotes
    do not split."""
    parts, depth, quote, start = [], 0, "", 0
    for i, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def parse_value(token: str, current: Any) -> Any:
    """A TOML value (number, true/false, list, quoted text), or a bare word as text; on/off
    and yes/no for a true/false setting. Raises ``ValueError`` when it cannot be read."""
    if isinstance(current, bool) and token.lower() in BOOLEAN_WORDS:
        return BOOLEAN_WORDS[token.lower()]
    try:
        return tomllib.loads(f"v = {token}")["v"]
    except tomllib.TOMLDecodeError:
        if re.fullmatch(r"[A-Za-z_][\w.-]*", token):
            return token
        raise ValueError(token) from None


def current_value(config: ExperimentConfig, field: str) -> Any:
    section, _, key = field.rpartition(".")
    return getattr(getattr(config, section) if section else config, key)


class CompareDialog(QtWidgets.QDialog):
    """``CompareDialog(base)``; after ``exec()`` returns Accepted, ``variants()`` holds one
    ``Variant`` per value. ``CompareDialog.get_variants(base, parent)`` does both."""

    def __init__(
        self,
        base: ExperimentConfig,
        parent: QtWidgets.QWidget | None = None,
        fields: Sequence[str] = FIELDS,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare…"))
        self.base = base
        self._variants: list[Variant] = []
        self.field_box = QtWidgets.QComboBox()
        for field in fields:
            self.field_box.addItem(f"{self._label(field)}  ({field})", field)
        self.current = QtWidgets.QLabel()
        self.values_edit = QtWidgets.QLineEdit()
        self.values_edit.setPlaceholderText(self.tr("values, separated by commas"))
        self.preview = QtWidgets.QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Compare")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Setting"), self.field_box)
        form.addRow("", self.current)
        form.addRow(self.tr("Values"), self.values_edit)
        intro = QtWidgets.QLabel(
            self.tr(
                "Train the current experiment once per value, in lockstep, with everything "
                "else (data, seed, mini-batch order) the same."
            )
        )
        intro.setWordWrap(True)  # the Korean sentence is wider than the dialog
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.field_box.currentIndexChanged.connect(self._on_field_changed)
        self.values_edit.textChanged.connect(self._validate)
        self._on_field_changed()

    @classmethod
    def get_variants(
        cls, base: ExperimentConfig, parent: QtWidgets.QWidget | None = None
    ) -> list[Variant] | None:
        dialog = cls(base, parent)
        accepted = dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted
        return dialog.variants() if accepted else None

    def field(self) -> str:
        return str(self.field_box.currentData())

    def set_field(self, field: str) -> None:
        self.field_box.setCurrentIndex(max(self.field_box.findData(field), 0))

    def variants(self) -> list[Variant]:
        """The variants of the values typed (empty while they are not valid)."""
        return list(self._variants)

    def error(self) -> str:
        """The problem with the values typed, or ``""``."""
        return "" if self._variants else self.preview.text()

    def _label(self, field: str) -> str:
        own = {
            "optimizer.name": self.tr("optimizer"),
            "optimizer.lr": self.tr("learning rate η"),
            "model.l1": self.tr("L1 λ"),
        }
        return own.get(field) or setting(field)

    def _on_field_changed(self, *_: object) -> None:
        value = current_value(self.base, self.field())
        shown = str(value).lower() if isinstance(value, bool) else str(value)
        self.current.setText(self.tr("now: {value}").format(value=shown))
        self.values_edit.setText(shown + ", ")
        self.values_edit.setFocus()
        self._validate()

    def _validate(self, *_: object) -> None:
        self._variants = []
        field = self.field()
        tokens = split_values(self.values_edit.text())
        problem = ""
        values = []
        current = current_value(self.base, field)
        for token in tokens:
            try:
                values.append(parse_value(token, current))
            except ValueError:
                problem = self.tr("{token}: cannot read this value").format(token=token)
                break
        if not problem and not values:
            problem = self.tr("Type one or more values, separated by commas.")
        if not problem:
            try:
                self._variants = vary(self.base, field, values)
            except NnlensError as exc:
                problem = self._explain(str(exc), tokens)
        ok = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self._variants))
        palette = self.preview.palette()
        color = "#d55e00" if problem else self.palette().color(QtGui.QPalette.ColorRole.WindowText)
        palette.setColor(QtGui.QPalette.ColorRole.WindowText, QtGui.QColor(color))
        self.preview.setPalette(palette)
        if problem:
            self.preview.setText(problem)
        else:
            self.preview.setText(
                self.tr("{n} variants: {labels}").format(
                    n=len(self._variants), labels=" · ".join(v.label for v in self._variants)
                )
            )

    def _explain(self, message: str, tokens: list[str]) -> str:
        """``variants[1].optimizer.name: unknown optimizer 'foo'…`` → ``foo: unknown …``."""
        match = _VARIANT_ERROR.match(message)
        if match and int(match.group(1)) < len(tokens):
            return f"{tokens[int(match.group(1))]}: {match.group(2)}"
        return message

    def accept(self) -> None:
        if self._variants:
            super().accept()
