"""Korean and English: the catalogue is complete, the switch is live, Hangul renders.

A text "left in the wrong language" is found the way a student would notice it: it is on screen,
has no Hangul, and the catalogue would turn it into Hangul (after a switch to Korean); or it has
Hangul after a switch back to English.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction, QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QMenu, QWidget

from gui import i18n
from gui.localize import terms_in
from tests.test_cli import run as run_main

HANGUL = re.compile(r"[\uac00-\ud7a3]")
PLACEHOLDER = re.compile(r"\{(\w*)(?::[^{}]*)?\}")


@pytest.fixture(autouse=True)
def english_afterwards(qapp):
    yield
    i18n.set_language("en")


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(what, text) of every text a user sees in ``root``'s windows: widgets that are visible,
    the menu bar's menus and actions, the plots' labels."""
    found: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        name = type(widget).__name__
        if widget.isWindow() or widget.objectName().startswith("dock-"):
            found.append((f"{name} title", widget.windowTitle()))
        if isinstance(widget, QLabel | QAbstractButton):
            found.append((name, widget.text()))
        if isinstance(widget, QGroupBox):
            found.append((name, widget.title()))
        if isinstance(widget, QComboBox):
            found.append((name, widget.currentText()))
        if isinstance(widget, pg.GraphicsView):
            for item in widget.scene().items():
                if not item.isVisible():
                    continue
                if isinstance(item, pg.AxisItem) and item.labelText:
                    found.append(("axis", item.labelText))
                elif isinstance(item, pg.LabelItem):
                    found.append(("label", item.text))
                elif isinstance(item, pg.TextItem):
                    found.append(("text", item.toPlainText()))
    for menu in root.menuBar().findChildren(QMenu):
        found.append(("menu", menu.title()))
        for action in menu.actions():
            if isinstance(action, QAction) and not action.isSeparator():
                found.append(("action", action.text()))
    return [(what, text) for what, text in found if text and text.strip()]


def english_left(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [
        (what, text)
        for what, text in texts
        if not HANGUL.search(text) and HANGUL.search(i18n.translate_text(text, "ko"))
    ]


def korean_left(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    own_names = set(i18n.LANGUAGES.values())  # each language is listed by its own name
    return [(w, t) for w, t in texts if HANGUL.search(t) and t not in own_names]


# ---------------------------------------------------------------------- the catalogue
def test_every_string_in_the_code_has_a_korean_translation(tmp_path):
    """lupdate over today's sources finds nothing the catalogue lacks or leaves unfinished."""
    copy = tmp_path / "nnlens_ko.ts"
    shutil.copy(i18n.ts_path("ko"), copy)
    assert i18n.update("ko", copy) == 0
    table = i18n.read_catalog(copy, "ko")
    assert not table.unfinished, f"untranslated: {table.unfinished[:10]}"
    assert len(table.by_source) > 400


def test_translations_keep_placeholders_accelerators_and_tags():
    table = i18n.read_catalog(i18n.ts_path("ko"), "ko")
    problems = []
    for (context, source), text in table.by_context.items():
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            problems.append((context, source, text, "placeholders"))
        if source.count("&") != text.count("&"):
            problems.append((context, source, text, "&"))
        if re.findall(r"</?\w+", source) != re.findall(r"</?\w+", text):
            problems.append((context, source, text, "tags"))
    assert not problems, problems[:5]


def test_the_compiled_catalogue_translates_in_the_context_lupdate_gave(tmp_path, qapp):
    qm = i18n.compiled("ko", tmp_path)
    assert qm is not None and qm.stat().st_size > 10_000
    i18n.set_language("ko", tmp_path)
    assert QCoreApplication.translate("Menus", "&File") == "파일(&F)"
    # a base class's string asked for under a subclass's name still translates
    assert QCoreApplication.translate("SomeSubclassPanel", "&File") == "파일(&F)"
    # Qt's own buttons come in Korean too
    from PySide6.QtWidgets import QDialogButtonBox

    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert HANGUL.search(buttons.buttons()[0].text())


def test_messages_built_from_templates_translate_with_their_blanks():
    assert i18n.translate_text("step 12", "ko") == "스텝 12"
    back = i18n.retranslated(i18n.translate_text("step 12", "ko"), "ko", "en")
    assert back == "step 12"
    assert i18n.translate_text("no such sentence", "ko") == "no such sentence"


def test_every_template_in_the_catalogue_can_be_matched():
    """A blank whose name also appears in the template's words ("Branch from step {n}") was
    read as a repeat of itself and the template dropped; every one must compile."""
    table = i18n.catalog("ko")
    templates = [s for s in table.by_source if PLACEHOLDER.search(s)]
    assert len(templates) > 200
    assert [s for s in templates if i18n._template(s) is None] == []
    shown = i18n.translate_text("Branch from step 40", "ko")
    assert HANGUL.search(shown) and "40" in shown
    assert i18n.retranslated(shown, "ko", "en") == "Branch from step 40"


def test_language_follows_the_option_then_the_setting_then_the_system(tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert i18n.startup_language(settings, "ko") == "ko"
    assert i18n.startup_language(settings) == i18n.system_language()
    settings.setValue(i18n.SETTING, "ko")
    assert i18n.startup_language(settings) == "ko"
    assert i18n.startup_language(settings, "en") == "en"


# ---------------------------------------------------------------------- the window
def test_switching_language_relabels_every_open_panel_live(open_window, qtbot, settings):
    window = open_window()
    window.docks["xray"].show()
    window.docks["lessons"].show()
    window.training.step(20)
    qtbot.waitUntil(lambda: window.newest_snapshot.step >= 20, timeout=10_000)
    before = shown_texts(window)
    assert not korean_left(before)

    window.set_language("ko")
    qtbot.wait(300)  # the panels redraw the newest snapshot in Korean
    after = shown_texts(window)
    assert not english_left(after), english_left(after)[:10]
    korean = [t for _, t in after if HANGUL.search(t)]
    assert len(korean) > 60
    assert settings.value(i18n.SETTING) == "ko"
    assert HANGUL.search(window.menus.file.title())

    window.set_language("en")
    qtbot.wait(300)
    back = shown_texts(window)
    assert not korean_left(back), korean_left(back)[:10]


def test_a_window_opened_in_korean_is_korean_throughout(open_window, qtbot):
    i18n.set_language("ko")
    window = open_window()
    texts = shown_texts(window)
    assert not english_left(texts), english_left(texts)[:10]


def test_korean_labels_of_course_terms_show_the_english_term(open_window, qtbot):
    window = open_window()
    window.set_language("ko")
    tips = {}
    for label in window.controls.findChildren(QLabel):
        english = i18n.source_text(label.text(), "ko")
        if terms_in(english):
            tips[english] = label.toolTip()
    assert tips, "no course-term labels found in the controls"
    for english, tip in tips.items():
        for term in terms_in(english):
            assert term in tip, (english, tip)
    window.set_language("en")
    assert all(not HANGUL.search(label.toolTip()) for label in window.controls.findChildren(QLabel))


def test_the_language_menu_switches_and_marks_the_choice(open_window, qtbot):
    window = open_window()
    korean = next(a for a in window.menus.languages.actions() if a.data() == "ko")
    korean.trigger()
    assert i18n.current_language() == "ko"
    assert korean.isChecked()
    assert HANGUL.search(window.menus.help.title())


# ---------------------------------------------------------------------- Hangul glyphs
def _render(text: str, font: QFont) -> np.ndarray:
    image = QImage(360, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    data = np.array(image.constBits(), dtype=np.uint8).reshape(60, 360, 4)
    return data[..., :3].copy()


def test_hangul_renders_with_the_bundled_font_not_as_boxes(qapp):
    i18n.install_font()
    family = i18n.korean_font_family()
    assert family
    text = "손실 함수와 역전파"
    app_font = QFont(qapp.font())
    app_font.setPixelSize(24)
    bundled = QFont(family)
    bundled.setPixelSize(24)
    no_fallback = QFont("DejaVu Sans")  # a font without Hangul, not allowed to fall back
    no_fallback.setPixelSize(24)
    no_fallback.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    shown, reference, boxes = (_render(text, f) for f in (app_font, bundled, no_fallback))
    assert (reference < 128).sum() > 500  # the reference has ink
    assert np.abs(shown.astype(int) - reference.astype(int)).mean() < 1.0
    # the test can fail: without the bundled font this machine draws something else
    if not _system_has_korean_font():
        assert np.abs(boxes.astype(int) - reference.astype(int)).mean() > 5.0


def _system_has_korean_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    out = subprocess.run([fc_list, ":lang=ko"], capture_output=True, text=True).stdout
    return bool(out.strip())


# ---------------------------------------------------------------------- the command line
def test_worked_example_in_korean_is_written_in_korean(tmp_path):
    out = tmp_path / "we.md"
    run = run_main("worked-example", "--preset", "xor", "--out", str(out), "--lang", "ko")
    assert run.returncode == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    assert "## 순전파" in text and "## 역전파" in text
    english = run_main("worked-example", "--preset", "xor", "--out", str(tmp_path / "en.md"))
    assert english.returncode == 0
    assert not HANGUL.search((tmp_path / "en.md").read_text(encoding="utf-8"))
    numbers = re.compile(r"−?\d+\.\d+")
    assert numbers.findall(text) == numbers.findall((tmp_path / "en.md").read_text())


def test_cli_errors_in_korean_say_the_same_in_one_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[optimizer]\nlr = "fast"\n', encoding="utf-8")
    run = run_main(
        "export", "--config", str(bad), "--steps", "1", "--out", str(tmp_path), "--lang", "ko"
    )
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "optimizer.lr" in lines[0] and HANGUL.search(lines[0]), lines
