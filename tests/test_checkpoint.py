"""Checkpoints: a saved run continues exactly like one never interrupted; a damaged file or a
failed write is one clear error and never leaves a partial file."""

from __future__ import annotations

import errno
import os

import numpy as np
import pytest

from engine import checkpoint
from engine.errors import DataError, NnlensError
from engine.presets import load_lesson
from engine.trainer import Trainer

SAVED_AT, MORE = 37, 20  # 37 steps: mid-epoch, after an evaluation (eval_every 10)


def _config(changes):
    base = {"training.eval_every": 10, "training.batch_size": 16}
    return load_lesson("xor").config.with_changes({**base, **changes})


RUNS = {
    "adam": {},
    "momentum, batch norm, dropout": {
        "optimizer.name": "momentum",
        "model.batch_norm": True,
        "model.dropout": 0.2,
    },
    "rmsprop centred, L2": {
        "optimizer.name": "rmsprop",
        "optimizer.centered": True,
        "model.l2": 0.01,
    },
}


@pytest.mark.parametrize("changes", RUNS.values(), ids=RUNS.keys())
def test_a_restored_run_continues_bit_for_bit(tmp_path, changes):
    config = _config(changes)
    uninterrupted = Trainer(config)
    uninterrupted.run(SAVED_AT + MORE)

    original = Trainer(config)
    original.run(SAVED_AT)
    size = checkpoint.save(tmp_path / "run.npz", *_parts(checkpoint.capture(original)))
    assert size == (tmp_path / "run.npz").stat().st_size

    restored = checkpoint.load(tmp_path / "run.npz").trainer()
    assert restored.step_count == SAVED_AT
    assert restored.epoch == original.epoch
    np.testing.assert_array_equal(restored.model.theta, original.model.theta)
    restored.run(MORE)

    assert restored.step_count == SAVED_AT + MORE
    np.testing.assert_array_equal(restored.model.theta, uninterrupted.model.theta)
    mine, theirs = restored.history(), uninterrupted.history()
    for name in ("loss", "eval_steps", "train_loss", "val_accuracy", "grad_norms"):
        np.testing.assert_array_equal(getattr(mine, name), getattr(theirs, name), err_msg=name)
    assert len(mine.loss) == SAVED_AT + MORE
    assert list(mine.eval_steps) == [10, 20, 30, 40, 50]


def test_the_path_of_a_two_parameter_model_is_kept(tmp_path):
    config = load_lesson("linear-regression").config
    original = Trainer(config)
    original.run(12)
    checkpoint.save(tmp_path / "line.npz", *_parts(checkpoint.capture(original)))
    restored = checkpoint.load(tmp_path / "line.npz").trainer()
    restored.run(3)
    original.run(3)
    np.testing.assert_array_equal(restored.param_path(), original.param_path())
    assert len(restored.param_path()) == 16  # the start and 15 steps


def test_the_file_says_what_the_restore_offer_shows(tmp_path):
    trainer = Trainer(_config({"name": "my xor"}))
    trainer.run(5)
    checkpoint.save(
        tmp_path / "c.npz", trainer.config, trainer.state(), trainer.history(), saved_at=1e9
    )
    loaded = checkpoint.load(tmp_path / "c.npz")
    assert (loaded.state.step, loaded.config.name, loaded.saved_at) == (5, "my xor", 1e9)
    assert loaded.config == trainer.config


@pytest.fixture
def saved(tmp_path):
    trainer = Trainer(_config({}))
    trainer.run(SAVED_AT)
    path = tmp_path / "good.npz"
    checkpoint.save(path, *_parts(checkpoint.capture(trainer)))
    return path


@pytest.mark.parametrize("keep", [0.0, 0.1, 0.5, 0.9, 0.99, -1])
def test_a_truncated_file_is_one_clear_error(saved, keep):
    data = saved.read_bytes()
    cut = saved.with_name("cut.npz")
    cut.write_bytes(data[: int(len(data) * keep)] if keep >= 0 else data[:-1])
    with pytest.raises(DataError) as error:
        checkpoint.load(cut)
    _assert_one_line_about(error.value, "cut.npz")


def test_a_flipped_byte_is_caught(saved):
    data = bytearray(saved.read_bytes())
    data[len(data) // 3] ^= 0xFF  # inside the stored arrays, before the zip directory
    saved.write_bytes(bytes(data))
    with pytest.raises(DataError) as error:
        checkpoint.load(saved)
    _assert_one_line_about(error.value, "good.npz")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"name = 'xor'\n",
        os.urandom(4096),
        b"PK\x03\x04" + b"\x00" * 100,
    ],
    ids=["empty", "toml", "random", "zip header"],
)
def test_garbage_is_one_clear_error(tmp_path, content):
    path = tmp_path / "garbage.npz"
    path.write_bytes(content)
    with pytest.raises(DataError) as error:
        checkpoint.load(path)
    _assert_one_line_about(error.value, "garbage.npz")


def test_an_npz_that_is_not_a_checkpoint_is_refused(tmp_path):
    path = tmp_path / "weights.npz"
    np.savez(path, W1=np.ones((2, 3)))
    with pytest.raises(DataError, match="not a complete nnlens checkpoint"):
        checkpoint.load(path)
    np.save(tmp_path / "single.npy", np.ones(3))
    with pytest.raises(DataError):
        checkpoint.load(tmp_path / "single.npy")
    with pytest.raises(DataError, match="cannot read"):
        checkpoint.load(tmp_path / "missing.npz")


def test_a_checkpoint_that_does_not_fit_its_settings_is_refused(tmp_path):
    trainer = Trainer(_config({}))
    trainer.run(3)
    other = _config({"model.hidden": [7]})
    checkpoint.save(tmp_path / "mixed.npz", other, trainer.state(), trainer.history())
    loaded = checkpoint.load(tmp_path / "mixed.npz")
    with pytest.raises(DataError, match="do not fit"):
        loaded.trainer()


def test_a_failed_write_keeps_the_previous_file_and_leaves_no_partial_one(saved, monkeypatch):
    before = saved.read_bytes()
    trainer = Trainer(_config({}))
    trainer.run(3)

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(checkpoint.os, "fsync", disk_full)
    with pytest.raises(NnlensError) as error:
        checkpoint.save(saved, trainer.config, trainer.state(), trainer.history())
    _assert_one_line_about(error.value, "No space left on device")
    assert saved.read_bytes() == before
    assert checkpoint.load(saved).state.step == SAVED_AT
    assert sorted(p.name for p in saved.parent.iterdir()) == ["good.npz"]

    with pytest.raises(NnlensError):
        checkpoint.save(saved.with_name("new.npz"), trainer.config, trainer.state())
    assert sorted(p.name for p in saved.parent.iterdir()) == ["good.npz"]


def test_an_unwritable_place_is_one_clear_error(tmp_path):
    trainer = Trainer(_config({}))
    with pytest.raises(NnlensError) as error:
        checkpoint.save(tmp_path / "no" / "such" / "dir.npz", trainer.config, trainer.state())
    _assert_one_line_about(error.value, "dir.npz")


def _parts(saved: checkpoint.Checkpoint):
    return saved.config, saved.state, saved.history, saved.param_path


def _assert_one_line_about(error: Exception, text: str) -> None:
    message = str(error)
    assert "\n" not in message
    assert text in message
