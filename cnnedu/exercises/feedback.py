"""The building blocks of every exercise checker.

A checker turns the student's answer into a :class:`Feedback`. The pieces here
make the verdicts trustworthy in the ways a person would expect:

* numbers are compared as a person compares them (``check_number``): right to
  three significant figures is right, a rounded near miss is "close", a size
  must be a whole number (27.5 is never truncated to 27), ``"5"`` is text;
* shapes and arrays (``check_int_tuple``, ``check_array``) say what is off;
* function exercises (``check_function``) check the method too: the library
  call that would do the whole job can be *forbidden* while the student's
  function runs, and a Python loop can be detected where the exercise asks for
  whole-array NumPy.

Every sentence a student reads goes through a :class:`Messages` catalogue, so
it exists in English (the default) and Korean (``set_language("ko")``).
"""

from __future__ import annotations

import contextlib
import html
import importlib
import math
import sys
import traceback
from dataclasses import dataclass
from numbers import Integral, Real
from pathlib import Path

import numpy as np

__all__ = [
    "Feedback",
    "Messages",
    "set_language",
    "get_language",
    "is_unanswered",
    "matches",
    "is_close",
    "as_int_tuple",
    "check_value",
    "check_number",
    "check_int_tuple",
    "check_array",
    "check_function",
    "forbidden_calls",
    "ForbiddenCall",
    "python_lines",
]

LANGUAGES = ("en", "ko")
_language = "en"


def set_language(language: str) -> None:
    """Choose the language of every checker's feedback: ``"en"`` (default) or ``"ko"``."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {language!r}")
    _language = language


def get_language() -> str:
    """The language feedback is written in now (``"en"`` or ``"ko"``)."""
    return _language


class Messages:
    """The message catalogue of one checker module.

    ``_ = Messages(__name__)`` at the top of a module, then ``_("text with {field}", field=value)``
    wherever a sentence is shown. The English literal is the key; the module's ``KO`` dict maps
    it to the Korean sentence with the same ``{fields}`` (looked up when the message is made, so
    the language can be switched at any time). ``tests/test_messages.py`` checks that every literal
    has its Korean twin and that both render.
    """

    def __init__(self, module_name: str):
        self.module_name = module_name

    def table(self) -> dict[str, str]:
        return getattr(sys.modules[self.module_name], "KO", {})

    def __call__(self, text: str, **fields) -> str:
        if _language == "ko":
            text = self.table().get(text, text)
        return text.format(**fields) if fields else text


_ = Messages(__name__)

# How a verdict is drawn in JupyterLab: (mark, text colour, background).
_STYLE = {
    True: ("\u2714", "#1b5e20", "#e8f5e9"),  # heavy check mark, green
    False: ("\u2718", "#b71c1c", "#fff3e0"),  # heavy ballot x, red on light orange
    None: ("\u270e", "#37474f", "#eceff1"),  # pencil, grey: nothing to judge yet
}


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer.

    ``passed`` is True, False, or None (not answered yet); ``message`` says what was found,
    ``hint`` (wrong answers only) points at the idea, never at the answer.
    """

    passed: bool | None
    message: str
    hint: str = ""

    def verdict(self) -> str:
        if self.passed is None:
            return _("No answer yet")
        return _("Correct") if self.passed else _("Not yet")

    def __repr__(self) -> str:  # what a terminal and nbval's text/plain comparison see
        text = f"{self.verdict()}: {self.message}"
        if self.hint:
            text += f" {_('Hint')}: {self.hint}"
        return text

    def _repr_html_(self) -> str:  # what JupyterLab shows
        mark, colour, background = _STYLE[self.passed]
        # lines break between words, never inside one (keep-all: Korean words too, which
        # browsers would otherwise break between any two syllables)
        box = (
            f"border-left: 6px solid {colour}; background: {background}; padding: 0.45em 0.8em; "
            "margin: 0.2em 0; border-radius: 3px; white-space: normal; word-break: keep-all; "
            "overflow-wrap: break-word; line-height: 1.5; font-family: var(--jp-content-font-family, sans-serif); "
            "font-size: var(--jp-content-font-size1, 14px); color: #212121"
        )
        parts = [
            f'<div class="cnnedu-feedback" style="{box}">',
            f'<strong style="color: {colour}">{mark} {html.escape(self.verdict())}:</strong> ',
            f"<span>{html.escape(self.message)}</span>",
        ]
        if self.hint:
            parts.append(
                '<div style="margin-top: 0.35em; padding-left: 0.6em; border-left: 2px solid #ffb74d">'
                f"<strong>{html.escape(_('Hint'))}:</strong> {html.escape(self.hint)}</div>"
            )
        parts.append("</div>")
        return "".join(parts)

    def __bool__(self) -> bool:
        return bool(self.passed)


# ---------------------------------------------------------------------------------------------
# Reading answers


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


def _plain(answer):
    """NumPy scalars shown as the numbers they are (0.25, not np.float64(0.25))."""
    return answer.item() if isinstance(answer, np.generic) else answer


def _is_number(answer) -> bool:
    """A real number a person typed: int, float or a NumPy scalar; not bool, str or an array."""
    return isinstance(answer, (Real, np.number)) and not isinstance(answer, (bool, np.bool_, complex))


def _is_whole(answer) -> bool:
    return _is_number(answer) and math.isfinite(float(answer)) and float(answer).is_integer()


def _parses_as_number(text: str) -> bool:
    try:
        float(text.replace(",", "").replace("_", ""))
    except ValueError:
        return False
    return True


def _within(answer, value, sig: int) -> bool:
    """``answer`` equals ``value`` to ``sig`` significant figures (half a unit in the last one)."""
    a, v = float(answer), float(value)
    if not (math.isfinite(a) and math.isfinite(v)):
        return a == v
    if v == 0:
        return abs(a) < 10.0 ** (-sig)
    unit = 10.0 ** (math.floor(math.log10(abs(v))) - sig + 1)
    return abs(a - v) <= 0.5 * unit * (1 + 1e-9)


def _digits(answer) -> int:
    """Significant digits the student wrote: 0.8 has 1, 0.78 has 2, 15.0 has 3."""
    mantissa = f"{float(answer):.15g}".lstrip("-").split("e")[0].replace(".", "").lstrip("0")
    return max(len(mantissa), 1)


def is_close(answer, value, sig: int = 3) -> bool:
    """True if ``answer`` is a real number equal to ``value`` to ``sig`` significant figures.

    Never raises: a string, an array or None is simply not close. Use it for targeted hints
    ("that is the count, not the fraction").
    """
    if not _is_number(answer):
        return False
    try:
        return _within(answer, value, sig)
    except (TypeError, ValueError, OverflowError):
        return False


def as_int_tuple(answer):
    """The answer as a tuple of ints (e.g. a shape), or None if it is not exactly that.

    Whole floats are fine (``(2.0, 3)`` -> ``(2, 3)``); anything else is None: a string
    (``"55"`` is not ``(5, 5)``), a non-whole number (27.5 is never truncated to 27), bools.
    """
    if isinstance(answer, (str, bytes)) or is_unanswered(answer):
        return None
    try:
        items = list(answer)
    except TypeError:
        return None
    if not all(_is_whole(v) for v in items):
        return None
    return tuple(int(v) for v in items)


# ---------------------------------------------------------------------------------------------
# Verdicts


def _unanswered(what: str) -> Feedback:
    return Feedback(None, _("replace the placeholder with {what}, then run this cell again.", what=what))


def _text_not_number(answer) -> Feedback:
    """``"5"`` where 5 was asked: the value may be right, but it is text."""
    if _parses_as_number(answer):
        return Feedback(
            False,
            _("{answer!r} is a string (text), not a number.", answer=_plain(answer)),
            _("give the number itself, without quotes: 5, not '5'."),
        )
    return Feedback(
        False,
        _("{answer!r} is a string (text), not a number.", answer=_plain(answer)),
        _("type a number, without quotes."),
    )


def check_value(answer, expected, *, what: str, hint: str, why: str, tol: float | None = None) -> Feedback:
    """Compare an answer with ``expected`` exactly (a string, a bool, a tuple).

    Numbers are better checked with :func:`check_number` (rounding) and shapes with
    :func:`check_int_tuple`; ``tol`` (an absolute tolerance) is kept for old checkers.
    ``what`` describes the expected answer for the not-answered message,
    ``hint`` is shown on a wrong answer, ``why`` on a right one.
    """
    if is_unanswered(answer):
        return _unanswered(what)
    if tol is not None and _is_number(expected):
        if isinstance(answer, str):
            return _text_not_number(answer)
        ok = _is_number(answer) and abs(float(answer) - float(expected)) <= tol
    elif isinstance(expected, tuple):
        ok = isinstance(answer, (tuple, list)) and matches(tuple(answer), expected)
    else:
        ok = type(answer) is not np.ndarray and matches(answer, expected)
    if ok:
        return Feedback(True, why)
    return Feedback(False, _("{answer!r} is not it.", answer=_plain(answer)), hint)


def check_number(answer, expected, *, what: str, hint: str, why: str, sig: int = 3) -> Feedback:
    """Compare one number the way a person would.

    * ``expected`` an int (a size, a count): the answer must be a whole number (27.0 is 27;
      27.5 is refused as not whole, never truncated).
    * ``expected`` a float: right to ``sig`` significant figures passes; a near miss (fewer
      digits, or within 2 %) is answered "close" with a request for more digits.
    * a string (``"5"``) is answered "a string, not a number"; an array or a list "one number".
    """
    if is_unanswered(answer):
        return _unanswered(what)
    if isinstance(answer, str):
        return _text_not_number(answer)
    if not _is_number(answer):
        if np.ndim(answer) == 0 and isinstance(answer, (bool, np.bool_)):
            return Feedback(False, _("{answer!r} is a truth value, not a number.", answer=_plain(answer)), hint)
        return Feedback(
            False,
            _("expected {what}, got {kind} {answer!r}.", what=what, kind=type(answer).__name__, answer=_plain(answer)),
            hint,
        )
    if not math.isfinite(float(answer)):
        return Feedback(False, _("{answer!r} is not a finite number.", answer=_plain(answer)), hint)
    if isinstance(expected, (Integral, np.integer)):
        if not _is_whole(answer):
            return Feedback(
                False,
                _("{answer!r} is not a whole number, and a size or a count must be one.", answer=_plain(answer)),
                hint,
            )
        if int(answer) == int(expected):
            return Feedback(True, why)
        return Feedback(False, _("{answer!r} is not it.", answer=_plain(answer)), hint)
    if _within(answer, expected, sig):
        return Feedback(True, why)
    error = abs(float(answer) - float(expected))
    rounded = _within(expected, answer, _digits(answer))  # the expected value, rounded as the student did
    if rounded or _within(answer, expected, 2) or error <= 0.02 * abs(float(expected)):
        return Feedback(
            False,
            _("{answer!r} is close, but not precise enough.", answer=_plain(answer)),
            _("give at least {sig} significant figures (do not round so early).", sig=sig),
        )
    return Feedback(False, _("{answer!r} is not it.", answer=_plain(answer)), hint)


def check_int_tuple(answer, expected: tuple, *, what: str, hint: str, why: str) -> Feedback:
    """Compare a tuple of whole numbers (a shape, a pair of paddings) with ``expected``."""
    if is_unanswered(answer):
        return _unanswered(what)
    if isinstance(answer, str):
        return Feedback(
            False,
            _("{answer!r} is a string (text), not a tuple of numbers.", answer=_plain(answer)),
            _("write the numbers in parentheses, without quotes, e.g. (1, 2)."),
        )
    try:
        items = list(answer)
    except TypeError:
        return Feedback(
            False,
            _("expected {what}, got {kind} {answer!r}.", what=what, kind=type(answer).__name__, answer=_plain(answer)),
            hint,
        )
    for item in items:
        if isinstance(item, str) or not _is_number(item):
            return Feedback(False, _("{item!r} in your answer is not a number.", item=_plain(item)), hint)
        if not _is_whole(item):
            return Feedback(
                False, _("{item!r} is not a whole number, and a size must be one.", item=_plain(item)), hint
            )
    if len(items) != len(expected):
        return Feedback(False, _("expected {n} numbers, got {m}.", n=len(expected), m=len(items)), hint)
    if tuple(int(v) for v in items) == tuple(expected):
        return Feedback(True, why)
    return Feedback(False, _("{answer!r} is not it.", answer=tuple(int(v) for v in items)), hint)


def check_array(
    answer, expected, *, what: str, hint: str, why: str, atol: float = 1e-6, rtol: float = 5e-3
) -> Feedback:
    """Compare an array: the shape first (the most common mistake), then the values.

    Values pass with relative tolerance ``rtol`` (plus a tiny ``atol`` for zeros): the default,
    half a percent, accepts values typed to 3 significant figures (0.242 for 0.2424). Values right
    to about two significant figures are answered "close" (rounded too early). ``check_function``
    compares computed arrays with its own, tighter ``rtol``.
    """
    if is_unanswered(answer):
        return _unanswered(what)
    if isinstance(answer, str):
        return Feedback(
            False, _("{answer!r} is a string (text), not an array of numbers.", answer=_plain(answer)), hint
        )
    try:
        got = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, _("expected an array of numbers, got {kind}.", kind=type(answer).__name__), hint)
    want = np.asarray(expected, dtype=float)
    if got.shape != want.shape:
        return Feedback(
            False, _("the shape is {shape}, expected {expected}.", shape=got.shape, expected=want.shape), hint
        )
    if np.allclose(got, want, atol=atol, rtol=rtol, equal_nan=True):
        return Feedback(True, why)
    scale = float(np.max(np.abs(want))) if want.size else 0.0
    if np.allclose(got, want, atol=0.006 * max(scale, 1e-12), rtol=0.03):
        return Feedback(
            False,
            _("the values are close, but not precise enough."),
            _("do not round: give the values with at least 3 significant figures."),
        )
    worst = np.unravel_index(np.argmax(np.abs(got - want)), want.shape)
    return Feedback(
        False,
        _(
            "the shape is right but the values differ (e.g. at index {where}: {got:.4g} instead of {want:.4g}).",
            where=tuple(int(i) for i in worst),
            got=float(got[worst]),
            want=float(want[worst]),
        ),
        hint,
    )


# ---------------------------------------------------------------------------------------------
# Function exercises: the method, not only the result


class ForbiddenCall(Exception):
    """Raised inside the student's function when it calls a function the exercise forbids."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def _resolve(dotted: str):
    """``"cnnedu.conv.conv2d"`` -> (module object, attribute name, the object)."""
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            owner = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:-1]:
            owner = getattr(owner, attr)
        return owner, parts[-1], getattr(owner, parts[-1])
    raise ValueError(f"cannot find {dotted!r}")


def _raiser(name: str):
    def forbidden(*args, **kwargs):
        raise ForbiddenCall(name)

    forbidden.__name__ = name.rsplit(".", 1)[-1]
    return forbidden


@contextlib.contextmanager
def forbidden_calls(names, func=None):
    """While inside, each dotted name in ``names`` raises :class:`ForbiddenCall` when called.

    The replacement is made where the name lives, in every loaded ``cnnedu`` module that holds
    the same object (so a ``cnnedu.nn`` layer that calls it is caught too) and in the globals and
    closure of the student's ``func`` (``from cnnedu import conv2d``). Everything is put back on exit,
    whatever happens inside. Names that cannot be imported here (an optional library) are skipped.
    """
    patches = []  # (namespace dict or object, attribute, original)
    try:
        for name in names:
            try:
                owner, attr, original = _resolve(name)
            except (ValueError, AttributeError):
                continue
            stand_in = _raiser(name)
            holders = [owner] + [
                mod
                for key, mod in list(sys.modules.items())
                if mod is not None and (key == "cnnedu" or key.startswith("cnnedu.")) and mod is not owner
            ]
            for holder in holders:
                for key, value in list(vars(holder).items()):
                    if value is original:
                        patches.append((holder, key, original))
                        setattr(holder, key, stand_in)
            if func is not None:
                namespace = getattr(func, "__globals__", {})
                for key, value in list(namespace.items()):
                    if value is original:
                        patches.append((namespace, key, original))
                        namespace[key] = stand_in
                for cell in getattr(func, "__closure__", None) or ():  # a name imported inside a function
                    with contextlib.suppress(ValueError):  # an empty cell
                        if cell.cell_contents is original:
                            patches.append((cell, "cell_contents", original))
                            cell.cell_contents = stand_in
        yield
    finally:
        for holder, key, original in reversed(patches):
            if isinstance(holder, dict):
                holder[key] = original
            else:
                setattr(holder, key, original)


# Code in these folders is not the student's: NumPy and other installed packages, cnnedu
# itself, the standard library. Lines executed there are not counted by python_lines.
_LIBRARY_DIRS = tuple(
    str(folder)
    for folder in (
        Path(np.__file__).resolve().parent.parent,  # site-packages
        Path(__file__).resolve().parent.parent,  # the cnnedu package
        Path(contextlib.__file__).resolve().parent,  # the standard library
    )
)


class _TooManySteps(Exception):
    pass


def python_lines(func, args, limit: int) -> int:
    """How many lines of the student's own Python ``func(*args)`` executes (stops past ``limit``).

    Only lines outside NumPy, cnnedu and the standard library count: a whole-array expression is
    one line whatever the size of the array, a loop over its elements is thousands.
    ``check_function(loop_free=...)`` uses it with a generic message; a checker that allows some
    loop (over the kernel positions, say) calls it itself with its own limit and wording.
    """
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if frame.f_code.co_filename.startswith(_LIBRARY_DIRS):
            return None
        if event == "line":
            count += 1
            if count > limit:
                raise _TooManySteps
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        func(*args)
    except _TooManySteps:
        pass
    finally:
        sys.settrace(previous)
    return count


def _student_error(k: int, err: Exception, hint: str) -> Feedback:
    where = traceback.extract_tb(err.__traceback__)[-1]
    return Feedback(
        False,
        _(
            "test case {k} raised {kind}: {err} (line {line}).",
            k=k,
            kind=type(err).__name__,
            err=err,
            line=where.lineno,
        ),
        hint,
    )


def check_function(
    func,
    reference,
    cases,
    *,
    what: str,
    hint: str,
    why: str,
    atol: float = 1e-4,
    rtol: float = 1e-3,
    forbidden=(),
    forbidden_hint: str = "",
    loop_free=None,
) -> Feedback:
    """Call the student's ``func`` and ``reference`` on each case (a tuple of arguments) and compare.

    ``forbidden``: dotted names of functions that would do the whole job (``"cnnedu.conv2d"``,
    ``"numpy.maximum"``); calling one inside ``func`` is "Not yet" with ``forbidden_hint``.
    ``loop_free``: a tuple of arguments (a big input) on which ``func`` must run without a Python
    loop over the elements. An exception inside the student's function becomes feedback naming it,
    never a traceback.
    """
    if is_unanswered(func):
        return _unanswered(what)
    if not callable(func):
        return Feedback(False, _("expected a function, got {kind}.", kind=type(func).__name__), hint)
    for k, args in enumerate(cases, start=1):
        expected = reference(*args)
        try:
            with forbidden_calls(forbidden, func):
                got = func(*args)
        except NotImplementedError:
            return _unanswered(what)
        except ForbiddenCall as call:
            return Feedback(
                False,
                _(
                    "your function calls {name}, which does the whole job: this exercise asks you to write that "
                    "part yourself.",
                    name=call.name,
                ),
                forbidden_hint or hint,
            )
        except Exception as err:  # noqa: BLE001 - any error in student code becomes feedback
            return _student_error(k, err, hint)
        verdict = check_array(got, expected, what=what, hint=hint, why=why, atol=atol, rtol=rtol)
        if not verdict.passed:
            return Feedback(False, _("test case {k}: {message}", k=k, message=verdict.message), verdict.hint)
    if loop_free is not None:
        limit = 300
        try:
            lines = python_lines(func, loop_free, limit)
        except Exception as err:  # noqa: BLE001
            return _student_error(len(cases) + 1, err, hint)
        if lines > limit:
            return Feedback(
                False,
                _(
                    "your function gives the right values, but it runs more than {limit} lines of Python for one "
                    "array: a Python loop over the elements.",
                    limit=limit,
                ),
                _("use whole-array NumPy operations (comparisons, np.where, arithmetic on the array), no for loop."),
            )
    return Feedback(True, why)


KO = {
    "Correct": "정답",
    "Not yet": "아직 아니에요",
    "No answer yet": "아직 답이 없어요",
    "Hint": "힌트",
    "replace the placeholder with {what}, then run this cell again.": (
        "자리표시자(None 또는 ...) 대신 답을 넣고 이 셀을 다시 실행하세요. 넣을 것: {what}."
    ),
    "{answer!r} is a string (text), not a number.": "{answer!r}: 숫자가 아니라 문자열(텍스트)입니다.",
    "give the number itself, without quotes: 5, not '5'.": "따옴표 없이 숫자 자체를 쓰세요. '5'가 아니라 5.",
    "type a number, without quotes.": "따옴표 없이 숫자를 입력하세요.",
    "{answer!r} is not it.": "{answer!r}: 정답이 아닙니다.",
    "{answer!r} is a truth value, not a number.": "{answer!r}: 숫자가 아니라 참/거짓 값입니다.",
    "expected {what}, got {kind} {answer!r}.": "필요한 것은 {what}인데, 들어온 것은 {kind} {answer!r}입니다.",
    "{answer!r} is not a finite number.": "{answer!r}: 유한한 숫자가 아닙니다.",
    "{answer!r} is not a whole number, and a size or a count must be one.": (
        "{answer!r}: 정수가 아닙니다. 크기나 개수는 정수여야 합니다."
    ),
    "{answer!r} is close, but not precise enough.": "{answer!r}: 거의 맞았지만 정밀도가 부족합니다.",
    "give at least {sig} significant figures (do not round so early).": (
        "유효숫자를 {sig}자리 이상 쓰세요(너무 일찍 반올림하지 마세요)."
    ),
    "{answer!r} is a string (text), not a tuple of numbers.": "{answer!r}: 숫자 튜플이 아니라 문자열(텍스트)입니다.",
    "write the numbers in parentheses, without quotes, e.g. (1, 2).": (
        "따옴표 없이 괄호 안에 숫자를 쓰세요. 예: (1, 2)"
    ),
    "{item!r} in your answer is not a number.": "답에 들어 있는 {item!r}: 숫자가 아닙니다.",
    "{item!r} is not a whole number, and a size must be one.": "{item!r}: 정수가 아닙니다. 크기는 정수여야 합니다.",
    "expected {n} numbers, got {m}.": "숫자가 {n}개 필요한데 {m}개가 들어왔습니다.",
    "{answer!r} is a string (text), not an array of numbers.": ("{answer!r}: 숫자 배열이 아니라 문자열(텍스트)입니다."),
    "expected an array of numbers, got {kind}.": "숫자 배열이 필요한데, 들어온 것은 {kind}입니다.",
    "the shape is {shape}, expected {expected}.": "shape이 {shape}입니다. {expected}이어야 합니다.",
    "the values are close, but not precise enough.": "값이 거의 맞았지만 정밀도가 부족합니다.",
    "do not round: give the values with at least 3 significant figures.": (
        "반올림하지 말고, 유효숫자 3자리 이상으로 값을 주세요."
    ),
    "the shape is right but the values differ (e.g. at index {where}: {got:.4g} instead of {want:.4g}).": (
        "shape은 맞지만 값이 다릅니다(예: 인덱스 {where}에서 {want:.4g}이어야 하는데 {got:.4g}입니다)."
    ),
    "test case {k} raised {kind}: {err} (line {line}).": (
        "테스트 {k}에서 {kind} 오류가 났습니다: {err} ({line}번째 줄)."
    ),
    "expected a function, got {kind}.": "함수가 필요한데, 들어온 것은 {kind}입니다.",
    "your function calls {name}, which does the whole job: this exercise asks you to write that part yourself.": (
        "작성한 함수가 {name}을(를) 호출합니다. 그 함수가 일을 전부 해 버리는데, "
        "이 연습문제는 바로 그 부분을 직접 작성해 보는 문제입니다."
    ),
    "test case {k}: {message}": "테스트 {k}: {message}",
    (
        "your function gives the right values, but it runs more than {limit} lines of Python for one array: "
        "a Python loop over the elements."
    ): (
        "값은 맞지만, 배열 하나를 처리하는 데 파이썬 코드를 {limit}줄 넘게 실행합니다. "
        "원소마다 도는 파이썬 반복문이 있다는 뜻입니다."
    ),
    "use whole-array NumPy operations (comparisons, np.where, arithmetic on the array), no for loop.": (
        "for 반복문 없이, 배열 전체에 한 번에 적용되는 NumPy 연산(비교, np.where, 배열 산술)을 쓰세요."
    ),
}
