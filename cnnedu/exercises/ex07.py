"""Checkers for the exercises of notebook 07 (LeNet-5).

Every expected answer is computed here with cnnedu (layers built with ``cnnedu.nn`` and
counted, shapes pushed through ``cnnedu.models.lenet5``), never typed in, so a checker cannot
disagree with the package. None of the numeric answers is printed in the notebook above its
exercise: each asks about a variant of the network the notebook shows.
"""

from __future__ import annotations

import numpy as np

from .. import nn
from ..models import lenet5
from .feedback import Feedback, Messages, as_int_tuple, check_function, check_int_tuple, check_number, is_close

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5", "expected_answers"]

_ = Messages(__name__)

# Exercise 1: C1 widened from 6 to EX1_C1 filters; C3 (16 filters of 5x5) then sees EX1_C1 maps.
EX1_C1 = 10
# Exercise 2: LeNet-5 as built here (C1 pads by 2) fed a larger square image.
EX2_SIZE = 32
# Exercise 3: C5 with EX3_C5 filters instead of 120; F6 then gets EX3_C5 inputs.
EX3_C5 = 60
# Exercise 4: one 5x5 convolution versus two stacked 3x3 ones, C -> C channels.
EX4_CHANNELS = 16


def _params(*layers) -> int:
    return sum(layer.num_parameters() for layer in layers)


def _is(answer, count) -> bool:
    """``answer`` is exactly the whole number ``count`` (7 or 7.0; not "7", not 7.4)."""
    return is_close(answer, count, sig=12)


def _shown(answer):
    """A NumPy scalar as the plain number it is, so a message shows 7, not np.int64(7)."""
    return answer.item() if isinstance(answer, np.generic) else answer


def _ex1_counts():
    """C3's parameters when C1 has EX1_C1 filters, and the typical wrong counts."""
    c3 = nn.Conv2d(EX1_C1, 16, 5, rng=0)
    return {
        "right": _params(c3),
        "weights only": c3.params["weight"].size,
        "unchanged C3": _params(nn.Conv2d(6, 16, 5, rng=0)),
        "one slice": 16 * 5 * 5 + 16,
        "swapped": _params(nn.Conv2d(16, EX1_C1, 5, rng=0)),
        "C1": _params(nn.Conv2d(1, EX1_C1, 5, rng=0)),
    }


def _ex3_parts():
    """Parameters per layer of LeNet-5 with a C5 of EX3_C5 filters (F6 resized to match)."""
    return {
        "C1": _params(nn.Conv2d(1, 6, 5, rng=0)),
        "C3": _params(nn.Conv2d(6, 16, 5, rng=0)),
        "C5": _params(nn.Conv2d(16, EX3_C5, 5, rng=0)),
        "F6": _params(nn.Linear(EX3_C5, 84, rng=0)),
        "output": _params(nn.Linear(84, 10, rng=0)),
    }


def _ex4_counts():
    c = EX4_CHANNELS
    one_5x5 = _params(nn.Conv2d(c, c, 5, rng=0))
    two_3x3 = _params(nn.Conv2d(c, c, 3, rng=0), nn.Conv2d(c, c, 3, rng=0))
    return one_5x5, two_3x3


def _c5_chain():
    """C5's output shape for an EX2_SIZE image, and the side length after C1, S2, C3, S4, C5."""
    model = lenet5(rng=0)
    x = np.zeros((1, 1, EX2_SIZE, EX2_SIZE))
    sides = []
    for name, layer in model.named_layers():
        x = layer.forward(x)
        if name in ("C1", "S2", "C3", "S4", "C5"):
            sides.append(f"{name} {x.shape[-1]}")
        if name == "C5":
            return tuple(x.shape[1:]), sides
    raise RuntimeError("LeNet-5 has no layer named C5")


def expected_answers() -> dict[str, object]:
    """The numeric answers, for the test that no notebook prints one above its exercise."""
    parts = _ex3_parts()
    one_5x5, two_3x3 = _ex4_counts()
    return {
        "exercise_1": _ex1_counts()["right"],
        "exercise_2": _c5_chain()[0],
        "exercise_3": parts["C5"] / sum(parts.values()),
        "exercise_4": one_5x5 - two_3x3,
    }


def exercise_1(answer) -> Feedback:
    """LeNet-5 with a wider first layer: C1 gets 10 filters instead of 6, everything else stays
    (C3 still has 16 filters of 5x5). How many parameters (weights and biases) does C3 have now?

    answer: one int.
    """
    counts = _ex1_counts()
    answer = _shown(answer)
    if _is(answer, counts["unchanged C3"]):
        return Feedback(
            False,
            _("{answer!r} is C3 of the original network, where S2 has 6 maps.", answer=answer),
            _(
                "C3's filters span all the maps of S2, and S2 has as many maps as C1 has filters: now {c}.",
                c=EX1_C1,
            ),
        )
    if _is(answer, counts["weights only"]):
        return Feedback(
            False,
            _("{answer!r} counts the weights only.", answer=answer),
            _("each of the 16 filters also has one bias."),
        )
    if _is(answer, counts["one slice"]):
        return Feedback(
            False,
            _("{answer!r} counts one 5x5 slice per filter.", answer=answer),
            _(
                "a C3 filter has one 5x5 slice for each of its {c} input maps (notebook 01: one filter spans all "
                "input channels).",
                c=EX1_C1,
            ),
        )
    if _is(answer, counts["swapped"]):
        return Feedback(
            False,
            _("{answer!r} swaps filters and input maps.", answer=answer),
            _("C3 still has 16 filters (16 output maps); {c} is the number of maps each filter sees.", c=EX1_C1),
        )
    if _is(answer, counts["C1"]):
        return Feedback(
            False,
            _("{answer!r} is the new C1; the question asks about C3.", answer=answer),
            _("count C3: 16 filters, each seeing all the maps C1 now makes."),
        )
    return check_number(
        answer,
        counts["right"],
        what=_("the number of parameters of C3, as one int"),
        hint=_("filters x (input maps x kernel height x kernel width) weights, plus one bias per filter."),
        why=_(
            "16 x ({c} x 5 x 5) weights + 16 biases = {n}. Widening one layer also grows the NEXT layer: its "
            "filters get deeper.",
            c=EX1_C1,
            n=counts["right"],
        ),
    )


def exercise_2(answer) -> Feedback:
    """LeNet-5 as built here (C1 pads by 2) gets a 32x32 image instead of 28x28. What is the
    shape (C, H, W) of C5's output for one image?

    answer: a tuple of three ints.
    """
    expected, sides = _c5_chain()
    got = as_int_tuple(answer)
    if got == (120, 1, 1):
        return Feedback(
            False,
            _(
                "{answer!r} is what a 28x28 digit gives (or a 32x32 one WITHOUT padding, as in the paper).",
                answer=answer,
            ),
            _("here C1 keeps padding=2, so follow {n} through C1, S2, C3, S4 and C5.", n=EX2_SIZE),
        )
    if got is not None and len(got) == 3 and got[0] != expected[0]:
        return Feedback(
            False,
            _("{answer!r} has the wrong number of channels.", answer=answer),
            _("the number of channels of C5's output is the number of C5's filters."),
        )
    return check_int_tuple(
        answer,
        expected,
        what=_("a tuple (C, H, W)"),
        hint=_(
            "use the output-size formula (n + 2p - k) // s + 1 layer by layer: C1 (k=5, p=2), S2 (k=2, s=2), "
            "C3 (k=5), S4 (k=2, s=2), C5 (k=5)."
        ),
        why=_(
            "{size} -> {chain}. C5 no longer ends at 1x1, so Flatten gives {flat} numbers and F6, built for {c} "
            "inputs, refuses them: the fully connected layers fix LeNet-5's input size.",
            size=EX2_SIZE,
            chain=" -> ".join(sides),
            flat=int(np.prod(expected)),
            c=expected[0],
        ),
    )


def exercise_3(answer) -> Feedback:
    """A slimmer LeNet-5: C5 has 60 filters instead of 120 (so F6 gets 60 inputs); everything
    else stays. What fraction of this network's parameters sits in C5?

    answer: a number between 0 and 1 (3 significant figures are enough).
    """
    parts = _ex3_parts()
    total = sum(parts.values())
    expected = parts["C5"] / total
    answer = _shown(answer)
    old_f6 = _params(nn.Linear(120, 84, rng=0))
    original = _params(nn.Conv2d(16, 120, 5, rng=0))
    original_total = original + old_f6 + parts["C1"] + parts["C3"] + parts["output"]
    if is_close(answer, expected):  # right to 3 figures: no near-by mistake applies
        return check_number(answer, expected, what="", hint="", why=_ex3_why(parts, total, expected))
    if _is(answer, parts["C5"]):
        return Feedback(
            False,
            _("{answer!r} is the number of C5's parameters, not a fraction.", answer=answer),
            _("divide it by the number of parameters of the whole slimmer network."),
        )
    if is_close(answer, 100 * expected):
        return Feedback(
            False, _("{answer!r} is a percentage.", answer=answer), _("give it as a fraction between 0 and 1.")
        )
    if is_close(answer, parts["C5"] / (total - parts["F6"] + old_f6)):
        return Feedback(
            False,
            _("{answer!r} keeps F6 as it was.", answer=answer),
            _("F6 now gets {c} inputs instead of 120, so it shrinks too: count it again.", c=EX3_C5),
        )
    if is_close(answer, original / original_total):
        return Feedback(
            False,
            _("{answer!r} is C5's share in the original network with 120 filters.", answer=answer),
            _("recount C5 and F6 for {c} filters, then the total.", c=EX3_C5),
        )
    if is_close(answer, (parts["C5"] - EX3_C5) / total):
        return Feedback(
            False,
            _("{answer!r} leaves out C5's biases.", answer=answer),
            _("each of C5's {c} filters has one bias too.", c=EX3_C5),
        )
    if is_close(answer, parts["C5"] / (total - parts["C5"])):
        return Feedback(
            False,
            _("{answer!r} divides C5 by the REST of the network.", answer=answer),
            _("a share is C5 divided by the total, C5 included."),
        )
    return check_number(
        answer,
        expected,
        what=_("a fraction between 0 and 1, e.g. 0.123"),
        hint=_(
            "count C1, C3, C5 (now {c} filters of 16 x 5 x 5, plus biases), F6 (84 outputs of {c} inputs, plus "
            "biases) and the output layer; then C5 divided by the total.",
            c=EX3_C5,
        ),
        why=_ex3_why(parts, total, expected),
    )


def _ex3_why(parts, total, expected) -> str:
    return _(
        "C5 {c5:,} of {total:,} parameters = {share:.4f}. Halving C5 halves F6's inputs too, yet C5 still "
        "holds most of the network: the layer that sees all 16 maps of 5x5 at once is the expensive one.",
        c5=parts["C5"],
        total=total,
        share=expected,
    )


def exercise_4(answer) -> Feedback:
    """VGG's trick: replace one 5x5 convolution (16 -> 16 channels, with biases) by two stacked
    3x3 convolutions (16 -> 16 -> 16, with biases), which see the same 5x5 window. How many
    parameters FEWER do the two 3x3 layers have?

    answer: one int.
    """
    c = EX4_CHANNELS
    one_5x5, two_3x3 = _ex4_counts()
    expected = one_5x5 - two_3x3
    answer = _shown(answer)
    if _is(answer, -expected):
        return Feedback(
            False,
            _("{answer!r} has the wrong sign.", answer=answer),
            _("'fewer' is (5x5 layer) - (two 3x3 layers)."),
        )
    if _is(answer, c * c * 25 - 2 * c * c * 9):
        return Feedback(
            False,
            _("{answer!r} compares the weights only.", answer=answer),
            _("the 5x5 layer has {c} biases, the two 3x3 layers {c2}.", c=c, c2=2 * c),
        )
    if _is(answer, 25 - 18) or _is(answer, 25 - 9):
        return Feedback(
            False,
            _("{answer!r} counts one kernel slice.", answer=answer),
            _("count whole layers: filters x input channels x kernel size, plus biases."),
        )
    if _is(answer, one_5x5) or _is(answer, two_3x3):
        return Feedback(
            False,
            _("{answer!r} is one side of the comparison.", answer=answer),
            _("count both: the 5x5 layer and the two 3x3 layers, then subtract."),
        )
    return check_number(
        answer,
        expected,
        what=_("how many parameters fewer, as one int"),
        hint=_("a C -> C convolution with k x k kernels has C x C x k x k weights and C biases; here C = {c}.", c=c),
        why=_(
            "one 5x5: {one:,}; two 3x3: {two:,}; {fewer:,} fewer ({ratio:.0%}), for the same 5x5 view, and with one "
            "more ReLU in between. That is why VGG uses only 3x3.",
            one=one_5x5,
            two=two_3x3,
            fewer=expected,
            ratio=expected / one_5x5,
        ),
    )


def _softmax_ce_grad(logits, labels):
    loss = nn.SoftmaxCrossEntropy()
    loss.forward(logits, labels)
    return loss.backward()


def _grad_cases():
    rng = np.random.default_rng(7)
    return [
        (rng.standard_normal((4, 10)), np.array([3, 0, 9, 3])),
        (rng.standard_normal((1, 3)), np.array([2])),
        # large logits: exp() overflows unless the maximum is subtracted first
        (1000 * rng.standard_normal((5, 4)), np.array([0, 1, 2, 3, 1])),
    ]


# The library functions that would do the exercise's whole job (softmax and the loss's backward).
# One name per function: the stand-in replaces it in every cnnedu module that holds it.
EX5_FORBIDDEN = (
    "cnnedu.softmax",
    "cnnedu.log_softmax",
    "cnnedu.nn.SoftmaxCrossEntropy",
    "scipy.special.softmax",
    "scipy.special.log_softmax",
)


def exercise_5(func) -> Feedback:
    """Write ``softmax_ce_grad(logits, labels)``: the gradient of the MEAN softmax cross-entropy
    with respect to the logits, with your own softmax (no cnnedu.softmax, no SoftmaxCrossEntropy).

    logits: (N, K) floats, labels: (N,) ints in 0..K-1. Returns (N, K). Checked against
    ``cnnedu.nn.SoftmaxCrossEntropy().backward()``, also with logits in the thousands (where a
    plain exp() overflows).
    """
    return check_function(
        func,
        _softmax_ce_grad,
        _grad_cases(),
        what=_("a function softmax_ce_grad(logits, labels) that returns an (N, K) array"),
        hint=_(
            "softmax of each row (subtract the row's max before exp), minus 1 at the true class, divided by N "
            "because the loss is a mean over the batch."
        ),
        why=_(
            "(softmax(z) - onehot(y)) / N: the gradient that starts every backward pass. It is small when the "
            "network is right and confident, and pushes the true class up and the others down when it is not."
        ),
        forbidden=EX5_FORBIDDEN,
        forbidden_hint=_(
            "write the softmax yourself with np.exp (subtract each row's max first), then subtract 1 at the true "
            "class and divide by N."
        ),
    )


KO = {
    "{answer!r} is C3 of the original network, where S2 has 6 maps.": (
        "{answer!r}: S2의 맵이 6개인 원래 신경망의 C3입니다."
    ),
    "C3's filters span all the maps of S2, and S2 has as many maps as C1 has filters: now {c}.": (
        "C3의 필터는 S2의 맵 전체에 걸쳐 있고, S2의 맵 수는 C1의 필터 수와 같습니다. 이제는 {c}개입니다."
    ),
    "{answer!r} counts the weights only.": "{answer!r}: 가중치만 세었습니다.",
    "each of the 16 filters also has one bias.": "16개 필터마다 편향(bias)도 하나씩 있습니다.",
    "{answer!r} counts one 5x5 slice per filter.": "{answer!r}: 필터마다 5x5 조각을 하나만 세었습니다.",
    "a C3 filter has one 5x5 slice for each of its {c} input maps (notebook 01: one filter spans all "
    "input channels).": (
        "C3의 필터 하나에는 입력 맵 {c}개마다 5x5 조각이 하나씩 있습니다(노트북 01: 필터 하나는 입력 채널 전체에 "
        "걸쳐 있습니다)."
    ),
    "{answer!r} swaps filters and input maps.": "{answer!r}: 필터 수와 입력 맵 수를 서로 바꿨습니다.",
    "C3 still has 16 filters (16 output maps); {c} is the number of maps each filter sees.": (
        "C3의 필터는 여전히 16개(출력 맵 16개)입니다. {c}는 필터 하나가 보는 맵의 수입니다."
    ),
    "{answer!r} is the new C1; the question asks about C3.": (
        "{answer!r}: 새 C1의 파라미터 수입니다. 문제는 C3를 묻고 있습니다."
    ),
    "count C3: 16 filters, each seeing all the maps C1 now makes.": (
        "C3를 세어 보세요. 필터 16개가 각각 C1이 이제 만드는 맵 전부를 봅니다."
    ),
    "the number of parameters of C3, as one int": "C3의 파라미터 수(정수 하나)",
    "filters x (input maps x kernel height x kernel width) weights, plus one bias per filter.": (
        "가중치는 필터 수 x (입력 맵 수 x 커널 높이 x 커널 너비)이고, 여기에 필터마다 편향이 하나씩 더해집니다."
    ),
    "16 x ({c} x 5 x 5) weights + 16 biases = {n}. Widening one layer also grows the NEXT layer: its "
    "filters get deeper.": (
        "가중치 16 x ({c} x 5 x 5) + 편향 16 = {n}. 한 층을 넓히면 그다음 층도 커집니다. 다음 층의 필터가 그만큼 "
        "깊어지기 때문입니다."
    ),
    "{answer!r} is what a 28x28 digit gives (or a 32x32 one WITHOUT padding, as in the paper).": (
        "{answer!r}: 28x28 숫자 이미지(또는 논문처럼 패딩 없이 넣은 32x32 이미지)에서 나오는 shape입니다."
    ),
    "here C1 keeps padding=2, so follow {n} through C1, S2, C3, S4 and C5.": (
        "여기서는 C1이 padding=2를 그대로 쓰므로, {n}이 C1, S2, C3, S4, C5를 거치며 어떻게 변하는지 따라가 보세요."
    ),
    "{answer!r} has the wrong number of channels.": "{answer!r}: 채널 수가 틀렸습니다.",
    "the number of channels of C5's output is the number of C5's filters.": (
        "C5 출력의 채널 수는 C5의 필터 수와 같습니다."
    ),
    "a tuple (C, H, W)": "튜플 (C, H, W)",
    "use the output-size formula (n + 2p - k) // s + 1 layer by layer: C1 (k=5, p=2), S2 (k=2, s=2), "
    "C3 (k=5), S4 (k=2, s=2), C5 (k=5).": (
        "출력 크기 공식 (n + 2p - k) // s + 1을 층마다 적용하세요: C1 (k=5, p=2), S2 (k=2, s=2), C3 (k=5), "
        "S4 (k=2, s=2), C5 (k=5)."
    ),
    "{size} -> {chain}. C5 no longer ends at 1x1, so Flatten gives {flat} numbers and F6, built for {c} "
    "inputs, refuses them: the fully connected layers fix LeNet-5's input size.": (
        "{size} -> {chain}. C5가 더는 1x1로 끝나지 않으니 Flatten이 숫자 {flat}개를 내놓고, 입력 {c}개에 맞춰 "
        "만든 F6는 이를 받지 못합니다. 완전연결계층이 LeNet-5의 입력 크기를 고정하는 셈입니다."
    ),
    "{answer!r} is the number of C5's parameters, not a fraction.": (
        "{answer!r}: 비율이 아니라 C5의 파라미터 개수입니다."
    ),
    "divide it by the number of parameters of the whole slimmer network.": (
        "그 값을 줄어든 신경망 전체의 파라미터 수로 나누세요."
    ),
    "{answer!r} is a percentage.": "{answer!r}: 백분율입니다.",
    "give it as a fraction between 0 and 1.": "0과 1 사이의 비율로 답하세요.",
    "{answer!r} keeps F6 as it was.": "{answer!r}: F6를 원래 크기 그대로 두었습니다.",
    "F6 now gets {c} inputs instead of 120, so it shrinks too: count it again.": (
        "이제 F6의 입력은 120개가 아니라 {c}개이므로 F6도 작아집니다. 다시 세어 보세요."
    ),
    "{answer!r} is C5's share in the original network with 120 filters.": (
        "{answer!r}: 필터가 120개인 원래 신경망에서 C5가 차지하는 비율입니다."
    ),
    "recount C5 and F6 for {c} filters, then the total.": (
        "필터가 {c}개일 때의 C5와 F6를 다시 세고, 그다음 전체를 세세요."
    ),
    "{answer!r} leaves out C5's biases.": "{answer!r}: C5의 편향을 빠뜨렸습니다.",
    "each of C5's {c} filters has one bias too.": "C5의 필터 {c}개에도 각각 편향이 하나씩 있습니다.",
    "{answer!r} divides C5 by the REST of the network.": "{answer!r}: C5를 신경망의 '나머지'로 나눴습니다.",
    "a share is C5 divided by the total, C5 included.": "비율은 C5를 C5까지 포함한 전체로 나눈 값입니다.",
    "a fraction between 0 and 1, e.g. 0.123": "0과 1 사이의 비율(예: 0.123)",
    "count C1, C3, C5 (now {c} filters of 16 x 5 x 5, plus biases), F6 (84 outputs of {c} inputs, plus "
    "biases) and the output layer; then C5 divided by the total.": (
        "C1, C3, C5(이제 16 x 5 x 5 필터 {c}개와 편향), F6(입력 {c}개, 출력 84개와 편향), 출력층을 세고, C5를 "
        "전체로 나누세요."
    ),
    "C5 {c5:,} of {total:,} parameters = {share:.4f}. Halving C5 halves F6's inputs too, yet C5 still "
    "holds most of the network: the layer that sees all 16 maps of 5x5 at once is the expensive one.": (
        "전체 파라미터 {total:,}개 중 C5가 {c5:,}개 = {share:.4f}. C5를 절반으로 줄이면 F6의 입력도 절반이 되지만, "
        "여전히 C5가 신경망의 대부분을 차지합니다. 5x5 맵 16개 전체를 한꺼번에 보는 층이 가장 비쌉니다."
    ),
    "{answer!r} has the wrong sign.": "{answer!r}: 부호가 반대입니다.",
    "'fewer' is (5x5 layer) - (two 3x3 layers).": "'더 적은' 개수는 (5x5 층) - (3x3 층 두 개)입니다.",
    "{answer!r} compares the weights only.": "{answer!r}: 가중치만 비교했습니다.",
    "the 5x5 layer has {c} biases, the two 3x3 layers {c2}.": (
        "5x5 층에는 편향이 {c}개, 3x3 층 두 개에는 {c2}개 있습니다."
    ),
    "{answer!r} counts one kernel slice.": "{answer!r}: 커널 조각 하나만 세었습니다.",
    "count whole layers: filters x input channels x kernel size, plus biases.": (
        "층 전체를 세세요: 필터 수 x 입력 채널 수 x 커널 크기, 여기에 편향을 더합니다."
    ),
    "{answer!r} is one side of the comparison.": "{answer!r}: 비교하는 두 쪽 중 한쪽의 개수입니다.",
    "count both: the 5x5 layer and the two 3x3 layers, then subtract.": (
        "5x5 층과 3x3 층 두 개를 모두 센 다음 빼세요."
    ),
    "how many parameters fewer, as one int": "줄어드는 파라미터 수(정수 하나)",
    "a C -> C convolution with k x k kernels has C x C x k x k weights and C biases; here C = {c}.": (
        "k x k 커널을 쓰는 C -> C 합성곱에는 가중치가 C x C x k x k개, 편향이 C개 있습니다. 여기서는 C = {c}입니다."
    ),
    "one 5x5: {one:,}; two 3x3: {two:,}; {fewer:,} fewer ({ratio:.0%}), for the same 5x5 view, and with one "
    "more ReLU in between. That is why VGG uses only 3x3.": (
        "5x5 하나: {one:,}, 3x3 두 개: {two:,}. 똑같이 5x5 영역을 보면서 {fewer:,}개({ratio:.0%}) 더 적고, 사이에 "
        "ReLU도 하나 더 들어갑니다. 그래서 VGG는 3x3만 씁니다."
    ),
    "a function softmax_ce_grad(logits, labels) that returns an (N, K) array": (
        "(N, K) 배열을 돌려주는 함수 softmax_ce_grad(logits, labels)"
    ),
    "softmax of each row (subtract the row's max before exp), minus 1 at the true class, divided by N "
    "because the loss is a mean over the batch.": (
        "행마다 softmax를 구하고(exp 전에 그 행의 최댓값을 빼세요), 정답 클래스 자리에서 1을 뺀 뒤, 손실이 배치 "
        "평균이므로 N으로 나누세요."
    ),
    "(softmax(z) - onehot(y)) / N: the gradient that starts every backward pass. It is small when the "
    "network is right and confident, and pushes the true class up and the others down when it is not.": (
        "(softmax(z) - onehot(y)) / N: 모든 역전파가 시작되는 기울기입니다. 신경망이 맞히고 확신할 때는 작고, "
        "그렇지 않을 때는 정답 클래스를 올리고 나머지를 내립니다."
    ),
    "write the softmax yourself with np.exp (subtract each row's max first), then subtract 1 at the true "
    "class and divide by N.": (
        "softmax를 np.exp로 직접 작성하세요(먼저 행마다 최댓값을 빼고). 그다음 정답 클래스 자리에서 1을 빼고 "
        "N으로 나누세요."
    ),
}
