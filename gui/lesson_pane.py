"""The lesson pane (for a dock): pick a lesson, read what it shows and what to try, open it."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from engine.errors import NnlensError
from engine.presets import Lesson, lesson_names, load_lesson
from gui.i18n import current_language
from gui.names import setting
from gui.theme import DARK, Theme

PANEL_NAMES = {
    "graph": QtCore.QT_TRANSLATE_NOOP("LessonPane", "network graph"),
    "weights": QtCore.QT_TRANSLATE_NOOP("LessonPane", "weight distributions"),
    "activations": QtCore.QT_TRANSLATE_NOOP("LessonPane", "activation histograms"),
    "race": QtCore.QT_TRANSLATE_NOOP("LessonPane", "optimizer paths"),
    "curves": QtCore.QT_TRANSLATE_NOOP("LessonPane", "loss and accuracy"),
    "decision": QtCore.QT_TRANSLATE_NOOP("LessonPane", "decision boundary"),
    "gradients": QtCore.QT_TRANSLATE_NOOP("LessonPane", "gradient flow"),
    "landscape": QtCore.QT_TRANSLATE_NOOP("LessonPane", "loss surface"),
}


class LessonPane(QtWidgets.QWidget):
    """Every lesson in ``assets/lessons`` by title; ``lesson_chosen`` when the user opens one.

    ``lesson_selected`` follows the picker (for a preview); ``show_lesson`` shows any lesson,
    e.g. one loaded from a file the user opened.
    """

    lesson_selected = QtCore.Signal(object)
    lesson_chosen = QtCore.Signal(object)

    def __init__(self, parent: QtWidgets.QWidget | None = None, theme: Theme = DARK) -> None:
        super().__init__(parent)
        self._lessons: dict[str, Lesson] = {}
        self._problems: dict[str, str] = {}
        self._current: Lesson | None = None
        self.picker = QtWidgets.QComboBox()
        self.picker.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.picker.setMinimumContentsLength(20)
        self.picker.currentIndexChanged.connect(self._on_picker_changed)
        self.text = QtWidgets.QTextBrowser()
        self.text.setOpenExternalLinks(False)
        self.open_button = QtWidgets.QPushButton(self.tr("Open lesson"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._on_open_clicked)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(QtWidgets.QLabel(self.tr("Lesson")))
        layout.addWidget(self.picker)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button)
        self.theme = theme
        self.refresh()
        self.apply_theme(theme)

    def refresh(self) -> None:
        """Read the lesson files again (a broken one is listed, disabled, with its problem)."""
        keep = self._current.name if self._current is not None else None
        self._lessons, self._problems = {}, {}
        self.picker.blockSignals(True)
        self.picker.clear()
        for name in lesson_names():
            try:
                lesson = load_lesson(name)
            except NnlensError as exc:
                self._problems[name] = str(exc)
                self.picker.addItem(self.tr("{name} (cannot be read)").format(name=name), name)
                item = self.picker.model().item(self.picker.count() - 1)
                item.setEnabled(False)
                item.setToolTip(str(exc))
                continue
            self._lessons[name] = lesson
            self.picker.addItem(lesson.title_in(current_language()), name)
        self.picker.blockSignals(False)
        index = self.picker.findData(keep) if keep else -1
        first = next((i for i in range(self.picker.count()) if self._usable(i)), -1)
        self.picker.setCurrentIndex(index if index >= 0 else first)
        self._on_picker_changed()

    def retranslate(self) -> None:
        """List and describe the lessons again in the language now in use."""
        current = self._current
        self.refresh()
        if current is not None and not self.select(current.name):
            self.show_lesson(current)

    def _usable(self, index: int) -> bool:
        return self.picker.itemData(index) in self._lessons

    def lessons(self) -> list[Lesson]:
        return list(self._lessons.values())

    def current_lesson(self) -> Lesson | None:
        return self._current

    def select(self, name: str) -> bool:
        """Pick the lesson called ``name``; False when there is none."""
        index = self.picker.findData(name)
        if index < 0 or not self._usable(index):
            return False
        self.picker.setCurrentIndex(index)
        return True

    def show_lesson(self, lesson: Lesson) -> None:
        """Describe ``lesson`` (also one that is not in the picker, e.g. opened from a file)."""
        self._current = lesson
        self.text.setHtml(self.describe(lesson))
        self.open_button.setEnabled(True)

    def describe(self, lesson: Lesson) -> str:
        """The lesson as HTML, in the language in use: title, explanation, variants, panels,
        length."""
        lang = current_language()
        paragraphs = [
            " ".join(line.strip() for line in block.splitlines())
            for block in lesson.explanation_in(lang).split("\n\n")
            if block.strip()
        ]
        parts = [f"<h2>{html.escape(lesson.title_in(lang))}</h2>"]
        parts += [f"<p>{html.escape(p)}</p>" for p in paragraphs]
        if lesson.variants:
            rows = "".join(
                f"<li><b>{html.escape(lesson.variant_label_in(v.label, lang))}</b>"
                f"{self._changes(v.changes)}</li>"
                for v in lesson.variants
            )
            heading = self.tr("Variants")
            parts.append(f"<h3>{heading}</h3><ul>{rows}</ul>")
        if lesson.race is not None:
            runners = "".join(
                f"<li><b>{html.escape(lesson.runner_label_in(label, lang))}</b> — "
                f"{html.escape(name)}{self._hyper(hyper)}</li>"
                for label, (name, hyper) in lesson.race.runners.items()
            )
            heading = self.tr("Optimizers")
            parts.append(f"<h3>{heading}</h3><ul>{runners}</ul>")
        if lesson.search is not None:
            s = lesson.search
            parts.append(
                "<p>"
                + self.tr(
                    "{n} random runs of {k} steps: lr = 10^U({a}, {b}), λ = 10^U({c}, {d})"
                ).format(
                    n=s.trials,
                    k=s.steps,
                    a=s.lr[0],
                    b=s.lr[1],
                    c=s.weight_decay[0],
                    d=s.weight_decay[1],
                )
                + "</p>"
            )
        shown = ", ".join(self.tr(PANEL_NAMES[k]) for k in lesson.panels if k in PANEL_NAMES)
        facts = [self.tr("Shows: {panels}").format(panels=shown)]
        if lesson.steps:
            facts.append(self.tr("Meant to train for {n} steps").format(n=lesson.steps))
        elif lesson.race is None and lesson.search is None:
            facts.append(self.tr("Look at step 0: no training needed"))
        parts.append(f"<p><i>{' · '.join(html.escape(f) for f in facts)}</i></p>")
        parts.append(f"<p><small>{html.escape(Path(lesson.path).name)}</small></p>")
        return "".join(parts)

    def _changes(self, changes: dict) -> str:
        if not changes:
            return self.tr(" — the base experiment")
        items = ", ".join(f"{self._field(k)} = {self._value(v)}" for k, v in changes.items())
        return " — " + html.escape(items)

    def _hyper(self, hyper: dict) -> str:
        if not hyper:
            return ""
        return ", " + html.escape(", ".join(f"{k} {self._value(v)}" for k, v in hyper.items()))

    def _field(self, key: str) -> str:
        optimizer = {"optimizer.name": self.tr("optimizer"), "optimizer.lr": self.tr("lr")}
        if key in optimizer:
            return optimizer[key]
        return setting(key) if not key.startswith("optimizer.") else key.split(".")[-1]

    def _value(self, value: object) -> str:
        if isinstance(value, bool):
            return self.tr("on") if value else self.tr("off")
        return str(value)

    def _on_picker_changed(self, *_: object) -> None:
        lesson = self._lessons.get(self.picker.currentData())
        if lesson is None:
            self._current = None
            name = self.picker.currentData()
            self.text.setPlainText(self._problems.get(name, self.tr("No lessons found.")))
            self.open_button.setEnabled(False)
            return
        self.show_lesson(lesson)
        self.lesson_selected.emit(lesson)

    def _on_open_clicked(self) -> None:
        if self._current is not None:
            self.lesson_chosen.emit(self._current)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.setPalette(theme.qpalette())
        self.text.setFont(theme.font(1.15))
        self.text.document().setDefaultStyleSheet(
            f"h2 {{ color: {theme.foreground}; }} h3 {{ color: {theme.accent}; }}"
            " p, li { line-height: 135%; }"
        )
        if self._current is not None:
            self.text.setHtml(self.describe(self._current))
