"""2D convolution (cross-correlation, as in every deep-learning framework).

Three functions, side by side:

* :func:`conv2d_naive` - the definition, written as explicit loops;
* :func:`conv2d` - the same result via im2col and one matrix product per block;
* :func:`conv2d_backward` - gradients of the loss with respect to x, weight and bias.

``conv2d`` and ``conv2d_backward`` pick one of three ways to build the window
matrix (same maths, tested against each other, ``conv2d_naive`` and numerical
gradients):

* a kernel that covers the whole unpadded input (LeNet's C5: 5x5 on 5x5) has
  ONE window per image, the image itself: a plain matrix product, no copy;
* stride 1 (most layers): the "flat" fast path of :mod:`cnnedu.im2col`, one
  contiguous run per kernel offset (see :func:`~cnnedu.im2col.flat_windows`);
* any other stride: the general window matrix, one column per window.

Like ``torch.nn.functional.conv2d``, the kernel is NOT flipped: this is
cross-correlation. (Flip the kernel with ``weight[..., ::-1, ::-1]`` to get
the convolution of signal processing.)
"""

from __future__ import annotations

import numpy as np

from .im2col import (
    Geometry,
    add_flat_windows,
    add_windows,
    cols_matrix,
    flat_gaps,
    flat_grid,
    flat_windows,
    geometry,
    pad,
    unpad,
    windows,
)
from .shapes import as_float_array, check_grad_out, check_ndim, check_window_memory, result_dtype

__all__ = ["conv2d", "conv2d_naive", "conv2d_backward"]

# The window matrix is built one block of the output at a time (a few
# samples, or a few output rows of one sample), and each block's matrices
# take at most about COLS_BUDGET_BYTES. That bounds the memory whatever the
# batch: the lecture's batch of 15 colour 440x440 photos through 64 5x5
# filters would need 855 MB for its whole window matrix. And it is FASTER: a
# block this small is still in the CPU's cache when the matrix product reads
# it, right after the copy wrote it (measured on a 2-core machine, blocks of
# 4 to 16 MB were up to 1.5 times faster than the whole batch at once).
COLS_BUDGET_BYTES = 8 * 2**20


def _check_conv_args(x, weight, bias):
    """Validate and convert; returns (x, weight, bias) in the common dtype."""
    x = as_float_array(x, "x")
    weight = as_float_array(weight, "weight")
    check_ndim(x, 4, "x", "(N, C, H, W)")
    check_ndim(weight, 4, "weight", "(F, C, KH, KW)")
    if weight.shape[1] != x.shape[1]:
        raise ValueError(
            f"weight expects {weight.shape[1]} input channels (weight shape {tuple(weight.shape)} is "
            f"(F, C, KH, KW)) but x has {x.shape[1]} channels (x shape {tuple(x.shape)} is (N, C, H, W))"
        )
    dtype = result_dtype(x, weight)
    if bias is not None:
        bias = as_float_array(bias, "bias")
        if bias.shape != (weight.shape[0],):
            raise ValueError(f"bias must have shape (F,) = ({weight.shape[0]},), got {tuple(bias.shape)}")
        dtype = result_dtype(x, weight, bias)
        bias = bias.astype(dtype, copy=False)
    return x.astype(dtype, copy=False), weight.astype(dtype, copy=False), bias


def _geometry(x, weight, stride, padding, dilation) -> Geometry:
    g = geometry(x.shape[2:], weight.shape[2:], stride, padding, dilation)
    check_window_memory(x.shape, g, weight.shape[0], x.itemsize, "conv2d")  # before allocating
    return g


def _block_size(n: int, out_hw, bytes_per_row: int) -> tuple[int, int]:
    """(samples, output rows) in a block whose matrices fit COLS_BUDGET_BYTES.

    ``bytes_per_row``: memory the block's matrices need per output row. A block
    is several whole samples, or, if one sample is too big, a few of its rows.
    """
    oh = out_hw[0]
    rows = max(1, COLS_BUDGET_BYTES // max(bytes_per_row, 1))
    return (min(n, rows // oh), oh) if rows >= oh else (1, rows)


def _blocks(n: int, oh: int, size: tuple[int, int]):
    """Yield (samples, rows) slices that cover the N x OH output rows, block by block."""
    samples, rows = size
    for s in range(0, n, samples):
        for r in range(0, oh, rows):
            yield slice(s, min(s + samples, n)), slice(r, min(r + rows, oh))


def _buffer(size: tuple[int, int], width: int, per_column: int, dtype) -> np.ndarray:
    """A flat work array for the matrices of one block, reused for every block."""
    return np.empty(per_column * size[0] * size[1] * width, dtype)


def _take(buffer: np.ndarray, shape) -> np.ndarray:
    """The first prod(shape) numbers of a work buffer, as an array of that shape."""
    return buffer[: int(np.prod(shape))].reshape(shape)


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1) -> np.ndarray:
    """Convolve a batch of images with a bank of filters.

    x: (N, C, H, W), weight: (F, C, KH, KW), bias: (F,) or None
    -> (N, F, OH, OW) with OH = conv_output_size(H, KH, SH, padding, DH), likewise OW.

    ``stride``, ``padding`` and ``dilation`` take an int or an (h, w) pair;
    ``padding`` also takes 'valid' or 'same' (TensorFlow's rule, any stride).

    >>> x = np.arange(1., 10.).reshape(1, 1, 3, 3)      # the lecture's 3x3 image 1..9
    >>> conv2d(x, np.ones((1, 1, 2, 2)))[0, 0]
    array([[12., 16.],
           [24., 28.]])
    """
    x, weight, bias = _check_conv_args(x, weight, bias)
    g = _geometry(x, weight, stride, padding, dilation)
    if x.shape[0] == 0:  # an empty batch gives an empty result, as in PyTorch
        return np.zeros((0, weight.shape[0], *g.out), x.dtype)
    if _covers_input(x, g):
        return _conv2d_dense(x, weight, bias)
    if g.stride == (1, 1):
        return _conv2d_flat(x, weight, bias, g)
    return _conv2d_cols(x, weight, bias, g)


def _covers_input(x, g: Geometry) -> bool:
    """Does the kernel cover the whole unpadded input (one window per image, e.g. LeNet's C5)?"""
    return not g.is_padded and g.dilation == (1, 1) and g.kernel == tuple(x.shape[2:])


def _conv2d_dense(x, weight, bias):
    """conv2d when the only window is the whole image: (N, CKK) @ (CKK, F), no window copy."""
    n, f = x.shape[0], weight.shape[0]
    out = x.reshape(n, -1) @ weight.reshape(f, -1).T  # (N, F)
    if bias is not None:
        out += bias
    return out.reshape(n, f, 1, 1)


def _conv2d_flat(x, weight, bias, g: Geometry):
    """conv2d for stride 1: windows copied as contiguous runs (see cnnedu.im2col.flat_windows)."""
    n, f = x.shape[0], weight.shape[0]
    oh, ow = g.out
    xp = np.ascontiguousarray(pad(x, g))
    wp = xp.shape[3]
    w_mat = weight.reshape(f, -1)  # (F, CKK)
    ckk = w_mat.shape[1]
    out = np.empty((n, f, oh, ow), dtype=x.dtype)
    # per output row a block holds Wp numbers of every cols row and every result row
    size = _block_size(n, g.out, (ckk + f) * wp * x.itemsize)
    cols_buf, res_buf = _buffer(size, wp, ckk, x.dtype), _buffer(size, wp, f, x.dtype)
    for samples, rows in _blocks(n, oh, size):
        view = flat_windows(xp[samples], g, rows)  # (b, C, KH, KW, L)
        b, length = view.shape[0], view.shape[-1]
        cols = _take(cols_buf, view.shape)
        np.copyto(cols, view)  # contiguous runs of L numbers, in the order they are read
        # One matrix product per sample, (F, CKK) @ (CKK, L) -> (F, L), in one matmul call.
        # Its results are already in NCHW order (no transpose back), and the small
        # products run on one BLAS thread: measured on 2 cores, ONE product
        # (F, CKK) @ (CKK, b*L) for the block was up to 20x slower with 2 OpenBLAS
        # threads on LeNet's thin matrices (6 or 16 rows).
        res = np.matmul(w_mat, cols.reshape(b, ckk, length), out=_take(res_buf, (b, f, length)))
        grid = flat_grid(res, wp, ow)  # (b, F, r, OW), a view
        if bias is None:
            out[samples, :, rows] = grid
        else:
            np.add(grid, bias[:, None, None], out=out[samples, :, rows])
    return out


def _conv2d_cols(x, weight, bias, g: Geometry):
    """conv2d for any stride: the general window matrix, one column per window."""
    n, f, ow = x.shape[0], weight.shape[0], g.out[1]
    w_mat = weight.reshape(f, -1)  # (F, CKK) with CKK = C*KH*KW
    ckk = w_mat.shape[1]
    view = windows(pad(x, g), g)  # (N, C, KH, KW, OH, OW), no copy yet
    out = np.empty((n, f, *g.out), dtype=x.dtype)
    size = _block_size(n, g.out, (ckk + f) * ow * x.itemsize)
    cols_buf, res_buf = _buffer(size, ow, ckk, x.dtype), _buffer(size, ow, f, x.dtype)
    for samples, rows in _blocks(n, g.out[0], size):
        cols = cols_matrix(view[samples, :, :, :, rows], cols_buf)  # (CKK, M), M = b*r*OW
        # ONE matrix product for the whole block: (F, CKK) @ (CKK, M) -> (F, M).
        res = np.matmul(w_mat, cols, out=_take(res_buf, (f, cols.shape[1])))
        if bias is not None:
            res += bias[:, None]
        b = samples.stop - samples.start
        out[samples, :, rows] = res.reshape(f, b, -1, ow).transpose(1, 0, 2, 3)  # back to NCHW
    return out


def conv2d_naive(x, weight, bias=None, stride=1, padding=0, dilation=1) -> np.ndarray:
    """Same signature and result as :func:`conv2d`, written as the definition.

    For every image n, filter f and output position (i, j): multiply the
    filter with the window under it, element by element, and sum.
    Slow on purpose: it is the reference the fast version is checked against.
    """
    x, weight, bias = _check_conv_args(x, weight, bias)
    g = _geometry(x, weight, stride, padding, dilation)
    xp = pad(x, g)
    n_images, n_filters = x.shape[0], weight.shape[0]
    (kh, kw), (sh, sw), (dh, dw), (oh, ow) = g.kernel, g.stride, g.dilation, g.out
    out = np.zeros((n_images, n_filters, oh, ow), dtype=x.dtype)
    for n in range(n_images):
        for f in range(n_filters):
            for i in range(oh):
                for j in range(ow):
                    top, left = i * sh, j * sw
                    window = xp[n, :, top : top + (kh - 1) * dh + 1 : dh, left : left + (kw - 1) * dw + 1 : dw]
                    out[n, f, i, j] = np.sum(window * weight[f])
                    if bias is not None:
                        out[n, f, i, j] += bias[f]
    return out


def conv2d_backward(grad_out, x, weight, stride=1, padding=0, dilation=1, need_input_grad=True):
    """Gradients of a loss L through ``out = conv2d(x, weight, bias, ...)``.

    grad_out: (N, F, OH, OW) = dL/dout, x: (N, C, H, W), weight: (F, C, KH, KW)
    -> (dx: (N, C, H, W) or None, dweight: (F, C, KH, KW), dbias: (F,))

    In im2col terms, with ``cols`` the unfolded input and ``G`` the output
    gradient as a matrix: ``dweight = G @ cols.T``, ``dbias = sum(G)``, and
    ``dx = col2im(weight.T @ G)``. ``need_input_grad=False`` skips dx (the
    first layer of a network never needs it). Like :func:`conv2d`, it works
    one block of the output at a time.
    """
    x, weight, _ = _check_conv_args(x, weight, None)
    g = _geometry(x, weight, stride, padding, dilation)
    n, f = x.shape[0], weight.shape[0]
    grad_out = check_grad_out(grad_out, (n, f, *g.out), x.dtype)
    if n == 0:  # an empty batch: zero gradients of the right shapes, as in PyTorch
        dx = np.zeros(x.shape, x.dtype) if need_input_grad else None
        return dx, np.zeros(weight.shape, x.dtype), np.zeros(f, x.dtype)
    if _covers_input(x, g):
        return _backward_dense(grad_out, x, weight, need_input_grad)
    # The flat path multiplies the wrap-around numbers by 0; with an inf or NaN in x
    # or weight that would be NaN, so such inputs take the general path.
    if g.stride == (1, 1) and np.isfinite(x).all() and np.isfinite(weight).all():
        return _backward_flat(grad_out, x, weight, g, need_input_grad)
    return _backward_cols(grad_out, x, weight, g, need_input_grad)


def _backward_dense(grad_out, x, weight, need_input_grad):
    """conv2d_backward when the kernel covers the whole input: the gradients of a Linear layer."""
    n, f = x.shape[0], weight.shape[0]
    g_mat = grad_out.reshape(n, f)  # (N, F)
    dw = (g_mat.T @ x.reshape(n, -1)).reshape(weight.shape)
    dx = (g_mat @ weight.reshape(f, -1)).reshape(x.shape) if need_input_grad else None
    return dx, dw, g_mat.sum(axis=0)


def _backward_flat(grad_out, x, weight, g: Geometry, need_input_grad):
    """conv2d_backward for stride 1, on the flat runs of :func:`_conv2d_flat`."""
    n, f = x.shape[0], weight.shape[0]
    oh, ow = g.out
    xp = np.ascontiguousarray(pad(x, g))
    wp = xp.shape[3]
    w_mat = weight.reshape(f, -1)  # (F, CKK)
    ckk = w_mat.shape[1]
    size = _block_size(n, g.out, (ckk * (1 + need_input_grad) + f) * wp * x.itemsize)
    cols_buf, g_buf = _buffer(size, wp, ckk, x.dtype), _buffer(size, wp, f, x.dtype)
    dcols_buf = _buffer(size, wp, ckk, x.dtype) if need_input_grad else None
    dxp = np.zeros(xp.shape, dtype=x.dtype) if need_input_grad else None
    dw_t = np.zeros((ckk, f), dtype=x.dtype)  # dweight, transposed
    for samples, rows in _blocks(n, oh, size):
        view = flat_windows(xp[samples], g, rows)  # (b, C, KH, KW, L)
        b, length = view.shape[0], view.shape[-1]
        cols = _take(cols_buf, view.shape)
        np.copyto(cols, view)
        cols = cols.reshape(b, ckk, length)
        # G in the same flat layout, 0 at the wrap-around numbers: they then add
        # nothing to dweight, and weight.T @ G is 0 there too (see add_flat_windows).
        g_flat = _take(g_buf, (b, f, length))
        flat_gaps(g_flat, wp, ow)[...] = 0
        flat_grid(g_flat, wp, ow)[...] = grad_out[samples, :, rows]
        # dweight.T = sum over the samples of cols @ G.T: one small product per sample,
        # like the forward (one product over the whole block is far slower on 2 threads).
        dw_t += np.matmul(cols, g_flat.transpose(0, 2, 1)).sum(axis=0)  # (CKK, F)
        if need_input_grad:
            dcols = np.matmul(w_mat.T, g_flat, out=_take(dcols_buf, cols.shape))  # (b, CKK, L)
            add_flat_windows(dxp[samples], dcols.reshape(view.shape), g, rows)
    db = grad_out.sum(axis=(0, 2, 3))
    dx = np.ascontiguousarray(unpad(dxp, g)) if need_input_grad else None
    return dx, np.ascontiguousarray(dw_t.T).reshape(weight.shape), db


def _backward_cols(grad_out, x, weight, g: Geometry, need_input_grad):
    """conv2d_backward for any stride, on the general window matrix of :func:`_conv2d_cols`."""
    n, c, f = x.shape[0], x.shape[1], weight.shape[0]
    (kh, kw), ow = g.kernel, g.out[1]
    xp = pad(x, g)
    view = windows(xp, g)
    w_mat = weight.reshape(f, -1)  # (F, CKK)
    ckk = w_mat.shape[1]
    # memory per output row: the windows and G, and for dx also weight.T @ G
    size = _block_size(n, g.out, (ckk * (1 + need_input_grad) + f) * ow * x.itemsize)
    cols_buf, g_buf = _buffer(size, ow, ckk, x.dtype), _buffer(size, ow, f, x.dtype)
    dcols_buf = _buffer(size, ow, ckk, x.dtype) if need_input_grad else None
    dxp = np.zeros(xp.shape, dtype=x.dtype) if need_input_grad else None
    dw_t = np.zeros((ckk, f), dtype=x.dtype)  # dweight, transposed (see below)
    for samples, rows in _blocks(n, g.out[0], size):
        b, r = samples.stop - samples.start, rows.stop - rows.start
        cols = cols_matrix(view[samples, :, :, :, rows], cols_buf)  # (CKK, M), M = b*r*OW
        g_mat = _take(g_buf, (f, b, r, ow))
        np.copyto(g_mat, grad_out[samples, :, rows].transpose(1, 0, 2, 3))
        g_mat = g_mat.reshape(f, -1)  # G: (F, M), one column per window like cols
        # dweight.T = cols @ G.T: measured 1.3 to 1.7 times faster here than G @ cols.T
        dw_t += cols @ g_mat.T  # (CKK, M) @ (M, F)
        if need_input_grad:
            dcols = np.matmul(w_mat.T, g_mat, out=_take(dcols_buf, cols.shape))  # (CKK, M)
            d = dcols.reshape(c, kh, kw, b, r, ow).transpose(3, 0, 1, 2, 4, 5)  # (b, C, KH, KW, r, OW)
            top = rows.start * g.stride[0]  # first padded input row this block's windows touch
            add_windows(dxp[samples, :, top:], d, g)
    db = grad_out.sum(axis=(0, 2, 3))
    dx = np.ascontiguousarray(unpad(dxp, g)) if need_input_grad else None
    return dx, np.ascontiguousarray(dw_t.T).reshape(weight.shape), db
