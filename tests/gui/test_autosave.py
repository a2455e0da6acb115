"""Autosave: a session that ends without closing leaves its experiment, and the next start
offers it back at the same step with the same weights; a clean close leaves nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from engine import checkpoint
from engine.errors import NnlensError
from engine.trainer import Trainer
from gui.autosave import FILE_NAME, LOCK_NAME, Autosave, start_autosave
from tests.gui.waiting import assert_same_params, drawn_at

ROOT = Path(__file__).resolve().parents[2]
HOUR = 3600.0  # the timer never fires by itself in these tests: they call request()


@pytest.fixture
def folder(tmp_path):
    """The autosave folder (the test's settings file lives beside it)."""
    return tmp_path / "autosave"


def answer(qtbot, button_text):
    """Click ``button_text`` in the next modal message box; returns the texts it showed."""
    shown = []

    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        shown.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, click)
    return shown


def autosaved(qtbot, autosave, step):
    """Ask for an autosave now and wait until the one of ``step`` is written."""
    with qtbot.waitSignal(autosave.saved, timeout=10_000) as blocker:
        autosave.request()
    assert blocker.args[0] == step
    return blocker.args


def test_a_new_window_restores_what_an_unclosed_one_autosaved(qtbot, open_window, folder):
    window = open_window()
    autosave = Autosave(window, folder, HOUR)
    assert autosave.start()
    drawn = drawn_at(qtbot, window, 37, lambda: window.training.step(37))
    _, size = autosaved(qtbot, autosave, 37)
    assert size == (folder / FILE_NAME).stat().st_size
    autosave.finish(clean=False)  # the process died: the file stays, the lock goes with it

    second = open_window()
    offer = Autosave(second, folder, HOUR)
    assert offer.start()
    shown = answer(qtbot, "Restore")
    with qtbot.waitSignal(second.frame_drawn, check_params_cb=lambda s: s.step == 37):
        assert offer.offer_restore()
    assert "step 37, xor, saved" in shown[0]
    restored = second.newest_snapshot
    assert_same_params(restored.params, drawn.params)
    np.testing.assert_array_equal(restored.history.loss, drawn.history.loss)
    assert "step 37" in second.transport.counter.text()

    # Both continue as one run would: the optimizer state and batch order came back too.
    first_on = drawn_at(qtbot, window, 57, lambda: window.training.step(20))
    second_on = drawn_at(qtbot, second, 57, lambda: second.training.step(20))
    assert_same_params(second_on.params, first_on.params)


def test_discard_deletes_the_autosave(qtbot, open_window, folder):
    window = open_window()
    autosave = Autosave(window, folder, HOUR)
    assert autosave.start()
    drawn_at(qtbot, window, 5, lambda: window.training.step(5))
    autosaved(qtbot, autosave, 5)
    autosave.finish(clean=False)

    second = open_window()
    offer = Autosave(second, folder, HOUR)
    assert offer.start()
    answer(qtbot, "Discard")
    assert not offer.offer_restore()
    assert not (folder / FILE_NAME).exists()
    assert second.newest_snapshot.step == 0
    assert not offer.offer_restore()  # nothing left to offer


def test_a_clean_close_leaves_nothing_to_restore(qtbot, open_window, folder):
    window = open_window()
    autosave = start_autosave(window, folder, HOUR)
    assert autosave is not None
    assert start_autosave(open_window(), folder, HOUR) is None  # a live session holds it
    drawn_at(qtbot, window, 3, lambda: window.training.step(3))
    autosaved(qtbot, autosave, 3)
    window.close()
    assert sorted(os.listdir(folder)) == []  # neither the autosave nor the lock
    later = start_autosave(open_window(), folder, HOUR)
    assert later is not None and later.pending() is None


def test_only_a_changed_run_is_written(qtbot, open_window, folder):
    window = open_window()
    autosave = Autosave(window, folder, HOUR)
    assert autosave.start()
    saved = []
    autosave.saved.connect(lambda step, size: saved.append(step))
    with qtbot.waitSignal(window.training.worker.checkpoint_ready):
        autosave.request()  # step 0: nothing trained, nothing to lose
    drawn_at(qtbot, window, 4, lambda: window.training.step(4))
    autosaved(qtbot, autosave, 4)
    with qtbot.waitSignal(window.training.worker.checkpoint_ready):
        autosave.request()  # still step 4
    qtbot.wait(200)
    assert saved == [4]


def test_the_timer_saves_by_itself(qtbot, open_window, folder):
    window = open_window()
    autosave = start_autosave(window, folder, 0.05)
    with qtbot.waitSignal(autosave.saved, timeout=10_000) as blocker:
        window.training.step(6)
    assert blocker.args[0] == 6
    assert checkpoint.load(folder / FILE_NAME).state.step == 6


def test_a_failed_write_says_so_once_and_keeps_training(qtbot, open_window, folder, monkeypatch):
    window = open_window()
    autosave = Autosave(window, folder, HOUR)
    assert autosave.start()

    attempts = []

    def disk_full(path, *args, **kwargs):
        attempts.append(path)
        raise NnlensError(f"{path}: cannot write the checkpoint (No space left on device)")

    def visible_boxes():
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        return [b for b in boxes if b.isVisible()]

    monkeypatch.setattr(checkpoint, "save", disk_full)
    for step in (2, 4):
        drawn_at(qtbot, window, step, lambda: window.training.step(2))
        autosave.request()
        qtbot.waitUntil(lambda step=step: len(attempts) == step // 2 and bool(visible_boxes()))
        qtbot.wait(100)  # time for a second dialog, if one were coming
    visible = visible_boxes()
    assert len(visible) == 1
    assert "Cannot autosave" in visible[0].text()
    assert "No space left" in visible[0].informativeText()
    visible[0].close()


def test_an_unreadable_autosave_is_set_aside_without_asking(qtbot, open_window, folder):
    folder.mkdir()
    (folder / FILE_NAME).write_bytes(b"PK\x03\x04 half a file")
    autosave = Autosave(open_window(), folder, HOUR)
    assert autosave.start()
    assert not autosave.offer_restore()  # no dialog: nothing could be restored
    assert (folder / ("unreadable-" + FILE_NAME)).exists()
    assert not (folder / FILE_NAME).exists()


def _env(tmp_path: Path, autosave_dir: Path, seconds: str) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "NNLENS_AUTOSAVE_DIR": str(autosave_dir),
        "NNLENS_AUTOSAVE_SECONDS": seconds,
    }


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 is a POSIX signal")
def test_after_kill_9_the_next_start_offers_the_experiment(qtbot, open_window, tmp_path):
    folder = tmp_path / "autosave"
    app = subprocess.Popen(
        [sys.executable, "main.py", "--preset", "xor", "--steps", "300"],
        cwd=ROOT,
        env=_env(tmp_path, folder, "0.2"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        step = None
        while step != 300:
            assert time.monotonic() < deadline, "no autosave of step 300"
            assert app.poll() is None, app.stderr.read().decode()
            time.sleep(0.1)
            if (folder / FILE_NAME).exists():
                step = checkpoint.load(folder / FILE_NAME).state.step
        assert start_autosave(open_window(), folder, HOUR) is None  # it still runs: no offer
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(10)
        app.stderr.close()
    assert app.returncode == -signal.SIGKILL
    assert (folder / LOCK_NAME).exists()  # the dead session's lock, left behind

    window = open_window()
    autosave = start_autosave(window, folder, HOUR)
    assert autosave is not None  # the dead process's lock is taken over
    shown = answer(qtbot, "Restore")
    with qtbot.waitSignal(window.frame_drawn, check_params_cb=lambda s: s.step == 300):
        assert autosave.offer_restore()
    assert "step 300, xor" in shown[0]
    uninterrupted = Trainer(window.controls.config())
    uninterrupted.run(300)
    assert_same_params(window.newest_snapshot.params, uninterrupted.snapshot().params)


def test_scripted_runs_neither_offer_nor_touch_an_autosave(tmp_path, xor_config):
    folder = tmp_path / "autosave"
    folder.mkdir()
    trainer = Trainer(xor_config)
    trainer.run(5)
    checkpoint.save(folder / FILE_NAME, trainer.config, trainer.state(), trainer.history())
    before = (folder / FILE_NAME).read_bytes()
    result = subprocess.run(
        [sys.executable, "main.py", "--preset", "xor", "--steps", "3", "--quit"],
        cwd=ROOT,
        env=_env(tmp_path, folder, "0.05"),
        capture_output=True,
        text=True,
        timeout=60,  # a modal question would wait for ever
    )
    assert result.returncode == 0, result.stderr
    assert (folder / FILE_NAME).read_bytes() == before
