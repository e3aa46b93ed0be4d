"""Checkers for the exercises of notebook 06 (Sobel edges and colour).

Every expected answer is computed here with :mod:`cnnedu`, never typed in.
"""

from __future__ import annotations

import numpy as np

from ..conv import conv2d
from ..filters import SOBEL_X, SOBEL_Y
from ..shapes import conv_output_size
from .feedback import Feedback, check_function, check_value, is_unanswered

__all__ = [
    "exercise_1",
    "exercise_2",
    "PHOTO_SHAPE",
    "exercise_3",
    "given_patch",
    "exercise_4",
]


def exercise_1(answer) -> Feedback:
    """Which Sobel kernel responds to HORIZONTAL edges?

    Answer the name ``'SOBEL_X'`` or ``'SOBEL_Y'``, or the kernel itself.
    """
    what = "the name 'SOBEL_X' or 'SOBEL_Y' (a string), or the kernel itself"
    if is_unanswered(answer):
        return Feedback(None, f"replace the placeholder with {what}, then run this cell again.")
    hint = (
        "a horizontal edge separates a top part from a bottom part: the brightness changes as "
        "you move DOWN the image, i.e. along y."
    )
    why = (
        "SOBEL_Y differentiates along y (top to bottom), so it responds where the brightness "
        "changes from one row to the next: at horizontal edges. (Its negative, the notes' "
        "'vertical_filter', finds the same edges with the opposite sign.)"
    )
    if isinstance(answer, str):
        name = answer.strip().removeprefix("cnnedu.").upper()
        if name not in ("SOBEL_X", "SOBEL_Y"):
            return Feedback(False, f"{answer!r} is not one of 'SOBEL_X', 'SOBEL_Y'. Hint: {hint}")
        return (
            Feedback(True, why)
            if name == "SOBEL_Y"
            else Feedback(False, f"{answer!r} is not it. Hint: {hint}")
        )
    try:
        kernel = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return Feedback(
            False, f"expected a string or a 3x3 kernel, got {type(answer).__name__}. Hint: {hint}"
        )
    if kernel.shape != (3, 3):
        return Feedback(False, f"a Sobel kernel is 3x3, got shape {kernel.shape}. Hint: {hint}")
    if np.allclose(kernel, SOBEL_Y) or np.allclose(kernel, -SOBEL_Y):
        return Feedback(True, why)
    return Feedback(False, f"this kernel is not it. Hint: {hint}")


PHOTO_SHAPE = (1, 3, 440, 440)  # the photo in NCHW: photo.transpose(2, 0, 1)[None]


def exercise_2(answer) -> Feedback:
    """The output shape of ``conv2d`` on the photo (1, 3, 440, 440) with 8 filters of 3x3x3.

    Stride 2, no padding. Answer a tuple (N, F, OH, OW).
    """
    n, c, h, w = PHOTO_SHAPE
    filters, k, stride = 8, 3, 2
    expected = (n, filters, conv_output_size(h, k, stride), conv_output_size(w, k, stride))
    return check_value(
        answer,
        expected,
        what="a tuple (N, F, OH, OW)",
        hint="the batch stays 1; one output channel per FILTER (the 3 colour channels are summed "
        "inside each filter); each side is (440 - 3) // 2 + 1.",
        why=f"{expected}: each filter sums over all 3 colour channels and gives ONE map, "
        f"so 8 filters give 8 channels; (440 - 3) // 2 + 1 = {expected[2]}.",
    )


def given_patch() -> np.ndarray:
    """The 3x3 grayscale patch of exercise 3 (dark above, bright below and on the right)."""
    return np.array([[50, 50, 50], [50, 50, 150], [150, 150, 150]], dtype=np.float64)


def exercise_3(answer) -> Feedback:
    """The Sobel gradient magnitude sqrt(gx**2 + gy**2) at the centre of :func:`given_patch`."""
    patch = given_patch()[None, None]
    kernels = np.stack([SOBEL_X, SOBEL_Y])[:, None].astype(np.float64)  # (2, 1, 3, 3)
    gx, gy = conv2d(patch, kernels)[0, :, 0, 0]
    expected = float(np.hypot(gx, gy))
    return check_value(
        answer,
        expected,
        tol=0.01,
        what="a number: the gradient magnitude at the centre",
        hint="gx = np.sum(SOBEL_X * patch), gy = np.sum(SOBEL_Y * patch) (no flipping: "
        "cross-correlation), then combine them with sqrt(gx**2 + gy**2), not |gx| + |gy|.",
        why=f"gx = {gx:g} (brighter to the right), gy = {gy:g} (brighter downwards), and "
        f"sqrt(gx**2 + gy**2) = {expected:.2f}.",
    )


def _conv_cases():
    rng = np.random.default_rng(6)
    return [
        (
            rng.integers(0, 256, (6, 7, 3)).astype(np.uint8),
            rng.standard_normal((3, 3, 3)),
        ),  # a uint8 photo crop
        (rng.standard_normal((5, 5, 3)), np.ones((3, 3, 3))),  # channels weighted alike
        (
            rng.standard_normal((6, 8, 2)),
            rng.standard_normal((2, 3, 2)),
        ),  # 2 channels, a 2x3 kernel
        (rng.random((4, 4, 1)), rng.random((2, 2, 1))),  # one channel: plain 2D correlation
    ]


def _reference_conv(image, kernel):
    x = np.asarray(image, dtype=np.float64).transpose(2, 0, 1)[None]  # HWC -> NCHW
    w = np.asarray(kernel, dtype=np.float64).transpose(2, 0, 1)[
        None
    ]  # (KH, KW, C) -> (1, C, KH, KW)
    return conv2d(x, w)[0, 0]


def exercise_4(func) -> Feedback:
    """One multi-channel filter over an image: ``func(image (H, W, C), kernel (KH, KW, C))``.

    Returns ONE map of shape (H - KH + 1, W - KW + 1): at each position, the sum
    over all channels of window * kernel (no padding, stride 1, no flip).
    """
    return check_function(
        func,
        _reference_conv,
        _conv_cases(),
        what="a function my_conv_channels(image, kernel) returning one (H-KH+1, W-KW+1) map",
        hint="for output pixel (i, j) take the whole window image[i:i+KH, j:j+KW, :] "
        "(all channels), multiply by the kernel (KH, KW, C) element by element and sum "
        "everything; use KH and KW separately (the kernel need not be square) and compute in "
        "float, not uint8.",
        why="every channel has its own 3x3 slice of the filter, and the channels are summed into "
        "ONE feature map: exactly cnnedu.conv2d with x = image.transpose(2, 0, 1)[None].",
    )
