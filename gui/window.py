"""The main window: the panels as rearrangeable docks, the controls, the transport, the status.

Slots only store what the worker sends; a ~30 Hz timer hands the newest snapshot to the visible
panels, so nothing queues up behind a slow frame.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QGuiApplication, QShowEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMessageBox, QToolBar, QWidget

from engine.config import ExperimentConfig
from engine.errors import NnlensError
from engine.presets import Lesson, is_lesson_file, load_lesson
from engine.snapshot import Snapshot, StepStats
from gui.controls import Controls, effective_settings
from gui.extras import install_extras
from gui.frames import FrameScheduler
from gui.i18n import SETTING as LANGUAGE_SETTING
from gui.i18n import current_language, set_language
from gui.layout import arrange_default, size_docks
from gui.localize import retranslate
from gui.menus import build_menus
from gui.panels import PANELS
from gui.panels.base import LiveLabel
from gui.theme import DARK, THEMES, Theme
from gui.timeline import TimelineThread
from gui.transport import Transport

FRAME_MS = 33
STATE_VERSION = 1
DEFAULT_SIZE = (1600, 1000)
PANEL_MINIMUM = (220, 180)


class MainWindow(QMainWindow):
    """One experiment: its trainer runs in a ``TrainingThread``; the panels draw its snapshots."""

    frame_drawn = Signal(object)
    closed = Signal()
    """The window closed and its training thread ended (a clean end of the session)."""

    def __init__(
        self,
        config: ExperimentConfig,
        settings: QSettings | None = None,
        tick_seconds: float = 0.01,
        remember: bool = True,
    ) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.remember = remember
        self.path: Path | None = None
        self.saved = config
        self.theme = THEMES.get(str(self.settings.value("view/theme", DARK.name)), DARK)
        self._newest: Snapshot | None = None
        self._stats: StepStats | None = None
        self._stats_shown: tuple[int, int] | None = None
        self._opening: tuple[ExperimentConfig, Path | None, Lesson | None] | None = None
        self._has_trainer = False
        self._layout_restored = False
        self._in_drawing = False
        self._labels: list[QLabel] | None = None
        self._held: dict[int, str] = {}  # the text each tool-bar label was last sized for
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setDockNestingEnabled(True)

        self.transport = Transport(self)
        self.addToolBar(self.transport)
        self.controls = Controls(config)
        self.panels = [cls() for cls in PANELS]
        for panel in self.panels:
            panel.setMinimumSize(*PANEL_MINIMUM)
            panel.skip_hidden_plots = True
        self.docks: dict[str, QDockWidget] = {}
        self._dock("controls", self.tr("Controls"), self.controls)
        for panel in self.panels:
            self._dock(panel.key, panel.title(), panel)
        self.status_stats = LiveLabel()
        self.status_stats.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.status_alarm = QLabel()
        self.status_alarm.setWordWrap(True)
        self.status_alarm.hide()
        self.statusBar().addWidget(self.status_alarm, 1)
        self.statusBar().addPermanentWidget(self.status_stats)
        self.menus = build_menus(self)

        self.training = TimelineThread(config, tick_seconds, self)
        worker = self.training.worker
        worker.snapshot_ready.connect(self._on_snapshot_ready)
        worker.steps_completed.connect(self._on_steps_completed)
        worker.running_changed.connect(self._on_running_changed)
        worker.reset_completed.connect(self._on_reset_completed)
        worker.diverged.connect(self._on_diverged)
        worker.error.connect(self._on_error)
        t = self.transport
        t.play.toggled.connect(self._on_play_toggled)
        t.step.triggered.connect(lambda: self.training.step(1))
        t.step10.triggered.connect(lambda: self.training.step(10))
        t.epoch.triggered.connect(self.training.step_epoch)
        t.reset.triggered.connect(self.reset_new_seed)
        t.restart.triggered.connect(self.reset_same_seed)
        t.speed_changed.connect(self.training.set_speed)
        self.controls.edited.connect(self._refresh_title)
        self.controls.hyper_edited.connect(self.training.set_hyper)
        self.controls.reset_requested.connect(self.reset_same_seed)
        self.extras = install_extras(self)

        self.frames = FrameScheduler(self.panels, lambda p: self.docks[p.key].isVisible())
        self._frame = QTimer(self)
        self._frame.setTimerType(Qt.TimerType.PreciseTimer)
        self._frame.setInterval(FRAME_MS)
        self._frame.timeout.connect(self._on_frame_timeout)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setTimerType(Qt.TimerType.PreciseTimer)
        self._soon.timeout.connect(self._on_frame_timeout)
        self.apply_theme(self.theme)
        if current_language() != "en":
            retranslate(self, current_language(), current_language())  # English-term tooltips
        self._restore_layout()
        self._refresh_title()
        self.training.start()
        self._frame.start()

    # ------------------------------------------------------------------ layout
    def _dock(self, key: str, title: str, widget: QWidget) -> None:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{key}")
        dock.setWidget(widget)
        self.docks[key] = dock

    def arrange_default(self) -> None:
        """Put every dock back where it starts: see ``gui.layout``."""
        arrange_default(self, self.docks)

    def _restore_layout(self) -> None:
        self.arrange_default()
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(*_default_size())
        self._layout_restored = state is not None and self.restoreState(state, STATE_VERSION)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._layout_restored:
            self._layout_restored = True
            size_docks(self, self.docks)
        self.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.remember:
            self.settings.setValue("window/geometry", self.saveGeometry())
            self.settings.setValue("window/state", self.saveState(STATE_VERSION))
            self.settings.setValue("view/theme", self.theme.name)
            self.settings.sync()
        self.shutdown()
        super().closeEvent(event)
        self.closed.emit()

    def shutdown(self) -> None:
        """Stop drawing and end the training thread (waits for it)."""
        self._frame.stop()
        self._soon.stop()
        self.extras.shutdown()
        self.training.shutdown()

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setPalette(theme.qpalette())
        alarm = "#ff8a80" if QColor(theme.background).lightness() < 128 else "#c62828"
        self.status_alarm.setStyleSheet(f"color: {alarm}; font-weight: bold;")
        self.transport.set_icon_color(QColor(theme.foreground))
        for panel in self.panels:
            panel.apply_theme(theme)
        self.extras.apply_theme(theme)
        self.menus.select_theme(theme.name)

    def set_language(self, lang: str) -> None:
        """Show every open window in ``lang`` now, and start in it next time."""
        old = current_language()
        set_language(lang)
        if self.remember:
            self.settings.setValue(LANGUAGE_SETTING, lang)
        self.retranslate(old, lang)

    def retranslate(self, old: str, new: str) -> None:
        """Re-label the menus, docks, controls and windows; the panels redraw the newest
        snapshot in ``new`` (their live labels come from ``tr()`` at each draw)."""
        retranslate(self, old, new)
        for panel in self.panels:
            self.docks[panel.key].setWindowTitle(panel.title())
            panel.clear()
        self.menus.select_language(new)
        self.extras.retranslate()
        self._stats_shown = None
        if self._newest is not None:
            self._show_stats(self._newest)
        self._refresh_title()
        self.frames.forget()
        self._schedule()

    # ------------------------------------------------------------------ commands
    def _on_play_toggled(self, play: bool) -> None:
        if play:
            self.training.play()
        else:
            self.training.pause()

    def reset_same_seed(self) -> None:
        """Rebuild the network with the settings shown, the seed included."""
        try:
            config = self.controls.config()
        except NnlensError as exc:
            self.show_error(self.tr("Cannot reset with these settings"), str(exc))
            return
        self.training.reset(config)

    def reset_new_seed(self) -> None:
        self.controls.set_seed(self.controls.seed.value() + 1)
        self.reset_same_seed()

    def open_experiment(self, path: str | Path) -> None:
        """Load an experiment TOML (a lesson file opens as its lesson, as with ``--config``);
        a bad file gives a message and keeps the current experiment."""
        path = Path(path)
        try:
            lesson = load_lesson(path) if is_lesson_file(path) else None
            config = lesson.config if lesson else ExperimentConfig.load(path)
        except NnlensError as exc:
            self.show_error(self.tr("Cannot open {name}").format(name=path.name), str(exc))
            return
        self._opening = (config, path, lesson)
        self.training.reset(config)

    def load_config(self, config: ExperimentConfig, lesson: Lesson | None = None) -> None:
        """Train ``config`` from scratch (a lesson's experiment); once the network is built it
        counts as saved and ``lesson`` opens. Settings the worker refuses change nothing."""
        self._opening = (config, None, lesson)
        self.training.reset(config)

    def save_experiment(self, path: str | Path) -> bool:
        path = Path(path)
        try:
            config = self.controls.config().with_changes({"name": path.stem})
            config.save(path)
        except NnlensError as exc:
            self.show_error(self.tr("Cannot save {name}").format(name=path.name), str(exc))
            return False
        self.controls.set_name(config.name)
        self.path, self.saved = path, config
        self.menus.remember_file(path)
        self._refresh_title()
        return True

    def show_error(self, title: str, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Ok, self
        )
        box.setInformativeText(message)
        box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 380px; }")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    @property
    def newest_snapshot(self) -> Snapshot | None:
        """The last snapshot the worker sent (drawn at the next frame)."""
        return self._newest

    # ------------------------------------------------------------------ from the worker
    def _on_snapshot_ready(self, snapshot: Snapshot) -> None:
        self._newest = snapshot
        self._schedule()

    def _on_steps_completed(self, stats: list[StepStats]) -> None:
        self._stats = stats[-1]

    def _on_running_changed(self, running: bool) -> None:
        self.frames.running = running
        self.transport.set_running(running)
        if running:
            self.status_alarm.hide()

    def _on_reset_completed(self, config: ExperimentConfig) -> None:
        self._has_trainer = True
        self.controls.set_config(config)
        opening, self._opening = self._opening, None
        lesson = None
        if opening is not None and config is opening[0]:
            _, path, lesson = opening
            # Save on a lesson asks for a new file: a plain experiment would drop its lesson.
            self.saved, self.path = config, None if lesson else path
            if path is not None:
                self.menus.remember_file(path)
        self._stats = None
        self.frames.forget()
        for panel in self.panels:
            panel.clear()
        self.status_alarm.hide()
        self._refresh_title()
        if lesson is not None:
            self.extras.open_lesson(lesson, load=False)

    def _on_diverged(self, reason: str) -> None:
        self.status_alarm.setText(self.tr("Training stopped: {reason}").format(reason=reason))
        self.status_alarm.show()

    def _on_error(self, message: str) -> None:
        opening, self._opening = self._opening, None
        title = self.tr("Cannot use these settings")
        if opening is not None and opening[1] is not None:
            title = self.tr("Cannot open {name}").format(name=opening[1].name)
        elif opening is not None and opening[2] is not None:
            title = self.tr("Cannot open the lesson {title}").format(title=opening[2].title)
        self.show_error(title, message)
        if not self._has_trainer:
            self._has_trainer = True
            self.training.reset(load_lesson("xor").config)

    # ------------------------------------------------------------------ drawing
    def _on_frame_timeout(self) -> None:
        snapshot = self._newest
        if snapshot is None:
            return
        self._show_stats(snapshot)
        if self.frames.delay(snapshot) != 0.0:
            self._schedule()
            return
        with self._drawing():
            done = self.frames.draw(snapshot)
            QCoreApplication.sendPostedEvents()  # the scenes' updates and the paint, now
        if done:
            self.training.display_ready()
            self.frame_drawn.emit(snapshot)
        self._schedule()
        failure, self.frames.failure = self.frames.failure, None
        if failure is not None:
            raise failure

    def _schedule(self) -> None:
        """Wake up when the scheduler can go on (the rest of a frame, or the next one once the
        drawing share allows), not only at the next tick of the ~30 Hz timer."""
        if self._newest is None or not self._frame.isActive():
            return
        delay = self.frames.delay(self._newest)
        if delay is None:
            return
        ms = math.ceil(delay * 1000)
        if ms < self._frame.remainingTime() and not (
            self._soon.isActive() and self._soon.remainingTime() <= ms
        ):
            self._soon.start(ms)

    def event(self, event: QEvent) -> bool:
        """Time the painting of dirty widgets, which Qt runs on the window's update request."""
        if event.type() != QEvent.Type.UpdateRequest:
            return super().event(event)
        with self._drawing():
            start = time.perf_counter()
            handled = super().event(event)
            self.frames.add_paint_time(time.perf_counter() - start)
        return handled

    @contextmanager
    def _drawing(self) -> Iterator[None]:
        """Training steps aside once for a whole tick: drawing the panels, the scenes' updates
        and the painting they cause. Stepping aside three times let a training step start in
        each gap and fight the GUI thread for the interpreter lock until it ended."""
        if self._in_drawing:
            yield
            return
        self._in_drawing = True
        try:
            with self.training.drawing():
                yield
        finally:
            self._in_drawing = False

    def _show_stats(self, snapshot: Snapshot) -> None:
        stats = self._stats if self._stats and self._stats.step >= snapshot.step else None
        for label in self._toolbar_labels():  # sized for their text, before and after it changes
            if label.isVisible() and self._held.get(id(label)) != label.text():
                self._held[id(label)] = label.text()
                _hold_size(label)
        if self._stats_shown == (id(snapshot), id(stats)):
            return
        self._stats_shown = (id(snapshot), id(stats))
        self.extras.timeline.show_snapshot(snapshot)  # repainted with the frame, not apart
        step, epoch = (stats.step, stats.epoch) if stats else (snapshot.step, snapshot.epoch)
        self.transport.set_counter(step, epoch)
        _hold_size(self.transport.counter)
        loss = stats.loss if stats else (snapshot.history.loss[-1] if snapshot.step else math.nan)
        parts = [self.tr("batch loss {v}").format(v=_num(loss))]
        if snapshot.task == "regression":
            parts.append(self.tr("validation loss {v}").format(v=_num(snapshot.val_loss)))
        else:
            parts.append(
                self.tr("accuracy: train {a} · validation {b}").format(
                    a=_pct(snapshot.train_accuracy), b=_pct(snapshot.val_accuracy)
                )
            )
        self.status_stats.setText("   ".join(parts))
        if snapshot.diverged and not self.status_alarm.isVisible():
            self._on_diverged(snapshot.diverged)

    def _toolbar_labels(self) -> list[QLabel]:
        """The labels in the tool bars (the step counter, the timeline's step), whose text
        changes with every frame."""
        if self._labels is None:
            self._labels = [
                label for bar in self.findChildren(QToolBar) for label in bar.findChildren(QLabel)
            ]
        return self._labels

    def _refresh_title(self) -> None:
        try:
            shown = self.controls.config()
            modified = effective_settings(shown) != effective_settings(self.saved)
        except NnlensError:
            shown, modified = self.controls.applied, True
        self.setWindowTitle(self.tr("{name}[*] — nnlens").format(name=shown.name))
        self.setWindowModified(modified)


def _default_size() -> tuple[int, int]:
    """1600×1000, or 95% of a smaller screen (offscreen renders keep the full size)."""
    width, height = DEFAULT_SIZE
    screen = QGuiApplication.primaryScreen()
    if screen is None or QGuiApplication.platformName() == "offscreen":
        return width, height
    available = screen.availableGeometry()
    return min(width, int(available.width() * 0.95)), min(height, int(available.height() * 0.95))


def _hold_size(label: QLabel) -> None:
    """Fix ``label`` (once laid out) at the largest size its text has needed so far: a label
    whose size may change re-lays out the whole window, every dock, with each new text (see
    ``LiveLabel``)."""
    if not label.isVisible():
        return
    size = label.sizeHint().expandedTo(label.minimumSize()).expandedTo(QSize(0, label.height()))
    if size != label.maximumSize():
        label.setFixedSize(size)


def _num(value: float) -> str:
    return f"{value:.4g}" if math.isfinite(value) else "–"


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%" if math.isfinite(value) else "–"
