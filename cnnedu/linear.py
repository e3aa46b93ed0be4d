"""The fully connected (linear, dense) layer as a function."""

from __future__ import annotations

import math

import numpy as np

from .checks import as_float_array, check_ndim, result_dtype

__all__ = ["linear"]


def linear(x, weight, bias=None) -> np.ndarray:
    """Flatten each sample and multiply by the weights: ``x @ weight.T + bias``.

    x: (N, ...) flattened to (N, D), weight: (out, D) as in PyTorch, bias: (out,) or None
    -> (N, out); an empty batch (N = 0) gives an empty (0, out) result, as in PyTorch.
    """
    x = as_float_array(x, "x")
    weight = as_float_array(weight, "weight")
    if x.ndim < 2:
        raise ValueError(f"x must have a batch axis first, shape (N, ...), got shape {tuple(x.shape)}")
    check_ndim(weight, 2, "weight", "(out_features, in_features)")
    if 0 in x.shape[1:]:
        raise ValueError(f"x must not be empty after its batch axis N, got shape {tuple(x.shape)}")
    # reshape(N, -1) cannot infer -1 when N = 0: name the feature count
    flat = x.reshape(x.shape[0], math.prod(x.shape[1:]))
    if flat.shape[1] != weight.shape[1]:
        raise ValueError(
            f"weight expects {weight.shape[1]} input features (weight shape {tuple(weight.shape)} is "
            f"(out, in)) but x flattens to {flat.shape[1]} features per sample (x shape {tuple(x.shape)})"
        )
    arrays = [flat, weight]
    if bias is not None:
        bias = as_float_array(bias, "bias")
        if bias.shape != (weight.shape[0],):
            raise ValueError(f"bias must have shape (out,) = ({weight.shape[0]},), got {tuple(bias.shape)}")
        arrays.append(bias)
    dtype = result_dtype(*arrays)
    out = flat.astype(dtype, copy=False) @ weight.astype(dtype, copy=False).T
    if bias is not None:
        out += bias.astype(dtype, copy=False)
    return out
