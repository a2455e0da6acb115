"""Starting the desktop app, and the launch options that make it scriptable.

``run_app(config, steps=N, screenshot=PNG, quit_after=True)`` opens the window, trains N steps
through the real worker thread, saves ``window.grab()`` once the newest snapshot is drawn, and
quits after shutting the training thread down.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QSettings,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from engine.config import ExperimentConfig
from engine.presets import Lesson, load_lesson
from engine.snapshot import Snapshot
from gui.autosave import start_autosave
from gui.i18n import install_font, set_language, startup_language
from gui.window import MainWindow

ORGANIZATION = "nnlens"
APPLICATION = "nnlens"


def _on_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings go to stderr as usual, except the offscreen platform's notes that it
    cannot resize or raise windows, which say nothing to a user."""
    if not message.startswith("This plugin does not support"):
        print(message, file=sys.stderr)


def application() -> QApplication:
    """The process's QApplication, created with the names QSettings files go by."""
    app = QApplication.instance()
    if app is None:
        qInstallMessageHandler(_on_qt_message)
        QCoreApplication.setOrganizationName(ORGANIZATION)
        QCoreApplication.setApplicationName(APPLICATION)
        app = QApplication(sys.argv[:1])
        app.setStyle("Fusion")
    install_font()
    return app


class Script:
    """Runs the launch options once the window shows its first snapshot."""

    def __init__(
        self, window: MainWindow, steps: int, screenshot: str | None, quit_after: bool
    ) -> None:
        self.window, self.steps, self.screenshot, self.quit_after = (
            window,
            steps,
            screenshot,
            quit_after,
        )
        self.target: int | None = None
        self.exit_code = 0
        window.frame_drawn.connect(self._on_frame_drawn)

    def _on_frame_drawn(self, snapshot: Snapshot) -> None:
        if self.target is None:
            self.target = snapshot.step + self.steps
            if self.steps:
                self.window.training.step(self.steps)
                return
        if snapshot.step < self.target and not snapshot.diverged:
            return
        self.window.frame_drawn.disconnect(self._on_frame_drawn)
        QTimer.singleShot(0, self._finish)

    def _finish(self) -> None:
        QCoreApplication.sendPostedEvents()
        if self.screenshot:
            self._save(Path(self.screenshot))
        if self.quit_after:
            self.window.close()

    def _save(self, path: Path) -> None:
        image = self.window.grab()
        if not image.save(str(path), "PNG"):
            print(f"nnlens: error: cannot write the screenshot {path}", file=sys.stderr)
            self.exit_code = 1


def _no_display() -> bool:
    return (
        sys.platform.startswith("linux")
        and "QT_QPA_PLATFORM" not in os.environ
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    )


def run_app(
    config: ExperimentConfig | None = None,
    steps: int = 0,
    screenshot: str | None = None,
    quit_after: bool = False,
    lesson: Lesson | None = None,
    lang: str | None = None,
) -> int:
    """Open the window on ``config`` (the ``xor`` lesson when None) in ``lang`` (default: the
    language chosen last time, else the system's); return the exit code."""
    if _no_display() and QApplication.instance() is None:
        if not quit_after:
            print(
                "nnlens: error: no display to open the window on (DISPLAY is not set); run it "
                "on a desktop, or add --screenshot FILE --quit to render offscreen",
                file=sys.stderr,
            )
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a scripted run needs no screen
    app = application()
    set_language(startup_language(QSettings(), lang))
    if config is None and lesson is None:
        lesson = load_lesson("xor")
    if config is None:
        config = lesson.config
    scripted = bool(steps or screenshot or quit_after)
    window = MainWindow(config, remember=not quit_after)
    script = Script(window, steps, screenshot, quit_after) if scripted else None
    window.show()
    autosave = None if screenshot or quit_after else start_autosave(window)
    restored = autosave is not None and autosave.offer_restore()
    if lesson is not None and not restored:
        # A scripted run shows the dashboard alone: the comparison would train beside it.
        if scripted:
            window.extras.show_lesson(lesson)
        else:
            window.extras.open_lesson(lesson, load=False)
    code = app.exec()
    window.shutdown()
    if autosave is not None:
        autosave.finish()  # the app quit without the window closing: still a clean end
    window.deleteLater()
    QCoreApplication.sendPostedEvents()
    del window
    return code or (script.exit_code if script else 0)
