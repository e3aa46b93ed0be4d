"""Checkers for the exercises of notebook 02 (padding and stride).

Every expected answer is computed here with cnnedu from the numbers in the
question, never typed in, so a checker cannot disagree with the package.
"""

from __future__ import annotations

import math

import numpy as np

from ..conv import conv2d
from ..shapes import conv_output_size, same_padding
from .feedback import Feedback, as_int_tuple, check_function, check_value, is_unanswered, matches

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5"]

# Exercise 1: n x n input, k x k kernel, padding p, stride s.
EX1_N, EX1_K, EX1_P, EX1_S = 16, 3, 1, 2
# Exercise 2: 'same' padding along one axis.
EX2_N, EX2_K, EX2_S = 10, 3, 2
# Exercise 3: the kernel that must keep the size at stride 1.
EX3_K = 5
# Exercise 4: the pipeline.
EX4_INPUT = (8, 3, 32, 32)  # (N, C, H, W)
EX4_F1, EX4_F2 = 16, 32


def exercise_1(answer) -> Feedback:
    """A 16x16 input, a 3x3 kernel, padding 1, stride 2: how many rows (= columns) has the output?

    answer: one int.
    """
    expected = conv_output_size(EX1_N, EX1_K, stride=EX1_S, padding=EX1_P)
    exact = (EX1_N + 2 * EX1_P - EX1_K) / EX1_S + 1
    if is_unanswered(answer):
        return check_value(answer, expected, what="the output size as one int", hint="", why="")
    if matches(answer, exact) or matches(answer, math.ceil(exact)):
        return Feedback(
            False,
            f"{answer!r} is not it. Hint: (n + 2p - k) / s is not a whole number "
            "here; a window that would stick out of the padded input is dropped, "
            "so round DOWN before adding 1.",
        )
    return check_value(
        answer,
        expected,
        what="the output size as one int",
        hint="o = floor((n + 2p - k) / s) + 1.",
        why=f"floor(({EX1_N} + 2*{EX1_P} - {EX1_K}) / {EX1_S}) + 1 = floor({exact - 1}) + 1 "
        f"= {expected}: "
        "the last padded column is never the start of a window.",
    )


def exercise_2(answer) -> Feedback:
    """TensorFlow/Keras padding='same' along one axis of 10 pixels, kernel 3, stride 2:
    how many zeros go before and after?

    answer: a tuple (before, after).
    """
    expected = same_padding(EX2_N, EX2_K, EX2_S)
    if is_unanswered(answer):
        return check_value(answer, expected, what="a tuple (before, after)", hint="", why="")
    got = as_int_tuple(answer)
    if got == expected[::-1] and expected[0] != expected[1]:
        return Feedback(
            False,
            f"{answer!r} puts the extra zero first, as the lecture's formula does. "
            "Hint: TensorFlow (and the lecture's own Keras output) puts it AFTER.",
        )
    out = math.ceil(EX2_N / EX2_S)
    total = sum(expected)
    return check_value(
        got if got is not None else answer,
        expected,
        what="a tuple (before, after)",
        hint="the output has ceil(n / s) pixels; the last window must end inside the padded input: "
        "total = max((out - 1)*s + k - n, 0), before = total // 2, after = the rest.",
        why=f"out = ceil({EX2_N}/{EX2_S}) = {out}, "
        f"total = ({out} - 1)*{EX2_S} + {EX2_K} - {EX2_N} = {total}, "
        "and the odd pixel goes after (bottom/right).",
    )


def exercise_3(answer) -> Feedback:
    """How much zero padding p (on each side) keeps the size of an input with a 5x5 kernel
    at stride 1?

    answer: one int.
    """
    before, after = same_padding(28, EX3_K)  # any size gives the same answer at stride 1
    assert before == after, "an odd kernel pads symmetrically"
    if is_unanswered(answer):
        return check_value(answer, before, what="the padding p as one int", hint="", why="")
    if matches(answer, EX3_K - 1):
        return Feedback(False, f"{answer!r} is the TOTAL padding. Hint: p is added on each side.")
    return check_value(
        answer,
        before,
        what="the padding p as one int",
        hint="solve n + 2p - k + 1 = n for p.",
        why=f"p = (k - 1) / 2 = ({EX3_K} - 1) / 2 = {before} on each side; "
        "this is why kernels are odd.",
    )


def _pipeline_shape():
    n, _, h, w = EX4_INPUT
    # conv: F1 filters 3x3, padding 1 -> pool 2x2 stride 2 -> conv: F2 filters 3x3, stride 2, 'same'
    h, w = conv_output_size(h, 3, padding=1), conv_output_size(w, 3, padding=1)
    h, w = conv_output_size(h, 2, stride=2), conv_output_size(w, 2, stride=2)
    h, w = (
        conv_output_size(h, 3, stride=2, padding="same"),
        conv_output_size(w, 3, stride=2, padding="same"),
    )
    return (n, EX4_F2, h, w)


def exercise_4(answer) -> Feedback:
    """The shape (N, C, H, W) after this pipeline, starting from a batch x of shape (8, 3, 32, 32):

    1. conv2d with 16 filters of 3x3, stride 1, padding 1;
    2. max_pool2d 2x2, stride 2;
    3. conv2d with 32 filters of 3x3, stride 2, padding 'same'.

    answer: a tuple of four ints.
    """
    expected = _pipeline_shape()
    if is_unanswered(answer):
        return check_value(answer, expected, what="a tuple (N, C, H, W)", hint="", why="")
    got = as_int_tuple(answer)
    if got is not None and len(got) == 4 and got[1] != EX4_F2:
        return Feedback(
            False,
            f"{answer!r} is not it. Hint: after a conv layer the number of channels "
            "is its number of filters.",
        )
    return check_value(
        got if got is not None else answer,
        expected,
        what="a tuple (N, C, H, W)",
        hint="go one layer at a time: padding 1 keeps 32, the pool halves it, 'same' with stride 2 "
        "gives ceil(size / 2).",
        why=f"32 -> 32 (padding 1) -> 16 (pool) -> ceil(16/2) = {expected[2]} ('same', stride 2); "
        f"the channels are the {EX4_F2} filters of the last layer.",
    )


def _reference_strided(image, kernel, stride, padding):
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    return conv2d(image[None, None], kernel[None, None], stride=stride, padding=padding)[0, 0]


def _cases_strided():
    rng = np.random.default_rng(3)
    return [
        (np.arange(25.0).reshape(5, 5), np.ones((3, 3)), 2, 1),
        (rng.standard_normal((6, 6)), rng.standard_normal((3, 3)), 2, 0),  # floor drops a row
        (rng.standard_normal((7, 5)), rng.standard_normal((3, 4)), 3, 2),  # non-square everything
        (rng.standard_normal((4, 4)), rng.standard_normal((3, 3)), 1, 1),
    ]


def exercise_5(func) -> Feedback:
    """Write ``conv2d_strided(image, kernel, stride, padding)`` with explicit loops.

    image (H, W), kernel (KH, KW), stride and padding ints (zero padding on all four sides)
    -> (OH, OW) with OH = floor((H + 2p - KH) / s) + 1. No flip. Checked against ``cnnedu.conv2d``.
    """
    return check_function(
        func,
        _reference_strided,
        _cases_strided(),
        what="a function conv2d_strided(image, kernel, stride, padding) that returns "
        "an (OH, OW) array",
        hint="pad first with np.pad(image, padding); output pixel (i, j) uses the window "
        "whose top-left "
        "corner is (i*stride, j*stride) in the PADDED image; compute OH, OW with floor division.",
        why="padding moves where the windows may start, stride is how far apart they start, "
        "and the "
        "floor drops any window that would stick out.",
    )
