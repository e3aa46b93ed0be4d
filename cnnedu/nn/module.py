"""The base class every layer shares: parameters, gradients, dtype and repr."""

from __future__ import annotations

import numpy as np

__all__ = ["Module"]


class Module:
    """A layer: ``forward(x) -> out`` and ``backward(grad_out) -> grad_in``.

    ``params`` and ``grads`` are dicts with the same keys (``'weight'``,
    ``'bias'``); layers without parameters leave them empty. ``backward``
    stores dL/dparam in ``grads`` (it overwrites, it does not accumulate as
    PyTorch does) and returns dL/dx.

    ``backward(grad_out, need_input_grad=False)`` may skip dL/dx and return
    None: the first layer of a network never needs it.
    """

    def __init__(self):
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}

    def forward(self, x):
        raise NotImplementedError

    def backward(self, grad_out, need_input_grad=True):
        raise NotImplementedError

    def __call__(self, x):
        return self.forward(x)

    # -- parameters, as the optimisers see them ------------------------------

    def named_parameters(self) -> list[tuple[str, np.ndarray]]:
        """[(name, array)] in a fixed order, e.g. [('weight', ...), ('bias', ...)]."""
        return list(self.params.items())

    def parameters(self) -> list[np.ndarray]:
        """The parameter arrays; an optimiser updates them in place."""
        return [p for _, p in self.named_parameters()]

    def gradients(self) -> list[np.ndarray]:
        """The gradient arrays, in the same order as :meth:`parameters`."""
        grads = self.grads
        return [grads[name] for name in self.params]

    def num_parameters(self) -> int:
        return sum(p.size for p in self.parameters())

    def zero_grad(self) -> None:
        for name, p in self.params.items():
            self.grads[name] = np.zeros_like(p)

    def to(self, dtype) -> Module:
        """Convert the parameters to ``dtype`` (e.g. np.float64 for a gradient check); returns self.

        The layer gets new arrays (unless they already have that dtype), so build
        the optimiser AFTER calling this; an optimiser built before refuses to step.
        float16 becomes float32 and wider floats float64, the two dtypes cnnedu computes in.
        """
        try:
            dtype = np.dtype(dtype)
        except TypeError:
            raise TypeError(f"dtype must be a floating-point type such as np.float64, got {dtype!r}") from None
        if dtype.kind != "f":
            raise TypeError(f"dtype must be a floating-point type such as np.float32, got {dtype}")
        dtype = np.dtype(np.float64 if dtype.itemsize >= 8 else np.float32)  # the package's two dtypes
        if all(p.dtype == dtype for p in self.params.values()):
            return self  # nothing to convert: keep the arrays, so an optimiser built on them stays connected
        for name, p in self.params.items():
            self.params[name] = p.astype(dtype)
            self.grads[name] = np.zeros_like(self.params[name])
        self._forget()
        return self

    @property
    def dtype(self):
        """dtype of the parameters (float32 unless converted with :meth:`to`); None without any."""
        params = self.parameters()
        return params[0].dtype if params else None

    # -- helpers for subclasses ----------------------------------------------

    def _forget(self) -> None:
        """Drop what forward cached (after a dtype change it would be stale)."""
        for key in [k for k in vars(self) if k.startswith("_cache")]:
            setattr(self, key, None)

    def _cached(self, value):
        # Every layer caches its input as `_cache...`; None means forward never ran.
        if value is None:
            raise RuntimeError(f"{type(self).__name__}.backward: call forward first")
        return value

    def _grad_like(self, grad, name):
        """Store a parameter gradient in the parameter's dtype."""
        self.grads[name] = grad.astype(self.params[name].dtype, copy=False)

    def extra_repr(self) -> str:
        return ""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.extra_repr()})"
