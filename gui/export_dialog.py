"""The Export dialog (Ctrl+E, or a panel's right-click "Export…") and copying a panel to the
clipboard (Ctrl+Shift+C).

The window opens it with callables for the newest snapshot and the current config, and the
panels' keys::

    ExportDialog(window.newest_snapshot, lambda: window.saved, [p.key for p in window.panels],
                 window, current="curves", panels=window.panels, screen_theme=window.theme,
                 settings=window.settings).exec()

Figures come from ``gui.export`` (the same path as ``python main.py export``); animations from
``gui.animation``, which trains a fresh copy of the experiment (same config and seed, so the
same run) and records it. Problems are shown in a message box, never as a traceback.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from engine.config import ExperimentConfig
from engine.errors import NnlensError
from engine.presets import RaceSpec
from engine.snapshot import Snapshot
from engine.trainer import Trainer
from gui.animation import Cancelled, record
from gui.animation_box import AnimationBox, spin_box
from gui.export import SIZE_PRESETS, export_dashboard, export_panel
from gui.figure import PANEL_CLASSES, Figure, Size, resolve_theme
from gui.panels import Panel
from gui.theme import Theme

log = logging.getLogger(__name__)
CLIPBOARD_SIZE: Size = (1600, 1000)


def copy_to_clipboard(
    panel: Panel | str,
    snapshot: Snapshot | None,
    size: Size = CLIPBOARD_SIZE,
    theme: str | Theme = "slide",
    screen_theme: Theme | None = None,
) -> QtGui.QImage:
    """Put a PNG picture of ``panel`` at ``snapshot`` on the clipboard, ready to paste into
    slides; returns the image."""
    if snapshot is None:
        raise NnlensError(
            QtCore.QCoreApplication.translate("export", "Nothing to copy yet: train a step first.")
        )
    figure = Figure([panel], size, resolve_theme(theme, screen_theme))
    try:
        figure.show_snapshot(snapshot)
        image = figure.image()
    finally:
        figure.close()
    # Qt hands the image to other programs as PNG (and the other types they ask for)
    QtWidgets.QApplication.clipboard().setImage(image)
    return image


class ExportDialog(QtWidgets.QDialog):
    """What (this panel, chosen panels, the dashboard), format, size, theme, caption, TOML and
    where; plus an animation of the next steps or of steps N..M."""

    def __init__(
        self,
        newest: Callable[[], Snapshot | None],
        config: Callable[[], ExperimentConfig],
        panel_keys: Sequence[str],
        parent: QtWidgets.QWidget | None = None,
        *,
        current: str | None = None,
        panels: Sequence[Panel] = (),
        screen_theme: Theme | None = None,
        race: RaceSpec | None = None,
        settings: QtCore.QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export figure"))
        self._newest, self._config = newest, config
        self._keys = [k for k in panel_keys if k in PANEL_CLASSES]
        self._live = {p.key: p for p in panels}
        self._screen, self._race, self._settings = screen_theme, race, settings
        self._cancel = threading.Event()
        self._recording = False
        titles = {k: _title(k, self._live.get(k)) for k in self._keys}

        self.this_panel = QtWidgets.QRadioButton()
        self.this_choice = QtWidgets.QComboBox()
        for key in self._keys:
            self.this_choice.addItem(titles[key], key)
        if current in self._keys:
            self.this_choice.setCurrentIndex(self._keys.index(current))
        self.chosen = QtWidgets.QRadioButton(self.tr("These panels on one canvas:"))
        self.chosen_list = QtWidgets.QListWidget()
        for key in self._keys:
            item = QtWidgets.QListWidgetItem(titles[key])
            item.setData(QtCore.Qt.ItemDataRole.UserRole, key)
            item.setCheckState(QtCore.Qt.CheckState.Unchecked)
            self.chosen_list.addItem(item)
        self.chosen_list.setMaximumHeight(130)
        self.dashboard = QtWidgets.QRadioButton(self.tr("The whole dashboard"))
        self.this_panel.setText(self.tr("This panel:"))
        (self.this_panel if current in self._keys else self.dashboard).setChecked(True)

        self.format = QtWidgets.QComboBox()
        for fmt in ("png", "svg", "pdf"):
            self.format.addItem(fmt.upper(), fmt)
        self.size_choice = QtWidgets.QComboBox()
        for w, h in SIZE_PRESETS:
            label = f"{w} × {h}" + (self.tr(" (4:3)") if w * 3 == h * 4 else "")
            self.size_choice.addItem(label, (w, h))
        self.size_choice.addItem(self.tr("Custom…"), None)
        self.width_box = spin_box(1920)
        self.height_box = spin_box(1080)
        self.theme = QtWidgets.QComboBox()
        self.theme.addItem(self.tr("Slide (white, large print)"), "slide")
        self.theme.addItem(self.tr("Screen (as shown)"), "screen")
        self.caption = QtWidgets.QCheckBox(self.tr("Caption with the experiment's settings"))
        self.toml = QtWidgets.QCheckBox(self.tr("Write the experiment TOML next to it"))
        self.path = QtWidgets.QLineEdit()
        browse = QtWidgets.QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._on_browse_clicked)
        self.export_button = QtWidgets.QPushButton(self.tr("Export"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.status = QtWidgets.QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)

        what = QtWidgets.QGridLayout()
        what.addWidget(self.this_panel, 0, 0)
        what.addWidget(self.this_choice, 0, 1)
        what.addWidget(self.chosen, 1, 0, 1, 2)
        what.addWidget(self.chosen_list, 2, 0, 1, 2)
        what.addWidget(self.dashboard, 3, 0, 1, 2)
        sizes = QtWidgets.QHBoxLayout()
        sizes.addWidget(self.size_choice, 1)
        sizes.addWidget(self.width_box)
        sizes.addWidget(QtWidgets.QLabel("×"))
        sizes.addWidget(self.height_box)
        where = QtWidgets.QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Export"), what)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Size (pixels)"), sizes)
        form.addRow(self.tr("Theme"), self.theme)
        form.addRow("", self.caption)
        form.addRow("", self.toml)
        form.addRow(self.tr("Save as"), where)
        self.animation = AnimationBox(self)
        close = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.addButton(self.export_button, QtWidgets.QDialogButtonBox.ButtonRole.ActionRole)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.animation)
        layout.addWidget(self.status)
        layout.addWidget(close)

        for signal in (
            self.this_panel.toggled,
            self.chosen.toggled,
            self.format.currentIndexChanged,
            self.this_choice.currentIndexChanged,
        ):
            signal.connect(self._on_choice_changed)
        self.size_choice.currentIndexChanged.connect(self._on_size_changed)
        self.chosen_list.itemChanged.connect(lambda _: self.chosen.setChecked(True))
        self._restore()
        self._on_size_changed()
        self._on_choice_changed()

    # ------------------------------------------------------------------ choices
    def selected_panels(self) -> list[str]:
        if self.this_panel.isChecked():
            return [self.this_choice.currentData()]
        if self.chosen.isChecked():
            return [
                self.chosen_list.item(i).data(QtCore.Qt.ItemDataRole.UserRole)
                for i in range(self.chosen_list.count())
                if self.chosen_list.item(i).checkState() == QtCore.Qt.CheckState.Checked
            ]
        return list(self._keys)

    def figure_size(self) -> Size:
        preset = self.size_choice.currentData()
        return preset if preset else (self.width_box.value(), self.height_box.value())

    def _stem(self) -> str:
        keys = self.selected_panels()
        return keys[0] if self.this_panel.isChecked() and keys else "dashboard"

    def _on_choice_changed(self, *_: object) -> None:
        text = self.path.text().strip()
        folder = Path(text).parent if text else _default_folder(self._settings)
        self.path.setText(str(folder / f"{self._stem()}.{self.format.currentData()}"))
        self.animation.suggest(folder / self._stem())

    def _on_size_changed(self, *_: object) -> None:
        custom = self.size_choice.currentData() is None
        self.width_box.setEnabled(custom)
        self.height_box.setEnabled(custom)

    def _on_browse_clicked(self) -> None:
        fmt = self.format.currentData()
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("Export figure"), self.path.text(), f"{fmt.upper()} (*.{fmt})"
        )
        if name:
            self.path.setText(name if name.lower().endswith(f".{fmt}") else f"{name}.{fmt}")

    # ------------------------------------------------------------------ actions
    def _on_export_clicked(self) -> None:
        path = self.path.text().strip()
        keys = self.selected_panels()
        if not path or not keys:
            self._fail(self.tr("Choose at least one panel and a file name."))
            return
        snapshot = self._newest()
        if snapshot is None:
            self._fail(self.tr("Nothing to export yet: train a step first."))
            return
        panels = [self._live.get(k, k) for k in keys]
        options = {
            "size": self.figure_size(),
            "theme": self.theme.currentData(),
            "caption": self.caption.isChecked(),
            "race": self._race,
            "write_config": self.toml.isChecked(),
            "screen_theme": self._screen,
        }
        with _busy():
            done = self._attempt(
                lambda: (
                    export_panel(panels[0], snapshot, path, **options)
                    if self.this_panel.isChecked()
                    else export_dashboard(snapshot, path, panels=panels, **options)
                )
            )
        if done is not None:
            self.status.setText(self.tr("Wrote {path}").format(path=done))
            self._save()

    def record_animation(self, path: str, start: int | None, stop: int, every: int) -> None:
        """Train a fresh run of the current config and record the chosen panels."""
        self._cancel.clear()
        self._recording = True
        self.animation.set_running(True)
        trainer = Trainer(self._config())
        panels = [self._live.get(k, k) for k in self.selected_panels()]

        def progress(done: int, total: int) -> None:
            self.animation.progress.setMaximum(total)
            self.animation.progress.setValue(done)
            QtWidgets.QApplication.processEvents()  # the Cancel button stays live

        try:
            done = self._attempt(
                lambda: record(
                    trainer,
                    path,
                    panels,
                    start=start,
                    stop=stop,
                    every=every,
                    size=self.figure_size(),
                    theme=self.theme.currentData(),
                    caption=self.caption.isChecked(),
                    race=self._race,
                    screen_theme=self._screen,
                    progress=progress,
                    cancel=self._cancel,
                )
            )
        finally:
            self._recording = False
            self.animation.set_running(False)
        if done is not None:
            self.status.setText(self.tr("Wrote {path}").format(path=done))

    def cancel_recording(self) -> None:
        self._cancel.set()

    def newest_step(self) -> int:
        snapshot = self._newest()
        return snapshot.step if snapshot is not None else 0

    def _attempt(self, action: Callable[[], object]) -> object | None:
        try:
            return action()
        except Cancelled as exc:  # the user asked for it: said, not alarmed about
            self.status.setText(str(exc))
        except NnlensError as exc:
            self._fail(str(exc))
        except Exception as exc:  # shown to the user, never as a traceback; logged for us
            log.exception("export failed")
            self._fail(f"{type(exc).__name__}: {exc}")
        return None

    def _fail(self, message: str) -> None:
        self.status.setText(message)
        QtWidgets.QMessageBox.warning(self, self.tr("Export"), message)

    def reject(self) -> None:
        """Close (Esc, the Close button, the application quitting): a recording under way is
        cancelled too; it stops at its next check and writes nothing. Refusing to close while
        it ran made Qt drop the quit that closing the main window sends, and the app hung."""
        self._cancel.set()
        super().reject()

    # ------------------------------------------------------------------ settings
    def _remembered_boxes(self) -> tuple[tuple[QtWidgets.QComboBox, str], ...]:
        """The choice boxes kept in QSettings, with their keys under ``export/``."""
        return ((self.format, "format"), (self.size_choice, "size"), (self.theme, "theme"))

    def _restore(self) -> None:
        s = self._settings
        if s is None:
            return
        for box, key in self._remembered_boxes():
            index = box.findText(str(s.value(f"export/{key}", box.currentText())))
            box.setCurrentIndex(max(index, 0))
        self.width_box.setValue(int(s.value("export/width", 1920)))
        self.height_box.setValue(int(s.value("export/height", 1080)))
        self.caption.setChecked(s.value("export/caption", "false") == "true")
        self.toml.setChecked(s.value("export/toml", "false") == "true")

    def _save(self) -> None:
        s = self._settings
        if s is None:
            return
        for box, key in self._remembered_boxes():
            s.setValue(f"export/{key}", box.currentText())
        s.setValue("export/width", self.width_box.value())
        s.setValue("export/height", self.height_box.value())
        s.setValue("export/caption", "true" if self.caption.isChecked() else "false")
        s.setValue("export/toml", "true" if self.toml.isChecked() else "false")
        s.setValue("export/folder", str(Path(self.path.text()).parent))


def _title(key: str, live: Panel | None) -> str:
    if live is not None:
        return live.title()
    panel = PANEL_CLASSES[key]()  # built once to ask its (translated) title
    try:
        return panel.title()
    finally:
        panel.deleteLater()


def _default_folder(settings: QtCore.QSettings | None) -> Path:
    if settings is not None and settings.value("export/folder"):
        return Path(str(settings.value("export/folder")))
    pictures = QtCore.QStandardPaths.writableLocation(
        QtCore.QStandardPaths.StandardLocation.PicturesLocation
    )
    return Path(pictures) if pictures and Path(pictures).is_dir() else Path.home()


class _busy:
    """A wait cursor for the duration of a ``with`` block."""

    def __enter__(self) -> None:
        QtWidgets.QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)

    def __exit__(self, *_: object) -> None:
        QtWidgets.QApplication.restoreOverrideCursor()
