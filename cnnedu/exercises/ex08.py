"""Checkers for the exercises of notebook 08 (speed).

Every expected answer is computed here with cnnedu from the numbers in the
question, never typed in, so a checker cannot disagree with the package.
"""

from __future__ import annotations

import numpy as np

from ..im2col import im2col
from ..shapes import conv_output_size
from .feedback import Feedback, check_function, check_value, is_unanswered, matches

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4"]

# Exercise 1: LeNet-5's C3 on ONE image: (C, H, W) in, F filters of K x K, stride 1, no padding.
EX1_C, EX1_H, EX1_F, EX1_K = 6, 14, 16, 5
# Exercise 2: a batch of N colour S x S images, K x K filters, stride 1, no padding, float32.
EX2_N, EX2_C, EX2_S, EX2_K = 64, 3, 32, 5
# Exercise 4: the lecture's photos (C, S, S) through K x K filters, and a memory budget in MB.
EX4_C, EX4_S, EX4_K, EX4_BUDGET_MB = 3, 440, 5, 256
EX4_LECTURE_BATCH = 15  # the batch of photos in the lecture notes


def _conv_flops(c, h, f, k):
    side = conv_output_size(h, k)
    return 2 * f * side * side * c * k * k


def exercise_1(answer) -> Feedback:
    """How many floating-point operations (FLOPs) does LeNet-5's C3 need for ONE image?

    Input (6, 14, 14), 16 filters of 5x5 (each spanning all 6 channels), stride 1, no
    padding; count a multiply-add as 2 FLOPs and ignore the bias. answer: one int.
    """
    expected = _conv_flops(EX1_C, EX1_H, EX1_F, EX1_K)
    what = "the number of FLOPs as one int"
    if is_unanswered(answer):
        return check_value(answer, expected, what=what, hint="", why="")
    if matches(answer, expected // 2):
        return Feedback(False, f"{answer!r} counts multiply-adds. Hint: each one is 2 FLOPs, a multiply and an add.")
    if matches(answer, expected // EX1_C):
        return Feedback(
            False,
            f"{answer!r} is not it. Hint: each 5x5 filter spans all {EX1_C} input channels, "
            f"so one output number takes {EX1_C}*5*5 multiply-adds.",
        )
    side = conv_output_size(EX1_H, EX1_K)
    if matches(answer, 2 * EX1_F * EX1_H * EX1_H * EX1_C * EX1_K * EX1_K):
        return Feedback(False, f"{answer!r} is not it. Hint: without padding the output is {side}x{side}, not 14x14.")
    return check_value(
        answer,
        expected,
        what=what,
        hint="count output numbers (F x OH x OW), then multiply-adds per output number "
        "(C x KH x KW), then 2 FLOPs per multiply-add.",
        why=f"{EX1_F} maps of {side}x{side} numbers, each a dot product of {EX1_C}*{EX1_K}*{EX1_K} = "
        f"{EX1_C * EX1_K * EX1_K} pairs: 2 * {EX1_F} * {side * side} * {EX1_C * EX1_K * EX1_K} = {expected:,} FLOPs "
        "per image. A 100 GFLOP/s matrix product would need under 5 microseconds for it.",
    )


def _im2col_megabytes(n, c, s, k):
    cols = im2col(np.zeros((n, c, s, s), dtype=np.float32), k)
    return cols.nbytes / 1e6


def exercise_2(answer) -> Feedback:
    """How many megabytes (1 MB = 1,000,000 bytes) does the im2col matrix of a batch of 64
    colour 32x32 images take, for 5x5 filters, stride 1, no padding, in float32?

    answer: one number, in MB (within 0.01 MB).
    """
    expected = _im2col_megabytes(EX2_N, EX2_C, EX2_S, EX2_K)
    what = "the size in MB as one number"
    if is_unanswered(answer):
        return check_value(answer, expected, what=what, hint="", why="", tol=0.01)
    if matches(answer, 2 * expected):
        return Feedback(False, f"{answer!r} is twice the answer. Hint: a float32 number takes 4 bytes, not 8.")
    if matches(answer, expected / 4):
        return Feedback(False, f"{answer!r} counts numbers, not bytes. Hint: each float32 number takes 4 bytes.")
    if matches(answer, EX2_N * EX2_S * EX2_S * EX2_C * EX2_K * EX2_K * 4 / 1e6):
        side = conv_output_size(EX2_S, EX2_K)
        return Feedback(False, f"{answer!r} is not it. Hint: there is one row per WINDOW: {side}x{side} per image.")
    side = conv_output_size(EX2_S, EX2_K)
    return check_value(
        answer,
        expected,
        what=what,
        hint="rows = N x OH x OW (one per window), columns = C x KH x KW (one per number in a "
        "window), 4 bytes per float32 number.",
        why=f"{EX2_N * side * side:,} rows x {EX2_C * EX2_K * EX2_K} columns x 4 bytes = {expected:.2f} MB, "
        f"about {EX2_K * EX2_K * side * side / (EX2_S * EX2_S):.0f} times the batch itself.",
        tol=0.01,
    )


def _reference_blowup(h, w, k, stride):
    cols = im2col(np.zeros((1, 1, h, w)), k, stride)
    return cols.size / (h * w)


def _cases_blowup():
    return [(28, 28, 5, 1), (32, 32, 3, 1), (440, 440, 5, 1), (28, 28, 3, 2), (12, 10, 2, 2), (9, 7, 3, 3)]


def exercise_3(func) -> Feedback:
    """Write ``blowup(h, w, k, stride)``: how many times more numbers the im2col matrix holds
    than the image it comes from, for one channel, a k x k kernel and no padding.

    Checked on several sizes, including strides 2 and 3 (then windows overlap less, or not at all).
    """
    return check_function(
        func,
        _reference_blowup,
        _cases_blowup(),
        what="a function blowup(h, w, k, stride) that returns one number",
        hint="the matrix has OH*OW rows of k*k numbers, with OH = (h - k) // stride + 1 "
        "(likewise OW); divide by the h*w pixels of the image.",
        why="every window is copied in full, so a pixel shared by k*k windows is stored k*k times: "
        "the blow-up is about k*k for stride 1 and about k*k/stride**2 with a stride.",
    )


def exercise_4(answer) -> Feedback:
    """The lecture's photos are (3, 440, 440); with 5x5 filters, stride 1 and no padding, how
    many photos can a batch have, at most, for its float32 im2col matrix to fit in 256 MB
    (1 MB = 1,000,000 bytes)?

    answer: one int.
    """
    per_photo = _im2col_megabytes(1, EX4_C, EX4_S, EX4_K)
    expected = int(EX4_BUDGET_MB // per_photo)
    what = "the number of photos as one int"
    if is_unanswered(answer):
        return check_value(answer, expected, what=what, hint="", why="")
    if matches(answer, expected + 1):
        return Feedback(False, f"{answer!r} photos would need {(expected + 1) * per_photo:.0f} MB. Hint: round DOWN.")
    return check_value(
        answer,
        expected,
        what=what,
        hint="work out the size of ONE photo's matrix first: (436*436) rows x (3*5*5) columns x 4 bytes.",
        why=f"one photo's matrix takes {per_photo:.1f} MB, so {expected} fit in {EX4_BUDGET_MB} MB. The lecture's "
        f"batch of {EX4_LECTURE_BATCH} would need {EX4_LECTURE_BATCH * per_photo:.0f} MB: that is why cnnedu "
        "builds the matrix a block at a time.",
    )
