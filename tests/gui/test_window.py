"""The real window, offscreen: transport, worker thread, controls, files, shortcuts."""

from __future__ import annotations

import time

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from engine.trainer import Trainer
from tests.gui.waiting import assert_same_params, drawn_at


def engine_params(trainer):
    return trainer.snapshot().params


def test_step_is_one_update_and_every_panel_gets_it(qtbot, open_window, xor_config, monkeypatch):
    window = open_window()
    received = {panel.key: [] for panel in window.panels}
    for panel in window.panels:

        def spy(snapshot, key=panel.key, original=panel.show_snapshot):
            received[key].append(snapshot.step)
            original(snapshot)

        monkeypatch.setattr(panel, "show_snapshot", spy)
    snapshot = drawn_at(qtbot, window, 1, window.transport.step.trigger)
    assert all(steps == [1] for steps in received.values()), received
    reference = Trainer(xor_config)
    reference.step()
    assert_same_params(snapshot.params, engine_params(reference))
    assert "step 1" in window.transport.counter.text()


def test_step_ten(qtbot, open_window, xor_config):
    window = open_window()
    snapshot = drawn_at(qtbot, window, 10, window.transport.step10.trigger)
    reference = Trainer(xor_config)
    reference.run(10)
    assert_same_params(snapshot.params, engine_params(reference))


def test_step_epoch_ends_at_an_epoch_boundary(qtbot, open_window, xor_config):
    window = open_window()
    per_epoch = Trainer(xor_config).steps_per_epoch
    drawn_at(qtbot, window, 3, lambda: window.training.step(3))
    snapshot = drawn_at(qtbot, window, per_epoch, window.transport.epoch.trigger)
    assert snapshot.epoch == 1


def test_play_then_pause_stops_within_100_ms(qtbot, open_window):
    window = open_window()
    seen = []
    window.training.worker.steps_completed.connect(lambda stats: seen.append(stats[-1].step))
    window.transport.play.trigger()
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] > 200, timeout=5000)
    assert window.transport.play.isChecked()
    window.transport.play.trigger()
    qtbot.wait(100)
    stopped_at = seen[-1]
    qtbot.wait(400)
    assert seen[-1] == stopped_at
    assert not window.transport.play.isChecked()
    assert window.training.worker.trainer.step_count == stopped_at


def test_return_in_a_field_gives_the_keys_back_to_the_window(qtbot, open_window):
    window = open_window()
    field = window.controls.optimizer.lr.field
    window.activateWindow()
    field.setFocus()
    assert field.hasFocus()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert not field.hasFocus()
    drawn_at(qtbot, window, 1, lambda: qtbot.keyClick(window, Qt.Key.Key_N))


def test_reset_same_seed_reproduces_the_weights(qtbot, open_window):
    window = open_window()
    start = window.newest_snapshot
    after_five = drawn_at(qtbot, window, 5, lambda: window.training.step(5))
    again = drawn_at(qtbot, window, 0, window.transport.restart.trigger)
    assert_same_params(again.params, start.params)
    replay = drawn_at(qtbot, window, 5, lambda: window.training.step(5))
    assert_same_params(replay.params, after_five.params)


def test_reset_new_seed_changes_the_weights(qtbot, open_window):
    window = open_window()
    start = window.newest_snapshot
    drawn_at(qtbot, window, 2, lambda: window.training.step(2))
    fresh = drawn_at(qtbot, window, 0, window.transport.reset.trigger)
    assert window.controls.seed.value() == 1
    assert fresh.config.seed == 1
    assert not np.array_equal(fresh.params["W1"], start.params["W1"])


def test_diverging_run_pauses_with_a_message(qtbot, open_window, xor_config):
    config = xor_config.with_changes({"optimizer.lr": 1e6, "model.activation": "sigmoid"})
    window = open_window(config)
    with qtbot.waitSignal(window.training.worker.diverged, timeout=10_000):
        window.transport.play.trigger()
    qtbot.waitUntil(lambda: window.status_alarm.isVisible(), timeout=2000)
    assert "learning rate" in window.status_alarm.text()
    assert not window.transport.play.isChecked()
    step = window.training.worker.trainer.step_count
    window.transport.step.trigger()
    qtbot.wait(200)
    assert window.training.worker.trainer.step_count == step


def test_closing_while_playing_ends_the_thread(qtbot, open_window, qtlog):
    window = open_window()
    window.transport.play.trigger()
    qtbot.waitUntil(lambda: window.training.worker.trainer.step_count > 100, timeout=5000)
    window.close()
    assert window.training.qthread.isFinished()
    assert not [r for r in qtlog.records if "QThread" in r.message]


def test_learning_rate_change_applies_on_the_next_step(qtbot, open_window, xor_config):
    window = open_window()
    drawn_at(qtbot, window, 3, lambda: window.training.step(3))
    window.controls.optimizer.lr.field.setValue(0.2)
    snapshot = drawn_at(qtbot, window, 4, window.transport.step.trigger)
    reference = Trainer(xor_config)
    reference.run(3)
    reference.set_optimizer_hyper(lr=0.2)
    reference.step()
    assert_same_params(snapshot.params, engine_params(reference))
    assert snapshot.config.optimizer.lr == 0.2
    assert not window.controls.banner.isVisible()


def test_learning_rate_slider_changes_a_playing_run(qtbot, open_window):
    window = open_window()
    window.transport.play.trigger()
    qtbot.waitUntil(lambda: window.training.worker.trainer.step_count > 50, timeout=5000)
    window.controls.optimizer.lr.slider.setValue(-200)
    qtbot.waitUntil(
        lambda: window.training.worker.trainer.config.optimizer.lr == 0.01, timeout=2000
    )
    window.transport.play.trigger()


def test_settings_that_need_a_new_network_wait_for_reset(qtbot, open_window):
    window = open_window()
    controls = window.controls
    controls.activation.setCurrentIndex(controls.activation.findData("relu"))
    assert controls.banner.isVisible()
    assert "activation" in controls.banner.text()
    assert window.isWindowModified()
    snapshot = drawn_at(qtbot, window, 0, window.transport.restart.trigger)
    assert snapshot.config.model.activation == "relu"
    assert not controls.banner.isVisible()


def test_only_the_optimizers_own_settings_are_shown(open_window):
    controls = open_window().controls
    optimizer = controls.optimizer
    assert set(optimizer.hyper) == {"beta1", "beta2"}
    optimizer.combo.setCurrentIndex(optimizer.combo.findData("momentum"))
    assert set(optimizer.hyper) == {"momentum"}
    assert "optimizer" in controls.banner.text()
    optimizer.combo.setCurrentIndex(optimizer.combo.findData("sgd"))
    assert optimizer.hyper == {}
    assert controls.init_std.isHidden()
    controls.init.setCurrentIndex(controls.init.findData("normal"))
    assert not controls.init_std.isHidden()


def test_a_bad_setting_is_reported_and_keeps_the_run(qtbot, open_window):
    window = open_window()
    controls = window.controls
    controls.activation.setCurrentIndex(controls.activation.findData("step"))
    assert "step function" in controls.banner.text()
    window.transport.restart.trigger()
    box = window.findChild(QMessageBox)
    assert box is not None and "step function" in box.informativeText()
    box.close()
    assert window.training.worker.trainer.config.model.activation == "tanh"


@pytest.mark.parametrize(
    "text, words",
    [
        ("name = 'broken\n[model\nhidden = [4", "not valid TOML"),
        ("[optimizer]\nname = 'adam'\nlr = -1\n", "optimizer.lr"),
    ],
)
def test_opening_a_bad_file_shows_an_error_and_keeps_the_experiment(
    qtbot, open_window, tmp_path, text, words
):
    window = open_window()
    drawn_at(qtbot, window, 2, lambda: window.training.step(2))
    title = window.windowTitle()
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    window.open_experiment(path)
    box = window.findChild(QMessageBox)
    assert box is not None and box.isVisible() and words in box.informativeText()
    assert "bad.toml" in box.text()
    box.close()
    assert window.windowTitle() == title
    assert window.path is None
    drawn_at(qtbot, window, 3, window.transport.step.trigger)


def test_open_and_save_an_experiment(qtbot, open_window, tmp_path, xor_config):
    window = open_window()
    path = tmp_path / "wide.toml"
    xor_config.with_changes({"name": "wide", "model.hidden": [8]}).save(path)
    snapshot = drawn_at(qtbot, window, 0, lambda: window.open_experiment(path))
    assert snapshot.config.model.hidden == [8]
    assert window.windowTitle().startswith("wide")
    assert not window.isWindowModified()
    window.controls.seed.setValue(7)
    assert window.isWindowModified()
    assert window.save_experiment(tmp_path / "mine.toml")
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("mine")
    assert (tmp_path / "mine.toml").read_text(encoding="utf-8").count("seed = 7") == 1


def key(qtbot, window, code, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window, code, modifier)


def test_keyboard_shortcuts(qtbot, open_window):
    window = open_window()
    window.activateWindow()
    window.setFocus()
    drawn_at(qtbot, window, 1, lambda: key(qtbot, window, Qt.Key.Key_Right))
    drawn_at(qtbot, window, 2, lambda: key(qtbot, window, Qt.Key.Key_N))
    drawn_at(
        qtbot,
        window,
        12,
        lambda: key(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier),
    )
    key(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.training.worker.trainer.step_count > 50, timeout=5000)
    assert window.transport.play.isChecked()
    key(qtbot, window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not window.transport.play.isChecked(), timeout=2000)
    drawn_at(qtbot, window, 0, lambda: key(qtbot, window, Qt.Key.Key_R))
    assert window.controls.seed.value() == 1


def test_layout_and_theme_are_remembered(qtbot, settings, xor_config):
    from gui.window import MainWindow

    first = MainWindow(xor_config, settings=settings)
    qtbot.addWidget(first)
    first.show()
    first.docks["controls"].hide()
    first.menus.themes.actions()[1].trigger()
    first.close()
    second = MainWindow(xor_config, settings=settings)
    qtbot.addWidget(second)
    second.show()
    assert second.theme.name == "light"
    assert not second.docks["controls"].isVisible()
    assert second.docks[second.panels[0].key].isVisible()
    second.close()


def test_default_layout_shows_every_panel_readably(open_window):
    window = open_window()
    for panel in window.panels:
        assert window.docks[panel.key].isVisible(), panel.key
        assert panel.width() >= 280 and panel.height() >= 250, (panel.key, panel.size())


def test_fast_worker_does_not_crash_the_window(qtbot, open_window):
    """A worker emitting as fast as it can (one step per tick) for three seconds: PySide6
    6.12.0 aborted under such queued cross-thread signals (DESIGN.md)."""
    window = open_window(tick_seconds=0.0)
    batches = []
    window.training.worker.steps_completed.connect(batches.append)
    window.transport.play.trigger()
    end = time.monotonic() + 3.0
    while time.monotonic() < end:
        qtbot.wait(50)
    window.transport.play.trigger()
    qtbot.waitUntil(lambda: not window.transport.play.isChecked(), timeout=2000)
    assert len(batches) > 1000
    assert window.training.qthread.isRunning()
