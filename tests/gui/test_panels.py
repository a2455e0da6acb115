"""Every panel draws real snapshots of every kind and shows what a lecturer would notice."""

from __future__ import annotations

import dataclasses
import re
from functools import cache

import numpy as np
import pytest

pytest.importorskip("pytestqt")
pg = pytest.importorskip("pyqtgraph")

from PySide6 import QtCore, QtWidgets  # noqa: E402

from engine.presets import load_lesson  # noqa: E402
from engine.snapshot import Snapshot  # noqa: E402
from engine.trainer import Trainer  # noqa: E402
from gui.panels import PANELS, Panel  # noqa: E402
from gui.panels.base import ColorBar  # noqa: E402
from gui.theme import DARK, LIGHT, SLIDE, THEMES, diverging_color, diverging_rgba  # noqa: E402

KEYS = ["graph", "weights", "activations", "race", "curves", "decision", "gradients"]


def _config(kind: str):
    xor = load_lesson("xor").config
    return {
        "xor": xor,
        "digits": load_lesson("digits").config.with_changes({"model.hidden": [100] * 5}),
        "sine": xor.with_changes({"data.dataset": "sine", "model.hidden": [16, 16]}),
        "deep_sigmoid": xor.with_changes({"model.hidden": [8] * 10, "model.activation": "sigmoid"}),
        "wide": xor.with_changes(
            {"model.hidden": [1024], "model.activation": "relu", "model.init": "he"}
        ),
        "no_hidden": xor.with_changes({"model.hidden": []}),
        "blobs": xor.with_changes({"data.dataset": "blobs", "data.n_classes": 4}),
        "sigmoid_std1": load_lesson("weight-init-sigmoid").config,
        "sigmoid_std001": load_lesson("weight-init-sigmoid").config.with_changes(
            {"model.init_std": 0.01}
        ),
        "vanishing": load_lesson("vanishing-gradient").config,
    }[kind]


@cache
def snapshots(kind: str, *steps: int) -> tuple[Snapshot, ...]:
    """Snapshots of one run after each number of steps."""
    trainer = Trainer(_config(kind))
    out = []
    for n in steps:
        trainer.run(n - trainer.step_count)
        out.append(trainer.snapshot())
    return tuple(out)


def nan_snapshot(kind: str) -> Snapshot:
    """A snapshot whose every float is NaN, as a broken run could hand over."""
    s = snapshots(kind, 20)[0]

    def nan(a: np.ndarray) -> np.ndarray:
        return np.full_like(np.asarray(a, dtype=float), np.nan)

    def hists(hs):
        return tuple(
            dataclasses.replace(
                h,
                counts=np.zeros_like(h.counts),
                mean=np.nan,
                std=np.nan,
            )
            for h in hs
        )

    history = dataclasses.replace(
        s.history,
        **{
            f: nan(getattr(s.history, f))
            for f in (
                "loss",
                "train_loss",
                "train_accuracy",
                "val_loss",
                "val_accuracy",
                "grad_norms",
            )
        },
    )
    return dataclasses.replace(
        s,
        params={k: nan(v) for k, v in s.params.items()},
        weight_hists=hists(s.weight_hists),
        bias_hists=hists(s.bias_hists),
        activation_hists=hists(s.activation_hists),
        probe_activations=tuple(nan(a) for a in s.probe_activations),
        probe_outputs=nan(s.probe_outputs),
        grad_norms=nan(s.grad_norms),
        history=history,
        decision=s.decision
        and dataclasses.replace(
            s.decision,
            value=nan(s.decision.value),
            confidence=None if s.decision.confidence is None else nan(s.decision.confidence),
        ),
        curve=s.curve and dataclasses.replace(s.curve, ys=nan(s.curve.ys)),
    )


def make(qtbot, cls: type[Panel], theme=DARK) -> Panel:
    panel = cls()
    qtbot.addWidget(panel)
    panel.apply_theme(theme)
    panel.resize(800, 500)
    panel.show()
    return panel


def panel_of(key: str) -> type[Panel]:
    return next(cls for cls in PANELS if cls.key == key)


def texts(panel: Panel) -> str:
    """Everything written in the panel: labels, plot titles, axis and legend text."""
    out = [w.text() for w in panel.findChildren(QtWidgets.QLabel) if w.isVisibleTo(panel)]
    out += [w.text() for w in panel.findChildren(ColorBar) if w.isVisibleTo(panel)]
    for view in panel.findChildren(pg.GraphicsView):
        for item in view.scene().items():
            if isinstance(item, pg.LabelItem) and item.isVisible():
                out.append(item.text)
            elif isinstance(item, pg.TextItem) and item.isVisible():
                out.append(item.toPlainText())
    return re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", "\n", "\n".join(out)))


def saturation(panel: Panel) -> dict[int, int]:
    """Layer number → the saturation percentage written on its histogram."""
    found = re.findall(r"layer (\d+)(?: · |\n)[^\n]*\nsaturated (\d+)%", texts(panel))
    return {int(layer): int(p) for layer, p in found}


def plotted(panel: Panel) -> list[np.ndarray]:
    """The arrays handed to every curve, scatter, bar and image item of the panel."""
    arrays = []
    for view in panel.findChildren(pg.GraphicsView):
        for item in view.scene().items():
            if isinstance(item, pg.PlotCurveItem) and item.xData is not None:
                arrays += [item.xData, item.yData]
            elif isinstance(item, pg.ScatterPlotItem):
                arrays += [item.data["x"], item.data["y"]]
            elif isinstance(item, pg.BarGraphItem) and item.opts.get("height") is not None:
                arrays.append(np.asarray(item.opts["height"], dtype=float))
            elif isinstance(item, pg.ImageItem) and item.image is not None:
                arrays.append(np.asarray(item.image, dtype=float))
    return arrays


def curves_named(panel: Panel) -> dict[str, pg.PlotDataItem]:
    items = {}
    for view in panel.findChildren(pg.GraphicsView):
        for item in view.scene().items():
            if isinstance(item, pg.PlotDataItem) and item.name():
                items[item.name()] = item
    return items


# ---------------------------------------------------------------------------- contract
def test_panels_are_listed_in_order_with_stable_keys():
    assert [cls.key for cls in PANELS] == KEYS
    assert all(issubclass(cls, Panel) for cls in PANELS)


def test_themes_and_diverging_map():
    assert set(THEMES) == {"dark", "light", "slide"}
    assert SLIDE.font_size > LIGHT.font_size and SLIDE.line_width > LIGHT.line_width
    assert len(DARK.palette) >= 8
    rgba = diverging_rgba(np.array([-2.0, -1.0, 0.0, 1.0, np.nan]), 1.0)
    assert rgba.shape == (5, 4) and rgba.dtype == np.uint8
    assert rgba[1, 2] > rgba[1, 0] and rgba[3, 0] > rgba[3, 2]  # blue below, red above
    assert (rgba[0] == rgba[1]).all() and (rgba[4] == rgba[2]).all()
    assert diverging_color(0.5, 1.0).red() > diverging_color(-0.5, 1.0).red()


@pytest.mark.parametrize(
    "kind", ["xor", "digits", "sine", "deep_sigmoid", "wide", "no_hidden", "blobs"]
)
@pytest.mark.parametrize("cls", PANELS, ids=KEYS)
def test_every_panel_draws_every_kind_of_run(qtbot, cls, kind):
    first, second = snapshots(kind, 3, 40)
    panel = make(qtbot, cls)
    assert panel.title()
    panel.show_snapshot(first)
    panel.show_snapshot(second)
    panel.apply_theme(LIGHT)
    panel.clear()
    panel.show_snapshot(second)
    qtbot.wait(10)
    assert all(np.isfinite(a).all() for a in plotted(panel))
    assert not panel.grab().isNull()


@pytest.mark.parametrize("cls", PANELS, ids=KEYS)
def test_one_panel_follows_a_lecture_switching_networks(qtbot, cls):
    panel = make(qtbot, cls)
    for kind in ["xor", "digits", "sine", "no_hidden", "wide", "blobs", "deep_sigmoid", "xor"]:
        panel.show_snapshot(snapshots(kind, 3, 40)[1])
    qtbot.wait(10)
    assert all(np.isfinite(a).all() for a in plotted(panel))


@pytest.mark.parametrize("kind", ["xor", "blobs", "sine"])
@pytest.mark.parametrize("cls", PANELS, ids=KEYS)
def test_nothing_nan_reaches_a_plot(qtbot, cls, kind):
    panel = make(qtbot, cls)
    panel.show_snapshot(snapshots(kind, 20)[0])
    panel.show_snapshot(nan_snapshot(kind))
    qtbot.wait(10)
    for array in plotted(panel):
        assert np.isfinite(array).all()


@pytest.mark.parametrize("cls", PANELS, ids=KEYS)
def test_slide_theme_paints_a_white_background(qtbot, cls):
    panel = make(qtbot, cls, SLIDE)
    panel.show_snapshot(snapshots("xor", 3, 40)[1])
    qtbot.wait(10)
    image = panel.grab().toImage()
    assert image.pixelColor(image.width() - 2, image.height() // 2).lightness() > 240


# ---------------------------------------------------------------------------- per panel
def test_graph_shows_a_subset_of_wide_layers_and_hover_values(qtbot):
    panel = make(qtbot, panel_of("graph"))
    panel.show_snapshot(snapshots("digits", 3)[0])
    assert "showing 16 of 100 neurons" in texts(panel)
    assert "hidden 5" in texts(panel) and "output" in texts(panel)

    panel.show_snapshot(snapshots("xor", 3)[0])
    panel.show_snapshot(snapshots("wide", 3)[0])
    assert "showing 16 of 1024 neurons" in texts(panel)
    panel.show_snapshot(snapshots("xor", 3)[0])
    assert "showing" not in texts(panel)
    assert "hidden 1\n4 tanh" in texts(panel)
    view = panel.findChild(pg.GraphicsLayoutWidget)
    plot = view.ci.getItem(0, 0)
    qtbot.wait(20)
    point = view.mapFromScene(plot.vb.mapViewToScene(QtCore.QPointF(0.0, 0.5)))
    qtbot.mouseMove(view.viewport(), point)
    qtbot.waitUntil(lambda: "input x[0]" in QtWidgets.QToolTip.text(), timeout=2000)


def test_graph_node_fill_follows_the_chosen_sample(qtbot):
    panel = make(qtbot, panel_of("graph"))
    panel.show_snapshot(snapshots("xor", 40)[0])
    spin = panel.findChild(QtWidgets.QSpinBox)
    before = texts(panel)
    spin.setValue(5)
    assert texts(panel) != before


def test_activations_show_saturation_and_collapse(qtbot):
    panel = make(qtbot, panel_of("activations"))
    saturated = snapshots("sigmoid_std1", 0)[0]
    panel.show_snapshot(saturated)
    shown = saturation(panel)
    assert shown == {
        l: round(100 * h.saturated) for l, h in enumerate(saturated.activation_hists, start=1)
    }
    assert len(shown) == 5 and min(shown.values()) >= 50

    panel.show_snapshot(snapshots("sigmoid_std001", 0)[0])
    assert saturation(panel) == dict.fromkeys(range(1, 6), 0)
    for curve in (c for c in curves_of(panel) if len(c.yData)):
        peak = curve.xData[np.argmax(curve.yData)]
        assert 0.45 <= peak <= 0.55
        assert (
            curve.getViewBox().viewRange()[0][0] < 0.0 < 1.0 < curve.getViewBox().viewRange()[0][1]
        )


def curves_of(panel: Panel) -> list[pg.PlotCurveItem]:
    return [
        item
        for view in panel.findChildren(pg.GraphicsView)
        for item in view.scene().items()
        if isinstance(item, pg.PlotCurveItem)
    ]


def test_activations_without_hidden_layers_say_so(qtbot):
    panel = make(qtbot, panel_of("activations"))
    panel.show_snapshot(snapshots("no_hidden", 3)[0])
    assert "No hidden layers" in texts(panel)


def test_race_follows_the_transport_and_sgd_zigzags(qtbot):
    panel = make(qtbot, panel_of("race"))
    snaps = snapshots("xor", 3, 30)
    panel.show_snapshot(snaps[0])
    panel.show_snapshot(snaps[1])
    path = panel.race.paths["SGD"]
    assert panel.race.steps == 30 and len(path) == 31
    signs = np.sign(path[1:, 1])
    assert (signs[1:] != signs[:-1]).all()
    assert len(curves_named(panel)["SGD"].getData()[0]) == 31

    panel.show_snapshot(snapshots("xor", 3)[0])
    assert panel.race.steps == 3

    step = next(b for b in panel.findChildren(QtWidgets.QPushButton) if b.text() == "Step")
    qtbot.mouseClick(step, QtCore.Qt.MouseButton.LeftButton)
    assert panel.race.steps == 4


def test_race_click_moves_the_start(qtbot):
    panel = make(qtbot, panel_of("race"))
    panel.show_snapshot(snapshots("xor", 30)[0])
    view = panel.findChild(pg.GraphicsLayoutWidget)
    plot = view.ci.getItem(0, 0)
    qtbot.wait(20)
    point = view.mapFromScene(plot.vb.mapViewToScene(QtCore.QPointF(5.0, -3.0)))
    qtbot.mouseClick(view.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=point)
    x, y = panel.race.start
    assert abs(x - 5.0) < 0.3 and abs(y + 3.0) < 0.3
    assert panel.race.steps == 30


def test_race_takes_a_lessons_setup(qtbot):
    panel = make(qtbot, panel_of("race"))
    spec = load_lesson("optimizer-race").race
    panel.set_race(spec)
    panel.show_snapshot(snapshots("xor", 40)[0])
    assert sorted(panel.race.labels) == sorted(spec.runners)
    assert panel.race.steps == spec.steps


def test_curves_grow_and_hide_accuracy_for_regression(qtbot):
    panel = make(qtbot, panel_of("curves"))
    first, second = snapshots("xor", 3, 40)
    panel.show_snapshot(first)
    before = len(curves_named(panel)["mini-batch loss"].getData()[0])
    panel.show_snapshot(second)
    assert len(curves_named(panel)["mini-batch loss"].getData()[0]) > before
    assert "accuracy" in texts(panel)
    panel.findChild(QtWidgets.QCheckBox).setChecked(True)
    assert all((c.yData > -20).all() for c in curves_of(panel) if c.yData is not None)

    panel.clear()
    panel.show_snapshot(snapshots("sine", 40)[0])
    assert "accuracy" not in texts(panel)


def test_decision_boundary_for_2d_curve_for_1d_message_otherwise(qtbot):
    panel = make(qtbot, panel_of("decision"))
    xor = snapshots("xor", 40)[0]
    panel.show_snapshot(xor)
    images = [a for a in plotted(panel) if a.ndim == 2]
    assert images and images[0].shape == xor.decision.value.shape[::-1]
    assert "P(class 1)" in texts(panel)

    panel.show_snapshot(snapshots("digits", 3)[0])
    assert "the data has 64 inputs" in texts(panel)

    panel.show_snapshot(snapshots("sine", 40)[0])
    assert "64 inputs" not in texts(panel) and "model" in texts(panel)


def test_gradient_flow_shows_the_vanishing_gradient(qtbot):
    panel = make(qtbot, panel_of("gradients"))
    snap = snapshots("vanishing", 100)[0]
    panel.show_snapshot(snap)
    legend = texts(panel)
    assert "layer 1" in legend and "layer 9" in legend
    bars = next(
        i
        for v in panel.findChildren(pg.GraphicsView)
        for i in v.scene().items()
        if isinstance(i, pg.BarGraphItem)
    )
    heights = np.asarray(bars.opts["height"])
    assert heights[-1] - heights[0] > 3  # more than three decades between layer 9 and 1
    assert "layer 1 / layer 9" in legend


def test_weights_titles_and_bands_over_time(qtbot):
    panel = make(qtbot, panel_of("weights"))
    for snap in snapshots("xor", 3, 10, 20, 40):
        panel.show_snapshot(snap)
    assert "W1 (2×4)" in texts(panel) and "W3 (4×1)" in texts(panel)
    panel.findChild(QtWidgets.QCheckBox).setChecked(True)
    medians = [
        c for c in curves_of(panel) if c.isVisible() and c.xData is not None and len(c.xData)
    ]
    assert medians and all(len(c.xData) == 4 for c in medians)
    panel.findChild(QtWidgets.QComboBox).setCurrentIndex(1)
    assert "b1 (4)" in texts(panel)
