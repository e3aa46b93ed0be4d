"""2D convolution (cross-correlation, as in every deep-learning framework).

Three functions, side by side:

* :func:`conv2d_naive` - the definition, written as explicit loops;
* :func:`conv2d` - the same result via im2col and one matrix product per chunk;
* :func:`conv2d_backward` - gradients of the loss with respect to x, weight and bias.

Like ``torch.nn.functional.conv2d``, the kernel is NOT flipped: this is
cross-correlation. (Flip the kernel with ``weight[..., ::-1, ::-1]`` to get
the convolution of signal processing.)
"""

from __future__ import annotations

import numpy as np

from .im2col import Geometry, add_cols_per_sample, cols_per_sample, geometry, pad, unpad
from .shapes import as_float_array, check_ndim, result_dtype

__all__ = ["conv2d", "conv2d_naive", "conv2d_backward"]

# The im2col matrix is built a chunk of samples at a time so that its size
# stays bounded whatever the batch (the lecture's batch of 15 colour 440x440
# photos through 64 5x5 filters would otherwise need 2.8 GB for it alone).
COLS_BUDGET_BYTES = 64 * 2**20


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
    return geometry(x.shape[2:], weight.shape[2:], stride, padding, dilation)


def _chunks(n: int, bytes_per_sample: int):
    """Split range(n) into slices whose im2col matrices fit the memory budget."""
    step = max(1, COLS_BUDGET_BYTES // max(bytes_per_sample, 1))
    return [slice(start, min(start + step, n)) for start in range(0, n, step)]


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
    n, f = x.shape[0], weight.shape[0]
    xp = pad(x, g)
    w_mat = weight.reshape(f, -1)  # (F, C*KH*KW)
    out = np.empty((n, f, g.out[0] * g.out[1]), dtype=x.dtype)
    for part in _chunks(n, w_mat.shape[1] * g.out[0] * g.out[1] * x.itemsize):
        # (F, CKK) @ (b, CKK, OH*OW) -> (b, F, OH*OW): NCHW directly, no transpose.
        np.matmul(w_mat, cols_per_sample(xp[part], g), out=out[part])
    if bias is not None:
        out += bias[:, None]
    return out.reshape(n, f, *g.out)


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
    first layer of a network never needs it).
    """
    x, weight, _ = _check_conv_args(x, weight, None)
    g = _geometry(x, weight, stride, padding, dilation)
    grad_out = as_float_array(grad_out, "grad_out").astype(x.dtype, copy=False)
    n, f = x.shape[0], weight.shape[0]
    expected = (n, f, *g.out)
    if grad_out.shape != expected:
        raise ValueError(f"grad_out must have the output's shape {expected}, got {tuple(grad_out.shape)}")
    xp = pad(x, g)
    w_mat = weight.reshape(f, -1)
    # A contiguous copy: NumPy's stacked matmul is several times slower with a transposed operand.
    w_mat_t = np.ascontiguousarray(w_mat.T)  # (CKK, F)
    g_mat = grad_out.reshape(n, f, -1)  # (N, F, OH*OW)
    dw = np.zeros_like(w_mat)
    dxp = np.empty(xp.shape, dtype=x.dtype) if need_input_grad else None
    for part in _chunks(n, w_mat.shape[1] * g.out[0] * g.out[1] * x.itemsize):
        cols = cols_per_sample(xp[part], g)  # (b, CKK, P)
        for g_i, cols_i in zip(g_mat[part], cols):
            dw += g_i @ cols_i.T  # (F, P) @ (P, CKK)
        if need_input_grad:
            dcols = np.matmul(w_mat_t, g_mat[part])  # (b, CKK, P)
            dxp[part] = add_cols_per_sample(dcols, xp[part].shape, g)
    db = grad_out.sum(axis=(0, 2, 3))
    dx = np.ascontiguousarray(unpad(dxp, g)) if need_input_grad else None
    return dx, dw.reshape(weight.shape), db
