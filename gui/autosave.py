"""Crash safety: the current experiment is autosaved, and offered back after a killed session.

``Autosave(window, folder)`` takes a session lock in ``folder`` (a ``QLockFile``: it outlives a
killed process but not the process, so a live session is never mistaken for a crashed one).
Every ``interval_seconds`` of wall time it asks the training worker for a checkpoint (the
trainer is only ever touched in its own thread) and, when the step or the settings changed
since the last one, writes it to ``folder/experiment.npz`` in a background thread, atomically.
A clean end of the session (the window closes, or the app quits) deletes the file and drops the
lock. So a file found at start-up, once the lock is ours, was left by a session that did not
end cleanly: ``offer_restore`` asks whether to continue it.

The folder is ``QStandardPaths.AppDataLocation/autosave``, or ``$NNLENS_AUTOSAVE_DIR``;
``$NNLENS_AUTOSAVE_SECONDS`` sets the interval (0 turns autosave off). Scripted runs
(``--screenshot``, ``--quit``) and windows built by tests have no autosave unless asked.
"""

from __future__ import annotations

import math
import os
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import (
    QDateTime,
    QLocale,
    QLockFile,
    QObject,
    QStandardPaths,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QMessageBox

from engine import checkpoint
from engine.checkpoint import Checkpoint
from engine.errors import NnlensError
from gui.window import MainWindow

DEFAULT_SECONDS = 30.0
FILE_NAME = "experiment.npz"
LOCK_NAME = "session.lock"
FOLDER_VARIABLE = "NNLENS_AUTOSAVE_DIR"
SECONDS_VARIABLE = "NNLENS_AUTOSAVE_SECONDS"


def default_folder() -> Path:
    """``$NNLENS_AUTOSAVE_DIR``, else the app's data location's ``autosave`` folder."""
    if os.environ.get(FOLDER_VARIABLE):
        return Path(os.environ[FOLDER_VARIABLE])
    location = QStandardPaths.StandardLocation.AppDataLocation
    return Path(QStandardPaths.writableLocation(location)) / "autosave"


def default_interval() -> float:
    """``$NNLENS_AUTOSAVE_SECONDS`` (0: off), else 30 s; a value that is no number is ignored."""
    try:
        seconds = float(os.environ.get(SECONDS_VARIABLE, DEFAULT_SECONDS))
    except ValueError:
        return DEFAULT_SECONDS
    return seconds if math.isfinite(seconds) and seconds >= 0 else DEFAULT_SECONDS


class Autosave(QObject):
    """Autosave of one window's experiment into ``folder`` (see the module docstring)."""

    saved = Signal(int, int)
    """Step and bytes of an autosave just written."""
    _checkpoint_requested = Signal()
    _written = Signal(object, object)  # (step, seconds, bytes) or None, error message or None

    def __init__(
        self, window: MainWindow, folder: str | Path, interval_seconds: float = DEFAULT_SECONDS
    ) -> None:
        super().__init__(window)
        self.window = window
        self.folder = Path(folder)
        self.file = self.folder / FILE_NAME
        self.active = False
        self.write_seconds = math.nan
        """How long the last autosave took to write (in the background thread)."""
        self.file_bytes = 0
        self._lock = QLockFile(str(self.folder / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, round(interval_seconds * 1000)))
        self._timer.timeout.connect(self.request)
        self._pool: ThreadPoolExecutor | None = None
        self._writing: Future | None = None
        self._last: tuple[int, str] | None = None
        self._warned = False
        worker = window.training.worker
        self._checkpoint_requested.connect(worker.request_checkpoint)
        worker.checkpoint_ready.connect(self._on_checkpoint_ready)
        self._written.connect(self._on_written)
        window.closed.connect(self.finish)

    # ------------------------------------------------------------------ session
    def start(self) -> bool:
        """Take the session lock and start the timer; False (and no autosave) when another
        nnlens session holds the lock or the folder cannot be made."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(
                f"nnlens: no autosave: cannot make {self.folder} ({exc.strerror})", file=sys.stderr
            )
            return False
        if not self._lock.tryLock(0):
            return False
        self.active = True
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nnlens-autosave")
        self._timer.start()
        return True

    def finish(self, clean: bool = True) -> None:
        """End the session: wait for a write under way, delete the autosave when ``clean``,
        drop the lock. ``clean=False`` leaves the file as a killed process would."""
        if not self.active:
            return
        self.active = False
        self._timer.stop()
        if self._pool is not None:
            self._pool.shutdown(wait=True)
        if clean:
            self.file.unlink(missing_ok=True)
        self._lock.unlock()

    # ------------------------------------------------------------------ restoring
    def pending(self) -> Checkpoint | None:
        """The autosave a session that did not end cleanly left here (once ``start`` holds the
        lock), or None. An unreadable one is set aside with one line on stderr."""
        if not self.active or not self.file.exists():
            return None
        try:
            return checkpoint.load(self.file)
        except NnlensError as exc:
            aside = self.file.with_name("unreadable-" + FILE_NAME)
            self.file.replace(aside)
            print(f"nnlens: the autosave was set aside as {aside}: {exc}", file=sys.stderr)
            return None

    def offer_restore(self) -> bool:
        """Ask whether to continue the experiment a crashed session left; True if restored."""
        saved = self.pending()
        if saved is None:
            return False
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Restore experiment"))
        box.setText(
            self.tr(
                "Restore the experiment you were working on (step {step}, {name}, saved {time})?"
            ).format(step=saved.state.step, name=saved.config.name, time=_when(saved.saved_at))
        )
        box.setInformativeText(
            self.tr("nnlens did not close normally last time. Discard deletes the autosave.")
        )
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)
        box.setEscapeButton(discard)
        box.exec()
        if box.clickedButton() is restore:
            self.restore(saved)
            return True
        self.file.unlink(missing_ok=True)
        return False

    def restore(self, saved: Checkpoint) -> None:
        """Continue ``saved`` in the window (the worker builds the trainer in its thread)."""
        self._last = _key(saved)
        self.window.training.reset(saved)

    # ------------------------------------------------------------------ saving
    def request(self) -> None:
        """Ask the worker for a checkpoint; it is written when it differs from the last one."""
        if self.active:
            self._checkpoint_requested.emit()

    def _on_checkpoint_ready(self, saved: Checkpoint) -> None:
        if not self.active or (self._writing is not None and not self._writing.done()):
            return
        key = _key(saved)
        if key == self._last or (self._last is None and saved.state.step == 0):
            self._last = key  # nothing trained yet, or nothing new: nothing to lose
            return
        self._last = key
        self._writing = self._pool.submit(self._write, saved)

    def _write(self, saved: Checkpoint) -> None:
        """In the autosave thread: write, then report to the GUI thread."""
        started = time.perf_counter()
        try:
            size = checkpoint.save(
                self.file,
                saved.config,
                saved.state,
                saved.history,
                saved.param_path,
                saved.saved_at,
            )
        except NnlensError as exc:
            self._written.emit(None, str(exc))
            return
        self._written.emit((saved.state.step, time.perf_counter() - started, size), None)

    def _on_written(self, done: tuple[int, float, int] | None, error: str | None) -> None:
        if done is None:
            self._last = None  # try again next time
            if not self._warned:  # once: a dialog every 30 s would stop the lesson
                self._warned = True
                self.window.show_error(self.tr("Cannot autosave the experiment"), error or "")
            return
        step, self.write_seconds, self.file_bytes = done
        self._warned = False
        self.saved.emit(step, self.file_bytes)


def start_autosave(
    window: MainWindow, folder: str | Path | None = None, interval_seconds: float | None = None
) -> Autosave | None:
    """Autosave for ``window`` (folder and interval from the environment by default); None
    when it is off or another session holds the folder."""
    seconds = default_interval() if interval_seconds is None else interval_seconds
    if seconds <= 0:
        return None
    autosave = Autosave(window, default_folder() if folder is None else folder, seconds)
    if not autosave.start():
        autosave.deleteLater()
        return None
    return autosave


def _key(saved: Checkpoint) -> tuple[int, str]:
    return saved.state.step, saved.config.to_toml()


def _when(seconds: float) -> str:
    """``seconds`` since the epoch as the locale's short date and time."""
    if not math.isfinite(seconds):
        return "?"
    moment = QDateTime.fromSecsSinceEpoch(int(seconds))
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)
