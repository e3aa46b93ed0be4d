"""Save and load a model's parameters as a .npz file, refusing the wrong architecture.

The file holds one array per parameter, named as in ``model.named_parameters()``
(``'C1.weight'``, or ``'0.weight'`` in an unnamed Sequential), plus two
JSON strings: ``__architecture__`` (every parameter's name and shape, and the
layers' reprs) and ``__metadata__`` (how the weights were made: anything you
pass, such as epochs, seed or accuracy). No pickles: ``np.load(..., allow_pickle=False)``
can read it, so a downloaded file can never run code.

The zip entries carry a fixed timestamp, so saving the same weights twice
gives byte-identical files (reproducible, and friendly to version control).

Loading trusts nothing in the file. Every problem (a directory, a FIFO, an
empty, truncated or garbage file, a plain .npy, a damaged architecture
record, a string, complex or pickled-object array, a header promising more
memory than a parameter can need) is a ValueError that names the file and
what is wrong, found BEFORE any parameter is changed: a load either copies
every parameter or none. Only the 16-byte-to-few-KB headers are read before
the shapes are known to match the model, so a hostile header cannot make
cnnedu allocate gigabytes. Saving writes a temporary file next to the target
and renames it, so a failed save never leaves half a file behind.
"""

from __future__ import annotations

import io
import json
import os
import stat
import tempfile
import zipfile
import zlib
from pathlib import Path

import numpy as np

from .checks import check_bool, check_memory

__all__ = ["save_weights", "load_weights", "architecture"]

ARCHITECTURE_KEY = "__architecture__"
METADATA_KEY = "__metadata__"
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip file can store


def architecture(model) -> dict:
    """What a weights file must match.

    {'params': [[name, shape], ...], 'layers': [[name, repr], ...]}
    """
    params = [[name, list(p.shape)] for name, p in model.named_parameters()]
    if hasattr(model, "named_layers"):
        layers = [[name, repr(layer)] for name, layer in model.named_layers()]
    else:
        layers = [[type(model).__name__, repr(model)]]
    return {"params": params, "layers": layers}


def _write_npz(path: Path, arrays: dict) -> None:
    """Like np.savez, but with a fixed date on every entry so the bytes only depend on the data."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for key, value in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asarray(value), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=_FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, buffer.getvalue())


# The JSON records are small (LeNet-5's architecture is 1.5 KB); a file that says
# otherwise is not a cnnedu weights file.
_MAX_RECORD_CHARS = 2**20
_NPY_MAGIC = b"\x93NUMPY"


def _as_path(path) -> Path:
    if isinstance(path, bool) or not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or pathlib.Path, got {type(path).__name__} {path!r}")
    return Path(path)


def _check_model(model) -> None:
    if not (callable(getattr(model, "named_parameters", None)) and callable(getattr(model, "parameters", None))):
        raise TypeError(f"model must be a cnnedu.nn layer or Sequential, got {type(model).__name__}")


def save_weights(model, path, /, **metadata) -> Path:
    """Write ``model``'s parameters to ``path`` (.npz) with ``metadata`` (JSON-serialisable values).

    Missing parent folders are created. Returns the path written. The file
    appears whole or not at all: it is written under a temporary name, then renamed.
    """
    _check_model(model)
    path = _as_path(path)
    if path.is_dir():
        raise ValueError(f"{path} is a directory; give a file name such as {path / 'weights.npz'}")
    if path.exists() and not path.is_file():
        raise ValueError(f"{path} exists and is not a regular file (a FIFO, device or socket); choose another name")
    try:
        meta_json = json.dumps(metadata, sort_keys=True)
    except (TypeError, ValueError) as err:
        raise TypeError(f"metadata values must be JSON-serialisable (numbers, strings, lists, dicts): {err}") from None
    arrays = {}
    for name, p in model.named_parameters():
        if name in (ARCHITECTURE_KEY, METADATA_KEY):
            raise ValueError(f"parameter name {name!r} is reserved")
        if not (isinstance(p, np.ndarray) and p.dtype.kind == "f"):
            raise TypeError(f"parameter {name!r} must be a floating-point NumPy array, got {type(p).__name__}")
        arrays[name] = p
    arrays[ARCHITECTURE_KEY] = np.array(json.dumps(architecture(model)))
    arrays[METADATA_KEY] = np.array(meta_json)
    parent = path.parent
    for folder in [parent, *parent.parents]:
        if folder.exists():
            if not folder.is_dir():
                raise ValueError(f"cannot save {path}: {folder} is a file, not a folder")
            break
    parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    os.close(fd)
    try:
        _write_npz(Path(tmp), arrays)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _check_layers(saved_layers, model_layers, path) -> None:
    """Equal parameter shapes can hide another architecture (Tanh for ReLU): compare the layers."""
    for (name, saved), (mname, current) in zip(saved_layers, model_layers):
        if (name, saved) != (mname, current):
            raise ValueError(
                f"{path} was saved from a different architecture: its layer {name!r} is {saved}, "
                f"but the model's layer {mname!r} is {current}"
            )
    if len(saved_layers) != len(model_layers):
        raise ValueError(
            f"{path} was saved from a model with {len(saved_layers)} layers, but this model has {len(model_layers)}"
        )


def _read_file(path: Path) -> bytes:
    """The bytes of ``path``, after refusing what is not a regular, non-empty, reasonably sized file."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise FileNotFoundError(f"no weights file at {path}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ValueError(f"{path} is a directory, not a weights file (.npz written by save_weights)")
    if not stat.S_ISREG(info.st_mode):
        # reading a FIFO would wait forever for a writer
        raise ValueError(f"{path} is not a regular file (a FIFO, device or socket); weights are read from files only")
    if info.st_size == 0:
        raise ValueError(f"{path} is empty (0 bytes), not a weights file; the save or the download did not finish")
    check_memory((info.st_size,), 1, f"reading the weights file {path} ({info.st_size} bytes)")
    return path.read_bytes()


def _entry(zf: zipfile.ZipFile, key: str, path: Path):
    """Open the .npy entry ``key`` and read its header: (open file, shape, dtype)."""
    f = zf.open(f"{key}.npy")
    try:
        version = np.lib.format.read_magic(f)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
        elif version == (2, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
        else:
            raise ValueError(f"unsupported .npy format version {version}")
    except (ValueError, OSError, EOFError, zlib.error, zipfile.BadZipFile) as err:
        f.close()
        raise ValueError(f"{path}: the entry {key!r} is not a readable .npy array ({err})") from None
    return f, shape, dtype


def _read_data(f, key: str, shape, dtype, path: Path) -> np.ndarray:
    """Read the values after the header, only once the shape is known to be small enough."""
    check_memory(shape, dtype.itemsize, f"{path}: the entry {key!r} of shape {shape}")
    with f:
        f.seek(0)
        try:
            return np.lib.format.read_array(f, allow_pickle=False)
        except (ValueError, OSError, EOFError, zlib.error, zipfile.BadZipFile) as err:
            raise ValueError(f"{path}: the entry {key!r} is damaged or truncated ({err})") from None


def _read_record(zf, key: str, path: Path):
    """One of the two JSON records, as Python objects."""
    f, shape, dtype = _entry(zf, key, path)
    if shape != () or dtype.kind != "U" or dtype.itemsize // 4 > _MAX_RECORD_CHARS:
        f.close()
        raise ValueError(
            f"{path}: {key!r} must be one JSON string (at most {_MAX_RECORD_CHARS} characters), "
            f"got an array of dtype {dtype} and shape {shape}"
        )
    text = str(_read_data(f, key, shape, dtype, path)[()])
    try:
        return json.loads(text)
    except ValueError as err:
        raise ValueError(f"{path}: {key!r} is not valid JSON ({err})") from None


def _is_shape(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)


def _check_architecture(arch, path: Path) -> None:
    """{'params': [[name, shape], ...], 'layers': [[name, repr], ...]}, or ValueError."""
    ok = isinstance(arch, dict) and isinstance(arch.get("params"), list) and isinstance(arch.get("layers"), list)
    ok = ok and all(
        isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and _is_shape(item[1])
        for item in arch["params"]
    )
    ok = ok and all(
        isinstance(item, list) and len(item) == 2 and all(isinstance(v, str) for v in item) for item in arch["layers"]
    )
    if not ok:
        raise ValueError(
            f"{path}: {ARCHITECTURE_KEY!r} is not an architecture record "
            "{'params': [[name, shape], ...], 'layers': [[name, repr], ...]}"
        )


def _open_zip(raw: bytes, path: Path) -> zipfile.ZipFile:
    if raw.startswith(_NPY_MAGIC):
        raise ValueError(
            f"{path} is a plain .npy file (one array), not a cnnedu weights file (an .npz written by save_weights)"
        )
    try:
        return zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as err:
        raise ValueError(
            f"{path} is not a cnnedu weights file: not a readable .npz (zip) archive ({err}); "
            "it may be truncated, damaged or another kind of file"
        ) from None


def load_weights(model, path, strict=True) -> dict:
    """Copy the parameters stored at ``path`` into ``model`` (in place); return the metadata.

    Every parameter name and shape must match, else ValueError naming the
    first mismatch; nothing is changed in that case (nor for any other
    problem with the file). ``strict=True`` also requires the same layers
    (so ReLU weights do not go into a Tanh model).
    """
    _check_model(model)
    path = _as_path(path)
    strict = check_bool(strict, "strict")
    raw = _read_file(path)
    expected = architecture(model)
    wanted = dict(model.named_parameters())
    with _open_zip(raw, path) as zf:
        keys = []
        for name in zf.namelist():
            if not name.endswith(".npy"):
                raise ValueError(f"{path}: the entry {name!r} is not an .npy array; this is not a cnnedu weights file")
            keys.append(name[: -len(".npy")])
        if len(set(keys)) != len(keys):
            raise ValueError(f"{path}: some entries appear twice; the file is damaged")
        for key in (ARCHITECTURE_KEY, METADATA_KEY):
            if key not in keys:
                raise ValueError(f"{path} is not a cnnedu weights file: it has no {key!r} entry")
        saved_arch = _read_record(zf, ARCHITECTURE_KEY, path)
        _check_architecture(saved_arch, path)
        metadata = _read_record(zf, METADATA_KEY, path)
        if not isinstance(metadata, dict):
            raise ValueError(f"{path}: {METADATA_KEY!r} must be a JSON object {{...}}, got {type(metadata).__name__}")
        # Headers first: names, shapes and dtypes are all checked before any values are read.
        headers = {}
        for name in (k for k in keys if k not in (ARCHITECTURE_KEY, METADATA_KEY)):
            f, shape, dtype = _entry(zf, name, path)
            f.close()
            if name not in wanted:
                raise ValueError(f"{path} has an extra key {name!r} {shape} that the model does not have")
            if shape != wanted[name].shape:
                raise ValueError(f"{path} has {name} {shape} but the model expects {name} {wanted[name].shape}")
            if dtype.hasobject:
                raise ValueError(
                    f"{path}: {name} is an array of Python objects (a pickle), which cnnedu never loads: "
                    "unpickling can run any code"
                )
            if dtype.kind != "f":
                raise ValueError(f"{path}: {name} must hold floating-point numbers, got dtype {dtype}")
            headers[name] = shape
        for name, p in wanted.items():
            if name not in headers:
                raise ValueError(f"{path} is missing key {name!r}: the model expects {name} {p.shape}")
        recorded = {name: tuple(shape) for name, shape in saved_arch["params"]}
        if recorded != headers:
            raise ValueError(
                f"{path}: its {ARCHITECTURE_KEY!r} record lists other parameters or shapes than the arrays it "
                "holds; the file was edited or damaged"
            )
        if strict:
            _check_layers(saved_arch["layers"], expected["layers"], path)
        values = {}
        for name, shape in headers.items():
            f, shape, dtype = _entry(zf, name, path)
            values[name] = _read_data(f, name, shape, dtype, path).astype(wanted[name].dtype, copy=False)
    for name, p in wanted.items():
        p[...] = values[name]  # in place: an optimiser holding these arrays stays connected
    return metadata
