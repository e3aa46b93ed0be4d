"""Random generators and PyTorch's default weight initialisation."""

from __future__ import annotations

import math
import numbers

import numpy as np

__all__ = ["as_rng", "default_uniform"]


def as_rng(rng) -> np.random.Generator:
    """Turn ``rng`` (None, an int seed or a Generator) into a ``np.random.Generator``.

    None gives fresh, unpredictable randomness; an int gives the same numbers
    every run, which is what a reproducible notebook wants.
    """
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool):
        if rng < 0:
            raise ValueError(f"rng as a seed must be an int >= 0, got {rng}")
        return np.random.default_rng(int(rng))
    raise TypeError(f"rng must be None, an int seed or a np.random.Generator, got {type(rng).__name__} {rng!r}")


def default_uniform(rng: np.random.Generator, shape, fan_in: int) -> np.ndarray:
    """U(-1/sqrt(fan_in), 1/sqrt(fan_in)) as float32: PyTorch's default for Conv2d and Linear.

    PyTorch calls it Kaiming-uniform with a = sqrt(5): the bound
    gain * sqrt(3 / fan_in) with gain = sqrt(2 / (1 + a**2)) simplifies to
    1 / sqrt(fan_in). The bias uses the same bound.
    """
    bound = 1.0 / math.sqrt(fan_in)
    return rng.uniform(-bound, bound, size=shape).astype(np.float32)
