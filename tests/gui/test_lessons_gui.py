"""Lessons on screen: every lesson opens and runs, comparisons overlay one curve per variant,
the loss surface carries the real path, "Compare…" builds variants or names the bad value, the
search view runs a small search, and nothing leaves a thread running."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QDialogButtonBox

from engine.compare import Comparison
from engine.presets import list_lessons, load_lesson
from engine.search import SearchSpec
from engine.trainer import Trainer
from gui.compare_dialog import CompareDialog, split_values
from gui.compare_view import ComparisonView
from gui.lesson_pane import LessonPane
from gui.panels.landscape import LandscapePanel, bending
from gui.search_view import SearchView

LESSONS = [lesson.name for lesson in list_lessons()]
TIMEOUT = 60_000


@pytest.fixture
def open_view(qtbot):
    """``open_view()``: a shown ComparisonView at 1600×1000; after the test every view is shut
    down and its threads are checked ended."""
    views = []

    def make() -> ComparisonView:
        view = ComparisonView()
        qtbot.addWidget(view)
        view.resize(1600, 1000)
        view.show()
        views.append(view)
        return view

    yield make
    for view in views:
        assert view.shutdown()
        if view.thread is not None:
            assert view.thread.qthread.isFinished()
        if view.search_view is not None:
            assert not view.search_view.is_running()


def drawn(qtbot, view, step, action):
    """Run ``action`` and wait until ``view`` has drawn the comparison at ``step`` (a variant
    that diverged stays at its last step)."""
    with qtbot.waitSignal(
        view.frame_drawn,
        timeout=TIMEOUT,
        check_params_cb=lambda snapshots: max(s.step for s in snapshots) == step,
    ) as blocker:
        action()
    return blocker.args[0]


@pytest.mark.parametrize("name", LESSONS)
def test_every_lesson_opens_and_runs_a_few_steps(qtbot, open_view, name):
    lesson = load_lesson(name)
    view = open_view()
    if lesson.race is not None:
        view.open_lesson(lesson)
        assert view.mode == "race"
        view.step(3)
        assert view.race_panel.race.steps == 3
        assert set(view.race_panel.race.labels) == set(lesson.race.runners)
        return
    if lesson.search is not None:
        view.open_lesson(lesson)
        assert view.mode == "search"
        assert view.search_view.trials() == []
        return
    drawn(qtbot, view, 0, lambda: view.open_lesson(lesson))
    snapshots = drawn(qtbot, view, 3, lambda: view.step(3))
    n = max(len(lesson.variants), 1)
    assert view.mode == "compare"
    assert len(snapshots) == len(view.labels) == n
    assert "step 3" in view.counter.text()
    for kind in lesson.panels:
        if kind in ("weights", "activations", "decision", "gradients", "graph"):
            assert len(view.multiples.panels[kind]) == n
    if "curves" in lesson.panels:
        assert view.curves.labels() == view.labels


def test_overlaid_curves_have_one_curve_per_variant(qtbot, open_view):
    lesson = load_lesson("activations")
    view = open_view()
    drawn(qtbot, view, 0, lambda: view.open_lesson(lesson))
    drawn(qtbot, view, 20, lambda: view.step(20))
    curves = view.curves.loss_curves()
    assert len(curves) == len(lesson.variants) == 5
    assert view.curves.labels() == [v.label for v in lesson.variants]
    for curve in curves:
        x, y = curve.getData()
        assert len(x) == 20 and np.isfinite(y).all()
    assert len({curve.opts["pen"].color().name() for curve in curves}) == 5


def test_play_stops_at_the_lesson_length_and_matches_the_engine(qtbot, open_view):
    lesson = load_lesson("gd-vs-sgd")
    view = open_view()
    drawn(qtbot, view, 0, lambda: view.open_lesson(lesson))
    snapshots = drawn(qtbot, view, lesson.steps, view.play)
    reference = Comparison(lesson.variants)
    reference.run(lesson.steps)
    for shown, expected in zip(snapshots, reference.snapshots(), strict=True):
        np.testing.assert_array_equal(shown.params["W1"], expected.params["W1"])
    assert not view._play.isChecked()


def test_landscape_draws_the_linear_regression_path(qtbot, open_view):
    view = open_view()
    drawn(qtbot, view, 0, lambda: view.open_lesson(load_lesson("linear-regression")))
    snapshots = drawn(qtbot, view, 10, lambda: view.step(10))
    assert view.landscape.surfaces() == ["mean squared error"]
    (path,) = view.landscape.drawn_paths()
    np.testing.assert_allclose(path, snapshots[0].param_path)
    assert path.shape == (11, 2)
    W, b = path[-1]
    ws, bs = snapshots[0].landscape.ws, snapshots[0].landscape.bs
    assert ws[0] <= W <= ws[-1] and bs[0] <= b <= bs[-1]


def test_landscape_overlays_three_paths_for_gd_vs_sgd(qtbot):
    lesson = load_lesson("gd-vs-sgd")
    comparison = Comparison(lesson.variants)
    comparison.run(30)
    panel = LandscapePanel()
    qtbot.addWidget(panel)
    panel.show_variants(comparison.snapshots(), comparison.labels)
    paths = panel.drawn_paths()
    assert [len(p) for p in paths] == [31, 31, 31]
    assert not np.allclose(paths[0], paths[2])  # batch size 1 wanders off the smooth path


def test_landscape_shows_convex_cross_entropy_beside_nonconvex_mse(qtbot):
    trainer = Trainer(load_lesson("logistic-regression").config)
    snapshot = trainer.snapshot()
    panel = LandscapePanel()
    qtbot.addWidget(panel)
    panel.show_snapshot(snapshot)
    assert panel.surfaces() == ["cross-entropy", "mean squared error on σ"]
    costs = snapshot.landscape.costs
    assert (bending(costs["cross-entropy"]) > -1e-2).all()
    assert (bending(costs["mean squared error on σ"]) < -1e-2).mean() > 0.2


def test_landscape_explains_when_the_model_has_more_than_two_parameters(qtbot):
    panel = LandscapePanel()
    qtbot.addWidget(panel)
    panel.show_snapshot(Trainer(load_lesson("xor").config).snapshot())
    assert panel.surfaces() == []
    assert "two parameters" in panel.message()


def test_compare_dialog_builds_variants(qtbot, xor_config):
    dialog = CompareDialog(xor_config)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.set_field("optimizer.lr")
    dialog.values_edit.setText("0.1, 0.01, 0.001")
    assert [v.config.optimizer.lr for v in dialog.variants()] == [0.1, 0.01, 0.001]
    assert ok.isEnabled() and dialog.error() == ""
    dialog.set_field("model.hidden")
    dialog.values_edit.setText("[], [4], [8, 8]")
    assert [v.config.model.hidden for v in dialog.variants()] == [[], [4], [8, 8]]
    dialog.set_field("model.batch_norm")
    dialog.values_edit.setText("off, on")
    assert [v.config.model.batch_norm for v in dialog.variants()] == [False, True]


@pytest.mark.parametrize(
    ("field", "text", "named"),
    [
        ("optimizer.name", "sgd, fast", "fast: unknown optimizer"),
        ("training.batch_size", "16, 1.5", "1.5: expected a whole number"),
        ("optimizer.lr", "0.1, [0.1", "[0.1: cannot read"),
        ("model.activation", " , ", "Type one or more values"),
    ],
)
def test_compare_dialog_names_a_bad_value(qtbot, xor_config, field, text, named):
    dialog = CompareDialog(xor_config)
    qtbot.addWidget(dialog)
    dialog.set_field(field)
    dialog.values_edit.setText(text)
    assert named in dialog.error()
    assert dialog.variants() == []
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.accept()
    assert dialog.result() != CompareDialog.DialogCode.Accepted


def test_values_split_at_top_level_commas_only():
    assert split_values('[4, 4], "a,b", 1') == ["[4, 4]", '"a,b"', "1"]


def test_search_view_runs_a_tiny_search(qtbot):
    lesson = load_lesson("hyperparameter-search")
    view = SearchView(lesson.config, SearchSpec(trials=3, steps=20), workers=1)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.search_finished, timeout=TIMEOUT) as blocker:
        view.start()
    trials = blocker.args[0]
    assert len(trials) == len(view.trials()) == 3
    accuracies = [t.val_accuracy for t in trials]
    assert accuracies == sorted(accuracies, reverse=True)
    assert view.results.table.rowCount() == 3
    assert view.results.table.item(0, 3).text() == f"{100 * accuracies[0]:.1f}%"
    assert view.progress.value() == 3
    assert "best validation accuracy" in view.status.text()
    assert view.shutdown() and not view.is_running()


def test_search_can_be_cancelled(qtbot):
    lesson = load_lesson("hyperparameter-search")
    view = SearchView(lesson.config, SearchSpec(trials=200, steps=20), workers=1)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.search_finished, timeout=TIMEOUT) as blocker:
        view.trial_finished.connect(lambda *_: view.cancel())
        view.start()
    assert 1 <= len(blocker.args[0]) < 200
    assert view.shutdown()


def test_lesson_pane_lists_every_lesson_and_opens_one(qtbot):
    pane = LessonPane()
    qtbot.addWidget(pane)
    titles = [pane.picker.itemText(i) for i in range(pane.picker.count())]
    assert titles == [lesson.title for lesson in list_lessons()]
    assert pane.select("weight-init-sigmoid")
    text = pane.text.toPlainText()
    assert "Weight initialisation with sigmoid" in text
    assert all(v.label in text for v in load_lesson("weight-init-sigmoid").variants)
    with qtbot.waitSignal(pane.lesson_chosen) as blocker:
        pane.open_button.click()
    assert blocker.args[0].name == "weight-init-sigmoid"


def test_reopening_switches_lessons_and_shutdown_ends_the_thread(qtbot, open_view):
    view = open_view()
    drawn(qtbot, view, 0, lambda: view.open_lesson(load_lesson("xor")))
    view.play()
    qtbot.waitUntil(lambda: view._newest is not None and view._newest[0].step > 0)
    snapshots = drawn(qtbot, view, 0, lambda: view.open_lesson(load_lesson("regression-sine")))
    assert len(snapshots) == 3 and view.labels == ["1 unit", "8 units", "32 units"]
    view.open_lesson(load_lesson("optimizer-race"))
    assert view.mode == "race"
    assert view.shutdown()
    assert view.thread.qthread.isFinished()
