"""Sequential: a network that applies its layers one after the other."""

from __future__ import annotations

import numbers

import numpy as np

from .module import Module

__all__ = ["Sequential"]


def _indent(text: str) -> str:
    return text.replace("\n", "\n  ")


def _leaves(name: str, layer: Module):
    """(path, layer) for ``layer`` and, inside a nested Sequential, every layer in it."""
    yield name, layer
    if isinstance(layer, Sequential):
        for sub_name, sub in zip(layer.names, layer.layers):
            yield from _leaves(f"{name}.{sub_name}", sub)


def _check_distinct(items) -> None:
    """Refuse the same layer object twice: its second forward would overwrite the input the
    first one cached for backward, and the gradients would be silently wrong."""
    seen = {}
    for name, layer in items:
        for path, leaf in _leaves(name, layer):
            if id(leaf) in seen:
                raise ValueError(
                    f"layer {path!r} is the same object as layer {seen[id(leaf)]!r}; a layer remembers "
                    "its last input for backward, so each position needs its own layer object "
                    f"(write {type(leaf).__name__}(...) again instead of reusing it)"
                )
            seen[id(leaf)] = path


class Sequential(Module):
    """Layers applied in order; backward runs them in reverse.

    ``Sequential(Conv2d(...), ReLU(), ...)`` names the layers '0', '1', ...;
    ``Sequential({'C1': Conv2d(...), 'act1': ReLU(), ...})`` gives your own names.
    Parameters are named ``'<layer>.<param>'``, e.g. ``'0.weight'`` or ``'C1.weight'``.

    ``model[0]`` and ``model['C1']`` give a layer, ``model[:4]`` a Sequential
    of the first four (the same layer objects, sharing their parameters).
    """

    def __init__(self, *layers):
        # Not Module.__init__: here params and grads are views of the layers' dicts.
        if len(layers) == 1 and isinstance(layers[0], dict):
            items = list(layers[0].items())
        else:
            items = [(str(i), layer) for i, layer in enumerate(layers)]
        for name, layer in items:
            if not isinstance(layer, Module):
                raise TypeError(f"every layer must be a cnnedu.nn Module, got {layer!r} for layer {name!r}")
            if not isinstance(name, str) or not name or "." in name:
                raise ValueError(f"layer names must be non-empty strings without '.', got {name!r}")
        names = [name for name, _ in items]
        if len(set(names)) != len(names):
            raise ValueError(f"layer names must be unique, got {names}")
        _check_distinct(items)
        self.names: list[str] = names
        self.layers: list[Module] = [layer for _, layer in items]

    # -- a list of layers ------------------------------------------------------

    def __len__(self) -> int:
        return len(self.layers)

    def __iter__(self):
        return iter(self.layers)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Sequential(dict(zip(self.names[index], self.layers[index])))
        if isinstance(index, str):
            if index not in self.names:
                raise KeyError(f"no layer named {index!r}; the layers are {self.names}")
            return self.layers[self.names.index(index)]
        if not isinstance(index, numbers.Integral) or isinstance(index, (bool, np.bool_)):
            raise TypeError(f"a Sequential is indexed by an int position, a layer name or a slice, got {index!r}")
        if not -len(self.layers) <= index < len(self.layers):
            raise IndexError(
                f"layer index {index} is out of range: this Sequential has {len(self.layers)} layers "
                f"(0..{len(self.layers) - 1}, or by name: {self.names})"
            )
        return self.layers[int(index)]

    def named_layers(self) -> list[tuple[str, Module]]:
        return list(zip(self.names, self.layers))

    # -- forward and backward --------------------------------------------------

    def forward(self, x):
        """x: whatever the first layer takes -> the last layer's output."""
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def trace(self, x) -> list[tuple[str, np.ndarray]]:
        """Run forward and keep every layer's output: [(name, output)], for drawing feature maps."""
        outputs = []
        for name, layer in zip(self.names, self.layers):
            x = layer.forward(x)
            outputs.append((name, x))
        return outputs

    def backward(self, grad_out, need_input_grad=True):
        """dL/d(output) -> dL/d(input); fills every layer's grads on the way.

        ``need_input_grad=False`` lets the first layer skip dL/d(input) (a
        training step never uses it) and returns None.
        """
        for layer in reversed(self.layers[1:]):
            grad_out = layer.backward(grad_out)
        if not self.layers:
            return grad_out if need_input_grad else None
        if need_input_grad:
            return self.layers[0].backward(grad_out)
        return self.layers[0].backward(grad_out, need_input_grad=False)

    # -- parameters ------------------------------------------------------------

    def named_parameters(self) -> list[tuple[str, np.ndarray]]:
        return [
            (f"{name}.{key}", p) for name, layer in zip(self.names, self.layers) for key, p in layer.named_parameters()
        ]

    @property
    def params(self) -> dict[str, np.ndarray]:
        """{'C1.weight': array, ...}: a new dict each time, holding the layers' own arrays."""
        return dict(self.named_parameters())

    @property
    def grads(self) -> dict[str, np.ndarray]:
        return {
            f"{name}.{key}": g
            for name, layer in zip(self.names, self.layers)
            for key, g in zip([k for k, _ in layer.named_parameters()], layer.gradients())
        }

    def gradients(self) -> list[np.ndarray]:
        return [g for layer in self.layers for g in layer.gradients()]

    def zero_grad(self) -> None:
        for layer in self.layers:
            layer.zero_grad()

    def to(self, dtype) -> Sequential:
        for layer in self.layers:
            layer.to(dtype)
        return self

    def summary(self, input_shape, print_table=True):
        """See :func:`cnnedu.nn.summary`."""
        from .summary import summary

        return summary(self, input_shape, print_table=print_table)

    def __repr__(self) -> str:
        lines = [f"  ({name}): {_indent(repr(layer))}" for name, layer in zip(self.names, self.layers)]
        return "Sequential(\n" + "\n".join(lines) + "\n)" if lines else "Sequential()"
