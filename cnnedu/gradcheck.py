"""Gradient checking: compare backward() with finite differences.

A backward pass is easy to get subtly wrong and still "train a bit". The
test is to nudge one number at a time and watch the loss::

    dL/dx[i]  ~  (L(x + eps e_i) - L(x - eps e_i)) / (2 eps)

That needs float64: in float32 the difference of two nearly equal losses
keeps only a few digits. Agreement is measured with a relative error
(CS231n's rule of thumb: < 1e-7 is great, > 1e-4 means a bug).

Two traps, and what the layer and model checks below do about them:

* Round-off. f(x + eps) - f(x - eps) is wrong by about 1e-16 * |f|, so the
  estimate is off by ~1e-16 / eps in absolute terms. For the many
  coordinates whose gradient is nearly 0 (a pixel far from anything that
  matters) the element-wise :func:`rel_error` is then large although
  nothing is wrong. The checks therefore report, per array, the relative
  error of the whole gradient vector, ||a - n|| / (||a|| + ||n||)
  (:func:`norm_rel_error`, Andrew Ng's version of the test).
* Kinks. ReLU and max pooling are not differentiable everywhere: if the
  nudge flips a ReLU on or off, or changes a max-pool winner, the finite
  difference mixes two slopes. The checks use a fairly large eps (1e-4,
  less round-off) and retry a coordinate with eps / 10 and eps / 100 when
  the nudge crossed a kink. A coordinate that sits exactly on a kink (two
  equal values in a max-pool window, say: common on an MNIST background,
  where a whole window holds the same value) has no gradient: it is
  replaced by another random coordinate, and counted.
"""

from __future__ import annotations

import copy
import numbers
import warnings

import numpy as np

from .checks import as_array, as_float_array, check_int, check_number
from .nn.activation import LeakyReLU, ReLU
from .nn.loss import SoftmaxCrossEntropy
from .nn.module import Module
from .nn.pooling import MaxPool2d
from .nn.sequential import Sequential

__all__ = [
    "numerical_gradient",
    "rel_error",
    "norm_rel_error",
    "check_layer_gradients",
    "check_model_gradients",
    "GradCheckResult",
]

DEFAULT_TOL = 1e-6
CHECK_EPS = 1e-4


def numerical_gradient(f, x: np.ndarray, eps: float = 1e-6, indices=None) -> np.ndarray:
    """Central-difference gradient of the scalar function ``f()`` with respect to the array ``x``.

    ``f`` takes no arguments and reads ``x`` (e.g. a layer's weight array);
    each entry of ``x`` is nudged in place by +-eps and restored exactly.
    Returns an array shaped like ``x``, or, when ``indices`` (flat indices
    into ``x``) is given, a 1D array of those entries only.
    """
    if not (isinstance(x, np.ndarray) and x.dtype.kind == "f"):
        raise TypeError(f"x must be a floating-point NumPy array (it is changed in place), got {type(x).__name__}")
    if not callable(f):
        raise TypeError(f"f must be a function of no arguments returning a number, got {type(f).__name__}")
    eps = check_number(eps, "eps", 0.0, low_open=True)
    if x.dtype != np.float64:
        warnings.warn(f"x is {x.dtype}: finite differences need float64 to be accurate", stacklevel=2)
    flat_indices = range(x.size) if indices is None else _check_indices(indices, x.size)
    grad = np.empty(len(flat_indices), dtype=np.float64)
    for k, flat in enumerate(flat_indices):
        i = np.unravel_index(flat, x.shape)
        saved = x[i]
        x[i] = saved + eps
        f_plus = _scalar(f)
        x[i] = saved - eps
        f_minus = _scalar(f)
        x[i] = saved  # the original value, bit for bit
        grad[k] = (f_plus - f_minus) / (2 * eps)
    return grad.reshape(x.shape) if indices is None else grad


def _check_indices(indices, size: int) -> np.ndarray:
    """Flat indices into an array of ``size`` entries, as a 1D intp array; never silently truncated."""
    arr = as_array(indices, "indices").reshape(-1)
    if arr.size and (arr.dtype.kind not in "iu" or arr.dtype == np.bool_):
        raise TypeError(f"indices must be integer flat indices, got an array of dtype {arr.dtype}")
    if arr.size and (arr.min() < -size or arr.max() >= size):
        raise ValueError(f"indices must be flat indices in 0..{size - 1}, got values from {arr.min()} to {arr.max()}")
    return arr.astype(np.intp) % max(size, 1)


def _scalar(f) -> float:
    """f() as a float; a function returning an array (not one number) is an error, not a silent sum."""
    value = f()
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        shape = f" of shape {value.shape}" if isinstance(value, np.ndarray) else ""
        raise TypeError(
            f"f must return one number (the loss), got {type(value).__name__}{shape}; "
            "reduce it first, e.g. return np.sum(layer(x) * r)"
        )
    return float(value)


def _check_common(eps, max_coords, seed, tol):
    """The arguments shared by check_layer_gradients and check_model_gradients."""
    eps = check_number(eps, "eps", 0.0, low_open=True)
    if max_coords is not None:
        max_coords = check_int(max_coords, "max_coords", 1)
    seed = check_int(seed, "seed", 0)
    tol = check_number(tol, "tol", 0.0, low_open=True)
    return eps, max_coords, seed, tol


def _check_batch(x) -> np.ndarray:
    """x as a float64 COPY (nudging it never changes the caller's x), with at least one sample."""
    x = as_float_array(x, "x").astype(np.float64)
    if x.size == 0:
        raise ValueError(
            f"x must hold at least one sample to check gradients on, got shape {x.shape}: "
            "a check of nothing would pass without testing anything"
        )
    return x


def rel_error(a, b) -> float:
    """max over elements of |a - b| / max(1e-8, |a| + |b|) (CS231n's relative error)."""
    a = as_float_array(a, "a").astype(np.float64)
    b = as_float_array(b, "b").astype(np.float64)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got {a.shape} and {b.shape}")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


def norm_rel_error(a, b) -> float:
    """||a - b|| / max(1e-8, ||a|| + ||b||): one relative error for a whole gradient array."""
    a = as_float_array(a, "a").astype(np.float64).reshape(-1)
    b = as_float_array(b, "b").astype(np.float64).reshape(-1)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same size, got {a.size} and {b.size}")
    return float(np.linalg.norm(a - b) / max(1e-8, np.linalg.norm(a) + np.linalg.norm(b)))


class GradCheckResult(dict):
    """{name: relative error} for the input ('x') and every parameter; ``print()`` it for a table.

    Each error is :func:`norm_rel_error` between backward's gradient and the
    finite differences, over the checked coordinates of that array.
    """

    def __init__(self, rows, tol=DEFAULT_TOL):
        super().__init__((name, err) for name, _, _, err, _ in rows)
        # [(name, shape, coordinates checked, relative error, coordinates skipped on a kink)]
        self.rows = rows
        self.tol = tol

    @property
    def max_error(self) -> float:
        return max(self.values(), default=0.0)

    def passed(self, tol=None) -> bool:
        """True when every relative error is below ``tol`` (default: the one the check used)."""
        return self.max_error < (self.tol if tol is None else tol)

    def __str__(self) -> str:
        header = ("gradient", "shape", "checked", "relative error", "")
        body = [
            (
                name,
                str(shape),
                f"{n}/{int(np.prod(shape))}",
                f"{err:.1e}",
                "ok" if err < self.tol else "FAIL",
            )
            for name, shape, n, err, _ in self.rows
        ]
        widths = [max(len(line[i]) for line in [header, *body]) for i in range(5)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in [header, *body]]
        skipped = [f"{name}: {k}" for name, _, _, _, k in self.rows if k]
        if skipped:
            lines.append(
                "coordinates skipped because they sit exactly on a kink (a tie in a max-pool "
                "window or a ReLU input of exactly 0), where there is no gradient: " + ", ".join(skipped)
            )
        return "\n".join(lines)


def _candidates(size: int, rng) -> np.ndarray:
    """All flat indices, in a random order (seeded): the check takes them until it has enough."""
    return rng.permutation(size)


def _kinks(model) -> list[np.ndarray]:
    """Every ReLU's on/off pattern and every max-pool winner in the last forward."""
    if isinstance(model, Sequential):
        return [state for layer in model.layers for state in _kinks(layer)]
    if isinstance(model, (ReLU, LeakyReLU)):
        return [model._cache_x > 0]
    if isinstance(model, MaxPool2d):
        return [model.argmax()]
    return []


def _same(states, others) -> bool:
    return all(np.array_equal(a, b) for a, b in zip(states, others))


def _derivative(f, model, array, index, eps, base):
    """Central difference along one coordinate, shrinking eps while the nudge crosses a kink.

    Returns None when even the smallest nudge changes a ReLU or a max-pool
    winner: the coordinate sits exactly on a kink (a tie in a pooling
    window, say), where the gradient does not exist.
    """
    saved = array[index]
    for step in (eps, eps / 10, eps / 100):
        array[index] = saved + step
        f_plus = float(f())
        smooth = _same(_kinks(model), base)
        array[index] = saved - step
        f_minus = float(f())
        smooth = smooth and _same(_kinks(model), base)
        array[index] = saved
        if smooth:
            return (f_plus - f_minus) / (2 * step)
    return None


def _numerical_sample(f, model, array, max_coords, rng, eps, base):
    """Finite differences at up to ``max_coords`` random coordinates of ``array`` off any kink.

    Returns (flat indices used, derivatives, number of coordinates skipped on a kink).
    Gives up after trying 4 * max_coords coordinates, so a layer full of ties cannot loop for long.
    """
    wanted = array.size if max_coords is None else min(max_coords, array.size)
    used, values, skipped = [], [], 0
    for flat in _candidates(array.size, rng)[: 4 * wanted]:
        value = _derivative(f, model, array, np.unravel_index(flat, array.shape), eps, base)
        if value is None:
            skipped += 1
            continue
        used.append(flat)
        values.append(value)
        if len(used) == wanted:
            break
    return np.array(used, dtype=np.intp), np.array(values), skipped


def _compare(model, x, f, analytic_x, eps, max_coords, seed, tol) -> GradCheckResult:
    """Numerical vs analytic gradients for x and every parameter of ``model``."""
    rng = np.random.default_rng(seed)
    analytic = {name: model.grads[name].copy() for name, _ in model.named_parameters()}
    f()
    base = _kinks(model)
    targets = [("x", x, analytic_x)] + [(name, p, analytic[name]) for name, p in model.named_parameters()]
    rows = []
    for name, array, grad in targets:
        if grad is None:
            continue
        used, numeric, skipped = _numerical_sample(f, model, array, max_coords, rng, eps, base)
        error = norm_rel_error(grad.reshape(-1)[used], numeric)
        rows.append((name, tuple(array.shape), len(used), error, skipped))
    return GradCheckResult(rows, tol)


def _float64_copy(model):
    if not isinstance(model, Module):
        raise TypeError(f"model must be a cnnedu.nn layer or Sequential, got {type(model).__name__}")
    # A copy, so that checking never changes the caller's float32 model.
    return copy.deepcopy(model).to(np.float64)


def check_layer_gradients(layer, x, eps=CHECK_EPS, max_coords=50, seed=0, tol=DEFAULT_TOL) -> GradCheckResult:
    """Check ``layer.backward`` (a layer or a whole Sequential) in float64.

    x: a batch the layer accepts, e.g. (N, C, H, W). The loss is
    L = sum(layer(x) * R) with a fixed random R, so dL/d(output) = R.
    At most ``max_coords`` entries of x and of each parameter are checked,
    chosen with ``seed``. Returns {'x': err, 'weight': err, ...}; the layer
    itself is not changed (a float64 copy is checked).
    """
    eps, max_coords, seed, tol = _check_common(eps, max_coords, seed, tol)
    model = _float64_copy(layer)
    x = _check_batch(x)
    out = model.forward(x)
    r = np.random.default_rng(seed).standard_normal(out.shape)
    dx = model.backward(r.copy())
    return _compare(model, x, lambda: np.sum(model.forward(x) * r), dx, eps, max_coords, seed, tol)


def check_model_gradients(model, loss, x, labels, eps=CHECK_EPS, max_coords=50, seed=0, tol=DEFAULT_TOL):
    """Check a whole model + loss (e.g. LeNet-5 + SoftmaxCrossEntropy) in float64.

    x: (N, ...) inputs, labels: (N,) class indices; ``loss=None`` means
    SoftmaxCrossEntropy. Returns a :class:`GradCheckResult` with keys 'x'
    and every parameter name ('C1.weight', ...).
    """
    eps, max_coords, seed, tol = _check_common(eps, max_coords, seed, tol)
    model = _float64_copy(model)
    loss = SoftmaxCrossEntropy() if loss is None else loss
    if not (callable(getattr(loss, "forward", None)) and callable(getattr(loss, "backward", None))):
        raise TypeError(f"loss must be None or a loss with forward() and backward(), got {type(loss).__name__}")
    x = _check_batch(x)
    loss.forward(model.forward(x), labels)
    dx = model.backward(loss.backward())
    return _compare(model, x, lambda: loss.forward(model.forward(x), labels), dx, eps, max_coords, seed, tol)
