"""SoftmaxCrossEntropy: the classification loss, fused with softmax for a stable gradient."""

from __future__ import annotations

import numpy as np

from ..activations import log_softmax
from ..checks import as_array, as_float_array, check_ndim

__all__ = ["SoftmaxCrossEntropy", "check_labels"]


def check_labels(labels, n: int | None, num_classes: int, name: str = "labels") -> np.ndarray:
    """Return ``labels`` as an int array (N,) after checking dtype, shape and range.

    ``n=None`` accepts any length.
    """
    labels = as_array(labels, name)
    if labels.dtype.kind not in "iu":
        raise TypeError(f"{name} must be an integer array of class indices, got dtype {labels.dtype}")
    if labels.ndim != 1 or (n is not None and len(labels) != n):
        expected = "(N,)" if n is None else f"(N,) = ({n},)"
        raise ValueError(f"{name} must have shape {expected}, one class index per sample, got {labels.shape}")
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError(
            f"{name} must be class indices in 0..{num_classes - 1} ({num_classes} classes), "
            f"got values from {labels.min()} to {labels.max()}"
        )
    return labels


class SoftmaxCrossEntropy:
    """Mean cross-entropy of softmax(logits) against integer labels.

    forward(logits: (N, K), labels: (N,) ints in 0..K-1) -> mean loss (a Python float)
    backward() -> dL/dlogits: (N, K) = (softmax(logits) - onehot(labels)) / N

    Computing log(softmax) in one step (log_softmax) never takes the log of a
    number that underflowed to 0, so the loss is finite even for logits of 1e4.
    """

    def __init__(self):
        self._cache = None

    def __call__(self, logits, labels) -> float:
        return self.forward(logits, labels)

    def forward(self, logits, labels) -> float:
        logits = as_float_array(logits, "logits")
        check_ndim(logits, 2, "logits", "(N, K)")
        n, k = logits.shape
        if n == 0:
            raise ValueError("logits must hold at least one sample, got shape (0, K)")
        labels = check_labels(labels, n, k)
        log_p = log_softmax(logits, axis=1)
        self._cache = (log_p, labels)
        return float(-log_p[np.arange(n), labels].mean())

    def backward(self) -> np.ndarray:
        if self._cache is None:
            raise RuntimeError("SoftmaxCrossEntropy.backward: call forward first")
        log_p, labels = self._cache
        n = log_p.shape[0]
        grad = np.exp(log_p)  # softmax, recovered from what forward kept
        grad[np.arange(n), labels] -= 1
        grad /= n
        return grad

    def __repr__(self) -> str:
        return "SoftmaxCrossEntropy()"
