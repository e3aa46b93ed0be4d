"""Activations, linear and Sobel against formulas, numerical derivatives and OpenCV."""

import math
import warnings

import cv2
import numpy as np
import pytest

import cnnedu

from oracles import numerical_gradient, rel_error

EXTREMES = np.array([-1e4, -1000.0, -100.0, -1.0, 0.0, 1.0, 100.0, 1000.0, 1e4])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("fn", [cnnedu.relu, cnnedu.leaky_relu, cnnedu.sigmoid, cnnedu.tanh,
                                cnnedu.softmax, cnnedu.log_softmax])
def test_finite_and_warning_free_for_large_inputs(fn, dtype):
    x = EXTREMES.astype(dtype)
    # NumPy's defaults warn on overflow, divide and invalid; underflow to 0 is silent and correct.
    with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"), warnings.catch_warnings():
        warnings.simplefilter("error")
        y = fn(x)
    assert np.all(np.isfinite(y)) and y.dtype == dtype


def test_scalar_formulas():
    xs = np.linspace(-30, 30, 121)
    np.testing.assert_allclose(cnnedu.sigmoid(xs), [1 / (1 + math.exp(-v)) for v in xs], rtol=1e-12)
    np.testing.assert_allclose(cnnedu.tanh(xs), [math.tanh(v) for v in xs], rtol=1e-12)
    np.testing.assert_array_equal(cnnedu.relu(xs), [max(v, 0.0) for v in xs])
    np.testing.assert_allclose(cnnedu.leaky_relu(xs, 0.1), [max(0.1 * v, v) for v in xs])
    assert cnnedu.leaky_relu(np.array([-2.0]))[0] == pytest.approx(-0.02)  # PyTorch's default slope


def test_softmax_and_log_softmax():
    x = np.array([[1.0, 2.0, 3.0], [1000.0, 1001.0, 1002.0]])
    p = cnnedu.softmax(x)
    e = np.exp([1.0, 2.0, 3.0])
    np.testing.assert_allclose(p[0], e / e.sum())
    np.testing.assert_allclose(p[1], p[0])  # shifting every score changes nothing
    np.testing.assert_allclose(cnnedu.log_softmax(x), np.log(p))
    np.testing.assert_allclose(cnnedu.softmax(x.T, axis=0), p.T)
    assert cnnedu.log_softmax(np.array([0.0, -1e4]))[1] == pytest.approx(-1e4)  # not -inf


@pytest.mark.parametrize("fn,deriv", [
    (cnnedu.relu, cnnedu.relu_derivative),
    (lambda x: cnnedu.leaky_relu(x, 0.2), lambda x: cnnedu.leaky_relu_derivative(x, 0.2)),
    (cnnedu.sigmoid, cnnedu.sigmoid_derivative),
    (cnnedu.tanh, cnnedu.tanh_derivative),
])
def test_derivatives_match_numerical(fn, deriv):
    x = np.array([-3.0, -0.7, 0.4, 2.5])  # away from relu's kink at 0
    numeric = np.array([numerical_gradient(lambda: float(fn(x)[i]), x)[i] for i in range(len(x))])
    assert rel_error(deriv(x), numeric) < 1e-7
    assert cnnedu.sigmoid_derivative(np.array([0.0]))[0] == 0.25


def test_linear_matches_matrix_product_and_flattens():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((3, 16, 5, 5))
    w, b = rng.standard_normal((120, 400)), rng.standard_normal(120)
    np.testing.assert_allclose(cnnedu.linear(x, w, b), x.reshape(3, -1) @ w.T + b)
    assert cnnedu.linear(x.astype(np.float32), w.astype(np.float32)).dtype == np.float32


def test_linear_equals_conv_with_whole_map_kernel():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, 16, 5, 5))
    w = rng.standard_normal((120, 400))
    conv = cnnedu.conv2d(x, w.reshape(120, 16, 5, 5))
    np.testing.assert_allclose(conv[:, :, 0, 0], cnnedu.linear(x, w))


@pytest.mark.parametrize("shape", [(3, 3), (40, 57), (120, 33)])
def test_sobel_same_equals_opencv_everywhere(shape):
    gray = np.random.default_rng(2).integers(0, 256, shape).astype(np.uint8)
    gx, gy = cnnedu.sobel(gray)
    np.testing.assert_allclose(gx, cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3), atol=1e-3)
    np.testing.assert_allclose(gy, cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3), atol=1e-3)


def test_sobel_valid_is_the_interior_and_signs_follow_brightness():
    gray = np.tile(np.arange(10.0), (8, 1))  # brighter to the right
    gx, gy = cnnedu.sobel(gray, mode="valid")
    assert gx.shape == (6, 8)
    np.testing.assert_allclose(gx, 8.0)  # (1 + 2 + 1) * (x+1 - (x-1))
    np.testing.assert_allclose(gy, 0.0)
    full_gx, _ = cnnedu.sobel(gray)
    np.testing.assert_allclose(full_gx[1:-1, 1:-1], gx)


def test_sobel_x_finds_vertical_edges():
    square = np.zeros((12, 12))
    square[3:9, 3:9] = 1.0
    gx, gy = cnnedu.sobel(square, mode="valid")
    # a vertical edge (left side of the square) lights up gx, not gy, in the middle rows
    assert abs(gx[4, 1]) > 0 and gy[4, 1] == 0


def test_scale_to_uint8_keeps_negatives_and_positives():
    img = np.array([[-1000.0, 0.0], [500.0, 1000.0]])
    out = cnnedu.scale_to_uint8(img)
    assert out.dtype == np.uint8 and out.min() == 0 and out.max() == 255
    assert out[0, 0] < out[0, 1] < out[1, 0] < out[1, 1]
    assert np.all(cnnedu.scale_to_uint8(np.full((2, 2), 7.0)) == 0)


@pytest.mark.parametrize(
    "layer,derivative",
    [
        (cnnedu.nn.ReLU(), cnnedu.relu_derivative),
        (cnnedu.nn.Sigmoid(), cnnedu.sigmoid_derivative),
        (cnnedu.nn.Tanh(), cnnedu.tanh_derivative),
        (cnnedu.nn.LeakyReLU(0.1), lambda a: cnnedu.leaky_relu_derivative(a, 0.1)),
    ],
    ids=["ReLU", "Sigmoid", "Tanh", "LeakyReLU"],
)
def test_activation_layers_backward_equals_the_derivative_functions(layer, derivative):
    x = np.linspace(-3, 3, 13)[None]  # 0 included: relu'(0) = 0 in both
    layer.forward(x)
    assert np.allclose(layer.backward(np.ones_like(x)), derivative(x), rtol=1e-6, atol=1e-7)
