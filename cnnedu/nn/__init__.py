"""Layers with forward and backward passes, and the loss that trains them.

Every layer has ``forward(x)``, ``backward(grad_out) -> grad_in``,
``params`` / ``grads`` dicts with the same keys (``'weight'``, ``'bias'``,
in PyTorch's layouts) and ``parameters()`` / ``gradients()`` lists for the
optimisers in :mod:`cnnedu.optim`. Parameters are float32; ``layer.to(np.float64)``
converts them for gradient checks.
"""

from .activation import LeakyReLU, ReLU, Sigmoid, Tanh
from .conv import Conv2d
from .flatten import Flatten
from .linear import Linear
from .loss import SoftmaxCrossEntropy
from .module import Module
from .pooling import AvgPool2d, GlobalAvgPool2d, MaxPool2d
from .sequential import Sequential
from .summary import SummaryRow, summary

__all__ = [
    "Module",
    "Conv2d",
    "Linear",
    "MaxPool2d",
    "AvgPool2d",
    "GlobalAvgPool2d",
    "ReLU",
    "LeakyReLU",
    "Sigmoid",
    "Tanh",
    "Flatten",
    "Sequential",
    "SoftmaxCrossEntropy",
    "summary",
    "SummaryRow",
]
