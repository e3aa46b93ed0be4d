"""The checkers of notebook 05 accept the reference solutions, reject typical mistakes with a hint,
and answer "No answer yet" to the placeholders the notebook ships with."""

import numpy as np
import pytest

from cnnedu.exercises import ex05

from exercise_helpers import stub as _stub


@pytest.mark.parametrize("n, placeholder", [(2, _stub), (3, (None, None))])
def test_unfinished_answers_say_no_answer_yet(n, placeholder):
    # None and ... are covered for every checker in test_exercises_all.py; these are
    # the other shapes an unanswered exercise of this notebook takes.
    assert getattr(ex05, f"exercise_{n}")(placeholder).passed is None


def test_exercise_1_rejects_sigmoid_of_zero():
    feedback = ex05.exercise_1(0.5)  # sigmoid(0), not its derivative
    assert feedback.passed is False and "Hint" in feedback.message


def test_exercise_2_rejects_fixed_slope_and_loops():
    fixed = ex05.exercise_2(
        lambda x, negative_slope=0.01: np.where(np.asarray(x) > 0, x, 0.1 * np.asarray(x))
    )
    assert fixed.passed is False and "negative_slope" in fixed.message

    def loop(x, negative_slope=0.01):  # the notes' style: breaks on a 2D array
        return np.array([max(negative_slope * v, v) for v in x])

    looped = ex05.exercise_2(loop)
    assert looped.passed is False and "raised" in looped.message and "Hint" in looped.message

    relu = ex05.exercise_2(lambda x, negative_slope=0.01: np.maximum(x, 0))
    assert relu.passed is False and "Hint" in relu.message

    assert ex05.exercise_2(42).passed is False


def test_exercise_3_rejects_wrong_order_and_forgotten_bias(sol):
    w1, b1, w2, b2 = ex05.given_layers()
    right_w, right_b = sol.exercise_3
    forgot_b2 = ex05.exercise_3((right_w, w2 @ b1))
    assert forgot_b2.passed is False and forgot_b2.message.startswith("b:")
    assert "Hint" in forgot_b2.message
    added_biases = ex05.exercise_3((right_w, b2))
    assert added_biases.passed is False
    transposed = ex05.exercise_3((right_w.T, right_b))  # shape (3, 2): wrong order of the product
    assert transposed.passed is False and "shape" in transposed.message
    wrong_w = ex05.exercise_3((right_w + 1, right_b))
    assert wrong_w.passed is False and wrong_w.message.startswith("W:")
    not_a_pair = ex05.exercise_3(right_w)
    assert not_a_pair.passed is False and "pair" in not_a_pair.message


def test_exercise_3_layers_are_what_the_checker_expects():
    w1, b1, w2, b2 = ex05.given_layers()
    assert (w1.shape, b1.shape, w2.shape, b2.shape) == ((4, 3), (4,), (2, 4), (2,))
    # given_layers is deterministic: the notebook and the checker see the same layers
    for a, b in zip(ex05.given_layers(), (w1, b1, w2, b2)):
        np.testing.assert_array_equal(a, b)


def test_exercise_4_rejects_off_by_one():
    for wrong in (9, 11):
        feedback = ex05.exercise_4(wrong)
        assert feedback.passed is False and "Hint" in feedback.message
