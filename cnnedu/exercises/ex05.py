"""Checkers for the exercises of notebook 05 (activation functions).

Every expected answer is computed here with :mod:`cnnedu` from the numbers in the
question, never typed in. The typical mistakes (sigmoid instead of its derivative,
ReLU instead of leaky ReLU, a fixed slope, a forgotten bias, the weight left out of
the chain rule, an off-by-one layer count) get a hint of their own.
"""

from __future__ import annotations

import math

import numpy as np

from ..activations import leaky_relu, relu, sigmoid, sigmoid_derivative, tanh_derivative
from ..linear import linear
from .feedback import (
    Feedback,
    Messages,
    check_array,
    check_function,
    check_number,
    forbidden_calls,
    is_close,
    is_unanswered,
)

__all__ = ["exercise_1", "exercise_2", "exercise_3", "given_layers", "exercise_4", "expected_answers"]

_ = Messages(__name__)

# Exercise 1: the derivative of the sigmoid at this x (not 0, where it is 0.25, printed in section 2).
EX1_X = 3.0
# Exercise 4: a weighted chain of sigmoid units, each at z = 0, with this weight and this threshold.
EX4_W, EX4_BELOW = 2.8, 1e-6


def _ex1_expected() -> float:
    return float(sigmoid_derivative(np.float64(EX1_X)))


def _layers_below(factor: float, below: float) -> int:
    """The smallest n with factor**n < below (counted, not solved with a logarithm)."""
    n = 1
    while factor**n >= below:
        n += 1
    return n


def _ex4_factor() -> float:
    return EX4_W * float(sigmoid_derivative(np.float64(0.0)))  # w * sigmoid'(0) = w / 4


def _collapsed():
    """The (W, b) of exercise 3, read off the three-layer network itself (not from a formula)."""
    w1, b1, w2, b2, w3, b3 = given_layers()

    def net(x):
        return linear(linear(linear(x, w1, b1), w2, b2), w3, b3)

    # The bias is the output at x = 0; column j of W is the output at the unit vector e_j minus it.
    b = net(np.zeros((1, 3)))[0]
    return (net(np.eye(3)) - b).T, b


def expected_answers() -> dict[str, object]:
    """The numeric answers, for the test that no notebook prints one above its exercise."""
    return {
        "exercise_1": _ex1_expected(),
        "exercise_3": _collapsed()[0],
        "exercise_4": _layers_below(_ex4_factor(), EX4_BELOW),
    }


def _shown(answer):
    """A NumPy scalar as the plain number it is, so a message shows 0.25, not np.float64(0.25)."""
    return answer.item() if isinstance(answer, np.generic) else answer


def exercise_1(answer) -> Feedback:
    """The derivative of the sigmoid at x = 3, as a number (3 significant figures are enough)."""
    expected = _ex1_expected()
    s = float(sigmoid(np.float64(EX1_X)))
    answer = _shown(answer)
    what = _("a number: sigmoid'({x:g})", x=EX1_X)
    if is_close(answer, s):
        return Feedback(
            False,
            _("{answer!r} is sigmoid({x:g}) itself, not its derivative.", answer=answer, x=EX1_X),
            _("multiply it by 1 - sigmoid({x:g}).", x=EX1_X),
        )
    if is_close(answer, 1 - s):
        return Feedback(
            False,
            _("{answer!r} is 1 - sigmoid({x:g}), only one of the two factors.", answer=answer, x=EX1_X),
            _("sigmoid'(x) = sigmoid(x) * (1 - sigmoid(x)): multiply by sigmoid({x:g}) as well.", x=EX1_X),
        )
    if is_close(answer, float(sigmoid_derivative(np.float64(0.0)))):
        return Feedback(
            False,
            _("{answer!r} is the derivative at x = 0, where it is largest.", answer=answer),
            _("evaluate sigmoid(x) * (1 - sigmoid(x)) at x = {x:g}, not at 0.", x=EX1_X),
        )
    if is_close(answer, float(tanh_derivative(np.float64(EX1_X)))):
        return Feedback(
            False,
            _("{answer!r} is the derivative of tanh at {x:g}, not of the sigmoid.", answer=answer, x=EX1_X),
            _("use sigmoid(x) * (1 - sigmoid(x)) with sigmoid(x) = 1 / (1 + exp(-x))."),
        )
    return check_number(
        answer,
        expected,
        what=what,
        hint=_(
            "sigmoid'(x) = sigmoid(x) * (1 - sigmoid(x)); sigmoid({x:g}) = 1 / (1 + exp(-{x:g})) is about {s:.4f}.",
            x=EX1_X,
            s=s,
        ),
        why=_(
            "sigmoid({x:g}) = {s:.4f}, so sigmoid'({x:g}) = {s:.4f} * {r:.4f} = {d:.4f}: less than a fifth of "
            "its peak 0.25, and the further x is from 0, the flatter the curve and the smaller the gradient.",
            x=EX1_X,
            s=s,
            r=1 - s,
            d=expected,
        ),
    )


# --- Exercise 2: leaky ReLU on whole arrays


def _leaky_cases():
    rng = np.random.default_rng(5)
    return [
        (np.arange(-5, 6), 0.1),  # integers, the notes' slope
        (np.array([-3.0, -0.5, 0.0, 0.5, 3.0]), 0.01),  # PyTorch's default slope
        (rng.standard_normal((4, 6)), 0.2),  # a 2D array: a Python loop over rows breaks here
        (rng.standard_normal((2, 3, 5, 5)), 0.3),  # an NCHW batch
    ]


def _loop_probe():
    """A large input for the loop check: a loop over its elements runs a million Python lines."""
    return (np.random.default_rng(7).standard_normal((1000, 1000)), 0.05)


_LEAKY_CALLS = ("cnnedu.leaky_relu", "cnnedu.activations.leaky_relu", "cnnedu.nn.LeakyReLU")


def _outputs(func, cases):
    """``func`` on every case, or None if it fails on one (then check_function reports it)."""
    try:
        with forbidden_calls(_LEAKY_CALLS, func):
            return [np.asarray(func(*args), dtype=float) for args in cases]
    except Exception:  # noqa: BLE001 - any failure means "not this mistake"
        return None


def _all_close(got, want) -> bool:
    return all(g.shape == np.shape(w) and np.allclose(g, w, rtol=1e-6, atol=1e-9) for g, w in zip(got, want))


def _uses(func, name: str, args) -> bool:
    """Does ``func(*args)`` call the function ``name``? (It is made to raise, just for this call.)"""
    try:
        with forbidden_calls((name,), func):
            func(*args)
    except Exception as err:  # noqa: BLE001
        return type(err).__name__ == "ForbiddenCall"
    return False


def exercise_2(func) -> Feedback:
    """A vectorised leaky ReLU: ``func(x, negative_slope)`` -> x if x > 0, else negative_slope * x.

    Any shape of ``x`` must work, with whole-array NumPy: no Python loop over the elements
    (checked on a large array) and no call of ``cnnedu.leaky_relu`` (the function being written).
    """
    what = _("a function my_leaky_relu(x, negative_slope) that works on whole arrays")
    hint = _(
        "np.where(condition, value_if_true, value_if_false) works element by element on arrays of any shape; "
        "use the negative_slope argument, not a fixed 0.1 or 0.01."
    )
    if not is_unanswered(func) and callable(func):
        cases = _leaky_cases()
        got = _outputs(func, cases)
        if got is not None:
            if _all_close(got, [relu(x) for x, _slope in cases]):
                return Feedback(
                    False,
                    _("your function returns 0 for every negative input: that is ReLU, not leaky ReLU."),
                    _("below 0 leaky ReLU keeps a small slope: negative_slope * x, not 0."),
                )
            for fixed in (0.1, 0.01):
                if _all_close(got, [leaky_relu(x, fixed) for x, _slope in cases]):
                    return Feedback(
                        False,
                        _("your function always uses the slope {fixed}, whatever negative_slope is.", fixed=fixed),
                        _("multiply by the argument negative_slope, not by a number written in the function."),
                    )
    verdict = check_function(
        func,
        lambda x, slope: leaky_relu(x, slope),
        _leaky_cases(),
        what=what,
        hint=hint,
        why=_(
            "np.where picks x or negative_slope * x for every element at once, for any shape, "
            "as cnnedu.leaky_relu does."
        ),
        forbidden=_LEAKY_CALLS,
        forbidden_hint=_(
            "build it from NumPy yourself: a comparison x > 0 and np.where (or arithmetic on the whole array)."
        ),
        loop_free=_loop_probe(),
    )
    if verdict.passed and _uses(func, "numpy.maximum", _leaky_cases()[0]):
        return Feedback(
            True,
            _(
                "np.maximum(x, negative_slope * x) is the notes' max(0.1 * v, v) for the whole array at once. It "
                "equals leaky ReLU because 0 <= negative_slope <= 1 here: for x < 0, negative_slope * x is the "
                "larger one. For a slope above 1 it would pick the wrong side; np.where(x > 0, x, "
                "negative_slope * x) states the definition itself and holds for any slope."
            ),
        )
    return verdict


# --- Exercise 3: three linear layers are one


def given_layers():
    """The three linear layers of exercise 3, seeded:
    (W1 (4, 3), b1 (4,), W2 (5, 4), b2 (5,), W3 (2, 5), b3 (2,)), small whole numbers."""
    rng = np.random.default_rng(2025)
    shapes = [(4, 3), (4,), (5, 4), (5,), (2, 5), (2,)]
    return tuple(rng.integers(-2, 3, size=shape).astype(float) for shape in shapes)


def exercise_3(answer) -> Feedback:
    """The single layer (W, b) equal to ``linear(linear(linear(x, W1, b1), W2, b2), W3, b3)`` for every x.

    ``answer`` is a pair ``(W, b)`` with W of shape (2, 3) and b of shape (2,);
    the layers come from :func:`given_layers`.
    """
    what = _("a pair (W, b): the weight (2, 3) and bias (2,) of the collapsed layer")
    if is_unanswered(answer):
        return Feedback(None, _("replace the placeholder with {what}, then run this cell again.", what=what))
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return Feedback(
            False,
            _("expected a pair (W, b), got {kind}.", kind=type(answer).__name__),
            _("pass both arrays, e.g. `ex05.exercise_3((W, b))`."),
        )
    w, b = answer
    if is_unanswered(w) or is_unanswered(b):
        return Feedback(None, _("replace the placeholder with {what}, then run this cell again.", what=what))
    w1, b1, w2, b2, w3, b3 = given_layers()
    expected_w, expected_b = _collapsed()
    try:
        w_arr, b_arr = np.asarray(w, dtype=float), np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        w_arr = b_arr = None
    if w_arr is not None and w_arr.shape == (3, 2):
        return Feedback(
            False,
            _("W has shape (3, 2): the product is the wrong way round (or transposed)."),
            _("x goes through W1 first, so W1 is the rightmost factor: W = W3 @ W2 @ W1, shape (2, 3)."),
        )
    if w_arr is not None and w_arr.shape in ((2, 4), (5, 3)):
        return Feedback(
            False,
            _("W has shape {shape}: it collapses only two of the three layers.", shape=w_arr.shape),
            _("all three weights multiply x: W3 (W2 (W1 x + b1) + b2) + b3."),
        )
    verdict = check_array(
        w,
        expected_w,
        what=what,
        hint=_("expand W3 (W2 (W1 x + b1) + b2) + b3 and collect the terms that multiply x."),
        why="",
    )
    if not verdict.passed:
        return Feedback(False, _("W: {message}", message=verdict.message), verdict.hint)
    if b_arr is not None and b_arr.shape == (2,):
        wrong_b = {
            _("b leaves out b1."): w3 @ b2 + b3,
            _("b leaves out b2."): w3 @ w2 @ b1 + b3,
            _("b leaves out b3."): w3 @ (w2 @ b1 + b2),
            _("b is b3 alone: the earlier biases are missing."): b3,
        }
        for message, value in wrong_b.items():
            if np.allclose(b_arr, value):
                return Feedback(
                    False,
                    message,
                    _("each bias goes through every layer after it: b1 through W2 and W3, b2 through W3, b3 as it is."),
                )
    verdict = check_array(
        b,
        expected_b,
        what=what,
        hint=_("each bias goes through every layer after it: b1 through W2 and W3, b2 through W3, b3 as it is."),
        why="",
    )
    if not verdict.passed:
        return Feedback(False, _("b: {message}", message=verdict.message), verdict.hint)
    return Feedback(
        True,
        _(
            "W = W3 @ W2 @ W1 and b = W3 @ (W2 @ b1 + b2) + b3: layers with no activation between them are "
            "exactly one linear layer, however many you stack, which is why Keras's activation=None layers "
            "need an activation somewhere."
        ),
    )


# --- Exercise 4: the weighted chain


def exercise_4(answer) -> Feedback:
    """In the weighted sigmoid chain with w = 2.8 and every unit at z = 0, the smallest number of
    layers n for which the gradient d a_n / d a_0 = (w/4)**n is below 1e-6."""
    factor = _ex4_factor()
    expected = _layers_below(factor, EX4_BELOW)
    weight_free = _layers_below(float(sigmoid_derivative(np.float64(0.0))), EX4_BELOW)
    answer = _shown(answer)
    what = _("a whole number of layers")
    exact = math.log(EX4_BELOW) / math.log(factor)
    if is_close(answer, weight_free, sig=6):
        return Feedback(
            False,
            _("{answer!r} is the count for the weight-free chain, whose factor is 0.25.", answer=answer),
            _("with a weight each factor is w * sigmoid'(0) = {w:g} * 0.25 = {f:g}, not 0.25.", w=EX4_W, f=factor),
        )
    if is_close(answer, expected - 1, sig=6):
        return Feedback(
            False,
            _(
                "{answer!r} is one layer short: {f:g}**{n} = {value:.3g} is not yet below {below:g}.",
                answer=answer,
                f=factor,
                n=expected - 1,
                value=factor ** (expected - 1),
                below=EX4_BELOW,
            ),
            _("the gradient must be BELOW {below:g}: take the next whole number of layers.", below=EX4_BELOW),
        )
    if is_close(answer, exact, sig=3) and not float(answer).is_integer():
        return Feedback(
            False,
            _(
                "{answer!r} solves {f:g}**n = {below:g}, but a network has a whole number of layers.",
                answer=answer,
                f=factor,
                below=EX4_BELOW,
            ),
            _("round UP: the first whole n at which {f:g}**n is below {below:g}.", f=factor, below=EX4_BELOW),
        )
    return check_number(
        answer,
        expected,
        what=what,
        hint=_(
            "each layer multiplies the gradient by w * sigmoid'(0) = w / 4; find the first n with (w / 4)**n "
            "< {below:g} (try n = 1, 2, 3, ... or solve n > log({below:g}) / log(w / 4)).",
            below=EX4_BELOW,
        ),
        why=_(
            "each factor is {w:g} / 4 = {f:g}; {f:g}**{m} = {before:.3g} is still above {below:g}, {f:g}**{n} = "
            "{after:.3g} is below. Even at its best case z = 0 with w = {w:g}, the gradient vanishes, only more "
            "slowly than in the weight-free chain, which needs {k} layers.",
            w=EX4_W,
            f=factor,
            m=expected - 1,
            before=factor ** (expected - 1),
            below=EX4_BELOW,
            n=expected,
            after=factor**expected,
            k=weight_free,
        ),
    )


KO = {
    "a number: sigmoid'({x:g})": "숫자 하나: sigmoid'({x:g})의 값",
    "a function my_leaky_relu(x, negative_slope) that works on whole arrays": (
        "배열 전체에 한 번에 동작하는 함수 my_leaky_relu(x, negative_slope)"
    ),
    "np.where(condition, value_if_true, value_if_false) works element by element on arrays of any shape; "
    "use the negative_slope argument, not a fixed 0.1 or 0.01.": (
        "np.where(조건, 참일 때 값, 거짓일 때 값)은 어떤 shape의 배열이든 원소마다 동작합니다. "
        "0.1이나 0.01 같은 고정된 값 말고 인자 negative_slope를 쓰세요."
    ),
    "a pair (W, b): the weight (2, 3) and bias (2,) of the collapsed layer": (
        "합쳐진 한 층의 가중치 (2, 3)와 바이어스 (2,)의 쌍 (W, b)"
    ),
    "a whole number of layers": "층의 개수(정수)",
    "W = W3 @ W2 @ W1 and b = W3 @ (W2 @ b1 + b2) + b3: layers with no activation between them are exactly "
    "one linear layer, however many you stack, which is why Keras's activation=None layers need an activation "
    "somewhere.": (
        "W = W3 @ W2 @ W1, b = W3 @ (W2 @ b1 + b2) + b3. 사이에 활성화 함수가 없는 층은 몇 개를 쌓든 "
        "정확히 선형 층 하나와 같습니다. 그래서 Keras의 activation=None 층 사이에는 어딘가에 활성화 함수가 "
        "있어야 합니다."
    ),
    "{answer!r} is sigmoid({x:g}) itself, not its derivative.": (
        "{answer!r}: sigmoid({x:g}) 자체의 값이지, 그 미분값이 아닙니다."
    ),
    "multiply it by 1 - sigmoid({x:g}).": "여기에 1 - sigmoid({x:g})를 곱하세요.",
    "{answer!r} is 1 - sigmoid({x:g}), only one of the two factors.": (
        "{answer!r}: 1 - sigmoid({x:g})의 값으로, 두 인수 중 하나일 뿐입니다."
    ),
    "sigmoid'(x) = sigmoid(x) * (1 - sigmoid(x)): multiply by sigmoid({x:g}) as well.": (
        "sigmoid'(x) = sigmoid(x) * (1 - sigmoid(x))이므로 sigmoid({x:g})도 곱해야 합니다."
    ),
    "{answer!r} is the derivative at x = 0, where it is largest.": (
        "{answer!r}: 미분값이 가장 큰 x = 0에서의 값입니다."
    ),
    "evaluate sigmoid(x) * (1 - sigmoid(x)) at x = {x:g}, not at 0.": (
        "sigmoid(x) * (1 - sigmoid(x))를 0이 아니라 x = {x:g}에서 계산하세요."
    ),
    "{answer!r} is the derivative of tanh at {x:g}, not of the sigmoid.": (
        "{answer!r}: x = {x:g}에서 sigmoid가 아니라 tanh의 미분값입니다."
    ),
    "use sigmoid(x) * (1 - sigmoid(x)) with sigmoid(x) = 1 / (1 + exp(-x)).": (
        "sigmoid(x) = 1 / (1 + exp(-x))로 sigmoid(x) * (1 - sigmoid(x))를 계산하세요."
    ),
    "sigmoid'(x) = sigmoid(x) * (1 - sigmoid(x)); sigmoid({x:g}) = 1 / (1 + exp(-{x:g})) is about {s:.4f}.": (
        "sigmoid'(x) = sigmoid(x) * (1 - sigmoid(x))입니다. sigmoid({x:g}) = 1 / (1 + exp(-{x:g}))는 약 {s:.4f}입니다."
    ),
    "sigmoid({x:g}) = {s:.4f}, so sigmoid'({x:g}) = {s:.4f} * {r:.4f} = {d:.4f}: less than a fifth of its peak "
    "0.25, and the further x is from 0, the flatter the curve and the smaller the gradient.": (
        "sigmoid({x:g}) = {s:.4f}이므로 sigmoid'({x:g}) = {s:.4f} * {r:.4f} = {d:.4f}입니다. 최댓값 0.25의 "
        "5분의 1도 안 되고, x가 0에서 멀어질수록 곡선이 평평해져 기울기는 더 작아집니다."
    ),
    "np.where picks x or negative_slope * x for every element at once, for any shape, as cnnedu.leaky_relu does.": (
        "np.where는 cnnedu.leaky_relu처럼, shape에 상관없이 모든 원소에 대해 x와 negative_slope * x 중 "
        "하나를 한 번에 고릅니다."
    ),
    "build it from NumPy yourself: a comparison x > 0 and np.where (or arithmetic on the whole array).": (
        "NumPy로 직접 만들어 보세요. 비교 x > 0과 np.where(또는 배열 전체에 대한 산술 연산)면 됩니다."
    ),
    "np.maximum(x, negative_slope * x) is the notes' max(0.1 * v, v) for the whole array at once. It equals "
    "leaky ReLU because 0 <= negative_slope <= 1 here: for x < 0, negative_slope * x is the larger one. For a "
    "slope above 1 it would pick the wrong side; np.where(x > 0, x, negative_slope * x) states the definition "
    "itself and holds for any slope.": (
        "np.maximum(x, negative_slope * x)는 강의 코드의 max(0.1 * v, v)를 배열 전체에 한 번에 적용한 "
        "것입니다. 여기서는 0 <= negative_slope <= 1이라 x < 0이면 negative_slope * x 쪽이 더 크므로 leaky "
        "ReLU와 같습니다. 기울기가 1보다 크면 반대쪽을 고르게 됩니다. np.where(x > 0, x, negative_slope * x)는 "
        "정의를 그대로 옮긴 식이라 어떤 기울기에서도 맞습니다."
    ),
    "replace the placeholder with {what}, then run this cell again.": (
        "자리표시자(None 또는 ...) 대신 답을 넣고 이 셀을 다시 실행하세요. 넣을 것: {what}."
    ),
    "expected a pair (W, b), got {kind}.": "(W, b) 쌍이 필요한데, 들어온 것은 {kind}입니다.",
    "pass both arrays, e.g. `ex05.exercise_3((W, b))`.": "두 배열을 함께 넘기세요. 예: `ex05.exercise_3((W, b))`",
    "W has shape (3, 2): the product is the wrong way round (or transposed).": (
        "W의 shape이 (3, 2)입니다. 곱하는 순서가 거꾸로이거나 전치되었습니다."
    ),
    "x goes through W1 first, so W1 is the rightmost factor: W = W3 @ W2 @ W1, shape (2, 3).": (
        "x는 W1을 가장 먼저 지나므로 W1이 맨 오른쪽에 옵니다. W = W3 @ W2 @ W1, shape은 (2, 3)."
    ),
    "W has shape {shape}: it collapses only two of the three layers.": (
        "W의 shape이 {shape}입니다. 세 층 중 두 층만 합쳤습니다."
    ),
    "all three weights multiply x: W3 (W2 (W1 x + b1) + b2) + b3.": (
        "세 가중치가 모두 x에 곱해집니다: W3 (W2 (W1 x + b1) + b2) + b3."
    ),
    "expand W3 (W2 (W1 x + b1) + b2) + b3 and collect the terms that multiply x.": (
        "W3 (W2 (W1 x + b1) + b2) + b3을 전개해서 x에 곱해지는 항을 모으세요."
    ),
    "W: {message}": "W 행렬: {message}",
    "b leaves out b1.": "b에 b1이 빠졌습니다.",
    "b leaves out b2.": "b에 b2가 빠졌습니다.",
    "b leaves out b3.": "b에 b3이 빠졌습니다.",
    "b is b3 alone: the earlier biases are missing.": "b가 b3뿐입니다. 앞 층들의 바이어스이 빠졌습니다.",
    "each bias goes through every layer after it: b1 through W2 and W3, b2 through W3, b3 as it is.": (
        "각 바이어스은 그 뒤의 모든 층을 지납니다. b1은 W2와 W3을, b2는 W3을 지나고, b3은 그대로 더해집니다."
    ),
    "b: {message}": "b 벡터: {message}",
    "{answer!r} is the count for the weight-free chain, whose factor is 0.25.": (
        "{answer!r}: 인수가 0.25인, 가중치 없는 사슬의 층 수입니다."
    ),
    "with a weight each factor is w * sigmoid'(0) = {w:g} * 0.25 = {f:g}, not 0.25.": (
        "가중치가 있으면 층마다 곱해지는 인수는 0.25가 아니라 w * sigmoid'(0) = {w:g} * 0.25 = {f:g}입니다."
    ),
    "{answer!r} is one layer short: {f:g}**{n} = {value:.3g} is not yet below {below:g}.": (
        "{answer!r}: 한 층 모자랍니다. {f:g}**{n} = {value:.3g}은 아직 {below:g}보다 작지 않습니다."
    ),
    "the gradient must be BELOW {below:g}: take the next whole number of layers.": (
        "기울기가 {below:g}보다 '작아야' 합니다. 그다음 정수 층 수를 고르세요."
    ),
    "{answer!r} solves {f:g}**n = {below:g}, but a network has a whole number of layers.": (
        "{answer!r}: {f:g}**n = {below:g}의 해이지만, 신경망의 층 수는 정수입니다."
    ),
    "round UP: the first whole n at which {f:g}**n is below {below:g}.": (
        "올림하세요. {f:g}**n이 처음으로 {below:g}보다 작아지는 정수 n입니다."
    ),
    "each layer multiplies the gradient by w * sigmoid'(0) = w / 4; find the first n with (w / 4)**n < "
    "{below:g} (try n = 1, 2, 3, ... or solve n > log({below:g}) / log(w / 4)).": (
        "층마다 기울기에 w * sigmoid'(0) = w / 4가 곱해집니다. (w / 4)**n < {below:g}이 되는 첫 n을 "
        "찾으세요(n = 1, 2, 3, ...을 차례로 넣어 보거나 n > log({below:g}) / log(w / 4)를 푸세요)."
    ),
    "each factor is {w:g} / 4 = {f:g}; {f:g}**{m} = {before:.3g} is still above {below:g}, {f:g}**{n} = "
    "{after:.3g} is below. Even at its best case z = 0 with w = {w:g}, the gradient vanishes, only more slowly "
    "than in the weight-free chain, which needs {k} layers.": (
        "층마다 인수는 {w:g} / 4 = {f:g}입니다. {f:g}**{m} = {before:.3g}은 아직 {below:g}보다 크고, "
        "{f:g}**{n} = {after:.3g}은 작습니다. w = {w:g}이고 가장 유리한 z = 0에서도 기울기는 소실됩니다. "
        "{k}개 층이면 충분한 가중치 없는 사슬보다 느릴 뿐입니다."
    ),
    "your function returns 0 for every negative input: that is ReLU, not leaky ReLU.": (
        "작성한 함수는 음수 입력마다 0을 돌려줍니다. 그건 leaky ReLU가 아니라 ReLU입니다."
    ),
    "below 0 leaky ReLU keeps a small slope: negative_slope * x, not 0.": (
        "leaky ReLU는 0보다 작은 쪽에서 작은 기울기를 남깁니다. 0이 아니라 negative_slope * x입니다."
    ),
    "your function always uses the slope {fixed}, whatever negative_slope is.": (
        "작성한 함수는 negative_slope가 무엇이든 늘 기울기 {fixed}을(를) 씁니다."
    ),
    "multiply by the argument negative_slope, not by a number written in the function.": (
        "함수 안에 적어 둔 숫자가 아니라 인자 negative_slope를 곱하세요."
    ),
}
