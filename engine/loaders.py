"""Read user data files (CSV, NPZ, MNIST-style IDX) into :class:`engine.datasets.Dataset`.

Every problem with a file raises :class:`engine.errors.DataError` with one line that names the
file and, where there is one, the line and column.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import struct
import zipfile
import zlib
from os import PathLike
from pathlib import Path
from typing import NoReturn

import numpy as np

from engine.datasets import Dataset
from engine.errors import DataError
from engine.text import tr

IDX_IMAGES_MAGIC = 0x00000803
IDX_LABELS_MAGIC = 0x00000801
_NPZ_ERRORS = (
    OSError,
    ValueError,
    EOFError,
    MemoryError,
    struct.error,
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,  # a damaged header naming an unknown compression method
    RuntimeError,  # a damaged header flagging the member as encrypted
    KeyError,
)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError(tr("{path}: no such file").format(path=path)) from None
    except IsADirectoryError:
        raise DataError(tr("{path}: is a folder, not a file").format(path=path)) from None
    except OSError as exc:
        message = tr("{path}: cannot read ({error})")
        raise DataError(message.format(path=path, error=exc.strerror or exc)) from None


def _stem(path: Path) -> str:
    return Path(path.name.removesuffix(".gz")).stem or path.name


def _targets(source: str, y: np.ndarray) -> tuple[np.ndarray, str, int]:
    """Decide the task from the label values.

    Parameters
    ----------
    source : str
        Names the labels in error messages.
    y : ndarray of shape (n,) or (n, k), finite numbers

    Returns
    -------
    y, task, n_classes
        All-integer labels in one column become int64 class indices ``0 .. k-1`` (the sorted
        distinct values), ``"binary"`` for 2 classes else ``"multiclass"``; anything else
        becomes float64 regression targets of shape (n, k).
    """
    y = np.asarray(y, dtype=np.float64)
    column = y.reshape(len(y), -1)
    if column.shape[1] == 1 and np.all(column == np.round(column)):
        classes, indices = np.unique(column[:, 0], return_inverse=True)
        if len(classes) < 2:
            raise DataError(
                tr(
                    "{source}: every label is {label:g}; a classifier needs at least 2 classes"
                ).format(source=source, label=classes[0])
            )
        task = "binary" if len(classes) == 2 else "multiclass"
        return indices.astype(np.int64), task, len(classes)
    return np.ascontiguousarray(column), "regression", 0


def load_csv(path: str | PathLike[str]) -> Dataset:
    """Numeric feature columns followed by one label column, comma-separated.

    The first row is a header when none of its feature cells is a number; blank lines are
    skipped. Labels that are all integers mean classification (classes are the sorted distinct
    labels), any other numbers mean regression.
    """
    path = Path(path)
    name = path.name
    try:
        text = _read_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        message = tr("{name}: not a text file (cannot decode it as UTF-8)")
        raise DataError(message.format(name=name)) from None
    try:
        rows = [
            (number, row)
            for number, row in enumerate(csv.reader(text.splitlines()), start=1)
            if any(cell.strip() for cell in row)
        ]
    except csv.Error as exc:
        message = tr("{name}: not a readable CSV file ({error})")
        raise DataError(message.format(name=name, error=exc)) from None
    if not rows:
        raise DataError(tr("{name}: the file is empty").format(name=name))
    width = len(rows[0][1])
    if width < 2:
        raise DataError(
            tr(
                "{name} line {line}: found 1 column; need feature columns then a label "
                "column, separated by commas"
            ).format(name=name, line=rows[0][0])
        )
    if not any(_is_number(cell) for cell in rows[0][1][:-1]):
        rows = rows[1:]
        if not rows:
            raise DataError(
                tr("{name}: the file has a header row but no data rows").format(name=name)
            )
    values = np.empty((len(rows), width))
    for i, (number, row) in enumerate(rows):
        if len(row) != width:
            raise DataError(
                tr(
                    "{name} line {line}: expected {width} columns (as on line {first}), "
                    "found {found}"
                ).format(name=name, line=number, width=width, first=rows[0][0], found=len(row))
            )
        try:
            values[i] = np.array(row, dtype=np.float64)
        except ValueError:
            _raise_bad_cell(name, number, row)
        if not np.all(np.isfinite(values[i])):
            column = int(np.flatnonzero(~np.isfinite(values[i]))[0]) + 1
            raise DataError(
                tr(
                    "{name} line {line}, column {column}: {cell} is not "
                    "allowed (values must be finite numbers)"
                ).format(name=name, line=number, column=column, cell=repr(row[column - 1].strip()))
            )
    y, task, n_classes = _targets(tr("{name} (label column)").format(name=name), values[:, -1])
    X = np.ascontiguousarray(values[:, :-1])
    return Dataset(X, y, task, n_classes, _stem(path))


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _raise_bad_cell(name: str, number: int, row: list[str]) -> NoReturn:
    for column, cell in enumerate(row, start=1):
        if not _is_number(cell):
            if not cell.strip():
                message = tr("{name} line {line}, column {column}: is empty")
            else:
                message = tr("{name} line {line}, column {column}: {cell} is not a number")
            raise DataError(
                message.format(name=name, line=number, column=column, cell=repr(cell.strip()))
            )
    message = tr("{name} line {line}: cannot read the numbers on this line")
    raise DataError(message.format(name=name, line=number))


def load_npz(path: str | PathLike[str]) -> Dataset:
    """A NumPy ``.npz`` archive with arrays ``X`` and ``y``.

    ``X`` has shape (n, d), or (n, h, w) for images (flattened, ``image_shape=(h, w)``); its
    values are used as stored. ``y`` has shape (n,) or (n, k): a single column of integers
    means classification, anything else regression.
    """
    path = Path(path)
    name = path.name
    data = _read_bytes(path)
    if data.startswith(b"\x93NUMPY"):
        message = tr("{name}: a single-array .npy file; save X and y with numpy.savez")
        raise DataError(message.format(name=name))
    if not data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        message = tr("{name}: not an .npz archive (save X and y with numpy.savez)")
        raise DataError(message.format(name=name))
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            missing = [key for key in ("X", "y") if key not in archive.files]
            if missing:
                found = ", ".join(archive.files) or tr("nothing")
                raise DataError(
                    tr("{name}: no array named {key} (found: {found})").format(
                        name=name, key=repr(missing[0]), found=found
                    )
                )
            X, y = archive["X"], archive["y"]
    except DataError:
        raise
    except _NPZ_ERRORS as exc:
        if "allow_pickle" in str(exc):
            message = tr("{name}: holds Python objects; save plain number arrays")
            raise DataError(message.format(name=name)) from None
        message = tr("{name}: damaged or truncated .npz archive ({error})")
        raise DataError(message.format(name=name, error=exc)) from None
    for key, array in (("X", X), ("y", y)):
        if array.dtype.kind not in "biuf":
            message = tr("{name}: array {key} must hold numbers, not {type}")
            raise DataError(message.format(name=name, key=repr(key), type=array.dtype))
        if array.ndim == 0:
            message = tr("{name}: array {key} is a single value, not one row per sample")
            raise DataError(message.format(name=name, key=repr(key)))
    if X.ndim not in (2, 3):
        raise DataError(
            tr(
                "{name}: array 'X' must have shape (n, features) or (n, height, width), got {shape}"
            ).format(name=name, shape=X.shape)
        )
    if y.ndim > 2 or len(y) != len(X) or (y.ndim == 2 and y.shape[1] == 0):
        raise DataError(
            tr(
                "{name}: 'X' has {n} samples but 'y' has shape {shape}; "
                "expected one label (or target row) per sample"
            ).format(name=name, n=len(X), shape=y.shape)
        )
    if len(X) == 0 or X[0].size == 0:
        raise DataError(tr("{name}: 'X' is empty (shape {shape})").format(name=name, shape=X.shape))
    for key, array in (("X", X), ("y", y)):
        bad = ~np.isfinite(array.reshape(len(array), -1)).all(axis=1)
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise DataError(
                tr("{name}: array {key} has NaN or infinite values (first at index {row})").format(
                    name=name, key=repr(key), row=row
                )
            )
    image_shape = (int(X.shape[1]), int(X.shape[2])) if X.ndim == 3 else None
    y, task, n_classes = _targets(tr("{name} (array 'y')").format(name=name), y)
    X = X.reshape(len(X), -1).astype(np.float64)
    return Dataset(X, y, task, n_classes, _stem(path), image_shape)


def _idx_payload(path: Path, magic: int, kind: str, n_dims: int) -> tuple[tuple[int, ...], bytes]:
    """Dimensions and raw bytes of an unsigned-byte IDX file, gzip-compressed or not."""
    data = _read_bytes(path)
    name = path.name
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise DataError(
                tr("{name}: damaged gzip data ({error})").format(name=name, error=exc)
            ) from None
    header_size = 4 + 4 * n_dims
    if len(data) < 4:
        message = tr("{name}: too short to be an IDX {kind} file ({size} bytes)")
        raise DataError(message.format(name=name, kind=_kind(kind), size=len(data)))
    (found,) = struct.unpack(">I", data[:4])
    if found != magic:
        if found in (IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC):
            message = tr(
                "{name}: not an IDX {kind} file (magic number 0x{found:08X}, "
                "expected 0x{magic:08X}); it looks like an IDX {other} file, "
                "were the two files swapped?"
            )
        else:
            message = tr(
                "{name}: not an IDX {kind} file (magic number 0x{found:08X}, "
                "expected 0x{magic:08X})"
            )
        other = _kind("image" if found == IDX_IMAGES_MAGIC else "label")
        raise DataError(
            message.format(name=name, kind=_kind(kind), found=found, magic=magic, other=other)
        )
    if len(data) < header_size:
        message = tr("{name}: truncated IDX header ({size} bytes)")
        raise DataError(message.format(name=name, size=len(data)))
    dims = struct.unpack(f">{n_dims}I", data[4:header_size])
    expected = header_size + math.prod(dims)
    if len(data) != expected:
        shape = " × ".join(str(d) for d in dims)
        if len(data) < expected:
            message = tr(
                "{name}: truncated: the header promises {shape} bytes of data "
                "({expected:,} bytes in all) but the file has {size:,} bytes"
            )
        else:
            message = tr(
                "{name}: has extra bytes: the header promises {shape} bytes of data "
                "({expected:,} bytes in all) but the file has {size:,} bytes"
            )
        raise DataError(message.format(name=name, shape=shape, expected=expected, size=len(data)))
    return dims, data[header_size:]


def _kind(kind: str) -> str:
    """The word for an IDX file's content, ``"image"`` or ``"label"``, as a user reads it."""
    return tr("image") if kind == "image" else tr("label")


def load_idx(images_path: str | PathLike[str], labels_path: str | PathLike[str]) -> Dataset:
    """MNIST-style IDX files: unsigned-byte images (n, rows, cols) and labels (n,).

    Either file may be gzip-compressed (recognised by its content, not its name). Pixels are
    scaled from 0..255 to [0, 1]; ``image_shape=(rows, cols)``.
    """
    images_path, labels_path = Path(images_path), Path(labels_path)
    (n, rows, cols), pixels = _idx_payload(images_path, IDX_IMAGES_MAGIC, "image", 3)
    (n_labels,), labels = _idx_payload(labels_path, IDX_LABELS_MAGIC, "label", 1)
    if n != n_labels:
        raise DataError(
            tr(
                "{images} holds {n:,} images but {labels} holds "
                "{n_labels:,} labels; choose matching files"
            ).format(images=images_path.name, n=n, labels=labels_path.name, n_labels=n_labels)
        )
    if n == 0 or rows * cols == 0:
        raise DataError(
            tr("{name}: no images ({n} × {rows} × {cols})").format(
                name=images_path.name, n=n, rows=rows, cols=cols
            )
        )
    X = np.frombuffer(pixels, dtype=np.uint8).reshape(n, rows * cols) / 255.0
    y, task, n_classes = _targets(labels_path.name, np.frombuffer(labels, dtype=np.uint8))
    return Dataset(X, y, task, n_classes, _stem(images_path), (rows, cols))
