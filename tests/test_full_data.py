"""load_mnist and the training CLI on a complete, real data set: Fashion-MNIST's 60,000 + 10,000 images.

The files come from Debian's package dataset-fashion-mnist (``apt-get install
dataset-fashion-mnist``), which installs the four standard gzipped IDX files in
/usr/share/datasets/fashion-mnist; ``CNNEDU_FULL_DATA=/some/folder`` points the
tests at another copy (MNIST works too). Nothing in cnnedu needs these files:
without them every test here is skipped, saying why.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import numpy as np
import pytest

from cnnedu.data import load_mnist

FOLDER = Path(os.environ.get("CNNEDU_FULL_DATA", "/usr/share/datasets/fashion-mnist"))
FILES = {
    "x_train": "train-images-idx3-ubyte",
    "y_train": "train-labels-idx1-ubyte",
    "x_test": "t10k-images-idx3-ubyte",
    "y_test": "t10k-labels-idx1-ubyte",
}


def _find(name: str) -> Path | None:
    for candidate in (FOLDER / name, FOLDER / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    return None


pytestmark = pytest.mark.skipif(
    any(_find(name) is None for name in FILES.values()),
    reason=f"the complete Fashion-MNIST is not in {FOLDER} (install the Debian package dataset-fashion-mnist, "
    "or set CNNEDU_FULL_DATA to a folder with the four IDX files)",
)


def _read_by_hand(path: Path) -> np.ndarray:
    """The IDX format read from its definition: 0, 0, type 0x08 (uint8), ndim, big-endian sizes, data."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as f:
        raw = f.read()
    assert raw[0] == raw[1] == 0 and raw[2] == 0x08, f"{path} is not a uint8 IDX file"
    ndim = raw[3]
    shape = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    assert data.size == np.prod(shape), f"{path}: {data.size} bytes of data for shape {shape}"
    return data.reshape(shape)


@pytest.fixture(scope="module")
def full():
    return dict(zip(FILES, load_mnist(FOLDER)))


def test_load_mnist_reads_all_70000_images(full):
    assert full["x_train"].shape == (60_000, 28, 28) and full["x_test"].shape == (10_000, 28, 28)
    assert full["y_train"].shape == (60_000,) and full["y_test"].shape == (10_000,)
    assert full["x_train"].dtype == np.uint8 and full["y_train"].dtype == np.int64
    # Fashion-MNIST (and MNIST) use the whole 0..255 range and every class 0..9
    assert full["x_train"].min() == 0 and full["x_train"].max() == 255
    for key in ("y_train", "y_test"):
        assert set(np.unique(full[key])) == set(range(10))


def test_load_mnist_matches_an_independent_reading_of_the_files(full):
    for key, name in FILES.items():
        want = _read_by_hand(_find(name))
        np.testing.assert_array_equal(full[key], want, err_msg=key)


@pytest.mark.skipif("fashion" not in FOLDER.name.lower(), reason="the class counts below are Fashion-MNIST's")
def test_fashion_mnist_is_balanced(full):
    # Fashion-MNIST's documented split: 6,000 training and 1,000 test images per class
    assert np.bincount(full["y_train"], minlength=10).tolist() == [6000] * 10
    assert np.bincount(full["y_test"], minlength=10).tolist() == [1000] * 10


def test_training_cli_on_the_real_files(tmp_path, capsys):
    """python -m cnnedu.train --data <folder>: trains, reports every epoch, saves, reloads and agrees."""
    from cnnedu.models import lenet5
    from cnnedu.train import main
    from cnnedu.weights import load_weights

    out = tmp_path / "lenet5_full.npz"
    status = main(["--data", str(FOLDER), "--limit", "3000", "--epochs", "1", "--out", str(out), "--no-progress"])
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert "3,000 training / 10,000 test images" in printed
    assert "epoch 1/1:" in printed and "(the same as before saving)" in printed
    meta = load_weights(lenet5(), out)
    assert meta["train_images"] == 3000 and meta["test_images"] == 10_000
    # One epoch on 3,000 images is far from trained, but far above chance (10%):
    # 52.6% of the 10,000 Fashion-MNIST test images when this test was written.
    assert meta["test_accuracy"] > 0.4
