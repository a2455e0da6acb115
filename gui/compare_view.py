"""A comparison run on screen: overlaid curves, small multiples per variant, its own transport.

A lesson with variants shows its curves overlaid (one colour per variant), its loss surface
with every variant's path, and for each other panel it names one row per variant (see
``gui.compare_grid``). A lesson with a race shows the optimizer race instead; the search lesson
shows ``SearchView``. Slots only store; a ~30 Hz timer draws the newest snapshots.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6 import QtCore, QtGui, QtWidgets

from engine.compare import Variant
from engine.presets import Lesson
from engine.snapshot import Snapshot
from gui.compare_grid import PER_VARIANT, SmallMultiples
from gui.compare_worker import CompareThread
from gui.i18n import current_language
from gui.panels import OptimizerRacePanel, Panel
from gui.panels.landscape import LandscapePanel
from gui.panels.overlay import OverlayCurvesPanel
from gui.search_view import SearchView
from gui.theme import DARK, Theme

FRAME_MS = 33
CURVES_MINIMUM = 220
GRID_MINIMUM_CAP = 1400
"""The rows claim the width they need to draw unclipped, up to this; beyond it they scroll."""


class ComparisonView(QtWidgets.QWidget):
    """Shows one lesson or comparison; create once, then ``open_lesson`` / ``open_variants``.

    Call ``shutdown()`` before the application ends (it stops the comparison thread and any
    search).
    """

    frame_drawn = QtCore.Signal(list)
    """The snapshots (one per variant) just drawn."""
    running_changed = QtCore.Signal(bool)
    error_occurred = QtCore.Signal(str)

    def __init__(
        self,
        parent: QtWidgets.QWidget | None = None,
        theme: Theme = DARK,
        tick_seconds: float = 0.01,
    ) -> None:
        super().__init__(parent)
        self.theme = theme
        self.tick_seconds = tick_seconds
        self.thread: CompareThread | None = None
        self.variants: list[Variant] = []
        self._lesson: Lesson | None = None
        self.steps = 0
        self.curves: OverlayCurvesPanel | None = None
        self.landscape: LandscapePanel | None = None
        self.multiples: SmallMultiples | None = None
        self.race_panel: OptimizerRacePanel | None = None
        self.search_view: SearchView | None = None
        self._newest: list[Snapshot] | None = None
        self._drawn: list[Snapshot] | None = None
        self._accepting = False

        self._title = QtWidgets.QLabel()
        self._play = QtWidgets.QPushButton(self.tr("Play"))
        self._play.setCheckable(True)
        self._play.toggled.connect(self._on_play_toggled)
        step1 = QtWidgets.QPushButton(self.tr("Step"))
        step1.clicked.connect(lambda: self.step(1))
        step10 = QtWidgets.QPushButton(self.tr("Step ×10"))
        step10.clicked.connect(lambda: self.step(10))
        reset = QtWidgets.QPushButton(self.tr("Reset"))
        reset.setToolTip(self.tr("Start every variant again from its first weights"))
        reset.clicked.connect(self.reset)
        self.counter = QtWidgets.QLabel()
        self.status = QtWidgets.QLabel()
        self.status.setWordWrap(True)
        self._transport = QtWidgets.QWidget()
        bar = QtWidgets.QHBoxLayout(self._transport)
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (self._play, step1, step10, reset, self.counter):
            bar.addWidget(widget)
        bar.addWidget(self.status, 1)
        self._page = QtWidgets.QVBoxLayout()
        self._page.setContentsMargins(0, 0, 0, 0)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._title)
        layout.addWidget(self._transport)
        layout.addLayout(self._page, 1)
        self._frame = QtCore.QTimer(self)
        self._frame.setInterval(FRAME_MS)
        self._frame.timeout.connect(self._on_frame_timeout)
        self.apply_theme(theme)

    # ------------------------------------------------------------------ opening
    @property
    def mode(self) -> str:
        """``"compare"``, ``"race"``, ``"search"`` or ``""`` before anything is open."""
        if self.search_view is not None:
            return "search"
        if self.race_panel is not None:
            return "race"
        return "compare" if self.variants else ""

    @property
    def labels(self) -> list[str]:
        """The variants' labels in the language in use (a lesson may name them in Korean)."""
        lesson, lang = self._lesson, current_language()
        if lesson is None:
            return [v.label for v in self.variants]
        return [lesson.variant_label_in(v.label, lang) for v in self.variants]

    def retranslate(self) -> None:
        """Show the open lesson's title in the language now in use (the rest is relabelled by
        ``gui.localize`` and redrawn with each snapshot)."""
        if self._lesson is not None:
            self._title.setText(self._lesson.title_in(current_language()))
        if self.multiples is not None:
            self.multiples.set_labels(self.labels)
        self._drawn = None

    def open_lesson(self, lesson: Lesson) -> None:
        """Show ``lesson``: its race, its search, or its variants (the base experiment alone,
        labelled with the lesson's title, when it has none)."""
        title = lesson.title_in(current_language())
        if lesson.race is None and lesson.search is None:
            variants = lesson.variants or (Variant(lesson.title, lesson.config, {}),)
            self.open_variants(variants, lesson.panels, title, lesson.steps)
            self._lesson = lesson
            return
        self._clear_page()
        self._lesson = lesson
        self._title.setText(title)
        self._transport.hide()
        if lesson.race is not None:
            self.race_panel = OptimizerRacePanel()
            self.race_panel.set_race(lesson.race)
            widget: Panel = self.race_panel
        else:
            self.search_view = SearchView(lesson.config, lesson.search)
            widget = self.search_view
        widget.apply_theme(self.theme)
        self._page.addWidget(widget)

    def open_variants(
        self,
        variants: Sequence[Variant],
        panels: Sequence[str] = ("curves", "weights", "activations", "decision"),
        title: str = "",
        steps: int = 0,
    ) -> None:
        """Train ``variants`` in lockstep and show ``panels`` (keys as in lesson files; "race"
        is ignored here). Play stops at ``steps`` the first time when it is not 0."""
        self._clear_page()
        self.variants, self.steps = list(variants), int(steps)
        self._title.setText(title or self.tr("Comparison"))
        self._transport.show()
        self._build_page(list(panels))
        self._accepting = False
        if self.thread is None:
            self.thread = CompareThread(self.variants, self.tick_seconds, self)
            worker = self.thread.worker
            worker.snapshots_ready.connect(self._on_snapshots_ready)
            worker.steps_completed.connect(self._on_steps_completed)
            worker.running_changed.connect(self._on_running_changed)
            worker.reset_completed.connect(self._on_reset_completed)
            worker.diverged.connect(self.status.setText)
            worker.error.connect(self._on_error)
            self.thread.start()
        else:
            self.thread.reset(self.variants)
        self._frame.start()

    def _clear_page(self) -> None:
        if self.thread is not None:
            self.thread.pause()
        self._play.setChecked(False)
        if self.search_view is not None:
            self.search_view.shutdown()
        while self._page.count():
            widget = self._page.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.curves = self.landscape = self.multiples = None
        self.race_panel = self.search_view = None
        self.variants, self._newest, self._drawn = [], None, None
        self._lesson = None
        self.status.setText("")
        self.counter.setText("")

    def _build_page(self, panels: list[str]) -> None:
        kinds = [k for k in panels if k in PER_VARIANT]
        across = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal)
        if "curves" in panels:
            self.curves = OverlayCurvesPanel()
            across.addWidget(self.curves)
        if kinds:
            depth = max(len(v.config.model.hidden) for v in self.variants)
            self.multiples = SmallMultiples(self.labels, kinds, depth)
            scroll = QtWidgets.QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
            scroll.setWidget(self.multiples)
            across.addWidget(scroll)
            self._scroll = scroll
        if self.curves is not None and kinds:
            share = 35 if len(kinds) < 2 else 21
            across.setStretchFactor(0, share)
            across.setStretchFactor(1, 100 - share)
            across.setSizes([share * 20, (100 - share) * 20])
            self.curves.setMinimumWidth(CURVES_MINIMUM)
        if kinds:
            self.multiples.minimum_width_changed.connect(
                lambda width: scroll.setMinimumWidth(min(width + 4, GRID_MINIMUM_CAP))
            )
        body: QtWidgets.QWidget = across
        if "landscape" in panels:
            self.landscape = LandscapePanel()
            body = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
            body.addWidget(self.landscape)
            if across.count():
                body.addWidget(across)
                body.setStretchFactor(0, 55)
                body.setStretchFactor(1, 45)
                body.setSizes([550, 450])
        self._page.addWidget(body)
        self.apply_theme(self.theme)

    def panels(self) -> list[Panel]:
        """Every panel of the comparison page, shared ones first."""
        shared = [p for p in (self.curves, self.landscape) if p is not None]
        return shared + (self.multiples.all_panels() if self.multiples is not None else [])

    # ------------------------------------------------------------------ transport
    def play(self) -> None:
        self._play.setChecked(True)

    def pause(self) -> None:
        self._play.setChecked(False)

    def step(self, n: int = 1) -> None:
        """``n`` lockstep updates (for a race lesson: ``n`` steps of the race)."""
        if self.race_panel is not None:
            step = self.race_panel.tr("Step")
            buttons = self.race_panel.findChildren(QtWidgets.QPushButton)
            button = next(b for b in buttons if b.text() == step)
            for _ in range(n):
                button.click()
        elif self.thread is not None and self.variants:
            self._play.setChecked(False)
            self.thread.step(n)

    def reset(self) -> None:
        """Every variant back to its first weights (same seeds)."""
        if self.thread is not None and self.variants:
            self._play.setChecked(False)
            self._accepting = False
            self.thread.reset(self.variants)

    def _on_play_toggled(self, play: bool) -> None:
        self._play.setText(self.tr("Pause") if play else self.tr("Play"))
        if self.thread is None:
            return
        if play:
            done = self._newest[0].step if self._newest else 0
            self.thread.play(self.steps if self.steps > done else 0)
        else:
            self.thread.pause()

    def shutdown(self) -> bool:
        """Stop drawing, any search and the comparison thread (waits); True when all ended."""
        self._frame.stop()
        ended = self.search_view.shutdown() if self.search_view is not None else True
        if self.thread is not None:
            ended = self.thread.shutdown() and ended
        return ended

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    # ------------------------------------------------------------------ from the worker
    def _on_snapshots_ready(self, snapshots: list[Snapshot]) -> None:
        if self._accepting and len(snapshots) == len(self.variants):
            self._newest = snapshots

    def _on_steps_completed(self, step: int) -> None:
        if self._accepting:
            total = self.tr(" of {m}").format(m=self.steps) if self.steps else ""
            self.counter.setText(self.tr("step {n}").format(n=step) + total)

    def _on_running_changed(self, running: bool) -> None:
        if not running:
            self._play.blockSignals(True)
            self._play.setChecked(False)
            self._play.setText(self.tr("Play"))
            self._play.blockSignals(False)
        self.running_changed.emit(running)

    def _on_reset_completed(self, labels: list[str]) -> None:
        self._accepting = labels == [v.label for v in self.variants]
        self._newest = self._drawn = None
        for panel in (self.curves, self.landscape):
            if panel is not None:
                panel.clear()
        if self.multiples is not None:
            self.multiples.clear()

    def _on_error(self, message: str) -> None:
        self.status.setText(message)
        self.error_occurred.emit(message)

    # ------------------------------------------------------------------ drawing
    def _on_frame_timeout(self) -> None:
        snapshots = self._newest
        if snapshots is None or snapshots is self._drawn or self.thread is None:
            return
        with self.thread.drawing():
            self.draw(snapshots)
        self._drawn = snapshots
        self.thread.display_ready()
        self.frame_drawn.emit(snapshots)

    def draw(self, snapshots: Sequence[Snapshot]) -> None:
        """Hand each panel its variant's snapshot (the shared panels get them all)."""
        labels = self.labels
        if self.curves is not None:
            self.curves.show_variants(snapshots, labels)
        if self.landscape is not None:
            self.landscape.show_variants(snapshots, labels if len(labels) > 1 else [])
            self.landscape.setVisible(any(s.landscape is not None for s in snapshots))
        if self.multiples is not None:
            self.multiples.show_variants(snapshots)
            self._scroll.setVisible(not self.multiples.is_empty())
        problems = [
            self.tr("{label}: {reason}").format(label=label, reason=s.diverged)
            for label, s in zip(labels, snapshots, strict=True)
            if s.diverged
        ]
        self.status.setText(" · ".join(problems))

    # ------------------------------------------------------------------ theme
    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setPalette(theme.qpalette())
        self.setAutoFillBackground(True)
        self._title.setFont(theme.font(1.4, bold=True))
        for panel in (self.curves, self.landscape, self.race_panel, self.search_view):
            if panel is not None:
                panel.apply_theme(theme)
        if self.multiples is not None:
            self.multiples.apply_theme(theme)
