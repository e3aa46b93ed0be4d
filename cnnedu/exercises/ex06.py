"""Checkers for the exercises of notebook 06 (Sobel edges and colour).

Every expected answer is computed here with :mod:`cnnedu` from the numbers in the
question, never typed in. The typical mistakes (y pointing up, the notes' sign-flipped
kernels, radians, the colour channels counted as filters, a forgotten stride or +1,
|gx| + |gy|, a loop over the pixels) get a hint of their own.
"""

from __future__ import annotations

import math

import numpy as np

from ..conv import conv2d
from ..filters import SOBEL_X, SOBEL_Y
from ..shapes import conv_output_size
from .feedback import (
    Feedback,
    Messages,
    as_int_tuple,
    check_function,
    check_int_tuple,
    check_number,
    forbidden_calls,
    is_close,
    is_unanswered,
    python_lines,
)

__all__ = [
    "exercise_1",
    "exercise_2",
    "PHOTO_SHAPE",
    "exercise_3",
    "given_patch",
    "exercise_4",
    "expected_answers",
]

_ = Messages(__name__)

PHOTO_SHAPE = (1, 3, 440, 440)  # the photo in NCHW: photo.transpose(2, 0, 1)[None]
# Exercise 2: a bank of EX2_F filters of EX2_K x EX2_K x 3 with stride EX2_STRIDE, no padding.
EX2_F, EX2_K, EX2_STRIDE = 12, 5, 2


def _sobel_at(image: np.ndarray):
    """gx, gy ('valid' cross-correlation with SOBEL_X, SOBEL_Y) of a 2D image, float64."""
    kernels = np.stack([SOBEL_X, SOBEL_Y])[:, None].astype(np.float64)  # (2, 1, 3, 3)
    return conv2d(np.asarray(image, dtype=np.float64)[None, None], kernels)[0]


def _test_square() -> np.ndarray:
    """Section 2's test image: a bright 16x16 square (rows and columns 8..23) on a dark 32x32."""
    square = np.zeros((32, 32))
    square[8:24, 8:24] = 1.0
    return square


def _corner_gradient():
    """gx, gy at the square's top-left corner: the 'valid' pixel whose window first touches it."""
    gx, gy = _sobel_at(_test_square())
    corner = (6, 6)  # window rows and columns 6..8: only input pixel (8, 8) is bright
    return float(gx[corner]), float(gy[corner])


def _ex1_expected() -> float:
    gx, gy = _corner_gradient()
    return float(np.degrees(np.arctan2(gy, gx)))


def _ex2_expected() -> tuple:
    n, _c, h, w = PHOTO_SHAPE
    return (n, EX2_F, conv_output_size(h, EX2_K, EX2_STRIDE), conv_output_size(w, EX2_K, EX2_STRIDE))


def given_patch() -> np.ndarray:
    """The 3x3 grayscale patch of exercise 3 (dark above, bright below and on the right)."""
    return np.array([[50, 50, 50], [50, 50, 150], [150, 150, 150]], dtype=np.float64)


def _ex3_components():
    gx, gy = _sobel_at(given_patch())
    return float(gx[0, 0]), float(gy[0, 0])


def expected_answers() -> dict[str, object]:
    """The numeric answers, for the test that no notebook prints one above its exercise."""
    return {
        "exercise_1": _ex1_expected(),
        "exercise_2": _ex2_expected(),
        "exercise_3": float(np.hypot(*_ex3_components())),
    }


def _shown(answer):
    """A NumPy scalar as the plain number it is, so a message shows 45, not np.float64(45.0)."""
    return answer.item() if isinstance(answer, np.generic) else answer


# --- Exercise 1: the direction at a corner


def exercise_1(answer) -> Feedback:
    """The gradient direction np.degrees(np.arctan2(gy, gx)) at the top-left corner of section 2's
    bright square (y pointing down), as a number of degrees."""
    expected = _ex1_expected()
    answer = _shown(answer)
    what = _("a number of degrees")
    if is_close(answer, -expected):
        return Feedback(
            False,
            _("{answer!r} has the wrong sign: it would point up and to the right.", answer=answer),
            _(
                "in an image y points DOWN: the square is brighter below the corner, so gy > 0 and the angle is "
                "positive."
            ),
        )
    if is_close(answer, 180 - expected):
        return Feedback(
            False,
            _("{answer!r} points to the left.", answer=answer),
            _("the square is brighter to the RIGHT of its left side, so gx > 0: the angle lies between -90 and 90."),
        )
    if is_close(answer, expected - 180) or is_close(answer, expected + 180):
        return Feedback(
            False,
            _("{answer!r} points away from the square, towards the dark.", answer=answer),
            _(
                "the gradient points uphill, to brighter pixels. (The notes' kernels are -SOBEL_X and -SOBEL_Y: "
                "they would give this angle.)"
            ),
        )
    if is_close(answer, math.radians(expected)):
        return Feedback(
            False,
            _("{answer!r} is the angle in radians.", answer=answer),
            _("give it in degrees, as np.degrees(np.arctan2(gy, gx)) does."),
        )
    if any(is_close(answer, a) for a in (0.0, 90.0)):
        return Feedback(
            False,
            _("{answer!r} is the direction at a side of the square, not at its corner.", answer=answer),
            _("at the corner both gx and gy respond, with the same strength: the direction lies between them."),
        )
    gx, gy = _corner_gradient()
    return check_number(
        answer,
        expected,
        what=what,
        hint=_(
            "find the signs of gx (brighter to the right?) and gy (brighter below?) at the corner, and whether "
            "they are equal; then arctan2(gy, gx)."
        ),
        why=_(
            "at the corner gx = {gx:g} and gy = {gy:g}: brighter to the right and brighter below, equally, so the "
            "gradient points down and to the right, into the square, at {angle:g} degrees.",
            gx=gx,
            gy=gy,
            angle=expected,
        ),
    )


# --- Exercise 2: the output shape of a bank of colour filters


def exercise_2(answer) -> Feedback:
    """The output shape of ``conv2d`` on the photo (1, 3, 440, 440) with 12 filters of 5x5x3,
    stride 2, no padding. Answer a tuple (N, F, OH, OW)."""
    expected = _ex2_expected()
    n, f, oh, ow = expected
    h = PHOTO_SHAPE[2]
    exact = (h - EX2_K) / EX2_STRIDE + 1
    got = as_int_tuple(answer)
    what = _("a tuple (N, F, OH, OW)")
    formula = f"({h} - {EX2_K}) // {EX2_STRIDE} + 1"  # a formula, the same in every language
    if got is not None and len(got) == 4:
        if got[1] == PHOTO_SHAPE[1] and got[2:] == (oh, ow):
            return Feedback(
                False,
                _("{answer!r} has 3 channels: those are the colour channels of the input.", answer=got),
                _(
                    "each filter sums over all 3 colour channels and gives ONE map, so there is one output channel "
                    "per filter."
                ),
            )
        side = got[2]
        if got[:2] == (n, f) and side == got[3] and side != oh:
            if side == conv_output_size(h, EX2_K):
                return Feedback(
                    False,
                    _("{answer!r} is the size for stride 1.", answer=got),
                    _(
                        "with stride {s} the window moves {s} pixels at a time: {formula}.",
                        s=EX2_STRIDE,
                        formula=formula,
                    ),
                )
            if side == math.ceil(exact):
                return Feedback(
                    False,
                    _("{answer!r} rounds {exact:g} up.", answer=got, exact=exact),
                    _("the last window must fit inside the image: round DOWN, {formula}.", formula=formula),
                )
            if side == oh - 1:
                return Feedback(
                    False,
                    _("{answer!r} is one short on each side.", answer=got),
                    _(
                        "count the positions, not the steps: {formula}, and the +1 is the first position.",
                        formula=formula,
                    ),
                )
    if not isinstance(answer, str) and not is_unanswered(answer):
        try:
            items = list(answer)
        except TypeError:
            items = None
        not_whole = [v for v in (items or [])[2:] if is_close(v, exact, sig=6) and not float(v).is_integer()]
        if items is not None and len(items) == 4 and not_whole:
            return Feedback(
                False,
                _("{exact:g} is not a whole number of positions.", exact=exact),
                _("the window fits only at whole steps: round down, {formula} = {side}.", formula=formula, side=oh),
            )
        if got is not None and len(got) == 3 and got == expected[1:]:
            return Feedback(
                False,
                _("{answer!r} leaves out the batch axis.", answer=got),
                _("conv2d returns (N, F, OH, OW); the batch has N = 1 photo."),
            )
    return check_int_tuple(
        answer,
        expected,
        what=what,
        hint=_(
            "the batch stays 1; one output channel per FILTER (the 3 colour channels are summed inside each "
            "filter); each side is {formula}.",
            formula=formula,
        ),
        why=_(
            "{expected}: each filter sums over all 3 colour channels and gives ONE map, so {f} filters give {f} "
            "channels; {formula} = {side}.",
            expected=expected,
            f=f,
            formula=formula,
            side=oh,
        ),
    )


# --- Exercise 3: the gradient magnitude of a patch


def exercise_3(answer) -> Feedback:
    """The Sobel gradient magnitude sqrt(gx**2 + gy**2) at the centre of :func:`given_patch`
    (3 significant figures are enough)."""
    gx, gy = _ex3_components()
    expected = float(np.hypot(gx, gy))
    answer = _shown(answer)
    what = _("a number: the gradient magnitude at the centre")
    if is_close(answer, abs(gx) + abs(gy)):
        return Feedback(
            False,
            _("{answer!r} is |gx| + |gy|.", answer=answer),
            _("the magnitude is the length of the vector (gx, gy): sqrt(gx**2 + gy**2), not |gx| + |gy|."),
        )
    if is_close(answer, gx * gx + gy * gy):
        return Feedback(
            False,
            _("{answer!r} is gx**2 + gy**2, the square of the magnitude.", answer=answer),
            _("take the square root at the end."),
        )
    for name, value in (("gx", gx), ("gy", gy)):
        if is_close(answer, value) or is_close(answer, -value):
            return Feedback(
                False,
                _("{answer!r} is {name} alone.", answer=answer, name=name),
                _("compute both gx and gy, then combine them: sqrt(gx**2 + gy**2)."),
            )
    return check_number(
        answer,
        expected,
        what=what,
        hint=_(
            "gx = np.sum(SOBEL_X * patch), gy = np.sum(SOBEL_Y * patch) (no flipping: cross-correlation), then "
            "combine them with sqrt(gx**2 + gy**2)."
        ),
        why=_(
            "gx = {gx:g} (brighter to the right), gy = {gy:g} (brighter downwards), and sqrt(gx**2 + gy**2) = {m:.2f}.",
            gx=gx,
            gy=gy,
            m=expected,
        ),
    )


# --- Exercise 4: one multi-channel filter, looping over the kernel positions only


def _conv_cases():
    rng = np.random.default_rng(6)
    return [
        (rng.integers(0, 256, (6, 7, 3)).astype(np.uint8), rng.standard_normal((3, 3, 3))),  # a uint8 photo crop
        (rng.standard_normal((5, 5, 3)), np.ones((3, 3, 3))),  # channels weighted alike
        (rng.standard_normal((6, 8, 2)), rng.standard_normal((2, 3, 2))),  # 2 channels, a 2x3 kernel
        (rng.random((4, 4, 1)), rng.random((2, 2, 1))),  # one channel: plain 2D correlation
    ]


def _loop_probe():
    """A large image: a loop over its 298 x 298 output pixels (or its rows) runs thousands of lines."""
    rng = np.random.default_rng(8)
    return (rng.random((300, 300, 3)), rng.standard_normal((3, 3, 3)))


def _reference_conv(image, kernel):
    x = np.asarray(image, dtype=np.float64).transpose(2, 0, 1)[None]  # HWC -> NCHW
    w = np.asarray(kernel, dtype=np.float64).transpose(2, 0, 1)[None]  # (KH, KW, C) -> (1, C, KH, KW)
    return conv2d(x, w)[0, 0]


def _flipped_conv(image, kernel):  # the textbook convolution: the kernel turned by 180 degrees
    return _reference_conv(image, np.asarray(kernel)[::-1, ::-1])


def _notes_conv(image, kernel):
    """The notes' conv_op bug (a): each channel's 2D window times the WHOLE (KH, KW, C) kernel."""
    image = np.asarray(image, dtype=np.float64)
    k = kernel.shape[0]
    out = np.zeros((image.shape[0] - k + 1, image.shape[1] - k + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            for c in range(image.shape[2]):
                out[i, j] += np.sum(image[i : i + k, j : j + k, c] * kernel)  # broadcasts to (KH, KW, C)
    return out


_CONV_CALLS = (
    "cnnedu.conv2d",
    "cnnedu.conv.conv2d",
    "cnnedu.conv2d_naive",
    "cnnedu.conv.conv2d_naive",
    "cnnedu.im2col",
    "cnnedu.im2col.im2col",
    "cnnedu.nn.Conv2d",
    "cv2.filter2D",
    "scipy.signal.correlate",
    "scipy.signal.convolve",
    "scipy.ndimage.correlate",
    "scipy.ndimage.convolve",
)
_LOOP_LIMIT = 300


def _outputs(func, cases):
    """``func`` on every case as float arrays, or None if it fails on one (check_function reports that)."""
    try:
        with forbidden_calls(_CONV_CALLS, func):
            return [np.asarray(func(*args), dtype=float) for args in cases]
    except Exception:  # noqa: BLE001 - any failure means "not this mistake"
        return None


def _matches(got, reference, cases) -> bool:
    return all(
        g.shape == np.shape(r) and np.allclose(g, r, rtol=1e-3, atol=1e-4)
        for g, r in zip(got, (reference(*args) for args in cases))
    )


def exercise_4(func) -> Feedback:
    """One multi-channel filter over an image: ``func(image (H, W, C), kernel (KH, KW, C))``.

    Returns ONE map of shape (H - KH + 1, W - KW + 1): at each position, the sum over all
    channels of window * kernel (no padding, stride 1, no flip). The method is checked too:
    a loop over the KH x KW kernel positions only (a loop over the pixels is refused), and no
    library convolution.
    """
    what = _("a function my_conv_channels(image, kernel) returning one (H-KH+1, W-KW+1) map")
    hint = _(
        "for each kernel position (dy, dx): out += image[dy:dy+OH, dx:dx+OW, :] @ kernel[dy, dx] (the @ sums over "
        "the channels); use KH and KW separately (the kernel need not be square) and compute in float, not uint8."
    )
    if not is_unanswered(func) and callable(func):
        cases = _conv_cases()
        square = [args for args in cases if args[1].shape[0] == args[1].shape[1]]
        got_square = _outputs(func, square)  # the notes' conv_op crashes on a non-square kernel
        if got_square is not None and _matches(got_square, _notes_conv, square):
            return Feedback(
                False,
                _(
                    "your function multiplies each channel of the window by the whole 3-D kernel, like the notes' "
                    "conv_op (bug (a) of section 8)."
                ),
                _(
                    "channel c of the window meets only its own slice of the filter, kernel[:, :, c] "
                    "(kernel[dy, dx, c] at one position)."
                ),
            )
        got = _outputs(func, cases)
        if got is not None:
            if _matches(got, _flipped_conv, cases):
                return Feedback(
                    False,
                    _("your function turns the kernel by 180 degrees (a true convolution)."),
                    _(
                        "CNN layers and conv2d do not flip: position (dy, dx) of the kernel meets "
                        "image[i + dy, j + dx], not image[i - dy, j - dx]."
                    ),
                )
            if all(g.ndim == 3 and g.shape[-1] == args[0].shape[-1] for g, args in zip(got, cases)):
                return Feedback(
                    False,
                    _("your function returns one map per channel, shape (OH, OW, C)."),
                    _("a filter sums over the channels too: one filter gives ONE map of shape (OH, OW)."),
                )
            if np.asarray(cases[0][0]).dtype == np.uint8 and not _matches(got[:1], _reference_conv, cases[:1]):
                as_float = [(np.asarray(image, dtype=np.float64), kernel) for image, kernel in cases[:1]]
                again = _outputs(func, as_float)
                if again is not None and _matches(again, _reference_conv, as_float):
                    return Feedback(
                        False,
                        _(
                            "test case 1 (a uint8 image): the sums wrap around or are rounded, as in the notes' "
                            "conv_op."
                        ),
                        _("convert the image to float first: image = np.asarray(image, dtype=np.float64)."),
                    )
    verdict = check_function(
        func,
        _reference_conv,
        _conv_cases(),
        what=what,
        hint=hint,
        why=_(
            "the KH x KW loop adds, for each kernel position, one shifted slice of the whole image times that "
            "position's weights: every window at once, the channels summed into ONE feature map. This is what "
            "the notes' im2col does with its loop over (y, x), and the same result as cnnedu.conv2d."
        ),
        forbidden=_CONV_CALLS,
        forbidden_hint=_(
            "write the loop over the kernel positions yourself: slices of the image times kernel[dy, dx], added up."
        ),
    )
    if not verdict.passed:
        return verdict
    try:
        lines = python_lines(func, _loop_probe(), _LOOP_LIMIT)
    except Exception as err:  # noqa: BLE001 - any error in student code becomes feedback
        return Feedback(
            False,
            _("on a large 300x300x3 image your function raised {kind}: {err}.", kind=type(err).__name__, err=err),
            hint,
        )
    if lines > _LOOP_LIMIT:
        return Feedback(
            False,
            _(
                "your function gives the right values, but on a 300x300 image it runs more than {limit} lines of "
                "Python: it loops over the pixels (or the rows), as conv_op_fixed does.",
                limit=_LOOP_LIMIT,
            ),
            _(
                "loop only over the kernel positions (dy, dx), 9 of them for a 3x3 kernel, and let each slice of the "
                "image cover every window at once."
            ),
        )
    return verdict


KO = {
    "a number of degrees": "각도(도 단위) 숫자 하나",
    "a tuple (N, F, OH, OW)": "튜플 (N, F, OH, OW)",
    "a number: the gradient magnitude at the centre": "숫자 하나: 가운데 픽셀의 기울기 크기",
    "a function my_conv_channels(image, kernel) returning one (H-KH+1, W-KW+1) map": (
        "(H-KH+1, W-KW+1) 크기의 맵 하나를 돌려주는 함수 my_conv_channels(image, kernel)"
    ),
    "for each kernel position (dy, dx): out += image[dy:dy+OH, dx:dx+OW, :] @ kernel[dy, dx] (the @ sums over "
    "the channels); use KH and KW separately (the kernel need not be square) and compute in float, not uint8.": (
        "커널 안의 위치 (dy, dx)마다 out += image[dy:dy+OH, dx:dx+OW, :] @ kernel[dy, dx] (@가 채널 방향으로 "
        "더해 줍니다). KH와 KW를 따로 쓰고(커널이 정사각형이 아닐 수도 있습니다), uint8이 아니라 float로 "
        "계산하세요."
    ),
    "{answer!r} has the wrong sign: it would point up and to the right.": (
        "{answer!r}: 부호가 반대입니다. 그러면 오른쪽 위를 가리키게 됩니다."
    ),
    "in an image y points DOWN: the square is brighter below the corner, so gy > 0 and the angle is positive.": (
        "이미지에서는 y축이 '아래'를 향합니다. 모서리 아래쪽이 더 밝으니 gy > 0이고, 각도는 양수입니다."
    ),
    "{answer!r} points to the left.": "{answer!r}: 왼쪽을 가리킵니다.",
    "the square is brighter to the RIGHT of its left side, so gx > 0: the angle lies between -90 and 90.": (
        "정사각형의 왼쪽 변에서는 '오른쪽'이 더 밝으므로 gx > 0입니다. 각도는 -90과 90 사이에 있습니다."
    ),
    "{answer!r} points away from the square, towards the dark.": ("{answer!r}: 정사각형 바깥, 어두운 쪽을 가리킵니다."),
    "the gradient points uphill, to brighter pixels. (The notes' kernels are -SOBEL_X and -SOBEL_Y: they would "
    "give this angle.)": (
        "기울기 벡터는 오르막, 즉 더 밝은 픽셀 쪽을 가리킵니다. (강의의 필터는 -SOBEL_X와 -SOBEL_Y라서 "
        "그 필터로 계산하면 이 각도가 나옵니다.)"
    ),
    "{answer!r} is the angle in radians.": "{answer!r}: 라디안 단위의 각도입니다.",
    "give it in degrees, as np.degrees(np.arctan2(gy, gx)) does.": (
        "np.degrees(np.arctan2(gy, gx))처럼 도 단위로 답하세요."
    ),
    "{answer!r} is the direction at a side of the square, not at its corner.": (
        "{answer!r}: 모서리가 아니라 정사각형의 한 변에서의 방향입니다."
    ),
    "at the corner both gx and gy respond, with the same strength: the direction lies between them.": (
        "모서리에서는 gx와 gy가 같은 세기로 함께 반응합니다. 방향은 그 둘 사이에 있습니다."
    ),
    "find the signs of gx (brighter to the right?) and gy (brighter below?) at the corner, and whether they are "
    "equal; then arctan2(gy, gx).": (
        "모서리에서 gx(오른쪽이 더 밝은가?)와 gy(아래쪽이 더 밝은가?)의 부호, 그리고 둘의 크기가 같은지 "
        "따져 본 다음 arctan2(gy, gx)를 구하세요."
    ),
    "at the corner gx = {gx:g} and gy = {gy:g}: brighter to the right and brighter below, equally, so the "
    "gradient points down and to the right, into the square, at {angle:g} degrees.": (
        "모서리에서 gx = {gx:g}, gy = {gy:g}입니다. 오른쪽과 아래쪽이 똑같이 더 밝으므로 기울기 벡터는 "
        "오른쪽 아래, 정사각형 안쪽을 {angle:g}도로 가리킵니다."
    ),
    "the batch stays 1; one output channel per FILTER (the 3 colour channels are summed inside each filter); "
    "each side is {formula}.": (
        "배치는 1 그대로입니다. 출력 채널은 '필터'마다 하나이고(색 채널 3개는 각 필터 안에서 더해집니다), "
        "한 변의 크기는 {formula}입니다."
    ),
    "{expected}: each filter sums over all 3 colour channels and gives ONE map, so {f} filters give {f} "
    "channels; {formula} = {side}.": (
        "{expected}: 필터 하나는 색 채널 3개를 모두 더해 맵 '하나'를 만드므로, 필터 {f}개면 채널도 {f}개입니다. "
        "{formula} = {side}."
    ),
    "{answer!r} is |gx| + |gy|.": "{answer!r}: |gx| + |gy|의 값입니다.",
    "the magnitude is the length of the vector (gx, gy): sqrt(gx**2 + gy**2), not |gx| + |gy|.": (
        "크기는 벡터 (gx, gy)의 길이, 곧 |gx| + |gy|가 아니라 sqrt(gx**2 + gy**2)입니다."
    ),
    "{answer!r} is gx**2 + gy**2, the square of the magnitude.": (
        "{answer!r}: 크기의 제곱인 gx**2 + gy**2의 값입니다."
    ),
    "take the square root at the end.": "마지막에 제곱근을 취하세요.",
    "gx = np.sum(SOBEL_X * patch), gy = np.sum(SOBEL_Y * patch) (no flipping: cross-correlation), then combine "
    "them with sqrt(gx**2 + gy**2).": (
        "gx = np.sum(SOBEL_X * patch), gy = np.sum(SOBEL_Y * patch)로 구하고(뒤집지 않습니다: 교차상관), "
        "sqrt(gx**2 + gy**2)로 합치세요."
    ),
    "gx = {gx:g} (brighter to the right), gy = {gy:g} (brighter downwards), and sqrt(gx**2 + gy**2) = {m:.2f}.": (
        "gx = {gx:g}(오른쪽이 더 밝음), gy = {gy:g}(아래쪽이 더 밝음)이고, sqrt(gx**2 + gy**2) = {m:.2f}입니다."
    ),
    "the KH x KW loop adds, for each kernel position, one shifted slice of the whole image times that position's "
    "weights: every window at once, the channels summed into ONE feature map. This is what the notes' im2col "
    "does with its loop over (y, x), and the same result as cnnedu.conv2d.": (
        "KH x KW 반복문은 커널 위치마다 이미지 전체를 민 슬라이스에 그 위치의 가중치를 곱해 더합니다. 모든 "
        "윈도우를 한 번에 처리하고, 채널은 더해져 특징 맵 '하나'가 됩니다. 강의의 im2col이 (y, x) 반복문으로 "
        "하는 일과 같고, 결과도 cnnedu.conv2d와 같습니다."
    ),
    "write the loop over the kernel positions yourself: slices of the image times kernel[dy, dx], added up.": (
        "커널 위치를 도는 반복문을 직접 작성하세요. 이미지 슬라이스에 kernel[dy, dx]를 곱해 더하면 됩니다."
    ),
    "your function gives the right values, but on a 300x300 image it runs more than {limit} lines of Python: it "
    "loops over the pixels (or the rows), as conv_op_fixed does.": (
        "값은 맞지만, 300x300 이미지에서 파이썬 코드를 {limit}줄 넘게 실행합니다. conv_op_fixed처럼 픽셀(또는 "
        "행)마다 반복하고 있다는 뜻입니다."
    ),
    "loop only over the kernel positions (dy, dx), 9 of them for a 3x3 kernel, and let each slice of the image "
    "cover every window at once.": (
        "커널 안의 위치 (dy, dx)만 도세요(3x3 커널이면 9번). 이미지 슬라이스 하나가 모든 윈도우를 한 번에 "
        "덮게 하면 됩니다."
    ),
    "{answer!r} has 3 channels: those are the colour channels of the input.": (
        "{answer!r}: 채널이 3개입니다. 그건 입력의 색 채널 수입니다."
    ),
    "each filter sums over all 3 colour channels and gives ONE map, so there is one output channel per filter.": (
        "필터 하나는 색 채널 3개를 모두 더해 맵 '하나'를 만듭니다. 그래서 출력 채널은 필터마다 하나입니다."
    ),
    "{exact:g} is not a whole number of positions.": "{exact:g}: 위치의 개수가 정수가 아닙니다.",
    "the window fits only at whole steps: round down, {formula} = {side}.": (
        "윈도우는 정수 번 이동한 자리에만 들어갑니다. 내림하세요: {formula} = {side}."
    ),
    "{answer!r} leaves out the batch axis.": "{answer!r}: 배치 축이 빠졌습니다.",
    "conv2d returns (N, F, OH, OW); the batch has N = 1 photo.": (
        "conv2d는 (N, F, OH, OW)를 돌려줍니다. 배치에는 사진이 N = 1장 있습니다."
    ),
    "{answer!r} is {name} alone.": "{answer!r}: {name} 하나만의 값입니다.",
    "compute both gx and gy, then combine them: sqrt(gx**2 + gy**2).": (
        "gx와 gy를 모두 구한 다음 sqrt(gx**2 + gy**2)로 합치세요."
    ),
    "your function multiplies each channel of the window by the whole 3-D kernel, like the notes' conv_op (bug "
    "(a) of section 8).": (
        "작성한 함수는 강의의 conv_op처럼(8절의 버그 (a)) 윈도우의 채널마다 3차원 커널 전체를 곱합니다."
    ),
    "channel c of the window meets only its own slice of the filter, kernel[:, :, c] (kernel[dy, dx, c] at one "
    "position).": (
        "윈도우의 채널 c에는 필터 중 자기 몫인 kernel[:, :, c]만 곱해집니다(한 위치에서는 kernel[dy, dx, c])."
    ),
    "on a large 300x300x3 image your function raised {kind}: {err}.": (
        "300x300x3 크기의 큰 이미지에서 {kind} 오류가 났습니다: {err}."
    ),
    "{answer!r} is the size for stride 1.": "{answer!r}: 스트라이드가 1일 때의 크기입니다.",
    "with stride {s} the window moves {s} pixels at a time: {formula}.": (
        "스트라이드가 {s}이면 윈도우가 한 번에 {s}픽셀씩 움직입니다: {formula}."
    ),
    "{answer!r} rounds {exact:g} up.": "{answer!r}: {exact:g}을(를) 올림했습니다.",
    "the last window must fit inside the image: round DOWN, {formula}.": (
        "마지막 윈도우도 이미지 안에 들어가야 합니다. '내림'하세요: {formula}."
    ),
    "{answer!r} is one short on each side.": "{answer!r}: 한 변마다 하나씩 모자랍니다.",
    "count the positions, not the steps: {formula}, and the +1 is the first position.": (
        "이동 횟수가 아니라 위치의 개수를 세세요: {formula}. +1이 첫 번째 위치입니다."
    ),
    "your function turns the kernel by 180 degrees (a true convolution).": (
        "작성한 함수는 커널을 180도 돌립니다(수학에서 말하는 진짜 합성곱)."
    ),
    "CNN layers and conv2d do not flip: position (dy, dx) of the kernel meets image[i + dy, j + dx], not "
    "image[i - dy, j - dx].": (
        "CNN 층과 conv2d는 커널을 뒤집지 않습니다. 커널의 위치 (dy, dx)는 image[i - dy, j - dx]가 아니라 "
        "image[i + dy, j + dx]와 만납니다."
    ),
    "your function returns one map per channel, shape (OH, OW, C).": (
        "작성한 함수는 채널마다 맵을 하나씩, shape (OH, OW, C)로 돌려줍니다."
    ),
    "a filter sums over the channels too: one filter gives ONE map of shape (OH, OW).": (
        "필터는 채널 방향으로도 더합니다. 필터 하나는 shape (OH, OW)인 맵 '하나'를 만듭니다."
    ),
    "test case 1 (a uint8 image): the sums wrap around or are rounded, as in the notes' conv_op.": (
        "테스트 1(uint8 이미지): 강의의 conv_op처럼 합이 넘쳐서 한 바퀴 돌거나 반올림됩니다."
    ),
    "convert the image to float first: image = np.asarray(image, dtype=np.float64).": (
        "먼저 이미지를 float로 바꾸세요: image = np.asarray(image, dtype=np.float64)."
    ),
}
