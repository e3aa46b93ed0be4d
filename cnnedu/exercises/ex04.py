"""Checkers for the exercises of notebook 04 (the fully connected layer).

Every expected answer is computed here with cnnedu from the numbers in the
question, never typed in, so a checker cannot disagree with the package.
"""

from __future__ import annotations

import numpy as np

from ..activations import softmax
from ..linear import linear
from .feedback import Feedback, check_array, check_function, check_value, is_unanswered, matches

__all__ = ["EX3_LOGITS", "exercise_1", "exercise_2", "exercise_3", "exercise_4"]

# Exercise 1: LeNet-5's C5 seen as a Linear layer: a (16, 5, 5) map to 120 outputs.
EX1_MAP, EX1_OUT = (16, 5, 5), 120
# Exercise 2: the last feature map of VGG-16 on a 224x224 image is (512, 7, 7);
# here a smaller one, (64, 7, 7).
EX2_MAP = (64, 7, 7)
# Exercise 3: the scores of three classes.
EX3_LOGITS = np.array([2.0, 1.0, 0.1])


def exercise_1(answer) -> Feedback:
    """How many trainable numbers has a Linear layer from a (16, 5, 5) feature map to 120 outputs,
    with bias?

    answer: one int.
    """
    n_in = int(np.prod(EX1_MAP))
    weights = np.zeros((EX1_OUT, n_in)).size  # the (out, in) weight matrix
    expected = weights + EX1_OUT
    what = "the number of parameters as one int"
    if is_unanswered(answer):
        return check_value(answer, expected, what=what, hint="", why="")
    if matches(answer, weights):
        return Feedback(
            False,
            f"{answer!r} counts the weights only. Hint: each of the {EX1_OUT} outputs "
            "also has one bias.",
        )
    if matches(answer, EX1_MAP[0] * EX1_OUT + EX1_OUT):
        return Feedback(
            False,
            f"{answer!r} is not it. Hint: the layer sees every PIXEL of the map, "
            "not one number per channel.",
        )
    return check_value(
        answer,
        expected,
        what=what,
        hint="flatten the map to 16*5*5 inputs; the weight matrix is (outputs, inputs); "
        "add one bias per output.",
        why=f"16*5*5 = {n_in} inputs, {n_in}*{EX1_OUT} weights + {EX1_OUT} biases = {expected}: "
        "the parameter count of LeNet-5's C5 layer.",
    )


def exercise_2(answer) -> Feedback:
    """How long is the vector you get by flattening one (64, 7, 7) feature map (C, H, W)?

    answer: one int.
    """
    expected = np.zeros(EX2_MAP).reshape(-1).size
    c, h, w = EX2_MAP
    what = "the length of the flattened vector as one int"
    if is_unanswered(answer):
        return check_value(answer, expected, what=what, hint="", why="")
    if matches(answer, h * w):
        return Feedback(
            False,
            f"{answer!r} is one channel only. Hint: flatten keeps every channel, "
            "one after another.",
        )
    if matches(answer, c + h + w):
        return Feedback(
            False,
            f"{answer!r} is not it. Hint: a box of C x H x W numbers holds their "
            "product, not their sum.",
        )
    return check_value(
        answer,
        expected,
        what=what,
        hint="count the numbers in the map: channels times rows times columns.",
        why=f"{c}*{h}*{w} = {expected}: flattening changes the shape, never the number of values.",
    )


def exercise_3(answer) -> Feedback:
    """The softmax of the scores ``EX3_LOGITS`` = [2.0, 1.0, 0.1], as an array of 3 numbers."""
    expected = softmax(EX3_LOGITS)
    what = "an array of 3 probabilities (they sum to 1)"
    if is_unanswered(answer):
        return check_array(answer, expected, what=what, hint="", why="")
    try:
        a = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        a = None
    if (
        a is not None
        and a.shape == expected.shape
        and np.allclose(a, EX3_LOGITS / EX3_LOGITS.sum())
    ):
        return Feedback(
            False,
            "this divides the scores by their sum. Hint: softmax exponentiates "
            "first: exp(x) / sum(exp(x)).",
        )
    return check_array(
        answer,
        expected,
        what=what,
        atol=1e-3,
        hint="exp(x) / exp(x).sum() (subtract x.max() first if you like: the result is the same).",
        why="exp makes every score positive and keeps their order; dividing by the sum makes "
        "them add up to 1. The largest score gets the largest probability.",
    )


def _linear_cases():
    rng = np.random.default_rng(4)
    return [
        (rng.standard_normal((2, 6)), rng.standard_normal((3, 6)), rng.standard_normal(3)),
        # a batch of NCHW feature maps: must be flattened first
        (
            rng.standard_normal((3, 16, 5, 5)),
            rng.standard_normal((120, 400)),
            rng.standard_normal(120),
        ),
        (rng.standard_normal((1, 2, 3, 3)), rng.standard_normal((1, 18)), rng.standard_normal(1)),
    ]


def exercise_4(func) -> Feedback:
    """Write ``my_linear(x, weight, bias)``: x (N, ...) -> (N, out).

    Flatten each sample to a vector of D numbers, multiply by ``weight`` of shape
    (out, D) (PyTorch's layout) and add ``bias`` (out,). Checked against ``cnnedu.linear``,
    also on 4D (N, C, H, W) input.
    """
    return check_function(
        func,
        lambda x, w, b: linear(x, w, b),
        _linear_cases(),
        what="a function my_linear(x, weight, bias) that returns an (N, out) array",
        hint="x.reshape(len(x), -1) keeps the batch axis and flattens the rest; the weight is "
        "(out, in), so multiply by weight.T; then add the bias.",
        why="flatten + one matrix product + bias: every output is a weighted sum of ALL the "
        "input values, which is what 'fully connected' means.",
    )
