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
from gui import i18n, names  # noqa: E402
from gui.panels import PANELS, Panel  # noqa: E402
from gui.panels.base import ColorBar, FlowLabel  # noqa: E402
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


# ---------------------------------------------------------------------------- curves
def words(text: str) -> list[str]:
    return [w for w in text.split() if w != "·"]


@pytest.mark.parametrize("width", [316, 250])
def test_curves_readout_wraps_between_values_and_keeps_every_value(qtbot, lang, width):
    snap = snapshot("xor", 300)
    panel = shown(qtbot, "curves", snap, width)
    readout = panel.findChild(FlowLabel)
    box = panel.findChild(QtWidgets.QCheckBox)
    h = snap.history
    text = readout.text()
    assert f"{h.loss[-1]:.4g}" in text and f"{h.val_loss[-1]:.4g}" in text
    assert f"{h.val_accuracy[-1]:.1%}" in text
    metrics = readout.fontMetrics()
    lines = readout.lines()
    assert len(lines) > 1
    assert words(" ".join(lines)) == words(text)  # nothing left out
    beside_box = readout.width() - (box.geometry().right() + 1)
    assert metrics.horizontalAdvance(lines[0]) <= beside_box  # the first line, beside the box
    assert all(metrics.horizontalAdvance(line) <= readout.width() for line in lines[1:])
    assert readout.height() >= box.height() + (len(lines) - 1) * metrics.lineSpacing()
    assert panel.rect().contains(rect_in(readout, panel))
    assert panel.rect().contains(rect_in(box, panel))


def test_curves_readout_is_one_line_when_there_is_room(qtbot):
    panel = shown(qtbot, "curves", snapshot("xor", 300), 1000)
    assert len(panel.findChild(FlowLabel).lines()) == 1


# ---------------------------------------------------------------------------- gradients
def visible_scene_rect(view: pg.GraphicsView) -> QtCore.QRectF:
    return view.mapToScene(view.viewport().rect()).boundingRect()


@pytest.mark.parametrize("width", [290, 220])
@pytest.mark.parametrize("lesson", ["xor", "vanishing-gradient"])
def test_gradient_legend_stays_inside_the_dock_and_off_the_curves(qtbot, lang, lesson, width):
    snap = snapshot(lesson, 20)
    panel = shown(qtbot, "gradients", snap, width)
    view = panel.findChild(pg.GraphicsLayoutWidget)
    legend = next(i for i in view.scene().items() if isinstance(i, pg.LegendItem))
    plot = view.ci.getItem(0, 0)
    assert len(legend.items) == len(snap.grad_norms)
    box = legend.sceneBoundingRect()
    assert visible_scene_rect(view).contains(box)
    assert not box.intersects(plot.vb.sceneBoundingRect())
    for _sample, label in legend.items:
        assert visible_scene_rect(view).contains(label.sceneBoundingRect())


# ---------------------------------------------------------------------------- activations
def titles(panel: Panel) -> list[pg.PlotItem]:
    view = panel.findChild(pg.GraphicsLayoutWidget)
    return [i for i in view.scene().items() if isinstance(i, pg.PlotItem)]


@pytest.mark.parametrize("activation", ["leaky_relu", "sigmoid"])
def test_activation_titles_use_display_names(qtbot, lang, activation):
    snap = snapshot("xor", 5, model__activation=activation)
    panel = shown(qtbot, "activations", snap, 700)
    shown_name = dict(names.activations())[activation]
    heads = [plain(p.titleLabel.text.replace("<br>", "\n")) for p in titles(panel)]
    assert len(heads) == 2
    assert all(shown_name in head for head in heads)
    assert not any(activation in head for head in heads if activation != shown_name)


@pytest.mark.parametrize("width", [329, 300])
def test_activation_titles_are_whole_in_a_narrow_dock(qtbot, lang, width):
    snap = snapshot("xor", 300)
    panel = shown(qtbot, "activations", snap, width)
    view = panel.findChild(pg.GraphicsLayoutWidget)
    for plot in titles(panel):
        text = plain(plot.titleLabel.text.replace("<br>", "\n"))
        assert "0." in text.splitlines()[-1]  # the std is there
        title = plot.titleLabel.item.sceneBoundingRect()
        assert visible_scene_rect(view).contains(title), text
        assert title.width() <= plot.sceneBoundingRect().width()


# ---------------------------------------------------------------------------- exports
def test_dashboard_export_keeps_legend_under_its_plot_and_histogram_titles_whole(qtbot):
    from gui.figure import Figure
    from gui.theme import SLIDE

    figure = Figure(["activations", "gradients", "curves", "graph"], (1600, 1000), SLIDE)
    figure.show_snapshot(snapshot("weight-init-sigmoid", 20))
    figure.image()  # lays out and paints as an export does
    try:
        activations, gradients = figure.panels[0], figure.panels[1]
        view = gradients.findChild(pg.GraphicsLayoutWidget)
        legend = next(i for i in view.scene().items() if isinstance(i, pg.LegendItem))
        plot = view.ci.getItem(0, 0)
        assert legend.sceneBoundingRect().top() >= plot.sceneBoundingRect().bottom() - 1
        assert visible_scene_rect(view).contains(legend.sceneBoundingRect())
        view = activations.findChild(pg.GraphicsLayoutWidget)
        plots = titles(activations)
        assert len(plots) == 5
        for plot in plots:
            assert visible_scene_rect(view).contains(plot.titleLabel.item.sceneBoundingRect())
            assert visible_scene_rect(view).contains(plot.vb.sceneBoundingRect())
    finally:
        figure.close()


def test_many_histograms_in_a_narrow_dock_break_titles_only_between_values(qtbot):
    snap = snapshot("weight-init-sigmoid", 5)
    panel = shown(qtbot, "activations", snap, 329)
    plots = titles(panel)
    assert len(plots) == 5
    for plot in plots:
        drawn = plot.titleLabel.item.toPlainText()
        assert "<" not in drawn and "style" not in drawn  # no markup cut open
        assert re.search(r"^layer \d+$", drawn, re.MULTILINE), drawn
        assert re.search(r"^saturated \d+%$", drawn, re.MULTILINE), drawn
