"""Activation functions and their derivatives, vectorised and overflow-free.

Each function takes any array of any shape, empty ones included (integer
input is computed in float32; see :mod:`cnnedu.checks` for the rules), and is
finite, with no floating-point warnings under NumPy's default error settings,
for inputs as large as +-1e4. (exp(-1e4) underflows to exactly 0, which is
the right answer; NumPy's defaults ignore underflow for that reason.)
A NaN input gives NaN at that position (in softmax: along its whole axis),
as in PyTorch; +-inf give the limits (sigmoid(inf) = 1, relu(-inf) = 0).
The ``*_derivative`` functions give d(activation)/dx at x, written as the
formulas the notebooks teach. Of the layers in :mod:`cnnedu.nn`, LeakyReLU
calls its derivative function; ReLU, Sigmoid and Tanh reuse the output they
kept from forward instead (σ' = y(1 - y), tanh' = 1 - y²), and
tests/test_activations_linear_filters.py checks each against these functions.
"""

from __future__ import annotations

import numpy as np

from .checks import as_float_array, check_int, check_number

__all__ = [
    "relu",
    "leaky_relu",
    "sigmoid",
    "tanh",
    "softmax",
    "log_softmax",
    "relu_derivative",
    "leaky_relu_derivative",
    "sigmoid_derivative",
    "tanh_derivative",
]


def _check_slope(negative_slope) -> float:
    # Any real number, Python or NumPy (np.float32(0.1), np.int64(1)); NaN and inf are refused.
    return check_number(negative_slope, "negative_slope")


def relu(x) -> np.ndarray:
    """max(x, 0), element-wise."""
    x = as_float_array(x)
    return np.maximum(x, 0)


def leaky_relu(x, negative_slope: float = 0.01) -> np.ndarray:
    """x where x > 0, else negative_slope * x (PyTorch's default slope 0.01)."""
    x = as_float_array(x)
    slope = x.dtype.type(_check_slope(negative_slope))
    return np.where(x > 0, x, slope * x)


def sigmoid(x) -> np.ndarray:
    """1 / (1 + exp(-x)), computed without overflow.

    The textbook form overflows for x < -710 in float64 (-89 in float32):
    exp(-x) becomes inf and NumPy warns. Using e = exp(-|x|), which is
    always in (0, 1], both halves are safe:
    x >= 0: 1 / (1 + e);   x < 0: e / (1 + e).
    """
    x = as_float_array(x)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def tanh(x) -> np.ndarray:
    """Hyperbolic tangent, element-wise (NumPy's is already stable)."""
    return np.tanh(as_float_array(x))


def _check_axis(x: np.ndarray, axis) -> int:
    axis = check_int(axis, "axis")
    if not -x.ndim <= axis < x.ndim:
        raise ValueError(f"axis={axis} is out of range for an array with {x.ndim} dimensions")
    return axis


def softmax(x, axis: int = -1) -> np.ndarray:
    """exp(x) / sum(exp(x)) along ``axis``; subtracting the max first keeps exp <= 1."""
    x = as_float_array(x)
    axis = _check_axis(x, axis)
    if x.size == 0:  # nothing to normalise (e.g. shape (2, 0)): an empty result, as in PyTorch
        return x.copy()
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(x, axis: int = -1) -> np.ndarray:
    """log(softmax(x)) without taking the log of a tiny number: x - max - log(sum(exp(x - max)))."""
    x = as_float_array(x)
    axis = _check_axis(x, axis)
    if x.size == 0:
        return x.copy()
    shifted = x - x.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def relu_derivative(x) -> np.ndarray:
    """1 where x > 0, else 0 (we take 0 at x == 0, as PyTorch does)."""
    x = as_float_array(x)
    return (x > 0).astype(x.dtype)


def leaky_relu_derivative(x, negative_slope: float = 0.01) -> np.ndarray:
    """1 where x > 0, else negative_slope."""
    x = as_float_array(x)
    slope = x.dtype.type(_check_slope(negative_slope))
    return np.where(x > 0, x.dtype.type(1), slope)


def sigmoid_derivative(x) -> np.ndarray:
    """s(x) * (1 - s(x)): at most 0.25, at x = 0 - the root of vanishing gradients."""
    s = sigmoid(x)
    return s * (1 - s)


def tanh_derivative(x) -> np.ndarray:
    """1 - tanh(x)**2: at most 1, at x = 0."""
    t = tanh(x)
    return 1 - t * t
