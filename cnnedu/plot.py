"""Figures every notebook shares, so the whole series looks the same.

Each function draws one figure and returns it; notebooks end the cell with
``plt.show()``. Images are shown with a grey colour map, a title and a
colour bar, because a feature map without its scale says little.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np

from .checks import as_array

__all__ = [
    "show_images",
    "show_matrix",
    "show_matrices",
    "show_feature_maps",
    "show_kernels",
    "plot_curves",
    "plot_history",
    "plot_confusion_matrix",
    "plot_bars",
    "readable",
    "show_signed",
]


def _grid(n: int, ncols: int | None, cell: float = 2.6, figsize=None):
    ncols = min(n, ncols or n)
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=figsize or (cell * ncols, cell * nrows), squeeze=False)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, axes.flat[:n]


def _imshow(ax, image, title=None, cmap="gray", colorbar=True, vmin=None, vmax=None, extent=None):
    image = as_array(image, "image")
    if image.ndim == 3 and image.shape[-1] in (3, 4):  # an RGB photo: show its own colours
        im = ax.imshow(image, extent=extent)
        colorbar = False
    else:
        im = ax.imshow(image, cmap=cmap, vmin=vmin, vmax=vmax, extent=extent)
    if title:
        ax.set_title(title, fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])
    if colorbar:
        ax.figure.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
    return im


def show_images(images, titles=None, ncols=None, cmap="gray", colorbar=True, suptitle=None, figsize=None,
                vmin=None, vmax=None):
    """Draw images side by side. images: list of (H, W) or (H, W, 3) arrays."""
    images = list(images)
    titles = list(titles) if titles is not None else [None] * len(images)
    if len(titles) != len(images):
        raise ValueError(f"titles must have one entry per image ({len(images)}), got {len(titles)}")
    fig, axes = _grid(len(images), ncols, figsize=figsize)
    for ax, image, title in zip(axes, images, titles):
        _imshow(ax, image, title, cmap, colorbar, vmin, vmax)
    if suptitle:
        fig.suptitle(suptitle)
    fig.tight_layout()
    return fig


def _annotate(ax, a, fmt, vmin=None, vmax=None):
    # Dark text on light cells and light text on dark ones, judged on the colour scale in use.
    lo = float(np.min(a)) if vmin is None else float(vmin)
    hi = float(np.max(a)) if vmax is None else float(vmax)
    mid = (lo + hi) / 2
    for (i, j), v in np.ndenumerate(a):
        ax.text(j, i, format(v, fmt), ha="center", va="center", fontsize=9,
                color="black" if v > mid else "white")


def show_matrix(a, title=None, fmt="g", cmap="gray", ax=None, highlight=None, vmin=None, vmax=None):
    """Draw a small 2D array as a grid with its numbers written in the cells.

    ``highlight=(top, left, height, width)`` outlines a window in red.
    ``vmin``/``vmax`` fix the colour scale (e.g. to share it with other figures);
    by default it spans the array's own range.
    """
    a = as_array(a, "a")
    if a.ndim != 2:
        raise ValueError(f"a must be a 2D array, got shape {a.shape}")
    if ax is None:
        fig, ax = plt.subplots(figsize=(0.5 * a.shape[1] + 1.2, 0.5 * a.shape[0] + 1.0))
    ax.imshow(a, cmap=cmap, vmin=vmin, vmax=vmax)
    _annotate(ax, a, fmt, vmin, vmax)
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title, fontsize=10)
    if highlight is not None:
        top, left, h, w = highlight
        ax.add_patch(plt.Rectangle((left - 0.5, top - 0.5), w, h, fill=False, edgecolor="red", linewidth=2.5))
    return ax.figure


def show_matrices(arrays, titles=None, fmt="g", cmap="gray", suptitle=None):
    """Several small annotated matrices in one row (e.g. input, kernel, output)."""
    arrays = [as_array(a, f"arrays[{i}]") for i, a in enumerate(arrays)]
    titles = list(titles) if titles is not None else [None] * len(arrays)
    widths = [max(a.shape[1], 2) for a in arrays]
    height = max(a.shape[0] for a in arrays)
    fig, axes = plt.subplots(1, len(arrays), figsize=(0.55 * sum(widths) + 1.2 * len(arrays), 0.55 * height + 1.2),
                             gridspec_kw={"width_ratios": widths}, squeeze=False)
    for ax, a, title in zip(axes[0], arrays, titles):
        show_matrix(a, title, fmt, cmap, ax=ax)
    if suptitle:
        fig.suptitle(suptitle)
    fig.tight_layout()
    return fig


def show_feature_maps(maps, title=None, ncols=8, cmap="gray", colorbar=False, labels=None, cell=1.6, signed=False):
    """Draw every channel of a feature map. maps: (C, H, W) or (1, C, H, W).

    ``signed=True``: every map in the diverging ``RdBu_r`` map centred on 0 (blue negative, white 0,
    red positive) on ONE scale, +-max|value| over all maps, with one colour bar for the figure, so
    the maps can be compared with each other and 0 always means "no response".
    """
    maps = as_array(maps, "maps")
    if maps.ndim == 4 and maps.shape[0] == 1:
        maps = maps[0]
    if maps.ndim != 3:
        raise ValueError(f"maps must be (C, H, W) or (1, C, H, W), got shape {maps.shape}")
    labels = labels if labels is not None else [f"map {i}" for i in range(len(maps))]
    fig, axes = _grid(len(maps), ncols, cell=cell)
    if not signed:
        for ax, m, label in zip(axes, maps, labels):
            _imshow(ax, m, label, cmap, colorbar)
        if title:
            fig.suptitle(title)
        fig.tight_layout()
        return fig
    limit = float(np.abs(maps).max()) or 1.0
    for ax, m, label in zip(axes, maps, labels):
        im = _imshow(ax, m, label, "RdBu_r", False, -limit, limit)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    # one colour bar for all panels, added after tight_layout (which cannot place it)
    fig.colorbar(im, ax=list(axes), fraction=0.02, pad=0.01)
    return fig


def show_kernels(weight, title=None, ncols=8, annotate=None, cmap="gray"):
    """Draw convolution kernels. weight: (KH, KW), (F, KH, KW) or (F, C, KH, KW) (channel 0 is shown).

    Small kernels (up to 5x5) get their numbers written in the cells.
    """
    w = as_array(weight, "weight")
    if w.ndim == 2:
        w = w[None]
    if w.ndim == 4:
        w = w[:, 0]
    if w.ndim != 3:
        raise ValueError(f"weight must be (KH, KW), (F, KH, KW) or (F, C, KH, KW), got shape {np.shape(weight)}")
    annotate = max(w.shape[1:]) <= 5 if annotate is None else annotate
    fig, axes = _grid(len(w), ncols, cell=1.5)
    for i, (ax, k) in enumerate(zip(axes, w)):
        if annotate:
            show_matrix(np.round(k, 2), f"kernel {i}", cmap=cmap, ax=ax)
        else:
            _imshow(ax, k, f"kernel {i}", cmap, colorbar=False)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_curves(x, curves: dict, title=None, xlabel="x", ylabel=None, styles=None, ax=None):
    """Line plot of several named curves over the same x. curves: {label: y}."""
    if ax is None:
        fig, ax = plt.subplots(figsize=(6, 4))
    styles = styles or {}
    for label, y in curves.items():
        ax.plot(x, y, styles.get(label, "-"), label=label)
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.axvline(0, color="grey", linewidth=0.5)
    ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    ax.legend()
    ax.grid(alpha=0.3)
    return ax.figure


def plot_history(history):
    """Loss and accuracy per epoch from a :class:`cnnedu.train.History` (train and validation)."""
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 3.5))
    epochs = np.arange(1, len(history.train_loss) + 1)
    ax_loss.plot(epochs, history.train_loss, "o-", label="train")
    ax_acc.plot(epochs, history.train_acc, "o-", label="train")
    if history.val_loss:
        ax_loss.plot(epochs, history.val_loss, "s--", label="test")
        ax_acc.plot(epochs, history.val_acc, "s--", label="test")
    for ax, name in ((ax_loss, "loss"), (ax_acc, "accuracy")):
        ax.set_xlabel("epoch")
        ax.set_ylabel(name)
        ax.set_xticks(epochs)
        ax.grid(alpha=0.3)
        ax.legend()
    fig.tight_layout()
    return fig


def plot_confusion_matrix(cm, class_names=None, title="Confusion matrix (rows: true, columns: predicted)"):
    """Draw a (K, K) confusion matrix with the counts written in."""
    cm = as_array(cm, "cm")
    k = cm.shape[0]
    names = class_names if class_names is not None else [str(i) for i in range(k)]
    fig, ax = plt.subplots(figsize=(0.55 * k + 2, 0.55 * k + 1.5))
    ax.imshow(cm, cmap="Blues")
    for (i, j), v in np.ndenumerate(cm):
        ax.text(j, i, str(v), ha="center", va="center", fontsize=8,
                color="white" if v > cm.max() / 2 else "black")
    ax.set_xticks(range(k), names)
    ax.set_yticks(range(k), names)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return fig


def readable(value, sig: int = 3) -> str:
    """A number as a person writes it: ``sig`` significant figures, never an exponent.

    ``readable(1026.9) == "1,027"``, ``readable(290.4) == "290"``, ``readable(2.371) == "2.37"``,
    ``readable(0.01818) == "0.0182"`` (where ``"{:.2g}"`` would print ``"2.9e+02"``).
    """
    v = float(value)
    if v == 0 or not math.isfinite(v):
        return f"{v:g}"
    for _ in range(2):  # twice: rounding can carry into a new digit (99.96 -> 100)
        decimals = max(sig - 1 - math.floor(math.log10(abs(v))), 0)
        v = round(v, decimals)
    return f"{v:,.{decimals}f}"


def plot_bars(values: dict, title=None, ylabel=None, log=False, fmt="{:.3g}"):
    """Bar chart of named values with the value written on each bar. values: {label: number}.

    ``fmt``: a format string (``"{:,}"``) or a function from a number to its label
    (``plot.readable`` for speeds and timings that span several powers of ten).
    """
    fig, ax = plt.subplots(figsize=(1.4 * len(values) + 2, 3.5))
    labels, heights = list(values), list(values.values())
    bars = ax.bar(labels, heights, color="tab:blue")
    label = fmt if callable(fmt) else fmt.format
    for bar, h in zip(bars, heights):
        ax.text(bar.get_x() + bar.get_width() / 2, h, label(h), ha="center", va="bottom", fontsize=9)
    if log:
        ax.set_yscale("log")
    if ylabel:
        ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def show_signed(images, titles=None, ncols=None, cmap="RdBu_r", suptitle=None, figsize=None,
                limits=None, extents=None):
    """Draw filter responses, which are negative as well as positive, side by side.

    An image with negative values gets the diverging colour map ``cmap``
    centred on 0 (blue negative, white 0, red positive, limits +-max|value|,
    or ``limits[i]`` if given), so 0 means "no response" in every panel.
    An image with no negative values (the input, a magnitude) is drawn in gray.

    ``extents``: None, or one entry per image, None or (left, right, bottom, top)
    in the pixel coordinates of the first image (as in ``imshow``). Then every
    panel shows the same region, so images of different sizes are drawn at their
    true relative size and position (a 'valid' 30x30 output over the middle of its
    32x32 input: extent (0.5, 30.5, 30.5, 0.5)); uncovered parts are light grey.
    """
    images = [as_array(im, f"images[{i}]") for i, im in enumerate(images)]
    titles = list(titles) if titles is not None else [None] * len(images)
    limits = list(limits) if limits is not None else [None] * len(images)
    if extents is not None:
        extents = list(extents)
        if len(extents) != len(images):
            raise ValueError(f"extents needs one entry per image ({len(images)}), got {len(extents)}")
        h, w = images[0].shape[:2]
        extents = [(-0.5, w - 0.5, h - 0.5, -0.5) if e is None else tuple(e) for e in extents]
    if not len(titles) == len(limits) == len(images):
        raise ValueError(f"titles and limits need one entry per image ({len(images)})")
    fig, axes = _grid(len(images), ncols, cell=3.2, figsize=figsize)
    for k, (ax, image, title, limit) in enumerate(zip(axes, images, titles, limits)):
        extent = extents[k] if extents is not None else None
        if image.ndim == 2 and image.min() < 0:
            m = float(limit if limit is not None else np.abs(image).max()) or 1.0
            _imshow(ax, image, title, cmap, True, -m, m, extent=extent)
        else:
            _imshow(ax, image, title, "gray", True, extent=extent)
        if extents is not None:  # the same region in every panel: the first image's
            ax.set_facecolor("#d0d0d0")
            ax.set_xlim(extents[0][0], extents[0][1])
            ax.set_ylim(extents[0][2], extents[0][3])
    if suptitle:
        fig.suptitle(suptitle)
    fig.tight_layout()
    return fig

