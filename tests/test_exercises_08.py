"""The checkers of notebook 08 reject typical mistakes with a targeted hint, forgive rounding,
check the method of the function exercise and speak Korean when asked (acceptance of the
reference solutions and the placeholders: tests/test_exercises_all.py)."""

import re

import numpy as np
import pytest

import cnnedu
from cnnedu.exercises import ex08, set_language

from exercise_helpers import assert_rejected as _rejected
from exercise_helpers import load_solutions
from exercise_helpers import stub as _stub

SOLUTIONS = load_solutions("08")
HANGUL = re.compile("[\uac00-\ud7a3]")
EX2_BYTES = 64 * 30 * 30 * 27 * 4  # the im2col matrix of exercise 2, counted by hand


@pytest.fixture
def korean():
    set_language("ko")
    yield
    set_language("en")


# --- typical wrong functions for exercise 3 ---


def ignores_stride(h, w, k, stride):
    return k * k * (h - k + 1) * (w - k + 1) / (h * w)


def just_k_squared(h, w, k, stride):
    return k * k


def crashes(h, w, k, stride):
    raise ZeroDivisionError("oops")


def builds_the_matrix(h, w, k, stride):  # right numbers, but by building what it should count
    return cnnedu.im2col(np.zeros((1, 1, h, w)), k, stride).size / (h * w)


def builds_it_from_the_module(h, w, k, stride):
    from cnnedu.im2col import im2col

    return im2col(np.zeros((1, 1, h, w)), k, stride).size / (h * w)


# (checker, wrong answer, words its message must contain): every diagnosable mistake handled
WRONG = [
    (ex08.exercise_1, 240_000, ["multiply-adds", "2 FLOPs"]),  # multiply-adds, not FLOPs
    (ex08.exercise_1, 80_000, ["single input channel", "6 input channels"]),  # forgot the channels
    (ex08.exercise_1, 30_000, ["ONE filter", "16 filters"]),  # one filter only
    (ex08.exercise_1, 2 * 16 * 14 * 14 * 150, ["14x14", "10x10"]),  # output size = input size
    (ex08.exercise_1, 480_001, ["is not it", "2 FLOPs per multiply-add"]),  # generic hint
    (ex08.exercise_1, 480_000.5, ["whole number"]),
    (ex08.exercise_1, "480000", ["string", "without quotes"]),
    (ex08.exercise_2, 2 * EX2_BYTES / 1e6, ["twice", "4 bytes, not 8"]),  # float64
    (ex08.exercise_2, EX2_BYTES / 4, ["numbers in the matrix", "4 bytes"]),  # element count
    (ex08.exercise_2, EX2_BYTES / 4 / 1e6, ["numbers in the matrix", "4 bytes"]),  # millions of numbers
    (ex08.exercise_2, EX2_BYTES, ["in bytes", "1,000,000"]),  # bytes, not MB
    (ex08.exercise_2, 5.93, ["MiB", "1024 twice"]),  # MiB instead of MB
    (ex08.exercise_2, EX2_BYTES / 2**20, ["MiB", "1024 twice"]),
    (ex08.exercise_2, 64 * 32 * 32 * 27 * 4 / 1e6, ["one row per pixel", "WINDOW", "30x30"]),
    (ex08.exercise_2, 6.2, ["close", "significant figures"]),  # rounded to 2 figures
    (ex08.exercise_2, 6, ["close", "significant figures"]),
    (ex08.exercise_2, 1.0, ["is not it", "4 bytes per float32"]),
    (ex08.exercise_2, "6.22", ["string", "without quotes"]),
    (ex08.exercise_3, ignores_stride, ["test case 4", "stride"]),
    (ex08.exercise_3, just_k_squared, ["test case 1"]),
    (ex08.exercise_3, crashes, ["ZeroDivisionError"]),
    (ex08.exercise_3, 42, ["function"]),
    (ex08.exercise_3, builds_the_matrix, ["cnnedu.im2col", "count its rows"]),
    (ex08.exercise_3, builds_it_from_the_module, ["im2col", "count its rows"]),
    (ex08.exercise_4, 37.07, ["not a whole number of photos", "round the quotient DOWN"]),
    (ex08.exercise_4, 256e6 / (438 * 438 * 9 * 4), ["not a whole number of photos"]),
    (ex08.exercise_4, 37.5, ["whole number"]),
    (ex08.exercise_4, 38, ["262", "round DOWN"]),
    (ex08.exercise_4, 12, ["colour photos", "ONE channel"]),  # 3 channels
    (ex08.exercise_4, 13, ["5x5 filters", "3x3"]),  # 5x5 filters
    (ex08.exercise_4, 4, ["is not it", "ONE photo's matrix"]),  # the colour photo's 5x5 answer in 256 MB
    (ex08.exercise_4, "37", ["string", "without quotes"]),
]


@pytest.mark.parametrize("checker,answer,words", WRONG, ids=[f"{c.__name__}-{a!r:.20}" for c, a, _ in WRONG])
def test_wrong_answer_gets_its_targeted_hint(checker, answer, words):
    _rejected(checker(answer), *words)


@pytest.mark.parametrize("checker,answer,words", WRONG, ids=[f"{c.__name__}-{a!r:.20}" for c, a, _ in WRONG])
def test_wrong_answer_feedback_is_korean(korean, checker, answer, words):
    verdict = checker(answer)
    assert verdict.passed is False
    text = repr(verdict)
    assert text.startswith("아직 아니에요: ") and "힌트" in text, text
    assert HANGUL.search(verdict.message) and HANGUL.search(verdict.hint), text


def test_right_answers_are_explained_in_both_languages(korean):
    for name in ("exercise_1", "exercise_2", "exercise_3", "exercise_4"):
        verdict = getattr(ex08, name)(getattr(SOLUTIONS, name))
        assert verdict.passed is True and HANGUL.search(verdict.message), verdict
    set_language("en")
    assert "FLOPs per image" in ex08.exercise_1(SOLUTIONS.exercise_1).message


def test_placeholders_in_korean(korean):
    assert repr(ex08.exercise_1(None)).startswith("아직 답이 없어요: ")
    assert HANGUL.search(repr(ex08.exercise_3(_stub)))


def test_function_stub_is_not_an_answer_yet():
    assert ex08.exercise_3(_stub).passed is None


def test_rounding_is_forgiven_where_it_should_be():
    assert ex08.exercise_2(6.22).passed  # 6.2208 to 3 significant figures
    assert ex08.exercise_2(6.221).passed
    assert ex08.exercise_2(np.float32(SOLUTIONS.exercise_2)).passed
    assert ex08.exercise_1(480_000.0).passed  # a whole float is a whole number
    assert ex08.exercise_4(37.0).passed
    assert ex08.exercise_4(np.int64(37)).passed


def test_the_method_check_leaves_the_package_as_it_was():
    before = (cnnedu.im2col, cnnedu.im2col.__module__)
    ex08.exercise_3(builds_the_matrix)
    assert (cnnedu.im2col, cnnedu.im2col.__module__) == before
    assert cnnedu.im2col(np.zeros((1, 1, 3, 3)), 2).shape == (4, 4)


def test_expected_answers_are_the_checkers_answers():
    answers = ex08.expected_answers()
    assert set(answers) == {"exercise_1", "exercise_2", "exercise_4"}
    for name, value in answers.items():
        assert getattr(ex08, name)(value).passed, name
    assert answers["exercise_2"] == pytest.approx(EX2_BYTES / 1e6)
    assert answers["exercise_4"] == 37
