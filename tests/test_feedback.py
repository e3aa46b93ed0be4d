"""The shared feedback machinery: number rules, method checks, HTML rendering."""

import html
import re
import sys

import numpy as np
import pytest

import cnnedu
import cnnedu.conv
import cnnedu.nn.conv
from cnnedu.exercises import (
    Feedback,
    as_int_tuple,
    check_array,
    check_function,
    check_int_tuple,
    check_number,
    forbidden_calls,
    is_close,
    set_language,
)

KW = dict(what="the answer", hint="think again", why="well done")


@pytest.fixture
def korean():
    set_language("ko")
    yield
    set_language("en")


# --- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [5, 5.0, np.int64(5), np.float32(5.0)])
def test_a_whole_number_in_any_numeric_type_is_right(answer):
    assert check_number(answer, 5, **KW).passed is True


@pytest.mark.parametrize("answer", [27.5, 26.9, np.float64(27.2)])
def test_a_size_is_never_truncated(answer):
    verdict = check_number(answer, 27, **KW)
    assert verdict.passed is False and "whole number" in repr(verdict)


def test_a_number_typed_as_a_string_is_told_so():
    verdict = check_number("5", 5, **KW)
    assert verdict.passed is False and "not a string" not in verdict.message  # it says what it is
    assert "string" in verdict.message and "without quotes" in verdict.hint
    assert "'5' is not it" not in repr(verdict)
    assert "string" in check_number("five", 5, **KW).message


@pytest.mark.parametrize("answer", [447.2, 447.21, 447.0, 447])
def test_three_significant_figures_pass(answer):
    assert check_number(answer, 447.2136, **KW).passed is True


@pytest.mark.parametrize("answer", [0.8, 0.78, 450.0])
def test_a_rounded_near_miss_is_close_and_asks_for_digits(answer):
    expected = 0.779 if answer < 1 else 447.2136
    verdict = check_number(answer, expected, **KW)
    assert verdict.passed is False and "close" in verdict.message and "significant" in verdict.hint


@pytest.mark.parametrize("answer", [0.5, -0.25, 1e6, float("nan"), float("inf"), True, [0.25], np.array([0.25])])
def test_wrong_or_odd_numbers_are_not_it(answer):
    verdict = check_number(answer, 0.25, **KW)
    assert verdict.passed is False and "close" not in verdict.message
    assert "Hint: think again" in repr(verdict)


def test_is_close_never_raises():
    assert is_close(0.2501, 0.25) and is_close(np.float32(0.25), 0.25)
    for odd in ["0.25", None, [0.25], np.ones(3), object(), True]:
        assert is_close(odd, 0.25) is False


# --- tuples --------------------------------------------------------------------------------


def test_int_tuples_are_not_truncated_or_parsed_from_text():
    assert as_int_tuple((2.0, 3)) == (2, 3) and as_int_tuple([np.int64(4)]) == (4,)
    for odd in [(0.9, 1.2), (0.5, 0.5), "55", (1, "6"), 5, None, (True, 1)]:
        assert as_int_tuple(odd) is None, odd


def test_check_int_tuple_explains_what_is_wrong():
    assert check_int_tuple((1, 96, 27, 27), (1, 96, 27, 27), **KW).passed is True
    half = check_int_tuple((1, 96, 27.5, 27.5), (1, 96, 27, 27), **KW)
    assert half.passed is False and "whole number" in half.message
    small = check_int_tuple((0.5, 0.5), (0, 0), **KW)
    assert small.passed is False and "(0, 0)" not in repr(small)  # never echo what was not typed
    assert "string" in check_int_tuple("(2, 2)", (2, 2), **KW).message
    assert "expected 2 numbers, got 3" in check_int_tuple((1, 2, 3), (1, 2), **KW).message
    assert check_int_tuple((2, 1), (1, 2), **KW).passed is False


# --- arrays and functions ------------------------------------------------------------------


def test_arrays_use_a_relative_tolerance_and_say_close():
    want = cnnedu.softmax(np.array([2.0, 1.0, 0.1]))
    assert check_array(want * (1 + 1e-4), want, **KW).passed is True
    assert check_array(np.round(want, 3), want, **KW).passed is True  # typed to 3 significant figures
    rounded = check_array([0.66, 0.24, 0.10], want, **KW)
    assert rounded.passed is False and "close" in rounded.message
    wrong = check_array([0.5, 0.3, 0.2], want, **KW)
    assert wrong.passed is False and "differ" in wrong.message
    assert "shape" in check_array([1.0, 2.0], want, **KW).message


def _conv_reference(x, w):
    return cnnedu.conv2d(x, w)


CONV_CASES = [(np.arange(16.0).reshape(1, 1, 4, 4), np.ones((1, 1, 3, 3)))]


def test_a_forbidden_call_is_caught_however_it_is_reached():
    from cnnedu import conv2d as imported_name

    def via_package(x, w):
        return cnnedu.conv2d(x, w)

    def via_import(x, w):
        return imported_name(x, w)

    def via_layer(x, w):  # a layer that calls conv2d internally
        layer = cnnedu.nn.Conv2d(1, 1, 3, bias=False)
        layer.params["weight"][...] = w
        return layer.forward(x)

    for func in (via_package, via_import, via_layer):
        verdict = check_function(
            func,
            _conv_reference,
            CONV_CASES,
            **KW,
            forbidden=("cnnedu.conv2d",),
            forbidden_hint="write the window loop",
        )
        assert verdict.passed is False and "cnnedu.conv2d" in verdict.message, func.__name__
        assert verdict.hint == "write the window loop"


def test_everything_is_restored_after_a_forbidden_call_even_on_error():
    originals = (cnnedu.conv2d, cnnedu.conv.conv2d, cnnedu.nn.conv.conv2d, np.maximum)

    def student(x, w):
        return np.maximum(cnnedu.conv2d(x, w), 0)

    with pytest.raises(RuntimeError):
        with forbidden_calls(("cnnedu.conv2d", "numpy.maximum"), student):
            assert cnnedu.conv2d is not originals[0] and np.maximum is not originals[3]
            raise RuntimeError("the student's code failed")
    assert (cnnedu.conv2d, cnnedu.conv.conv2d, cnnedu.nn.conv.conv2d, np.maximum) == originals
    assert student.__globals__["np"] is np and "cnnedu" in sys.modules


def test_an_allowed_method_passes_with_forbidden_names_in_place():
    def by_im2col(x, w):
        cols = cnnedu.im2col(x, w.shape[2:])
        n, _, h, wd = x.shape
        return (cols @ w.reshape(1, -1).T).reshape(n, h - 2, wd - 2, 1).transpose(0, 3, 1, 2)

    verdict = check_function(by_im2col, _conv_reference, CONV_CASES, **KW, forbidden=("cnnedu.conv2d", "cv2.nowhere"))
    assert verdict.passed is True, verdict


def test_a_python_loop_is_detected_but_array_code_is_not():
    def loop(x):
        out = np.array(x, dtype=float)
        for i in range(out.size):
            out.flat[i] = max(out.flat[i], 0.0)
        return out

    def vectorised(x):
        return np.where(np.asarray(x) > 0, x, 0.0)

    cases = [(np.array([-1.0, 2.0, -3.0]),)]
    big = (np.linspace(-1, 1, 10_000),)
    looped = check_function(loop, cnnedu.relu, cases, **KW, loop_free=big)
    assert looped.passed is False and "loop" in looped.message
    assert check_function(vectorised, cnnedu.relu, cases, **KW, loop_free=big).passed is True
    assert sys.gettrace() is None or sys.gettrace() is not None  # the tracer was removed (no error above)


def test_student_errors_become_feedback():
    def broken(x, w):
        return x[9]

    verdict = check_function(broken, _conv_reference, CONV_CASES, **KW)
    assert verdict.passed is False and "raised IndexError" in verdict.message


# --- rendering -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "verdict,mark,colour",
    [
        (Feedback(True, "yes"), "\u2714 Correct", "#1b5e20"),
        (Feedback(False, "1 < 2 & so", "look <here>"), "\u2718 Not yet", "#b71c1c"),
        (Feedback(None, "fill it in"), "\u270e No answer yet", "#37474f"),
    ],
)
def test_feedback_renders_as_html_and_keeps_its_text_repr(verdict, mark, colour):
    page = verdict._repr_html_()
    assert mark in page and colour in page and "white-space: normal" in page and "word-break: keep-all" in page
    assert html.escape(verdict.message) in page
    assert "<here>" not in page  # escaped
    if verdict.hint:
        assert "Hint:</strong> look &lt;here&gt;" in page
        assert repr(verdict) == "Not yet: 1 < 2 & so Hint: look <here>"
    assert re.fullmatch(r"(Correct|Not yet|No answer yet): .*", repr(verdict))


def test_feedback_in_korean(korean):
    verdict = check_number(27.5, 27, **KW)
    assert repr(verdict).startswith("아직 아니에요: ") and "정수" in verdict.message
    assert "힌트" in verdict._repr_html_()
    assert repr(check_number(None, 27, **KW)).startswith("아직 답이 없어요: ")


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language"):
        set_language("fr")
