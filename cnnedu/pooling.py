"""Max, average and global average pooling, forward and backward.

Padding rules (as the frameworks do it):

* int or (h, w) padding, as in PyTorch: at most half the kernel; max pooling
  pads with -inf (a padded cell never wins), average pooling counts the
  padded zeros in the divisor (``count_include_pad=True``);
* ``'valid'``: no padding;
* ``'same'``, as in ``tf.nn.pool``: output ``ceil(H / stride)``, extra
  padding at the end; padded cells never win a max and are NOT counted in
  an average.

The fast versions loop over the KH*KW offsets of the window (typically 4 or
9) and do whole-array work at each; the ``_naive`` versions loop over every
output pixel, as the definition reads. They use plain arithmetic rather than
boolean masks (``a[mask] = k``, ``np.where``), which NumPy runs several
times slower.
"""

from __future__ import annotations

import numpy as np

from .im2col import Geometry, geometry, pad, unpad, window_slices, windows
from .shapes import as_float_array, check_grad_out, check_ndim, check_window_memory

__all__ = [
    "max_pool2d",
    "avg_pool2d",
    "global_avg_pool2d",
    "max_pool2d_naive",
    "avg_pool2d_naive",
    "max_pool2d_backward",
    "avg_pool2d_backward",
]


def _pool_pad_limit(span: int) -> int:
    # PyTorch's rule: "pad should be at most half of effective kernel size".
    return span // 2


def _setup(x, kernel_size, stride, padding, name="x"):
    x = as_float_array(x, name)
    check_ndim(x, 4, name, "(N, C, H, W)")
    if stride is None:
        stride = kernel_size
    g = geometry(x.shape[2:], kernel_size, stride, padding, 1, max_pad=_pool_pad_limit)
    check_window_memory(x.shape, g, x.shape[1], x.itemsize, "pooling")  # before allocating
    return x, g


def _is_same(padding) -> bool:
    return isinstance(padding, str) and padding.lower() == "same"


def _offsets(g: Geometry):
    """Every (i, j) offset inside the window, in row-major order."""
    return [(i, j) for i in range(g.kernel[0]) for j in range(g.kernel[1])]


def _window_counts(in_hw, g: Geometry, dtype) -> np.ndarray:
    """How many real (unpadded) cells each window covers: (OH, OW)."""
    ones = pad(np.ones((1, 1, *in_hw), dtype=dtype), g)
    view = windows(ones, g)
    return view.sum(axis=(2, 3))[0, 0]


def _avg_divisor(x, g: Geometry, padding):
    if _is_same(padding):
        return _window_counts(x.shape[2:], g, x.dtype)
    return x.dtype.type(g.kernel[0] * g.kernel[1])


def max_pool2d(x, kernel_size, stride=None, padding=0) -> np.ndarray:
    """Largest value in each window, channel by channel.

    x: (N, C, H, W) -> (N, C, OH, OW); ``stride`` defaults to ``kernel_size``.

    >>> x = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]])
    >>> max_pool2d(x[None, None], 2)[0, 0]
    array([[6., 8.],
           [3., 4.]], dtype=float32)
    """
    x, g = _setup(x, kernel_size, stride, padding)
    view = windows(pad(x, g, -np.inf), g)  # (N, C, KH, KW, OH, OW)
    out = view[:, :, 0, 0].copy()
    for i, j in _offsets(g)[1:]:
        np.maximum(out, view[:, :, i, j], out=out)
    return out


def avg_pool2d(x, kernel_size, stride=None, padding=0) -> np.ndarray:
    """Mean of each window, channel by channel.

    x: (N, C, H, W) -> (N, C, OH, OW); ``stride`` defaults to ``kernel_size``.
    """
    x, g = _setup(x, kernel_size, stride, padding)
    view = windows(pad(x, g), g)
    out = view[:, :, 0, 0].copy()
    for i, j in _offsets(g)[1:]:
        out += view[:, :, i, j]
    out /= _avg_divisor(x, g, padding)
    return out


def global_avg_pool2d(x) -> np.ndarray:
    """Average each whole feature map to one number.

    x: (N, C, H, W) -> (N, C)
    """
    x = as_float_array(x, "x")
    check_ndim(x, 4, "x", "(N, C, H, W)")
    return x.mean(axis=(2, 3), dtype=x.dtype)


def max_pool_argmax(x, g: Geometry) -> np.ndarray:
    """Index (row-major within the window) of the winner of each window: (N, C, OH, OW).

    Ties go to the first maximum, as in PyTorch. The dtype is the smallest
    unsigned integer that holds KH*KW - 1 (uint8 up to 16x16 windows): an
    eighth of the memory of int64, and 1.5 times faster to compute and to use.
    """
    view = windows(pad(x, g, -np.inf), g)
    best = view[:, :, 0, 0].copy()
    arg = np.zeros(best.shape, dtype=np.min_scalar_type(g.kernel[0] * g.kernel[1] - 1))
    v = np.empty_like(best)
    better = np.empty(best.shape, dtype=bool)
    step = np.empty_like(arg)
    for k, (i, j) in enumerate(_offsets(g)[1:], start=1):
        # One contiguous copy of the offset's (strided) cells, then three passes over
        # contiguous arrays into reused buffers: 1.5x faster than working on the view.
        np.copyto(v, view[:, :, i, j])
        np.greater(v, best, out=better)  # strict: an equal later value does not win
        np.maximum(best, v, out=best)
        # arg = k where better, else unchanged: as k exceeds every index stored so far,
        # that is max(arg, k * better), and arithmetic beats arg[better] = k by 3x.
        np.multiply(better, arg.dtype.type(k), out=step)
        np.maximum(arg, step, out=arg)
    if np.isnan(best).any():
        # A NaN wins its window, as in PyTorch (the last NaN, like its CPU kernel); the
        # comparisons above never pick it, since NaN > anything is False.
        for k, (i, j) in enumerate(_offsets(g)):
            np.copyto(arg, arg.dtype.type(k), where=np.isnan(view[:, :, i, j]))
    return arg


def _overlap(g: Geometry) -> bool:
    """Do neighbouring windows share cells? Not when stride >= kernel (the usual 2x2, stride 2)."""
    return g.stride[0] < g.kernel[0] or g.stride[1] < g.kernel[1]


def _spread(part, x_shape, g: Geometry, dtype) -> np.ndarray:
    """Put ``part(k)``, the gradient of offset k = (i, j) of every window, back on the input.

    Where windows overlap the parts add up; where they do not, each cell gets
    at most one part, and writing it is twice as fast as adding it.
    """
    (top, bottom), (left, right) = g.pads
    dxp = np.zeros((*x_shape[:2], x_shape[2] + top + bottom, x_shape[3] + left + right), dtype)
    for k, (i, j, rows, cols) in enumerate(window_slices(g)):
        if _overlap(g):
            dxp[:, :, rows, cols] += part(k)
        else:
            dxp[:, :, rows, cols] = part(k)
    return np.ascontiguousarray(unpad(dxp, g))


def _tiles(x_shape, g: Geometry) -> bool:
    """Do the windows tile the input exactly (no padding, stride == kernel, no cell left over)?"""
    (kh, kw), (oh, ow) = g.kernel, g.out
    return not g.is_padded and g.stride == g.kernel and tuple(x_shape[2:]) == (oh * kh, ow * kw)


def max_pool_scatter(grad_out, arg, x_shape, g: Geometry) -> np.ndarray:
    """Send each output gradient back to the input cell that won its window.

    The gradient is SELECTED for the winner, not multiplied by a 0/1 mask: an
    inf or NaN gradient must not turn into NaN (0 * inf) on the losing cells.
    With finite gradients multiplying gives the same numbers and is several
    times faster than np.where, so that is the fast path.
    """
    finite = bool(np.isfinite(grad_out).all())
    zero = grad_out.dtype.type(0)
    if finite and _tiles(x_shape, g):
        # The usual 2x2, stride 2 case: every input cell is in exactly one window,
        # so each offset's gradient is written straight into dx, no zeros first.
        dx = np.empty(x_shape, dtype=grad_out.dtype)
        for k, (_, _, rows, cols) in enumerate(window_slices(g)):
            np.multiply(grad_out, arg == k, out=dx[:, :, rows, cols])
        return dx
    if finite:
        return _spread(lambda k: grad_out * (arg == k), x_shape, g, grad_out.dtype)
    return _spread(lambda k: np.where(arg == k, grad_out, zero), x_shape, g, grad_out.dtype)


def max_pool2d_backward(grad_out, x, kernel_size, stride=None, padding=0) -> np.ndarray:
    """Gradient through max pooling: only each window's winner gets the gradient.

    grad_out: (N, C, OH, OW), x: (N, C, H, W) -> dx: (N, C, H, W)
    Where windows overlap, a cell that wins several windows collects them all.
    """
    x, g = _setup(x, kernel_size, stride, padding)
    grad_out = check_grad_out(grad_out, (*x.shape[:2], *g.out), x.dtype)
    return max_pool_scatter(grad_out, max_pool_argmax(x, g), x.shape, g)


def avg_pool2d_backward(grad_out, x, kernel_size, stride=None, padding=0) -> np.ndarray:
    """Gradient through average pooling: each window shares its gradient equally.

    grad_out: (N, C, OH, OW), x: (N, C, H, W) -> dx: (N, C, H, W)
    """
    x, g = _setup(x, kernel_size, stride, padding)
    grad_out = check_grad_out(grad_out, (*x.shape[:2], *g.out), x.dtype)
    share = grad_out / _avg_divisor(x, g, padding)
    return _spread(lambda k: share, x.shape, g, x.dtype)


def _pool_naive(x, kernel_size, stride, padding, reduce):
    x, g = _setup(x, kernel_size, stride, padding)
    fill = -np.inf if reduce == "max" else 0.0
    xp = pad(x, g, fill)
    real = pad(np.ones(x.shape[2:], dtype=x.dtype)[None, None], g)[0, 0]  # 1 = real cell, 0 = padding
    (kh, kw), (sh, sw), (oh, ow) = g.kernel, g.stride, g.out
    n_images, channels = x.shape[:2]
    out = np.zeros((n_images, channels, oh, ow), dtype=x.dtype)
    for n in range(n_images):
        for c in range(channels):
            for i in range(oh):
                for j in range(ow):
                    window = xp[n, c, i * sh : i * sh + kh, j * sw : j * sw + kw]
                    if reduce == "max":
                        out[n, c, i, j] = window.max()
                    elif _is_same(padding):  # tf.nn.pool: average over the real cells only
                        out[n, c, i, j] = window.sum() / real[i * sh : i * sh + kh, j * sw : j * sw + kw].sum()
                    else:  # PyTorch: padded zeros count
                        out[n, c, i, j] = window.sum() / (kh * kw)
    return out


def max_pool2d_naive(x, kernel_size, stride=None, padding=0) -> np.ndarray:
    """Same as :func:`max_pool2d`, one output pixel at a time (the definition)."""
    return _pool_naive(x, kernel_size, stride, padding, "max")


def avg_pool2d_naive(x, kernel_size, stride=None, padding=0) -> np.ndarray:
    """Same as :func:`avg_pool2d`, one output pixel at a time (the definition)."""
    return _pool_naive(x, kernel_size, stride, padding, "avg")
