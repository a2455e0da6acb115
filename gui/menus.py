"""The main window's menus: File (experiments, recent files), View (panels, theme), Settings
(language), Help."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from gui.i18n import LANGUAGES, current_language
from gui.theme import DARK, LIGHT

if TYPE_CHECKING:
    from gui.window import MainWindow

MAX_RECENT = 8
TOML_FILTER = "TOML (*.toml)"


class Menus(QObject):
    """Builds the menu bar of ``window`` and handles what does not belong to the window itself."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        bar = window.menuBar()
        self.file = bar.addMenu(self.tr("&File"))
        self._add(
            self.file,
            self.tr("&Open experiment…"),
            self._on_open_triggered,
            QKeySequence.StandardKey.Open,
        )
        self.recent = self.file.addMenu(self.tr("Open &recent"))
        self.recent.aboutToShow.connect(self._on_recent_about_to_show)
        self._add(
            self.file,
            self.tr("&Save experiment"),
            self._on_save_triggered,
            QKeySequence.StandardKey.Save,
        )
        self._add(
            self.file,
            self.tr("Save experiment &as…"),
            self._on_save_as_triggered,
            QKeySequence.StandardKey.SaveAs,
        )
        self.file.addSeparator()
        self._add(self.file, self.tr("&Quit"), window.close, QKeySequence.StandardKey.Quit)

        self.view = bar.addMenu(self.tr("&View"))
        for dock in window.docks.values():
            self.view.addAction(dock.toggleViewAction())
        self.view.addSeparator()
        self._add(self.view, self.tr("Default &layout"), window.arrange_default)
        self.view.addSeparator()
        self.themes = QActionGroup(self)
        for theme, label in ((DARK, self.tr("&Dark theme")), (LIGHT, self.tr("L&ight theme"))):
            action = self._add(self.view, label, lambda _=False, t=theme: window.apply_theme(t))
            action.setCheckable(True)
            action.setData(theme.name)
            self.themes.addAction(action)

        self.settings = bar.addMenu(self.tr("&Settings"))
        self.language = self.settings.addMenu(self.tr("&Language"))
        self.languages = QActionGroup(self)
        for code, name in LANGUAGES.items():
            action = self.language.addAction(name)  # each language by its own name
            action.setCheckable(True)
            action.setData(code)
            action.setChecked(code == current_language())
            action.triggered.connect(lambda _=False, c=code: window.set_language(c))
            self.languages.addAction(action)

        self.help = bar.addMenu(self.tr("&Help"))
        self._add(
            self.help,
            self.tr("&Keyboard shortcuts"),
            self._on_shortcuts_triggered,
            QKeySequence.StandardKey.HelpContents,
        )
        self._add(self.help, self.tr("&About nnlens"), self._on_about_triggered)

    def _add(
        self, menu: QMenu, text: str, slot: object, shortcut: QKeySequence.StandardKey | None = None
    ) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def select_language(self, code: str) -> None:
        for action in self.languages.actions():
            action.setChecked(action.data() == code)

    def select_theme(self, name: str) -> None:
        for action in self.themes.actions():
            action.setChecked(action.data() == name)

    # ------------------------------------------------------------------ files
    def recent_files(self) -> list[str]:
        value = self.window.settings.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or []]

    def remember_file(self, path: Path) -> None:
        text = str(Path(path).resolve())
        files = [text, *(f for f in self.recent_files() if f != text)][:MAX_RECENT]
        self.window.settings.setValue("files/recent", files)

    def _on_recent_about_to_show(self) -> None:
        self.recent.clear()
        files = self.recent_files()
        for text in files:
            action = self.recent.addAction(Path(text).name)
            action.setToolTip(text)
            action.triggered.connect(lambda _=False, p=text: self.window.open_experiment(p))
        if not files:
            self.recent.addAction(self.tr("(none yet)")).setEnabled(False)

    def _start_dir(self) -> str:
        files = self.recent_files()
        return str(Path(files[0]).parent) if files else str(Path.cwd())

    def _on_open_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open experiment"), self._start_dir(), TOML_FILTER
        )
        if path:
            self.window.open_experiment(path)

    def _on_save_triggered(self) -> None:
        if self.window.path is None:
            self._on_save_as_triggered()
        else:
            self.window.save_experiment(self.window.path)

    def _on_save_as_triggered(self) -> None:
        start = str(Path(self._start_dir()) / f"{self.window.controls.applied.name}.toml")
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save experiment"), start, TOML_FILTER
        )
        if path:
            self.window.save_experiment(path if path.endswith(".toml") else path + ".toml")

    # ------------------------------------------------------------------ help
    def _on_shortcuts_triggered(self) -> None:
        rows = [
            (self.tr("Space"), self.tr("Play / pause")),
            (self.tr("→ or N"), self.tr("One step (one mini-batch update)")),
            (self.tr("Shift+→"), self.tr("Ten steps")),
            (self.tr("E"), self.tr("To the end of the epoch")),
            (self.tr("R"), self.tr("Reset with a new seed (new starting weights)")),
            (self.tr("Shift+R"), self.tr("Reset with the same seed and the settings shown")),
            (self.tr("."), self.tr("Backprop X-ray: the next phase of an update")),
            (self.tr("Ctrl+Shift+X"), self.tr("Show the backprop X-ray")),
            (self.tr("Ctrl+E"), self.tr("Export figure")),
            (self.tr("Ctrl+Shift+C"), self.tr("Copy the focused panel as an image")),
            (QKeySequence(QKeySequence.StandardKey.Open).toString(), self.tr("Open experiment")),
            (QKeySequence(QKeySequence.StandardKey.Save).toString(), self.tr("Save experiment")),
        ]
        table = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
        QMessageBox.information(
            self.window, self.tr("Keyboard shortcuts"), f"<table>{table}</table>"
        )

    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self.window,
            self.tr("About nnlens"),
            self.tr(
                "<b>nnlens</b> trains a small neural network in NumPy and shows what happens "
                "inside: the network, its weights and activations, the loss, the decision "
                "boundary and the gradients, step by step."
            ),
        )


def build_menus(window: MainWindow) -> Menus:
    return Menus(window)
