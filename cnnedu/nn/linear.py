"""Linear: the fully connected layer, built on :func:`cnnedu.linear`."""

from __future__ import annotations

import math

from ..checks import check_bool
from ..linear import linear
from ..shapes import as_float_array, check_grad_out, check_int
from .init import as_rng, default_uniform
from .module import Module

__all__ = ["Linear"]


class Linear(Module):
    """Fully connected layer: ``out = x @ weight.T + bias`` (like ``torch.nn.Linear``).

    x: (N, in_features), or (N, ...) which is flattened per sample -> (N, out_features)

    params: ``weight`` (out_features, in_features) and ``bias`` (out_features,)
    unless ``bias=False``; both start as U(-1/sqrt(in_features), 1/sqrt(in_features)).
    """

    def __init__(self, in_features, out_features, bias=True, rng=None):
        super().__init__()
        self.in_features = check_int(in_features, "in_features", 1)
        self.out_features = check_int(out_features, "out_features", 1)
        bias = check_bool(bias, "bias")
        rng = as_rng(rng)
        self.params["weight"] = default_uniform(rng, (self.out_features, self.in_features), self.in_features)
        if bias:
            self.params["bias"] = default_uniform(rng, (self.out_features,), self.in_features)
        self.zero_grad()
        self._cache_x = None

    def forward(self, x):
        """x: (N, in_features) or (N, ...) -> (N, out_features)."""
        x = as_float_array(x, "x")
        # math.prod, not x[0].size: an empty batch (N = 0) has no x[0]
        features = math.prod(x.shape[1:]) if x.ndim >= 2 else None
        if features != self.in_features:
            raise ValueError(
                f"Linear was built for in_features={self.in_features}, so x must have shape "
                f"(N, {self.in_features}) (or (N, ...) with {self.in_features} values per sample); "
                f"got shape {tuple(x.shape)}"
            )
        self._cache_x = x
        return linear(x, self.params["weight"], self.params.get("bias"))

    def backward(self, grad_out, need_input_grad=True):
        """grad_out: (N, out_features) -> dx with the input's shape, or None if not needed."""
        x = self._cached(self._cache_x)
        n = x.shape[0]
        grad_out = check_grad_out(grad_out, (n, self.out_features))
        flat = x.reshape(n, self.in_features)  # not -1: that cannot be inferred when n = 0
        weight = self.params["weight"]
        self._grad_like(grad_out.T @ flat, "weight")
        if "bias" in self.params:
            self._grad_like(grad_out.sum(axis=0), "bias")
        if not need_input_grad:
            return None
        return (grad_out @ weight).reshape(x.shape)

    def extra_repr(self) -> str:
        bias = "bias" in self.params
        return f"in_features={self.in_features}, out_features={self.out_features}, bias={bias}"
