"""The checkers of notebook 07 reject typical mistakes with a targeted hint, forgive rounding the
way a person would, check the method of the function exercise, and answer in Korean when asked
(tests/test_exercises_all.py checks the reference solutions and the placeholders)."""

import re

import numpy as np
import pytest

import cnnedu
from cnnedu import nn
from cnnedu.exercises import ex07, set_language
from cnnedu.models import lenet5

from exercise_helpers import assert_rejected as _rejected
from exercise_helpers import load_solutions, stub

SOLUTIONS = load_solutions("07")
HANGUL = re.compile("[\uac00-\ud7a3]")


@pytest.fixture
def korean():
    set_language("ko")
    yield
    set_language("en")


def test_function_stub_says_no_answer_yet():
    assert ex07.exercise_5(stub).passed is None


def test_expected_answers_are_computed_from_layers():
    answers = ex07.expected_answers()
    assert answers["exercise_1"] == nn.Conv2d(10, 16, 5, rng=0).num_parameters() == 4016
    assert answers["exercise_2"] == (120, 2, 2)
    slim = [nn.Conv2d(1, 6, 5), nn.Conv2d(6, 16, 5), nn.Conv2d(16, 60, 5), nn.Linear(60, 84), nn.Linear(84, 10)]
    counts = [layer.num_parameters() for layer in slim]
    assert answers["exercise_3"] == pytest.approx(counts[2] / sum(counts))
    assert answers["exercise_4"] == 6416 - 4640
    rows = {r.name: r for r in lenet5(rng=0).summary((1, 28, 28), print_table=False)}
    assert sum(r.params for r in rows.values()) == 61_706  # the network the variants start from
    for name, value in answers.items():
        assert getattr(ex07, name)(value).passed is True, name


def test_exercise_2_the_32x32_image_really_breaks_f6():
    with pytest.raises(ValueError, match="in_features=120"):
        lenet5(rng=0).forward(np.zeros((1, 1, 32, 32), dtype=np.float32))


# (checker, wrong answer, words of its targeted message or hint)
WRONG = [
    ("exercise_1", 2416, ["original network", "now 10"]),
    ("exercise_1", 4000, ["weights only", "bias"]),
    ("exercise_1", 416, ["one 5x5 slice", "10 input maps"]),
    ("exercise_1", 4010, ["swaps filters and input maps"]),
    ("exercise_1", 260, ["new C1"]),
    ("exercise_1", 4017, ["input maps x kernel height"]),
    ("exercise_1", 4016.5, ["whole number"]),
    ("exercise_1", "4016", ["not a number"]),
    ("exercise_2", (120, 1, 1), ["padding=2"]),
    ("exercise_2", (16, 2, 2), ["channels", "filters"]),
    ("exercise_2", (120, 3, 3), ["formula"]),
    ("exercise_2", (120, 2.5, 2.5), ["whole number"]),
    ("exercise_2", (2, 2), ["expected 3 numbers"]),
    ("exercise_2", "120x2x2", ["string"]),
    ("exercise_3", 24_060, ["number of C5's parameters, not a fraction"]),
    ("exercise_3", 73.79, ["percentage"]),
    ("exercise_3", 24_060 / 37_646, ["keeps F6"]),  # F6 left with 120 inputs
    ("exercise_3", 48_120 / 61_706, ["original network with 120 filters"]),
    ("exercise_3", 0.78, ["original network with 120 filters"]),
    ("exercise_3", 24_000 / 32_606, ["biases"]),
    ("exercise_3", 24_060 / 8_546, ["REST of the network"]),
    ("exercise_3", 0.74, ["close", "significant figures"]),
    ("exercise_3", 0.5, ["C5 divided by the total"]),
    ("exercise_3", "0.738", ["not a number"]),
    ("exercise_3", [0.738], ["got list"]),
    ("exercise_4", -1776, ["sign"]),
    ("exercise_4", 16 * 16 * 25 - 2 * 16 * 16 * 9, ["weights only", "biases"]),
    ("exercise_4", 7, ["whole layers"]),
    ("exercise_4", 6416, ["one side of the comparison"]),
    ("exercise_4", 4640, ["one side of the comparison"]),
    ("exercise_4", 1770, ["C x C x k x k"]),
    ("exercise_4", 1776.5, ["whole number"]),
    ("exercise_4", "1776", ["not a number"]),
]


@pytest.mark.parametrize("name, answer, words", WRONG)
def test_wrong_answers_get_a_targeted_hint(name, answer, words):
    _rejected(getattr(ex07, name)(answer), *words)


@pytest.mark.parametrize("name, answer, words", WRONG)
def test_wrong_answers_are_answered_in_korean(korean, name, answer, words):
    verdict = getattr(ex07, name)(answer)
    assert verdict.passed is False
    assert HANGUL.search(verdict.message) and HANGUL.search(verdict.hint), verdict


@pytest.mark.parametrize("answer", [0.738, 0.7379, 0.73790, np.float32(0.7379)])
def test_exercise_3_forgives_rounding_to_three_figures(answer):
    assert ex07.exercise_3(answer).passed is True


def test_whole_floats_pass_as_counts_and_shapes():
    assert ex07.exercise_1(4016.0).passed is True
    assert ex07.exercise_2((120.0, 2.0, 2.0)).passed is True
    assert ex07.exercise_4(np.int64(1776)).passed is True


# --- exercise 5: typical wrong functions, and the forbidden library calls ---


def _no_mean(logits, labels):  # forgot to divide by N
    return SOLUTIONS.exercise_5(logits, labels) * len(logits)


def _overflows(logits, labels):  # exp without subtracting the max: nan for large logits
    logits = np.asarray(logits, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):
        e = np.exp(logits)
        grad = e / e.sum(axis=1, keepdims=True)
    grad[np.arange(len(logits)), labels] -= 1
    return grad / len(logits)


def _softmax_only(logits, labels):
    logits = np.asarray(logits, dtype=float)
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True) / len(logits)


def _calls_softmax(logits, labels):
    grad = cnnedu.softmax(np.asarray(logits, dtype=float))
    grad[np.arange(len(logits)), labels] -= 1
    return grad / len(logits)


def _calls_log_softmax(logits, labels):
    grad = np.exp(cnnedu.log_softmax(np.asarray(logits, dtype=float)))
    grad[np.arange(len(logits)), labels] -= 1
    return grad / len(logits)


def _calls_the_loss(logits, labels):
    loss = nn.SoftmaxCrossEntropy()
    loss.forward(logits, labels)
    return loss.backward()


FUNCTIONS = [
    (_no_mean, ["test case 1"]),
    (_overflows, ["test case 3"]),
    (_softmax_only, ["test case 1"]),
    (lambda logits, labels: logits[0], ["shape"]),
    (42, ["expected a function"]),
    (_calls_softmax, ["cnnedu.softmax", "np.exp"]),
    (_calls_log_softmax, ["cnnedu.log_softmax", "np.exp"]),
    (_calls_the_loss, ["cnnedu.nn.SoftmaxCrossEntropy", "np.exp"]),
]


@pytest.mark.parametrize("func, words", FUNCTIONS)
def test_exercise_5_rejects(func, words):
    _rejected(ex07.exercise_5(func), *words)


@pytest.mark.parametrize("func, words", FUNCTIONS)
def test_exercise_5_answers_in_korean(korean, func, words):
    verdict = ex07.exercise_5(func)
    assert verdict.passed is False and HANGUL.search(verdict.message + verdict.hint), verdict


def test_exercise_5_leaves_the_package_as_it_was():
    originals = (cnnedu.softmax, cnnedu.log_softmax, nn.SoftmaxCrossEntropy, cnnedu.activations.softmax)
    ex07.exercise_5(_calls_softmax)
    ex07.exercise_5(_calls_the_loss)
    assert (cnnedu.softmax, cnnedu.log_softmax, nn.SoftmaxCrossEntropy, cnnedu.activations.softmax) == originals
    assert ex07.exercise_5(SOLUTIONS.exercise_5).passed is True


def test_right_answers_are_praised_in_korean(korean):
    for name in ("exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5"):
        verdict = getattr(ex07, name)(getattr(SOLUTIONS, name))
        assert verdict.passed is True and HANGUL.search(repr(verdict)), (name, verdict)
