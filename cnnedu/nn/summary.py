"""summary(): a table of a model's layers, output shapes and parameter counts."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..checks import check_bool, check_int
from .module import Module

__all__ = ["SummaryRow", "summary"]


class SummaryRow(NamedTuple):
    name: str  # the layer's name in the Sequential, e.g. 'C1'
    output_shape: tuple  # one sample's output, without the batch axis, e.g. (6, 28, 28)
    params: int  # number of trainable numbers in the layer


def summary(model: Module, input_shape, print_table=True) -> list[SummaryRow]:
    """Push one zero sample through ``model`` and tabulate every layer.

    ``input_shape`` is ONE sample's shape, without the batch axis, e.g.
    ``(1, 28, 28)``. Prints the table (unless ``print_table=False``) and
    returns its rows. In a notebook, assign the result (``rows = summary(...)``)
    to show only the table.
    """
    if not isinstance(model, Module):
        raise TypeError(f"model must be a cnnedu.nn layer or Sequential, got {type(model).__name__} {model!r}")
    if not isinstance(input_shape, (tuple, list)) or not input_shape:
        raise TypeError(
            f"input_shape must be one sample's shape as a tuple of ints, e.g. (1, 28, 28), got {input_shape!r}"
        )
    input_shape = tuple(check_int(v, "input_shape", 1) for v in input_shape)
    check_bool(print_table, "print_table")
    named = model.named_layers() if hasattr(model, "named_layers") else [(type(model).__name__, model)]
    x = np.zeros((1, *input_shape), dtype=model.dtype or np.float32)
    rows = []
    for name, layer in named:
        x = layer.forward(x)
        rows.append(SummaryRow(name, tuple(x.shape[1:]), layer.num_parameters()))
    if print_table:
        print(format_summary(rows, [layer for _, layer in named], input_shape))
    return rows


def format_summary(rows, layers, input_shape) -> str:
    """The table printed by :func:`summary`."""
    header = ("layer", "type", "output shape", "params")
    body = [("input", "", str(input_shape), "")]
    body += [(r.name, repr(layer), str(r.output_shape), f"{r.params:,}") for r, layer in zip(rows, layers)]
    total = sum(r.params for r in rows)
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(4)]

    def fmt(line):
        return "  ".join(
            cell.rjust(w) if i == 3 else cell.ljust(w) for i, (cell, w) in enumerate(zip(line, widths))
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(header), rule, *map(fmt, body), rule, f"total parameters: {total:,}"])
