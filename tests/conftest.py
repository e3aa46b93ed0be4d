"""Fixtures shared by the tests."""

import re

import pytest

from exercise_helpers import load_solutions


@pytest.fixture(scope="module")
def sol(request):
    """The reference solutions of the notebook a test_exercises_NN.py module is about."""
    match = re.search(r"test_exercises_(\d\d)$", request.module.__name__)
    if match is None:
        raise RuntimeError(
            f"the sol fixture is for tests/test_exercises_NN.py, not {request.module.__name__}"
        )
    return load_solutions(match.group(1))
