"""Property tests of the two value kinds of issue 12: non-finite numbers and sizes that cannot fit.

Non-finite: a gradient blocked by a ReLU or a max-pool loser is 0 even when it
is inf or NaN (selected, not multiplied, as in PyTorch); Sobel matches
cv2.Sobel with inf and NaN pixels; scale_to_uint8 refuses NaN and inf.
Sizes: with a small cnnedu.checks.MEMORY_LIMIT_BYTES, an op is refused exactly
when one of its arrays would need more, before anything is allocated, and a
file whose header promises too much is refused before it is read.
"""

import contextlib
import gzip
import struct

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cnnedu
from cnnedu import checks, nn
from cnnedu.data import read_idx

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SPECIALS = st.sampled_from([np.inf, -np.inf, np.nan])


@st.composite
def with_specials(draw, shape, margin=0):
    """A float64 array of ``shape`` with a few inf, -inf or NaN entries, at least ``margin`` cells from the edges."""
    values = np.array(draw(st.lists(st.floats(-3, 3), min_size=int(np.prod(shape)), max_size=int(np.prod(shape)))))
    values = values.reshape(shape)
    for _ in range(draw(st.integers(1, 3))):
        index = tuple(draw(st.integers(margin, n - 1 - margin)) for n in shape)
        values[index] = draw(SPECIALS)
    return values


@st.composite
def pool_case(draw):
    k = draw(st.integers(1, 3))
    s = draw(st.integers(1, 3))
    h, w = draw(st.integers(k, 7)), draw(st.integers(k, 7))
    x_shape = (1, 2, h, w)
    # distinct values: every window has one winner, so the oracle is unambiguous
    x = np.random.default_rng(draw(st.integers(0, 2**16))).permutation(np.prod(x_shape)).reshape(x_shape) * 1.0
    oh, ow = (h - k) // s + 1, (w - k) // s + 1
    return x, k, s, draw(with_specials((1, 2, oh, ow)))


def max_pool_backward_oracle(grad, x, k, s):
    """The definition: for every window, add its gradient to the cell that wins it."""
    dx = np.zeros_like(x)
    n, c, oh, ow = grad.shape
    for b in range(n):
        for ch in range(c):
            for i in range(oh):
                for j in range(ow):
                    window = x[b, ch, i * s : i * s + k, j * s : j * s + k]
                    wi, wj = np.unravel_index(np.argmax(window), window.shape)
                    dx[b, ch, i * s + wi, j * s + wj] += grad[b, ch, i, j]
    return dx


@SETTINGS
@given(case=pool_case())
def test_max_pool_backward_selects_the_gradient_so_inf_never_becomes_nan(case):
    x, k, s, grad = case
    expected = max_pool_backward_oracle(grad, x, k, s)
    with np.errstate(invalid="ignore"):  # inf + -inf on a cell that wins two windows is NaN: right
        # overlapping windows add in another order than the oracle: equal up to round-off,
        # and inf, -inf and NaN exactly where the oracle has them
        np.testing.assert_allclose(cnnedu.max_pool2d_backward(grad, x, k, s), expected, rtol=1e-12, atol=1e-12)
        layer = nn.MaxPool2d(k, s)
        layer.forward(x)
        np.testing.assert_allclose(layer.backward(grad), expected, rtol=1e-12, atol=1e-12)


def _winner(window):
    """PyTorch's rule (its CPU kernel): the first maximum, but the LAST NaN if there is one."""
    nans = np.flatnonzero(np.isnan(window))
    return nans[-1] if nans.size else np.argmax(window)


@SETTINGS
@given(case=pool_case(), data=st.data())
def test_max_pool_backward_sends_the_gradient_to_a_nan_input(case, data):
    x, k, s, grad = case
    grad = np.nan_to_num(grad, nan=1.0, posinf=1.0, neginf=1.0)
    for _ in range(data.draw(st.integers(1, 4))):
        x[
            (
                0,
                data.draw(st.integers(0, 1)),
                data.draw(st.integers(0, x.shape[2] - 1)),
                data.draw(st.integers(0, x.shape[3] - 1)),
            )
        ] = np.nan
    expected = np.zeros_like(x)
    n, c, oh, ow = grad.shape
    for ch in range(c):
        for i in range(oh):
            for j in range(ow):
                wi, wj = np.unravel_index(_winner(x[0, ch, i * s : i * s + k, j * s : j * s + k]), (k, k))
                expected[0, ch, i * s + wi, j * s + wj] += grad[0, ch, i, j]
    np.testing.assert_allclose(cnnedu.max_pool2d_backward(grad, x, k, s), expected, rtol=1e-12, atol=1e-12)
    out = cnnedu.max_pool2d(x, k, s)
    assert np.array_equal(
        np.isnan(out),
        [
            [
                [[np.isnan(x[0, ch, i * s : i * s + k, j * s : j * s + k]).any() for j in range(ow)] for i in range(oh)]
                for ch in range(c)
            ]
        ],
    )


def test_max_pool_backward_of_the_issue():
    dx = cnnedu.max_pool2d_backward(np.array([[[[np.inf]]]]), np.array([[[[1.0, 2.0], [3.0, 4.0]]]]), 2)
    np.testing.assert_array_equal(dx, [[[[0, 0], [0, np.inf]]]])  # PyTorch's answer


@SETTINGS
@given(data=st.data(), shape=st.lists(st.integers(1, 4), min_size=1, max_size=4).map(tuple))
def test_relu_backward_selects_the_gradient(data, shape):
    x = data.draw(with_specials(shape))
    grad = data.draw(with_specials(shape))
    layer = nn.ReLU()
    layer.forward(x)
    np.testing.assert_array_equal(layer.backward(grad), np.where(x > 0, grad, 0.0))


@SETTINGS
@given(data=st.data(), h=st.integers(3, 8), w=st.integers(3, 8), mode=st.sampled_from(["same", "valid"]))
def test_sobel_equals_opencv_with_inf_and_nan_pixels(data, h, w, mode):
    # Whole numbers (exact sums), non-finite values off the border: on the border cv2.Sobel takes
    # another code path that multiplies by the kernel's middle 0, so an inf there gives NaN.
    gray = data.draw(with_specials((h, w), margin=1)).astype(np.float32).round()
    gx, gy = cnnedu.sobel(gray, mode=mode)
    cx = cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3)
    cy = cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3)
    if mode == "valid":
        cx, cy = cx[1:-1, 1:-1], cy[1:-1, 1:-1]
    np.testing.assert_array_equal(gx, cx)
    np.testing.assert_array_equal(gy, cy)


@SETTINGS
@given(data=st.data(), shape=st.lists(st.integers(1, 4), min_size=1, max_size=3).map(tuple))
def test_scale_to_uint8_refuses_nan_and_inf(data, shape):
    with pytest.raises(ValueError, match=r"image must hold finite numbers"):
        cnnedu.scale_to_uint8(data.draw(with_specials(shape)))


@SETTINGS
@given(values=st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=20))
def test_scale_to_uint8_maps_min_to_0_and_max_to_255(values):
    image = np.array(values, dtype=np.float32)
    out = cnnedu.scale_to_uint8(image)
    lo, hi = float(image.min()), float(image.max())
    if hi == lo:
        assert not out.any()
    else:
        expected = np.clip(np.round((image.astype(np.float64) - lo) * 255 / (hi - lo)), 0, 255)
        assert np.abs(out.astype(int) - expected).max() <= 1  # float32 arithmetic may round the other way
        assert out[np.argmin(image)] == 0 and out[np.argmax(image)] == 255


# -- sizes that cannot fit --------------------------------------------------------------------------

LIMIT = 200_000  # bytes: small, so that refused and allowed sizes are both cheap to try


@contextlib.contextmanager
def small_limit():
    saved = checks.MEMORY_LIMIT_BYTES
    checks.MEMORY_LIMIT_BYTES = LIMIT
    try:
        yield
    finally:
        checks.MEMORY_LIMIT_BYTES = saved


@st.composite
def window_case(draw):
    n, c = draw(st.integers(0, 40)), draw(st.integers(1, 8))
    h, w = draw(st.integers(3, 60)), draw(st.integers(3, 60))
    k = draw(st.integers(1, 3))
    return (n, c, h, w), k, draw(st.integers(1, 2))


@SETTINGS
@given(case=window_case())
def test_im2col_is_refused_exactly_when_its_result_would_not_fit(case):
    shape, k, stride = case
    n, c, h, w = shape
    rows = n * ((h - k) // stride + 1) * ((w - k) // stride + 1)
    need = rows * c * k * k * 4
    x = np.zeros(shape, np.float32)
    with small_limit():
        if need > LIMIT or x.nbytes > LIMIT:
            with pytest.raises(ValueError, match=r"would need .* of memory, more than the 195\.3 KiB"):
                cnnedu.im2col(x, k, stride)
        else:
            assert cnnedu.im2col(x, k, stride).nbytes == need


@SETTINGS
@given(case=window_case(), f=st.integers(1, 8))
def test_conv2d_and_pooling_are_refused_when_their_output_would_not_fit(case, f):
    shape, k, stride = case
    n, c, h, w = shape
    x = np.zeros(shape, np.float32)
    out = n * f * ((h - k) // stride + 1) * ((w - k) // stride + 1) * 4
    pooled = n * c * ((h - k) // stride + 1) * ((w - k) // stride + 1) * 4
    with small_limit():
        if out > LIMIT or x.nbytes > LIMIT:
            with pytest.raises(ValueError, match=r"conv2d: the (output|padded input) .* would need"):
                cnnedu.conv2d(x, np.zeros((f, c, k, k), np.float32), stride=stride)
        if pooled > LIMIT or x.nbytes > LIMIT:
            with pytest.raises(ValueError, match=r"pooling: the (output|padded input) .* would need"):
                cnnedu.max_pool2d(x, k, stride)
        else:
            assert cnnedu.max_pool2d(x, k, stride).nbytes == pooled


def test_the_issues_im2col_is_refused_before_allocating():
    with pytest.raises(ValueError, match=r"im2col's result .* would need 35\.4 GiB"):
        cnnedu.im2col(np.ones((1, 1, 2000, 2000), "float32"), 50)


def test_huge_dilation_and_padding_are_refused_before_padding():
    with pytest.raises(ValueError, match=r"conv2d: the padded input \(1, 1, 120005, 120005\) would need 107\.3 GiB"):
        cnnedu.conv2d(np.ones((1, 1, 5, 5)), np.ones((1, 1, 3, 3)), dilation=30000, padding=60000)


def _idx_header(shape, code=0x08):
    return bytes([0, 0, code, len(shape)]) + struct.pack(f">{len(shape)}I", *shape)


@SETTINGS
@given(shape=st.lists(st.integers(1, 2**16), min_size=1, max_size=3).map(tuple))
def test_read_idx_refuses_a_header_that_promises_too_much_before_reading(tmp_path_factory, shape):
    path = tmp_path_factory.mktemp("idx") / "x.gz"
    path.write_bytes(gzip.compress(_idx_header(shape) + bytes(100)))
    need = int(np.prod(shape))
    with small_limit():
        if need > LIMIT:
            with pytest.raises(ValueError, match=r"x\.gz: the header's shape .* would need"):
                read_idx(path)
        elif need != 100:
            with pytest.raises(ValueError, match=r"size disagrees with the header"):
                read_idx(path)  # 100 bytes of values is not what the header says either


def test_a_gzip_bomb_is_inflated_only_as_far_as_the_header_says(tmp_path):
    # 10 values promised, 64 MiB of zeros inflated: read_idx stops counting after 16 MiB
    bomb = gzip.compress(_idx_header((10,)) + bytes(64 * 2**20), compresslevel=9)
    assert len(bomb) < 2**20
    (tmp_path / "bomb.gz").write_bytes(bomb)
    with pytest.raises(ValueError, match=r"more than 16777216 extra bytes at the end"):
        read_idx(tmp_path / "bomb.gz")
