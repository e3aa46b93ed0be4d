"""The checkers of notebook 02 accept the reference solutions, reject typical mistakes
with a hint, and say "No answer yet" to the placeholders the notebook ships with."""

import numpy as np

import cnnedu
from cnnedu.exercises import ex02

from exercise_helpers import assert_rejected as _rejected
from exercise_helpers import stub as _stub


def test_function_stub_is_not_an_answer_yet():
    assert ex02.exercise_5(_stub).passed is None


def test_exercise_1_rejects_rounding_up_or_not_at_all():
    _rejected(ex02.exercise_1(8.5), "DOWN")  # (16 + 2 - 3) / 2 + 1 without the floor
    _rejected(ex02.exercise_1(9), "DOWN")  # ceil instead of floor
    _rejected(ex02.exercise_1(16))  # as if 'same'


def test_exercise_2_recognises_the_lecture_formula():
    # The lecture's P_start = ceil(total / 2), P_end = floor(total / 2) gives (1, 0).
    _rejected(ex02.exercise_2((1, 0)), "AFTER")
    _rejected(ex02.exercise_2((1, 1)))
    _rejected(ex02.exercise_2(1))


def test_exercise_3_rejects_total_padding():
    _rejected(ex02.exercise_3(4), "each side")
    _rejected(ex02.exercise_3(1))


def test_exercise_4_hints():
    _rejected(ex02.exercise_4((8, 3, 8, 8)), "filters")
    _rejected(ex02.exercise_4((8, 32, 16, 16)))  # forgot the stride of the last conv
    _rejected(ex02.exercise_4((8, 32, 7, 7)))  # 'valid' instead of 'same'


def test_exercise_5_rejects_typical_mistakes():
    def ignores_padding(image, kernel, stride, padding):
        return cnnedu.conv2d(image[None, None], kernel[None, None], stride=stride)[0, 0]

    def ignores_stride(image, kernel, stride, padding):
        return cnnedu.conv2d(image[None, None], kernel[None, None], padding=padding)[0, 0]

    def rounds_up(image, kernel, stride, padding):
        # keeps a last, partial window by padding one more pixel at the end
        padded = np.pad(image, ((padding, padding + stride), (padding, padding + stride)))
        full = cnnedu.conv2d(padded[None, None], kernel[None, None], stride=stride)[0, 0]
        h, w = image.shape
        kh, kw = kernel.shape
        oh = -(-(h + 2 * padding - kh) // stride) + 1
        ow = -(-(w + 2 * padding - kw) // stride) + 1
        return full[:oh, :ow]

    _rejected(ex02.exercise_5(ignores_padding), "shape")
    _rejected(ex02.exercise_5(ignores_stride), "shape")
    _rejected(ex02.exercise_5(rounds_up), "test case 2")
