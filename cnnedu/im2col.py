"""im2col and col2im: the one trick that turns convolution into a matrix product.

Every output pixel of a convolution is a dot product between the filter and
one window of the input. ``im2col`` copies every window into a row of a
matrix, so all those dot products become ONE matrix product::

    cols = im2col(x, (KH, KW))                  # (N*OH*OW, C*KH*KW)
    out  = cols @ weight.reshape(F, -1).T        # (N*OH*OW, F)

``col2im`` is its adjoint: it adds every row back onto the window it came
from (overlapping windows sum), which is exactly the backward pass.

Inside the package (``cnnedu.conv``) the windows are copied the other way
round, into a ``(C*KH*KW, N*OH*OW)`` matrix with one COLUMN per window.
That copy was 2 to 6 times faster on the course machine: along a row of
this matrix, neighbouring windows read neighbouring pixels, so the copy
moves runs of OW numbers at a time instead of runs of KW. The public
functions below present the textbook layout.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import as_strided

from .shapes import (
    as_float_array,
    check_int,
    check_memory,
    check_ndim,
    check_window_memory,
    output_hw,
    pair,
    resolve_padding,
)

__all__ = ["im2col", "col2im"]


@dataclass(frozen=True)
class Geometry:
    """Everything a sliding-window op needs to know about its windows."""

    kernel: tuple[int, int]  # (KH, KW)
    stride: tuple[int, int]  # (SH, SW)
    dilation: tuple[int, int]  # (DH, DW)
    pads: tuple[tuple[int, int], tuple[int, int]]  # ((top, bottom), (left, right))
    out: tuple[int, int]  # (OH, OW)

    @property
    def is_padded(self) -> bool:
        return any(p for side in self.pads for p in side)


def conv_pad_limit(span: int) -> int:
    """Convolution padding may reach ``span - 1``: the 'full' convolution.

    More than that would create windows that see nothing but zeros.
    """
    return span - 1


def geometry(in_hw, kernel_size, stride=1, padding=0, dilation=1, max_pad=conv_pad_limit) -> Geometry:
    """Check the window arguments for an input of spatial size ``in_hw`` and compute the output size."""
    kernel = pair(kernel_size, "kernel_size", 1)
    stride = pair(stride, "stride", 1)
    dilation = pair(dilation, "dilation", 1)
    pads = resolve_padding(padding, in_hw, kernel, stride, dilation, max_pad=max_pad)
    return Geometry(kernel, stride, dilation, pads, output_hw(in_hw, kernel, stride, dilation, pads))


def pad(x: np.ndarray, g: Geometry, value: float = 0.0) -> np.ndarray:
    """Pad the two spatial axes of ``x: (N, C, H, W)`` with a constant."""
    if not g.is_padded:
        return x
    (top, bottom), (left, right) = g.pads
    n, c, h, w = x.shape
    # A filled array and one copy into it: 3-4x faster than np.pad on LeNet's batches.
    xp = np.full((n, c, h + top + bottom, w + left + right), value, dtype=x.dtype)
    xp[:, :, top : top + h, left : left + w] = x
    return xp


def unpad(xp: np.ndarray, g: Geometry) -> np.ndarray:
    """Remove the padding added by :func:`pad`."""
    (top, bottom), (left, right) = g.pads
    h, w = xp.shape[2] - top - bottom, xp.shape[3] - left - right
    return xp[:, :, top : top + h, left : left + w]


def windows(xp: np.ndarray, g: Geometry) -> np.ndarray:
    """A read-only view ``(N, C, KH, KW, OH, OW)`` of every window of padded ``xp``.

    ``view[n, c, i, j, oh, ow] == xp[n, c, oh*SH + i*DH, ow*SW + j*DW]``; no data is copied.
    """
    n, c = xp.shape[:2]
    s_n, s_c, s_h, s_w = xp.strides
    (kh, kw), (sh, sw), (dh, dw), (oh, ow) = g.kernel, g.stride, g.dilation, g.out
    return as_strided(
        xp,
        shape=(n, c, kh, kw, oh, ow),
        strides=(s_n, s_c, s_h * dh, s_w * dw, s_h * sh, s_w * sw),
        writeable=False,
    )


def window_slices(g: Geometry, out_hw=None):
    """For every kernel offset (i, j): the (rows, cols) slices of the padded input it touches.

    ``xp[:, :, rows, cols]`` is the (OH, OW) grid of pixels that offset (i, j)
    of every window sees: ``windows(xp, g)[:, :, i, j]`` as a plain slice.
    ``out_hw`` overrides g.out (for a block of output rows).
    """
    (kh, kw), (sh, sw), (dh, dw) = g.kernel, g.stride, g.dilation
    oh, ow = g.out if out_hw is None else out_hw
    for i in range(kh):
        for j in range(kw):
            rows = slice(i * dh, i * dh + sh * (oh - 1) + 1, sh)
            cols = slice(j * dw, j * dw + sw * (ow - 1) + 1, sw)
            yield i, j, rows, cols


def add_windows(dxp: np.ndarray, d: np.ndarray, g: Geometry) -> None:
    """Adjoint of :func:`windows`: add ``d: (N, C, KH, KW, OH, OW)`` onto padded ``dxp`` IN PLACE.

    Loops over the KH*KW kernel offsets only; each step adds a whole strided
    slice, so overlapping windows accumulate correctly.
    """
    for i, j, rows, cols in window_slices(g, d.shape[4:]):
        dxp[:, :, rows, cols] += d[:, :, i, j]


def cols_matrix(view: np.ndarray, buffer: np.ndarray) -> np.ndarray:
    """Copy windows ``view: (b, C, KH, KW, OH, OW)`` into a ``(C*KH*KW, b*OH*OW)`` matrix.

    One column per window, one row per (channel, kernel offset). ``buffer``
    is any float array with at least that many elements, reused from call to
    call: writing into memory that is already mapped (and in cache) is much
    faster than into a fresh array.
    """
    b, c, kh, kw, oh, ow = view.shape
    cols = buffer.reshape(-1)[: c * kh * kw * b * oh * ow].reshape(c, kh, kw, b, oh, ow)
    np.copyto(cols, view.transpose(1, 2, 3, 0, 4, 5))
    return cols.reshape(c * kh * kw, b * oh * ow)


# ----------------------------------------------------------------------------- the fast path
#
# For stride 1, the windows of one padded plane (Hp, Wp) are easier to copy when
# the plane is seen as ONE long row of Hp*Wp numbers. Kernel offset (i, j) of
# every window of output rows r0..r1 then reads one CONTIGUOUS run of
# L = (r - 1) * Wp + OW numbers, starting at (r0 + i*DH) * Wp + j*DW: output
# pixel (oh, ow) is number oh*Wp + ow of the run. The runs also hold Wp - OW
# "wrap-around" numbers per output row (windows that would straddle the right
# edge and the next row); their results are computed and thrown away. Copying
# whole runs is a memcpy, instead of thousands of copies of OW numbers, and the
# matrix product grows only by Wp / OW (32/28 for LeNet's C1).


def flat_windows(xp: np.ndarray, g: Geometry, rows: slice) -> np.ndarray:
    """Read-only view ``(N, C, KH, KW, L)`` of the stride-1 windows of output rows ``rows``.

    xp: (N, C, Hp, Wp) padded and C-contiguous; L = (r - 1) * Wp + OW for r rows.
    ``view[n, c, i, j, q] == xp[n, c, rows.start + oh + i*DH, ow + j*DW]`` for q = oh*Wp + ow, ow < OW;
    the other q are wrap-around numbers of the same plane (never out of bounds).
    """
    if g.stride != (1, 1) or not xp.flags.c_contiguous:
        raise ValueError("flat_windows needs stride 1 and a C-contiguous padded input")
    n, c, _, wp = xp.shape
    r = rows.stop - rows.start
    (kh, kw), (dh, dw), ow = g.kernel, g.dilation, g.out[1]
    s_n, s_c, _, s_w = xp.strides
    start = xp.reshape(n, c, -1)[:, :, rows.start * wp :]
    return as_strided(
        start,
        shape=(n, c, kh, kw, (r - 1) * wp + ow),
        strides=(s_n, s_c, dh * wp * s_w, dw * s_w, s_w),
        writeable=False,
    )


def flat_grid(res: np.ndarray, wp: int, ow: int) -> np.ndarray:
    """The (rows, OW) output grid inside flat results ``res: (..., L)``: a view ``(..., r, OW)``.

    Number q = oh*Wp + ow of a run is output pixel (oh, ow); ``res``'s last axis must be contiguous.
    Writing through the view writes into ``res``.
    """
    length = res.shape[-1]
    r = (length - ow) // wp + 1
    step = res.strides[-1]
    return as_strided(res, shape=(*res.shape[:-1], r, ow), strides=(*res.strides[:-1], wp * step, step))


def flat_gaps(res: np.ndarray, wp: int, ow: int) -> np.ndarray:
    """The wrap-around numbers of flat results ``res: (..., L)``: a view ``(..., r - 1, Wp - OW)``."""
    length = res.shape[-1]
    r = (length - ow) // wp + 1
    step = res.strides[-1]
    return as_strided(
        res[..., ow:], shape=(*res.shape[:-1], r - 1, wp - ow), strides=(*res.strides[:-1], wp * step, step)
    )


def add_flat_windows(dxp: np.ndarray, d: np.ndarray, g: Geometry, rows: slice) -> None:
    """Adjoint of :func:`flat_windows`: add ``d: (N, C, KH, KW, L)`` onto padded ``dxp`` IN PLACE.

    dxp: (N, C, Hp, Wp) C-contiguous. One add of a contiguous run per kernel offset;
    the wrap-around numbers of ``d`` must be 0 (they land on real cells).
    """
    n, c, _, wp = dxp.shape
    (kh, kw), (dh, dw) = g.kernel, g.dilation
    length = d.shape[-1]
    flat = dxp.reshape(n, c, -1)
    for i in range(kh):
        for j in range(kw):
            start = (rows.start + i * dh) * wp + j * dw
            flat[:, :, start : start + length] += d[:, :, i, j]


def im2col(x, kernel_size, stride=1, padding=0, dilation=1) -> np.ndarray:
    """Unfold every window of ``x`` into one row of a matrix.

    x: (N, C, H, W)  ->  (N*OH*OW, C*KH*KW)

    Rows are ordered (N, OH, OW) with N slowest; columns (C, KH, KW) with C
    slowest, matching ``weight.reshape(F, -1)`` for a weight (F, C, KH, KW).
    Arguments are as for :func:`cnnedu.conv2d`.

    >>> x = np.arange(9.).reshape(1, 1, 3, 3)
    >>> im2col(x, 2)
    array([[0., 1., 3., 4.],
           [1., 2., 4., 5.],
           [3., 4., 6., 7.],
           [4., 5., 7., 8.]])
    """
    x = as_float_array(x, "x")
    check_ndim(x, 4, "x", "(N, C, H, W)")
    g = geometry(x.shape[2:], kernel_size, stride, padding, dilation)
    n, c = x.shape[:2]
    shape = (n * g.out[0] * g.out[1], c * g.kernel[0] * g.kernel[1])  # explicit: -1 fails when N = 0
    check_memory(shape, x.itemsize, f"im2col's result (N*OH*OW, C*KH*KW) = {shape}")
    check_window_memory(x.shape, g, c, x.itemsize, "im2col")
    view = windows(pad(x, g), g)  # (N, C, KH, KW, OH, OW)
    return view.transpose(0, 4, 5, 1, 2, 3).reshape(shape)


def col2im(cols, x_shape, kernel_size, stride=1, padding=0, dilation=1) -> np.ndarray:
    """Fold rows back onto the image: the adjoint of :func:`im2col`.

    cols: (N*OH*OW, C*KH*KW)  ->  (N, C, H, W) with ``x_shape = (N, C, H, W)``

    Where windows overlap, their contributions are summed, so that
    ``sum(im2col(x) * cols) == sum(x * col2im(cols))`` for any x and cols.
    """
    cols = as_float_array(cols, "cols")
    if not (isinstance(x_shape, (tuple, list)) and len(x_shape) == 4):
        raise TypeError(f"x_shape must be a tuple (N, C, H, W), got {x_shape!r}")
    n, c, h, w = (check_int(v, "x_shape", 0) for v in x_shape)
    if 0 in (c, h, w):
        raise ValueError(f"x_shape must not be empty along C, H or W (only N may be 0), got {tuple(x_shape)}")
    g = geometry((h, w), kernel_size, stride, padding, dilation)
    check_window_memory((n, c, h, w), g, c, cols.itemsize, "col2im")
    (kh, kw), (oh, ow) = g.kernel, g.out
    expected = (n * oh * ow, c * kh * kw)
    if cols.shape != expected:
        raise ValueError(
            f"cols must have shape (N*OH*OW, C*KH*KW) = {expected} for x_shape={tuple(x_shape)}, "
            f"got {tuple(cols.shape)}"
        )
    d = cols.reshape(n, oh, ow, c, kh, kw).transpose(0, 3, 4, 5, 1, 2)  # (N, C, KH, KW, OH, OW)
    (top, bottom), (left, right) = g.pads
    dxp = np.zeros((n, c, h + top + bottom, w + left + right), dtype=cols.dtype)
    add_windows(dxp, d, g)
    return np.ascontiguousarray(unpad(dxp, g))
