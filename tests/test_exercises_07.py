"""The checkers of notebook 07 reject typical mistakes (tests/test_exercises_all.py checks that
they accept the reference solutions and answer "No answer yet" to the placeholders)."""

import numpy as np
import pytest

from cnnedu import nn
from cnnedu.exercises import ex07
from cnnedu.models import lenet5

from exercise_helpers import assert_rejected as _rejected
from exercise_helpers import stub


def test_function_stub_says_no_answer_yet():
    assert ex07.exercise_5(stub).passed is None


def test_expected_answers_match_the_network_and_the_paper():
    rows = {r.name: r for r in lenet5(rng=0).summary((1, 28, 28), print_table=False)}
    assert rows["C3"].params == 2416
    assert sum(r.params for r in rows.values()) == 61_706
    assert ex07.exercise_3(48_120 / 61_706).passed is True
    assert ex07.exercise_3(0.78).passed is True  # rounded answers are fine


@pytest.mark.parametrize(
    "answer, words",
    [
        (2400, ["weights only"]),
        (416, ["6 input maps"]),
        (1516, ["paper"]),
        (2417, []),
        ([2416], []),
        ("2416", []),
    ],
)
def test_exercise_1_rejects(answer, words):
    _rejected(ex07.exercise_1(answer), *words)


def test_exercise_2_the_32x32_image_really_breaks_f6():
    model = lenet5(rng=0)
    with pytest.raises(ValueError, match="in_features=120"):
        model.forward(np.zeros((1, 1, 32, 32), dtype=np.float32))


@pytest.mark.parametrize(
    "answer, words",
    [
        ((120, 1, 1), ["padding=2"]),
        ((16, 2, 2), ["filters"]),
        ((120, 3, 3), ["formula"]),
        ((2, 2), ["formula"]),
        ("120x2x2", []),
    ],
)
def test_exercise_2_rejects(answer, words):
    _rejected(ex07.exercise_2(answer), *words)


@pytest.mark.parametrize(
    "answer, words",
    [
        (77.98, ["percentage"]),
        (48_000 / 61_706, ["biases"]),
        (0.5, []),
        ([0.78, 0.22], []),
    ],
)
def test_exercise_3_rejects(answer, words):
    _rejected(ex07.exercise_3(answer), *words)


@pytest.mark.parametrize(
    "answer, words",
    [
        (-1776, ["sign"]),
        (16 * 16 * 25 - 2 * 16 * 16 * 9, ["biases"]),
        (7, ["whole layers"]),
        (6416, []),
        ("1776", []),
    ],
)
def test_exercise_4_rejects(answer, words):
    _rejected(ex07.exercise_4(answer), *words)


def test_exercise_4_answer_is_computed_from_layers():
    one = nn.Conv2d(16, 16, 5, rng=0).num_parameters()
    two = 2 * nn.Conv2d(16, 16, 3, rng=0).num_parameters()
    assert ex07.exercise_4(one - two).passed is True


def _no_mean(logits, labels):  # forgot to divide by N
    logits = np.asarray(logits, dtype=float)
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    grad = e / e.sum(axis=1, keepdims=True)
    grad[np.arange(len(logits)), labels] -= 1
    return grad


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


@pytest.mark.parametrize(
    "func, words",
    [
        (_no_mean, ["test case 1"]),
        (_overflows, ["test case 3"]),
        (_softmax_only, ["test case 1"]),
        (lambda logits, labels: logits[0], ["shape"]),
        (42, ["expected a function"]),
    ],
)
def test_exercise_5_rejects(func, words):
    _rejected(ex07.exercise_5(func), *words)
