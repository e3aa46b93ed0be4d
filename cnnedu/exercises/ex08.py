"""Checkers for the exercises of notebook 08 (speed).

Every expected answer is computed here with cnnedu from the numbers in the
question, never typed in, so a checker cannot disagree with the package.
Every sentence the student reads goes through ``_`` (English, or Korean from
the ``KO`` table at the end after ``set_language("ko")``).
"""

from __future__ import annotations

import numpy as np

from ..im2col import im2col
from ..shapes import conv_output_size
from .feedback import Feedback, Messages, check_function, check_number, is_close, is_unanswered, matches

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "expected_answers"]

_ = Messages(__name__)

# Exercise 1: LeNet-5's C3 on ONE image: (C, H, W) in, F filters of K x K, stride 1, no padding.
EX1_C, EX1_H, EX1_F, EX1_K = 6, 14, 16, 5
# Exercise 2: a batch of N colour S x S images, K x K filters, stride 1, no padding, float32.
EX2_N, EX2_C, EX2_S, EX2_K = 64, 3, 32, 3
# Exercise 4: the lecture's grey photos (C, S, S) through K x K filters, and a memory budget in MB.
EX4_C, EX4_S, EX4_K, EX4_BUDGET_MB = 1, 440, 3, 256
EX4_LECTURE_BATCH = 15  # the notes' batch of grey photos (their conv4: 10 filters of 3x3)

MB = 1e6  # 1 MB = 1,000,000 bytes, as in the questions
MIB = 2**20  # what a student who divides by 1024 twice gets
# One colour 440x440 photo through 5x5 filters (notebook 08, section 3): windows x numbers per window x 4 bytes.
_COLOUR_PHOTO_5X5_BYTES = conv_output_size(440, 5) ** 2 * 3 * 5 * 5 * 4


def _conv_flops(c, h, f, k):
    side = conv_output_size(h, k)
    return 2 * f * side * side * c * k * k


def _im2col_bytes(n, c, s, k):
    """Bytes of the float32 im2col matrix of n images (c, s, s) and k x k windows, built for real."""
    return im2col(np.zeros((n, c, s, s), dtype=np.float32), k).nbytes


def _ex4_photos(c, k, budget_bytes):
    return int(budget_bytes // _im2col_bytes(1, c, EX4_S, k))


def expected_answers() -> dict[str, object]:
    """The numeric answers, for the test that no earlier output of the notebook prints them."""
    return {
        "exercise_1": _conv_flops(EX1_C, EX1_H, EX1_F, EX1_K),
        "exercise_2": _im2col_bytes(EX2_N, EX2_C, EX2_S, EX2_K) / MB,
        "exercise_4": _ex4_photos(EX4_C, EX4_K, EX4_BUDGET_MB * MB),
    }


def exercise_1(answer) -> Feedback:
    """How many floating-point operations (FLOPs) does LeNet-5's C3 need for ONE image?

    Input (6, 14, 14), 16 filters of 5x5 (each spanning all 6 channels), stride 1, no
    padding; count a multiply-add as 2 FLOPs and ignore the bias. answer: one int.
    """
    expected = _conv_flops(EX1_C, EX1_H, EX1_F, EX1_K)
    side = conv_output_size(EX1_H, EX1_K)
    what = _("the number of FLOPs as one int")
    if is_unanswered(answer):
        return check_number(answer, expected, what=what, hint="", why="")
    if matches(answer, expected // 2):
        return Feedback(
            False,
            _("{answer!r} counts multiply-adds.", answer=answer),
            _("each multiply-add is 2 FLOPs: a multiply and an add."),
        )
    if matches(answer, expected // EX1_C):
        return Feedback(
            False,
            _("{answer!r} is the count for a single input channel.", answer=answer),
            _(
                "each 5x5 filter spans all {c} input channels, so one output number takes {c}*5*5 multiply-adds.",
                c=EX1_C,
            ),
        )
    if matches(answer, expected // EX1_F):
        return Feedback(
            False,
            _("{answer!r} is the count for ONE filter.", answer=answer),
            _("the layer has {f} filters, and each one makes its own {side}x{side} map.", f=EX1_F, side=side),
        )
    if matches(answer, 2 * EX1_F * EX1_H * EX1_H * EX1_C * EX1_K * EX1_K):
        return Feedback(
            False,
            _("{answer!r} assumes a 14x14 output.", answer=answer),
            _("without padding a 5x5 window fits at only {side}x{side} positions of a 14x14 map.", side=side),
        )
    return check_number(
        answer,
        expected,
        what=what,
        hint=_(
            "count output numbers (F x OH x OW), then multiply-adds per output number "
            "(C x KH x KW), then 2 FLOPs per multiply-add."
        ),
        why=_(
            "{f} maps of {side}x{side} numbers, each a dot product of {c}*{k}*{k} = {pairs} pairs: "
            "2 * {f} * {cells} * {pairs} = {total:,} FLOPs per image. A 100 GFLOP/s matrix product "
            "would need under 5 microseconds for it.",
            f=EX1_F,
            side=side,
            c=EX1_C,
            k=EX1_K,
            pairs=EX1_C * EX1_K * EX1_K,
            cells=side * side,
            total=expected,
        ),
    )


def exercise_2(answer) -> Feedback:
    """How many megabytes (1 MB = 1,000,000 bytes) does the im2col matrix of a batch of 64
    colour 32x32 images take, for 3x3 filters, stride 1, no padding, in float32?

    answer: one number, in MB (3 significant figures are enough).
    """
    nbytes = _im2col_bytes(EX2_N, EX2_C, EX2_S, EX2_K)
    expected = nbytes / MB
    side = conv_output_size(EX2_S, EX2_K)
    what = _("the size in MB as one number")
    if is_unanswered(answer):
        return check_number(answer, expected, what=what, hint="", why="")
    if is_close(answer, 2 * expected):
        return Feedback(
            False,
            _("{answer!r} is twice the answer.", answer=answer),
            _("a float32 number takes 4 bytes, not 8."),
        )
    if is_close(answer, nbytes / 4) or is_close(answer, expected / 4):
        return Feedback(
            False,
            _("{answer!r} counts the numbers in the matrix, not its bytes.", answer=answer),
            _("each float32 number takes 4 bytes; then divide the bytes by 1,000,000 to get MB."),
        )
    if is_close(answer, nbytes):
        return Feedback(
            False,
            _("{answer!r} is the size in bytes.", answer=answer),
            _("the question asks for MB: 1 MB = 1,000,000 bytes."),
        )
    if is_close(answer, nbytes / MIB):
        return Feedback(
            False,
            _("{answer!r} is the size in MiB (2**20 = 1,048,576 bytes).", answer=answer),
            _("the question uses 1 MB = 1,000,000 bytes: divide the bytes by 1,000,000, not by 1024 twice."),
        )
    if is_close(answer, EX2_N * EX2_S * EX2_S * EX2_C * EX2_K * EX2_K * 4 / MB):
        return Feedback(
            False,
            _("{answer!r} counts one row per pixel.", answer=answer),
            _(
                "there is one row per WINDOW: a {k}x{k} window fits at {side}x{side} positions of a {s}x{s} image.",
                k=EX2_K,
                side=side,
                s=EX2_S,
            ),
        )
    return check_number(
        answer,
        expected,
        what=what,
        hint=_(
            "rows = N x OH x OW (one per window), columns = C x KH x KW (one per number in a "
            "window), 4 bytes per float32 number."
        ),
        why=_(
            "{rows:,} rows x {cols} columns x 4 bytes = {mb:.2f} MB, about {factor:.0f} times the batch itself.",
            rows=EX2_N * side * side,
            cols=EX2_C * EX2_K * EX2_K,
            mb=expected,
            factor=EX2_K * EX2_K * side * side / (EX2_S * EX2_S),
        ),
    )


def _reference_blowup(h, w, k, stride):
    cols = im2col(np.zeros((1, 1, h, w)), k, stride)
    return cols.size / (h * w)


def _cases_blowup():
    return [(28, 28, 5, 1), (32, 32, 3, 1), (440, 440, 5, 1), (28, 28, 3, 2), (12, 10, 2, 2), (9, 7, 3, 3)]


def exercise_3(func) -> Feedback:
    """Write ``blowup(h, w, k, stride)``: how many times more numbers the im2col matrix holds
    than the image it comes from, for one channel, a k x k kernel and no padding.

    Checked on several sizes, including strides 2 and 3 (then windows overlap less, or not at
    all). Count the windows: building the matrix with ``cnnedu.im2col`` is not allowed.
    """
    return check_function(
        func,
        _reference_blowup,
        _cases_blowup(),
        what=_("a function blowup(h, w, k, stride) that returns one number"),
        hint=_(
            "the matrix has OH*OW rows of k*k numbers, with OH = (h - k) // stride + 1 "
            "(likewise OW); divide by the h*w pixels of the image."
        ),
        why=_(
            "every window is copied in full, so a pixel shared by k*k windows is stored k*k times: "
            "the blow-up is about k*k for stride 1 and about k*k/stride**2 with a stride. With "
            "stride = k the windows do not overlap and the blow-up is at most 1."
        ),
        forbidden=("cnnedu.im2col", "cnnedu.im2col.im2col"),
        forbidden_hint=_(
            "do not build the matrix: count its rows (one per window) and columns (k*k) from h, w, k and stride."
        ),
    )


def exercise_4(answer) -> Feedback:
    """The notes' conv4 runs grey photos (1, 440, 440) through 3x3 filters, stride 1, no
    padding. How many photos can a batch have, at most, for its float32 im2col matrix to
    fit in 256 MB (1 MB = 1,000,000 bytes)?

    answer: one int.
    """
    budget = EX4_BUDGET_MB * MB
    per_photo = _im2col_bytes(1, EX4_C, EX4_S, EX4_K)
    expected = _ex4_photos(EX4_C, EX4_K, budget)
    what = _("the number of photos as one int")
    if is_unanswered(answer):
        return check_number(answer, expected, what=what, hint="", why="")
    if is_close(answer, budget / per_photo) and not matches(answer, expected):
        return Feedback(
            False,
            _("{answer!r} is not a whole number of photos.", answer=answer),
            _("a batch holds whole photos: round the quotient DOWN to the photos that fit completely."),
        )
    if matches(answer, expected + 1):
        return Feedback(
            False,
            _("{answer!r} photos would need {mb:.1f} MB.", answer=answer, mb=(expected + 1) * per_photo / MB),
            _("that is more than {budget} MB: round DOWN.", budget=EX4_BUDGET_MB),
        )
    if matches(answer, _ex4_photos(3, EX4_K, budget)):
        return Feedback(
            False,
            _("{answer!r} is the answer for colour photos.", answer=answer),
            _("a grey photo has ONE channel, so a window holds 1*3*3 numbers."),
        )
    if matches(answer, _ex4_photos(EX4_C, 5, budget)):
        return Feedback(
            False,
            _("{answer!r} is the answer for 5x5 filters.", answer=answer),
            _("these filters are 3x3: 438x438 windows of 9 numbers per photo."),
        )
    side = conv_output_size(EX4_S, EX4_K)
    return check_number(
        answer,
        expected,
        what=what,
        hint=_(
            "work out the size of ONE photo's matrix first: ({side}*{side}) rows x (1*3*3) columns x 4 bytes.",
            side=side,
        ),
        why=_(
            "one photo's matrix takes {mb:.2f} MB, so {n} fit in {budget} MB. The notes' batch of {lecture} "
            "grey photos needs {lecture_mb:.0f} MB; their batch of {lecture} colour photos through 5x5 "
            "filters would need {colour_mb:.0f} MB: that is why cnnedu builds the matrix a block at a time.",
            mb=per_photo / MB,
            n=expected,
            budget=EX4_BUDGET_MB,
            lecture=EX4_LECTURE_BATCH,
            lecture_mb=EX4_LECTURE_BATCH * per_photo / MB,
            colour_mb=EX4_LECTURE_BATCH * _COLOUR_PHOTO_5X5_BYTES / MB,
        ),
    )


KO = {
    "the number of FLOPs as one int": "FLOP 수(정수 하나)",
    "{answer!r} counts multiply-adds.": "{answer!r}: 곱셈-덧셈(multiply-add)의 개수를 셌습니다.",
    "each multiply-add is 2 FLOPs: a multiply and an add.": (
        "곱셈-덧셈 하나는 곱셈 한 번과 덧셈 한 번, 즉 2 FLOP입니다."
    ),
    "{answer!r} is the count for a single input channel.": "{answer!r}: 입력 채널 하나만 센 값입니다.",
    "each 5x5 filter spans all {c} input channels, so one output number takes {c}*5*5 multiply-adds.": (
        "5x5 필터 하나는 입력 채널 {c}개 전체에 걸쳐 있으므로, 출력 숫자 하나에 곱셈-덧셈이 {c}*5*5번 필요합니다."
    ),
    "{answer!r} is the count for ONE filter.": "{answer!r}: 필터 하나만 센 값입니다.",
    "the layer has {f} filters, and each one makes its own {side}x{side} map.": (
        "이 층에는 필터가 {f}개 있고, 필터마다 {side}x{side} 크기의 특징 맵을 하나씩 만듭니다."
    ),
    "{answer!r} assumes a 14x14 output.": "{answer!r}: 출력이 14x14라고 가정한 값입니다.",
    "without padding a 5x5 window fits at only {side}x{side} positions of a 14x14 map.": (
        "패딩이 없으면 5x5 윈도우는 14x14 맵에서 {side}x{side}개 위치에만 들어갑니다."
    ),
    (
        "count output numbers (F x OH x OW), then multiply-adds per output number "
        "(C x KH x KW), then 2 FLOPs per multiply-add."
    ): (
        "출력 숫자의 개수(F x OH x OW)를 세고, 출력 숫자 하나당 곱셈-덧셈 수(C x KH x KW)를 곱한 뒤, "
        "곱셈-덧셈 하나를 2 FLOP으로 계산하세요."
    ),
    (
        "{f} maps of {side}x{side} numbers, each a dot product of {c}*{k}*{k} = {pairs} pairs: "
        "2 * {f} * {cells} * {pairs} = {total:,} FLOPs per image. A 100 GFLOP/s matrix product "
        "would need under 5 microseconds for it."
    ): (
        "{side}x{side} 크기의 맵이 {f}장이고, 숫자 하나하나가 {c}*{k}*{k} = {pairs}쌍의 내적입니다. "
        "그래서 이미지 한 장에 2 * {f} * {cells} * {pairs} = {total:,} FLOP이 듭니다. "
        "초당 100 GFLOP의 행렬 곱이라면 5마이크로초도 걸리지 않습니다."
    ),
    "the size in MB as one number": "MB 단위의 크기(숫자 하나)",
    "{answer!r} is twice the answer.": "{answer!r}: 정답의 두 배입니다.",
    "a float32 number takes 4 bytes, not 8.": "float32 숫자 하나는 8바이트가 아니라 4바이트입니다.",
    "{answer!r} counts the numbers in the matrix, not its bytes.": (
        "{answer!r}: 행렬의 바이트 수가 아니라 숫자의 개수를 셌습니다."
    ),
    "each float32 number takes 4 bytes; then divide the bytes by 1,000,000 to get MB.": (
        "float32 숫자 하나는 4바이트입니다. 그다음 바이트 수를 1,000,000으로 나누면 MB가 됩니다."
    ),
    "{answer!r} is the size in bytes.": "{answer!r}: 바이트 단위의 크기입니다.",
    "the question asks for MB: 1 MB = 1,000,000 bytes.": "문제는 MB 단위를 묻습니다. 1 MB = 1,000,000바이트입니다.",
    "{answer!r} is the size in MiB (2**20 = 1,048,576 bytes).": (
        "{answer!r}: MiB(2**20 = 1,048,576바이트) 단위의 크기입니다."
    ),
    "the question uses 1 MB = 1,000,000 bytes: divide the bytes by 1,000,000, not by 1024 twice.": (
        "이 문제에서는 1 MB = 1,000,000바이트입니다. 바이트 수를 1024로 두 번 나누지 말고 1,000,000으로 나누세요."
    ),
    "{answer!r} counts one row per pixel.": "{answer!r}: 픽셀마다 행을 하나씩 센 값입니다.",
    "there is one row per WINDOW: a {k}x{k} window fits at {side}x{side} positions of a {s}x{s} image.": (
        "행은 윈도우마다 하나입니다. {k}x{k} 윈도우는 {s}x{s} 이미지에서 {side}x{side}개 위치에 들어갑니다."
    ),
    (
        "rows = N x OH x OW (one per window), columns = C x KH x KW (one per number in a "
        "window), 4 bytes per float32 number."
    ): (
        "행의 수 = N x OH x OW(윈도우마다 하나), 열의 수 = C x KH x KW(윈도우 안의 숫자마다 하나), "
        "float32 숫자 하나에 4바이트입니다."
    ),
    "{rows:,} rows x {cols} columns x 4 bytes = {mb:.2f} MB, about {factor:.0f} times the batch itself.": (
        "{rows:,}행 x {cols}열 x 4바이트 = {mb:.2f} MB로, 배치 자체의 약 {factor:.0f}배입니다."
    ),
    "a function blowup(h, w, k, stride) that returns one number": "숫자 하나를 돌려주는 함수 blowup(h, w, k, stride)",
    (
        "the matrix has OH*OW rows of k*k numbers, with OH = (h - k) // stride + 1 "
        "(likewise OW); divide by the h*w pixels of the image."
    ): (
        "행렬에는 k*k개의 숫자로 된 행이 OH*OW개 있습니다. OH = (h - k) // stride + 1이고 OW도 같은 식입니다. "
        "이것을 이미지의 픽셀 수 h*w로 나누세요."
    ),
    (
        "every window is copied in full, so a pixel shared by k*k windows is stored k*k times: "
        "the blow-up is about k*k for stride 1 and about k*k/stride**2 with a stride. With "
        "stride = k the windows do not overlap and the blow-up is at most 1."
    ): (
        "윈도우는 통째로 복사되므로, 윈도우 k*k개가 함께 쓰는 픽셀은 k*k번 저장됩니다. 그래서 스트라이드가 1이면 "
        "약 k*k배, 스트라이드가 있으면 약 k*k/stride**2배로 늘어납니다. 스트라이드 = k이면 윈도우가 겹치지 않아 "
        "많아야 1배입니다."
    ),
    "do not build the matrix: count its rows (one per window) and columns (k*k) from h, w, k and stride.": (
        "행렬을 직접 만들지 말고, h, w, k, stride로부터 행의 수(윈도우마다 하나)와 열의 수(k*k)를 세어 보세요."
    ),
    "the number of photos as one int": "사진의 장수(정수 하나)",
    "{answer!r} is not a whole number of photos.": "{answer!r}: 사진의 장수가 정수가 아닙니다.",
    "a batch holds whole photos: round the quotient DOWN to the photos that fit completely.": (
        "배치에는 사진이 한 장 단위로 들어갑니다. 나눈 몫을 내림해서, 온전히 들어가는 장수만 세세요."
    ),
    "{answer!r} photos would need {mb:.1f} MB.": "사진 {answer!r}장이면 {mb:.1f} MB가 필요합니다.",
    "that is more than {budget} MB: round DOWN.": "{budget} MB를 넘습니다. 내림하세요.",
    "{answer!r} is the answer for colour photos.": "{answer!r}: 컬러 사진일 때의 답입니다.",
    "a grey photo has ONE channel, so a window holds 1*3*3 numbers.": (
        "흑백 사진은 채널이 하나뿐이라서, 윈도우 하나에 숫자가 1*3*3개 들어갑니다."
    ),
    "{answer!r} is the answer for 5x5 filters.": "{answer!r}: 5x5 필터일 때의 답입니다.",
    "these filters are 3x3: 438x438 windows of 9 numbers per photo.": (
        "이 필터는 3x3입니다. 사진 한 장에 숫자 9개짜리 윈도우가 438x438개입니다."
    ),
    "work out the size of ONE photo's matrix first: ({side}*{side}) rows x (1*3*3) columns x 4 bytes.": (
        "먼저 사진 한 장의 행렬 크기를 구하세요: ({side}*{side})행 x (1*3*3)열 x 4바이트."
    ),
    (
        "one photo's matrix takes {mb:.2f} MB, so {n} fit in {budget} MB. The notes' batch of {lecture} "
        "grey photos needs {lecture_mb:.0f} MB; their batch of {lecture} colour photos through 5x5 "
        "filters would need {colour_mb:.0f} MB: that is why cnnedu builds the matrix a block at a time."
    ): (
        "사진 한 장의 행렬이 {mb:.2f} MB이므로 {budget} MB에는 {n}장이 들어갑니다. 강의 노트의 흑백 사진 {lecture}장 "
        "배치에는 {lecture_mb:.0f} MB가 필요하고, 컬러 사진 {lecture}장을 5x5 필터로 처리하면 "
        "{colour_mb:.0f} MB가 필요합니다. "
        "cnnedu가 행렬을 블록 단위로 나누어 만드는 이유입니다."
    ),
}
