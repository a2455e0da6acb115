"""What the main window offers beyond the live dashboard: export, lessons, X-ray and rewind.

``install_extras(window)`` adds the menus, docks and the timeline bar, and connects them to the
window's training thread (a ``TimelineThread``). Kept apart from ``gui/window.py`` so the
dashboard itself stays small.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from engine.errors import NnlensError
from engine.presets import Lesson
from gui.compare_dialog import CompareDialog
from gui.compare_view import ComparisonView
from gui.export_dialog import ExportDialog, copy_to_clipboard
from gui.lesson_pane import LessonPane
from gui.panels.base import Panel
from gui.panels.overlay import OverlayCurvesPanel
from gui.timeline import Branched, TimelineBar
from gui.xray_view import XrayView

if TYPE_CHECKING:
    from gui.window import MainWindow

COMPARE_PANELS = ("curves", "weights", "activations", "decision", "gradients")


class Extras(QObject):
    """Owns the extra widgets of one window and the actions that reach them."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = w = window
        self.lesson: Lesson | None = None
        worker = w.training.worker

        self.lesson_pane = LessonPane(theme=w.theme)
        w._dock("lessons", self.tr("Lessons"), self.lesson_pane)
        self.lesson_pane.lesson_chosen.connect(self.open_lesson)

        self.xray = XrayView()
        w._dock("xray", self.tr("X-ray"), self.xray)
        w.docks["xray"].visibilityChanged.connect(self._on_xray_visibility_changed)
        self.xray.source_requested.connect(w.training.request_state)
        worker.state_ready.connect(self._on_state_ready)
        self.decision = next(p for p in w.panels if p.key == "decision")
        self.decision.training_point_clicked.connect(self._on_training_point_clicked)
        self.decision.validation_point_clicked.connect(self._on_validation_point_clicked)
        self.xray.followed_changed.connect(self._on_xray_followed_changed)

        self.timeline = TimelineBar()
        toolbar = w.addToolBar(self.tr("Timeline"))
        toolbar.setObjectName("toolbar-timeline")
        w.addToolBar(Qt.ToolBarArea.BottomToolBarArea, toolbar)
        toolbar.addWidget(self.timeline)
        worker.timeline_changed.connect(self.timeline.set_timeline)
        worker.branched.connect(self._on_branched)
        self.timeline.rewind_requested.connect(w.training.rewind)
        self.timeline.branch_requested.connect(w.training.branch)

        self.comparison = ComparisonView(theme=w.theme)
        self.comparison.setWindowFlag(Qt.WindowType.Window)
        self.comparison.setParent(w, self.comparison.windowFlags())
        self.comparison.resize(1500, 950)
        self.comparison.error_occurred.connect(
            lambda message: w.show_error(self.tr("Cannot compare"), message)
        )
        self.branch_view: OverlayCurvesPanel | None = None
        self._branch: Branched | None = None
        self._export_when_ready = False
        self._build_menus()
        for panel in w.panels:
            for child in panel.findChildren(QWidget):
                child.installEventFilter(self)

    # ------------------------------------------------------------------ menus
    def _build_menus(self) -> None:
        w = self.window
        bar = w.menuBar()
        file_menu = w.menus.file
        first = file_menu.actions()[min(4, len(file_menu.actions()) - 1)]
        for text, keys, slot in (
            (self.tr("Export figure…"), "Ctrl+E", self.export_figure),
            (self.tr("Copy panel as image"), "Ctrl+Shift+C", self.copy_panel),
            (self.tr("Export worked example…"), None, self.export_worked_example),
        ):
            action = QAction(text, w)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            file_menu.insertAction(first, action)
        file_menu.insertSeparator(first)
        lessons = QMenu(self.tr("&Lessons"), w)
        bar.insertMenu(w.menus.view.menuAction(), lessons)
        lessons.addAction(w.docks["lessons"].toggleViewAction())
        compare = lessons.addAction(self.tr("Compare…"))
        compare.triggered.connect(self.compare)
        window_action = lessons.addAction(self.tr("Show the comparison window"))
        window_action.triggered.connect(self._show_comparison)
        xray = lessons.addAction(self.tr("Backprop X-ray"))
        xray.setShortcut(QKeySequence("Ctrl+Shift+X"))
        xray.triggered.connect(lambda: w.docks["xray"].show())
        phase = self.xray.phase_action
        phase.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        phase.triggered.connect(lambda: w.docks["xray"].show())
        lessons.addAction(phase)
        w.menus.view.addAction(w.docks["xray"].toggleViewAction())

    def focused_panel(self) -> Panel | None:
        widget = self.window.focusWidget()
        while widget is not None and not isinstance(widget, Panel):
            widget = widget.parentWidget()
        return widget

    # ------------------------------------------------------------------ export
    def export_figure(self, key: str | None = None) -> None:
        w = self.window
        panel = self.focused_panel()
        dialog = ExportDialog(
            lambda: w.newest_snapshot,
            lambda: w.newest_snapshot.config if w.newest_snapshot else w.saved,
            [p.key for p in w.panels],
            w,
            current=key or (panel.key if panel else None),
            panels=w.panels,
            screen_theme=w.theme,
            race=self.lesson.race if self.lesson else None,
            settings=w.settings,
        )
        dialog.exec()

    def copy_panel(self) -> None:
        w = self.window
        panel = self.focused_panel() or w.panels[0]
        try:
            copy_to_clipboard(panel, w.newest_snapshot, screen_theme=w.theme)
        except NnlensError as exc:
            w.statusBar().showMessage(str(exc), 5000)
            return
        w.statusBar().showMessage(
            self.tr("{title} copied to the clipboard").format(title=panel.title()), 3000
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A right-click anywhere on a panel offers to export or copy that panel."""
        if event.type() != QEvent.Type.ContextMenu:
            return False
        widget = watched
        while widget is not None and not isinstance(widget, Panel):
            widget = widget.parentWidget()
        if widget is None:
            return False
        menu = QMenu(self.window)
        menu.addAction(self.tr("Export…"), lambda: self.export_figure(widget.key))
        menu.addAction(self.tr("Copy as image"), lambda: self._copy(widget))
        menu.exec(event.globalPos())
        return True

    def _copy(self, panel: Panel) -> None:
        panel.setFocus()
        self.copy_panel()

    def export_worked_example(self) -> None:
        """The handout needs the trainer's current state: ask the worker, export on arrival."""
        self._export_when_ready = True
        self.window.training.request_state()

    # ------------------------------------------------------------------ X-ray
    def _on_xray_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.window.training.request_state()
        self._on_xray_followed_changed(self.xray.followed_row())

    def _on_xray_followed_changed(self, row: int | None) -> None:
        """The decision panel rings the sample the X-ray follows while the X-ray is shown."""
        self.decision.set_followed(row if self.window.docks["xray"].isVisible() else None)

    def _on_training_point_clicked(self, row: int) -> None:
        self.xray.select_row(row)
        dock = self.window.docks["xray"]
        dock.show()
        dock.raise_()

    def _on_validation_point_clicked(self, row: int) -> None:
        self.window.statusBar().showMessage(
            self.tr(
                "Validation point {row}: the X-ray follows training samples (the filled dots)"
            ).format(row=row),
            5000,
        )

    def _on_state_ready(self, config: object, state: object) -> None:
        if self.window.docks["xray"].isVisible() or self._export_when_ready:
            self.xray.set_source(config, state)
        if self._export_when_ready:
            self._export_when_ready = False
            self.xray.export_worked_example()

    # ------------------------------------------------------------------ lessons
    def open_lesson(self, lesson: Lesson, load: bool = True) -> None:
        """Load the lesson's experiment into the dashboard (unless it is there already); its
        comparison, race or search opens in the comparison window. With ``load`` the lesson
        opens once its network is built, so one whose data cannot be read changes nothing."""
        if load:
            self.window.load_config(lesson.config, lesson)  # calls back with load=False
            return
        self.lesson = lesson
        self.show_lesson(lesson)
        if lesson.variants or lesson.race or lesson.search:
            self.comparison.open_lesson(lesson)
            self._show_comparison()

    def show_lesson(self, lesson: Lesson) -> None:
        """Select the lesson in the lessons tab (a lesson file outside the library is shown
        without being listed)."""
        self.lesson = lesson
        if not self.lesson_pane.select(lesson.name):
            self.lesson_pane.show_lesson(lesson)

    def compare(self) -> None:
        w = self.window
        try:
            base = w.controls.config()
        except NnlensError as exc:
            w.show_error(self.tr("Cannot compare these settings"), str(exc))
            return
        variants = CompareDialog.get_variants(base, w)
        if variants:
            self.comparison.open_variants(variants, COMPARE_PANELS, self.tr("Compare…"))
            self._show_comparison()

    def _show_comparison(self) -> None:
        self.comparison.show()
        self.comparison.raise_()

    def _on_branched(self, info: Branched) -> None:
        """Original and branch, overlaid like comparison variants; the branch keeps training."""
        self._branch = info
        if self.branch_view is None:
            self.branch_view = OverlayCurvesPanel()
            self.branch_view.setWindowFlag(Qt.WindowType.Window)
            self.branch_view.setParent(self.window, self.branch_view.windowFlags())
            self.branch_view.resize(900, 560)
            self.window.training.worker.snapshot_ready.connect(self._on_branch_snapshot)
        self.branch_view.apply_theme(self.window.theme)
        self.branch_view.setWindowTitle(self.tr("Branch from step {n}").format(n=info.step))
        self.branch_view.show_variants(list(info.snapshots), list(info.labels))
        self.branch_view.show()

    def _on_branch_snapshot(self, snapshot: object) -> None:
        info = self._branch
        if info is None or self.branch_view is None or not self.branch_view.isVisible():
            return
        self.branch_view.show_variants([info.snapshots[0], snapshot], list(info.labels))

    # ------------------------------------------------------------------ window life
    def apply_theme(self, theme: object) -> None:
        self.lesson_pane.apply_theme(theme)
        self.comparison.apply_theme(theme)
        self.xray.apply_theme(theme)
        if self.branch_view is not None:
            self.branch_view.apply_theme(theme)

    def retranslate(self) -> None:
        self.lesson_pane.retranslate()
        self.xray.retranslate()
        self.comparison.retranslate()

    def shutdown(self) -> None:
        self.comparison.shutdown()


def install_extras(window: MainWindow) -> Extras:
    return Extras(window)
