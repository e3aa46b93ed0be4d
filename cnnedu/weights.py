"""Save and load a model's parameters as a .npz file, refusing the wrong architecture.

The file holds one array per parameter, named as in ``model.named_parameters()``
(``'C1.weight'``, or ``'0.weight'`` in an unnamed Sequential), plus two
JSON strings: ``__architecture__`` (every parameter's name and shape, and the
layers' reprs) and ``__metadata__`` (how the weights were made: anything you
pass, such as epochs, seed or accuracy). No pickles: ``np.load(..., allow_pickle=False)``
can read it, so a downloaded file can never run code.

The zip entries carry a fixed timestamp, so saving the same weights twice
gives byte-identical files (reproducible, and friendly to version control).
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import numpy as np

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


def save_weights(model, path, /, **metadata) -> Path:
    """Write ``model``'s parameters to ``path`` (.npz) with ``metadata`` (JSON-serialisable values).

    Parent directories are created. Returns the path written.
    """
    path = Path(path)
    try:
        meta_json = json.dumps(metadata, sort_keys=True)
    except TypeError as err:
        raise TypeError(
            f"metadata values must be JSON-serialisable (numbers, strings, lists, dicts): {err}"
        ) from None
    arrays = {}
    for name, p in model.named_parameters():
        if name in (ARCHITECTURE_KEY, METADATA_KEY):
            raise ValueError(f"parameter name {name!r} is reserved")
        arrays[name] = p
    arrays[ARCHITECTURE_KEY] = np.array(json.dumps(architecture(model)))
    arrays[METADATA_KEY] = np.array(meta_json)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_npz(path, arrays)
    return path


def _read_json(data, key: str, path) -> object:
    if key not in data.files:
        raise ValueError(f"{path} is not a cnnedu weights file: it has no {key!r} entry")
    return json.loads(str(data[key][()]))


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
            f"{path} was saved from a model with {len(saved_layers)} layers, "
            f"but this model has {len(model_layers)}"
        )


def load_weights(model, path, strict=True) -> dict:
    """Copy the parameters stored at ``path`` into ``model`` (in place); return the metadata.

    Every parameter name and shape must match, else ValueError naming the
    first mismatch; nothing is changed in that case. ``strict=True`` also
    requires the same layers (so ReLU weights do not go into a Tanh model).
    """
    if not os.path.exists(path):
        raise FileNotFoundError(f"no weights file at {path}")
    expected = architecture(model)
    with np.load(path, allow_pickle=False) as data:
        saved_arch = _read_json(data, ARCHITECTURE_KEY, path)
        metadata = _read_json(data, METADATA_KEY, path)
        saved = {
            name: data[name] for name in data.files if name not in (ARCHITECTURE_KEY, METADATA_KEY)
        }
    wanted = dict(model.named_parameters())
    for name, array in saved.items():
        if name not in wanted:
            raise ValueError(
                f"{path} has an extra key {name!r} {array.shape} that the model does not have"
            )
        if array.shape != wanted[name].shape:
            raise ValueError(
                f"{path} has {name} {array.shape} but the model expects {name} {wanted[name].shape}"
            )
    for name, p in wanted.items():
        if name not in saved:
            raise ValueError(f"{path} is missing key {name!r}: the model expects {name} {p.shape}")
    if strict:
        _check_layers(saved_arch["layers"], expected["layers"], path)
    for name, p in wanted.items():
        p[...] = saved[name]  # in place: an optimiser holding these arrays stays connected
    return metadata
