"""The checkers of notebook 06 accept the reference solutions, reject typical mistakes with a hint,
and answer "No answer yet" to the placeholders the notebook ships with."""

import numpy as np
import pytest

import cnnedu
from cnnedu.exercises import ex06

from exercise_helpers import stub as _stub


@pytest.mark.parametrize("n, placeholder", [(4, _stub)])
def test_unfinished_answers_say_no_answer_yet(n, placeholder):
    # None and ... are covered for every checker in test_exercises_all.py; these are
    # the other shapes an unanswered exercise of this notebook takes.
    assert getattr(ex06, f"exercise_{n}")(placeholder).passed is None


def test_exercise_1_accepts_names_and_kernels():
    for right in ("SOBEL_Y", "sobel_y", " cnnedu.SOBEL_Y ", cnnedu.SOBEL_Y, -cnnedu.SOBEL_Y):
        assert ex06.exercise_1(right).passed is True
    for wrong in ("SOBEL_X", cnnedu.SOBEL_X, -cnnedu.SOBEL_X):
        feedback = ex06.exercise_1(wrong)
        assert feedback.passed is False and "Hint" in feedback.message
    assert ex06.exercise_1("vertical").passed is False
    assert ex06.exercise_1(np.ones((5, 5))).passed is False
    assert ex06.exercise_1(object()).passed is False


def test_exercise_2_rejects_typical_shapes():
    for wrong in ((1, 3, 219, 219), (1, 8, 438, 438), (1, 8, 218, 218), (8, 219, 219)):
        feedback = ex06.exercise_2(wrong)
        assert feedback.passed is False and "Hint" in feedback.message


def test_exercise_3_rejects_l1_norm_and_one_component(sol):
    assert round(sol.exercise_3, 2) == 447.21
    for wrong in (600.0, 200.0, 400.0):
        feedback = ex06.exercise_3(wrong)
        assert feedback.passed is False and "Hint" in feedback.message


def test_exercise_4_rejects_the_notes_conv_op_and_a_square_kernel_assumption():
    def notes_style(image, kernel):  # the notes' conv_op: each channel times the WHOLE kernel
        image = np.asarray(image, dtype=np.float64)
        k = kernel.shape[0]
        out = np.zeros((image.shape[0] - k + 1, image.shape[1] - k + 1))
        for i in range(out.shape[0]):
            for j in range(out.shape[1]):
                for c in range(image.shape[2]):
                    out[i, j] += np.sum(image[i : i + k, j : j + k, c] * kernel)
        return out

    feedback = ex06.exercise_4(notes_style)
    assert feedback.passed is False and "Hint" in feedback.message

    def square_only(image, kernel):  # uses KH for both sides
        image = np.asarray(image, dtype=np.float64)
        k = kernel.shape[0]
        out = np.zeros((image.shape[0] - k + 1, image.shape[1] - k + 1))
        for i in range(out.shape[0]):
            for j in range(out.shape[1]):
                out[i, j] = np.sum(image[i : i + k, j : j + k, :] * kernel)
        return out

    feedback = ex06.exercise_4(square_only)
    assert feedback.passed is False and "test case 3" in feedback.message

    def in_uint8(image, kernel):  # sums wrap around modulo 256
        image = np.asarray(image)
        kh, kw, _ = kernel.shape
        out = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1), dtype=image.dtype)
        for i in range(out.shape[0]):
            for j in range(out.shape[1]):
                out[i, j] = np.sum(image[i : i + kh, j : j + kw, :] * kernel.astype(image.dtype))
        return out

    assert ex06.exercise_4(in_uint8).passed is False
    assert ex06.exercise_4("conv2d").passed is False
