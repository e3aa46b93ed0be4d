"""LeNet-5 (LeCun et al., 1998), the network that started it all, in cnnedu.nn layers.

Layer names follow the paper: C = convolution, S = subsampling (pooling),
F = fully connected. With a 28x28 MNIST digit padded by 2 (the paper fed
32x32 images), the shapes are::

    input (1, 28, 28) -> C1 (6, 28, 28) -> S2 (6, 14, 14) -> C3 (16, 10, 10)
    -> S4 (16, 5, 5) -> C5 (120, 1, 1) -> F6 (84) -> output (10)

Simplifications compared with the paper (as in most modern re-implementations):

* S2 and S4 are plain max or average pooling. The paper's subsampling
  layers also had a trainable coefficient and bias per map (12 + 32 more
  parameters), followed by a squashing function.
* C3 sees all 6 maps of S2. The paper connected each of its 16 maps to
  only some of them (a hand-made table with 60 connections: 1,516
  parameters instead of 2,416) to break symmetry and save computation.
* The output is a Linear layer trained with softmax cross-entropy, not
  the paper's Euclidean RBF units; the activation is ReLU by default
  (the paper used a scaled tanh, 1.7159 tanh(2x/3)).

With full connections: 156 + 2,416 + 48,120 + 10,164 + 850 = 61,706 parameters.
"""

from __future__ import annotations

from . import nn
from .nn.init import as_rng

__all__ = ["lenet5", "ACTIVATIONS", "POOLS"]

ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}
POOLS = {"max": nn.MaxPool2d, "avg": nn.AvgPool2d}


def _choose(value, options: dict, name: str):
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} must be one of {sorted(options)}, got {value!r}")
    return options[value]


def lenet5(activation="relu", pool="max", rng=None) -> nn.Sequential:
    """LeNet-5 for 1x28x28 images and 10 classes, as a Sequential with the paper's layer names.

    x: (N, 1, 28, 28) -> logits (N, 10). ``activation``: 'relu', 'tanh' or
    'sigmoid'; ``pool``: 'max' or 'avg' ('tanh' + 'avg' is the 1998 flavour).
    ``rng``: None, an int seed or a np.random.Generator for the initial weights.
    """
    act = _choose(activation, ACTIVATIONS, "activation")
    pool_layer = _choose(pool, POOLS, "pool")
    rng = as_rng(rng)
    return nn.Sequential(
        {
            "C1": nn.Conv2d(1, 6, 5, padding=2, rng=rng),
            "act1": act(),
            "S2": pool_layer(2),
            "C3": nn.Conv2d(6, 16, 5, rng=rng),
            "act3": act(),
            "S4": pool_layer(2),
            "C5": nn.Conv2d(16, 120, 5, rng=rng),
            "act5": act(),
            "flatten": nn.Flatten(),
            "F6": nn.Linear(120, 84, rng=rng),
            "act6": act(),
            "output": nn.Linear(84, 10, rng=rng),
        }
    )
