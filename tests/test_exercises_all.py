"""What every exercise checker of every notebook must do.

Each checker accepts the teacher's reference solution (solutions/exNN.py) and
answers "No answer yet" to the placeholders (None, ...) the stored notebooks
ship with. The typical wrong answers are tested per notebook in
tests/test_exercises_NN.py.
"""

import importlib
import json
import pkgutil
import re
from pathlib import Path

import numpy as np
import pytest

import cnnedu.exercises

from exercise_helpers import exercise_names, load_solutions

NOTEBOOKS = sorted(m.name[2:] for m in pkgutil.iter_modules(cnnedu.exercises.__path__) if m.name[:2] == "ex")
CASES = [(nb, name) for nb in NOTEBOOKS for name in exercise_names(importlib.import_module(f"cnnedu.exercises.ex{nb}"))]


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
    assert (_checker(notebook, name).__doc__ or "").strip(), "the checker's docstring says what is asked"


# --- no exercise can be copied from an output above it ------------------------------------

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"


def _number_patterns(value) -> list[str]:
    """Regexes for the ways a notebook output could print ``value``.

    One-digit whole numbers are left out: any output shows them somewhere (a shape, an
    index), so finding one says nothing about the exercise.
    """
    if isinstance(value, (bool, np.bool_)):
        return []
    if isinstance(value, (int, np.integer)) or (isinstance(value, float) and value.is_integer() and abs(value) >= 10):
        n = int(value)
        if abs(n) < 10:
            return []
        forms = {str(n), f"{n:,}", f"{n:_}"}
        return [rf"(?<![\d.,_]){re.escape(f)}(?:\.0*)?(?![\d,_]|\.\d*[1-9])" for f in forms]
    v = float(value)
    if v == 0:
        return []
    forms = set()
    # a value with 3 or more significant digits is searched as it would be copied (3 or 4
    # figures); "6.2" printed somewhere does not give away 6.22
    digits = len(f"{v:.4g}".replace("-", "").replace(".", "").lstrip("0").split("e")[0])
    for sig in (2, 3, 4) if digits <= 2 else (3, 4):
        text = f"{v:.{sig}g}"
        if "e" not in text and text.replace("-", "").replace(".", "").lstrip("0"):
            forms.add(text)
    # the number itself must stand alone: no digit right before or after it
    return [rf"(?<![\d.]){re.escape(f)}(?!\d)" for f in forms if len(f.replace("-", "").replace(".", "")) >= 2]


def answer_patterns(value) -> list[str]:
    """Regexes that find ``value`` (a number, a tuple of numbers, a small array) in printed text."""
    if isinstance(value, tuple) and all(isinstance(v, (int, np.integer)) for v in value):
        inner = r",\s*".join(str(int(v)) for v in value)
        return [rf"\(\s*{inner}\s*,?\s*\)", rf"\[\s*{inner}\s*\]"] + (
            [r"\s*[x×]\s*".join(str(int(v)) for v in value)] if len(value) > 1 else []
        )
    if isinstance(value, (tuple, list, np.ndarray)):
        flat = np.asarray(value, dtype=float).ravel()
        if flat.size < 2:
            return _number_patterns(flat[0]) if flat.size else []
        per_value = []
        for v in flat:
            forms = {f"{v:.{d}f}".rstrip("0") for d in (2, 3, 4)} | ({f"{int(v)}"} if float(v).is_integer() else set())
            per_value.append("(?:" + "|".join(re.escape(f) + r"0*" for f in sorted(forms)) + ")")
        return [r"[\s,\[\]]+".join(per_value)]
    return _number_patterns(value)


def output_text(cell: dict) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append("".join(out.get("text", "")))
        for mime in ("text/plain", "text/html"):
            data = out.get("data", {}).get(mime)
            if data:
                parts.append("".join(data))
    return "\n".join(parts)


def _ignored(cell: dict) -> bool:
    lines = "".join(cell["source"]).splitlines()
    return bool(lines) and lines[0].strip() == "# NBVAL_IGNORE_OUTPUT"


def copyable_answers(nb: dict, notebook: str, answers: dict) -> list[str]:
    """Exercises whose expected answer appears in a stored output above their own cell."""
    problems = []
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    for name, value in answers.items():
        call = re.compile(rf"\bex{notebook}\.{name}\(")
        at = next((i for i, c in enumerate(code) if call.search("".join(c["source"]))), None)
        if at is None:
            problems.append(f"{name}: no cell calls ex{notebook}.{name}(...)")
            continue
        # outputs nbval ignores (timings) change on every run: not a stable copy of anything
        above = "\n".join(output_text(c) for c in code[:at] if not _ignored(c))
        for pattern in answer_patterns(value):
            found = re.search(pattern, above)
            if found:
                problems.append(f"{name}: its answer {value!r} is printed above it ({found.group(0)!r})")
                break
    return problems


def _notebook_file(notebook: str) -> Path:
    return next(NOTEBOOK_DIR.glob(f"{notebook}_*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_no_answer_is_printed_above_its_exercise(notebook):
    checkers = importlib.import_module(f"cnnedu.exercises.ex{notebook}")
    assert hasattr(checkers, "expected_answers"), f"ex{notebook} has no expected_answers()"
    answers = checkers.expected_answers()
    nb = json.loads(_notebook_file(notebook).read_text(encoding="utf-8"))
    assert copyable_answers(nb, notebook, answers) == []


def test_the_copy_check_can_fail():
    def cell(src, text):
        return {"cell_type": "code", "source": src, "outputs": [{"output_type": "stream", "text": text}]}

    nb = {
        "cells": [
            cell("print(x)", "params: 456\nshape (1, 96, 27, 27)\nsoftmax [0.659  0.2424 0.0986]\n"),
            cell("ex01.exercise_2(answer)", ""),
            cell("ex01.exercise_3(a)", ""),
            cell("ex01.exercise_4(a)", ""),
            cell("ex01.exercise_5(a)", ""),
        ]
    }
    answers = {
        "exercise_2": 456,
        "exercise_3": (1, 96, 27, 27),
        "exercise_4": np.array([0.659, 0.2424, 0.0986]),
        "exercise_5": 4567,
    }
    problems = copyable_answers(nb, "01", answers)
    assert [p.split(":")[0] for p in problems] == ["exercise_2", "exercise_3", "exercise_4"], problems
    assert copyable_answers(nb, "01", {"exercise_2": 45}) == []  # 45 is not 456
    assert copyable_answers(nb, "01", {"exercise_9": 456})[0].startswith("exercise_9: no cell")


def test_the_copy_check_skips_volatile_outputs_and_shorter_roundings():
    timing = {
        "cell_type": "code",
        "source": "# NBVAL_IGNORE_OUTPUT\n# timings\nprint(t)",
        "outputs": [{"output_type": "stream", "text": "456 ms, 6.2%\n"}],
    }
    nb = {"cells": [timing, {"cell_type": "code", "source": "ex08.exercise_2(a)", "outputs": []}]}
    assert copyable_answers(nb, "08", {"exercise_2": 456}) == []
    nb["cells"][0]["source"] = "print(t)"
    assert copyable_answers(nb, "08", {"exercise_2": 6.22}) == []  # 6.2 is not 6.22 copied
    assert copyable_answers(nb, "08", {"exercise_2": 456})
