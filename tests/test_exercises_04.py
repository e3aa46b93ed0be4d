"""The checkers of notebook 04 accept the reference solutions and reject typical mistakes."""

import numpy as np
import pytest

from cnnedu.exercises import ex04

from exercise_helpers import assert_rejected as _rejected


def test_function_stub_says_no_answer_yet():
    def my_linear(x, weight, bias):
        raise NotImplementedError

    assert ex04.exercise_4(my_linear).passed is None


@pytest.mark.parametrize(
    "answer, words",
    [(48000, ["weights only"]), (16 * 120 + 120, ["PIXEL"]), (400, []), ("48120!", [])],
)
def test_exercise_1_rejects(answer, words):
    _rejected(ex04.exercise_1(answer), *words)


@pytest.mark.parametrize(
    "answer, words",
    [(49, ["one channel"]), (78, ["product"]), (3137, []), ([64, 7, 7], [])],
)
def test_exercise_2_rejects(answer, words):
    _rejected(ex04.exercise_2(answer), *words)


@pytest.mark.parametrize(
    "answer, words",
    [
        (np.array([2.0, 1.0, 0.1]) / 3.1, ["exponentiates"]),
        (np.exp([2.0, 1.0, 0.1]), ["at index"]),  # forgot to normalise
        ([0.66, 0.24], ["shape"]),
        (["a", "b", "c"], []),
    ],
)
def test_exercise_3_rejects(answer, words):
    _rejected(ex04.exercise_3(answer), *words)


def test_exercise_3_accepts_rounded_probabilities():
    assert ex04.exercise_3([0.659, 0.242, 0.099]).passed is True


def _no_transpose(x, weight, bias):
    return np.asarray(x).reshape(len(x), -1) @ weight + bias


def _no_flatten(x, weight, bias):
    return np.asarray(x) @ np.asarray(weight).T + bias


def _no_bias(x, weight, bias):
    return np.asarray(x).reshape(len(x), -1) @ np.asarray(weight).T


@pytest.mark.parametrize(
    "func, words",
    [
        (_no_transpose, ["raised ValueError"]),
        (_no_flatten, ["test case 2"]),
        (_no_bias, ["test case 1"]),
        (42, ["expected a function"]),
    ],
)
def test_exercise_4_rejects(func, words):
    _rejected(ex04.exercise_4(func), *words)
