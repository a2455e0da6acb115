"""CSV, NPZ and IDX files: good files load, bad files give one clear DataError."""

from __future__ import annotations

import gzip
import io
import struct
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.errors import DataError
from engine.loaders import load_csv, load_idx, load_npz


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def idx_images(images: np.ndarray, magic: int = 0x00000803) -> bytes:
    n, rows, cols = images.shape
    return struct.pack(">IIII", magic, n, rows, cols) + images.astype(np.uint8).tobytes()


def idx_labels(labels: np.ndarray, magic: int = 0x00000801) -> bytes:
    return struct.pack(">II", magic, len(labels)) + labels.astype(np.uint8).tobytes()


@pytest.fixture
def mnist_like() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, (12, 4, 3), dtype=np.uint8), np.arange(12, dtype=np.uint8) % 10


def npz_bytes(**arrays: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


# ------------------------------------------------------------------ CSV


def test_csv_with_header(tmp_path: Path) -> None:
    path = write(tmp_path, "flowers.csv", "width,height,kind\n1.5,2,0\n3,4.25,2\n5,6,1\n")
    ds = load_csv(path)
    np.testing.assert_array_equal(ds.X, [[1.5, 2], [3, 4.25], [5, 6]])
    np.testing.assert_array_equal(ds.y, [0, 2, 1])
    assert ds.task == "multiclass" and ds.n_classes == 3
    assert ds.name == "flowers" and ds.image_shape is None


def test_csv_without_header_keeps_the_first_row(tmp_path: Path) -> None:
    ds = load_csv(write(tmp_path, "plain.csv", "1,2,1\n3,4,0\n\n5,6,1\n"))
    assert ds.X.shape == (3, 2)
    np.testing.assert_array_equal(ds.X[0], [1, 2])
    assert ds.task == "binary" and ds.n_classes == 2


def test_csv_integer_labels_become_sorted_class_indices(tmp_path: Path) -> None:
    ds = load_csv(write(tmp_path, "odd.csv", "0,10\n0,-3\n0,7.0\n0,10\n"))
    np.testing.assert_array_equal(ds.y, [2, 0, 1, 2])
    assert ds.y.dtype == np.int64 and ds.task == "multiclass"


def test_regression_csv(tmp_path: Path) -> None:
    ds = load_csv(write(tmp_path, "prices.csv", "x1,x2,price\n1,2,0.5\n3,4,1\n5,6,2.75\n"))
    assert ds.task == "regression" and ds.n_classes == 0
    assert ds.y.shape == (3, 1) and ds.y.dtype == np.float64
    np.testing.assert_array_equal(ds.y[:, 0], [0.5, 1.0, 2.75])


def test_csv_tolerates_spaces_a_byte_order_mark_and_windows_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffa, b, label\r\n 1 , 2 , 0\r\n3,4,1\r\n".encode())
    ds = load_csv(path)
    np.testing.assert_array_equal(ds.X, [[1, 2], [3, 4]])


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("", ["the file is empty"]),
        ("\n  \n", ["the file is empty"]),
        ("a,b,label\n", ["no data rows"]),
        ("1,2,0\n3,4,1\n5,6\n", ["line 3", "expected 3 columns", "found 2"]),
        ("a,b,c\n\n1,2,0\n3,4,1,9\n", ["line 4", "expected 3 columns", "found 4"]),
        ("1,2,0\n3,abc,1\n", ["line 2", "column 2", "'abc'"]),
        ("x,y,z\n1,2,0\n3,4,one\n", ["line 3", "column 3", "'one'"]),
        ("1,2,0\n3,,1\n", ["line 2", "column 2", "empty"]),
        ("1,2,0\nnan,4,1\n", ["line 2", "column 1", "'nan'"]),
        ("1,2,0\n3,4,inf\n", ["line 2", "column 3", "'inf'"]),
        ("1,2,0\n3,-Infinity,1\n", ["line 2", "column 2"]),
        ("label\n0\n1\n", ["1 column"]),
        ("1;2;0\n3;4;1\n", ["1 column", "commas"]),
        ("1,2,4\n3,4,4\n", ["every label is 4", "2 classes"]),
    ],
)
def test_malformed_csv_says_where_and_what(tmp_path: Path, text: str, fragments: list) -> None:
    path = write(tmp_path, "data.csv", text)
    with pytest.raises(DataError) as caught:
        load_csv(path)
    message = str(caught.value)
    assert message.startswith("data.csv")
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message


def test_csv_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    with pytest.raises(DataError, match=r"photo\.csv: not a text file"):
        load_csv(path)


@pytest.mark.parametrize("loader", [load_csv, load_npz])
def test_missing_file_and_folder(tmp_path: Path, loader) -> None:
    with pytest.raises(DataError, match=r"nothing\.csv: no such file"):
        loader(tmp_path / "nothing.csv")
    with pytest.raises(DataError, match="folder"):
        loader(tmp_path)


# ------------------------------------------------------------------ NPZ


def test_npz_with_features(tmp_path: Path) -> None:
    X = np.arange(12, dtype=np.float32).reshape(6, 2)
    path = tmp_path / "pairs.npz"
    np.savez(path, X=X, y=np.array([3, 5, 3, 5, 3, 5]))
    ds = load_npz(path)
    np.testing.assert_array_equal(ds.X, X)
    assert ds.X.dtype == np.float64
    np.testing.assert_array_equal(ds.y, [0, 1, 0, 1, 0, 1])
    assert ds.task == "binary" and ds.name == "pairs" and ds.image_shape is None


def test_npz_images_are_flattened_and_keep_their_shape(tmp_path: Path) -> None:
    images = np.random.default_rng(1).integers(0, 255, (5, 3, 4), dtype=np.uint8)
    path = tmp_path / "faces.npz"
    np.savez_compressed(path, X=images, y=np.array([0, 1, 2, 0, 1]))
    ds = load_npz(path)
    assert ds.X.shape == (5, 12) and ds.image_shape == (3, 4)
    np.testing.assert_array_equal(ds.X[2].reshape(3, 4), images[2])
    assert ds.task == "multiclass" and ds.n_classes == 3


def test_npz_float_targets_are_regression(tmp_path: Path) -> None:
    path = tmp_path / "curve.npz"
    np.savez(path, X=np.linspace(0, 1, 8)[:, None], y=np.linspace(0, 1, 16).reshape(8, 2))
    ds = load_npz(path)
    assert ds.task == "regression" and ds.y.shape == (8, 2)


@pytest.mark.parametrize(
    ("arrays", "fragments"),
    [
        ({"X": np.zeros((3, 2))}, ["'y'", "found: X"]),
        ({"x": np.zeros((3, 2)), "y": np.zeros(3)}, ["'X'", "found: x, y"]),
        ({"X": np.zeros((3, 2)), "y": np.array([0, 1])}, ["3 samples", "(2,)"]),
        ({"X": np.array([["a", "b"], ["c", "d"]]), "y": np.array([0, 1])}, ["'X'", "numbers"]),
        ({"X": np.zeros((2, 2)), "y": np.array(["cat", "dog"])}, ["'y'", "numbers"]),
        ({"X": np.zeros(4), "y": np.array([0, 1, 0, 1])}, ["'X'", "shape"]),
        ({"X": np.array([[0.0, 1], [np.nan, 2]]), "y": np.array([0, 1])}, ["'X'", "NaN", "1"]),
        ({"X": np.zeros((2, 2)), "y": np.array([0.5, np.inf])}, ["'y'", "infinite"]),
        ({"X": np.zeros((0, 2)), "y": np.zeros(0)}, ["empty"]),
        ({"X": np.zeros((3, 2)), "y": np.array([1, 1, 1])}, ["every label is 1"]),
    ],
)
def test_bad_npz_contents(tmp_path: Path, arrays: dict, fragments: list) -> None:
    path = tmp_path / "bad.npz"
    path.write_bytes(npz_bytes(**arrays))
    with pytest.raises(DataError) as caught:
        load_npz(path)
    assert str(caught.value).startswith("bad.npz")
    for fragment in fragments:
        assert fragment in str(caught.value)


def test_truncated_npz(tmp_path: Path) -> None:
    data = npz_bytes(X=np.random.default_rng(0).normal(size=(50, 4)), y=np.arange(50) % 2)
    path = tmp_path / "cut.npz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DataError, match=r"cut\.npz: damaged or truncated"):
        load_npz(path)


def test_npz_holding_python_objects_is_refused_without_unpickling(tmp_path: Path) -> None:
    path = tmp_path / "objects.npz"
    np.savez(path, X=np.array([[1, 2], [3, 4]], dtype=object), y=np.array([0, 1]))
    with pytest.raises(DataError, match=r"objects\.npz: holds Python objects"):
        load_npz(path)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [(b"", "not an .npz"), (b"X,y\n1,2\n", "not an .npz"), (b"\x93NUMPY\x01\x00", ".npy")],
)
def test_files_that_are_not_npz_archives(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "other.npz"
    path.write_bytes(content)
    with pytest.raises(DataError, match=fragment):
        load_npz(path)


# ------------------------------------------------------------------ IDX


@pytest.mark.parametrize("compress", [False, True])
def test_idx_round_trip(tmp_path: Path, mnist_like, compress: bool) -> None:
    images, labels = mnist_like
    pack = gzip.compress if compress else bytes
    (tmp_path / "imgs-idx3-ubyte").write_bytes(pack(idx_images(images)))
    (tmp_path / "labs-idx1-ubyte").write_bytes(pack(idx_labels(labels)))
    ds = load_idx(tmp_path / "imgs-idx3-ubyte", tmp_path / "labs-idx1-ubyte")
    assert ds.X.shape == (12, 12) and ds.image_shape == (4, 3)
    np.testing.assert_allclose(ds.X.reshape(12, 4, 3) * 255, images)
    assert ds.X.min() >= 0.0 and ds.X.max() <= 1.0
    np.testing.assert_array_equal(ds.y, labels)
    assert ds.task == "multiclass" and ds.n_classes == 10
    assert ds.name == "imgs-idx3-ubyte"


def test_idx_gzip_is_detected_by_content_not_by_name(tmp_path: Path, mnist_like) -> None:
    images, labels = mnist_like
    (tmp_path / "images.idx").write_bytes(gzip.compress(idx_images(images)))
    (tmp_path / "labels.gz").write_bytes(idx_labels(labels))
    ds = load_idx(tmp_path / "images.idx", tmp_path / "labels.gz")
    np.testing.assert_array_equal(ds.y, labels)


def test_idx_mnist_names_give_a_clean_data_set_name(tmp_path: Path, mnist_like) -> None:
    images, labels = mnist_like
    (tmp_path / "t10k-images.idx3-ubyte.gz").write_bytes(gzip.compress(idx_images(images)))
    (tmp_path / "t10k-labels.idx1-ubyte.gz").write_bytes(gzip.compress(idx_labels(labels)))
    ds = load_idx(tmp_path / "t10k-images.idx3-ubyte.gz", tmp_path / "t10k-labels.idx1-ubyte.gz")
    assert ds.name == "t10k-images"


@pytest.mark.parametrize(
    ("image_bytes", "label_bytes", "fragments"),
    [
        (lambda i: idx_images(i, magic=0x00000D03), None, ["images", "magic", "0x00000D03"]),
        (lambda i: b"\x00\x00\x08", None, ["images", "too short"]),
        (lambda i: idx_images(i)[:10], None, ["images", "truncated"]),
        (lambda i: idx_images(i)[:-5], None, ["images", "truncated", "12 × 4 × 3"]),
        (lambda i: idx_images(i) + b"\x00", None, ["images", "extra bytes"]),
        (None, lambda y: idx_labels(y)[:-1], ["labels", "truncated"]),
        (None, lambda y: idx_labels(y[:11]), ["12 images", "11 labels"]),
        (lambda i: gzip.compress(idx_images(i))[:-12], None, ["images", "gzip"]),
        (lambda i: b"\x1f\x8b" + b"\x00" * 30, None, ["images", "gzip"]),
        (None, lambda y: idx_images(np.zeros((12, 2, 2))), ["labels", "swapped"]),
        (lambda i: idx_labels(np.zeros(12)), None, ["images", "swapped"]),
    ],
)
def test_bad_idx_files(tmp_path: Path, mnist_like, image_bytes, label_bytes, fragments) -> None:
    images, labels = mnist_like
    (tmp_path / "images").write_bytes((image_bytes or idx_images)(images))
    (tmp_path / "labels").write_bytes((label_bytes or idx_labels)(labels))
    with pytest.raises(DataError) as caught:
        load_idx(tmp_path / "images", tmp_path / "labels")
    for fragment in fragments:
        assert fragment in str(caught.value)


def test_idx_missing_labels_file(tmp_path: Path, mnist_like) -> None:
    (tmp_path / "images").write_bytes(idx_images(mnist_like[0]))
    with pytest.raises(DataError, match="no such file"):
        load_idx(tmp_path / "images", tmp_path / "labels")


# ------------------------------------------------------------------ damaged files


def _damage(data: bytes, draw) -> bytes:
    cut = draw(st.integers(0, len(data)))
    if draw(st.booleans()):
        return data[:cut]
    position = min(cut, len(data) - 1)
    flipped = data[position] ^ draw(st.integers(1, 255))
    return data[:position] + bytes([flipped]) + data[position + 1 :]


_SAMPLE_NPZ = npz_bytes(X=np.arange(40.0).reshape(10, 4), y=np.arange(10) % 3)
_SAMPLE_CSV = b"a,b,label\n1,2,0\n3.5,4,1\n-5,6e1,0\n"
_SAMPLE_IMAGES = gzip.compress(idx_images(np.arange(24, dtype=np.uint8).reshape(2, 3, 4)))
_SAMPLE_LABELS = idx_labels(np.array([3, 7]))
_FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_FUZZ
@given(data=st.data())
def test_damaged_files_load_or_raise_data_error_only(tmp_path: Path, data) -> None:
    paths = {kind: tmp_path / f"fuzz.{kind}" for kind in ("csv", "npz", "images", "labels")}
    paths["csv"].write_bytes(_damage(_SAMPLE_CSV, data.draw))
    paths["npz"].write_bytes(_damage(_SAMPLE_NPZ, data.draw))
    paths["images"].write_bytes(_damage(_SAMPLE_IMAGES, data.draw))
    paths["labels"].write_bytes(_damage(_SAMPLE_LABELS, data.draw))
    for load in (
        lambda: load_csv(paths["csv"]),
        lambda: load_npz(paths["npz"]),
        lambda: load_idx(paths["images"], paths["labels"]),
    ):
        try:
            ds = load()
        except DataError as exc:
            assert str(exc) and "\n" not in str(exc)
        else:
            assert np.all(np.isfinite(ds.X)) and len(ds.X) == len(ds.y)
