"""Checkers for the exercises of notebook 05 (activation functions).

Every expected answer is computed here with :mod:`cnnedu`, never typed in.
"""

from __future__ import annotations

import numpy as np

from ..activations import leaky_relu, sigmoid_derivative
from ..linear import linear
from .feedback import Feedback, check_array, check_function, check_value, is_unanswered

__all__ = ["exercise_1", "exercise_2", "exercise_3", "given_layers", "exercise_4"]


def exercise_1(answer) -> Feedback:
    """The derivative of the sigmoid at x = 0, as a number."""
    expected = float(sigmoid_derivative(np.float64(0.0)))
    return check_value(
        answer,
        expected,
        tol=1e-6,
        what="a number: sigmoid'(0)",
        hint="sigmoid'(x) = s(x) * (1 - s(x)) with s = sigmoid; what is sigmoid(0)?",
        why=f"sigmoid(0) = 0.5, so sigmoid'(0) = 0.5 * 0.5 = {expected}: the largest value the "
        "derivative ever takes, and already a factor 4 of shrinkage per layer.",
    )


def _leaky_cases():
    rng = np.random.default_rng(5)
    return [
        (np.arange(-5, 6), 0.1),  # integers, the notes' slope
        (np.array([-3.0, -0.5, 0.0, 0.5, 3.0]), 0.01),  # PyTorch's default slope
        (rng.standard_normal((4, 6)), 0.2),  # a 2D array: a Python loop over rows breaks here
        (rng.standard_normal((2, 3, 5, 5)), 0.3),  # an NCHW batch
    ]


def exercise_2(func) -> Feedback:
    """A vectorised leaky ReLU: ``func(x, negative_slope)`` -> x if x > 0, else negative_slope * x.

    Any shape of ``x`` must work, without a Python loop over the elements.
    """
    return check_function(
        func,
        lambda x, slope: leaky_relu(x, slope),
        _leaky_cases(),
        what="a function my_leaky_relu(x, negative_slope) that works on whole arrays",
        hint="np.where(condition, value_if_true, value_if_false) works element by element on "
        "arrays of any shape; use the negative_slope argument, not a fixed 0.1 or 0.01.",
        why="np.where picks x or negative_slope * x for every element at once, for any shape, "
        "as cnnedu.leaky_relu does.",
    )


def given_layers():
    """The two linear layers of exercise 3: (W1 (4, 3), b1 (4,), W2 (2, 4), b2 (2,)), seeded."""
    rng = np.random.default_rng(2024)
    w1 = rng.integers(-3, 4, size=(4, 3)).astype(float)
    b1 = rng.integers(-3, 4, size=4).astype(float)
    w2 = rng.integers(-3, 4, size=(2, 4)).astype(float)
    b2 = rng.integers(-3, 4, size=2).astype(float)
    return w1, b1, w2, b2


def exercise_3(answer) -> Feedback:
    """The single layer (W, b) equal to ``linear(linear(x, W1, b1), W2, b2)`` for every x.

    ``answer`` is a pair ``(W, b)`` with W of shape (2, 3) and b of shape (2,);
    the layers come from :func:`given_layers`.
    """
    what = "a pair (W, b): the weight (2, 3) and bias (2,) of the collapsed layer"
    not_yet = Feedback(None, f"replace the placeholder with {what}, then run this cell again.")
    if is_unanswered(answer):
        return not_yet
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return Feedback(
            False,
            f"expected a pair (W, b), got {type(answer).__name__}. "
            "Hint: pass both arrays, e.g. `ex05.exercise_3((W, b))`.",
        )
    w, b = answer
    if is_unanswered(w) or is_unanswered(b):
        return not_yet
    w1, b1, w2, b2 = given_layers()

    # The collapsed layer is read off the network itself: the bias is the output
    # at x = 0, and column j of W is the output at the unit vector e_j minus the bias.
    def net(x):
        return linear(linear(x, w1, b1), w2, b2)

    expected_b = net(np.zeros((1, 3)))[0]
    expected_w = (net(np.eye(3)) - expected_b).T
    verdict = check_array(
        w,
        expected_w,
        what=what,
        hint="apply W1 first, then W2: W2 (W1 x) = (W2 W1) x, and mind the order of the product.",
        why="",
    )
    if not verdict.passed:
        return Feedback(False, f"W: {verdict.message}")
    verdict = check_array(
        b,
        expected_b,
        what=what,
        hint="expand W2 (W1 x + b1) + b2: the first bias also goes through W2, "
        "and b2 is added after.",
        why="",
    )
    if not verdict.passed:
        return Feedback(False, f"b: {verdict.message}")
    return Feedback(
        True,
        "W = W2 @ W1 and b = W2 @ b1 + b2: two linear layers with no activation between them are "
        "exactly one linear layer, however many you stack.",
    )


def exercise_4(answer) -> Feedback:
    """The smallest number n of sigmoid layers whose best-case factor 0.25**n is below 1e-6."""
    best = float(sigmoid_derivative(np.float64(0.0)))  # the largest value of sigmoid'
    n = 1
    while best**n >= 1e-6:
        n += 1
    return check_value(
        answer,
        n,
        what="a whole number of layers",
        hint="compute 0.25**n for n = 1, 2, 3, ... (or solve n > log(1e-6) / log(0.25)).",
        why=f"0.25**{n - 1} = {best ** (n - 1):.2e} is still above 1e-6, "
        f"0.25**{n} = {best**n:.2e} is below: after only {n} sigmoid layers the gradient "
        "reaching the first layer is under a millionth of its size, even in the best case.",
    )
