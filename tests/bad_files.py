"""Malformed experiment, lesson and data files, each made in a folder by a small function.

Shared by the CLI battery (tests/test_bad_input_cli.py) and the GUI one
(tests/gui/test_bad_input_gui.py). Every case is an experiment or lesson TOML a user would pass
with ``--config`` or open with File → Open; the data-file cases point it at a broken data file.
``words`` are what the one-line message must contain: the field, or the file and its problem.
"""

from __future__ import annotations

import gzip
import io
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

GARBAGE = bytes(range(256)) * 4 + b"\x89PNG\x00\xff\xfe"  # not UTF-8, not a zip, no magic


@dataclass(frozen=True)
class BadFile:
    id: str
    make: Callable[[Path], Path]  # writes the files into a folder; returns the TOML to open
    words: tuple[str, ...]
    at_load: bool = True  # the TOML itself is bad (False: only building the data set fails)


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _config(folder: Path, data: str, model: str = "") -> Path:
    return _write(
        folder,
        "experiment.toml",
        f'name = "bad data"\n[data]\n{data}\n[model]\nhidden = [3]\n{model}\n'
        "[training]\nbatch_size = 4\n",
    )


def _data_config(dataset: str, file_name: str, content: bytes | str, model: str = ""):
    def make(folder: Path) -> Path:
        path = _write(folder, file_name, content)
        return _config(folder, f"dataset = '{dataset}'\npath = '{path}'", model)

    return make


def _idx_config(images: bytes, labels: bytes, images_name: str = "images.idx"):
    def make(folder: Path) -> Path:
        i = _write(folder, images_name, images)
        lab = _write(folder, "labels.idx", labels)
        return _config(folder, f"dataset = 'idx'\npath = '{i}'\nlabels_path = '{lab}'")

    return make


def _toml(text: str | bytes, name: str = "experiment.toml"):
    return lambda folder: _write(folder, name, text)


def _npz() -> bytes:
    buffer = io.BytesIO()
    X = np.arange(40.0).reshape(20, 2)
    np.savez_compressed(buffer, X=X, y=np.arange(20) % 2)
    return buffer.getvalue()


def _idx_images(n: int = 6) -> bytes:
    return struct.pack(">IIII", 0x803, n, 2, 2) + bytes(range(4 * n))


def _idx_labels(n: int = 6) -> bytes:
    return struct.pack(">II", 0x801, n) + bytes(i % 2 for i in range(n))


def _csv(last: str) -> str:
    return "".join(f"{i},{i % 3},{i % 2}\n" for i in range(10)) + last


LESSON = '[lesson]\ntitle = "Broken lesson"\nexplanation = "x"\n'

CASES = [
    # ---------------------------------------------------------------- the TOML itself
    BadFile("toml-empty", _toml(""), ("experiment.toml", "empty")),
    BadFile("toml-binary-garbage", _toml(GARBAGE), ("experiment.toml", "not a text file")),
    BadFile(
        "toml-invalid-syntax",
        _toml("name = 'broken\n[model\nhidden = [4"),
        ("experiment.toml", "not valid TOML"),
    ),
    BadFile("toml-wrong-type", _toml('[optimizer]\nlr = "fast"\n'), ("optimizer.lr", "'fast'")),
    BadFile("toml-wrong-type-list", _toml('[model]\nhidden = "4, 4"\n'), ("model.hidden", "list")),
    BadFile("toml-section-not-table", _toml("model = 3\n"), ("model", "table")),
    BadFile("toml-unknown-key", _toml("[model]\nhiden = [4]\n"), ("model.hiden", "unknown")),
    BadFile(
        "toml-unknown-optimizer-key",
        _toml("[optimizer]\nname = 'sgd'\nbeta1 = 0.9\n"),
        ("optimizer.beta1",),
    ),
    BadFile("toml-unknown-section", _toml("[modle]\nhidden = [4]\n"), ("modle", "unknown")),
    BadFile("toml-unknown-dataset", _toml("[data]\ndataset = 'mnist'\n"), ("data.dataset",)),
    # ---------------------------------------------------------------- lessons
    BadFile(
        "lesson-missing-dataset",
        _toml(LESSON + "[data]\ndataset = 'mnist'\n", "lesson.toml"),
        ("data.dataset", "mnist"),
    ),
    BadFile(
        "lesson-missing-data-file",
        lambda folder: _write(
            folder,
            "lesson.toml",
            LESSON + f"[data]\ndataset = 'csv'\npath = '{folder / 'gone.csv'}'\n",
        ),
        ("gone.csv", "no such file"),
        at_load=False,
    ),
    BadFile(
        "lesson-unknown-key",
        _toml('[lesson]\ntitle = "x"\nexplain = "typo"\n', "lesson.toml"),
        ("lesson.explain", "unknown"),
    ),
    BadFile(
        "lesson-bad-variant",
        _toml(LESSON + '[[variants]]\nlabel = "v"\nmodel = { hidden = "wide" }\n', "lesson.toml"),
        ("variants[0].model.hidden",),
    ),
    BadFile(
        "lesson-unknown-surface",
        _toml(
            LESSON + '[race]\nsurface = "everest"\nrunners = [{ optimizer = "sgd", lr = 0.1 }]\n',
            "lesson.toml",
        ),
        ("race.surface", "everest"),
    ),
    # ---------------------------------------------------------------- the data file
    BadFile(
        "data-missing-file",
        lambda folder: _config(folder, f"dataset = 'csv'\npath = '{folder / 'gone.csv'}'"),
        ("gone.csv", "no such file"),
        at_load=False,
    ),
    BadFile(
        "csv-empty", _data_config("csv", "points.csv", ""), ("points.csv", "empty"), at_load=False
    ),
    BadFile(
        "csv-binary-garbage",
        _data_config("csv", "points.csv", GARBAGE),
        ("points.csv", "not a text file"),
        at_load=False,
    ),
    BadFile(
        "csv-text-cell",
        _data_config("csv", "points.csv", _csv("3,tall,1\n")),
        ("points.csv line 11, column 2", "'tall'"),
        at_load=False,
    ),
    BadFile(
        "csv-nan",
        _data_config("csv", "points.csv", _csv("3,nan,1\n")),
        ("points.csv line 11, column 2", "finite"),
        at_load=False,
    ),
    BadFile(
        "csv-ragged-rows",
        _data_config("csv", "points.csv", _csv("3,1\n")),
        ("points.csv line 11", "expected 3 columns", "found 2"),
        at_load=False,
    ),
    BadFile(
        "csv-non-integer-labels",
        _data_config("csv", "points.csv", _csv("3,1,0.5\n"), "task = 'multiclass'"),
        ("model.task", "points.csv", "regression"),
        at_load=False,
    ),
    BadFile(
        "csv-out-of-range-labels",
        _data_config("csv", "points.csv", _csv("3,1,2\n"), "task = 'binary'"),
        ("model.task", "points.csv", "3 classes"),
        at_load=False,
    ),
    BadFile(
        "csv-one-class",
        _data_config("csv", "points.csv", "".join(f"{i},{i},1\n" for i in range(9))),
        ("points.csv", "2 classes"),
        at_load=False,
    ),
    BadFile(
        "npz-empty", _data_config("npz", "set.npz", b""), ("set.npz", "not an .npz"), at_load=False
    ),
    BadFile(
        "npz-binary-garbage",
        _data_config("npz", "set.npz", GARBAGE),
        ("set.npz", "not an .npz"),
        at_load=False,
    ),
    BadFile(
        "npz-truncated",
        _data_config("npz", "set.npz", _npz()[:-40]),
        ("set.npz", "truncated"),
        at_load=False,
    ),
    BadFile(
        "idx-empty",
        _idx_config(b"", _idx_labels()),
        ("images.idx", "too short"),
        at_load=False,
    ),
    BadFile(
        "idx-binary-garbage",
        _idx_config(GARBAGE, _idx_labels()),
        ("images.idx", "not an IDX image file"),
        at_load=False,
    ),
    BadFile(
        "idx-truncated",
        _idx_config(_idx_images()[:-5], _idx_labels()),
        ("images.idx", "truncated"),
        at_load=False,
    ),
    BadFile(
        "idx-gz-truncated",
        _idx_config(gzip.compress(_idx_images())[:-12], _idx_labels(), "images.idx.gz"),
        ("images.idx.gz", "gzip"),
        at_load=False,
    ),
]
