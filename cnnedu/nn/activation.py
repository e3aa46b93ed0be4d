"""Activation layers: ReLU, LeakyReLU, Sigmoid, Tanh (element-wise, no parameters).

Backward multiplies the incoming gradient by the derivative at the input
(the chain rule, element by element). Sigmoid and Tanh reuse their forward
output, since s' = s(1 - s) and tanh' = 1 - tanh**2 need nothing else.
"""

from __future__ import annotations

import numpy as np

from ..activations import _check_slope, leaky_relu, leaky_relu_derivative, sigmoid, tanh
from ..checks import keep_where
from ..shapes import as_float_array, check_grad_out
from .module import Module

__all__ = ["ReLU", "LeakyReLU", "Sigmoid", "Tanh"]


class ReLU(Module):
    """max(x, 0): any shape -> same shape."""

    def __init__(self):
        super().__init__()
        self._cache_x = None

    def forward(self, x):
        x = as_float_array(x, "x")
        self._cache_x = x
        return np.maximum(x, 0)

    def backward(self, grad_out, need_input_grad=True):
        x = self._cached(self._cache_x)
        if not need_input_grad:
            return None
        # grad_out where x > 0, else 0: selected, not multiplied (0 * inf would be NaN)
        return keep_where(x > 0, check_grad_out(grad_out, x.shape))


class LeakyReLU(Module):
    """x where x > 0, else negative_slope * x: any shape -> same shape."""

    def __init__(self, negative_slope=0.01):
        super().__init__()
        self.negative_slope = _check_slope(negative_slope)
        self._cache_x = None

    def forward(self, x):
        x = as_float_array(x, "x")
        self._cache_x = x
        return leaky_relu(x, self.negative_slope)

    def backward(self, grad_out, need_input_grad=True):
        x = self._cached(self._cache_x)
        if not need_input_grad:
            return None
        return check_grad_out(grad_out, x.shape) * leaky_relu_derivative(x, self.negative_slope)

    def extra_repr(self) -> str:
        return f"negative_slope={self.negative_slope}"


class Sigmoid(Module):
    """1 / (1 + exp(-x)): any shape -> same shape."""

    def __init__(self):
        super().__init__()
        self._cache_out = None

    def forward(self, x):
        out = sigmoid(x)
        self._cache_out = out
        return out

    def backward(self, grad_out, need_input_grad=True):
        s = self._cached(self._cache_out)
        if not need_input_grad:
            return None
        return check_grad_out(grad_out, s.shape) * (s * (1 - s))


class Tanh(Module):
    """Hyperbolic tangent: any shape -> same shape."""

    def __init__(self):
        super().__init__()
        self._cache_out = None

    def forward(self, x):
        out = tanh(x)
        self._cache_out = out
        return out

    def backward(self, grad_out, need_input_grad=True):
        t = self._cached(self._cache_out)
        if not need_input_grad:
            return None
        return check_grad_out(grad_out, t.shape) * (1 - t * t)
