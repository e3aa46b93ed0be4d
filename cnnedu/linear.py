"""The fully connected (linear, dense) layer as a function."""

from __future__ import annotations

import numpy as np

from .shapes import as_float_array, result_dtype

__all__ = ["linear"]


def linear(x, weight, bias=None) -> np.ndarray:
    """Flatten each sample and multiply by the weights: ``x @ weight.T + bias``.

    x: (N, ...) flattened to (N, D), weight: (out, D) as in PyTorch, bias: (out,) or None
    -> (N, out)
    """
    x = as_float_array(x, "x")
    weight = as_float_array(weight, "weight")
    if x.ndim < 2:
        raise ValueError(f"x must have a batch axis first, shape (N, ...), got shape {tuple(x.shape)}")
    if weight.ndim != 2:
        raise ValueError(f"weight must be a 2D array (out_features, in_features), got shape {tuple(weight.shape)}")
    flat = x.reshape(x.shape[0], -1)
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
