"""The checkers of notebook 06 accept the reference solutions, reject typical mistakes with a
targeted hint, forgive rounding, check the method of the function exercise, and speak Korean
when asked to. (Placeholders and the reference solutions of every notebook are also covered
by test_exercises_all.py.)"""

import numpy as np
import pytest

import cnnedu
from cnnedu.exercises import ex06, set_language

from exercise_helpers import assert_rejected
from exercise_helpers import stub as _stub


def _has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


@pytest.fixture
def korean():
    set_language("ko")
    yield
    set_language("en")


def test_unfinished_function_says_no_answer_yet():
    assert ex06.exercise_4(_stub).passed is None


def test_expected_answers_follow_from_the_questions():
    answers = ex06.expected_answers()
    # the corner of section 2's square: brighter to the right and below, equally -> 45 degrees
    square = np.zeros((32, 32))
    square[8:24, 8:24] = 1.0
    gx = np.sum(cnnedu.SOBEL_X * square[6:9, 6:9])
    gy = np.sum(cnnedu.SOBEL_Y * square[6:9, 6:9])
    assert gx == gy == 1 and answers["exercise_1"] == pytest.approx(np.degrees(np.arctan2(gy, gx)))
    assert answers["exercise_2"] == (1, 12, (440 - 5) // 2 + 1, (440 - 5) // 2 + 1)
    assert answers["exercise_3"] == pytest.approx(np.hypot(200, 400))


# --- Exercise 1: the direction at the corner


@pytest.mark.parametrize(
    "wrong, words",
    [
        (-45, ["wrong sign", "y points DOWN"]),
        (135, ["to the left", "gx > 0"]),
        (-135, ["away from the square", "-SOBEL_X"]),  # what the notes' kernels give
        (225, ["away from the square"]),
        (0.785, ["radians", "degrees"]),
        (0, ["side of the square", "both gx and gy"]),
        (90, ["side of the square"]),
        (30, ["arctan2(gy, gx)"]),
        ("45", ["not a number"]),
    ],
)
def test_exercise_1_targeted_hints(wrong, words):
    assert_rejected(ex06.exercise_1(wrong), *words)


def test_exercise_1_forgives_rounding():
    for right in (45, 45.0, np.float64(45.0), 45.04):
        assert ex06.exercise_1(right).passed is True, right
    assert "close" in repr(ex06.exercise_1(44.6))


# --- Exercise 2: the shape of a bank of 5x5x3 filters with stride 2


@pytest.mark.parametrize(
    "wrong, words",
    [
        ((1, 3, 218, 218), ["colour channels", "one output channel per filter"]),
        ((1, 12, 436, 436), ["stride 1", "(440 - 5) // 2 + 1"]),
        ((1, 12, 219, 219), ["rounds 218.5 up", "round DOWN"]),
        ((1, 12, 217, 217), ["one short", "positions, not the steps"]),
        ((1, 12, 218.5, 218.5), ["not a whole number", "round down"]),
        ((12, 218, 218), ["batch axis"]),
        ((1, 8, 219, 219), ["one output channel per FILTER"]),
        ("(1, 12, 218, 218)", ["string"]),
    ],
)
def test_exercise_2_targeted_hints(wrong, words):
    assert_rejected(ex06.exercise_2(wrong), *words)


def test_exercise_2_accepts_lists_and_whole_floats():
    assert ex06.exercise_2([1, 12, 218, 218]).passed is True
    assert ex06.exercise_2((1.0, 12, 218.0, 218)).passed is True


# --- Exercise 3: the magnitude


@pytest.mark.parametrize(
    "wrong, words",
    [
        (600.0, ["|gx| + |gy|", "sqrt(gx**2 + gy**2)"]),
        (200000.0, ["square of the magnitude", "square root"]),
        (200.0, ["gx alone"]),
        (400.0, ["gy alone"]),
        (-400.0, ["gy alone"]),
        (300.0, ["no flipping"]),
        ("447.2", ["not a number"]),
    ],
)
def test_exercise_3_targeted_hints(wrong, words):
    assert_rejected(ex06.exercise_3(wrong), *words)


def test_exercise_3_forgives_rounding(sol):
    assert round(sol.exercise_3, 2) == 447.21
    for right in (447.2, 447, 447.21, np.float32(447.2136)):
        assert ex06.exercise_3(right).passed is True, right
    assert "close" in repr(ex06.exercise_3(450))  # two significant figures: asked for more


# --- Exercise 4: one filter over a colour image, a loop over the kernel positions only


def _pixel_loop(image, kernel):  # right values, conv_op_fixed's method: one iteration per pixel
    image = np.asarray(image, dtype=np.float64)
    kh, kw, _ = kernel.shape
    out = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i : i + kh, j : j + kw, :] * kernel)
    return out


def _row_loop(image, kernel):  # right values, one iteration per output row
    image = np.asarray(image, dtype=np.float64)
    kh, kw, _ = kernel.shape
    oh, ow = image.shape[0] - kh + 1, image.shape[1] - kw + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for dy in range(kh):
            for dx in range(kw):
                out[i] += image[i + dy, dx : dx + ow, :] @ kernel[dy, dx]
    return out


def _notes_conv_op(image, kernel):  # the notes' bug (a): each channel times the whole kernel
    image = np.asarray(image, dtype=np.float64)
    k = kernel.shape[0]
    out = np.zeros((image.shape[0] - k + 1, image.shape[1] - k + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            for c in range(image.shape[2]):
                out[i, j] += np.sum(image[i : i + k, j : j + k, c] * kernel)
    return out


def _shifts(image, kernel, *, flip=False, keep_channels=False, dtype=np.float64, square=False):
    """The shift-and-add method, with one typical mistake switched on."""
    image = np.asarray(image) if dtype is None else np.asarray(image, dtype=dtype)
    kernel = np.asarray(kernel)[::-1, ::-1] if flip else np.asarray(kernel)
    kh, kw, c = kernel.shape
    if square:
        kw = kh
    oh, ow = image.shape[0] - kh + 1, image.shape[1] - kw + 1
    out = np.zeros((oh, ow, c) if keep_channels else (oh, ow), dtype=image.dtype)
    for dy in range(kh):
        for dx in range(kw):
            part = image[dy : dy + oh, dx : dx + ow, :] * kernel[dy, dx].astype(image.dtype)
            out += part if keep_channels else part.sum(axis=-1).astype(image.dtype)
    return out


MISTAKES = {
    "pixel loop": (_pixel_loop, ["loops over the pixels", "conv_op_fixed", "kernel positions"]),
    "row loop": (_row_loop, ["loops over the pixels (or the rows)"]),
    "notes' conv_op": (_notes_conv_op, ["whole 3-D kernel", "kernel[:, :, c]"]),
    "flipped": (lambda im, k: _shifts(im, k, flip=True), ["180 degrees", "do not flip"]),
    "channels kept": (lambda im, k: _shifts(im, k, keep_channels=True), ["one map per channel", "ONE map"]),
    "uint8": (lambda im, k: _shifts(im, k, dtype=None), ["uint8", "float first"]),
    "square kernel": (lambda im, k: _shifts(im, k, square=True), ["test case 3", "KH and KW separately"]),
    "conv2d": (
        lambda im, k: cnnedu.conv2d(np.asarray(im, float).transpose(2, 0, 1)[None], k.transpose(2, 0, 1)[None])[0, 0],
        ["conv2d", "kernel positions yourself"],
    ),
    "im2col": (
        lambda im, k: (
            cnnedu.im2col(np.asarray(im, float).transpose(2, 0, 1)[None], k.shape[:2]) @ k.transpose(2, 0, 1).ravel()
        ).reshape(im.shape[0] - k.shape[0] + 1, -1),
        ["im2col"],
    ),
    "not a function": ("conv2d", ["function"]),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_exercise_4_targeted_hints(name):
    func, words = MISTAKES[name]
    assert_rejected(ex06.exercise_4(func), *words)


def test_exercise_4_leaves_the_library_as_it_was():
    original = cnnedu.conv2d
    ex06.exercise_4(MISTAKES["conv2d"][0])
    assert cnnedu.conv2d is original and cnnedu.conv.conv2d is original
    x = np.arange(9.0).reshape(1, 1, 3, 3)
    assert cnnedu.conv2d(x, np.ones((1, 1, 2, 2)))[0, 0, 0, 0] == 8.0


def test_exercise_4_accepts_other_vectorised_methods():
    def einsum_windows(image, kernel):  # sliding windows and one einsum: no loop at all
        image = np.asarray(image, dtype=np.float64)
        kh, kw, _ = kernel.shape
        view = np.lib.stride_tricks.sliding_window_view(image, (kh, kw), axis=(0, 1))  # (OH, OW, C, KH, KW)
        return np.einsum("ijcyx,yxc->ij", view, kernel)

    assert ex06.exercise_4(einsum_windows).passed is True


# --- Korean feedback

WRONG = [(1, w) for w in (-45, 135, -135, 0.785, 0, 30, 44.6)]
WRONG += [(2, w) for w in ((1, 3, 218, 218), (1, 12, 436, 436), (1, 12, 219, 219), (1, 12, 217, 217))]
WRONG += [(2, w) for w in ((1, 12, 218.5, 218.5), (12, 218, 218), (1, 8, 219, 219))]
WRONG += [(3, w) for w in (600.0, 200000.0, 200.0, 300.0)]
WRONG += [(4, func) for name, (func, _words) in MISTAKES.items() if name != "not a function"]


@pytest.mark.parametrize("n, wrong", WRONG)
def test_wrong_answers_get_korean_feedback(korean, n, wrong):
    feedback = getattr(ex06, f"exercise_{n}")(wrong)
    assert feedback.passed is False
    assert _has_hangul(feedback.message) and _has_hangul(feedback.hint), repr(feedback)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_right_answers_and_placeholders_in_korean(korean, sol, n):
    checker = getattr(ex06, f"exercise_{n}")
    assert _has_hangul(checker(getattr(sol, f"exercise_{n}")).message)
    assert _has_hangul(repr(checker(None)))
