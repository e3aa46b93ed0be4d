"""Automatic feedback for the exercises at the end of each notebook.

Each notebook has a checker module (``ex01`` for notebook 01, ...). A checker
takes the student's answer and returns a :class:`Feedback`, which prints as
one friendly line:

* no answer yet (``None`` or ``...``): what to fill in, never a traceback;
* wrong: a hint that points at the idea, not the answer;
* right: a confirmation that says why.

The reference solutions are NOT here (a student reading this package should
not be spoiled by accident): they live in ``solutions/`` at the top of the
repository, where the tests feed them to these checkers.
"""

from .feedback import Feedback, as_int_tuple, check_array, check_function, check_value, is_unanswered, matches

__all__ = ["Feedback", "check_value", "check_array", "check_function", "is_unanswered", "matches", "as_int_tuple"]
