"""The checkers of notebook 03 accept the reference solutions and reject typical mistakes."""

import numpy as np
import pytest

from cnnedu.exercises import ex03

from exercise_helpers import assert_rejected as _rejected


@pytest.mark.parametrize(
    "answer, words",
    [
        ([[2.5, 2.0], [3.0, 2.0]], ["AVERAGES"]),  # average pooling
        ([[4, 5, 5], [7, 7, 5], [7, 7, 6]], ["stride 2"]),  # stride 1
        ([[4, 7], [5, 6]], ["at index"]),  # transposed
        ([4, 5, 7, 6], ["shape"]),  # flat
        ("four", []),
    ],
)
def test_exercise_1_rejects(answer, words):
    _rejected(ex03.exercise_1(answer), *words)


def test_exercise_1_stride_1_answer_is_really_stride_1():
    x = ex03.EX1_INPUT[None, None]
    from cnnedu import max_pool2d

    assert np.array_equal(max_pool2d(x, 2, 1)[0, 0], [[4, 5, 5], [7, 7, 5], [7, 7, 6]])


@pytest.mark.parametrize(
    "answer, words",
    [
        ((1, 96, 28, 28), ["floor"]),  # ceil instead of floor
        ((1, 1, 27, 27), ["channels"]),
        ((1, 96, 53, 53), []),  # stride 1
        ((96, 27, 27), []),  # no batch axis
        ("27", []),
    ],
)
def test_exercise_2_rejects(answer, words):
    _rejected(ex03.exercise_2(answer), *words)


@pytest.mark.parametrize(
    "answer, words",
    [
        (256 * 36 * 10 + 10, ["Flatten"]),
        (256 * 10 + 10, ["GAP"]),
        (36, ["ratio"]),
        (92160 - 2560 + 10, []),
        (np.array([1, 2]), []),
    ],
)
def test_exercise_3_rejects(answer, words):
    _rejected(ex03.exercise_3(answer), *words)


def test_exercise_3_ratio_hint_uses_the_real_ratio():
    assert (256 * 36 * 10 + 10) // (256 * 10 + 10) == 35
    _rejected(ex03.exercise_3(35), "ratio")


@pytest.mark.parametrize(
    "answer, words",
    [
        (np.kron(ex03.EX4_GRAD, np.full((2, 2), 0.25)), ["AVERAGE"]),
        (np.kron(ex03.EX4_GRAD, np.ones((2, 2))), ["all four"]),
        (np.zeros((4, 4)), ["at index"]),
        ([[1, 2], [3, 4]], ["shape"]),
    ],
)
def test_exercise_4_rejects(answer, words):
    _rejected(ex03.exercise_4(answer), *words)
