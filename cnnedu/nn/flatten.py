"""Flatten: turn feature maps into one vector per sample, before a Linear layer."""

from __future__ import annotations

import math

from ..shapes import as_float_array, check_grad_out
from .module import Module

__all__ = ["Flatten"]


class Flatten(Module):
    """x: (N, ...) -> (N, prod(...)), e.g. (N, 120, 1, 1) -> (N, 120); backward reshapes back."""

    def __init__(self):
        super().__init__()
        self._cache_shape = None

    def forward(self, x):
        x = as_float_array(x, "x")
        if x.ndim < 2:
            raise ValueError(f"x must have a batch axis first, shape (N, ...), got shape {tuple(x.shape)}")
        if 0 in x.shape[1:]:
            raise ValueError(f"x must not be empty after its batch axis N, got shape {tuple(x.shape)}")
        self._cache_shape = x.shape
        # math.prod, not -1: reshape cannot infer -1 for an empty batch (N = 0)
        return x.reshape(x.shape[0], math.prod(x.shape[1:]))

    def backward(self, grad_out, need_input_grad=True):
        shape = self._cached(self._cache_shape)
        if not need_input_grad:
            return None
        return check_grad_out(grad_out, (shape[0], math.prod(shape[1:]))).reshape(shape)
