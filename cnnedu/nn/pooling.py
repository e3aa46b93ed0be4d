"""Pooling layers: MaxPool2d, AvgPool2d and GlobalAvgPool2d (no parameters)."""

from __future__ import annotations

import numpy as np

from ..pooling import (
    _pool_pad_limit,
    _setup,
    avg_pool2d,
    avg_pool2d_backward,
    max_pool2d,
    max_pool_argmax,
    max_pool_scatter,
)
from ..shapes import as_float_array, check_grad_out, check_ndim, check_padding, pair
from .module import Module

__all__ = ["MaxPool2d", "AvgPool2d", "GlobalAvgPool2d"]


class _Pool2d(Module):
    def __init__(self, kernel_size, stride=None, padding=0):
        super().__init__()
        pair(kernel_size, "kernel_size", 1)  # check now, not at the first forward
        if stride is not None:
            pair(stride, "stride", 1)
        check_padding(padding, pair(kernel_size, "kernel_size", 1), max_pad=_pool_pad_limit)
        self.kernel_size = kernel_size
        self.stride = kernel_size if stride is None else stride
        self.padding = padding
        self._cache_x = self._cache_geometry = self._cache_arg = None

    def _setup(self, x):
        """x as a float array, checked, and the geometry of its windows."""
        return _setup(x, self.kernel_size, self.stride, self.padding)

    def extra_repr(self) -> str:
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"


class MaxPool2d(_Pool2d):
    """Max pooling: x: (N, C, H, W) -> (N, C, OH, OW); ``stride`` defaults to ``kernel_size``.

    Backward sends each output gradient to the cell that won its window.
    Which cell won (the argmax) is found once, at the first backward after a
    forward, and kept: evaluation, which never calls backward, does not pay for it.
    """

    def forward(self, x):
        x, g = self._setup(x)
        self._cache_x = x
        self._cache_geometry = g
        self._cache_arg = None
        return max_pool2d(x, self.kernel_size, self.stride, self.padding)

    def argmax(self):
        """Where each window's winner is (row-major index in the window): (N, C, OH, OW)."""
        x = self._cached(self._cache_x)
        if self._cache_arg is None:
            self._cache_arg = max_pool_argmax(x, self._cache_geometry)
        return self._cache_arg

    def backward(self, grad_out, need_input_grad=True):
        """grad_out: (N, C, OH, OW) -> dx: (N, C, H, W); overlapping windows add up."""
        arg = self.argmax()
        if not need_input_grad:
            return None
        grad_out = check_grad_out(grad_out, arg.shape)
        return max_pool_scatter(grad_out, arg, self._cache_x.shape, self._cache_geometry)


class AvgPool2d(_Pool2d):
    """Average pooling: x: (N, C, H, W) -> (N, C, OH, OW); ``stride`` defaults to ``kernel_size``.

    Numeric padding counts the padded zeros (PyTorch's ``count_include_pad``);
    'same' padding averages over the real cells only (TensorFlow's rule).
    """

    def forward(self, x):
        x, _ = self._setup(x)
        self._cache_x = x
        return avg_pool2d(x, self.kernel_size, self.stride, self.padding)

    def backward(self, grad_out, need_input_grad=True):
        """grad_out: (N, C, OH, OW) -> dx: (N, C, H, W)."""
        x = self._cached(self._cache_x)
        if not need_input_grad:
            return None
        return avg_pool2d_backward(grad_out, x, self.kernel_size, self.stride, self.padding)


class GlobalAvgPool2d(Module):
    """Average each feature map to one number: x: (N, C, H, W) -> (N, C)."""

    def __init__(self):
        super().__init__()
        self._cache_x = None

    def forward(self, x):
        x = as_float_array(x, "x")
        check_ndim(x, 4, "x", "(N, C, H, W)")
        self._cache_x = x.shape
        return x.mean(axis=(2, 3), dtype=x.dtype)

    def backward(self, grad_out, need_input_grad=True):
        """grad_out: (N, C) -> dx: (N, C, H, W), every cell getting an equal share."""
        n, c, h, w = self._cached(self._cache_x)
        if not need_input_grad:
            return None
        grad_out = check_grad_out(grad_out, (n, c))
        share = grad_out / grad_out.dtype.type(h * w)
        return np.broadcast_to(share[:, :, None, None], (n, c, h, w)).copy()
