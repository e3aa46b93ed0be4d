"""Shared pieces of the exercise-checker tests (tests/test_exercises_*.py)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

SOLUTIONS_DIR = Path(__file__).resolve().parent.parent / "solutions"


def load_solutions(notebook: str):
    """The teacher's reference solutions for notebook ``notebook`` ('01', '02', ...).

    They live outside the package (solutions/exNN.py) so that students are not
    spoiled by accident; the tests load the file directly.
    """
    path = SOLUTIONS_DIR / f"ex{notebook}.py"
    spec = importlib.util.spec_from_file_location(f"solutions_ex{notebook}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def exercise_names(module) -> list[str]:
    """``['exercise_1', 'exercise_2', ...]`` defined in a checker or solutions module, in order."""
    names = [n for n in vars(module) if re.fullmatch(r"exercise_\d+", n)]
    return sorted(names, key=lambda n: int(n.split("_")[1]))


def stub(*args, **kwargs):
    """What a function exercise looks like before the student has written it."""
    raise NotImplementedError


def assert_rejected(verdict, *words):
    """A wrong answer: 'Not yet', a hint, and each of ``words`` in the message."""
    assert verdict.passed is False, verdict
    text = repr(verdict)
    assert text.startswith("Not yet: ") and "Hint" in text, text
    for word in words:
        assert word in text, text
