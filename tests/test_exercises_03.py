"""The checkers of notebook 03 accept the reference solutions and reject typical mistakes,
each with its targeted hint, in English and in Korean."""

import numpy as np
import pytest

from cnnedu import max_pool2d
from cnnedu.exercises import ex03, set_language

from exercise_helpers import assert_rejected as _rejected

WINNERS_VALUES = [[0, 0, 0, 0], [4, 0, 5, 0], [0, 7, 0, 0], [0, 0, 6, 0]]
WINNERS_ONES = [[0, 0, 0, 0], [1, 0, 1, 0], [0, 1, 0, 0], [0, 0, 1, 0]]
TOP_LEFT = [[1, 0, 2, 0], [0, 0, 0, 0], [3, 0, 4, 0], [0, 0, 0, 0]]

# (checker, wrong answer, words of its targeted feedback)
WRONG = [
    (ex03.exercise_1, [[2.5, 2.0], [3.0, 2.0]], ["AVERAGES"]),  # average pooling
    (ex03.exercise_1, [[4, 5, 5], [7, 7, 5], [7, 7, 6]], ["stride 2"]),  # stride 1
    (ex03.exercise_1, [[4, 7], [5, 6]], ["swapped", "top-right"]),  # transposed
    (ex03.exercise_1, [4, 5, 7, 6], ["shape"]),  # flat
    (ex03.exercise_1, [[4, 5], [7, 5]], ["at index (1, 1)"]),
    (ex03.exercise_2, (8, 256, 14, 14), ["floor", "ceil"]),  # ceil instead of floor
    (ex03.exercise_2, (8, 1, 13, 13), ["channels"]),
    (ex03.exercise_2, (1, 256, 13, 13), ["N stays 8"]),
    (ex03.exercise_2, (8, 256, 12, 12), ["+ 1"]),
    (ex03.exercise_2, (8, 256, 25, 25), ["stride 1"]),
    (ex03.exercise_2, (256, 13, 13), ["batch axis"]),
    (ex03.exercise_2, (1, 96, 27, 27), ["FIRST pooling layer"]),  # copied from §5
    (ex03.exercise_2, (8, 256, 13.5, 13.5), ["13.5", "whole number"]),  # never truncated
    (ex03.exercise_2, (1, 96, 27.5, 27.5), ["27.5", "whole number"]),  # the example (55 / 2)
    (ex03.exercise_2, "(8, 256, 13, 13)", ["string"]),
    (ex03.exercise_2, (8, 256, 13), ["floor"]),
    (ex03.exercise_3, 256 * 36 * 10 + 10, ["Flatten + Dense"]),
    (ex03.exercise_3, 256 * 10 + 10, ["GAP + Dense"]),
    (ex03.exercise_3, 36, ["ratio"]),
    (ex03.exercise_3, 35, ["ratio"]),  # (256*36*10 + 10) // (256*10 + 10)
    (ex03.exercise_3, 256 * 36 - 256, ["per class"]),
    (ex03.exercise_3, 89600.5, ["whole number"]),
    (ex03.exercise_3, "89600", ["string", "without quotes"]),
    (ex03.exercise_3, 12345, ["C*H*W"]),
    (ex03.exercise_4, np.kron(ex03.EX4_GRAD, np.full((2, 2), 0.25)), ["AVERAGE"]),
    (ex03.exercise_4, np.kron(ex03.EX4_GRAD, np.ones((2, 2))), ["all four"]),
    (ex03.exercise_4, WINNERS_VALUES, ["VALUES", "gradient"]),
    (ex03.exercise_4, WINNERS_ONES, ["local derivative", "chain rule"]),
    (ex03.exercise_4, TOP_LEFT, ["top-left"]),
    (ex03.exercise_4, np.zeros((4, 4)), ["at index"]),
    (ex03.exercise_4, [[1, 2], [3, 4]], ["shape"]),
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


def test_stride_1_and_transposed_answers_are_what_they_claim():
    x = ex03.EX1_INPUT[None, None]
    assert np.array_equal(max_pool2d(x, 2, 1)[0, 0], [[4, 5, 5], [7, 7, 5], [7, 7, 6]])
    assert np.array_equal(max_pool2d(x, 2, 2)[0, 0].T, [[4, 7], [5, 6]])


def test_whole_floats_and_arrays_are_accepted():
    assert ex03.exercise_2((8.0, 256.0, 13.0, 13.0)).passed is True
    assert ex03.exercise_2([8, 256, 13, 13]).passed is True
    assert ex03.exercise_3(89600.0).passed is True
    assert ex03.exercise_3(np.int64(89600)).passed is True
    assert ex03.exercise_1(np.array([[4.0, 5.0], [7.0, 6.0]])).passed is True


def test_expected_answers_are_the_checkers_answers():
    for name, value in ex03.expected_answers().items():
        assert getattr(ex03, name)(value).passed is True, name


def test_feedback_renders_as_html():
    html = ex03.exercise_1([[4, 7], [5, 6]])._repr_html_()
    assert "swapped" in html and "<div" in html
