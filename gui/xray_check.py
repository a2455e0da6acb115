""" "Check gradients" for the X-ray: backprop against the numerical derivative, per parameter
array, as the course contrasts them (central differences with h = 0.0001)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.theme import Theme

GOOD_ERROR = 1e-6
MAX_ROWS_SHOWN = 7


class GradientCheck(QWidget):
    """A button (``requested``), a table of relative errors with a verdict, a summary line
    and a note saying what is good. ``show_errors`` fills it; ``clear`` empties it."""

    requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = QPushButton(self.tr("Check gradients"))
        self.button.setToolTip(self.tr("Backprop against central differences, h = 0.0001"))
        self.button.clicked.connect(self.requested)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("parameters"), self.tr("relative error"), self.tr("verdict")]
        )
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for c, mode in enumerate(("ResizeToContents", "Stretch", "ResizeToContents")):
            header.setSectionResizeMode(c, getattr(QHeaderView.ResizeMode, mode))
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.note = QLabel(
            self.tr(
                "Numerical derivative (E(w + h) − E(w − h)) / 2h with h = 0.0001 against "
                "backprop on the next mini-batch: below 1e-6 they agree and backprop is right."
            )
        )
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.note)

    def show_errors(self, errors: list[tuple[str, float]]) -> None:
        """``(parameter array, relative error)`` rows, e.g. from ``engine.xray.gradient_check``."""
        self.table.setRowCount(len(errors))
        for r, (name, error) in enumerate(errors):
            verdict = self.tr("good") if error < GOOD_ERROR else self.tr("check backprop")
            for c, text in enumerate((name, f"{error:.2e}", verdict)):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
        rows = self.table.verticalHeader().defaultSectionSize() * min(len(errors), MAX_ROWS_SHOWN)
        self.table.setMinimumHeight(self.table.horizontalHeader().height() + rows + 4)
        worst = max((error for _, error in errors), default=0.0)
        if worst < GOOD_ERROR:
            text = self.tr("All {n} arrays agree: largest error {e:.1e}")
        else:
            text = self.tr("Largest error {e:.1e}: backprop and the numerical derivative differ")
        self.summary.setText(text.format(n=len(errors), e=worst))

    def clear(self) -> None:
        self.table.setRowCount(0)
        self.summary.clear()

    def apply_theme(self, theme: Theme) -> None:
        self.summary.setFont(theme.font(1.15, bold=True))
        self.table.verticalHeader().setDefaultSectionSize(int(theme.font(1.15).pointSizeF() * 2.4))
