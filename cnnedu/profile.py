"""Where does a training step's time go? Time one step of a model, layer by layer.

Usage (notebook 08 does exactly this)::

    from cnnedu.models import lenet5
    from cnnedu.profile import format_profile, plot_profile, profile_training_step

    model = lenet5(rng=0)
    rows = profile_training_step(model, x, y, repeats=5)   # x: (64, 1, 28, 28) float32, y: (64,) ints
    print(format_profile(rows))                            # a text table, slowest layers easy to spot
    fig = plot_profile(rows, title="LeNet-5, one training step, batch 64")

``rows`` is a list of dicts, one per layer in the model's order (``name`` is the
layer's name in the Sequential, e.g. ``'C1'``), then one for the loss and one
for the optimiser. Every row has the keys ``name``, ``kind`` ('layer', 'loss' or
'optimizer'), ``layer`` (its repr), ``forward_ms``, ``backward_ms``,
``update_ms`` (the optimiser's step, 0 for the other rows) and ``total_ms``,
each the MEDIAN over ``repeats`` timed steps, in milliseconds. The step is the
one :func:`cnnedu.train.fit` takes: forward through every layer, the loss and
its gradient, backward in reverse order (the first layer skips the input
gradient), then the optimiser's update. The default optimiser is a fresh
``SGD(model, lr=0.01, momentum=0.9)``; pass your own with ``optimizer=``. The
model's parameters are put back as they were afterwards, so profiling does not
train the model. Timings are wall-clock (``clock='wall'``): run it on a quiet
machine, and mark its output ``# NBVAL_IGNORE_OUTPUT`` in a notebook. On a
busy machine ``clock='cpu'`` counts CPU time instead (see
:func:`profile_training_step`).
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from .nn.loss import SoftmaxCrossEntropy
from .optim import SGD
from .shapes import check_int

__all__ = ["profile_training_step", "format_profile", "plot_profile", "PHASES", "CLOCKS"]

PHASES = ("forward_ms", "backward_ms", "update_ms")  # the parts of a row's total_ms


CLOCKS = {
    "wall": time.perf_counter,  # what you wait for
    "cpu": time.process_time,  # CPU time of every thread of this process: less disturbed by other programs
}


def _one_step(layers, loss, optimizer, x, y, now=time.perf_counter) -> list[list[float]]:
    """One training step, every part timed: [[forward_s, backward_s, update_s]] per row."""

    def _clock(fn, *args, **kwargs):
        start = now()
        result = fn(*args, **kwargs)
        return result, now() - start

    times = [[0.0, 0.0, 0.0] for _ in range(len(layers) + 2)]
    for i, layer in enumerate(layers):
        x, times[i][0] = _clock(layer.forward, x)
    _, times[-2][0] = _clock(loss.forward, x, y)
    grad, times[-2][1] = _clock(loss.backward)
    for i in range(len(layers) - 1, -1, -1):
        # As cnnedu.train.fit does it: the first layer's input gradient is never used.
        grad, times[i][1] = _clock(layers[i].backward, grad, need_input_grad=i > 0)
    _, times[-1][2] = _clock(optimizer.step)
    return times


def profile_training_step(model, x, y, *, loss=None, optimizer=None, repeats=5, warmup=1, clock="wall") -> list[dict]:
    """Time one training step of ``model`` on the batch ``(x, y)``, layer by layer.

    model: a :class:`cnnedu.nn.Sequential` (e.g. :func:`cnnedu.models.lenet5`);
    x: (N, ...) float inputs, y: (N,) int labels; ``loss`` defaults to
    :class:`~cnnedu.nn.loss.SoftmaxCrossEntropy`, ``optimizer`` to
    ``SGD(model, lr=0.01, momentum=0.9)``. ``warmup`` untimed steps, then
    ``repeats`` timed ones; every number is the median over the timed steps.
    ``clock``: 'wall' (elapsed time, the default) or 'cpu' (CPU time of the whole
    process, all threads: on a machine busy with other programs it counts only
    the work done, not the waiting; with several BLAS threads it also counts
    their idle spinning, so use it with one thread, e.g. OPENBLAS_NUM_THREADS=1).

    -> [{'name', 'kind', 'layer', 'forward_ms', 'backward_ms', 'update_ms', 'total_ms'}]:
    one row per layer in order, then 'loss', then 'optimizer' (see the module docstring).
    The model's parameters are restored afterwards (its gradients are not).
    """
    if not hasattr(model, "named_layers"):
        raise TypeError(f"model must be a cnnedu.nn.Sequential (it has named_layers()), got {type(model).__name__}")
    if clock not in CLOCKS:
        raise ValueError(f"clock must be one of {sorted(CLOCKS)}, got {clock!r}")
    now = CLOCKS[clock]
    repeats = check_int(repeats, "repeats", 1)
    warmup = check_int(warmup, "warmup", 0)
    names, layers = zip(*model.named_layers()) if len(model) else ((), ())
    if not layers:
        raise ValueError("model must have at least one layer")
    loss = SoftmaxCrossEntropy() if loss is None else loss
    saved = [p.copy() for p in model.parameters()]
    optimizer = SGD(model, lr=0.01, momentum=0.9) if optimizer is None else optimizer
    try:
        for _ in range(warmup):
            _one_step(layers, loss, optimizer, x, y, now)
        runs = [_one_step(layers, loss, optimizer, x, y, now) for _ in range(repeats)]
    finally:
        for p, before in zip(model.parameters(), saved):
            p[...] = before  # in place: the optimiser and the layers keep the same arrays
    labels = [
        *((name, "layer", repr(layer)) for name, layer in zip(names, layers)),
        ("loss", "loss", repr(loss)),
        ("optimizer", "optimizer", repr(optimizer)),
    ]
    rows = []
    for r, (name, kind, text) in enumerate(labels):
        row = {"name": name, "kind": kind, "layer": text}
        for p, phase in enumerate(PHASES):
            row[phase] = 1e3 * statistics.median(run[r][p] for run in runs)
        row["total_ms"] = sum(row[phase] for phase in PHASES)
        rows.append(row)
    return rows


def _check_rows(rows) -> list[dict]:
    if not (isinstance(rows, (list, tuple)) and rows and all(isinstance(r, dict) for r in rows)):
        raise TypeError("rows must be the non-empty list of dicts that profile_training_step returns")
    missing = {"name", *PHASES, "total_ms"} - set(rows[0])
    if missing:
        raise ValueError(f"rows lack the keys {sorted(missing)}; pass what profile_training_step returns")
    return list(rows)


def format_profile(rows) -> str:
    """The rows as a text table: ms per phase, and each row's share of the whole step."""
    rows = _check_rows(rows)
    total = sum(r["total_ms"] for r in rows)
    width = max(len("part"), *(len(r["name"]) for r in rows))
    lines = [f"{'part':<{width}}  forward ms  backward ms  update ms  total ms  share"]
    for r in rows:
        share = r["total_ms"] / total if total > 0 else 0.0
        lines.append(
            f"{r['name']:<{width}}  {r['forward_ms']:10.3f}  {r['backward_ms']:11.3f}  "
            f"{r['update_ms']:9.3f}  {r['total_ms']:8.3f}  {share:5.1%}"
        )
    lines.append(f"{'step':<{width}}  {'':10}  {'':11}  {'':9}  {total:8.3f}  100.0%")
    return "\n".join(lines)


def plot_profile(rows, title=None, ax=None):
    """Horizontal stacked bars, one per row: forward, backward and update milliseconds.

    The first layer is at the top, as in the model's repr; each bar is labelled
    with its total. Returns the matplotlib Figure.
    """
    import matplotlib.pyplot as plt

    rows = _check_rows(rows)
    if ax is None:
        fig, ax = plt.subplots(figsize=(7.5, 0.35 * len(rows) + 1.4))
    else:
        fig = ax.figure
    y = np.arange(len(rows))
    left = np.zeros(len(rows))
    colours = {"forward_ms": "tab:blue", "backward_ms": "tab:orange", "update_ms": "tab:green"}
    for phase in PHASES:
        widths = np.array([r[phase] for r in rows])
        if widths.any():
            ax.barh(y, widths, left=left, color=colours[phase], label=phase.removesuffix("_ms"))
        left += widths
    for yi, total in zip(y, left):
        ax.text(total, yi, f" {total:.2f}", va="center", fontsize=8)
    ax.set_yticks(y, [r["name"] for r in rows])
    ax.invert_yaxis()  # first layer on top
    ax.set_xlim(0, 1.15 * max(left.max(), 1e-9))
    ax.set_xlabel("milliseconds (median)")
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title(title or f"One training step: {left.sum():.1f} ms")
    fig.tight_layout()
    return fig
