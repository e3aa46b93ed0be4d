"""Checkers for the exercises of notebook 04 (the fully connected layer).

Every expected answer is computed here with cnnedu from the numbers in the
question, never typed in, so a checker cannot disagree with the package.
Every sentence goes through ``_`` (English, or Korean after
``cnnedu.exercises.set_language("ko")``); the Korean table ``KO`` is at the end.
"""

from __future__ import annotations

import numpy as np

from ..activations import softmax
from ..linear import linear
from .feedback import Feedback, Messages, check_array, check_function, check_number, forbidden_calls, is_unanswered

_ = Messages(__name__)

__all__ = ["EX5_SCORES", "exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5", "expected_answers"]

# Exercise 1: the LeNet of Caffe's MNIST example: a (50, 4, 4) volume into an FC layer with 500 outputs.
EX1_MAP, EX1_OUT = (50, 4, 4), 500
# Exercise 2: the last feature map of VGG-16 on a 224x224 image is (512, 7, 7); here a smaller one, (64, 7, 7).
EX2_MAP = (64, 7, 7)
# Exercise 5: the scores of three classes from a badly scaled network: exp() of them overflows.
EX5_SCORES = np.array([1002.0, 1001.0, 1000.1])

# Functions that would do the whole job of exercises 3 and 4.
# (each is replaced in every cnnedu module that holds it, so one name per function is enough)
SOFTMAX_FUNCS = ("cnnedu.softmax", "scipy.special.softmax")
LINEAR_FUNCS = ("cnnedu.linear",)


def _ex1_counts():
    n_in = int(np.prod(EX1_MAP))
    weights = np.zeros((EX1_OUT, n_in)).size  # the (out, in) weight matrix
    return n_in, weights, weights + EX1_OUT


def expected_answers() -> dict[str, object]:
    """The expected answer of every exercise that has one (3 and 4 are functions)."""
    return {
        "exercise_1": _ex1_counts()[2],
        "exercise_2": int(np.prod(EX2_MAP)),
        "exercise_5": softmax(EX5_SCORES),
    }


def _same(answer, expected) -> bool:
    try:
        a = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return False
    expected = np.asarray(expected, dtype=float)
    return a.shape == expected.shape and bool(np.allclose(a, expected, rtol=1e-3, atol=1e-6))


def _try(func, args, forbidden):
    """The student's ``func(*args)``, or None if it raises (the full check reports that)."""
    try:
        with forbidden_calls(forbidden, func), np.errstate(all="ignore"):  # an overflow is diagnosed, not shown
            return func(*args)
    except Exception:  # noqa: BLE001 - any failure is reported by check_function afterwards
        return None


def exercise_1(answer) -> Feedback:
    """How many trainable numbers (weights and biases) has a fully connected layer from a (50, 4, 4)
    volume to 500 outputs (the LeNet of Caffe's MNIST example)?

    answer: one whole number.
    """
    n_in, weights, expected = _ex1_counts()
    c, h, w = EX1_MAP
    what = _("the number of parameters as one whole number")
    hint = _("flatten the volume to C*H*W inputs; the weight matrix is (outputs, inputs); add one bias per output.")
    if is_unanswered(answer):
        return check_number(answer, expected, what=what, hint=hint, why="")
    if not isinstance(answer, (str, bool)):
        if check_number(answer, weights, what=what, hint=hint, why="").passed:
            return Feedback(
                False,
                _("{answer!r} counts the weights only.", answer=answer),
                _("each of the {out} outputs also has one bias.", out=EX1_OUT),
            )
        if check_number(answer, c * EX1_OUT + EX1_OUT, what=what, hint=hint, why="").passed:
            return Feedback(
                False,
                _("{answer!r} is not it.", answer=answer),
                _("the layer sees every VALUE of the volume (C*H*W of them), not one number per channel."),
            )
        if check_number(answer, h * w * EX1_OUT + EX1_OUT, what=what, hint=hint, why="").passed:
            return Feedback(
                False,
                _("{answer!r} is not it.", answer=answer),
                _("that counts one 4x4 map only; flatten keeps all {c} channels.", c=c),
            )
        if check_number(answer, n_in, what=what, hint=hint, why="").passed:
            return Feedback(
                False,
                _("{answer!r} is the number of inputs, not of parameters.", answer=answer),
                _("every one of the {out} outputs has its own weight for each input, plus a bias.", out=EX1_OUT),
            )
    return check_number(
        answer,
        expected,
        what=what,
        hint=hint,
        why=_(
            "{c}*{h}*{w} = {n_in} inputs, {n_in}*{out} weights + {out} biases = {total}.",
            c=c,
            h=h,
            w=w,
            n_in=n_in,
            out=EX1_OUT,
            total=expected,
        ),
    )


def exercise_2(answer) -> Feedback:
    """How long is the vector you get by flattening one (64, 7, 7) feature map (C, H, W)?

    answer: one whole number.
    """
    expected = int(np.prod(EX2_MAP))
    c, h, w = EX2_MAP
    what = _("the length of the flattened vector as one whole number")
    hint = _("count the numbers in the map: channels times rows times columns.")
    if is_unanswered(answer):
        return check_number(answer, expected, what=what, hint=hint, why="")
    if not isinstance(answer, (str, bool)):
        if check_number(answer, h * w, what=what, hint=hint, why="").passed:
            return Feedback(
                False,
                _("{answer!r} is one channel only.", answer=answer),
                _("flatten keeps every channel, one after another."),
            )
        if check_number(answer, c + h + w, what=what, hint=hint, why="").passed:
            return Feedback(
                False,
                _("{answer!r} is not it.", answer=answer),
                _("a box of C x H x W numbers holds their product, not their sum."),
            )
    return check_number(
        answer,
        expected,
        what=what,
        hint=hint,
        why=_(
            "{c}*{h}*{w} = {n}: flattening changes the shape, never the number of values.", c=c, h=h, w=w, n=expected
        ),
    )


def _softmax_cases():
    rng = np.random.default_rng(5)
    return [
        (np.array([2.0, 1.0, 0.1]),),
        (rng.normal(0, 3, (4, 10)),),  # a batch: one distribution per row
        (np.array([1000.0, 1001.0, 1002.0]),),  # exp() of these overflows
        (np.array([[-1000.0, 0.0, 5.0], [800.0, 801.0, 799.0]]),),
    ]


def exercise_3(func) -> Feedback:
    """Write ``my_softmax(z)``: the softmax along the LAST axis of ``z`` (a 1-D vector of scores, or
    an (N, classes) batch, one distribution per row), from ``np.exp``, without ``cnnedu.softmax``,
    and without overflowing on scores like [1000, 1001, 1002].
    """
    what = _("a function my_softmax(z) that returns probabilities of the same shape as z")
    hint = _("exp(z - max) / sum(exp(z - max)), with the max and the sum taken along the last axis (keepdims=True).")
    if callable(func):
        small, batch, big, _mixed = (case[0] for case in _softmax_cases())
        got = _try(func, (small,), SOFTMAX_FUNCS)
        if got is not None and _same(got, small / small.sum()):
            return Feedback(
                False,
                _("your function divides the scores by their sum."),
                _("softmax exponentiates first: exp(z) / sum(exp(z))."),
            )
        got = _try(func, (batch,), SOFTMAX_FUNCS)
        if got is not None and (_same(got, softmax(batch, axis=0)) or _same(got, np.exp(batch) / np.exp(batch).sum())):
            return Feedback(
                False,
                _("on an (N, classes) batch your function normalises over the wrong axis."),
                _("each row is one image: take the max and the sum along axis=-1, with keepdims=True."),
            )
        got = _try(func, (big,), SOFTMAX_FUNCS)
        if got is not None:
            with np.errstate(all="ignore"):
                finite = np.all(np.isfinite(np.asarray(got, dtype=float)))
            if not finite:
                return Feedback(
                    False,
                    _("for the scores [1000, 1001, 1002] your function returns nan or inf: np.exp overflowed."),
                    _("subtract the largest score (of each row) before np.exp: the result does not change."),
                )
    return check_function(
        func,
        lambda z: softmax(z, axis=-1),
        _softmax_cases(),
        what=what,
        hint=hint,
        why=_(
            "exp makes every score positive and keeps their order, dividing by the sum makes them add up to 1, and "
            "subtracting the max first keeps every exp at most 1, so nothing can overflow."
        ),
        forbidden=SOFTMAX_FUNCS,
        forbidden_hint=_("write it with np.exp, np.max and np.sum; that is the whole of softmax."),
    )


def _nhwc_cases():
    rng = np.random.default_rng(4)
    cases = []
    for n, h, w, c, out in ((2, 3, 3, 4, 5), (3, 5, 5, 16, 120), (2, 2, 3, 4, 3)):  # the last one is not square
        cases.append(
            (rng.standard_normal((n, h, w, c)), rng.standard_normal((out, c * h * w)), rng.standard_normal(out))
        )
    return cases


def _linear_nhwc(x, weight, bias):
    """The reference: move the channels first, then cnnedu's (channels-first) flatten and product."""
    return linear(np.transpose(x, (0, 3, 1, 2)), weight, bias)


def exercise_4(func) -> Feedback:
    """Write ``my_linear_nhwc(x, weight, bias)``: ``x`` (N, H, W, C) channels-last (Keras), ``weight``
    (out, C*H*W) made for channels-first flattening (value (c, i, j) is input c*H*W + i*W + j),
    ``bias`` (out,); returns (N, out). Without ``cnnedu.linear``.
    """
    what = _("a function my_linear_nhwc(x, weight, bias) that returns an (N, out) array")
    hint = _(
        "x.transpose(0, 3, 1, 2) gives (N, C, H, W); then flatten each sample with reshape(len(x), -1), "
        "multiply by weight.T and add the bias."
    )
    if callable(func):
        x, weight, bias = _nhwc_cases()[2]
        got = _try(func, (x, weight, bias), LINEAR_FUNCS)
        if got is not None:
            if _same(got, x.reshape(len(x), -1) @ weight.T + bias):
                return Feedback(
                    False,
                    _("your function flattens the channels-last array as it is, so the inputs meet the wrong weights."),
                    _(
                        "the weights expect channel 0's whole map first: move the channels first with "
                        "x.transpose(0, 3, 1, 2)."
                    ),
                )
            if _same(got, np.transpose(x, (0, 3, 2, 1)).reshape(len(x), -1) @ weight.T + bias):
                return Feedback(
                    False,
                    _("your function moves the channels first but swaps the rows and the columns."),
                    _("(N, H, W, C) -> (N, C, H, W) is transpose(0, 3, 1, 2); (0, 3, 2, 1) gives (N, C, W, H)."),
                )
    return check_function(
        func,
        _linear_nhwc,
        _nhwc_cases(),
        what=what,
        hint=hint,
        why=_(
            "the weights decide the order of the inputs: channels-first flattening puts channel 0's whole map "
            "first, so a channels-last array must be transposed before it is flattened."
        ),
        forbidden=LINEAR_FUNCS,
        forbidden_hint=_("write the flatten and the matrix product yourself: reshape, @ and +."),
    )


def exercise_5(answer) -> Feedback:
    """The softmax probabilities of the scores ``EX5_SCORES`` = [1002.0, 1001.0, 1000.1], to 3 significant
    figures.

    answer: three numbers (a list or an array).
    """
    expected = softmax(EX5_SCORES)
    what = _("3 probabilities (they sum to 1), e.g. [0.1, 0.2, 0.7]")
    hint = _("adding the same number to every score changes nothing (§6): the scores minus 1000 give the same answer.")
    if is_unanswered(answer):
        return check_array(answer, expected, what=what, hint=hint, why="")
    try:
        with np.errstate(all="ignore"):
            values = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        values = None
    if values is not None and values.shape == expected.shape:
        if not np.all(np.isfinite(values)):
            return Feedback(
                False,
                _("your answer contains nan or inf: exp(1002) overflows, so the textbook formula fails here."),
                hint,
            )
        if _same(values, EX5_SCORES / EX5_SCORES.sum()):
            return Feedback(
                False,
                _("these are the scores divided by their sum."),
                _("softmax exponentiates first; subtract the largest score, then exp(z) / sum(exp(z))."),
            )
        if _same(values, expected[::-1]):
            return Feedback(
                False,
                _("the right numbers in the wrong order."),
                _("softmax keeps the order: the largest score gets the largest probability."),
            )
    return check_array(
        answer,
        expected,
        what=what,
        hint=hint,
        rtol=2.5e-3,  # right to 3 significant figures (0.242 for 0.2424) passes; 0.24 is "close"
        why=_(
            "the scores minus their max are [0, -1, -1.9]; exp of those divided by their sum gives the same "
            "probabilities as the scores [2.0, 1.0, 0.1] would."
        ),
    )


KO = {
    "the number of parameters as one whole number": "파라미터 수를 정수 하나로",
    "flatten the volume to C*H*W inputs; the weight matrix is (outputs, inputs); add one bias per output.": (
        "볼륨을 C*H*W개의 입력으로 평탄화하세요. 가중치 행렬은 (출력 수, 입력 수)이고, 출력마다 편향이 하나 더해집니다."
    ),
    "{answer!r} counts the weights only.": "{answer!r}: 가중치만 센 값입니다.",
    "each of the {out} outputs also has one bias.": "출력 {out}개마다 편향(bias)도 하나씩 있습니다.",
    "{answer!r} is not it.": "{answer!r}: 정답이 아닙니다.",
    "the layer sees every VALUE of the volume (C*H*W of them), not one number per channel.": (
        "이 층은 채널마다 숫자 하나가 아니라 볼륨의 모든 값(C*H*W개)을 봅니다."
    ),
    "that counts one 4x4 map only; flatten keeps all {c} channels.": (
        "그것은 4x4 맵 하나만 센 값입니다. 평탄화는 채널 {c}개를 모두 유지합니다."
    ),
    "{answer!r} is the number of inputs, not of parameters.": "{answer!r}: 파라미터 수가 아니라 입력의 개수입니다.",
    "every one of the {out} outputs has its own weight for each input, plus a bias.": (
        "출력 {out}개 각각이 입력마다 자기 가중치를 하나씩 갖고, 편향도 하나 갖습니다."
    ),
    "{c}*{h}*{w} = {n_in} inputs, {n_in}*{out} weights + {out} biases = {total}.": (
        "입력 {c}*{h}*{w} = {n_in}개, 가중치 {n_in}*{out}개 + 편향 {out}개 = {total}."
    ),
    "the length of the flattened vector as one whole number": "평탄화한 벡터의 길이를 정수 하나로",
    "count the numbers in the map: channels times rows times columns.": (
        "맵에 들어 있는 숫자를 세어 보세요: 채널 수 × 행 수 × 열 수."
    ),
    "{answer!r} is one channel only.": "{answer!r}: 채널 하나만 센 값입니다.",
    "flatten keeps every channel, one after another.": "평탄화는 모든 채널을 차례로 이어 붙여 유지합니다.",
    "a box of C x H x W numbers holds their product, not their sum.": (
        "C x H x W 상자에 든 숫자의 개수는 세 수의 합이 아니라 곱입니다."
    ),
    "{c}*{h}*{w} = {n}: flattening changes the shape, never the number of values.": (
        "{c}*{h}*{w} = {n}: 평탄화는 shape만 바꾸고 값의 개수는 절대 바꾸지 않습니다."
    ),
    "a function my_softmax(z) that returns probabilities of the same shape as z": (
        "z와 같은 shape의 확률을 돌려주는 함수 my_softmax(z)"
    ),
    "exp(z - max) / sum(exp(z - max)), with the max and the sum taken along the last axis (keepdims=True).": (
        "exp(z - max) / sum(exp(z - max)). max와 sum은 마지막 축을 따라 구하세요(keepdims=True)."
    ),
    "your function divides the scores by their sum.": "작성한 함수는 점수를 점수의 합으로 나눕니다.",
    "softmax exponentiates first: exp(z) / sum(exp(z)).": "softmax는 먼저 지수를 취합니다: exp(z) / sum(exp(z)).",
    "on an (N, classes) batch your function normalises over the wrong axis.": (
        "(N, 클래스 수) 배치에서 작성한 함수가 엉뚱한 축으로 정규화합니다."
    ),
    "each row is one image: take the max and the sum along axis=-1, with keepdims=True.": (
        "행 하나가 이미지 한 장입니다. max와 sum을 axis=-1, keepdims=True로 구하세요."
    ),
    "for the scores [1000, 1001, 1002] your function returns nan or inf: np.exp overflowed.": (
        "점수 [1000, 1001, 1002]에 대해 작성한 함수가 nan이나 inf를 돌려줍니다. np.exp가 오버플로했습니다."
    ),
    "subtract the largest score (of each row) before np.exp: the result does not change.": (
        "np.exp 전에 (행마다) 가장 큰 점수를 빼세요. 결과는 달라지지 않습니다."
    ),
    (
        "exp makes every score positive and keeps their order, dividing by the sum makes them add up to 1, and "
        "subtracting the max first keeps every exp at most 1, so nothing can overflow."
    ): (
        "exp는 모든 점수를 양수로 만들면서 순서를 지키고, 합으로 나누면 전체 합이 1이 됩니다. 먼저 max를 빼면 "
        "모든 exp 값이 1 이하가 되어 오버플로가 생길 수 없습니다."
    ),
    "write it with np.exp, np.max and np.sum; that is the whole of softmax.": (
        "np.exp, np.max, np.sum으로 직접 작성하세요. softmax는 그것이 전부입니다."
    ),
    "a function my_linear_nhwc(x, weight, bias) that returns an (N, out) array": (
        "(N, out) 배열을 돌려주는 함수 my_linear_nhwc(x, weight, bias)"
    ),
    (
        "x.transpose(0, 3, 1, 2) gives (N, C, H, W); then flatten each sample with reshape(len(x), -1), "
        "multiply by weight.T and add the bias."
    ): (
        "x.transpose(0, 3, 1, 2)로 (N, C, H, W)를 만든 뒤, reshape(len(x), -1)로 샘플마다 평탄화하고, "
        "weight.T를 곱하고 편향을 더하세요."
    ),
    "your function flattens the channels-last array as it is, so the inputs meet the wrong weights.": (
        "작성한 함수는 채널이 마지막에 있는 배열을 그대로 평탄화해서, 입력이 엉뚱한 가중치와 곱해집니다."
    ),
    "the weights expect channel 0's whole map first: move the channels first with x.transpose(0, 3, 1, 2).": (
        "가중치는 채널 0의 맵 전체가 먼저 오기를 기대합니다. x.transpose(0, 3, 1, 2)로 채널을 앞으로 옮기세요."
    ),
    "your function moves the channels first but swaps the rows and the columns.": (
        "작성한 함수는 채널을 앞으로 옮기지만 행과 열을 뒤바꿉니다."
    ),
    "(N, H, W, C) -> (N, C, H, W) is transpose(0, 3, 1, 2); (0, 3, 2, 1) gives (N, C, W, H).": (
        "(N, H, W, C) -> (N, C, H, W)는 transpose(0, 3, 1, 2)입니다. (0, 3, 2, 1)은 (N, C, W, H)를 만듭니다."
    ),
    (
        "the weights decide the order of the inputs: channels-first flattening puts channel 0's whole map "
        "first, so a channels-last array must be transposed before it is flattened."
    ): (
        "입력의 순서는 가중치가 정합니다. 채널 우선(channels-first) 평탄화는 채널 0의 맵 전체를 맨 앞에 두므로, "
        "채널이 마지막에 있는 배열은 평탄화하기 전에 전치해야 합니다."
    ),
    "write the flatten and the matrix product yourself: reshape, @ and +.": (
        "평탄화와 행렬 곱을 직접 작성하세요: reshape, @, +."
    ),
    "3 probabilities (they sum to 1), e.g. [0.1, 0.2, 0.7]": "확률 3개(합이 1), 예: [0.1, 0.2, 0.7]",
    "adding the same number to every score changes nothing (§6): the scores minus 1000 give the same answer.": (
        "모든 점수에 같은 수를 더해도 결과는 같습니다(§6). 점수에서 1000을 빼도 답은 같습니다."
    ),
    "your answer contains nan or inf: exp(1002) overflows, so the textbook formula fails here.": (
        "답에 nan이나 inf가 있습니다. exp(1002)가 오버플로하므로 교과서 공식을 그대로 쓰면 여기서 실패합니다."
    ),
    "these are the scores divided by their sum.": "이것은 점수를 점수의 합으로 나눈 값입니다.",
    "softmax exponentiates first; subtract the largest score, then exp(z) / sum(exp(z)).": (
        "softmax는 먼저 지수를 취합니다. 가장 큰 점수를 뺀 다음 exp(z) / sum(exp(z))를 계산하세요."
    ),
    "the right numbers in the wrong order.": "숫자는 맞지만 순서가 틀렸습니다.",
    "softmax keeps the order: the largest score gets the largest probability.": (
        "softmax는 순서를 지킵니다. 가장 큰 점수가 가장 큰 확률을 받습니다."
    ),
    (
        "the scores minus their max are [0, -1, -1.9]; exp of those divided by their sum gives the same "
        "probabilities as the scores [2.0, 1.0, 0.1] would."
    ): (
        "점수에서 최댓값을 빼면 [0, -1, -1.9]이고, 그 exp를 합으로 나누면 점수 [2.0, 1.0, 0.1]일 때와 같은 "
        "확률이 나옵니다."
    ),
}
