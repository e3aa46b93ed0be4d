"""Checkers for the exercises of notebook 07 (LeNet-5).

Every expected answer is computed here with cnnedu (layers built with
``cnnedu.nn`` and counted, shapes pushed through ``cnnedu.models.lenet5``),
never typed in, so a checker cannot disagree with the package.
"""

from __future__ import annotations

import numpy as np

from .. import nn
from ..models import lenet5
from .feedback import Feedback, as_int_tuple, check_function, check_value, is_unanswered, matches

__all__ = ["EX2_SIZE", "exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5"]

# Exercise 2: LeNet-5 as built here (C1 pads by 2) fed a larger square image.
EX2_SIZE = 32
# Exercise 4: one 5x5 convolution versus two stacked 3x3 ones, C -> C channels.
EX4_CHANNELS = 16


def _params(*layers) -> int:
    return sum(layer.num_parameters() for layer in layers)


def _lenet_rows():
    """One row per layer of cnnedu's LeNet-5: (name, output shape, parameters)."""
    return lenet5(rng=0).summary((1, 28, 28), print_table=False)


def exercise_1(answer) -> Feedback:
    """How many trainable numbers (weights and biases) has LeNet-5's C3 layer as built in
    cnnedu: 16 filters of 5x5, each seeing all 6 maps of S2?

    answer: one int.
    """
    expected = _params(nn.Conv2d(6, 16, 5, rng=0))
    weights = 16 * 6 * 5 * 5
    what = "the number of parameters of C3, as one int"
    if is_unanswered(answer):
        return check_value(answer, expected, what=what, hint="", why="")
    if matches(answer, weights):
        return Feedback(
            False,
            f"{answer!r} counts the weights only. Hint: each of the 16 filters also has one bias.",
        )
    if matches(answer, 16 * 5 * 5 + 16):
        return Feedback(
            False,
            f"{answer!r} is not it. Hint: each C3 filter is 6 x 5 x 5: it has one 5x5 slice "
            "for each of the 6 input maps (notebook 01: one filter spans all input channels).",
        )
    if matches(answer, 60 * 25 + 16):
        return Feedback(
            False,
            f"{answer!r} is the 1998 paper's C3, whose hand-made table connects each filter to "
            "only some of the 6 maps. Hint: cnnedu's C3 connects every filter to all 6 maps.",
        )
    return check_value(
        answer,
        expected,
        what=what,
        hint="filters x (input channels x kernel height x kernel width) weights, plus one bias "
        "per filter.",
        why=f"16 x (6 x 5 x 5) weights + 16 biases = {expected}; the table of section 2 says the "
        "same.",
    )


def _c5_chain():
    """C5's output shape for an EX2_SIZE image, and the side length after C1, S2, C3, S4, C5."""
    model = lenet5(rng=0)
    x = np.zeros((1, 1, EX2_SIZE, EX2_SIZE))
    sides = []
    for name, layer in model.named_layers():
        x = layer.forward(x)
        if name in ("C1", "S2", "C3", "S4", "C5"):
            sides.append(f"{name} {x.shape[-1]}")
        if name == "C5":
            return tuple(x.shape[1:]), sides
    raise RuntimeError("LeNet-5 has no layer named C5")


def exercise_2(answer) -> Feedback:
    """LeNet-5 as built here (C1 pads by 2) gets a 32x32 image instead of 28x28. What is the
    shape (C, H, W) of C5's output for one image?

    answer: a tuple of three ints.
    """
    expected, sides = _c5_chain()
    what = "a tuple (C, H, W)"
    if is_unanswered(answer):
        return check_value(answer, expected, what=what, hint="", why="")
    got = as_int_tuple(answer)
    if got == (120, 1, 1):
        return Feedback(
            False,
            f"{answer!r} is what a 28x28 digit gives (or a 32x32 one WITHOUT padding, as in the "
            "paper). Hint: here C1 keeps padding=2, so follow 32 through C1, S2, C3, S4 and C5.",
        )
    if got is not None and len(got) == 3 and got[0] != expected[0]:
        return Feedback(
            False,
            f"{answer!r} is not it. Hint: the number of channels is the number of C5's filters.",
        )
    return check_value(
        got if got is not None else answer,
        expected,
        what=what,
        hint="use the output-size formula (n + 2p - k) // s + 1 layer by layer: C1 (k=5, p=2), "
        "S2 (k=2, s=2), C3 (k=5), S4 (k=2, s=2), C5 (k=5).",
        why=f"{EX2_SIZE} -> " + " -> ".join(sides) + ". C5 no longer ends at 1x1, so Flatten "
        f"gives {int(np.prod(expected))} numbers and F6, built for {expected[0]} inputs, refuses "
        "them: the fully connected layers fix LeNet-5's input size.",
    )


def exercise_3(answer) -> Feedback:
    """What fraction of LeNet-5's 61,706 parameters sits in the C5 layer alone?

    answer: a number between 0 and 1 (3 decimals are enough).
    """
    rows = _lenet_rows()
    total = sum(r.params for r in rows)
    c5 = next(r.params for r in rows if r.name == "C5")
    expected = c5 / total
    what = "a fraction between 0 and 1, e.g. 0.123"
    if is_unanswered(answer):
        return check_value(answer, expected, what=what, hint="", why="", tol=5e-4)
    try:
        value = float(answer)
    except (TypeError, ValueError):
        value = None
    if value is not None and abs(value - 100 * expected) < 0.1:
        return Feedback(
            False, f"{answer!r} is a percentage. Hint: give it as a fraction between 0 and 1."
        )
    if value is not None and abs(value - (c5 - 120) / total) < 5e-4:
        return Feedback(
            False,
            f"{answer!r} is not it. Hint: count C5's 120 biases too (the table of section 2 "
            "gives its parameters).",
        )
    return check_value(
        answer,
        expected,
        what=what,
        tol=5e-4,
        hint="C5's parameter count (120 filters of 16 x 5 x 5, plus biases) divided by the "
        "total of the table.",
        why=f"{c5:,} / {total:,} = {expected:.4f}: more than three quarters of LeNet-5 is the one "
        "layer that turns the 16 maps of 5x5 into 120 numbers. Convolutions on large maps are "
        "cheap in parameters; the layers that see everything at once are not.",
    )


def exercise_4(answer) -> Feedback:
    """VGG's trick: replace one 5x5 convolution (16 -> 16 channels, with biases) by two stacked
    3x3 convolutions (16 -> 16 -> 16, with biases), which see the same 5x5 window. How many
    parameters FEWER do the two 3x3 layers have?

    answer: one int.
    """
    c = EX4_CHANNELS
    one_5x5 = _params(nn.Conv2d(c, c, 5, rng=0))
    two_3x3 = _params(nn.Conv2d(c, c, 3, rng=0), nn.Conv2d(c, c, 3, rng=0))
    expected = one_5x5 - two_3x3
    what = "how many parameters fewer, as one int"
    if is_unanswered(answer):
        return check_value(answer, expected, what=what, hint="", why="")
    if matches(answer, -expected):
        return Feedback(
            False, f"{answer!r} has the wrong sign. Hint: 'fewer' is (5x5 layer) - (two 3x3 layers)."
        )
    if matches(answer, c * c * 25 - 2 * c * c * 9):
        return Feedback(
            False,
            f"{answer!r} compares the weights only. Hint: the 5x5 layer has {c} biases, the two "
            f"3x3 layers {2 * c}.",
        )
    if matches(answer, 25 - 18) or matches(answer, 25 - 9):
        return Feedback(
            False,
            f"{answer!r} counts one kernel slice. Hint: count whole layers: filters x input "
            "channels x kernel size, plus biases.",
        )
    return check_value(
        answer,
        expected,
        what=what,
        hint=f"a C -> C convolution with k x k kernels has C x C x k x k weights and C biases; "
        f"here C = {c}.",
        why=f"one 5x5: {one_5x5:,}; two 3x3: {two_3x3:,}; {expected:,} fewer ({expected / one_5x5:.0%}), "
        "for the same 5x5 view, and with one more ReLU in between. That is why VGG uses only 3x3.",
    )


def _softmax_ce_grad(logits, labels):
    loss = nn.SoftmaxCrossEntropy()
    loss.forward(logits, labels)
    return loss.backward()


def _grad_cases():
    rng = np.random.default_rng(7)
    return [
        (rng.standard_normal((4, 10)), np.array([3, 0, 9, 3])),
        (rng.standard_normal((1, 3)), np.array([2])),
        # large logits: exp() overflows unless the maximum is subtracted first
        (1000 * rng.standard_normal((5, 4)), np.array([0, 1, 2, 3, 1])),
    ]


def exercise_5(func) -> Feedback:
    """Write ``softmax_ce_grad(logits, labels)``: the gradient of the MEAN softmax cross-entropy
    with respect to the logits.

    logits: (N, K) floats, labels: (N,) ints in 0..K-1. Returns (N, K). Checked against
    ``cnnedu.nn.SoftmaxCrossEntropy().backward()``, also with logits in the thousands (where a plain exp() overflows).
    """
    return check_function(
        func,
        _softmax_ce_grad,
        _grad_cases(),
        what="a function softmax_ce_grad(logits, labels) that returns an (N, K) array",
        hint="softmax of each row (subtract the row's max before exp), minus 1 at the true "
        "class, divided by N because the loss is a mean over the batch.",
        why="(softmax(z) - onehot(y)) / N: the gradient that starts every backward pass. It is "
        "small when the network is right and confident, and pushes the true class up and the "
        "others down when it is not.",
    )
