"""conv2d, conv2d_naive, im2col/col2im and conv2d_backward against independent oracles."""

import cv2
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cnnedu

from oracles import conv2d_reference, numerical_gradient, rel_error

LECTURE_IMAGE = np.arange(1.0, 10.0).reshape(1, 1, 3, 3)  # the 3x3 image 1..9 of the Keras example
ONES_2X2 = np.ones((1, 1, 2, 2))


def test_lecture_keras_example_valid():
    expected = [[12, 16], [24, 28]]
    np.testing.assert_array_equal(cnnedu.conv2d(LECTURE_IMAGE, ONES_2X2, padding="valid")[0, 0], expected)
    np.testing.assert_array_equal(cnnedu.conv2d_naive(LECTURE_IMAGE, ONES_2X2, padding="VALID")[0, 0], expected)


def test_lecture_keras_example_same_puts_extra_pixel_after():
    expected = [[12, 16, 9], [24, 28, 15], [15, 17, 9]]
    np.testing.assert_array_equal(cnnedu.conv2d(LECTURE_IMAGE, ONES_2X2, padding="same")[0, 0], expected)
    np.testing.assert_array_equal(cnnedu.conv2d_naive(LECTURE_IMAGE, ONES_2X2, padding="SAME")[0, 0], expected)


def test_lecture_three_filters_example():
    # weights 1, 10, -1 on a 2x2 kernel: three maps, the 2nd ten times and the 3rd minus the 1st
    w = np.array([1.0, 10.0, -1.0])[:, None, None, None] * np.ones((3, 1, 2, 2))
    out = cnnedu.conv2d(LECTURE_IMAGE, w, padding="same")[0]
    base = np.array([[12, 16, 9], [24, 28, 15], [15, 17, 9]])
    np.testing.assert_array_equal(out, [base, 10 * base, -base])


def test_lecture_multiply_and_sum_example():
    image = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]])
    kernel = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])
    out = cnnedu.conv2d(image[None, None], kernel[None, None])[0, 0]
    np.testing.assert_array_equal(out, [[4, 3, 4], [2, 4, 3], [2, 3, 4]])


def test_32x32x3_image_5x5x3_filter_gives_one_28x28_map_per_filter():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((1, 3, 32, 32))
    assert cnnedu.conv2d(x, rng.standard_normal((1, 3, 5, 5))).shape == (1, 1, 28, 28)
    assert cnnedu.conv2d(x, rng.standard_normal((6, 3, 5, 5))).shape == (1, 6, 28, 28)


def test_matches_opencv_filter2d_summed_over_channels():
    rng = np.random.default_rng(1)
    x = rng.integers(0, 256, (2, 3, 20, 17)).astype(np.float32)
    w = rng.standard_normal((4, 3, 5, 3)).astype(np.float32)
    out = cnnedu.conv2d(x, w)
    for n in range(2):
        for f in range(4):
            full = sum(cv2.filter2D(x[n, c], cv2.CV_32F, w[f, c]) for c in range(3))
            # filter2D keeps the input size; its anchor is the kernel centre, so the
            # valid part starts KH//2 rows and KW//2 columns in.
            np.testing.assert_allclose(out[n, f], full[2:-2, 1:-1], rtol=1e-4, atol=1e-2)


def _conv_args(draw):
    n = draw(st.integers(1, 2))
    c = draw(st.integers(1, 3))
    f = draw(st.integers(1, 3))
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    sh, sw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    dh, dw = draw(st.integers(1, 2)), draw(st.integers(1, 2))
    padding = draw(
        st.one_of(
            st.just("valid"), st.just("same"), st.tuples(st.integers(0, (kh - 1) * dh), st.integers(0, (kw - 1) * dw))
        )
    )
    h = draw(st.integers((kh - 1) * dh + 1, 11))
    w = draw(st.integers((kw - 1) * dw + 1, 11))
    return n, c, f, h, w, (kh, kw), (sh, sw), (dh, dw), padding


conv_cases = st.composite(_conv_args)()


@settings(max_examples=60, deadline=None)
@given(conv_cases, st.booleans())
def test_conv2d_and_naive_match_reference(case, with_bias):
    n, c, f, h, w, k, s, d, padding = case
    rng = np.random.default_rng(abs(hash((n, c, f, h, w, k, s, d, str(padding)))) % 2**32)
    x = rng.standard_normal((n, c, h, w))
    weight = rng.standard_normal((f, c, *k))
    bias = rng.standard_normal(f) if with_bias else None
    expected = conv2d_reference(x, weight, bias, s, padding, d)
    fast = cnnedu.conv2d(x, weight, bias, stride=s, padding=padding, dilation=d)
    naive = cnnedu.conv2d_naive(x, weight, bias, stride=s, padding=padding, dilation=d)
    assert fast.shape == expected.shape
    np.testing.assert_allclose(fast, expected, atol=1e-10)
    np.testing.assert_allclose(naive, expected, atol=1e-10)


@settings(max_examples=40, deadline=None)
@given(conv_cases)
def test_im2col_col2im_are_adjoint(case):
    n, c, _, h, w, k, s, d, padding = case
    rng = np.random.default_rng(7)
    x = rng.standard_normal((n, c, h, w))
    cols = cnnedu.im2col(x, k, s, padding, d)
    r = rng.standard_normal(cols.shape)
    lhs = np.sum(cols * r)
    rhs = np.sum(x * cnnedu.col2im(r, x.shape, k, s, padding, d))
    assert np.isclose(lhs, rhs, rtol=1e-10, atol=1e-10)


@settings(max_examples=40, deadline=None)
@given(conv_cases)
def test_im2col_rows_and_columns_order(case):
    n, c, f, h, w, k, s, d, padding = case
    rng = np.random.default_rng(3)
    x = rng.standard_normal((n, c, h, w))
    weight = rng.standard_normal((f, c, *k))
    cols = cnnedu.im2col(x, k, s, padding, d)
    expected = conv2d_reference(x, weight, None, s, padding, d)  # (N, F, OH, OW)
    oh, ow = expected.shape[2:]
    assert cols.shape == (n * oh * ow, c * k[0] * k[1])
    # rows in (N, OH, OW) order, columns in (C, KH, KW) order: the product IS the convolution
    prod = (cols @ weight.reshape(f, -1).T).reshape(n, oh, ow, f).transpose(0, 3, 1, 2)
    np.testing.assert_allclose(prod, expected, atol=1e-10)


def test_im2col_by_hand_on_tiny_image():
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    cols = cnnedu.im2col(x, (2, 3), stride=(2, 1))
    np.testing.assert_array_equal(
        cols, [[0, 1, 2, 4, 5, 6], [1, 2, 3, 5, 6, 7], [8, 9, 10, 12, 13, 14], [9, 10, 11, 13, 14, 15]]
    )


def test_col2im_sums_overlaps():
    # every input pixel of a 3x3 image is covered by as many 2x2 windows as it lies in
    counts = cnnedu.col2im(np.ones((4, 4)), (1, 1, 3, 3), 2)[0, 0]
    np.testing.assert_array_equal(counts, [[1, 2, 1], [2, 4, 2], [1, 2, 1]])


@pytest.mark.parametrize(
    "stride,padding,dilation",
    [
        (1, 0, 1),
        ((2, 1), "same", 1),
        (2, (2, 1), (2, 1)),
        (1, "same", 2),
        (3, "valid", 1),
    ],
)
def test_conv2d_backward_matches_numerical_gradients(stride, padding, dilation):
    rng = np.random.default_rng(11)
    x = rng.standard_normal((2, 2, 7, 6))
    w = rng.standard_normal((3, 2, 3, 2))
    b = rng.standard_normal(3)
    out = cnnedu.conv2d(x, w, b, stride, padding, dilation)
    g = rng.standard_normal(out.shape)

    def loss():
        return float(np.sum(cnnedu.conv2d(x, w, b, stride, padding, dilation) * g))

    dx, dw, db = cnnedu.conv2d_backward(g, x, w, stride, padding, dilation)
    assert rel_error(dx, numerical_gradient(loss, x)) < 1e-7
    assert rel_error(dw, numerical_gradient(loss, w)) < 1e-7
    assert rel_error(db, numerical_gradient(loss, b)) < 1e-7


def test_conv2d_backward_can_skip_input_gradient():
    rng = np.random.default_rng(0)
    x, w = rng.standard_normal((2, 1, 6, 6)), rng.standard_normal((2, 1, 3, 3))
    g = rng.standard_normal((2, 2, 4, 4))
    dx, dw, db = cnnedu.conv2d_backward(g, x, w, need_input_grad=False)
    assert dx is None
    np.testing.assert_allclose(dw, cnnedu.conv2d_backward(g, x, w)[1])


def test_chunked_forward_and_backward_equal_unchunked(monkeypatch):
    from cnnedu import conv

    rng = np.random.default_rng(5)
    x = rng.standard_normal((5, 2, 9, 8)).astype(np.float32)
    w = rng.standard_normal((3, 2, 3, 3)).astype(np.float32)
    g = rng.standard_normal((5, 3, 9, 8)).astype(np.float32)
    whole = cnnedu.conv2d(x, w, padding=1), cnnedu.conv2d_backward(g, x, w, padding=1)
    monkeypatch.setattr(conv, "COLS_BUDGET_BYTES", 1)  # forces one sample per chunk
    np.testing.assert_allclose(cnnedu.conv2d(x, w, padding=1), whole[0], rtol=1e-6)
    for got, want in zip(cnnedu.conv2d_backward(g, x, w, padding=1), whole[1]):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def test_dtypes_follow_the_package_rule():
    x8 = np.arange(16, dtype=np.uint8).reshape(1, 1, 4, 4)
    w32 = np.ones((1, 1, 2, 2), np.float32)
    assert cnnedu.conv2d(x8, w32).dtype == np.float32
    assert cnnedu.conv2d(x8.astype(np.float64), w32).dtype == np.float64
    assert cnnedu.conv2d(x8, np.ones((1, 1, 2, 2))).dtype == np.float64  # float64 weight is kept
    # uint8 input must not wrap around: 255 * 4 = 1020
    assert cnnedu.conv2d(np.full((1, 1, 2, 2), 255, np.uint8), w32)[0, 0, 0, 0] == 1020


def test_true_convolution_is_cross_correlation_with_flipped_kernel():
    rng = np.random.default_rng(2)
    signal, kernel = rng.standard_normal(12), rng.standard_normal(4)
    flipped = kernel[::-1].reshape(1, 1, 1, 4)
    np.testing.assert_allclose(
        cnnedu.conv2d(signal.reshape(1, 1, 1, 12), flipped)[0, 0, 0], np.convolve(signal, kernel, mode="valid")
    )


# ----------------------------------------------------------------------------- the three paths of conv2d
#
# conv2d picks: the dense path (kernel = whole unpadded input, e.g. LeNet's C5),
# the flat stride-1 path (contiguous runs, wrap-around numbers thrown away) or the
# general window matrix (any stride). Each is checked on its own against the
# definition (conv2d_naive and the independent reference) and the textbook im2col.

PATH_CASES = [  # (x shape, weight shape, stride, padding, dilation): which path conv2d takes
    ((3, 4, 5, 5), (6, 4, 5, 5), 1, 0, 1),  # dense: LeNet C5 in miniature
    ((2, 1, 9, 9), (3, 1, 5, 5), 1, 2, 1),  # flat: C1 in miniature
    ((2, 3, 8, 7), (4, 3, 3, 2), 1, "same", (2, 1)),  # flat, uneven 'same' padding, dilation
    ((1, 2, 6, 11), (2, 2, 1, 1), 1, 0, 1),  # flat, 1x1 kernel: no wrap-around numbers
    ((2, 2, 7, 6), (3, 2, 3, 3), (2, 1), (1, 0), 1),  # general: stride 2
]


def _textbook_conv(x, w, b, stride, padding, dilation, out_hw):
    """im2col (textbook layout) times the weight matrix, back to NCHW: (N, F, *out_hw)."""
    f = w.shape[0]
    cols = cnnedu.im2col(x, w.shape[2:], stride, padding, dilation)
    out = (cols @ w.reshape(f, -1).T + b).reshape(x.shape[0], *out_hw, f)
    return out.transpose(0, 3, 1, 2)


@pytest.mark.parametrize("xs, ws, stride, padding, dilation", PATH_CASES)
def test_every_path_matches_the_definition_and_textbook_im2col(xs, ws, stride, padding, dilation):
    from cnnedu import conv

    rng = np.random.default_rng(21)
    x, w, b = rng.standard_normal(xs), rng.standard_normal(ws), rng.standard_normal(ws[0])
    naive = cnnedu.conv2d_naive(x, w, b, stride, padding, dilation)
    s2, d2 = np.broadcast_to(stride, 2), np.broadcast_to(dilation, 2)
    np.testing.assert_allclose(naive, conv2d_reference(x, w, b, tuple(s2), padding, tuple(d2)), atol=1e-10)
    np.testing.assert_allclose(_textbook_conv(x, w, b, stride, padding, dilation, naive.shape[2:]), naive, atol=1e-10)
    np.testing.assert_allclose(cnnedu.conv2d(x, w, b, stride, padding, dilation), naive, atol=1e-10)
    g = conv._geometry(x, w, stride, padding, dilation)
    # the general window matrix works for every geometry; the flat path for stride 1
    np.testing.assert_allclose(conv._conv2d_cols(x, w, b, g), naive, atol=1e-10)
    if g.stride == (1, 1):
        np.testing.assert_allclose(conv._conv2d_flat(x, w, b, g), naive, atol=1e-10)
    if conv._covers_input(x, g):
        np.testing.assert_allclose(conv._conv2d_dense(x, w, b), naive, atol=1e-10)


@pytest.mark.parametrize("xs, ws, stride, padding, dilation", PATH_CASES)
@pytest.mark.parametrize("budget", [None, 1])  # 1 byte: blocks of one output row of one sample
def test_every_path_backward_matches_numerical_gradients(monkeypatch, xs, ws, stride, padding, dilation, budget):
    from cnnedu import conv

    if budget is not None:
        monkeypatch.setattr(conv, "COLS_BUDGET_BYTES", budget)
    rng = np.random.default_rng(22)
    x, w, b = rng.standard_normal(xs), rng.standard_normal(ws), rng.standard_normal(ws[0])
    out = cnnedu.conv2d(x, w, b, stride, padding, dilation)
    np.testing.assert_allclose(out, cnnedu.conv2d_naive(x, w, b, stride, padding, dilation), atol=1e-10)
    g_out = rng.standard_normal(out.shape)

    def loss():  # through the textbook im2col: independent of the paths under test, and fast
        return float(np.sum(_textbook_conv(x, w, b, stride, padding, dilation, out.shape[2:]) * g_out))

    # The loss is linear in x, w and b, so central differences are exact for any step:
    # a step of 1 leaves only rounding error (no truncation error, no cancellation).
    num = tuple(numerical_gradient(loss, a, eps=1.0) for a in (x, w, b))
    g = conv._geometry(x, w, stride, padding, dilation)
    paths = [cnnedu.conv2d_backward(g_out, x, w, stride, padding, dilation), conv._backward_cols(g_out, x, w, g, True)]
    if g.stride == (1, 1):
        paths.append(conv._backward_flat(g_out, x, w, g, True))
    for got in paths:
        for mine, want in zip(got, num):
            assert rel_error(mine, want) < 1e-7
    # the first layer of a network skips dx; dweight and dbias are unchanged
    dx, dw, db = cnnedu.conv2d_backward(g_out, x, w, stride, padding, dilation, need_input_grad=False)
    assert dx is None
    np.testing.assert_allclose(dw, paths[0][1], atol=1e-12)
    np.testing.assert_allclose(db, paths[0][2], atol=1e-12)


def test_float32_fast_paths_agree_with_float64_definition():
    rng = np.random.default_rng(23)
    for xs, ws, p in [
        ((4, 1, 28, 28), (6, 1, 5, 5), 2),
        ((4, 6, 14, 14), (16, 6, 5, 5), 0),
        ((8, 16, 5, 5), (120, 16, 5, 5), 0),
    ]:
        x = rng.standard_normal(xs, dtype=np.float32)
        w = (rng.standard_normal(ws) / np.sqrt(np.prod(ws[1:]))).astype(np.float32)
        out = cnnedu.conv2d(x, w, padding=p)
        assert out.dtype == np.float32
        want = cnnedu.conv2d_naive(x.astype(np.float64), w.astype(np.float64), padding=p)
        np.testing.assert_allclose(out, want, rtol=1e-4, atol=1e-5)


def test_infinite_weight_gives_inf_not_nan_in_dx():
    """The flat path multiplies wrap-around numbers by 0: inf weights must not leak NaN into dx."""
    rng = np.random.default_rng(24)
    x = rng.standard_normal((2, 1, 6, 6))
    w = rng.standard_normal((2, 1, 3, 3))
    w[0, 0, 1, 2] = np.inf
    g_out = rng.uniform(0.5, 1.0, (2, 2, 6, 6))  # positive: inf * g is +inf, never inf - inf
    dx, _, _ = cnnedu.conv2d_backward(g_out, x, w, padding=1)
    # definition: dx[n, c, h, v] = sum over f, i, j of g_out[n, f, h - i + 1, v - j + 1] * w[f, c, i, j]
    want = np.zeros_like(x)
    for h in range(6):
        for v in range(6):
            for i in range(3):
                for j in range(3):
                    oh, ow = h - i + 1, v - j + 1
                    if 0 <= oh < 6 and 0 <= ow < 6:
                        want[:, 0, h, v] += g_out[:, :, oh, ow] @ w[:, 0, i, j]
    assert not np.isnan(dx).any()
    np.testing.assert_array_equal(np.isinf(dx), np.isinf(want))
    finite = np.isfinite(want)
    np.testing.assert_allclose(dx[finite], want[finite], atol=1e-12)


def test_fast_path_working_memory_stays_within_the_budget():
    import tracemalloc

    from cnnedu import conv

    rng = np.random.default_rng(25)
    x = rng.standard_normal((2, 3, 200, 200), dtype=np.float32)
    w = rng.standard_normal((16, 3, 5, 5), dtype=np.float32)
    g_out = rng.standard_normal((2, 16, 196, 196), dtype=np.float32)
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    out = cnnedu.conv2d(x, w)
    fwd_peak = tracemalloc.get_traced_memory()[1] - base - out.nbytes
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    dx, dw, db = cnnedu.conv2d_backward(g_out, x, w)
    bwd_peak = tracemalloc.get_traced_memory()[1] - base - dx.nbytes
    tracemalloc.stop()
    whole = 3 * 25 * 2 * 196 * 200 * 4  # the whole flat window matrix: 23.5 MB
    assert fwd_peak <= conv.COLS_BUDGET_BYTES * 1.1
    # backward: the budget plus the zeroed padded dx (here no padding: one x-sized array)
    assert bwd_peak <= conv.COLS_BUDGET_BYTES * 1.1 + x.nbytes
    assert fwd_peak < whole / 2
