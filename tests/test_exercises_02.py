"""The checkers of notebook 02 accept the reference solutions, reject typical mistakes
with a targeted hint (never truncating a non-whole answer), check the method of the
function exercise, and say "No answer yet" to the placeholders the notebook ships with."""

import re

import numpy as np
import pytest

import cnnedu
from cnnedu.exercises import ex02, set_language

from exercise_helpers import assert_rejected as _rejected
from exercise_helpers import load_solutions
from exercise_helpers import stub as _stub

SOLUTIONS = load_solutions("02")
HANGUL = re.compile("[\uac00-\ud7a3]")


@pytest.fixture
def korean():
    set_language("ko")
    yield
    set_language("en")


def _loops(padded, kernel, stride, oh, ow):
    kh, kw = kernel.shape
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            out[i, j] = np.sum(padded[i * stride : i * stride + kh, j * stride : j * stride + kw] * kernel)
    return out


def ignores_padding(image, kernel, stride, padding):
    oh = (image.shape[0] - kernel.shape[0]) // stride + 1
    ow = (image.shape[1] - kernel.shape[1]) // stride + 1
    return _loops(image, kernel, stride, oh, ow)


def ignores_stride(image, kernel, stride, padding):
    return SOLUTIONS.exercise_5(image, kernel, 1, padding)


def rounds_up(image, kernel, stride, padding):
    # keeps a last, partial window by padding one more stride of zeros at the end
    padded = np.pad(image, ((padding, padding + stride), (padding, padding + stride)))
    oh = -(-(image.shape[0] + 2 * padding - kernel.shape[0]) // stride) + 1
    ow = -(-(image.shape[1] + 2 * padding - kernel.shape[1]) // stride) + 1
    return _loops(padded, kernel, stride, oh, ow)


def calls_conv2d(image, kernel, stride, padding):
    return cnnedu.conv2d(image[None, None], kernel[None, None], stride=stride, padding=padding)[0, 0]


def calls_im2col(image, kernel, stride, padding):
    cols = cnnedu.im2col(image[None, None], kernel.shape, stride, padding)
    oh = (image.shape[0] + 2 * padding - kernel.shape[0]) // stride + 1
    return (cols @ kernel.ravel()).reshape(oh, -1)


WRONG = [
    ("exercise_1", 8.5, ["DOWN"]),  # (16 + 2 - 3) / 2 + 1 without the floor
    ("exercise_1", 9, ["DOWN"]),  # ceil instead of floor
    ("exercise_1", 16, []),  # as if 'same' at stride 1
    ("exercise_1", "8", ["string", "not a number"]),
    ("exercise_1", 7.5, ["whole number"]),
    ("exercise_2", (4, 3), ["first", "lecture's formula", "AFTER"]),
    ("exercise_2", (0.9, 1.2), ["whole number"]),  # never truncated to (0, 1)
    ("exercise_2", (0.5, 0.5), ["0.5", "whole number"]),  # echoes what was typed, not (0, 0)
    ("exercise_2", (3.5, 3.5), ["half", "odd"]),
    ("exercise_2", 7, ["total"]),
    ("exercise_2", (3, 3), []),
    ("exercise_2", "(3, 4)", ["string"]),
    ("exercise_3", 2, ["plain 5x5", "spans"]),
    ("exercise_3", 8, ["TOTAL"]),
    ("exercise_3", 9, []),
    ("exercise_3", "4", ["string"]),
    ("exercise_3", 4.5, ["whole number"]),
    ("exercise_4", (8, 3, 8, 8), ["filters"]),
    ("exercise_4", (8, 32, 16, 16), ["stride of the last layer"]),
    ("exercise_4", (8, 32, 7, 7), ["'valid'"]),
    ("exercise_4", (8, 32, 8.5, 8.5), ["whole number"]),
    ("exercise_4", (8, 32, 8), ["expected 4 numbers"]),
    ("exercise_5", ignores_padding, ["shape"]),
    ("exercise_5", ignores_stride, ["shape"]),
    ("exercise_5", rounds_up, ["test case 2"]),
    ("exercise_5", calls_conv2d, ["cnnedu.conv2d", "loops"]),
    ("exercise_5", calls_im2col, ["im2col"]),
    ("exercise_5", 42, ["function"]),
]
IDS = [f"{n}-{i}" for i, (n, _, _) in enumerate(WRONG)]


def test_function_stub_is_not_an_answer_yet():
    assert ex02.exercise_5(_stub).passed is None


@pytest.mark.parametrize("name,answer,words", WRONG, ids=IDS)
def test_wrong_answers_get_their_hint(name, answer, words):
    _rejected(getattr(ex02, name)(answer), *words)


@pytest.mark.parametrize("name,answer,words", WRONG, ids=IDS)
def test_wrong_answers_in_korean(korean, name, answer, words):
    verdict = getattr(ex02, name)(answer)
    assert verdict.passed is False
    assert HANGUL.search(verdict.message) and HANGUL.search(verdict.hint), repr(verdict)
    assert repr(verdict).startswith("아직 아니에요: ")


def test_truncated_answers_are_not_echoed_as_ints():
    text = repr(ex02.exercise_2((0.5, 0.5)))
    assert "(0, 0)" not in text
    assert ex02.exercise_2((0.9, 1.2)).passed is False


def test_right_answers_in_other_forms():
    assert ex02.exercise_1(8.0).passed and ex02.exercise_1(np.int64(8)).passed
    assert ex02.exercise_2([3, 4]).passed and ex02.exercise_2((3.0, 4.0)).passed
    assert ex02.exercise_3(4.0).passed
    assert ex02.exercise_4([8, 32, 8, 8]).passed


def test_right_answer_and_placeholder_in_korean(korean):
    for name in ("exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5"):
        right = getattr(ex02, name)(getattr(SOLUTIONS, name))
        assert right.passed is True and repr(right).startswith("정답: ") and HANGUL.search(right.message)
        empty = getattr(ex02, name)(None)
        assert empty.passed is None and HANGUL.search(repr(empty))


def test_expected_answers_are_the_solutions_and_the_package():
    answers = ex02.expected_answers()
    for name, value in answers.items():
        assert getattr(SOLUTIONS, name) == value
    assert answers["exercise_2"] == cnnedu.same_padding(13, 8, 2)
    x = np.zeros((1, 1, 20, 20))
    assert cnnedu.conv2d(x, np.zeros((1, 1, 5, 5)), padding=answers["exercise_3"], dilation=2).shape[2:] == (20, 20)
