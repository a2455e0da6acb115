"""Panel labels are whole and do not overlap in docks as narrow as the dashboard's, in English
and Korean: what a lecturer would see cut off ("class 0" hidden under "class 1", a probe
read-out running under the colour scale)."""

from __future__ import annotations

import re
from functools import cache

import pytest

pytest.importorskip("pytestqt")
pg = pytest.importorskip("pyqtgraph")

from PySide6 import QtCore, QtWidgets  # noqa: E402

from engine.presets import load_lesson  # noqa: E402
from engine.snapshot import Snapshot  # noqa: E402
from engine.trainer import Trainer  # noqa: E402
from gui import i18n  # noqa: E402
from gui.panels import PANELS, Panel  # noqa: E402
from gui.panels.base import ColorBar  # noqa: E402
from gui.theme import DARK  # noqa: E402


@pytest.fixture(params=["en", "ko"])
def lang(request, qapp, tmp_path):
    i18n.set_language(request.param, tmp_path)
    yield request.param
    i18n.set_language("en")


_docks: list[QtWidgets.QWidget] = []


@pytest.fixture(autouse=True)
def _drop_docks():
    yield
    _docks.clear()


@cache
def snapshot(lesson: str, steps: int, **changes: object) -> Snapshot:
    config = load_lesson(lesson).config
    if changes:
        config = config.with_changes({k.replace("__", "."): v for k, v in changes.items()})
    trainer = Trainer(config)
    trainer.run(steps)
    return trainer.snapshot()


def shown(qtbot, key: str, snap: Snapshot, width: int, height: int = 424) -> Panel:
    """A panel of ``key`` the size of a dashboard dock, showing ``snap``, laid out. It sits in
    a dock-like parent, which (unlike a window) may make it narrower than it asks to be."""
    dock = QtWidgets.QWidget()
    qtbot.addWidget(dock)
    dock.resize(width, height)
    panel = next(cls for cls in PANELS if cls.key == key)(dock)
    panel.apply_theme(DARK)
    panel.setGeometry(0, 0, width, height)
    dock.show()
    _docks.append(dock)
    panel.show_snapshot(snap)
    for _ in range(3):
        QtCore.QCoreApplication.processEvents()
    return panel


def rect_in(widget: QtWidgets.QWidget, panel: QtWidgets.QWidget) -> QtCore.QRect:
    return QtCore.QRect(widget.mapTo(panel, QtCore.QPoint(0, 0)), widget.size())


def plain(html_text: str) -> str:
    text = re.sub(r"<[^>]+>", "", html_text)
    return text.replace("&nbsp;", " ").replace("&amp;", "&")


def assert_wrapped_whole(label: QtWidgets.QLabel) -> None:
    """A word-wrapping label has the height its lines need at its width."""
    assert label.height() >= label.heightForWidth(label.width()), label.text()


# ---------------------------------------------------------------------------- graph
@pytest.mark.parametrize("width", [444, 380])
def test_graph_probe_readout_is_whole_beside_the_sample_box(qtbot, lang, width):
    panel = shown(qtbot, "graph", snapshot("xor", 300), width)
    probe = next(w for w in panel.findChildren(QtWidgets.QLabel) if w.text().startswith("x = ("))
    bar = panel.findChild(ColorBar)
    spin = panel.findChild(QtWidgets.QSpinBox)
    assert "P(" in probe.text() and probe.text().rstrip()[-1].isdigit()
    assert probe.width() >= probe.fontMetrics().horizontalAdvance(probe.text())
    assert not probe.is_elided() and not probe.toolTip()
    assert not rect_in(probe, panel).intersects(rect_in(bar, panel))
    assert not rect_in(probe, panel).intersects(rect_in(spin, panel))
    assert panel.rect().contains(rect_in(probe, panel))
    assert bar.isVisible() and bar.width() >= bar.fontMetrics().horizontalAdvance(bar.text())


def test_graph_readout_elides_only_when_out_of_room_with_the_whole_text_as_tip(qtbot):
    panel = shown(qtbot, "graph", snapshot("digits", 5), 260)
    probe = next(w for w in panel.findChildren(QtWidgets.QLabel) if w.text().startswith("x = ("))
    assert probe.is_elided()
    probe.grab()  # the tooltip is set as it paints
    assert probe.toolTip() == probe.text()
    assert "class" in probe.toolTip() and probe.toolTip().endswith(")")


@pytest.mark.parametrize("lesson", ["xor", "digits"])
def test_graph_note_wraps_beside_the_colour_scale(qtbot, lang, lesson):
    panel = shown(qtbot, "graph", snapshot(lesson, 20), 444)
    bar = panel.findChild(ColorBar)
    note = next(
        w for w in panel.findChildren(QtWidgets.QLabel) if w.wordWrap() and w.isVisibleTo(panel)
    )
    assert note.text()
    assert_wrapped_whole(note)
    assert not rect_in(note, panel).intersects(rect_in(bar, panel))
    canvas = panel.findChild(pg.GraphicsLayoutWidget)
    assert not rect_in(canvas, panel).intersects(rect_in(bar, panel))


# ---------------------------------------------------------------------------- decision
@pytest.mark.parametrize("width", [382, 300])
@pytest.mark.parametrize("dataset", ["xor", "blobs"])
def test_decision_key_entries_are_whole_and_clear_of_the_scale(qtbot, lang, width, dataset):
    changes = {"data__dataset": dataset, "data__n_classes": 4} if dataset == "blobs" else {}
    snap = snapshot("xor", 20, **changes)
    panel = shown(qtbot, "decision", snap, width)
    key = next(w for w in panel.findChildren(QtWidgets.QLabel) if "■" in w.text())
    bar = panel.findChild(ColorBar)
    entries = plain(key.text()).split("   ")  # two no-break spaces and a space between entries
    n_classes = max(snap.data.n_classes, 2)
    assert len(entries) == 2 + n_classes
    assert entries[2].endswith("0") and entries[-1].endswith(str(n_classes - 1))
    metrics = key.fontMetrics()
    assert all(metrics.horizontalAdvance(e) <= key.width() for e in entries)
    assert_wrapped_whole(key)
    assert panel.rect().contains(rect_in(key, panel))
    if bar.isVisible():
        assert panel.rect().contains(rect_in(bar, panel))
        assert not rect_in(key, panel).intersects(rect_in(bar, panel))
        assert bar.width() >= metrics.horizontalAdvance(bar.text())


def test_decision_key_keeps_one_row_when_there_is_room(qtbot):
    panel = shown(qtbot, "decision", snapshot("xor", 20), 900)
    key = next(w for w in panel.findChildren(QtWidgets.QLabel) if "■" in w.text())
    assert key.height() < 2 * key.fontMetrics().lineSpacing()
