"""Motion and interaction: the sliding-window animation and the shape explorer.

Both are thin shells around plain functions (:func:`window_positions`,
:func:`draw_window_frame`, :func:`describe_conv_shape`, :func:`draw_conv_shape`)
that the tests call directly, so the notebooks' animated and interactive
cells can be ignored by nbval without leaving anything untested.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .conv import conv2d
from .im2col import geometry
from .shapes import effective_kernel

__all__ = [
    "window_positions",
    "draw_window_frame",
    "sliding_window_animation",
    "describe_conv_shape",
    "draw_conv_shape",
    "conv_shape_explorer",
]


# A light box behind each number keeps it readable on dark and light cells alike.
_LABEL_BOX = {"boxstyle": "round,pad=0.1", "facecolor": "white", "alpha": 0.7, "linewidth": 0}


def window_positions(in_hw, kernel_size, stride=1, padding=0, dilation=1):
    """Where each window sits in the padded input, in the order a convolution visits them.

    -> list of (out_row, out_col, top, left) with top/left in padded coordinates.
    """
    g = geometry(tuple(in_hw), kernel_size, stride, padding, dilation)
    (sh, sw), (oh, ow) = g.stride, g.out
    return [(i, j, i * sh, j * sw) for i in range(oh) for j in range(ow)]


def draw_window_frame(axes, image, kernel, step, stride=1, padding=0):
    """Draw step ``step`` of the sliding window: padded input with the window outlined,
    and the output filled in up to this step. ``axes``: two matplotlib axes."""
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    g = geometry(image.shape, kernel.shape, stride, padding)
    (top_pad, _), (left_pad, _) = g.pads
    padded = np.pad(image, g.pads)
    out = conv2d(image[None, None], kernel[None, None], stride=stride, padding=padding)[0, 0]
    positions = window_positions(image.shape, kernel.shape, stride, padding)
    i, j, top, left = positions[step]
    shown = np.full(out.shape, np.nan)
    for oi, oj, _, _ in positions[: step + 1]:
        shown[oi, oj] = out[oi, oj]
    ax_in, ax_out = axes
    for ax in axes:
        ax.clear()
        ax.set_xticks([])
        ax.set_yticks([])
    ax_in.imshow(padded, cmap="gray", vmin=min(padded.min(), 0), vmax=max(padded.max(), 1))
    for (r, c), v in np.ndenumerate(padded):
        is_pad = not (top_pad <= r < top_pad + image.shape[0] and left_pad <= c < left_pad + image.shape[1])
        ax_in.text(c, r, f"{v:g}", ha="center", va="center", fontsize=8, color="tab:orange" if is_pad else "tab:red",
                   bbox=_LABEL_BOX)
    kh, kw = kernel.shape
    ax_in.add_patch(plt.Rectangle((left - 0.5, top - 0.5), kw, kh, fill=False, edgecolor="tab:red", linewidth=3))
    ax_in.set_title(f"padded input (padding {g.pads[0][0]}), stride {g.stride[0]}", fontsize=9)
    ax_out.imshow(np.nan_to_num(shown, nan=0.0), cmap="gray", vmin=min(out.min(), 0), vmax=max(out.max(), 1))
    for (r, c), v in np.ndenumerate(shown):
        if not np.isnan(v):
            ax_out.text(c, r, f"{v:g}", ha="center", va="center", fontsize=8, color="tab:red", bbox=_LABEL_BOX)
    ax_out.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, edgecolor="tab:red", linewidth=3))
    ax_out.set_title(f"output {out.shape[0]}x{out.shape[1]}: step {step + 1}/{len(positions)}", fontsize=9)


def sliding_window_animation(image, kernel, stride=1, padding=0, interval=700):
    """A matplotlib FuncAnimation of the kernel sliding over the (padded) input.

    In a notebook: ``HTML(anim.to_jshtml())`` embeds it so it plays in the browser.
    """
    from matplotlib.animation import FuncAnimation

    image, kernel = np.asarray(image), np.asarray(kernel)
    n_steps = len(window_positions(image.shape, kernel.shape, stride, padding))
    fig, axes = plt.subplots(1, 2, figsize=(7, 3.4))
    anim = FuncAnimation(fig, lambda k: draw_window_frame(axes, image, kernel, k, stride, padding),
                         frames=n_steps, interval=interval)
    plt.close(fig)  # the animation carries the figure; don't also show a still
    return anim


def describe_conv_shape(size=7, kernel_size=3, stride=1, padding=0, dilation=1) -> str:
    """One line explaining the output size of a convolution along one axis (or why there is none)."""
    try:
        g = geometry((size, size), kernel_size, stride, padding, dilation)
    except ValueError as err:
        return f"no output: {err}"
    (before, after), out = g.pads[0], g.out[0]
    span = effective_kernel(kernel_size, dilation)
    return (f"input {size}, padding {before}+{after} -> padded {size + before + after}; "
            f"kernel {kernel_size} (dilation {dilation}) spans {span}; stride {stride} -> "
            f"output floor(({size + before + after} - {span}) / {stride}) + 1 = {out}")


def draw_conv_shape(size=7, kernel_size=3, stride=1, padding=0, dilation=1):
    """Draw the padded input grid with every window's top-left corner, and the output grid."""
    fig, (ax_in, ax_out) = plt.subplots(1, 2, figsize=(8, 3.6))
    text = describe_conv_shape(size, kernel_size, stride, padding, dilation)
    fig.suptitle(text, fontsize=8)
    if text.startswith("no output"):
        ax_in.set_axis_off()
        ax_out.set_axis_off()
        return fig
    g = geometry((size, size), kernel_size, stride, padding, dilation)
    (before, after) = g.pads[0]
    total = size + before + after
    grid = np.zeros((total, total))
    grid[before : before + size, before : before + size] = 1
    ax_in.imshow(grid, cmap="Greys", vmin=0, vmax=2)
    starts = [i * stride for i in range(g.out[0])]
    for r in starts:
        for c in starts:
            ax_in.plot(c, r, "o", color="tab:red", markersize=4)
    span = effective_kernel(kernel_size, dilation)
    ax_in.add_patch(plt.Rectangle((-0.5, -0.5), span, span, fill=False, edgecolor="tab:red", linewidth=2))
    ax_in.set_title(f"padded input {total}x{total} (grey = padding)\ndots: window corners", fontsize=9)
    ax_out.imshow(np.ones(g.out), cmap="Blues", vmin=0, vmax=2)
    ax_out.set_title(f"output {g.out[0]}x{g.out[1]}", fontsize=9)
    for ax in (ax_in, ax_out):
        ax.set_xticks([])
        ax.set_yticks([])
    return fig


def conv_shape_explorer():
    """Sliders for size, kernel, stride, padding and dilation that redraw :func:`draw_conv_shape`."""
    import ipywidgets as widgets

    def show(size, kernel_size, stride, padding, dilation):
        draw_conv_shape(size, kernel_size, stride, padding, dilation)
        plt.show()

    return widgets.interactive(
        show,
        size=widgets.IntSlider(value=7, min=1, max=16, description="input size"),
        kernel_size=widgets.IntSlider(value=3, min=1, max=7, description="kernel"),
        stride=widgets.IntSlider(value=1, min=1, max=4, description="stride"),
        padding=widgets.Dropdown(options=[0, 1, 2, 3, "valid", "same"], value=0, description="padding"),
        dilation=widgets.IntSlider(value=1, min=1, max=3, description="dilation"),
    )
