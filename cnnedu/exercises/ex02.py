"""Checkers for the exercises of notebook 02 (padding and stride).

Every expected answer is computed here with cnnedu from the numbers in the
question, never typed in, so a checker cannot disagree with the package.
Sizes and paddings must be whole numbers: 0.9 is never truncated to 0.
"""

from __future__ import annotations

import math

import numpy as np

from ..conv import conv2d
from ..shapes import conv_output_size, effective_kernel, same_padding
from .feedback import Feedback, Messages, as_int_tuple, check_function, check_int_tuple, check_number, is_close

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5", "expected_answers"]

_ = Messages(__name__)

# Exercise 1: n x n input, k x k kernel, padding p, stride s.
EX1_N, EX1_K, EX1_P, EX1_S = 16, 3, 1, 2
# Exercise 2: 'same' padding along one axis (an odd total, so one side gets one zero more).
EX2_N, EX2_K, EX2_S = 13, 8, 2
# Exercise 3: the padding that keeps the size at stride 1 for a DILATED kernel.
EX3_K, EX3_D = 5, 2
# Exercise 4: the pipeline.
EX4_INPUT = (8, 3, 32, 32)  # (N, C, H, W)
EX4_F1, EX4_F2 = 16, 32

# Library calls that would do the whole job of exercise 5 (skipped if not importable here).
_CONV_CALLS = (
    # the defining module first, then the shorter name: a call is then reported by the name students use
    "cnnedu.conv.conv2d",
    "cnnedu.conv2d",
    "cnnedu.conv.conv2d_naive",
    "cnnedu.conv2d_naive",
    "cnnedu.im2col.im2col",
    "cnnedu.im2col",
    "cnnedu.nn.conv.Conv2d",
    "cnnedu.nn.Conv2d",
    "cv2.filter2D",
    "scipy.signal.correlate2d",
    "scipy.signal.convolve2d",
    "scipy.ndimage.correlate",
)


def _shown(answer):
    """A NumPy scalar as the plain number it is, so a message shows 8, not np.int64(8)."""
    return answer.item() if isinstance(answer, np.generic) else answer


def _ex3_padding() -> int:
    before, after = same_padding(28, effective_kernel(EX3_K, EX3_D))  # any size: stride 1
    assert before == after, "an odd span pads symmetrically"
    return before


def _pipeline_shape():
    n, _, h, w = EX4_INPUT
    # conv: F1 filters 3x3, padding 1 -> pool 2x2 stride 2 -> conv: F2 filters 3x3, stride 2, 'same'
    h, w = conv_output_size(h, 3, padding=1), conv_output_size(w, 3, padding=1)
    h, w = conv_output_size(h, 2, stride=2), conv_output_size(w, 2, stride=2)
    h, w = conv_output_size(h, 3, stride=2, padding="same"), conv_output_size(w, 3, stride=2, padding="same")
    return (n, EX4_F2, h, w)


def expected_answers() -> dict[str, object]:
    """The numeric answers, for the test that no notebook prints one above its exercise."""
    return {
        "exercise_1": conv_output_size(EX1_N, EX1_K, stride=EX1_S, padding=EX1_P),
        "exercise_2": same_padding(EX2_N, EX2_K, EX2_S),
        "exercise_3": _ex3_padding(),
        "exercise_4": _pipeline_shape(),
    }


def exercise_1(answer) -> Feedback:
    """A 16x16 input, a 3x3 kernel, padding 1, stride 2: how many rows (= columns) has the output?

    answer: one int.
    """
    answer = _shown(answer)
    expected = conv_output_size(EX1_N, EX1_K, stride=EX1_S, padding=EX1_P)
    exact = (EX1_N + 2 * EX1_P - EX1_K) / EX1_S + 1
    if is_close(answer, exact) or is_close(answer, math.ceil(exact)):
        return Feedback(
            False,
            _("{answer!r} is not it.", answer=answer),
            _(
                "(n + 2p - k) / s is not a whole number here; a window that would stick out of the padded input "
                "is dropped, so round DOWN before adding 1."
            ),
        )
    return check_number(
        answer,
        expected,
        what=_("the output size as one int"),
        hint=_("o = floor((n + 2p - k) / s) + 1."),
        why=_(
            "floor(({n} + 2*{p} - {k}) / {s}) + 1 = floor({q}) + 1 = {out}: the last padded column is never the "
            "start of a window.",
            n=EX1_N,
            p=EX1_P,
            k=EX1_K,
            s=EX1_S,
            q=exact - 1,
            out=expected,
        ),
    )


def exercise_2(answer) -> Feedback:
    """TensorFlow/Keras padding='same' along one axis of 13 pixels, kernel 8, stride 2:
    how many zeros go before and after?

    answer: a tuple (before, after).
    """
    answer = _shown(answer)
    expected = same_padding(EX2_N, EX2_K, EX2_S)
    out = math.ceil(EX2_N / EX2_S)
    total = sum(expected)
    if is_close(answer, total):
        return Feedback(
            False,
            _("{answer!r} is the total number of zeros.", answer=answer),
            _("split the total into (before, after): which side gets the odd one?"),
        )
    try:
        halves = len(answer) == 2 and all(is_close(_shown(v), total / 2) for v in answer)
    except TypeError:
        halves = False
    if halves:
        return Feedback(
            False,
            _("{answer!r} splits the total exactly in half, but a padding is a whole number of zeros.", answer=answer),
            _("the total {total} is odd: one side gets one zero more than the other.", total=total),
        )
    if as_int_tuple(answer) == expected[::-1] and expected[0] != expected[1]:
        return Feedback(
            False,
            _("{answer!r} puts the extra zero first, as the lecture's formula does.", answer=as_int_tuple(answer)),
            _("TensorFlow's documented rule (which Keras follows) puts it AFTER: at the bottom and on the right."),
        )
    return check_int_tuple(
        answer,
        expected,
        what=_("a tuple (before, after)"),
        hint=_(
            "the output has ceil(n / s) pixels; the last window must end inside the padded input: "
            "total = max((out - 1)*s + k - n, 0), before = total // 2, after = the rest."
        ),
        why=_(
            "out = ceil({n}/{s}) = {out}, total = ({out} - 1)*{s} + {k} - {n} = {total}, and the odd zero goes "
            "after (bottom/right).",
            n=EX2_N,
            s=EX2_S,
            out=out,
            k=EX2_K,
            total=total,
        ),
    )


def exercise_3(answer) -> Feedback:
    """How much zero padding p (on each side) keeps the size of an input at stride 1 for a 5x5 kernel
    with dilation 2?

    answer: one int.
    """
    answer = _shown(answer)
    p = _ex3_padding()
    span = effective_kernel(EX3_K, EX3_D)
    if is_close(answer, (EX3_K - 1) // 2):
        return Feedback(
            False,
            _("{answer!r} would keep the size of a plain {k}x{k} kernel.", answer=answer, k=EX3_K),
            _(
                "with dilation {d} the kernel spans d*(k - 1) + 1 = {span} pixels: pad for the span.",
                d=EX3_D,
                span=span,
            ),
        )
    if is_close(answer, 2 * p):
        return Feedback(False, _("{answer!r} is the TOTAL padding.", answer=answer), _("p is added on each side."))
    return check_number(
        answer,
        p,
        what=_("the padding p as one int"),
        hint=_("first find the span of the dilated kernel, then solve n + 2p - span + 1 = n for p."),
        why=_(
            "the kernel spans {d}*({k} - 1) + 1 = {span} pixels, so p = (span - 1) / 2 = {p} on each side: "
            "'same' at stride 1 is the 'half padding' of the notes.",
            d=EX3_D,
            k=EX3_K,
            span=span,
            p=p,
        ),
    )


def exercise_4(answer) -> Feedback:
    """The shape (N, C, H, W) after this pipeline, starting from a batch x of shape (8, 3, 32, 32):

    1. conv2d with 16 filters of 3x3, stride 1, padding 1;
    2. max_pool2d 2x2, stride 2;
    3. conv2d with 32 filters of 3x3, stride 2, padding 'same'.

    answer: a tuple of four ints.
    """
    expected = _pipeline_shape()
    got = as_int_tuple(answer)
    if got is not None and len(got) == 4 and got != expected:
        if got[1] != EX4_F2:
            return Feedback(
                False,
                _("{answer!r} is not it.", answer=got),
                _("after a conv layer the number of channels is its number of filters."),
            )
        if got[2:] == (expected[2] * 2, expected[3] * 2):
            return Feedback(
                False,
                _("{answer!r} leaves out the stride of the last layer.", answer=got),
                _("the last conv has stride 2: 'same' then gives ceil(size / 2), not the size."),
            )
        if got[2:] == (expected[2] - 1, expected[3] - 1):
            return Feedback(
                False,
                _("{answer!r} is what padding 'valid' would give.", answer=got),
                _("'same' pads so that the output has ceil(size / stride) pixels."),
            )
    return check_int_tuple(
        answer,
        expected,
        what=_("a tuple (N, C, H, W)"),
        hint=_(
            "go one layer at a time: padding 1 keeps 32, the pool halves it, 'same' with stride 2 gives ceil(size / 2)."
        ),
        why=_(
            "32 -> 32 (padding 1) -> 16 (pool) -> ceil(16/2) = {h} ('same', stride 2); the channels are the {f} "
            "filters of the last layer.",
            h=expected[2],
            f=EX4_F2,
        ),
    )


def _reference_strided(image, kernel, stride, padding):
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    return conv2d(image[None, None], kernel[None, None], stride=stride, padding=padding)[0, 0]


def _cases_strided():
    rng = np.random.default_rng(3)
    return [
        (np.arange(25.0).reshape(5, 5), np.ones((3, 3)), 2, 1),
        (rng.standard_normal((6, 6)), rng.standard_normal((3, 3)), 2, 0),  # floor drops a row
        (rng.standard_normal((7, 5)), rng.standard_normal((3, 4)), 3, 2),  # non-square everything
        (rng.standard_normal((4, 4)), rng.standard_normal((3, 3)), 1, 1),
    ]


def exercise_5(func) -> Feedback:
    """Write ``conv2d_strided(image, kernel, stride, padding)`` with explicit loops.

    image (H, W), kernel (KH, KW), stride and padding ints (zero padding on all four sides)
    -> (OH, OW) with OH = floor((H + 2p - KH) / s) + 1. No flip. Checked against ``cnnedu.conv2d``;
    calling a library convolution (or im2col) is refused.
    """
    return check_function(
        func,
        _reference_strided,
        _cases_strided(),
        what=_("a function conv2d_strided(image, kernel, stride, padding) that returns an (OH, OW) array"),
        hint=_(
            "pad first with np.pad(image, padding); output pixel (i, j) uses the window whose top-left corner is "
            "(i*stride, j*stride) in the PADDED image; compute OH, OW with floor division."
        ),
        why=_(
            "padding moves where the windows may start, stride is how far apart they start, and the floor drops "
            "any window that would stick out."
        ),
        forbidden=_CONV_CALLS,
        forbidden_hint=_("np.pad is fine, but write the loops over the window positions yourself."),
    )


KO = {
    "{answer!r} is not it.": "{answer!r}: 답이 아닙니다.",
    "(n + 2p - k) / s is not a whole number here; a window that would stick out of the padded input "
    "is dropped, so round DOWN before adding 1.": "여기서는 (n + 2p - k) / s가 정수가 아닙니다. 패딩한 입력 밖으로 "
    "삐져나갈 윈도는 버려지므로, 1을 더하기 전에 내림하세요.",
    "the output size as one int": "출력 크기(정수 하나)",
    "o = floor((n + 2p - k) / s) + 1.": "o = floor((n + 2p - k) / s) + 1입니다.",
    "floor(({n} + 2*{p} - {k}) / {s}) + 1 = floor({q}) + 1 = {out}: the last padded column is never the "
    "start of a window.": "floor(({n} + 2*{p} - {k}) / {s}) + 1 = floor({q}) + 1 = {out}. 패딩한 입력의 마지막 "
    "열에서는 윈도가 시작되지 않습니다.",
    "{answer!r} is the total number of zeros.": "{answer!r}: 0의 전체 개수입니다.",
    "split the total into (before, after): which side gets the odd one?": "전체 개수를 (앞, 뒤)로 나누세요. "
    "남는 하나는 어느 쪽으로 갈까요?",
    "{answer!r} splits the total exactly in half, but a padding is a whole number of zeros.": "{answer!r}: "
    "전체를 정확히 반으로 나눈 값인데, 패딩은 0을 몇 개 붙이는지이므로 정수여야 합니다.",
    "the total {total} is odd: one side gets one zero more than the other.": "전체 {total}개는 홀수입니다. "
    "한쪽이 다른 쪽보다 0을 하나 더 받습니다.",
    "{answer!r} puts the extra zero first, as the lecture's formula does.": "{answer!r}: 강의 공식처럼 남는 "
    "0을 앞쪽에 넣은 답입니다.",
    "TensorFlow's documented rule (which Keras follows) puts it AFTER: at the bottom and on the right.": (
        "TensorFlow 문서의 규칙(Keras도 이를 따릅니다)은 남는 0을 뒤쪽, 즉 아래와 오른쪽에 넣습니다."
    ),
    "a tuple (before, after)": "튜플 (앞, 뒤)",
    "the output has ceil(n / s) pixels; the last window must end inside the padded input: "
    "total = max((out - 1)*s + k - n, 0), before = total // 2, after = the rest.": "출력은 ceil(n / s)픽셀이고, "
    "마지막 윈도는 패딩한 입력 안에서 끝나야 합니다. total = max((out - 1)*s + k - n, 0), 앞 = total // 2, 뒤 = "
    "나머지입니다.",
    "out = ceil({n}/{s}) = {out}, total = ({out} - 1)*{s} + {k} - {n} = {total}, and the odd zero goes "
    "after (bottom/right).": "out = ceil({n}/{s}) = {out}, total = ({out} - 1)*{s} + {k} - {n} = {total}이고, "
    "남는 0은 뒤쪽(아래/오른쪽)으로 갑니다.",
    "{answer!r} would keep the size of a plain {k}x{k} kernel.": "{answer!r}: 팽창(dilation) 없는 {k}x{k} "
    "커널일 때 크기를 유지하는 값입니다.",
    "with dilation {d} the kernel spans d*(k - 1) + 1 = {span} pixels: pad for the span.": "dilation이 {d}이면 "
    "커널이 d*(k - 1) + 1 = {span}픽셀에 걸칩니다. 이 폭에 맞춰 패딩하세요.",
    "{answer!r} is the TOTAL padding.": "{answer!r}: 양쪽을 합친 전체 패딩입니다.",
    "p is added on each side.": "p는 한쪽마다 붙는 개수입니다.",
    "the padding p as one int": "패딩 p(정수 하나)",
    "first find the span of the dilated kernel, then solve n + 2p - span + 1 = n for p.": "먼저 팽창된 커널이 "
    "걸치는 폭(span)을 구하고, n + 2p - span + 1 = n을 p에 대해 푸세요.",
    "the kernel spans {d}*({k} - 1) + 1 = {span} pixels, so p = (span - 1) / 2 = {p} on each side: "
    "'same' at stride 1 is the 'half padding' of the notes.": "커널이 {d}*({k} - 1) + 1 = {span}픽셀에 걸치므로 "
    "p = (span - 1) / 2 = {p}를 양쪽에 붙입니다. 스트라이드 1의 'same'이 강의에서 말하는 'half padding'입니다.",
    "after a conv layer the number of channels is its number of filters.": "합성곱 층을 지나면 채널 수는 그 층의 "
    "필터 개수가 됩니다.",
    "{answer!r} leaves out the stride of the last layer.": "{answer!r}: 마지막 층의 스트라이드를 빠뜨린 값입니다.",
    "the last conv has stride 2: 'same' then gives ceil(size / 2), not the size.": "마지막 합성곱 층은 "
    "스트라이드가 2입니다. 이때 'same'은 크기를 그대로 두지 않고 ceil(size / 2)를 만듭니다.",
    "{answer!r} is what padding 'valid' would give.": "{answer!r}: 'valid' 패딩일 때의 결과입니다.",
    "'same' pads so that the output has ceil(size / stride) pixels.": "'same'은 출력이 ceil(size / stride)"
    "픽셀이 되도록 패딩합니다.",
    "a tuple (N, C, H, W)": "튜플 (N, C, H, W)",
    "go one layer at a time: padding 1 keeps 32, the pool halves it, 'same' with stride 2 gives "
    "ceil(size / 2).": "한 층씩 따라가세요. 패딩 1은 32를 유지하고, 풀링은 절반으로 줄이고, 스트라이드 2의 'same'은 "
    "ceil(size / 2)를 만듭니다.",
    "32 -> 32 (padding 1) -> 16 (pool) -> ceil(16/2) = {h} ('same', stride 2); the channels are the {f} "
    "filters of the last layer.": "32 -> 32 (패딩 1) -> 16 (풀링) -> ceil(16/2) = {h} ('same', 스트라이드 2). "
    "채널 수는 마지막 층의 필터 {f}개입니다.",
    "a function conv2d_strided(image, kernel, stride, padding) that returns an (OH, OW) array": "(OH, OW) "
    "배열을 돌려주는 함수 conv2d_strided(image, kernel, stride, padding)",
    "pad first with np.pad(image, padding); output pixel (i, j) uses the window whose top-left corner is "
    "(i*stride, j*stride) in the PADDED image; compute OH, OW with floor division.": "먼저 np.pad(image, "
    "padding)으로 패딩하세요. 출력 픽셀 (i, j)는 패딩한 이미지에서 왼쪽 위 모서리가 (i*stride, j*stride)인 윈도를 "
    "씁니다. OH, OW는 정수 나눗셈(//)으로 구하세요.",
    "padding moves where the windows may start, stride is how far apart they start, and the floor drops "
    "any window that would stick out.": "패딩은 윈도가 시작할 수 있는 위치를 바꾸고, 스트라이드는 윈도 사이의 "
    "간격을 정하며, 내림은 밖으로 삐져나갈 윈도를 버립니다.",
    "np.pad is fine, but write the loops over the window positions yourself.": "np.pad는 써도 되지만, 윈도 "
    "위치를 도는 반복문은 직접 작성하세요.",
}
