"""The transport bar: play/pause, stepping, reset, speed and the step/epoch counter."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import QLabel, QSlider, QToolBar, QWidget

SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 0)
"""Steps per second on the speed slider, slowest first; 0 is as fast as possible."""


class Transport(QToolBar):
    """Actions the window connects to the training thread; shortcuts work window-wide."""

    speed_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transport"))
        self.setObjectName("transport")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setMovable(False)
        self._running = False
        self.play = self._action(
            self.tr("Play"), [Qt.Key.Key_Space], self.tr("Train continuously (Space)")
        )
        self.play.setCheckable(True)
        self.step = self._action(
            self.tr("Step"),
            [Qt.Key.Key_Right, Qt.Key.Key_N],
            self.tr("One mini-batch update (→ or N)"),
        )
        self.step10 = self._action(
            self.tr("Step ×10"),
            [QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_Right)],
            self.tr("Ten updates (Shift+→)"),
        )
        self.epoch = self._action(
            self.tr("Epoch"), [Qt.Key.Key_E], self.tr("Train to the end of the epoch (E)")
        )
        self.addSeparator()
        self.reset = self._action(
            self.tr("Reset"), [Qt.Key.Key_R], self.tr("New starting weights from a new seed (R)")
        )
        self.restart = self._action(
            self.tr("Same seed"),
            [QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_R)],
            self.tr("Start again from the same weights, applying the settings shown (Shift+R)"),
        )
        self._color = QColor("#e6e6e6")
        self.addSeparator()
        self.addWidget(QLabel(self.tr(" Speed ")))
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(len(SPEEDS) - 1)
        self.speed.setFixedWidth(140)
        self.speed.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.speed.setToolTip(self.tr("Steps per second while playing"))
        self.speed.valueChanged.connect(self._on_speed_value_changed)
        self.addWidget(self.speed)
        self.speed_label = QLabel()
        self.speed_label.setMinimumWidth(90)
        self.addWidget(self.speed_label)
        self.addSeparator()
        self.counter = QLabel()
        self.counter.setMinimumWidth(200)
        self.addWidget(self.counter)
        self._show_speed()
        self.set_counter(0, 0)
        self.set_icon_color(self._color)

    def set_icon_color(self, color: QColor) -> None:
        """Redraw the icons in ``color`` (the theme's foreground)."""
        self._color = QColor(color)
        for action, kind in (
            (self.step, "step"),
            (self.step10, "step10"),
            (self.epoch, "epoch"),
            (self.reset, "reset"),
            (self.restart, "restart"),
        ):
            action.setIcon(_icon(kind, self._color))
        self.set_running(self._running)

    def _action(self, text: str, keys: list, tip: str) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(tip)
        self.addAction(action)
        return action

    def steps_per_second(self) -> float:
        return float(SPEEDS[self.speed.value()])

    def set_running(self, running: bool) -> None:
        self._running = running
        self.play.blockSignals(True)
        self.play.setChecked(running)
        self.play.blockSignals(False)
        self.play.setText(self.tr("Pause") if running else self.tr("Play"))
        self.play.setIcon(_icon("pause" if running else "play", self._color))

    def set_counter(self, step: int, epoch: int) -> None:
        self.counter.setText(
            self.tr("step {step:,}   epoch {epoch:,}").format(step=step, epoch=epoch)
        )

    def _show_speed(self) -> None:
        speed = self.steps_per_second()
        self.speed_label.setText(
            self.tr("max") if speed == 0 else self.tr("{n:g} steps/s").format(n=speed)
        )

    def _on_speed_value_changed(self, _position: int) -> None:
        self._show_speed()
        self.speed_changed.emit(self.steps_per_second())


def _icon(kind: str, color: QColor, size: int = 32) -> QIcon:
    """A flat transport icon drawn with ``QPainter`` (readable on dark and light themes)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 16, size / 16)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)

    def triangle(x: float, w: float = 7.0, left: bool = False) -> None:
        path = QPainterPath()
        tip, base = (x, x + w) if left else (x + w, x)
        path.moveTo(base, 3)
        path.lineTo(tip, 8)
        path.lineTo(base, 13)
        path.closeSubpath()
        painter.drawPath(path)

    if kind == "play":
        triangle(4, 9)
    elif kind == "pause":
        painter.drawRect(QRectF(4, 3, 3, 10))
        painter.drawRect(QRectF(9, 3, 3, 10))
    elif kind == "step":
        triangle(3, 8)
        painter.drawRect(QRectF(11, 3, 2, 10))
    elif kind == "step10":
        triangle(1)
        triangle(8)
    elif kind == "epoch":
        triangle(1, 6)
        triangle(7, 6)
        painter.drawRect(QRectF(13, 3, 2, 10))
    elif kind == "restart":
        painter.drawRect(QRectF(3, 3, 2, 10))
        triangle(5, 8, left=True)
    elif kind == "reset":
        pen = painter.pen()
        pen.setStyle(Qt.PenStyle.SolidLine)
        pen.setColor(color)
        pen.setWidthF(2.0)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawArc(QRectF(3, 3, 10, 10), 90 * 16, 270 * 16)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        arrow = QPainterPath(QPointF(8, 0.5))
        arrow.lineTo(QPointF(12, 3))
        arrow.lineTo(QPointF(8, 5.5))
        arrow.closeSubpath()
        painter.drawPath(arrow)
    painter.end()
    return QIcon(pixmap)
