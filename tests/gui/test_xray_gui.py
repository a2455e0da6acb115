"""Backprop up close in the GUI: the X-ray's phases against plain NumPy, its update against the
real training step, the gradient check, the size limit; the timeline worker and bar."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from formula_check import assert_identity
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox

from engine.trainer import Trainer
from engine.xray import number, phases
from gui.timeline import TimelineBar, TimelineThread
from gui.xray_view import XrayView

ROW = 7


@pytest.fixture
def trained(xor_config):
    """The xor lesson (2-4-4-1 tanh, sigmoid output, Adam) after 5 updates."""
    trainer = Trainer(xor_config)
    trainer.run(5)
    return trainer


@pytest.fixture
def view(qtbot):
    view = XrayView()
    qtbot.addWidget(view)
    view.resize(1500, 760)
    view.show()
    qtbot.waitExposed(view)
    return view


def numpy_pass(trainer, X, t):
    """u, z, δ, ∂E/∂W per layer for rows X (N, 2), written out from the course's formulas."""
    p = trainer.model.params
    z, us, zs = X, [], [X]
    for l in (1, 2, 3):
        u = z @ p[f"W{l}"] + p[f"b{l}"]
        z = np.tanh(u) if l < 3 else 1 / (1 + np.exp(-u))
        us.append(u)
        zs.append(z)
    deltas = [zs[3] - t.reshape(-1, 1)]
    for l in (2, 1):
        deltas.insert(0, (1 - zs[l] ** 2) * (deltas[0] @ p[f"W{l + 1}"].T))
    dW = [zs[l - 1].T @ deltas[l - 1] / len(X) for l in (1, 2, 3)]
    return us, zs, deltas, dW


def adam_step(trainer, grad):
    """Adam's rule applied by hand to the flat parameters, from the trainer's own state."""
    h = trainer.optimizer.hyper
    state = trainer.optimizer.state_dict()["state"]["theta"]
    step = state["step"] + 1
    m = h["beta1"] * state["exp_avg"] + (1 - h["beta1"]) * grad
    v = h["beta2"] * state["exp_avg_sq"] + (1 - h["beta2"]) * grad**2
    m_hat, v_hat = m / (1 - h["beta1"] ** step), v / (1 - h["beta2"] ** step)
    return trainer.model.theta - h["lr"] * m_hat / (np.sqrt(v_hat) + h["eps"])


def walk(qtbot, view):
    """Press "Phase step" through one update; yields each phase with the frame drawn."""
    for _ in range(len(view.stepper.phases)):
        qtbot.mouseClick(view.phase_button, Qt.MouseButton.LeftButton)
        yield view.stepper.phase, view.diagram.frame


@pytest.mark.parametrize("mean", [False, True], ids=["one sample", "mini-batch mean"])
def test_every_phase_matches_plain_numpy(qtbot, view, trained, xor_config, mean):
    assert view.set_source(xor_config, trained.state())
    view.mode.setCurrentIndex(1 if mean else 0)
    view.sample.setValue(ROW)
    train = trained.split.train
    X, t = (view.stepper.next.X, view.stepper.next.y) if mean else (train.X[[ROW]], train.y[[ROW]])
    us, zs, deltas, dW = numpy_pass(trained, X, t)
    avg = (lambda a: a.mean(axis=0)) if mean else (lambda a: a[0])
    p = trained.model.params
    if not mean:
        grad = np.zeros_like(trained.model.theta)
        for l in (1, 2, 3):
            grad[trained.model.slices[f"W{l}"]] = dW[l - 1].ravel()
            grad[trained.model.slices[f"b{l}"]] = deltas[l - 1][0]
        theta_after = adam_step(trained, grad)
    seen = []
    for (kind, layer), frame in walk(qtbot, view):
        seen.append((kind, layer))

        def node(l, j, frame=frame):
            return frame.nodes[(l, j)]

        if kind == "forward":
            for j in range(us[layer - 1].shape[1]):
                assert node(layer, j).value("u") == pytest.approx(avg(us[layer - 1])[j], abs=1e-12)
                assert node(layer, j).value("z") == pytest.approx(avg(zs[layer])[j], abs=1e-12)
            assert frame.edges[(layer, 1, 0)].values[0][1] == p[f"W{layer}"][1, 0]
            assert layer in frame.current and layer in frame.numbered
        elif kind == "loss":
            assert node(3, 0).value("y") == pytest.approx(avg(zs[3])[0], abs=1e-12)
            assert node(3, 0).value("t") == pytest.approx(float(np.mean(t)), abs=1e-12)
            cost = -(t * np.log(zs[3][:, 0]) + (1 - t) * np.log(1 - zs[3][:, 0]))
            assert number(cost.mean()) in view.banner.text()
        elif kind == "backward":
            for j in range(deltas[layer - 1].shape[1]):
                shown = node(layer, j).value("δ")
                assert shown == pytest.approx(avg(deltas[layer - 1])[j], abs=1e-12)
            for (l, i, j), label in frame.edges.items():
                if l == layer:
                    assert label.values[0][1] == pytest.approx(dW[l - 1][i, j], abs=1e-12)
            assert "∂E/∂w" in view.banner.text()
        else:
            if mean:  # the real step: an engine trainer stepped once from the same state
                twin = Trainer(xor_config)
                twin.restore(trained.state())
                twin.step()
                new = twin.model.params
            else:  # this sample alone, by Adam's rule written out here
                new = {
                    name: theta_after[s].reshape(p[name].shape)
                    for name, s in trained.model.slices.items()
                }
            for (l, i, j), label in frame.edges.items():
                assert label.value("w") == pytest.approx(new[f"W{l}"][i, j], abs=1e-12)
                change = new[f"W{l}"][i, j] - p[f"W{l}"][i, j]
                assert label.value("Δ") == pytest.approx(change, abs=1e-12)
            for (l, j), label in frame.nodes.items():
                if l:
                    assert label.value("b") == pytest.approx(new[f"b{l}"][j], abs=1e-12)
    assert seen == phases(3)


def test_update_phase_is_the_real_training_step_bit_for_bit(qtbot, view, trained, xor_config):
    assert view.set_source(xor_config, trained.state())
    view.mode.setCurrentIndex(1)
    twin = Trainer(xor_config)
    twin.restore(trained.state())
    for _ in range(3):
        *_, (phase, frame) = walk(qtbot, view)
        assert phase == ("update", 0)
        twin.step()
        shown = np.array([frame.edges[k].value("w") for k in sorted(frame.edges)])
        real = np.concatenate([twin.model.params[f"W{l}"].ravel() for l in (1, 2, 3)])
        assert np.array_equal(shown, real)
    qtbot.mouseClick(view.phase_button, Qt.MouseButton.LeftButton)
    assert view.stepper.phase == ("forward", 1)
    assert np.array_equal(view.stepper.trainer.model.theta, twin.model.theta)
    assert view.stepper.trainer.step_count == twin.step_count == 8


def test_shown_mini_batch_is_the_one_the_real_step_uses(qtbot, view, xor_config):
    sgd = xor_config.with_changes({"optimizer.name": "sgd", "optimizer.lr": 0.5})
    reference = Trainer(sgd)
    reference.run(3)
    assert view.set_source(sgd, reference.state())
    view.mode.setCurrentIndex(1)
    before = reference.model.params["W2"].copy()
    reference.step()
    real_gradient = (before - reference.model.params["W2"]) / 0.5
    for (kind, layer), frame in walk(qtbot, view):
        if (kind, layer) == ("backward", 2):
            shown = np.array(
                [[frame.edges[(2, i, j)].values[0][1] for j in range(4)] for i in range(4)]
            )
            np.testing.assert_allclose(shown, real_gradient, rtol=1e-9, atol=1e-13)
    edge = (2, 1, 3)
    qtbot.mouseClick(
        view.diagram, Qt.MouseButton.LeftButton, pos=view.diagram.center_of(edge).toPoint()
    )
    assert view.selected == edge
    assert "w ← w − η ∂E/∂w" in view.inspector.toPlainText()


def test_inspector_writes_the_formula_with_its_numbers(qtbot, view, trained, xor_config):
    assert view.set_source(xor_config, trained.state())
    view.sample.setValue(ROW)
    for phase, _ in walk(qtbot, view):
        if phase == ("backward", 2):
            break
    node = (2, 1)
    qtbot.mouseClick(
        view.diagram, Qt.MouseButton.LeftButton, pos=view.diagram.center_of(node).toPoint()
    )
    text = view.inspector.toPlainText()
    delta = view.diagram.frame.nodes[node].value("δ")
    assert "δ = f′(u) · Σₖ wₖ δₖ" in text and text.count(number(delta)) >= 1
    assert "Chain rule" in text and "u = Σᵢ zᵢ wᵢ + b" in text
    edge = (2, 0, 1)
    qtbot.mouseClick(
        view.diagram, Qt.MouseButton.LeftButton, pos=view.diagram.center_of(edge).toPoint()
    )
    assert "∂E/∂w = z_prev · δ" in view.inspector.toPlainText()


def test_mini_batch_inspector_writes_the_mean_as_an_identity(qtbot, view, trained, xor_config):
    assert view.set_source(xor_config, trained.state())
    view.mode.setCurrentIndex(1)
    X, t = view.stepper.next.X, view.stepper.next.y
    _, _, deltas, dW = numpy_pass(trained, X, t)
    for phase, _ in walk(qtbot, view):
        if phase == ("backward", 1):
            break
    expected = {
        (3, 0): deltas[2][:, 0].mean(),
        (2, 1): deltas[1][:, 1].mean(),
        (1, 3): deltas[0][:, 3].mean(),
        (2, 0, 0): dW[1][0, 0],
        (3, 2, 0): dW[2][2, 0],
    }
    for key, value in expected.items():
        qtbot.mouseClick(
            view.diagram, Qt.MouseButton.LeftButton, pos=view.diagram.center_of(key).toPoint()
        )
        assert view.selected == key
        lines = view.inspector.toPlainText().splitlines()
        head = "δ̄ = mean over the batch of " if len(key) == 2 else "∂E/∂w = mean over the batch of"
        (line,) = [line for line in lines if line.startswith(head)]
        assert_identity(line, value)
        if key != (3, 0):
            assert f"(1/{len(X)})·(" in line


def test_select_row_follows_a_training_row_alone(qtbot, view, trained, xor_config):
    followed = []
    view.followed_changed.connect(followed.append)
    assert not view.select_row(ROW)  # no network yet: shown once one arrives
    assert view.set_source(xor_config, trained.state())
    assert view.sample.value() == ROW and followed[-1] == ROW
    np.testing.assert_array_equal(view.stepper.ray.x[0], trained.split.train.X[ROW])
    view.mode.setCurrentIndex(1)
    assert followed[-1] is None and view.followed_row() is None
    assert view.select_row(3)
    assert not view.stepper.mean and view.followed_row() == 3 and followed[-1] == 3
    np.testing.assert_array_equal(view.stepper.ray.x[0], trained.split.train.X[3])
    assert view.set_source(xor_config, trained.state())  # "Use training state" keeps the row
    assert view.sample.value() == 3 and followed[-1] == 3
    assert not view.select_row(10_000) and view.followed_row() == 3


def test_period_key_steps_a_phase(qtbot, view, xor_config):
    assert view.set_source(xor_config)
    view.activateWindow()
    view.diagram.setFocus()
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.keyClick(view.diagram, Qt.Key.Key_Period)
    assert view.stepper.phase == ("forward", 1)


def test_gradient_check_table(qtbot, view, trained, xor_config):
    assert view.set_source(xor_config, trained.state())
    qtbot.mouseClick(view.gradients.button, Qt.MouseButton.LeftButton)
    rows = {
        view.gradients.table.item(r, 0).text(): (
            float(view.gradients.table.item(r, 1).text()),
            view.gradients.table.item(r, 2).text(),
        )
        for r in range(view.gradients.table.rowCount())
    }
    assert list(rows) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    for error, verdict in rows.values():
        assert error < 1e-6 and verdict == "good"
    assert "1e-6" in view.gradients.note.text() and "h = 0.0001" in view.gradients.note.text()
    assert view.gradients.summary.text().startswith("All 6 arrays agree")


def test_too_large_networks_are_refused(view, xor_config):
    from engine.presets import load_lesson

    assert not view.set_source(load_lesson("digits").config)
    assert view.message.text() == (
        "X-ray shows networks of up to 6 layers and 32 neurons per layer; this one is 64-100-10."
    )
    assert view.message.isVisible() and not view.phase_button.isEnabled()
    deep = xor_config.with_changes({"model.hidden": [3] * 6})
    assert not view.set_source(deep)
    assert "this one is 2-3-3-3-3-3-3-1" in view.message.text()
    assert view.set_source(xor_config) and view.diagram.isVisible()


def test_export_worked_example(qtbot, view, trained, xor_config, tmp_path):
    assert view.set_source(xor_config, trained.state())
    view.sample.setValue(ROW)
    path = view.export_worked_example(tmp_path / "row7.json")
    example = json.loads(path.read_text(encoding="utf-8"))
    assert example["sample"] == ROW and example["step"] == 5
    assert view.export_worked_example(tmp_path / "missing" / "row7.md") is None
    box = view.findChild(QMessageBox)
    assert box is not None and "cannot write" in box.informativeText()
    box.close()


# ---------------------------------------------------------------------- timeline
class Relay(QObject):
    """The worker's signals again in the GUI thread, where the tests wait for them."""

    snapshot_ready = Signal(object)
    timeline_changed = Signal(list, object, object)
    rewound = Signal(int)
    branched = Signal(object)
    running_changed = Signal(bool)
    error = Signal(str)
    diverged = Signal(str)


def relayed(worker) -> Relay:
    relay = Relay()
    for name in (
        "snapshot_ready",
        "timeline_changed",
        "rewound",
        "branched",
        "running_changed",
        "error",
        "diverged",
    ):
        getattr(worker, name).connect(getattr(relay, name), Qt.ConnectionType.QueuedConnection)
    return relay


@pytest.fixture
def timeline(qtbot, xor_config):
    budget = 60 * Trainer(xor_config).state().nbytes
    thread = TimelineThread(xor_config, budget_bytes=budget)
    thread.gui = relayed(thread.worker)
    thread.gui.snapshot_ready.connect(lambda _snapshot: thread.display_ready())
    with qtbot.waitSignals(
        [thread.gui.snapshot_ready, thread.gui.timeline_changed], timeout=10_000
    ):
        thread.start()
    yield thread
    assert thread.shutdown()
    assert thread.qthread.isFinished() and not thread.qthread.isRunning()


def step_to(qtbot, thread, n):
    with qtbot.waitSignal(thread.gui.snapshot_ready, timeout=10_000) as blocker:
        thread.step(n)
    return blocker.args[0]


def test_rewind_and_resume_reproduce_the_run_bit_for_bit(qtbot, timeline, xor_config):
    worker = timeline.worker
    budgets = []
    timeline.gui.timeline_changed.connect(
        lambda steps, nbytes, budget: budgets.append(nbytes <= budget)
    )
    step_to(qtbot, timeline, 30)
    step_to(qtbot, timeline, 170)
    original = worker.trainer.model.theta.copy()
    headless = Trainer(xor_config)
    headless.run(200)
    assert np.array_equal(original, headless.model.theta)
    kept = max(s for s in worker.timeline.steps if s <= 30)  # older states were thinned
    with qtbot.waitSignal(timeline.gui.rewound, timeout=5000) as blocker:
        timeline.rewind(30)
    assert blocker.args == [kept] and 0 < kept <= 30
    assert worker.trainer.step_count == kept
    step_to(qtbot, timeline, 200 - kept)
    assert np.array_equal(worker.trainer.model.theta, original)
    assert all(budgets) and len(worker.timeline) < 200
    assert worker.timeline.nbytes <= worker.timeline.budget
    timeline.play()
    qtbot.wait(500)
    with qtbot.waitSignal(timeline.gui.running_changed, timeout=2000):
        timeline.pause()
    qtbot.waitUntil(lambda: worker.timeline.steps[-1] == worker.trainer.step_count)
    assert all(budgets)
    headless.run(worker.trainer.step_count - 200)
    assert np.array_equal(worker.trainer.model.theta, headless.model.theta)
    assert not math.isnan(worker.record_cost)


def test_branch_keeps_the_original_run(qtbot, timeline):
    worker = timeline.worker
    step_to(qtbot, timeline, 40)
    with qtbot.waitSignal(timeline.gui.rewound, timeout=5000):
        timeline.rewind(20)
    with qtbot.waitSignal(timeline.gui.branched, timeout=5000) as blocker:
        timeline.branch({"optimizer.name": "sgd", "optimizer.lr": 0.5})
    info = blocker.args[0]
    assert info.step == 20 and info.labels == ("adam η 0.01", "sgd η 0.5")
    assert [s.step for s in info.snapshots] == [40, 20]
    step_to(qtbot, timeline, 5)
    assert worker.trainer.step_count == 25 and worker.trainer.config.optimizer.name == "sgd"
    assert worker.original.step_count == 40
    with qtbot.waitSignal(timeline.gui.error, timeout=5000):
        timeline.branch({"model.hidden": [3]})


def test_bar_scrubbing_sends_rewinds_and_follows_the_worker(qtbot, timeline):
    bar = TimelineBar()
    qtbot.addWidget(bar)
    worker = timeline.worker
    worker.timeline_changed.connect(bar.set_timeline)
    worker.snapshot_ready.connect(bar.show_snapshot)
    bar.rewind_requested.connect(timeline.rewind)
    bar.branch_requested.connect(timeline.branch)
    step_to(qtbot, timeline, 12)
    qtbot.waitUntil(lambda: bar.steps[-1] == bar.current == 12)
    assert bar.slider.value() == bar.slider.maximum() == 12
    assert bar.memory.text().startswith("timeline ") and bar.memory.text().endswith(" MB")
    with qtbot.waitSignal(timeline.gui.rewound, timeout=5000) as blocker:
        bar.slider.setValue(5)
    assert blocker.args == [5] and worker.trainer.step_count == 5
    qtbot.waitUntil(lambda: bar.step_label.text() == "step 5 (of 12)")
    dialog = bar.open_branch_dialog()
    dialog.optimizer.setCurrentIndex(dialog.optimizer.findData("sgd"))
    dialog.lr.setValue(0.25)
    with qtbot.waitSignal(timeline.gui.branched, timeout=5000) as blocker:
        dialog.accept()
    assert blocker.args[0].labels[1] == "sgd η 0.25"


def test_timeline_bar_memory_label(qtbot):
    bar = TimelineBar()
    qtbot.addWidget(bar)
    bar.set_timeline(list(range(11)), int(12.3 * 2**20), 256 * 2**20)
    assert bar.memory.text() == "timeline 12.3 MB of 256 MB"
    bar.set_current_step(4)
    assert bar.slider.value() == 4 and bar.step_label.text() == "step 4 (of 10)"


def test_shutdown_while_running_leaves_no_thread(qtbot, xor_config):
    thread = TimelineThread(xor_config)
    gui = relayed(thread.worker)
    with qtbot.waitSignal(gui.timeline_changed, timeout=10_000):
        thread.start()
    thread.play()
    qtbot.wait(300)
    assert thread.shutdown()
    assert thread.qthread.isFinished() and not thread.qthread.isRunning()


def test_rewind_before_a_divergence_and_branch_with_a_smaller_rate(qtbot, xor_config):
    wild = xor_config.with_changes({"optimizer.name": "sgd", "optimizer.lr": 1e6})
    thread = TimelineThread(wild)
    gui = relayed(thread.worker)
    gui.snapshot_ready.connect(lambda _snapshot: thread.display_ready())
    try:
        with qtbot.waitSignal(gui.timeline_changed, timeout=10_000):
            thread.start()
        with qtbot.waitSignal(gui.diverged, timeout=10_000):
            thread.play()
        with qtbot.waitSignal(gui.rewound, timeout=5000):
            thread.rewind(0)
        with qtbot.waitSignal(gui.branched, timeout=5000) as blocker:
            thread.branch({"optimizer.lr": 0.1})
        assert blocker.args[0].labels == ("sgd η 1e+06", "sgd η 0.1")
        assert blocker.args[0].snapshots[0].diverged
        with qtbot.waitSignal(gui.snapshot_ready, timeout=5000) as blocker:
            thread.step(50)
        snapshot = blocker.args[0]
        assert snapshot.step == 50 and snapshot.diverged is None
    finally:
        assert thread.shutdown()
