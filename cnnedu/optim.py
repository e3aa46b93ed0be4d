"""Optimisers: SGD (with momentum) and Adam, with PyTorch's exact update rules.

An optimiser is built from a model (anything with ``parameters()`` and
``gradients()``) and updates the parameter arrays IN PLACE, so the model
sees the new values without being told::

    opt = Adam(model, lr=1e-3)
    for x, y in batches:
        loss.forward(model.forward(x), y)
        model.backward(loss.backward())
        opt.step()

Build the optimiser after any ``model.to(dtype)``: that call replaces the arrays.
"""

from __future__ import annotations

import math

import numpy as np

from .checks import check_number

__all__ = ["Optimizer", "SGD", "Adam"]


def _check_number(value, name: str, low: float = 0.0, high: float | None = None, open_high=False) -> float:
    # Python or NumPy numbers; NaN and inf are refused (see cnnedu.checks.check_number).
    return check_number(value, name, low, high, high_open=open_high)


class Optimizer:
    """What SGD and Adam share: the model's parameter list, ``step()`` and ``zero_grad()``."""

    def __init__(self, params, lr, weight_decay):
        if not (hasattr(params, "parameters") and hasattr(params, "gradients")):
            raise TypeError(
                "params must be a model (anything with parameters() and gradients() methods, "
                f"such as a cnnedu.nn layer or Sequential), got {type(params).__name__}"
            )
        self.model = params
        self.params = list(params.parameters())
        for i, p in enumerate(self.params):
            if not (isinstance(p, np.ndarray) and p.dtype.kind == "f"):
                raise TypeError(f"parameter {i} must be a floating-point NumPy array, got {type(p).__name__}")
        self.lr = _check_number(lr, "lr")
        self.weight_decay = _check_number(weight_decay, "weight_decay")

    def check_model(self, model=None) -> None:
        """Raise unless this optimiser updates the parameter arrays ``model`` (default: its own) uses NOW.

        Two silent mistakes end here: an optimiser built on another model, and one
        built before ``model.to(np.float64)`` replaced the arrays. Either would
        step arrays nobody reads, and the model would never learn.
        """
        model = self.model if model is None else model
        current = list(model.parameters())
        same = len(current) == len(self.params) and all(a is b for a, b in zip(current, self.params))
        if not same:
            which = "this optimiser's model" if model is self.model else "the model being trained"
            raise RuntimeError(
                f"{which} does not use the parameter arrays this optimiser updates: it was built on "
                "another model, or before model.to(...) replaced the arrays. Build the optimiser on "
                "the model you train, after any model.to(...): e.g. SGD(model, lr=0.05)"
            )

    def _gradients(self) -> list[np.ndarray]:
        # Asked for at every step: layers store a fresh gradient array in each backward.
        self.check_model()
        grads = list(self.model.gradients())
        if len(grads) != len(self.params):
            raise RuntimeError(
                f"the model now has {len(grads)} gradients for {len(self.params)} parameters; "
                "build the optimiser again after changing the model"
            )
        for i, (p, g) in enumerate(zip(self.params, grads)):
            if g.shape != p.shape:
                raise RuntimeError(f"gradient {i} has shape {g.shape} but its parameter has shape {p.shape}")
        return grads

    def _decayed(self, p, g):
        """L2 weight decay as PyTorch does it: add weight_decay * p to the gradient."""
        return g + self.weight_decay * p if self.weight_decay else g

    def step(self) -> None:
        raise NotImplementedError

    def zero_grad(self) -> None:
        self.model.zero_grad()


class SGD(Optimizer):
    """Stochastic gradient descent, optionally with momentum (PyTorch's form, dampening 0).

    g = grad + weight_decay * p
    momentum = 0:  p -= lr * g
    otherwise:     buf = momentum * buf + g  (buf = g at the first step);  p -= lr * buf
    """

    def __init__(self, params, lr, momentum=0.0, weight_decay=0.0):
        super().__init__(params, lr, weight_decay)
        self.momentum = _check_number(momentum, "momentum")
        self.buffers = [None] * len(self.params)

    def step(self) -> None:
        for i, (p, g) in enumerate(zip(self.params, self._gradients())):
            g = self._decayed(p, g)
            if self.momentum:
                buf = self.buffers[i]
                if buf is None:
                    buf = self.buffers[i] = np.array(g, dtype=p.dtype)
                else:
                    buf *= self.momentum
                    buf += g
                g = buf
            p -= self.lr * g

    def __repr__(self) -> str:
        return f"SGD(lr={self.lr}, momentum={self.momentum}, weight_decay={self.weight_decay})"


class Adam(Optimizer):
    """Adam (Kingma & Ba, 2015) with bias correction, exactly as ``torch.optim.Adam``.

    g = grad + weight_decay * p
    m = beta1 * m + (1 - beta1) * g          (running mean of gradients)
    v = beta2 * v + (1 - beta2) * g**2       (running mean of squared gradients)
    p -= lr / (1 - beta1**t) * m / (sqrt(v) / sqrt(1 - beta2**t) + eps)

    The bias correction undoes the pull towards 0 of m and v, which start at 0.
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(params, lr, weight_decay)
        if not (isinstance(betas, (tuple, list)) and len(betas) == 2):
            raise TypeError(f"betas must be a pair (beta1, beta2), got {betas!r}")
        self.betas = (
            _check_number(betas[0], "betas[0]", 0.0, 1.0, open_high=True),
            _check_number(betas[1], "betas[1]", 0.0, 1.0, open_high=True),
        )
        self.eps = _check_number(eps, "eps")
        self.t = 0
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]

    def step(self) -> None:
        self.t += 1
        beta1, beta2 = self.betas
        step_size = self.lr / (1 - beta1**self.t)
        bias_correction2_sqrt = math.sqrt(1 - beta2**self.t)
        for p, g, m, v in zip(self.params, self._gradients(), self.m, self.v):
            g = self._decayed(p, g)
            m *= beta1
            m += (1 - beta1) * g
            v *= beta2
            v += (1 - beta2) * (g * g)
            denom = np.sqrt(v)
            denom /= bias_correction2_sqrt
            denom += self.eps
            p -= step_size * (m / denom)

    def __repr__(self) -> str:
        return f"Adam(lr={self.lr}, betas={self.betas}, eps={self.eps}, weight_decay={self.weight_decay})"
