"""The argument checks every public function shares: arrays, numbers, dtypes, empty axes, memory.

One rule per kind of odd input, written once here, so that every op answers
it the same way (a TypeError or ValueError that names the argument):

* Array-likes: anything ``np.asarray`` accepts. Nested lists with rows of
  different lengths ("ragged") are refused with a message naming the argument,
  not NumPy's "inhomogeneous shape".
* dtype: float64 in either byte order (and any wider float) is computed in
  native float64; every other real type (bool, integers, float16, float32)
  in float32. Strings, complex numbers and Python objects are refused.
* Numbers: Python and NumPy numbers alike (``np.int64(3)``, ``np.float32(0.5)``,
  a 0-d array); ``True``/``False`` are not numbers; NaN and inf are refused.
* Empty axes: only the batch axis N of a layout such as ``(N, C, H, W)`` may
  have length 0 (the result is then empty too, as in PyTorch); any other
  empty axis is an error naming the array.
* Memory: an op or a file whose shapes promise more than
  :data:`MEMORY_LIMIT_BYTES` for one array is refused before anything is
  allocated, with the number of bytes it would need.
"""

from __future__ import annotations

import math
import numbers
import os
import re

import numpy as np

__all__ = [
    "MEMORY_LIMIT_BYTES",
    "as_array",
    "as_float_array",
    "result_dtype",
    "check_int",
    "check_number",
    "check_bool",
    "check_ndim",
    "check_memory",
    "format_bytes",
    "keep_where",
]


def _default_memory_limit() -> int:
    """Half of this machine's memory (at least 1 GiB); 4 GiB where it cannot be found."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # Windows has no sysconf
        return 4 * 2**30
    return max(2**30, total // 2)


# The largest single array an op may create or a file may promise. A module
# attribute, read at every call, so it can be changed: cnnedu.checks.MEMORY_LIMIT_BYTES = 2**34.
MEMORY_LIMIT_BYTES = _default_memory_limit()


# -- arrays ------------------------------------------------------------------------------


def as_array(x, name: str) -> np.ndarray:
    """``np.asarray(x)``, or a ValueError naming ``name`` when NumPy cannot make an array of it."""
    if isinstance(x, np.ndarray):
        return x
    try:
        return np.asarray(x)
    except (ValueError, TypeError, OverflowError):
        # NumPy's own message ("setting an array element with a sequence. The requested
        # array has an inhomogeneous shape after 1 dimensions...") names nothing.
        raise ValueError(
            f"{name} must be an array of numbers; NumPy cannot make an array of this "
            f"{type(x).__name__} (nested lists need rows of equal length, like a table)"
        ) from None


def as_float_array(x, name: str = "x") -> np.ndarray:
    """``x`` as a float array: float64 (any byte order, or wider) -> native float64, other reals -> float32."""
    arr = as_array(x, name)
    kind = arr.dtype.kind
    if kind == "f" and arr.dtype.itemsize >= 8:
        # astype(np.float64) also turns a big-endian '>f8' into the machine's byte order
        return arr.astype(np.float64, copy=False)
    if kind not in "biuf":
        raise TypeError(f"{name} must hold real numbers, got an array of dtype {arr.dtype}")
    return arr.astype(np.float32, copy=False)


def result_dtype(*arrays: np.ndarray):
    """float64 if any input is float64, else float32 (the package-wide dtype rule)."""
    return np.float64 if any(a.dtype.kind == "f" and a.dtype.itemsize >= 8 for a in arrays) else np.float32


def _axis_names(layout: str) -> list[str]:
    """'(N, C, H, W)' -> ['N', 'C', 'H', 'W']."""
    return [part for part in re.split(r"[\s,()]+", layout) if part]


def check_ndim(x: np.ndarray, ndim: int, name: str, layout: str) -> None:
    """Raise ValueError unless ``x`` has ``ndim`` dimensions (``layout`` names them) and no empty axis.

    The axis called N in ``layout`` (the batch) may be empty: an empty batch
    gives an empty result, as in PyTorch. Every other axis must have length >= 1,
    whatever padding would follow (padding an empty image only adds zeros).
    """
    names = _axis_names(layout)
    if x.ndim != ndim:
        # one axis short of a batched layout: the student passed a single sample
        hint = x.ndim == ndim - 1 and names[:1] == ["N"]
        raise ValueError(
            f"{name} must be a {ndim}D array {layout}, got shape {tuple(x.shape)}"
            + (f" (add a batch axis with {name}[None])" if hint else "")
        )
    if len(names) != ndim:
        return
    for axis, (size, axis_name) in enumerate(zip(x.shape, names)):
        if size == 0 and axis_name != "N":
            batch = " (only the batch axis N may be empty)" if "N" in names else ""
            raise ValueError(
                f"{name} must not be empty along {axis_name} (axis {axis}): got shape {tuple(x.shape)} {layout}{batch}"
            )


# -- numbers -------------------------------------------------------------------------------


def _is_bool(value) -> bool:
    return isinstance(value, (bool, np.bool_))


def _is_int(value) -> bool:
    # bool is an int subclass, but `stride=True` is always a mistake. np.int64 is Integral.
    return isinstance(value, numbers.Integral) and not _is_bool(value)


def check_int(value, name: str, minimum: int | None = None) -> int:
    """Return ``value`` (a Python or NumPy integer, not a bool) as an int, or raise naming ``name``."""
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iu":
        value = value[()]
    if not _is_int(value):
        raise TypeError(f"{name} must be an int, got {type(value).__name__} {value!r}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return value


def check_number(
    value,
    name: str,
    low: float | None = None,
    high: float | None = None,
    *,
    low_open: bool = False,
    high_open: bool = False,
    finite: bool = True,
) -> float:
    """Return ``value`` (a Python or NumPy real number, not a bool) as a float, or raise naming ``name``.

    ``low``/``high`` bound it (inclusive unless ``low_open``/``high_open``); NaN is
    always refused and inf unless ``finite=False``.
    """
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value[()]
    if _is_bool(value) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__} {value!r}")
    value = float(value)
    if math.isnan(value) or (finite and math.isinf(value)):
        raise ValueError(f"{name} must be a finite number, got {value}")
    too_low = low is not None and (value <= low if low_open else value < low)
    too_high = high is not None and (value >= high if high_open else value > high)
    if too_low or too_high:
        if high is None:
            bounds = f"{'>' if low_open else '>='} {low}"
        elif low is None:
            bounds = f"{'<' if high_open else '<='} {high}"
        else:
            bounds = f"in {'(' if low_open else '['}{low}, {high}{')' if high_open else ']'}"
        raise ValueError(f"{name} must be {bounds}, got {value}")
    return value


def check_bool(value, name: str) -> bool:
    """``True``/``False`` (or a NumPy bool), else TypeError naming ``name``."""
    if not _is_bool(value):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r}")
    return bool(value)


# -- non-finite values ---------------------------------------------------------------------


def keep_where(mask: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values`` where ``mask`` is True, else 0: a selection, as PyTorch's backward passes do.

    Multiplying by the mask would be the same for finite values, but 0 * inf and
    0 * NaN are NaN: an inf gradient blocked by a ReLU or a max-pool loser must
    give 0. Multiplying is several times faster than np.where (no branches), so
    it is used whenever every value is finite.
    """
    if np.isfinite(values).all():
        return values * mask
    return np.where(mask, values, values.dtype.type(0))


# -- memory --------------------------------------------------------------------------------


def format_bytes(nbytes: int) -> str:
    """1536 -> '1.5 KiB', 37580963840 -> '35.0 GiB'."""
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if nbytes < 1024 or unit == "TiB":
            return f"{nbytes:.0f} {unit}" if unit == "B" else f"{nbytes:.1f} {unit}"
        nbytes /= 1024
    raise AssertionError("unreachable")


def check_memory(shape, itemsize: int, what: str) -> None:
    """Refuse, BEFORE allocating, an array of ``shape`` that would need more than MEMORY_LIMIT_BYTES.

    ``what`` says what the array is, e.g. "im2col's result (N*OH*OW, C*KH*KW) = (...)".
    """
    nbytes = math.prod(int(v) for v in shape) * int(itemsize)
    if nbytes > MEMORY_LIMIT_BYTES:
        raise ValueError(
            f"{what} would need {format_bytes(nbytes)} of memory, more than the "
            f"{format_bytes(MEMORY_LIMIT_BYTES)} cnnedu allows for one array "
            "(cnnedu.checks.MEMORY_LIMIT_BYTES); use a smaller input, a larger stride or smaller batches"
        )
