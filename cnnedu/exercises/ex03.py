"""Checkers for the exercises of notebook 03 (pooling).

Every expected answer is computed here with cnnedu from the numbers in the
question, never typed in, so a checker cannot disagree with the package.
"""

from __future__ import annotations

import numpy as np

from ..pooling import avg_pool2d, avg_pool2d_backward, max_pool2d, max_pool2d_backward
from ..shapes import conv_output_size
from .feedback import Feedback, as_int_tuple, check_array, check_value, is_unanswered

__all__ = ["EX1_INPUT", "EX4_GRAD", "exercise_1", "exercise_2", "exercise_3", "exercise_4"]

# Exercises 1 and 4: a 4x4 feature map, pooled with 2x2 windows and stride 2.
EX1_INPUT = np.array(
    [
        [3.0, 1.0, 0.0, 2.0],
        [4.0, 2.0, 5.0, 1.0],
        [0.0, 7.0, 1.0, 1.0],
        [2.0, 3.0, 6.0, 0.0],
    ]
)
# Exercise 2: AlexNet's first pooling layer, on one image.
EX2_N, EX2_C, EX2_S, EX2_K, EX2_STRIDE = 1, 96, 55, 3, 2
# Exercise 3: the last feature map of a network, (C, H, W), and the number of classes.
EX3_C, EX3_H, EX3_W, EX3_CLASSES = 256, 6, 6, 10
# Exercise 4: the gradient arriving at the 2x2 output of the pooling.
EX4_GRAD = np.array([[1.0, 2.0], [3.0, 4.0]])


def _as_array(answer):
    try:
        return np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return None


def _same(answer, expected) -> bool:
    a = _as_array(answer)
    return a is not None and a.shape == expected.shape and bool(np.allclose(a, expected))


def exercise_1(answer) -> Feedback:
    """Max-pool ``EX1_INPUT`` (4x4) by hand with 2x2 windows and stride 2.

    answer: the 2x2 result, as a nested list or an array.
    """
    x = EX1_INPUT[None, None]
    expected = max_pool2d(x, 2, 2)[0, 0]
    what = "the 2x2 result as a nested list, e.g. [[a, b], [c, d]]"
    if is_unanswered(answer):
        return check_array(answer, expected, what=what, hint="", why="")
    if _same(answer, avg_pool2d(x, 2, 2)[0, 0]):
        return Feedback(
            False,
            "these are the AVERAGES of the windows. Hint: max pooling keeps the "
            "largest number of each window.",
        )
    if _same(answer, max_pool2d(x, 2, 1)[0, 0]):
        return Feedback(
            False,
            "this is a 3x3 result, windows one step apart. Hint: with stride 2 "
            "the four 2x2 windows do not overlap.",
        )
    return check_array(
        answer,
        expected,
        what=what,
        hint="cut the 4x4 into four 2x2 blocks (top-left, top-right, bottom-left, "
        "bottom-right) and write the largest number of each block in the same place.",
        why="each non-overlapping 2x2 block keeps only its largest value: 16 numbers become 4.",
    )


def exercise_2(answer) -> Feedback:
    """Output shape (N, C, OH, OW) of AlexNet's first pooling layer: a (1, 96, 55, 55) input,
    3x3 max pooling with stride 2, no padding.

    answer: a tuple of four ints.
    """
    side = conv_output_size(EX2_S, EX2_K, EX2_STRIDE)
    expected = (EX2_N, EX2_C, side, side)
    what = "a tuple (N, C, OH, OW)"
    if is_unanswered(answer):
        return check_value(answer, expected, what=what, hint="", why="")
    got = as_int_tuple(answer)
    if got is not None and len(got) == 4 and got[1] != EX2_C:
        return Feedback(
            False,
            f"{answer!r} is not it. Hint: pooling works on each channel on its own, "
            f"so the number of channels ({EX2_C}) does not change.",
        )
    if got is not None and len(got) == 4 and got[2] == -(-EX2_S // EX2_STRIDE):
        return Feedback(
            False,
            f"{answer!r} is not it. Hint: without padding the output size is "
            "floor((n - f) / s) + 1, not ceil(n / s) (that is 'same' padding).",
        )
    return check_value(
        got if got is not None else answer,
        expected,
        what=what,
        hint="the output-size formula of convolution also holds for pooling: "
        "floor((n - f) / s) + 1.",
        why=f"floor(({EX2_S} - {EX2_K}) / {EX2_STRIDE}) + 1 = {side} along each axis, and the "
        f"{EX2_C} channels stay {EX2_C}: the overlapping pooling of AlexNet.",
    )


def exercise_3(answer) -> Feedback:
    """A classifier with 10 classes sits on a (256, 6, 6) feature map. How many parameters
    (weights and biases) does GlobalAvgPool + Dense(10) save compared with Flatten + Dense(10)?

    answer: one int.
    """
    flatten_dense = EX3_C * EX3_H * EX3_W * EX3_CLASSES + EX3_CLASSES
    gap_dense = EX3_C * EX3_CLASSES + EX3_CLASSES
    expected = flatten_dense - gap_dense
    what = "the number of parameters saved, as one int"
    if is_unanswered(answer):
        return check_value(answer, expected, what=what, hint="", why="")
    ratio = (
        "that is a ratio (how many times smaller); the question asks how many parameters are saved."
    )
    for wrong, hint in (
        (
            flatten_dense,
            "this is the size of the Flatten + Dense classifier; subtract the other one.",
        ),
        (
            gap_dense,
            "this is the size of the GAP + Dense classifier; the question asks for the difference.",
        ),
        (EX3_H * EX3_W, ratio),
        (flatten_dense // gap_dense, ratio),
        (round(flatten_dense / gap_dense), ratio),
    ):
        try:
            if answer == wrong:
                return Feedback(False, f"{answer!r} is not it. Hint: {hint}")
        except (TypeError, ValueError):
            break
    return check_value(
        answer,
        expected,
        what=what,
        hint="Flatten gives C*H*W numbers, global average pooling gives C; a Dense layer has "
        "(inputs * outputs) weights plus one bias per output.",
        why=f"({EX3_C}*{EX3_H}*{EX3_W}*{EX3_CLASSES} + {EX3_CLASSES}) - ({EX3_C}*{EX3_CLASSES} + "
        f"{EX3_CLASSES}) = {flatten_dense} - {gap_dense} = {expected}: "
        f"{EX3_H * EX3_W} times fewer weights.",
    )


def exercise_4(answer) -> Feedback:
    """Backward pass of 2x2 max pooling (stride 2) on ``EX1_INPUT``: the gradient arriving at
    the output is ``EX4_GRAD``. What is the gradient with respect to the 4x4 input?

    answer: a 4x4 nested list or array.
    """
    x = EX1_INPUT[None, None]
    g = EX4_GRAD[None, None]
    expected = max_pool2d_backward(g, x, 2, 2)[0, 0]
    what = "the 4x4 gradient as a nested list or array"
    if is_unanswered(answer):
        return check_array(answer, expected, what=what, hint="", why="")
    if _same(answer, avg_pool2d_backward(g, x, 2, 2)[0, 0]):
        return Feedback(
            False,
            "this spreads each gradient evenly over its window: that is AVERAGE "
            "pooling. Hint: in max pooling only one cell of each window reached the output.",
        )
    if _same(answer, np.kron(EX4_GRAD, np.ones((2, 2)))):
        return Feedback(
            False,
            "this copies each gradient to all four cells of its window. Hint: the "
            "other three cells did not affect the output at all, so their gradient is 0.",
        )
    return check_array(
        answer,
        expected,
        what=what,
        hint="find the winner (the largest value) of each 2x2 window; it gets that window's "
        "gradient, every other cell gets 0.",
        why="each window's gradient lands on the cell that won the max; the 12 losers get 0, "
        "because nudging them a little does not change the output.",
    )
