"""The checkers of notebook 05 accept the reference solutions, reject typical mistakes with a
targeted hint, forgive rounding, check the method of the function exercise, and speak Korean
when asked to. (Placeholders and the reference solutions of every notebook are also covered
by test_exercises_all.py.)"""

import numpy as np
import pytest

import cnnedu
from cnnedu.exercises import ex05, set_language

from exercise_helpers import assert_rejected
from exercise_helpers import stub as _stub

W1, B1, W2, B2, W3, B3 = ex05.given_layers()


def _has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


@pytest.fixture
def korean():
    set_language("ko")
    yield
    set_language("en")


@pytest.mark.parametrize("n, placeholder", [(2, _stub), (3, (None, None))])
def test_unfinished_answers_say_no_answer_yet(n, placeholder):
    assert getattr(ex05, f"exercise_{n}")(placeholder).passed is None


def test_expected_answers_follow_from_the_questions(sol):
    answers = ex05.expected_answers()
    s = 1 / (1 + np.exp(-3.0))
    assert answers["exercise_1"] == pytest.approx(s * (1 - s))
    np.testing.assert_allclose(answers["exercise_3"], W3 @ W2 @ W1)
    n = answers["exercise_4"]
    assert 0.7**n < 1e-6 <= 0.7 ** (n - 1)


# --- Exercise 1: sigmoid'(3)


@pytest.mark.parametrize(
    "wrong, words",
    [
        (0.9526, ["sigmoid(3) itself", "1 - sigmoid(3)"]),  # sigmoid(3), not its derivative
        (0.0474, ["only one of the two factors"]),  # 1 - sigmoid(3)
        (0.25, ["derivative at x = 0"]),  # the peak, printed in section 2
        (0.00987, ["derivative of tanh"]),  # tanh'(3)
        (0.3, ["sigmoid(3) = 1 / (1 + exp(-3))"]),  # anything else: the general hint
    ],
)
def test_exercise_1_targeted_hints(wrong, words):
    assert_rejected(ex05.exercise_1(wrong), *words)


def test_exercise_1_forgives_rounding_and_refuses_text():
    for right in (0.0452, 0.04518, np.float32(0.045177), 0.9526 * 0.0474):
        assert ex05.exercise_1(right).passed is True, right
    assert "close" in repr(ex05.exercise_1(0.045))  # two significant figures: asked for more
    assert_rejected(ex05.exercise_1("0.0452"), "not a number")


# --- Exercise 2: leaky ReLU on whole arrays


def test_exercise_2_rejects_relu_and_a_fixed_slope():
    assert_rejected(ex05.exercise_2(lambda x, negative_slope=0.01: np.maximum(x, 0)), "that is ReLU")

    def fixed(x, negative_slope=0.01):
        x = np.asarray(x)
        return np.where(x > 0, x, 0.1 * x)

    assert_rejected(ex05.exercise_2(fixed), "always uses the slope 0.1", "negative_slope")


def test_exercise_2_refuses_a_python_loop():
    def loop(x, negative_slope=0.01):  # right values, one Python iteration per element
        x = np.asarray(x, dtype=float)
        out = np.empty_like(x)
        for index, v in np.ndenumerate(x):
            out[index] = v if v > 0 else negative_slope * v
        return out

    assert_rejected(ex05.exercise_2(loop), "Python loop", "whole-array")

    def notes_style(x, negative_slope=0.01):  # the notes' list comprehension: breaks on a 2D array
        return np.array([max(negative_slope * v, v) for v in x])

    assert_rejected(ex05.exercise_2(notes_style), "raised")


def test_exercise_2_refuses_the_library_function_and_restores_it():
    original = cnnedu.leaky_relu
    feedback = ex05.exercise_2(lambda x, negative_slope=0.01: cnnedu.leaky_relu(x, negative_slope))
    assert_rejected(feedback, "leaky_relu", "np.where")
    layer = ex05.exercise_2(lambda x, negative_slope=0.01: cnnedu.nn.LeakyReLU(negative_slope).forward(x))
    assert_rejected(layer, "whole job")
    assert cnnedu.leaky_relu is original and cnnedu.activations.leaky_relu is original
    assert np.allclose(cnnedu.nn.LeakyReLU(0.1).forward(np.array([-1.0, 2.0])), [-0.1, 2.0])


def test_exercise_2_np_maximum_is_right_and_told_why():
    def with_maximum(x, negative_slope=0.01):
        x = np.asarray(x)
        return np.maximum(x, negative_slope * x)

    feedback = ex05.exercise_2(with_maximum)
    assert feedback.passed is True
    assert "np.maximum(x, negative_slope * x)" in feedback.message and "slope above 1" in feedback.message
    assert "np.where picks" not in feedback.message
    assert np.maximum(3.0, 1.0) == 3.0  # numpy.maximum is back


def test_exercise_2_rejects_what_is_not_a_function():
    assert_rejected(ex05.exercise_2(42), "function")


# --- Exercise 3: three linear layers


def test_exercise_3_layers_are_what_the_checker_expects():
    shapes = [a.shape for a in ex05.given_layers()]
    assert shapes == [(4, 3), (4,), (5, 4), (5,), (2, 5), (2,)]
    for a, b in zip(ex05.given_layers(), (W1, B1, W2, B2, W3, B3)):  # deterministic
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda w, b: (w.T, b), ["shape (3, 2)", "W3 @ W2 @ W1"]),
        (lambda w, b: (W3 @ W2, b), ["only two of the three layers"]),
        (lambda w, b: (W2 @ W1, b), ["only two of the three layers"]),
        (lambda w, b: (w, W3 @ B2 + B3), ["leaves out b1", "every layer after it"]),
        (lambda w, b: (w, W3 @ W2 @ B1 + B3), ["leaves out b2"]),
        (lambda w, b: (w, W3 @ (W2 @ B1 + B2)), ["leaves out b3"]),
        (lambda w, b: (w, B3), ["b3 alone"]),
        (lambda w, b: (w + 1, b), ["W:", "values differ"]),
        (lambda w, b: (w, b + 1), ["b:", "values differ"]),
        (lambda w, b: w, ["pair"]),
    ],
)
def test_exercise_3_targeted_hints(sol, make, words):
    assert_rejected(ex05.exercise_3(make(*sol.exercise_3)), *words)


def test_exercise_3_forgives_rounding_of_whole_numbers(sol):
    w, b = sol.exercise_3
    assert ex05.exercise_3((w.tolist(), b.tolist())).passed is True
    assert ex05.exercise_3((w.astype(np.float32), b)).passed is True


# --- Exercise 4: the weighted chain


@pytest.mark.parametrize(
    "wrong, words",
    [
        (10, ["weight-free chain", "0.7"]),  # the factor 0.25 of section 4
        (38, ["one layer short", "BELOW"]),
        (38.73, ["whole number of layers", "round UP"]),
        (40, ["w / 4"]),
        (39.5, ["whole number"]),
        ("39", ["not a number"]),
    ],
)
def test_exercise_4_targeted_hints(wrong, words):
    assert_rejected(ex05.exercise_4(wrong), *words)


def test_exercise_4_accepts_a_whole_float():
    assert ex05.exercise_4(39.0).passed is True and ex05.exercise_4(np.int64(39)).passed is True


# --- Korean feedback


WRONG = [
    (1, 0.9526),
    (1, 0.0474),
    (1, 0.25),
    (1, 0.00987),
    (1, 0.3),
    (1, 0.045),
    (2, lambda x, negative_slope=0.01: np.maximum(x, 0)),
    (2, lambda x, negative_slope=0.01: np.where(np.asarray(x) > 0, x, 0.1 * np.asarray(x))),
    (2, lambda x, negative_slope=0.01: cnnedu.leaky_relu(x, negative_slope)),
    (
        2,
        lambda x, negative_slope=0.01: np.array([v if v > 0 else negative_slope * v for v in np.ravel(x)]).reshape(
            np.shape(x)
        ),
    ),
    (3, (W3 @ W2 @ W1).T),
    (3, ((W3 @ W2 @ W1).T, B3)),
    (3, (W3 @ W2, B3)),
    (3, (W3 @ W2 @ W1, B3)),
    (3, (W3 @ W2 @ W1, W3 @ B2 + B3)),
    (4, 10),
    (4, 38),
    (4, 38.73),
    (4, 40),
]


@pytest.mark.parametrize("n, wrong", WRONG)
def test_wrong_answers_get_korean_feedback(korean, n, wrong):
    feedback = getattr(ex05, f"exercise_{n}")(wrong)
    assert feedback.passed is False
    assert _has_hangul(feedback.message) and _has_hangul(feedback.hint), repr(feedback)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_right_answers_and_placeholders_in_korean(korean, sol, n):
    checker = getattr(ex05, f"exercise_{n}")
    assert _has_hangul(checker(getattr(sol, f"exercise_{n}")).message)
    assert _has_hangul(repr(checker(None)))
