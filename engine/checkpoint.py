"""Checkpoints: an experiment and its training state in one file, to continue it later exactly.

A checkpoint is an ``.npz`` archive holding the config as TOML text, the ``TrainerState``
(parameters, optimizer buffers, both random streams, batch-norm statistics, batch order) and
the learning curves, with a JSON header for the small values. ``Checkpoint.trainer()`` rebuilds
a ``Trainer`` that continues bit for bit like the one that was saved. ``save`` writes atomically:
a failed write leaves any previous file intact and no partial one behind. ``load`` reads the file
whole and answers a truncated, corrupt or foreign file with one ``DataError`` line.
"""

from __future__ import annotations

import io
import json
import math
import os
import tempfile
import time
import zipfile
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np

from engine.config import ExperimentConfig
from engine.errors import DataError, NnlensError
from engine.snapshot import History
from engine.text import tr
from engine.timeline import TrainerState
from engine.trainer import Trainer

Array = np.ndarray
FORMAT = "nnlens-checkpoint"
VERSION = 1
HISTORY_KEYS = tuple(f.name for f in fields(History))


@dataclass(frozen=True)
class Checkpoint:
    """A run at one moment: ``saved_at`` is seconds since the epoch (``time.time()``)."""

    config: ExperimentConfig
    state: TrainerState
    history: History
    param_path: Array | None = None
    saved_at: float = math.nan

    def trainer(self) -> Trainer:
        """A new trainer in this state, with its curves; raises ``DataError`` when the saved
        arrays do not fit the network and data the config builds."""
        trainer = Trainer(self.config)
        theta, order = trainer.model.theta, trainer.state().order
        s = self.state
        if s.theta.shape != theta.shape or s.order.shape != order.shape:
            raise DataError(
                tr(
                    "checkpoint of {name}: its weights ({saved_weights}) or data "
                    "({saved_rows} rows) do not fit the network ({weights}) and data "
                    "({rows} rows) its settings build"
                ).format(
                    name=repr(self.config.name),
                    saved_weights=s.theta.size,
                    saved_rows=s.order.size,
                    weights=theta.size,
                    rows=order.size,
                )
            )
        buffers = [v for k in s.optimizer["state"].values() for v in k.values()]
        if any(isinstance(v, np.ndarray) and v.shape != theta.shape for v in buffers):
            message = tr("checkpoint of {name}: optimizer state of another size")
            raise DataError(message.format(name=repr(self.config.name)))
        try:
            trainer.restore_history(self.history, self.param_path)
            trainer.restore(s)
        except (ValueError, KeyError, TypeError) as exc:
            message = tr("checkpoint of {name}: {error}")
            raise DataError(message.format(name=repr(self.config.name), error=exc)) from None
        return trainer


def capture(trainer: Trainer) -> Checkpoint:
    """``trainer`` now (copies and read-only views, safe to write from another thread)."""
    path = trainer.param_path()
    return Checkpoint(
        trainer.config, trainer.state(), trainer.history(), path, saved_at=time.time()
    )


def save(
    path: str | Path,
    config: ExperimentConfig,
    state: TrainerState,
    history: History | None = None,
    param_path: Array | None = None,
    saved_at: float | None = None,
) -> int:
    """Write a checkpoint to ``path`` atomically; returns its size in bytes.

    Raises ``NnlensError`` (one line) when it cannot be written; ``path`` is then unchanged.
    """
    path = Path(path)
    arrays: dict[str, Array] = {}
    if history is not None:
        for key in HISTORY_KEYS:
            if getattr(history, key) is not None:
                arrays[f"history_{key}"] = np.asarray(getattr(history, key))
    if param_path is not None:
        arrays["param_path"] = np.asarray(param_path)
    fields_ = {f.name: getattr(state, f.name) for f in fields(TrainerState)}
    fields_["running"] = {str(layer): pair for layer, pair in state.running.items()}
    header = {
        "format": FORMAT,
        "version": VERSION,
        "saved_at": time.time() if saved_at is None else saved_at,
        "state": {k: _pack(v, arrays, f"state.{k}") for k, v in fields_.items()},
        "history": history is not None,
    }
    arrays["header"] = _text(json.dumps(header))
    arrays["config"] = _text(config.to_toml())
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    data = buffer.getbuffer()
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        message = tr("{path}: cannot write the checkpoint ({error})")
        raise NnlensError(message.format(path=path, error=exc.strerror or exc)) from None
    return len(data)


def load(path: str | Path) -> Checkpoint:
    """Read a checkpoint; a missing, truncated, corrupt or foreign file raises ``DataError``."""
    path = Path(path)
    try:
        with np.load(path, allow_pickle=False) as archive:
            if not isinstance(archive, np.lib.npyio.NpzFile):
                raise ValueError(tr("a single array, not a checkpoint archive"))
            arrays = {name: archive[name] for name in archive.files}  # reads all: CRC checked
        return _unpack(arrays)
    except OSError as exc:
        message = tr("{name}: cannot read the checkpoint ({error})")
        raise DataError(message.format(name=path.name, error=exc.strerror or exc)) from None
    except NnlensError as exc:
        message = tr("{name}: the saved experiment is invalid ({error})")
        raise DataError(message.format(name=path.name, error=exc)) from None
    except (
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        EOFError,
        zipfile.BadZipFile,
    ) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        message = tr("{name}: not a complete nnlens checkpoint ({reason})")
        raise DataError(message.format(name=path.name, reason=reason)) from None


def _unpack(arrays: dict[str, Array]) -> Checkpoint:
    header = json.loads(_string(arrays.pop("header")))
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ValueError(tr("no nnlens checkpoint header"))
    if header["version"] > VERSION:
        message = tr("written by a newer nnlens (format {version})")
        raise ValueError(message.format(version=header["version"]))
    config = ExperimentConfig.from_toml(_string(arrays.pop("config")), source="checkpoint")
    values = {k: _unpacked(v, arrays) for k, v in header["state"].items()}
    values["running"] = {int(k): tuple(pair) for k, pair in values["running"].items()}
    values["latest"] = tuple(float(v) for v in values["latest"])
    state = TrainerState(**values)
    theta, order = state.theta, state.order
    if theta.ndim != 1 or theta.dtype != np.float64 or order.ndim != 1:
        raise ValueError(tr("weights or batch order of the wrong shape"))
    if not isinstance(state.step, int) or state.step < 0:
        raise ValueError(tr("no step count"))
    empty = np.empty(0)
    curves = {k: empty for k in HISTORY_KEYS[:6]}
    curves["grad_norms"] = np.empty((0, len(config.model.hidden) + 1))
    if header["history"]:
        curves.update({k: arrays[f"history_{k}"] for k in HISTORY_KEYS if f"history_{k}" in arrays})
    history = History(**curves)
    if len(history.eval_steps) < state.lengths.get("eval_steps", 0):
        raise ValueError(tr("learning curves shorter than the saved step"))
    return Checkpoint(config, state, history, arrays.get("param_path"), float(header["saved_at"]))


def _pack(value: Any, arrays: dict[str, Array], key: str) -> Any:
    """``value`` as JSON; its arrays go into ``arrays`` and leave ``{"array": name}``."""
    if isinstance(value, np.ndarray):
        arrays[key] = value
        return {"array": key}
    if isinstance(value, dict):
        return {"dict": {str(k): _pack(v, arrays, f"{key}.{k}") for k, v in value.items()}}
    if isinstance(value, list | tuple):
        return {"list": [_pack(v, arrays, f"{key}.{i}") for i, v in enumerate(value)]}
    if isinstance(value, np.generic):
        return value.item()
    return value


def _unpacked(value: Any, arrays: dict[str, Array]) -> Any:
    if isinstance(value, dict):
        if "array" in value:
            return arrays[value["array"]]
        if "dict" in value:
            return {k: _unpacked(v, arrays) for k, v in value["dict"].items()}
        return [_unpacked(v, arrays) for v in value["list"]]
    return value


def _text(text: str) -> Array:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def _string(array: Array) -> str:
    return array.tobytes().decode("utf-8")
