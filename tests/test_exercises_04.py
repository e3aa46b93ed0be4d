"""The checkers of notebook 04 accept the reference solutions and reject typical mistakes,
each with its targeted hint, in English and in Korean; the function exercises check the method."""

import numpy as np
import pytest

import cnnedu
from cnnedu.exercises import ex04, set_language

from exercise_helpers import assert_rejected as _rejected
from exercise_helpers import load_solutions

SOLUTIONS = load_solutions("04")


def _softmax_with_cnnedu(z):
    return cnnedu.softmax(z)


def _softmax_imported(z):
    from cnnedu.activations import softmax

    return softmax(z, axis=-1)


def _softmax_unstable(z):
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def _softmax_wrong_axis(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def _softmax_no_exp(z):
    return z / z.sum(axis=-1, keepdims=True)


def _linear_with_cnnedu(x, weight, bias):
    return cnnedu.linear(np.transpose(x, (0, 3, 1, 2)), weight, bias)


def _linear_with_layer(x, weight, bias):
    layer = cnnedu.nn.Linear(weight.shape[1], weight.shape[0])
    layer.params["weight"], layer.params["bias"] = weight, bias
    return layer.forward(np.transpose(x, (0, 3, 1, 2)))


def _linear_channels_last(x, weight, bias):
    return x.reshape(len(x), -1) @ weight.T + bias


def _linear_rows_columns_swapped(x, weight, bias):
    return np.transpose(x, (0, 3, 2, 1)).reshape(len(x), -1) @ weight.T + bias


def _linear_no_bias(x, weight, bias):
    return np.transpose(x, (0, 3, 1, 2)).reshape(len(x), -1) @ weight.T


def _linear_no_transpose_of_weight(x, weight, bias):
    return np.transpose(x, (0, 3, 1, 2)).reshape(len(x), -1) @ weight + bias


# (checker, wrong answer, words of its targeted feedback)
WRONG = [
    (ex04.exercise_1, 400_000, ["weights only"]),
    (ex04.exercise_1, 50 * 500 + 500, ["VALUE"]),
    (ex04.exercise_1, 16 * 500 + 500, ["one 4x4 map"]),
    (ex04.exercise_1, 800, ["number of inputs"]),
    (ex04.exercise_1, 16 * 5 * 5 * 120 + 120, ["C*H*W"]),  # the (120, 400) layer of §1
    (ex04.exercise_1, 400_500.5, ["whole number"]),
    (ex04.exercise_1, "400500", ["string"]),
    (ex04.exercise_2, 49, ["one channel"]),
    (ex04.exercise_2, 78, ["product"]),
    (ex04.exercise_2, 3137, ["channels times rows"]),
    (ex04.exercise_2, [64, 7, 7], ["one whole number"]),
    (ex04.exercise_2, 3136.5, ["whole number"]),
    (ex04.exercise_3, _softmax_with_cnnedu, ["cnnedu.softmax", "np.exp"]),
    (ex04.exercise_3, _softmax_imported, ["cnnedu.softmax", "np.exp"]),
    (ex04.exercise_3, _softmax_unstable, ["overflow", "subtract the largest"]),
    (ex04.exercise_3, _softmax_wrong_axis, ["wrong axis"]),
    (ex04.exercise_3, _softmax_no_exp, ["divides the scores", "exponentiates"]),
    (ex04.exercise_3, 42, ["expected a function"]),
    (ex04.exercise_4, _linear_with_cnnedu, ["cnnedu.linear", "reshape"]),
    (ex04.exercise_4, _linear_with_layer, ["cnnedu.linear"]),  # the nn layer calls it too
    (ex04.exercise_4, _linear_channels_last, ["channels-last", "transpose(0, 3, 1, 2)"]),
    (ex04.exercise_4, _linear_rows_columns_swapped, ["swaps the rows"]),
    (ex04.exercise_4, _linear_no_bias, ["test case 1"]),
    (ex04.exercise_4, _linear_no_transpose_of_weight, ["test case 1", "raised ValueError"]),
    (ex04.exercise_5, [0.66, 0.24, 0.10], ["close"]),  # rounded to 2 figures
    (ex04.exercise_5, [float("nan")] * 3, ["overflow"]),
    (ex04.exercise_5, np.array([1002.0, 1001.0, 1000.1]) / 3003.1, ["divided by their sum"]),
    (ex04.exercise_5, SOLUTIONS.exercise_5[::-1], ["wrong order"]),
    (ex04.exercise_5, [0.5, 0.3, 0.2], ["at index"]),
    (ex04.exercise_5, 0.659, ["shape"]),
    (ex04.exercise_5, "0.659, 0.242, 0.0986", ["string"]),
]


@pytest.fixture
def korean():
    set_language("ko")
    yield
    set_language("en")


@pytest.mark.parametrize("checker, answer, words", WRONG)
def test_wrong_answers_get_their_hint(checker, answer, words):
    _rejected(checker(answer), *words)


@pytest.mark.parametrize("checker, answer, words", WRONG)
def test_wrong_answers_are_answered_in_korean(korean, checker, answer, words):
    verdict = checker(answer)
    assert verdict.passed is False
    text = repr(verdict)
    assert text.startswith("아직 아니에요: ") and "힌트" in text, text
    assert sum("\uac00" <= ch <= "\ud7a3" for ch in verdict.message + verdict.hint) > 5, text


def test_function_stubs_say_no_answer_yet():
    def stub(*args):
        raise NotImplementedError

    assert ex04.exercise_3(stub).passed is None
    assert ex04.exercise_4(stub).passed is None


def test_forbidden_functions_are_restored():
    softmax, linear = cnnedu.softmax, cnnedu.linear
    ex04.exercise_3(_softmax_with_cnnedu)
    ex04.exercise_4(_linear_with_layer)
    assert cnnedu.softmax is softmax and cnnedu.activations.softmax is softmax
    assert cnnedu.linear is linear and cnnedu.nn.linear.linear is linear
    assert np.allclose(cnnedu.softmax(np.zeros(2)), 0.5)


def test_answers_right_to_three_figures_pass():
    assert ex04.exercise_5([0.659, 0.242, 0.0986]).passed is True
    assert ex04.exercise_5(np.array([0.65900, 0.24243, 0.09856])).passed is True
    assert ex04.exercise_1(400_500.0).passed is True
    assert ex04.exercise_2(np.int64(3136)).passed is True


def test_expected_answers_are_the_checkers_answers():
    for name, value in ex04.expected_answers().items():
        assert getattr(ex04, name)(value).passed is True, name
