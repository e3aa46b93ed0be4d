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
    padding = draw(st.one_of(st.just("valid"), st.just("same"),
                             st.tuples(st.integers(0, (kh - 1) * dh), st.integers(0, (kw - 1) * dw))))
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
    np.testing.assert_array_equal(cols, [[0, 1, 2, 4, 5, 6], [1, 2, 3, 5, 6, 7],
                                         [8, 9, 10, 12, 13, 14], [9, 10, 11, 13, 14, 15]])


def test_col2im_sums_overlaps():
    # every input pixel of a 3x3 image is covered by as many 2x2 windows as it lies in
    counts = cnnedu.col2im(np.ones((4, 4)), (1, 1, 3, 3), 2)[0, 0]
    np.testing.assert_array_equal(counts, [[1, 2, 1], [2, 4, 2], [1, 2, 1]])


@pytest.mark.parametrize("stride,padding,dilation", [
    (1, 0, 1), ((2, 1), "same", 1), (2, (2, 1), (2, 1)), (1, "same", 2), (3, "valid", 1),
])
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
    np.testing.assert_allclose(cnnedu.conv2d(signal.reshape(1, 1, 1, 12), flipped)[0, 0, 0],
                               np.convolve(signal, kernel, mode="valid"))
