"""Checkers for the exercises of notebook 01 (convolution).

Every expected answer is computed here with cnnedu from the numbers in the
question, never typed in, so a checker cannot disagree with the package.
The typical mistakes (a flipped kernel, a forgotten bias, a plain reshape,
the channels left out of a parameter count) get a hint of their own.
"""

from __future__ import annotations

import numpy as np

from ..conv import conv2d
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
)

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5", "expected_answers"]

_ = Messages(__name__)

# Exercise 1: an n x n image and an f x f filter, stride 1, no padding.
EX1_N, EX1_F = 12, 5
# Exercise 2: the SECOND layer of a network: its input is the 6-map output of the first layer.
EX2_C, EX2_F, EX2_K = 6, 10, 3
EX2_IMAGE_C = 3  # the channels of the image, which this layer never sees
# Exercise 4: a batch of N colour images of S x S through F filters of K x K.
EX4_N, EX4_C, EX4_S, EX4_F, EX4_K = 15, 3, 440, 10, 3

# The library calls that would do the whole job of a function exercise. Names that cannot be
# imported here (OpenCV or SciPy missing) are skipped by forbidden_calls.
_CONV_CALLS = (
    # the defining module first, then the shorter name: a call is then reported by the name students use
    "cnnedu.conv.conv2d",
    "cnnedu.conv2d",
    "cnnedu.conv.conv2d_naive",
    "cnnedu.conv2d_naive",
    "cnnedu.nn.conv.Conv2d",
    "cnnedu.nn.Conv2d",
    "cv2.filter2D",
    "scipy.signal.correlate2d",
    "scipy.signal.convolve2d",
    "scipy.signal.correlate",
    "scipy.signal.convolve",
    "scipy.ndimage.correlate",
    "scipy.ndimage.convolve",
)


def _ex2_counts():
    weights = EX2_F * EX2_C * EX2_K * EX2_K  # the (F, C, KH, KW) tensor
    return weights, weights + EX2_F  # plus one bias per filter


def expected_answers() -> dict[str, object]:
    """The numeric answers, for the test that no notebook prints one above its exercise."""
    return {
        "exercise_1": conv_output_size(EX1_N, EX1_F),
        "exercise_2": _ex2_counts()[1],
        "exercise_4": (EX4_N, EX4_F, conv_output_size(EX4_S, EX4_K), conv_output_size(EX4_S, EX4_K)),
    }


def _shown(answer):
    """A NumPy scalar as the plain number it is, so a message shows 7, not np.int64(7)."""
    return answer.item() if isinstance(answer, np.generic) else answer


def _same_as(func, reference, cases, forbidden=()) -> bool:
    """Does ``func`` give exactly what ``reference`` (a typical mistake) gives, on every case?"""
    try:
        with forbidden_calls(forbidden, func):
            results = [func(*args) for args in cases]
        return all(
            np.shape(got) == np.shape(want) and np.allclose(got, want, rtol=1e-3, atol=1e-4)
            for got, want in zip(results, (reference(*args) for args in cases))
        )
    except Exception:  # noqa: BLE001 - any failure simply means "not this mistake"
        return False


def exercise_1(answer) -> Feedback:
    """A 12x12 image, a 5x5 filter, stride 1, no padding: how many rows (= columns) has the output?

    answer: one int.
    """
    expected = conv_output_size(EX1_N, EX1_F)
    what = _("the output size as one int (the output is square)")
    answer = _shown(answer)
    if is_close(answer, EX1_N - EX1_F):
        return Feedback(
            False,
            _("{answer!r} is one short.", answer=answer),
            _("n - f counts the steps the window moves; the positions are one more than the steps."),
        )
    if is_close(answer, EX1_N):
        return Feedback(
            False,
            _("{answer!r} is the size of the image.", answer=answer),
            _(
                "without padding a {f}-wide window does not fit at the last {k} positions of a row.",
                f=EX1_F,
                k=EX1_F - 1,
            ),
        )
    return check_number(
        answer,
        expected,
        what=what,
        hint=_(
            "count the positions where a {f}-wide window fits inside {n} pixels: the first starts at index 0, "
            "the last must end at index {last}.",
            f=EX1_F,
            n=EX1_N,
            last=EX1_N - 1,
        ),
        why=_(
            "a window of f = {f} fits at n - f + 1 = {n} - {f} + 1 = {out} positions along each axis.",
            f=EX1_F,
            n=EX1_N,
            out=expected,
        ),
    )


def exercise_2(answer) -> Feedback:
    """The second layer of a network takes the 6 maps of the first layer and has 10 filters of 3x3,
    each with a bias: how many trainable numbers has it?

    answer: one int.
    """
    weights, expected = _ex2_counts()
    answer = _shown(answer)
    what = _("the number of parameters as one int")
    if not is_unanswered(answer) and not isinstance(answer, str):
        if is_close(answer, weights):
            return Feedback(
                False, _("{answer!r} counts the weights only.", answer=answer), _("each filter also has one bias.")
            )
        if is_close(answer, EX2_F * EX2_K * EX2_K + EX2_F):
            return Feedback(
                False,
                _("{answer!r} leaves out the channels.", answer=answer),
                _(
                    "a filter has as many channels as its input ({c} here), so one filter is {k}x{k}x{c}.",
                    c=EX2_C,
                    k=EX2_K,
                ),
            )
        image_c = EX2_F * EX2_IMAGE_C * EX2_K * EX2_K
        if is_close(answer, image_c) or is_close(answer, image_c + EX2_F):
            return Feedback(
                False,
                _("{answer!r} gives each filter the {c} channels of the image.", answer=answer, c=EX2_IMAGE_C),
                _("this layer's input is the output of the first layer: {c} maps, so {c} channels.", c=EX2_C),
            )
    return check_number(
        answer,
        expected,
        what=what,
        hint=_("the weight tensor has shape (F, C, KH, KW); add one bias per filter."),
        why=_(
            "F*C*K*K + F = {f}*{c}*{k}*{k} + {f} = {n}, whatever the size of the image.",
            f=EX2_F,
            c=EX2_C,
            k=EX2_K,
            n=expected,
        ),
    )


def _reference_multichannel(x, w):
    return conv2d(np.asarray(x, dtype=np.float64)[None], np.asarray(w, dtype=np.float64)[None])[0, 0]


def _flipped_multichannel(x, w):  # the typical mistake: the textbook convolution (kernel turned by 180 degrees)
    return _reference_multichannel(x, np.asarray(w, dtype=np.float64)[:, ::-1, ::-1])


def _cases_multichannel():
    rng = np.random.default_rng(1)
    return [
        (rng.integers(0, 3, (1, 5, 5)).astype(float), rng.integers(-1, 2, (1, 3, 3)).astype(float)),
        (rng.standard_normal((3, 6, 7)), rng.standard_normal((3, 3, 3))),
        (rng.standard_normal((2, 5, 6)), rng.standard_normal((2, 2, 3))),  # non-square kernel
    ]


def exercise_3(func) -> Feedback:
    """Write ``conv_multichannel(x, w)`` with loops: x (C, H, W), w (C, KH, KW) -> one feature map
    of shape (H-KH+1, W-KW+1).

    One filter, stride 1, no padding, no flip: each output pixel is the sum over all
    channels and all window positions of window * w. Checked against ``cnnedu.conv2d``;
    calling a library convolution is refused.
    """
    what = _("a function conv_multichannel(x, w) that returns an (OH, OW) array")
    hint = _(
        "the window at (i, j) is x[:, i:i+KH, j:j+KW] (all channels at once); multiply it by w and sum "
        "everything. OH = H - KH + 1, OW = W - KW + 1 (non-square kernels are tested)."
    )
    cases = _cases_multichannel()
    verdict = check_function(
        func,
        _reference_multichannel,
        cases,
        what=what,
        hint=hint,
        why=_(
            "one filter spans all input channels and gives ONE feature map: the sum over channels of the "
            "per-channel 2D results."
        ),
        forbidden=_CONV_CALLS,
        forbidden_hint=_("write the two loops over the output positions yourself, as conv2d_loops does in section 2."),
    )
    if verdict.passed is False and _same_as(func, _flipped_multichannel, cases, _CONV_CALLS):
        return Feedback(
            False,
            _("your function flips the kernel: it computes the textbook convolution of section 7."),
            _(
                "a convolution layer slides the kernel as it is (cross-correlation): multiply the window by w "
                "itself, not by w[:, ::-1, ::-1]."
            ),
        )
    return verdict


def exercise_4(answer) -> Feedback:
    """Shape (N, F, OH, OW) of conv2d for a batch of 15 RGB 440x440 images (NCHW) and 10 filters
    of 3x3 (stride 1, no padding).

    answer: a tuple of four ints.
    """
    side = conv_output_size(EX4_S, EX4_K)
    expected = (EX4_N, EX4_F, side, side)
    got = as_int_tuple(answer)
    if got is not None and len(got) == 4 and got != expected:
        if got[1] == EX4_C:
            return Feedback(
                False,
                _("{answer!r} is not it.", answer=got),
                _("the output has one channel per FILTER, not per input channel."),
            )
        if got == (EX4_N, side, side, EX4_F):
            return Feedback(
                False,
                _("{answer!r} is channels last (NHWC, Keras's order).", answer=got),
                _("cnnedu returns NCHW: the filters' axis comes right after the batch."),
            )
        if got[2] == EX4_S:
            return Feedback(
                False,
                _("{answer!r} is not it.", answer=got),
                _("without padding a 3x3 window does not fit at the last two positions of each row."),
            )
    return check_int_tuple(
        answer,
        expected,
        what=_("a tuple (N, F, OH, OW)"),
        hint=_("batch first, then one channel per filter, then n - f + 1 along each spatial axis."),
        why=_(
            "{n} images, {f} maps each, {s} - {k} + 1 = {side} pixels a side: the shape the lecture's Conv2D prints.",
            n=EX4_N,
            f=EX4_F,
            s=EX4_S,
            k=EX4_K,
            side=side,
        ),
    )


def _reference_batch(x, weight, bias):
    return conv2d(x, weight, bias)


def _no_bias(x, weight, bias):
    return conv2d(x, weight)


def _plain_reshapes(x, weight, bias):
    """The two plain reshapes that mix the numbers up (they are right only for N = F = 1)."""
    n, f = x.shape[0], weight.shape[0]
    right = conv2d(x, weight, bias)
    oh, ow = right.shape[2:]
    rows = right.transpose(0, 2, 3, 1).reshape(-1, f)  # cols @ W.T + b: (N*OH*OW, F)
    return rows.reshape(n, f, oh, ow), rows.T.reshape(n, f, oh, ow)  # and W @ cols.T + b: (F, N*OH*OW)


def _cases_batch():
    rng = np.random.default_rng(2)
    return [
        (rng.standard_normal((2, 2, 5, 5)), rng.standard_normal((3, 2, 3, 3)), rng.standard_normal(3)),
        (rng.standard_normal((3, 1, 6, 7)), rng.standard_normal((2, 1, 2, 3)), rng.standard_normal(2)),
        (rng.standard_normal((1, 3, 4, 4)), rng.standard_normal((4, 3, 3, 3)), np.zeros(4)),
    ]


def _loop_case():
    """128 images of 16x16: a loop over the 196 positions (or over the images) shows up here."""
    rng = np.random.default_rng(5)
    return rng.standard_normal((128, 2, 16, 16)), rng.standard_normal((3, 2, 3, 3)), rng.standard_normal(3)


def exercise_5(func) -> Feedback:
    """Write ``conv2d_im2col(x, weight, bias)`` with ``cnnedu.im2col`` and ONE matrix product, no loop.

    x (N, C, H, W), weight (F, C, KH, KW), bias (F,); stride 1, no padding -> (N, F, OH, OW).
    Checked against ``cnnedu.conv2d`` on batches of several images, non-square kernels, with bias;
    calling a library convolution or looping in Python is refused.
    """
    cases = _cases_batch()
    verdict = check_function(
        func,
        _reference_batch,
        cases,
        what=_("a function conv2d_im2col(x, weight, bias) that returns an (N, F, OH, OW) array"),
        hint=_(
            "cols = cnnedu.im2col(x, (KH, KW)) has one row per (image, output row, output column); one matrix "
            "product with weight.reshape(F, -1) gives one number per (position, filter). Keep the image, row and "
            "column axes apart when you reshape, then move F to axis 1."
        ),
        why=_("im2col + one matrix product is the whole layer, for every image and every filter at once."),
        forbidden=_CONV_CALLS,
        forbidden_hint=_(
            "build the window matrix with cnnedu.im2col and do the multiply-and-sum yourself with one matrix product."
        ),
        loop_free=_loop_case(),
    )
    if verdict.passed is not False:
        return verdict
    if _same_as(func, _no_bias, cases[:2], _CONV_CALLS):
        return Feedback(
            False,
            _("your function leaves out the bias: it is right only where the bias is 0."),
            _("add bias[f] to every number of map f (broadcast it over the positions)."),
        )
    for k in range(2):
        if _same_as(func, lambda x, w, b, k=k: _plain_reshapes(x, w, b)[k], cases[:2], _CONV_CALLS):
            return Feedback(
                False,
                _("the numbers are right but in the wrong places: a plain reshape to (N, F, OH, OW) mixes them up."),
                _(
                    "the positions run over (image, output row, output column): reshape to (N, OH, OW, F) and "
                    "move F forward with .transpose(0, 3, 1, 2) (or, for the (F, N*OH*OW) product, reshape to "
                    "(F, N, OH, OW) and swap the first two axes)."
                ),
            )
    return verdict


KO = {
    "the output size as one int (the output is square)": "출력 크기(정수 하나, 출력은 정사각형)",
    "{answer!r} is one short.": "{answer!r}: 하나 모자랍니다.",
    "n - f counts the steps the window moves; the positions are one more than the steps.": "n - f는 윈도가 "
    "움직이는 횟수입니다. 윈도가 놓이는 위치의 개수는 그보다 하나 많습니다.",
    "{answer!r} is the size of the image.": "{answer!r}: 입력 이미지의 크기입니다.",
    "without padding a {f}-wide window does not fit at the last {k} positions of a row.": "패딩이 없으면 폭이 "
    "{f}인 윈도는 한 행의 마지막 {k}개 위치에 들어가지 못합니다.",
    "count the positions where a {f}-wide window fits inside {n} pixels: the first starts at index 0, "
    "the last must end at index {last}.": "픽셀 {n}개 안에 폭 {f}인 윈도가 들어가는 위치를 세어 보세요. 첫 윈도는 "
    "인덱스 0에서 시작하고, 마지막 윈도는 인덱스 {last}에서 끝나야 합니다.",
    "a window of f = {f} fits at n - f + 1 = {n} - {f} + 1 = {out} positions along each axis.": "f = {f}인 "
    "윈도는 각 축을 따라 n - f + 1 = {n} - {f} + 1 = {out}개 위치에 들어갑니다.",
    "the number of parameters as one int": "파라미터 개수(정수 하나)",
    "{answer!r} counts the weights only.": "{answer!r}: 가중치만 센 값입니다.",
    "each filter also has one bias.": "필터마다 편향(bias)도 하나씩 있습니다.",
    "{answer!r} leaves out the channels.": "{answer!r}: 채널을 빠뜨린 값입니다.",
    "a filter has as many channels as its input ({c} here), so one filter is {k}x{k}x{c}.": "필터의 채널 수는 "
    "항상 입력의 채널 수(여기서는 {c})와 같습니다. 그래서 필터 하나는 {k}x{k}x{c}입니다.",
    "{answer!r} gives each filter the {c} channels of the image.": "{answer!r}: 필터마다 이미지의 채널 {c}개를 "
    "준 값입니다.",
    "this layer's input is the output of the first layer: {c} maps, so {c} channels.": "이 층의 입력은 첫 번째 "
    "층의 출력, 즉 특징 맵 {c}장입니다. 그러니 채널도 {c}개입니다.",
    "the weight tensor has shape (F, C, KH, KW); add one bias per filter.": "가중치 텐서의 shape은 "
    "(F, C, KH, KW)입니다. 여기에 필터마다 편향 하나를 더하세요.",
    "F*C*K*K + F = {f}*{c}*{k}*{k} + {f} = {n}, whatever the size of the image.": "F*C*K*K + F = "
    "{f}*{c}*{k}*{k} + {f} = {n}. 이미지 크기와는 상관이 없습니다.",
    "a function conv_multichannel(x, w) that returns an (OH, OW) array": "(OH, OW) 배열을 돌려주는 함수 "
    "conv_multichannel(x, w)",
    "the window at (i, j) is x[:, i:i+KH, j:j+KW] (all channels at once); multiply it by w and sum "
    "everything. OH = H - KH + 1, OW = W - KW + 1 (non-square kernels are tested).": "(i, j) 위치의 윈도는 "
    "x[:, i:i+KH, j:j+KW]입니다(모든 채널을 한꺼번에). 이것을 w와 곱해서 전부 더하세요. OH = H - KH + 1, "
    "OW = W - KW + 1입니다(정사각형이 아닌 커널도 테스트합니다).",
    "one filter spans all input channels and gives ONE feature map: the sum over channels of the "
    "per-channel 2D results.": "필터 하나는 입력의 모든 채널에 걸쳐 있고 특징 맵을 한 장만 만듭니다. 채널마다 구한 "
    "2D 결과를 채널에 걸쳐 더한 것입니다.",
    "write the two loops over the output positions yourself, as conv2d_loops does in section 2.": "2절의 "
    "conv2d_loops처럼, 출력 위치를 도는 반복문 두 개를 직접 작성하세요.",
    "your function flips the kernel: it computes the textbook convolution of section 7.": "작성한 함수가 커널을 "
    "뒤집고 있습니다. 7절에서 본 교과서식 합성곱(convolution)을 계산한 것입니다.",
    "a convolution layer slides the kernel as it is (cross-correlation): multiply the window by w "
    "itself, not by w[:, ::-1, ::-1].": "합성곱 층은 커널을 뒤집지 않고 그대로 밀며 계산합니다(교차 상관, "
    "cross-correlation). 윈도에 w[:, ::-1, ::-1]이 아니라 w 자체를 곱하세요.",
    "{answer!r} is not it.": "{answer!r}: 답이 아닙니다.",
    "the output has one channel per FILTER, not per input channel.": "출력의 채널은 입력 채널이 아니라 필터마다 "
    "하나씩 생깁니다.",
    "{answer!r} is channels last (NHWC, Keras's order).": "{answer!r}: 채널이 맨 뒤에 오는 순서(NHWC, Keras의 "
    "순서)입니다.",
    "cnnedu returns NCHW: the filters' axis comes right after the batch.": "cnnedu는 NCHW로 돌려줍니다. 필터 축이 "
    "배치 축 바로 다음에 옵니다.",
    "without padding a 3x3 window does not fit at the last two positions of each row.": "패딩이 없으면 3x3 "
    "윈도는 각 행의 마지막 두 위치에 들어가지 못합니다.",
    "a tuple (N, F, OH, OW)": "튜플 (N, F, OH, OW)",
    "batch first, then one channel per filter, then n - f + 1 along each spatial axis.": "배치가 먼저, 그다음 "
    "필터마다 채널 하나, 그리고 공간 축마다 n - f + 1입니다.",
    "{n} images, {f} maps each, {s} - {k} + 1 = {side} pixels a side: the shape the lecture's Conv2D "
    "prints.": "이미지 {n}장, 이미지마다 특징 맵 {f}장, 한 변은 {s} - {k} + 1 = {side}픽셀입니다. 강의의 Conv2D가 "
    "출력하는 shape과 같습니다.",
    "a function conv2d_im2col(x, weight, bias) that returns an (N, F, OH, OW) array": "(N, F, OH, OW) 배열을 "
    "돌려주는 함수 conv2d_im2col(x, weight, bias)",
    "cols = cnnedu.im2col(x, (KH, KW)) has one row per (image, output row, output column); one matrix "
    "product with weight.reshape(F, -1) gives one number per (position, filter). Keep the image, row and "
    "column axes apart when you reshape, then move F to axis 1.": "cols = cnnedu.im2col(x, (KH, KW))는 "
    "(이미지, 출력 행, 출력 열)마다 한 행입니다. weight.reshape(F, -1)과 행렬 곱을 한 번 하면 (위치, 필터)마다 숫자가 "
    "하나 나옵니다. reshape할 때 이미지·행·열 축을 따로 두고, 그다음 F를 1번 축으로 옮기세요.",
    "im2col + one matrix product is the whole layer, for every image and every filter at once.": "im2col과 행렬 "
    "곱 한 번이면 층 전체가 끝납니다. 모든 이미지, 모든 필터를 한꺼번에 계산합니다.",
    "build the window matrix with cnnedu.im2col and do the multiply-and-sum yourself with one matrix product.": (
        "윈도 행렬은 cnnedu.im2col로 만들고, 곱해서 더하는 부분은 행렬 곱 한 번으로 직접 작성하세요."
    ),
    "your function leaves out the bias: it is right only where the bias is 0.": "작성한 함수가 편향(bias)을 "
    "빠뜨렸습니다. 편향이 0일 때만 맞습니다.",
    "add bias[f] to every number of map f (broadcast it over the positions).": "특징 맵 f의 모든 값에 bias[f]를 "
    "더하세요(위치 축에 브로드캐스트).",
    "the numbers are right but in the wrong places: a plain reshape to (N, F, OH, OW) mixes them up.": "값은 "
    "맞는데 자리가 틀렸습니다. (N, F, OH, OW)로 그냥 reshape하면 숫자가 뒤섞입니다.",
    "the positions run over (image, output row, output column): reshape to (N, OH, OW, F) and "
    "move F forward with .transpose(0, 3, 1, 2) (or, for the (F, N*OH*OW) product, reshape to "
    "(F, N, OH, OW) and swap the first two axes).": "위치는 (이미지, 출력 행, 출력 열) 순서로 나열됩니다. "
    "(N, OH, OW, F)로 reshape한 뒤 .transpose(0, 3, 1, 2)로 F를 앞으로 옮기세요. (F, N*OH*OW) 모양의 곱이라면 "
    "(F, N, OH, OW)로 reshape한 뒤 앞의 두 축을 바꾸면 됩니다.",
}
