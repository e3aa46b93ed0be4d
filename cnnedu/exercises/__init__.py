"""Automatic feedback for the exercises at the end of each notebook.

Each notebook has a checker module (``ex01`` for notebook 01, ...). A checker
takes the student's answer and returns a :class:`Feedback`, which JupyterLab
shows as a coloured box (and a terminal as one line):

* no answer yet (``None`` or ``...``): what to fill in, never a traceback;
* wrong: what was found, and a hint that points at the idea, not the answer;
* right: a confirmation that says why.

``set_language("ko")`` switches every message to Korean (the Korean edition of
the notebooks does this in its first cell); English is the default.

The reference solutions are NOT here (a student reading this package should
not be spoiled by accident): they live in ``solutions/`` at the top of the
repository, where the tests feed them to these checkers.
"""

from .feedback import (
    Feedback,
    ForbiddenCall,
    Messages,
    as_int_tuple,
    check_array,
    check_function,
    check_int_tuple,
    check_number,
    check_value,
    forbidden_calls,
    get_language,
    is_close,
    is_unanswered,
    matches,
    set_language,
)

__all__ = [
    "Feedback",
    "ForbiddenCall",
    "Messages",
    "as_int_tuple",
    "check_array",
    "check_function",
    "check_int_tuple",
    "check_number",
    "check_value",
    "forbidden_calls",
    "get_language",
    "is_close",
    "is_unanswered",
    "matches",
    "set_language",
]
