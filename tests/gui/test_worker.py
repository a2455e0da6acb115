"""The training thread on its own: commands, throttling, errors, shutdown."""

from __future__ import annotations

import pytest

from engine.trainer import Trainer
from gui.training import TrainingThread


@pytest.fixture
def training(qtbot, xor_config):
    thread = TrainingThread(xor_config)
    worker = thread.worker
    worker.snapshot_ready.connect(lambda _snapshot: thread.display_ready())
    with qtbot.waitSignal(worker.snapshot_ready, timeout=10_000):
        thread.start()
    yield thread
    assert thread.shutdown()
    assert thread.qthread.isFinished()


def test_every_step_arrives_once_and_snapshots_are_throttled(qtbot, training):
    worker = training.worker
    stats, snapshots = [], []
    worker.steps_completed.connect(lambda batch: stats.extend(s.step for s in batch))
    worker.snapshot_ready.connect(lambda snapshot: snapshots.append(snapshot.step))
    training.play()
    qtbot.wait(1000)
    with qtbot.waitSignal(worker.running_changed, timeout=2000):
        training.pause()
    qtbot.wait(100)
    assert len(stats) > 500
    assert stats == list(range(1, len(stats) + 1))
    assert len(snapshots) <= 40
    assert snapshots[-1] == stats[-1] == worker.trainer.step_count


def test_speed_limit(qtbot, training):
    stats = []
    training.worker.steps_completed.connect(lambda batch: stats.extend(batch))
    training.set_speed(20)
    training.play()
    qtbot.wait(1000)
    training.pause()
    qtbot.wait(100)
    assert 12 <= len(stats) <= 28


def test_bad_config_reports_and_keeps_the_trainer(qtbot, training, xor_config):
    worker = training.worker
    before = worker.trainer
    bad = xor_config.with_changes({"data.dataset": "csv", "data.path": "/no/such/file.csv"})
    with qtbot.waitSignal(worker.error, timeout=5000) as blocker:
        training.reset(bad)
    assert "file.csv" in blocker.args[0]
    assert worker.trainer is before
    with qtbot.waitSignal(worker.snapshot_ready, timeout=5000) as blocker:
        training.step(3)
    assert blocker.args[0].step == 3


def test_bad_hyper_parameter_is_reported(qtbot, training):
    with qtbot.waitSignal(training.worker.error, timeout=5000) as blocker:
        training.set_hyper({"lr": -1.0})
    assert "lr" in blocker.args[0]
    assert training.worker.trainer.config.optimizer.lr > 0


def test_step_epoch_matches_the_engine(qtbot, training, xor_config):
    per_epoch = Trainer(xor_config).steps_per_epoch
    with qtbot.waitSignal(training.worker.snapshot_ready, timeout=5000) as blocker:
        training.step_epoch()
    assert blocker.args[0].step == per_epoch
    assert blocker.args[0].epoch == 1


def test_shutdown_while_running(qtbot, training):
    training.play()
    qtbot.wait(200)
    assert training.shutdown()
    assert training.qthread.isFinished()
