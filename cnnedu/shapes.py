"""Output sizes, padding rules and argument checks shared by every op.

Every public function in cnnedu checks its arguments here, so that a student
who passes a bad value gets one clear ValueError or TypeError naming the
argument, never an IndexError from deep inside NumPy.

Conventions
-----------
* Arrays are NCHW: ``x: (N, C, H, W)``; conv weights are ``(F, C, KH, KW)``.
* ``kernel_size``, ``stride``, ``padding`` and ``dilation`` take an int or an
  ``(h, w)`` pair. ``padding`` also takes ``'valid'`` (no padding) or
  ``'same'`` (TensorFlow/Keras rule, see :func:`same_padding`).
* Float64 input stays float64; everything else (float32, integer images)
  is computed in float32.

The checks of arrays, numbers, dtypes and empty axes themselves live in
:mod:`cnnedu.checks`; they are imported here, where every op already looks.
"""

from __future__ import annotations

import math

import numpy as np

from .checks import _is_int, as_float_array, check_int, check_memory, check_ndim, result_dtype

__all__ = [
    "conv_output_size",
    "same_padding",
    "pair",
    "as_float_array",
    "check_int",
    "check_ndim",
    "check_grad_out",
    "result_dtype",
    "check_window_memory",
]


def pair(value, name: str, minimum: int | None = None) -> tuple[int, int]:
    """Turn an int or an ``(h, w)`` pair into a tuple of two ints.

    >>> pair(3, "kernel_size")
    (3, 3)
    >>> pair((2, 1), "stride")
    (2, 1)
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:  # a 0-d array holds one number
        value = value[()]
    if _is_int(value):
        h = w = value
    elif isinstance(value, (tuple, list)) and len(value) == 2:
        h, w = value
    else:
        raise TypeError(f"{name} must be an int or a pair (h, w) of ints, got {value!r}")
    return check_int(h, name, minimum), check_int(w, name, minimum)


def check_grad_out(grad_out, shape, dtype=None) -> np.ndarray:
    """The upstream gradient of a backward pass, as a float array of the output's ``shape``.

    ``dtype``: convert to it (the forward pass's dtype); None keeps the package's rule.
    """
    grad_out = as_float_array(grad_out, "grad_out")
    shape = tuple(int(v) for v in shape)
    if grad_out.shape != shape:
        raise ValueError(f"grad_out must have the output's shape {shape}, got {tuple(grad_out.shape)}")
    return grad_out if dtype is None else grad_out.astype(dtype, copy=False)


def check_window_memory(x_shape, g, out_channels: int, itemsize: int, op: str) -> None:
    """Refuse a sliding-window op whose padded input or output would not fit, before allocating.

    x_shape: (N, C, H, W); ``g``: the op's window Geometry (pads and output size);
    ``out_channels``: F for a convolution, C for pooling. See :func:`cnnedu.checks.check_memory`.
    """
    n, c, h, w = (int(v) for v in x_shape)
    (top, bottom), (left, right) = g.pads
    padded = (n, c, h + top + bottom, w + left + right)
    check_memory(padded, itemsize, f"{op}: the padded input {padded}")
    out = (n, int(out_channels), *g.out)
    check_memory(out, itemsize, f"{op}: the output {out}")


def effective_kernel(kernel_size: int, dilation: int) -> int:
    """Span of a dilated kernel: ``(k - 1) * d + 1`` pixels."""
    return (kernel_size - 1) * dilation + 1


def _padding_mode(padding):
    """'valid'/'same' (any case) as lower case, or None when padding is numeric."""
    if isinstance(padding, str):
        mode = padding.lower()
        if mode not in ("valid", "same"):
            raise ValueError(f"padding must be an int, an (h, w) pair, 'valid' or 'same', got {padding!r}")
        return mode
    return None


def same_padding(size: int, kernel_size: int, stride: int = 1, dilation: int = 1) -> tuple[int, int]:
    """Padding ``(before, after)`` of TensorFlow/Keras ``padding='same'`` along one axis.

    output = ceil(size / stride)
    total  = max((output - 1) * stride + (kernel_size - 1) * dilation + 1 - size, 0)
    before = total // 2, after = total - before

    When ``total`` is odd the extra pixel goes AFTER (bottom/right). The lecture
    notes print a formula with the ceiling on the start side, which would put
    it before; their own Keras output ([[12, 16, 9], ...]) shows it goes after.

    >>> same_padding(3, 2)   # 3x3 image, 2x2 kernel: one extra row/column at the end
    (0, 1)
    >>> same_padding(28, 3, stride=2)
    (0, 1)
    """
    size = check_int(size, "size", 1)
    kernel_size = check_int(kernel_size, "kernel_size", 1)
    stride = check_int(stride, "stride", 1)
    dilation = check_int(dilation, "dilation", 1)
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + effective_kernel(kernel_size, dilation) - size, 0)
    return total // 2, total - total // 2


def conv_output_size(size: int, kernel_size: int, stride: int = 1, padding=0, dilation: int = 1) -> int:
    """Output length along one axis: ``floor((size + 2p - d(k-1) - 1) / s) + 1``.

    ``padding`` is an int (the same on both sides), ``'valid'`` (0) or
    ``'same'`` (output ``ceil(size / stride)``).

    >>> conv_output_size(32, 5)              # 32x32 image, 5x5 filter
    28
    >>> conv_output_size(5, 3, padding=1)
    5
    >>> conv_output_size(28, 3, stride=2, padding="same")
    14
    """
    size = check_int(size, "size", 1)
    kernel_size = check_int(kernel_size, "kernel_size", 1)
    stride = check_int(stride, "stride", 1)
    dilation = check_int(dilation, "dilation", 1)
    mode = _padding_mode(padding)
    if mode == "same":
        return math.ceil(size / stride)
    pad = 0 if mode == "valid" else check_int(padding, "padding", 0)
    span = effective_kernel(kernel_size, dilation)
    if span > size + 2 * pad:
        raise ValueError(
            f"kernel_size={kernel_size} (dilation={dilation}, spans {span} pixels) is larger than "
            f"the padded input ({size} + 2*{pad} = {size + 2 * pad} pixels)"
        )
    return (size + 2 * pad - span) // stride + 1


def check_padding(padding, kernel_hw, dilation_hw=(1, 1), max_pad=None):
    """Check a padding argument before the input size is known (a layer's constructor).

    -> ``'valid'`` or ``'same'`` (lower case), or ``(pad_h, pad_w)``.
    ``max_pad(span) -> int`` bounds numeric padding per side for a kernel
    spanning ``span`` pixels (conv and pooling bound it differently); ``None``
    means no bound.
    """
    mode = _padding_mode(padding)
    if mode is not None:
        return mode
    pads = pair(padding, "padding", 0)
    for p, k, d, axis in zip(pads, kernel_hw, dilation_hw, ("height", "width")):
        limit = None if max_pad is None else max_pad(effective_kernel(k, d))
        if limit is not None and p > limit:
            raise ValueError(
                f"padding={p} along the {axis} is too large for a kernel spanning "
                f"{effective_kernel(k, d)} pixels: at most {limit} is allowed"
            )
    return pads


def resolve_padding(padding, in_hw, kernel_hw, stride_hw, dilation_hw, max_pad=None):
    """Turn any padding argument into explicit ``((top, bottom), (left, right))``."""
    checked = check_padding(padding, kernel_hw, dilation_hw, max_pad)
    if checked == "same":
        return tuple(same_padding(n, k, s, d) for n, k, s, d in zip(in_hw, kernel_hw, stride_hw, dilation_hw))
    if checked == "valid":
        return (0, 0), (0, 0)
    return (checked[0], checked[0]), (checked[1], checked[1])


def output_hw(in_hw, kernel_hw, stride_hw, dilation_hw, pads) -> tuple[int, int]:
    """Output (OH, OW) for explicit ``pads = ((top, bottom), (left, right))``.

    Raises ValueError when the (dilated) kernel does not fit the padded input.
    """
    out = []
    for n, k, s, d, (p0, p1), axis in zip(in_hw, kernel_hw, stride_hw, dilation_hw, pads, ("height", "width")):
        span = effective_kernel(k, d)
        if span > n + p0 + p1:
            raise ValueError(
                f"kernel_size={k} along the {axis} (dilation={d}, spans {span} pixels) is larger "
                f"than the padded input ({n} + {p0} + {p1} = {n + p0 + p1} pixels)"
            )
        out.append((n + p0 + p1 - span) // s + 1)
    return out[0], out[1]
