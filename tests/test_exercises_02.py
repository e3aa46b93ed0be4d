"""The checkers of notebook 02 accept the reference solutions, reject typical mistakes
with a hint, and say "No answer yet" to the placeholders the notebook ships with."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

import cnnedu
from cnnedu.exercises import ex02

SOLUTIONS = Path(__file__).parent.parent / "solutions" / "ex02.py"


def _load_solutions():
    spec = importlib.util.spec_from_file_location("solutions_ex02", SOLUTIONS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sol = _load_solutions()
CHECKERS = [ex02.exercise_1, ex02.exercise_2, ex02.exercise_3, ex02.exercise_4, ex02.exercise_5]


def _stub(*args):
    raise NotImplementedError


@pytest.mark.parametrize("number", range(1, 6))
def test_reference_solution_is_accepted(number):
    verdict = getattr(ex02, f"exercise_{number}")(getattr(sol, f"exercise_{number}"))
    assert verdict.passed is True, verdict
    assert repr(verdict).startswith("Correct: ")


@pytest.mark.parametrize("checker", CHECKERS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("placeholder", [None, ...], ids=["None", "Ellipsis"])
def test_placeholder_is_not_an_answer_yet(checker, placeholder):
    verdict = checker(placeholder)
    assert verdict.passed is None
    assert repr(verdict).startswith("No answer yet: ")


def test_function_stub_is_not_an_answer_yet():
    assert ex02.exercise_5(_stub).passed is None


def _rejected(verdict, *words):
    assert verdict.passed is False, verdict
    text = repr(verdict)
    assert text.startswith("Not yet: ") and "Hint" in text, text
    for word in words:
        assert word in text, text


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
