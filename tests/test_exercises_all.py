"""What every exercise checker of every notebook must do.

Each checker accepts the teacher's reference solution (solutions/exNN.py) and
answers "No answer yet" to the placeholders (None, ...) the stored notebooks
ship with. The typical wrong answers are tested per notebook in
tests/test_exercises_NN.py.
"""

import importlib
import pkgutil

import pytest

import cnnedu.exercises

from exercise_helpers import exercise_names, load_solutions

NOTEBOOKS = sorted(
    m.name[2:] for m in pkgutil.iter_modules(cnnedu.exercises.__path__) if m.name[:2] == "ex"
)
CASES = [
    (nb, name)
    for nb in NOTEBOOKS
    for name in exercise_names(importlib.import_module(f"cnnedu.exercises.ex{nb}"))
]


def _checker(notebook, name):
    return getattr(importlib.import_module(f"cnnedu.exercises.ex{notebook}"), name)


def test_every_notebook_has_at_least_three_exercises():
    assert NOTEBOOKS, "no checker modules found"
    for nb in NOTEBOOKS:
        assert sum(1 for case in CASES if case[0] == nb) >= 3, nb


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_exercise_has_a_reference_solution(notebook):
    checkers = exercise_names(importlib.import_module(f"cnnedu.exercises.ex{notebook}"))
    assert exercise_names(load_solutions(notebook)) == checkers


@pytest.mark.parametrize("notebook,name", CASES)
def test_reference_solution_is_accepted(notebook, name):
    verdict = _checker(notebook, name)(getattr(load_solutions(notebook), name))
    assert verdict.passed is True, verdict
    assert repr(verdict).startswith("Correct: ")


@pytest.mark.parametrize("placeholder", [None, ...], ids=["None", "Ellipsis"])
@pytest.mark.parametrize("notebook,name", CASES)
def test_placeholder_says_no_answer_yet(notebook, name, placeholder):
    verdict = _checker(notebook, name)(placeholder)
    assert verdict.passed is None
    assert repr(verdict).startswith("No answer yet: ")
    assert (_checker(notebook, name).__doc__ or "").strip(), (
        "the checker's docstring says what is asked"
    )
