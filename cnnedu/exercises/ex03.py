"""Checkers for the exercises of notebook 03 (pooling).

Every expected answer is computed here with cnnedu from the numbers in the
question, never typed in, so a checker cannot disagree with the package.
Every sentence goes through ``_`` (English, or Korean after
``cnnedu.exercises.set_language("ko")``); the Korean table ``KO`` is at the end.
"""

from __future__ import annotations

import numpy as np

from ..pooling import avg_pool2d, avg_pool2d_backward, max_pool2d, max_pool2d_backward
from ..shapes import conv_output_size
from .feedback import (
    Feedback,
    Messages,
    as_int_tuple,
    check_array,
    check_int_tuple,
    check_number,
    is_unanswered,
    matches,
)

_ = Messages(__name__)

__all__ = ["EX1_INPUT", "EX4_GRAD", "exercise_1", "exercise_2", "exercise_3", "exercise_4", "expected_answers"]

# Exercises 1 and 4: a 4x4 feature map, pooled with 2x2 windows and stride 2.
EX1_INPUT = np.array(
    [
        [3.0, 1.0, 0.0, 2.0],
        [4.0, 2.0, 5.0, 1.0],
        [0.0, 7.0, 1.0, 1.0],
        [2.0, 3.0, 6.0, 0.0],
    ]
)
# Exercise 2: AlexNet's SECOND pooling layer (the notebook prints the first one, 55 -> 27),
# on a batch of 8 images: (N, C, S, S) = (8, 256, 27, 27), 3x3 windows, stride 2.
EX2_N, EX2_C, EX2_S, EX2_K, EX2_STRIDE = 8, 256, 27, 3, 2
# Exercise 3: the last feature map of a network, (C, H, W), and the number of classes.
EX3_C, EX3_H, EX3_W, EX3_CLASSES = 256, 6, 6, 10
# Exercise 4: the gradient arriving at the 2x2 output of the pooling.
EX4_GRAD = np.array([[1.0, 2.0], [3.0, 4.0]])


def _as_array(answer):
    try:
        return np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return None


def _same(answer, expected) -> bool:
    a = _as_array(answer)
    expected = np.asarray(expected, dtype=float)
    return a is not None and a.shape == expected.shape and bool(np.allclose(a, expected))


def _ex1_expected():
    return max_pool2d(EX1_INPUT[None, None], 2, 2)[0, 0]


def _ex2_expected():
    side = conv_output_size(EX2_S, EX2_K, EX2_STRIDE)
    return (EX2_N, EX2_C, side, side)


def _ex3_counts():
    flatten_dense = EX3_C * EX3_H * EX3_W * EX3_CLASSES + EX3_CLASSES
    gap_dense = EX3_C * EX3_CLASSES + EX3_CLASSES
    return flatten_dense, gap_dense


def _ex4_expected():
    return max_pool2d_backward(EX4_GRAD[None, None], EX1_INPUT[None, None], 2, 2)[0, 0]


def expected_answers() -> dict[str, object]:
    """The expected answer of every exercise (for the test that none is printed above it)."""
    flatten_dense, gap_dense = _ex3_counts()
    return {
        "exercise_1": _ex1_expected(),
        "exercise_2": _ex2_expected(),
        "exercise_3": flatten_dense - gap_dense,
        "exercise_4": _ex4_expected(),
    }


def exercise_1(answer) -> Feedback:
    """Max-pool ``EX1_INPUT`` (4x4) by hand with 2x2 windows and stride 2.

    answer: the 2x2 result, as a nested list or an array.
    """
    x = EX1_INPUT[None, None]
    expected = _ex1_expected()
    what = _("the 2x2 result as a nested list, e.g. [[a, b], [c, d]]")
    hint = _(
        "cut the 4x4 into four 2x2 blocks (top-left, top-right, bottom-left, bottom-right) and write the "
        "largest number of each block in the same place."
    )
    if is_unanswered(answer):
        return check_array(answer, expected, what=what, hint=hint, why="")
    if _same(answer, avg_pool2d(x, 2, 2)[0, 0]):
        return Feedback(
            False,
            _("these are the AVERAGES of the windows."),
            _("max pooling keeps the largest number of each window."),
        )
    if _same(answer, max_pool2d(x, 2, 1)[0, 0]):
        return Feedback(
            False,
            _("this is a 3x3 result, windows one step apart."),
            _("with stride 2 the four 2x2 windows do not overlap."),
        )
    if _same(answer, expected.T):
        return Feedback(
            False,
            _("these are the right four maxima, but rows and columns are swapped (the result transposed)."),
            _(
                "each output cell stays where its block was: the top-right cell of the result comes from the "
                "top-right 2x2 block (rows 0-1, columns 2-3)."
            ),
        )
    return check_array(
        answer,
        expected,
        what=what,
        hint=hint,
        why=_("each non-overlapping 2x2 block keeps only its largest value: 16 numbers become 4."),
    )


def exercise_2(answer) -> Feedback:
    """Output shape (N, C, OH, OW) of AlexNet's second pooling layer on a batch of 8:
    an (8, 256, 27, 27) input, 3x3 max pooling with stride 2, no padding.

    answer: a tuple of four whole numbers.
    """
    expected = _ex2_expected()
    side = expected[2]
    what = _("a tuple (N, C, OH, OW)")
    hint = _("the output-size formula of convolution also holds for pooling: floor((n - f) / s) + 1.")
    if is_unanswered(answer):
        return check_int_tuple(answer, expected, what=what, hint=hint, why="")
    got = as_int_tuple(answer)
    shown = got if got is not None else answer
    if got == (1, 96, 27, 27):
        return Feedback(
            False,
            _("{answer!r} is AlexNet's FIRST pooling layer (55 -> 27), which the notebook computes in §5.", answer=got),
            _(
                "this one starts from the second layer's maps: a batch of {n}, {c} channels of {s}x{s}.",
                n=EX2_N,
                c=EX2_C,
                s=EX2_S,
            ),
        )
    if got is not None and len(got) == 3 and got == expected[1:]:
        return Feedback(
            False,
            _("{answer!r} has lost the batch axis.", answer=shown),
            _("the batch of {n} images stays a batch of {n}: give all four numbers (N, C, OH, OW).", n=EX2_N),
        )
    if got is not None and len(got) == 4:
        if got[1] != EX2_C:
            return Feedback(
                False,
                _("{answer!r} is not it.", answer=shown),
                _(
                    "pooling works on each channel on its own, so the number of channels ({c}) does not change.",
                    c=EX2_C,
                ),
            )
        if got[0] != EX2_N:
            return Feedback(
                False,
                _("{answer!r} is not it.", answer=shown),
                _("pooling never mixes the images of a batch: N stays {n}.", n=EX2_N),
            )
        if got[2] == -(-EX2_S // EX2_STRIDE):
            return Feedback(
                False,
                _("{answer!r} is not it.", answer=shown),
                _(
                    "without padding the output size is floor((n - f) / s) + 1, not ceil(n / s) "
                    "(that is 'same' padding)."
                ),
            )
        if got[2] == side - 1:
            return Feedback(
                False,
                _("{answer!r} is not it.", answer=shown),
                _("do not forget the + 1 in floor((n - f) / s) + 1: it counts the first window."),
            )
        if got[2] == conv_output_size(EX2_S, EX2_K, 1):
            return Feedback(
                False,
                _("{answer!r} is not it.", answer=shown),
                _("that is the size with stride 1; here the windows move {s} cells at a time.", s=EX2_STRIDE),
            )
    return check_int_tuple(
        answer,
        expected,
        what=what,
        hint=hint,
        why=_(
            "floor(({n} - {f}) / {s}) + 1 = {side} along each axis, and the batch of {b} and the {c} channels "
            "stay as they are: overlapping pooling, as in AlexNet.",
            n=EX2_S,
            f=EX2_K,
            s=EX2_STRIDE,
            side=side,
            b=EX2_N,
            c=EX2_C,
        ),
    )


def exercise_3(answer) -> Feedback:
    """A classifier with 10 classes sits on a (256, 6, 6) feature map. How many parameters
    (weights and biases) does GlobalAvgPool + Dense(10) save compared with Flatten + Dense(10)?

    answer: one whole number.
    """
    flatten_dense, gap_dense = _ex3_counts()
    expected = flatten_dense - gap_dense
    what = _("the number of parameters saved, as one whole number")
    hint = _(
        "Flatten gives C*H*W numbers, global average pooling gives C; a Dense layer has (inputs * outputs) "
        "weights plus one bias per output."
    )
    if is_unanswered(answer):
        return check_number(answer, expected, what=what, hint=hint, why="")
    ratio = _("that is a ratio (how many times smaller); the question asks how many parameters are saved.")
    targeted = (
        (flatten_dense, _("this is the size of the Flatten + Dense classifier; subtract the other one.")),
        (gap_dense, _("this is the size of the GAP + Dense classifier; the question asks for the difference.")),
        (EX3_C * EX3_H * EX3_W - EX3_C, _("count the weights of the Dense layer: one per input AND per class.")),
        (EX3_H * EX3_W, ratio),
        (flatten_dense // gap_dense, ratio),
        (round(flatten_dense / gap_dense), ratio),
    )
    if not isinstance(answer, (str, bool)):
        for wrong, wrong_hint in targeted:
            if matches(answer, wrong):
                return Feedback(False, _("{answer!r} is not it.", answer=answer), wrong_hint)
    return check_number(
        answer,
        expected,
        what=what,
        hint=hint,
        why=_(
            "({c}*{h}*{w}*{k} + {k}) - ({c}*{k} + {k}) = {big} - {small} = {saved}: {hw} times fewer weights.",
            c=EX3_C,
            h=EX3_H,
            w=EX3_W,
            k=EX3_CLASSES,
            big=flatten_dense,
            small=gap_dense,
            saved=expected,
            hw=EX3_H * EX3_W,
        ),
    )


def exercise_4(answer) -> Feedback:
    """Backward pass of 2x2 max pooling (stride 2) on ``EX1_INPUT``: the gradient arriving at
    the output is ``EX4_GRAD``. What is the gradient with respect to the 4x4 input?

    answer: a 4x4 nested list or array.
    """
    x = EX1_INPUT[None, None]
    g = EX4_GRAD[None, None]
    expected = _ex4_expected()
    winners = expected != 0
    what = _("the 4x4 gradient as a nested list or array")
    hint = _(
        "find the winner (the largest value) of each 2x2 window; it gets that window's gradient, "
        "every other cell gets 0."
    )
    if is_unanswered(answer):
        return check_array(answer, expected, what=what, hint=hint, why="")
    if _same(answer, avg_pool2d_backward(g, x, 2, 2)[0, 0]):
        return Feedback(
            False,
            _("this spreads each gradient evenly over its window: that is AVERAGE pooling."),
            _("in max pooling only one cell of each window reached the output."),
        )
    if _same(answer, np.kron(EX4_GRAD, np.ones((2, 2)))):
        return Feedback(
            False,
            _("this copies each gradient to all four cells of its window."),
            _("the other three cells did not affect the output at all, so their gradient is 0."),
        )
    if _same(answer, np.where(winners, EX1_INPUT, 0.0)):
        return Feedback(
            False,
            _("the right cells, but these are the winners' VALUES from the input, not gradients."),
            _(
                "the backward pass carries the gradient that arrives at each output ({g}) back to that "
                "window's winner.",
                g=EX4_GRAD.tolist(),
            ),
        )
    if _same(answer, winners.astype(float)):
        return Feedback(
            False,
            _("the right cells, but 1 is only the local derivative of the max (d out / d winner = 1)."),
            _(
                "chain rule (§10): multiply it by the gradient arriving at that window's output, {g}.",
                g=EX4_GRAD.tolist(),
            ),
        )
    top_left = np.zeros((4, 4))
    top_left[::2, ::2] = EX4_GRAD
    if _same(answer, top_left):
        return Feedback(
            False,
            _("this puts each gradient on the top-left cell of its window."),
            _("the gradient goes to the cell that won the max, wherever it sits in the window."),
        )
    return check_array(
        answer,
        expected,
        what=what,
        hint=hint,
        why=_(
            "each window's gradient lands on the cell that won the max; the 12 losers get 0, because nudging "
            "them a little does not change the output."
        ),
    )


KO = {
    "the 2x2 result as a nested list, e.g. [[a, b], [c, d]]": "2x2 결과를 중첩 리스트로, 예: [[a, b], [c, d]]",
    (
        "cut the 4x4 into four 2x2 blocks (top-left, top-right, bottom-left, bottom-right) and write the "
        "largest number of each block in the same place."
    ): (
        "4x4를 2x2 블록 네 개(왼쪽 위, 오른쪽 위, 왼쪽 아래, 오른쪽 아래)로 나누고, 각 블록에서 가장 큰 수를 "
        "같은 자리에 쓰세요."
    ),
    "these are the AVERAGES of the windows.": "이것은 각 윈도우의 평균(AVERAGE)입니다.",
    "max pooling keeps the largest number of each window.": "최대 풀링은 윈도우마다 가장 큰 수를 남깁니다.",
    "this is a 3x3 result, windows one step apart.": "이것은 윈도우를 한 칸씩 옮긴 3x3 결과입니다.",
    "with stride 2 the four 2x2 windows do not overlap.": "stride가 2이면 2x2 윈도우 네 개가 서로 겹치지 않습니다.",
    "these are the right four maxima, but rows and columns are swapped (the result transposed).": (
        "최댓값 네 개는 맞지만 행과 열이 뒤바뀌었습니다(결과를 전치한 것)."
    ),
    (
        "each output cell stays where its block was: the top-right cell of the result comes from the "
        "top-right 2x2 block (rows 0-1, columns 2-3)."
    ): (
        "출력의 각 칸은 자기 블록이 있던 자리에 남습니다. 결과의 오른쪽 위 칸은 오른쪽 위 2x2 블록"
        "(0-1행, 2-3열)에서 나옵니다."
    ),
    "each non-overlapping 2x2 block keeps only its largest value: 16 numbers become 4.": (
        "겹치지 않는 2x2 블록마다 가장 큰 값 하나만 남으므로, 숫자 16개가 4개가 됩니다."
    ),
    "a tuple (N, C, OH, OW)": "튜플 (N, C, OH, OW)",
    "the output-size formula of convolution also holds for pooling: floor((n - f) / s) + 1.": (
        "합성곱의 출력 크기 공식이 풀링에도 그대로 적용됩니다: floor((n - f) / s) + 1."
    ),
    "{answer!r} is AlexNet's FIRST pooling layer (55 -> 27), which the notebook computes in §5.": (
        "{answer!r}: 이것은 노트북 §5에서 계산한 AlexNet의 첫 번째 풀링 층(55 -> 27)입니다."
    ),
    "this one starts from the second layer's maps: a batch of {n}, {c} channels of {s}x{s}.": (
        "이 문제는 두 번째 층의 맵에서 시작합니다. 배치 {n}개, {s}x{s} 크기의 채널 {c}개입니다."
    ),
    "{answer!r} has lost the batch axis.": "{answer!r}: 배치 축이 빠졌습니다.",
    "the batch of {n} images stays a batch of {n}: give all four numbers (N, C, OH, OW).": (
        "이미지 {n}장의 배치는 그대로 {n}장입니다. 네 개의 숫자 (N, C, OH, OW)를 모두 쓰세요."
    ),
    "{answer!r} is not it.": "{answer!r}: 정답이 아닙니다.",
    "pooling works on each channel on its own, so the number of channels ({c}) does not change.": (
        "풀링은 채널마다 따로 적용되므로 채널 수({c})는 바뀌지 않습니다."
    ),
    "pooling never mixes the images of a batch: N stays {n}.": (
        "풀링은 배치 안의 이미지를 절대 섞지 않습니다. N은 그대로 {n}입니다."
    ),
    "without padding the output size is floor((n - f) / s) + 1, not ceil(n / s) (that is 'same' padding).": (
        "패딩이 없으면 출력 크기는 ceil(n / s)가 아니라 floor((n - f) / s) + 1입니다(ceil(n / s)는 'same' 패딩의 경우)."
    ),
    "do not forget the + 1 in floor((n - f) / s) + 1: it counts the first window.": (
        "floor((n - f) / s) + 1의 + 1을 잊지 마세요. 첫 번째 윈도우를 세는 항입니다."
    ),
    "that is the size with stride 1; here the windows move {s} cells at a time.": (
        "그것은 stride가 1일 때의 크기입니다. 여기서는 윈도우가 한 번에 {s}칸씩 움직입니다."
    ),
    (
        "floor(({n} - {f}) / {s}) + 1 = {side} along each axis, and the batch of {b} and the {c} channels "
        "stay as they are: overlapping pooling, as in AlexNet."
    ): (
        "각 축에서 floor(({n} - {f}) / {s}) + 1 = {side}이고, 배치 {b}개와 채널 {c}개는 그대로입니다. "
        "AlexNet처럼 윈도우가 겹치는 풀링입니다."
    ),
    "the number of parameters saved, as one whole number": "줄어드는 파라미터 수를 정수 하나로",
    (
        "Flatten gives C*H*W numbers, global average pooling gives C; a Dense layer has (inputs * outputs) "
        "weights plus one bias per output."
    ): (
        "Flatten은 C*H*W개의 숫자를, 글로벌 평균 풀링은 C개를 내놓습니다. Dense 층에는 (입력 수 * 출력 수)개의 "
        "가중치와 출력마다 편향 하나가 있습니다."
    ),
    "that is a ratio (how many times smaller); the question asks how many parameters are saved.": (
        "그것은 비율(몇 배 작은지)입니다. 문제는 파라미터가 몇 개 줄어드는지를 묻습니다."
    ),
    "this is the size of the Flatten + Dense classifier; subtract the other one.": (
        "이것은 Flatten + Dense 분류기의 크기입니다. 다른 하나를 빼세요."
    ),
    "this is the size of the GAP + Dense classifier; the question asks for the difference.": (
        "이것은 GAP + Dense 분류기의 크기입니다. 문제는 둘의 차이를 묻습니다."
    ),
    "count the weights of the Dense layer: one per input AND per class.": (
        "Dense 층의 가중치를 세어 보세요. 입력 하나마다, 그리고 클래스 하나마다 하나씩입니다."
    ),
    "({c}*{h}*{w}*{k} + {k}) - ({c}*{k} + {k}) = {big} - {small} = {saved}: {hw} times fewer weights.": (
        "({c}*{h}*{w}*{k} + {k}) - ({c}*{k} + {k}) = {big} - {small} = {saved}: 가중치가 {hw}배 적습니다."
    ),
    "the 4x4 gradient as a nested list or array": "4x4 기울기(gradient)를 중첩 리스트나 배열로",
    (
        "find the winner (the largest value) of each 2x2 window; it gets that window's gradient, every other "
        "cell gets 0."
    ): ("2x2 윈도우마다 승자(가장 큰 값)를 찾으세요. 승자는 그 윈도우의 기울기를 받고, 나머지 칸은 모두 0을 받습니다."),
    "this spreads each gradient evenly over its window: that is AVERAGE pooling.": (
        "이것은 기울기를 윈도우 전체에 고르게 나눈 것으로, 평균(AVERAGE) 풀링의 역전파입니다."
    ),
    "in max pooling only one cell of each window reached the output.": (
        "최대 풀링에서는 윈도우마다 한 칸만 출력에 도달했습니다."
    ),
    "this copies each gradient to all four cells of its window.": (
        "이것은 기울기를 윈도우의 네 칸 모두에 복사한 것입니다."
    ),
    "the other three cells did not affect the output at all, so their gradient is 0.": (
        "나머지 세 칸은 출력에 전혀 영향을 주지 않았으므로 기울기가 0입니다."
    ),
    "the right cells, but these are the winners' VALUES from the input, not gradients.": (
        "칸은 맞지만, 이것은 입력에 있던 승자의 값(VALUE)이지 기울기가 아닙니다."
    ),
    "the backward pass carries the gradient that arrives at each output ({g}) back to that window's winner.": (
        "역전파는 각 출력에 도착한 기울기({g})를 그 윈도우의 승자에게 되돌려 보냅니다."
    ),
    "the right cells, but 1 is only the local derivative of the max (d out / d winner = 1).": (
        "칸은 맞지만, 1은 max의 국소 미분(d out / d winner = 1)일 뿐입니다."
    ),
    "chain rule (§10): multiply it by the gradient arriving at that window's output, {g}.": (
        "연쇄 법칙(§10): 그 값에 윈도우의 출력에 도착한 기울기 {g}를 곱하세요."
    ),
    "this puts each gradient on the top-left cell of its window.": (
        "이것은 기울기를 윈도우의 왼쪽 위 칸에 놓은 것입니다."
    ),
    "the gradient goes to the cell that won the max, wherever it sits in the window.": (
        "기울기는 윈도우 안 어디에 있든 최댓값을 차지한 칸으로 갑니다."
    ),
    (
        "each window's gradient lands on the cell that won the max; the 12 losers get 0, because nudging "
        "them a little does not change the output."
    ): (
        "윈도우마다 기울기는 최댓값을 차지한 칸에 떨어지고, 나머지 12칸은 0을 받습니다. 그 칸들은 조금 바꿔도 "
        "출력이 변하지 않기 때문입니다."
    ),
}
