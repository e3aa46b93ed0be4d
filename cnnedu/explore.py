"""Motion and interaction: the sliding-window animation and the shape explorer.

Both are thin shells around plain functions (:func:`window_positions`,
:func:`draw_window_frame`, :func:`describe_conv_shape`, :func:`draw_conv_shape`)
that the tests call directly, so the notebooks' animated and interactive
cells can be ignored by nbval without leaving anything untested.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .checks import as_array, as_float_array
from .conv import conv2d
from .im2col import geometry
from .shapes import effective_kernel

__all__ = [
    "window_positions",
    "draw_window_frame",
    "sliding_window_animation",
    "sliding_window_gif",
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


# Colours of the sliding-window pictures: padding zeros sit on light orange, cells of the output
# not computed yet are white with a grey hatch (never black, which would read as a value).
_PAD_FACE = "#ffe0b2"
_PAD_TEXT = "#e65100"
_TODO_HATCH = "#b0bec5"


def _cell_patch(ax, r, c, **style):
    ax.add_patch(plt.Rectangle((c - 0.5, r - 0.5), 1, 1, **style))


def draw_window_frame(axes, image, kernel, step, stride=1, padding=0, fontsize=10):
    """Draw step ``step`` of the sliding window on two matplotlib axes.

    Left: the padded input, the window outlined, padding zeros on light orange (so they are not
    mistaken for zeros of the image). Right: the output, filled in up to this step on ONE colour
    scale for every step (that of the finished output); cells still to come are hatched white.
    """
    image = as_float_array(image, "image").astype(np.float64)
    kernel = as_float_array(kernel, "kernel").astype(np.float64)
    g = geometry(image.shape, kernel.shape, stride, padding)
    (top_pad, _), (left_pad, _) = g.pads
    padded = np.pad(image, g.pads)
    out = conv2d(image[None, None], kernel[None, None], stride=stride, padding=padding)[0, 0]
    positions = window_positions(image.shape, kernel.shape, stride, padding)
    i, j, top, left = positions[step]
    done = np.zeros(out.shape, dtype=bool)
    for oi, oj, _, _ in positions[: step + 1]:
        done[oi, oj] = True
    ax_in, ax_out = axes
    for ax in axes:
        ax.clear()
        ax.set_xticks([])
        ax.set_yticks([])
    lo_in, hi_in = min(float(image.min()), 0.0), max(float(image.max()), 1.0)
    ax_in.imshow(padded, cmap="gray", vmin=lo_in - 0.25 * (hi_in - lo_in), vmax=hi_in)
    for (r, c), v in np.ndenumerate(padded):
        is_pad = not (top_pad <= r < top_pad + image.shape[0] and left_pad <= c < left_pad + image.shape[1])
        if is_pad:
            _cell_patch(ax_in, r, c, facecolor=_PAD_FACE, edgecolor="white", linewidth=1)
        ax_in.text(
            c,
            r,
            f"{v:g}",
            ha="center",
            va="center",
            fontsize=fontsize,
            color=_PAD_TEXT if is_pad else "tab:red",
            style="italic" if is_pad else "normal",
            bbox=None if is_pad else _LABEL_BOX,
        )
    kh, kw = kernel.shape
    ax_in.add_patch(plt.Rectangle((left - 0.5, top - 0.5), kw, kh, fill=False, edgecolor="tab:red", linewidth=3))
    pad_note = f"padding {g.pads[0][0]} (orange zeros)" if g.is_padded else "no padding"
    ax_in.set_title(f"input, {pad_note}, stride {g.stride[0]}", fontsize=fontsize)
    lo, hi = min(float(out.min()), 0.0), max(float(out.max()), 1.0)
    ax_out.imshow(np.ma.masked_array(out, ~done), cmap="gray", vmin=lo - 0.25 * (hi - lo), vmax=hi)
    for (r, c), v in np.ndenumerate(out):
        if done[r, c]:
            ax_out.text(c, r, f"{v:g}", ha="center", va="center", fontsize=fontsize, color="tab:red", bbox=_LABEL_BOX)
        else:
            _cell_patch(ax_out, r, c, facecolor="white", edgecolor=_TODO_HATCH, hatch="//", linewidth=0.5)
    ax_out.set_xlim(-0.5, out.shape[1] - 0.5)
    ax_out.set_ylim(out.shape[0] - 0.5, -0.5)
    ax_out.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, edgecolor="tab:red", linewidth=3))
    ax_out.set_title(f"output {out.shape[0]}x{out.shape[1]}: step {step + 1}/{len(positions)}", fontsize=fontsize)


def sliding_window_animation(image, kernel, stride=1, padding=0, interval=700):
    """A matplotlib FuncAnimation of the kernel sliding over the (padded) input.

    In a notebook: ``HTML(anim.to_jshtml())`` embeds it as a player (which needs JavaScript, so it
    shows only after the cell has run); :func:`sliding_window_gif` needs none.
    """
    from matplotlib.animation import FuncAnimation

    image, kernel = as_array(image, "image"), as_array(kernel, "kernel")
    n_steps = len(window_positions(image.shape, kernel.shape, stride, padding))
    fig, axes = plt.subplots(1, 2, figsize=(7, 3.4))
    anim = FuncAnimation(
        fig, lambda k: draw_window_frame(axes, image, kernel, k, stride, padding), frames=n_steps, interval=interval
    )
    plt.close(fig)  # the animation carries the figure; don't also show a still
    return anim


def sliding_window_gif(image, kernel, stride=1, padding=0, interval=900, dpi=100) -> bytes:
    """The sliding window as an animated GIF (the bytes of the file), one frame per window.

    A GIF plays in JupyterLab without JavaScript, so it already moves when a student opens the
    notebook, before running anything: ``IPython.display.Image(data=gif, format="gif")``.
    """
    import io

    from PIL import Image

    image, kernel = as_array(image, "image"), as_array(kernel, "kernel")
    n_steps = len(window_positions(image.shape, kernel.shape, stride, padding))
    fig, axes = plt.subplots(1, 2, figsize=(7, 3.6))
    frames = []
    try:
        for k in range(n_steps):
            draw_window_frame(axes, image, kernel, k, stride, padding, fontsize=11)
            fig.tight_layout()
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=dpi)
            buf.seek(0)
            frames.append(Image.open(buf).convert("RGB"))
    finally:
        plt.close(fig)
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], duration=interval, loop=0)
    return out.getvalue()


def describe_conv_shape(size=7, kernel_size=3, stride=1, padding=0, dilation=1) -> str:
    """One line explaining the output size of a convolution along one axis (or why there is none)."""
    try:
        g = geometry((size, size), kernel_size, stride, padding, dilation)
    except ValueError as err:
        return f"no output: {err}"
    (before, after), out = g.pads[0], g.out[0]
    span = effective_kernel(kernel_size, dilation)
    return (
        f"input {size}, padding {before}+{after} -> padded {size + before + after}; "
        f"kernel {kernel_size} (dilation {dilation}) spans {span}; stride {stride} -> "
        f"output floor(({size + before + after} - {span}) / {stride}) + 1 = {out}"
    )


def draw_conv_shape(size=7, kernel_size=3, stride=1, padding=0, dilation=1):
    """Draw the padded input grid (grey = input, white = padding zeros) with a dot where each
    window starts and the first window outlined, and the output grid, one square per output pixel."""
    fig, (ax_in, ax_out) = plt.subplots(1, 2, figsize=(8, 4.6))
    text = describe_conv_shape(size, kernel_size, stride, padding, dilation)
    fig.suptitle(text.replace("; stride", ";\nstride"), fontsize=10)
    if text.startswith("no output"):
        ax_in.set_axis_off()
        ax_out.set_axis_off()
        return fig
    g = geometry((size, size), kernel_size, stride, padding, dilation)
    (before, after) = g.pads[0]
    total = size + before + after
    grid = np.zeros((total, total))
    grid[before : before + size, before : before + size] = 1
    ax_in.imshow(grid, cmap="Greys", vmin=0, vmax=2.5)
    starts = [i * stride for i in range(g.out[0])]
    for r in starts:
        for c in starts:
            ax_in.plot(c, r, "o", color="tab:red", markersize=4)
    span = effective_kernel(kernel_size, dilation)
    ax_in.add_patch(plt.Rectangle((-0.5, -0.5), span, span, fill=False, edgecolor="tab:red", linewidth=2))
    ax_in.set_title(
        f"padded input {total}x{total}\ngrey: input, white: padding zeros\ndots: where windows start", fontsize=9
    )
    oh, ow = g.out
    ax_out.imshow(np.ones(g.out), cmap="Blues", vmin=0, vmax=3)
    ax_out.set_title(f"output {oh}x{ow}\none square per output pixel", fontsize=9)
    for ax, (h, w) in ((ax_in, (total, total)), (ax_out, g.out)):
        ax.set_xticks(np.arange(-0.5, w, 1), minor=True)
        ax.set_yticks(np.arange(-0.5, h, 1), minor=True)
        ax.grid(which="minor", color="#607d8b", linewidth=0.8)
        ax.tick_params(which="both", length=0)
        ax.set_xticks([])
        ax.set_yticks([])
    # keep the output squares the size of the input squares, so the shrinking is visible
    ax_out.set_xlim(-0.5, max(ow, total) - 0.5)
    ax_out.set_ylim(max(oh, total) - 0.5, -0.5)
    ax_out.set_axis_off()
    for r in range(oh + 1):
        ax_out.plot([-0.5, ow - 0.5], [r - 0.5, r - 0.5], color="#1565c0", linewidth=1)
    for c in range(ow + 1):
        ax_out.plot([c - 0.5, c - 0.5], [-0.5, oh - 0.5], color="#1565c0", linewidth=1)
    fig.tight_layout(rect=(0, 0, 1, 0.86))
    return fig


def conv_shape_explorer():
    """Sliders for size, kernel, stride, padding and dilation that redraw :func:`draw_conv_shape`."""
    import ipywidgets as widgets

    class ShapeExplorer(widgets.interactive):
        # What a notebook shows before its cell has run (the sliders need a live kernel).
        def __repr__(self):
            return "Shape explorer: run this cell to get the sliders."

    def show(size, kernel_size, stride, padding, dilation):
        draw_conv_shape(size, kernel_size, stride, padding, dilation)
        plt.show()

    return ShapeExplorer(
        show,
        size=widgets.IntSlider(value=7, min=1, max=16, description="input size"),
        kernel_size=widgets.IntSlider(value=3, min=1, max=7, description="kernel"),
        stride=widgets.IntSlider(value=1, min=1, max=4, description="stride"),
        padding=widgets.Dropdown(options=[0, 1, 2, 3, "valid", "same"], value=0, description="padding"),
        dilation=widgets.IntSlider(value=1, min=1, max=3, description="dilation"),
    )
