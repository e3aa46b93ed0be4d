"""The checkers of notebook 01 accept the reference solutions, reject typical mistakes
with a hint, and say "No answer yet" to the placeholders the notebook ships with."""

import pytest

import cnnedu
from cnnedu.exercises import ex01

from exercise_helpers import assert_rejected as _rejected
from exercise_helpers import stub as _stub


@pytest.mark.parametrize("checker", [ex01.exercise_3, ex01.exercise_5], ids=lambda c: c.__name__)
def test_function_stub_is_not_an_answer_yet(checker):
    assert checker(_stub).passed is None


def test_exercise_1_rejects_n_minus_f():
    _rejected(ex01.exercise_1(4))
    _rejected(ex01.exercise_1(7))


def test_exercise_2_hints_at_the_typical_mistakes():
    _rejected(ex01.exercise_2(6 * 3 * 5 * 5), "bias")  # forgot the bias
    _rejected(ex01.exercise_2(6 * 5 * 5 + 6), "channels")  # forgot the channels
    _rejected(ex01.exercise_2(1000))


def test_exercise_3_rejects_single_channel_and_flipped_versions():
    def first_channel_only(x, w):
        return cnnedu.conv2d(x[None, :1], w[None, :1])[0, 0]

    def flipped(x, w):
        return cnnedu.conv2d(x[None], w[None, :, ::-1, ::-1])[0, 0]

    def square_only(x, w):  # uses KH for both axes: breaks on the 2x3 kernel
        k = w.shape[1]
        return cnnedu.conv2d(x[None], w[None, :, :, :k] if w.shape[2] >= k else w[None])[0, 0]

    def crashes(x, w):
        return x[99]

    verdict = ex01.exercise_3(first_channel_only)
    _rejected(verdict, "test case")
    _rejected(ex01.exercise_3(flipped))
    _rejected(ex01.exercise_3(square_only), "shape")
    _rejected(ex01.exercise_3(crashes), "IndexError")
    _rejected(ex01.exercise_3(42), "function")


def test_exercise_4_hints():
    _rejected(ex01.exercise_4((15, 3, 438, 438)), "FILTER")
    _rejected(ex01.exercise_4((15, 10, 440, 440)), "padding")
    _rejected(ex01.exercise_4((15, 438, 438, 10)))  # channels last: not the NCHW order
    _rejected(ex01.exercise_4("15, 10, 438, 438"))


def test_exercise_5_rejects_plain_reshape_and_missing_bias():
    def plain_reshape(x, weight, bias):
        n, _, h, w = x.shape
        f, _, kh, kw = weight.shape
        out = cnnedu.im2col(x, (kh, kw)) @ weight.reshape(f, -1).T + bias
        return out.reshape(n, f, h - kh + 1, w - kw + 1)

    def no_bias(x, weight, bias):
        return cnnedu.conv2d(x, weight)

    def first_image_only(x, weight, bias):
        return cnnedu.conv2d(x[:1], weight, bias)

    _rejected(ex01.exercise_5(plain_reshape), "transpose")
    _rejected(ex01.exercise_5(no_bias), "test case 1")
    _rejected(ex01.exercise_5(first_image_only), "shape")
