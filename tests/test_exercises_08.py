"""The checkers of notebook 08 reject typical mistakes with a hint (acceptance of the reference
solutions and the placeholders: tests/test_exercises_all.py)."""

from cnnedu.exercises import ex08

from exercise_helpers import assert_rejected as _rejected
from exercise_helpers import stub as _stub


def test_function_stub_is_not_an_answer_yet():
    assert ex08.exercise_3(_stub).passed is None


def test_exercise_1_hints_at_the_typical_mistakes():
    _rejected(ex08.exercise_1(240_000), "2 FLOPs")  # multiply-adds, not FLOPs
    _rejected(ex08.exercise_1(80_000), "channels")  # forgot the 6 input channels
    _rejected(ex08.exercise_1(2 * 16 * 14 * 14 * 150), "10x10")  # output size = input size
    _rejected(ex08.exercise_1(1))
    _rejected(ex08.exercise_1("480000"))


def test_exercise_2_hints_at_the_typical_mistakes(sol):
    _rejected(ex08.exercise_2(2 * sol.exercise_2), "4 bytes")  # float64
    _rejected(ex08.exercise_2(sol.exercise_2 / 4), "bytes")  # numbers, not bytes
    _rejected(ex08.exercise_2(64 * 32 * 32 * 75 * 4 / 1e6), "WINDOW")  # rows per pixel, not per window
    _rejected(ex08.exercise_2(1.0))
    assert ex08.exercise_2(round(sol.exercise_2, 2)).passed  # 15.05 is close enough


def test_exercise_3_rejects_wrong_formulas():
    def ignores_stride(h, w, k, stride):
        return k * k * (h - k + 1) * (w - k + 1) / (h * w)

    def just_k_squared(h, w, k, stride):
        return k * k

    def crashes(h, w, k, stride):
        raise ZeroDivisionError("oops")

    _rejected(ex08.exercise_3(ignores_stride), "test case 4")
    _rejected(ex08.exercise_3(just_k_squared), "test case 1")
    _rejected(ex08.exercise_3(crashes), "ZeroDivisionError")
    _rejected(ex08.exercise_3(42), "function")


def test_exercise_4_hints():
    _rejected(ex08.exercise_4(5), "round DOWN")
    _rejected(ex08.exercise_4(15))
    _rejected(ex08.exercise_4("4"))
