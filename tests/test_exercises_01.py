"""The checkers of notebook 01 accept the reference solutions, reject typical mistakes
with a targeted hint, check the method of the function exercises, and say "No answer yet"
to the placeholders the notebook ships with."""

import re

import numpy as np
import pytest

import cnnedu
from cnnedu.exercises import ex01, set_language

from exercise_helpers import assert_rejected as _rejected
from exercise_helpers import load_solutions
from exercise_helpers import stub as _stub

SOLUTIONS = load_solutions("01")
HANGUL = re.compile("[\uac00-\ud7a3]")


@pytest.fixture
def korean():
    set_language("ko")
    yield
    set_language("en")


# --- typical wrong functions (written with loops or im2col, never the forbidden calls) ---


def flipped_loops(x, w):  # the textbook convolution: kernel turned by 180 degrees
    return SOLUTIONS.exercise_3(x, w[:, ::-1, ::-1])


def first_channel_only(x, w):
    return SOLUTIONS.exercise_3(x[:1], w[:1])


def square_only(x, w):  # uses KH for both axes: breaks on the 2x3 kernel
    k = w.shape[1]
    out = np.zeros((x.shape[1] - k + 1, x.shape[2] - k + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(x[:, i : i + k, j : j + k] * w[:, :k, :k])
    return out


def calls_conv2d(x, w):
    return cnnedu.conv2d(x[None], w[None])[0, 0]


def _im2col_rows(x, weight):
    f, _, kh, kw = weight.shape
    return cnnedu.im2col(x, (kh, kw)) @ weight.reshape(f, -1).T  # (N*OH*OW, F)


def no_bias(x, weight, bias):
    n, _, h, w = x.shape
    f, _, kh, kw = weight.shape
    return _im2col_rows(x, weight).reshape(n, h - kh + 1, w - kw + 1, f).transpose(0, 3, 1, 2)


def plain_reshape(x, weight, bias):
    n, _, h, w = x.shape
    f, _, kh, kw = weight.shape
    return (_im2col_rows(x, weight) + bias).reshape(n, f, h - kh + 1, w - kw + 1)


def plain_reshape_other_product(x, weight, bias):  # W @ cols.T, then a plain reshape
    n, _, h, w = x.shape
    f, _, kh, kw = weight.shape
    prod = weight.reshape(f, -1) @ cnnedu.im2col(x, (kh, kw)).T + bias[:, None]  # (F, N*OH*OW)
    return prod.reshape(n, f, h - kh + 1, w - kw + 1)


def loops_over_positions(x, weight, bias):
    n, _, h, w = x.shape
    f, _, kh, kw = weight.shape
    out = np.zeros((n, f, h - kh + 1, w - kw + 1))
    for i in range(h - kh + 1):
        for j in range(w - kw + 1):
            window = x[:, :, i : i + kh, j : j + kw].reshape(n, -1)
            out[:, :, i, j] = window @ weight.reshape(f, -1).T + bias
    return out


def calls_conv2d_batch(x, weight, bias):
    return cnnedu.conv2d(x, weight, bias)


def calls_naive(x, weight, bias):
    return cnnedu.conv.conv2d_naive(x, weight, bias)


def uses_layer(x, weight, bias):
    layer = cnnedu.nn.Conv2d(weight.shape[1], weight.shape[0], weight.shape[2:])
    return layer.forward(x)


def first_image_only(x, weight, bias):
    return SOLUTIONS.exercise_5(x[:1], weight, bias)


# (checker, wrong answer, words of its targeted feedback)
WRONG = [
    ("exercise_1", 7, ["one short"]),
    ("exercise_1", 12, ["size of the image"]),
    ("exercise_1", 9, []),
    ("exercise_1", "8", ["string", "not a number"]),
    ("exercise_1", 8.5, ["whole number"]),
    ("exercise_2", 540, ["weights only", "bias"]),
    ("exercise_2", 100, ["channels"]),
    ("exercise_2", 280, ["channels of the image"]),
    ("exercise_2", 270, ["channels of the image"]),
    ("exercise_2", 1000, []),
    ("exercise_2", "550", ["string"]),
    ("exercise_2", 549.5, ["whole number"]),
    ("exercise_3", flipped_loops, ["flips the kernel", "w[:, ::-1, ::-1]"]),
    ("exercise_3", first_channel_only, ["test case"]),
    ("exercise_3", square_only, ["shape"]),
    ("exercise_3", calls_conv2d, ["cnnedu.conv2d", "loops"]),
    ("exercise_3", 42, ["function"]),
    ("exercise_4", (15, 3, 438, 438), ["FILTER"]),
    ("exercise_4", (15, 10, 440, 440), ["padding"]),
    ("exercise_4", (15, 438, 438, 10), ["NHWC"]),
    ("exercise_4", (15, 10, 438.5, 438.5), ["whole number"]),
    ("exercise_4", "15, 10, 438, 438", ["string"]),
    ("exercise_4", (15, 10, 438), ["expected 4 numbers"]),
    ("exercise_5", no_bias, ["bias"]),
    ("exercise_5", plain_reshape, ["wrong places", "transpose"]),
    ("exercise_5", plain_reshape_other_product, ["wrong places", "transpose"]),
    ("exercise_5", loops_over_positions, ["Python loop"]),
    ("exercise_5", calls_conv2d_batch, ["cnnedu.conv2d", "im2col"]),
    ("exercise_5", calls_naive, ["conv2d_naive"]),
    ("exercise_5", uses_layer, ["Conv2d"]),
    ("exercise_5", first_image_only, ["shape"]),
]


@pytest.mark.parametrize("checker", [ex01.exercise_3, ex01.exercise_5], ids=lambda c: c.__name__)
def test_function_stub_is_not_an_answer_yet(checker):
    assert checker(_stub).passed is None


@pytest.mark.parametrize("name,answer,words", WRONG, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(WRONG)])
def test_wrong_answers_get_their_hint(name, answer, words):
    _rejected(getattr(ex01, name)(answer), *words)


@pytest.mark.parametrize("name,answer,words", WRONG, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(WRONG)])
def test_wrong_answers_in_korean(korean, name, answer, words):
    verdict = getattr(ex01, name)(answer)
    assert verdict.passed is False
    assert HANGUL.search(verdict.message) and HANGUL.search(verdict.hint), repr(verdict)
    assert repr(verdict).startswith("아직 아니에요: ")


def test_right_answers_in_other_forms():
    assert ex01.exercise_1(8.0).passed and ex01.exercise_1(np.int64(8)).passed
    assert ex01.exercise_2(550.0).passed
    assert ex01.exercise_4([15, 10, 438, 438]).passed and ex01.exercise_4((15.0, 10, 438, 438)).passed
    assert ex01.exercise_1(np.int64(7)).message.startswith("7 ")  # a NumPy int is shown as a number


def test_right_answer_and_placeholder_in_korean(korean):
    for name in ("exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5"):
        right = getattr(ex01, name)(getattr(SOLUTIONS, name))
        assert right.passed is True and repr(right).startswith("정답: ") and HANGUL.search(right.message)
        empty = getattr(ex01, name)(None)
        assert empty.passed is None and HANGUL.search(repr(empty))


def test_forbidden_calls_are_put_back():
    before = (cnnedu.conv2d, cnnedu.conv.conv2d, cnnedu.conv2d_naive, cnnedu.nn.Conv2d)
    ex01.exercise_5(calls_conv2d_batch)
    ex01.exercise_3(calls_conv2d)
    assert (cnnedu.conv2d, cnnedu.conv.conv2d, cnnedu.conv2d_naive, cnnedu.nn.Conv2d) == before
    x = np.ones((1, 1, 3, 3))
    assert cnnedu.conv2d(x, np.ones((1, 1, 2, 2)))[0, 0, 0, 0] == 4


def test_expected_answers_are_the_solutions():
    for name, value in ex01.expected_answers().items():
        assert getattr(SOLUTIONS, name) == value


def test_a_loop_over_the_images_is_caught_too():
    def loops_over_images(x, weight, bias):
        return np.stack([SOLUTIONS.exercise_5(x[i : i + 1], weight, bias)[0] for i in range(len(x))])

    _rejected(ex01.exercise_5(loops_over_images), "Python loop")
