"""The worker threads on their own: the training thread (commands, throttling, errors, shutdown)
and the comparison thread (lockstep steps, play up to a step, bad variants, shutdown)."""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np
import pytest

from engine.compare import vary
from engine.trainer import Trainer
from gui.compare_worker import CompareThread
from gui.training import TrainingThread

RATES = (0.05, 0.5)


@contextmanager
def started(qtbot, thread, snapshot_signal):
    """``thread`` started, its first snapshot in and the GUI ready for every next one; shut down
    and checked ended afterwards."""
    snapshot_signal.connect(lambda _snapshot: thread.display_ready())
    with qtbot.waitSignal(snapshot_signal, timeout=10_000):
        thread.start()
    yield thread
    assert thread.shutdown()
    assert thread.qthread.isFinished()


@pytest.fixture
def training(qtbot, xor_config):
    thread = TrainingThread(xor_config)
    with started(qtbot, thread, thread.worker.snapshot_ready):
        yield thread


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


@pytest.fixture
def variants(xor_config):
    return vary(xor_config, "optimizer.lr", RATES)


@pytest.fixture
def comparing(qtbot, variants):
    thread = CompareThread(variants)
    with started(qtbot, thread, thread.worker.snapshots_ready):
        yield thread


def test_stepping_trains_every_variant_as_a_lone_trainer_would(qtbot, comparing, variants):
    with qtbot.waitSignal(comparing.worker.snapshots_ready, timeout=10_000) as blocker:
        comparing.step(7)
    snapshots = blocker.args[0]
    assert [s.step for s in snapshots] == [7, 7]
    for variant, snapshot in zip(variants, snapshots, strict=True):
        alone = Trainer(variant.config)
        for _ in range(7):
            alone.step()
        for name, value in alone.model.params.items():
            assert np.array_equal(snapshot.params[name], value), name
    assert snapshots[0].config.optimizer.lr == RATES[0]
    assert snapshots[1].config.optimizer.lr == RATES[1]


def test_play_until_pauses_every_variant_on_that_step(qtbot, comparing):
    worker = comparing.worker
    running, steps = [], []
    worker.running_changed.connect(running.append)
    worker.snapshots_ready.connect(lambda snapshots: steps.append([s.step for s in snapshots]))
    comparing.play(300)
    qtbot.waitUntil(lambda: running == [True, False] and steps[-1] == [300, 300], timeout=10_000)
    qtbot.wait(100)
    assert steps[-1] == [300, 300]  # nothing ran past it
    assert worker.comparison.step_count == 300


def test_a_bad_variant_is_reported_and_the_comparison_stays(qtbot, comparing, variants):
    worker = comparing.worker
    before = worker.comparison
    with qtbot.waitSignal(worker.error, timeout=5000):
        comparing.reset([])
    assert worker.comparison is before
    with qtbot.waitSignal(worker.snapshots_ready, timeout=5000) as blocker:
        comparing.step(2)
    assert [s.step for s in blocker.args[0]] == [2, 2]


def test_comparison_shutdown_while_playing(qtbot, comparing):
    comparing.play()
    qtbot.wait(200)
    assert comparing.shutdown()
    assert comparing.qthread.isFinished()
