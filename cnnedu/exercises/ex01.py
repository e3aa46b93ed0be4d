"""Checkers for the exercises of notebook 01 (convolution).

Every expected answer is computed here with cnnedu from the numbers in the
question, never typed in, so a checker cannot disagree with the package.
"""

from __future__ import annotations

import numpy as np

from ..conv import conv2d
from ..shapes import conv_output_size
from .feedback import Feedback, as_int_tuple, check_function, check_value, is_unanswered, matches

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5"]

# Exercise 2: a layer with C input channels, F filters of K x K, with bias.
EX2_C, EX2_F, EX2_K = 3, 6, 5
# Exercise 4: a batch of N colour images of S x S through F filters of K x K.
EX4_N, EX4_C, EX4_S, EX4_F, EX4_K = 15, 3, 440, 10, 3


def exercise_1(answer) -> Feedback:
    """A 7x7 input, a 3x3 filter, stride 1, no padding: how many rows (= columns) has the output?

    answer: one int.
    """
    expected = conv_output_size(7, 3)
    return check_value(
        answer,
        expected,
        what="the output size as one int (the output is square)",
        hint="count the positions where a 3-wide window fits inside 7 pixels: the first starts at "
        "index 0, the last must end at index 6.",
        why=f"a window of f = 3 fits at n - f + 1 = 7 - 3 + 1 = {expected} positions "
        "along each axis.",
    )


def exercise_2(answer) -> Feedback:
    """How many trainable numbers has a conv layer with 3 input channels and 6 filters of 5x5,
    each with a bias?

    answer: one int.
    """
    weights = np.zeros((EX2_F, EX2_C, EX2_K, EX2_K)).size  # the (F, C, KH, KW) tensor
    expected = weights + EX2_F  # one bias per filter
    if is_unanswered(answer):
        return check_value(
            answer, expected, what="the number of parameters as one int", hint="", why=""
        )
    if matches(answer, weights):
        return Feedback(
            False, f"{answer!r} counts the weights only. Hint: each filter also has one bias."
        )
    if matches(answer, EX2_F * EX2_K * EX2_K + EX2_F):
        return Feedback(
            False,
            f"{answer!r} is not it. Hint: a filter has as many channels as its "
            f"input ({EX2_C} here), so one filter is 5x5x{EX2_C}.",
        )
    return check_value(
        answer,
        expected,
        what="the number of parameters as one int",
        hint="the weight tensor has shape (F, C, KH, KW); add one bias per filter.",
        why=f"F*C*K*K + F = {EX2_F}*{EX2_C}*{EX2_K}*{EX2_K} + {EX2_F} = {expected}, "
        "whatever the size of the image.",
    )


def _reference_multichannel(x, w):
    return conv2d(np.asarray(x, dtype=np.float64)[None], np.asarray(w, dtype=np.float64)[None])[
        0, 0
    ]


def _cases_multichannel():
    rng = np.random.default_rng(1)
    return [
        (rng.integers(0, 3, (1, 5, 5)).astype(float), rng.integers(-1, 2, (1, 3, 3)).astype(float)),
        (rng.standard_normal((3, 6, 7)), rng.standard_normal((3, 3, 3))),
        (rng.standard_normal((2, 5, 6)), rng.standard_normal((2, 2, 3))),  # non-square kernel
    ]


def exercise_3(func) -> Feedback:
    """Write ``conv_multichannel(x, w)``: x (C, H, W), w (C, KH, KW) -> one feature map
    of shape (H-KH+1, W-KW+1).

    One filter, stride 1, no padding, no flip: each output pixel is the sum over all
    channels and all window positions of window * w. Checked against ``cnnedu.conv2d``.
    """
    return check_function(
        func,
        _reference_multichannel,
        _cases_multichannel(),
        what="a function conv_multichannel(x, w) that returns an (OH, OW) array",
        hint="the window at (i, j) is x[:, i:i+KH, j:j+KW] (all channels at once); "
        "multiply it by w "
        "and sum everything. OH = H - KH + 1, OW = W - KW + 1 (non-square kernels are tested).",
        why="one filter spans all input channels and gives ONE feature map: the sum over channels "
        "of the per-channel 2D results.",
    )


def exercise_4(answer) -> Feedback:
    """Shape (N, F, OH, OW) of conv2d for a batch of 15 RGB 440x440 images (NCHW) and 10 filters
    of 3x3 (stride 1, no padding).

    answer: a tuple of four ints.
    """
    side = conv_output_size(EX4_S, EX4_K)
    expected = (EX4_N, EX4_F, side, side)
    if is_unanswered(answer):
        return check_value(answer, expected, what="a tuple (N, F, OH, OW)", hint="", why="")
    got = as_int_tuple(answer)
    if got is not None and len(got) == 4 and got[1] == EX4_C:
        return Feedback(
            False,
            f"{answer!r} is not it. Hint: the output has one channel per FILTER, "
            "not per input channel.",
        )
    if got is not None and len(got) == 4 and got[2] == EX4_S:
        return Feedback(
            False,
            f"{answer!r} is not it. Hint: without padding a 3x3 window does not fit "
            "at the last two positions of each row.",
        )
    return check_value(
        got if got is not None else answer,
        expected,
        what="a tuple (N, F, OH, OW)",
        hint="batch first, then one channel per filter, then n - f + 1 along each spatial axis.",
        why=f"{EX4_N} images, {EX4_F} maps each, {EX4_S} - {EX4_K} + 1 = {side} pixels a side: "
        "the shape the lecture's Conv2D prints.",
    )


def _reference_batch(x, weight, bias):
    return conv2d(x, weight, bias)


def _cases_batch():
    rng = np.random.default_rng(2)
    return [
        (
            rng.standard_normal((2, 2, 5, 5)),
            rng.standard_normal((3, 2, 3, 3)),
            rng.standard_normal(3),
        ),
        (
            rng.standard_normal((3, 1, 6, 7)),
            rng.standard_normal((2, 1, 2, 3)),
            rng.standard_normal(2),
        ),
        (rng.standard_normal((1, 3, 4, 4)), rng.standard_normal((4, 3, 3, 3)), np.zeros(4)),
    ]


def exercise_5(func) -> Feedback:
    """Write ``conv2d_im2col(x, weight, bias)`` with ``cnnedu.im2col`` and one matrix product.

    x (N, C, H, W), weight (F, C, KH, KW), bias (F,); stride 1, no padding -> (N, F, OH, OW).
    Checked against ``cnnedu.conv2d`` on batches of several images, non-square kernels, with bias.
    """
    return check_function(
        func,
        _reference_batch,
        _cases_batch(),
        what="a function conv2d_im2col(x, weight, bias) that returns an (N, F, OH, OW) array",
        hint="cols = cnnedu.im2col(x, (KH, KW)) has one row per "
        "(image, output row, output column); "
        "cols @ weight.reshape(F, -1).T + bias has one column per filter; reshape it to "
        "(N, OH, OW, F) and move F to axis 1 with .transpose(0, 3, 1, 2) (a plain reshape to "
        "(N, F, OH, OW) mixes the numbers up).",
        why="im2col + one matrix product is the whole layer, for every image and every filter "
        "at once.",
    )
