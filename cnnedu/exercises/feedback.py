"""The building blocks of every exercise checker."""

from __future__ import annotations

import traceback
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer. ``passed`` is True, False, or None (not answered yet)."""

    passed: bool | None
    message: str

    def __repr__(self) -> str:  # what the notebook shows
        mark = {True: "Correct", False: "Not yet", None: "No answer yet"}[self.passed]
        return f"{mark}: {self.message}"

    def __bool__(self) -> bool:
        return bool(self.passed)


def is_unanswered(answer) -> bool:
    """The placeholders a notebook leaves for the student: ``None`` or ``...``."""
    return answer is None or answer is Ellipsis


def matches(answer, value) -> bool:
    """``answer == value`` for plain values; False for anything that does not compare cleanly
    (an array, a string where a number was asked), so a checker never crashes on odd input."""
    try:
        return bool(answer == value)
    except (TypeError, ValueError):
        return False


def as_int_tuple(answer):
    """The answer as a tuple of ints (e.g. a shape), or None if it is not one."""
    try:
        return tuple(int(v) for v in answer)
    except (TypeError, ValueError):
        return None


def _unanswered(what: str) -> Feedback:
    return Feedback(None, f"replace the placeholder with {what}, then run this cell again.")


def check_value(answer, expected, *, what: str, hint: str, why: str, tol: float | None = None) -> Feedback:
    """Compare a single number (or tuple of numbers, or string) with the expected one.

    ``what`` describes the expected answer for the not-answered message,
    ``hint`` is shown on a wrong answer, ``why`` on a right one.
    ``tol``: absolute tolerance for numbers.
    """
    if is_unanswered(answer):
        return _unanswered(what)
    if np.ndim(answer) != np.ndim(expected):  # e.g. an array where one number was asked for
        return Feedback(False, f"expected {what}, got {type(answer).__name__} {answer!r}. Hint: {hint}")
    try:
        if tol is not None:
            got, want = np.asarray(answer, dtype=float), np.asarray(expected, dtype=float)
            ok = bool(np.allclose(got, want, atol=tol, rtol=0))
        elif isinstance(expected, tuple):
            ok = tuple(answer) == expected
        else:
            ok = answer == expected
    except (TypeError, ValueError):
        ok = False
    if isinstance(ok, np.ndarray):
        ok = bool(ok.all())
    return Feedback(True, why) if ok else Feedback(False, f"{answer!r} is not it. Hint: {hint}")


def check_array(answer, expected, *, what: str, hint: str, why: str, atol: float = 1e-4) -> Feedback:
    """Compare an array: the shape first (the most common mistake), then the values."""
    if is_unanswered(answer):
        return _unanswered(what)
    try:
        answer = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, f"expected an array of numbers, got {type(answer).__name__}. Hint: {hint}")
    expected = np.asarray(expected, dtype=float)
    if answer.shape != expected.shape:
        return Feedback(False, f"the shape is {answer.shape}, expected {expected.shape}. Hint: {hint}")
    if not np.allclose(answer, expected, atol=atol, rtol=1e-4):
        worst = np.unravel_index(np.argmax(np.abs(answer - expected)), expected.shape)
        where = tuple(int(i) for i in worst)
        return Feedback(False, f"the shape is right but the values differ (e.g. at index {where}: "
                               f"{answer[worst]:.4g} instead of {expected[worst]:.4g}). Hint: {hint}")
    return Feedback(True, why)


def check_function(func, reference, cases, *, what: str, hint: str, why: str, atol: float = 1e-4) -> Feedback:
    """Call the student's ``func`` and ``reference`` on each case (a tuple of arguments) and compare.

    An exception inside the student's function becomes feedback naming it,
    not a traceback.
    """
    if is_unanswered(func):
        return _unanswered(what)
    if not callable(func):
        return Feedback(False, f"expected a function, got {type(func).__name__}. Hint: {hint}")
    for k, args in enumerate(cases, start=1):
        expected = reference(*args)
        try:
            got = func(*args)
        except NotImplementedError:
            return _unanswered(what)
        except Exception as err:  # noqa: BLE001 - any error in student code becomes feedback
            where = traceback.extract_tb(err.__traceback__)[-1]
            return Feedback(False, f"test case {k} raised {type(err).__name__}: {err} "
                                   f"(line {where.lineno}). Hint: {hint}")
        verdict = check_array(got, expected, what=what, hint=hint, why=why, atol=atol)
        if not verdict.passed:
            return Feedback(False, f"test case {k}: {verdict.message}")
    return Feedback(True, why)
