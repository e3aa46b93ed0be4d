"""Pooling forward and backward against hand-worked examples and independent loops."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cnnedu

from oracles import numerical_gradient, pool_reference, rel_error

LECTURE_4X4 = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]], dtype=float)[None, None]


def test_lecture_4x4_max_pool():
    np.testing.assert_array_equal(cnnedu.max_pool2d(LECTURE_4X4, 2)[0, 0], [[6, 8], [3, 4]])
    np.testing.assert_array_equal(cnnedu.max_pool2d_naive(LECTURE_4X4, 2)[0, 0], [[6, 8], [3, 4]])


def test_lecture_4x4_avg_pool():
    np.testing.assert_array_equal(cnnedu.avg_pool2d(LECTURE_4X4, 2)[0, 0], [[3.25, 5.25], [2, 2]])


def test_lecture_keras_maxpool_valid_and_same():
    image = np.array([[4.0, 3.0], [2.0, 1.0]])[None, None]
    np.testing.assert_array_equal(cnnedu.max_pool2d(image, 2, stride=1, padding="valid")[0, 0], [[4]])
    # 'same' keeps the 2x2 size; the extra row/column is padding that never wins
    np.testing.assert_array_equal(cnnedu.max_pool2d(image, 2, stride=1, padding="same")[0, 0], [[4, 3], [2, 1]])


def test_same_average_ignores_padding_but_int_padding_counts_zeros():
    x = np.ones((1, 1, 3, 3))
    np.testing.assert_array_equal(cnnedu.avg_pool2d(x, 2, 2, padding="same")[0, 0], np.ones((2, 2)))
    # PyTorch's count_include_pad=True: the corner window holds 1 real cell and 3 zeros
    np.testing.assert_array_equal(cnnedu.avg_pool2d(x, 2, 2, padding=1)[0, 0], [[0.25, 0.5], [0.5, 1.0]])


def test_negative_inputs_with_int_padding_max_never_picks_the_padding():
    x = -np.arange(1.0, 10.0).reshape(1, 1, 3, 3)
    np.testing.assert_array_equal(cnnedu.max_pool2d(x, 2, 2, padding=1)[0, 0], [[-1, -2], [-4, -5]])


def test_global_avg_pool():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 8, 5, 5))
    out = cnnedu.global_avg_pool2d(x)
    assert out.shape == (2, 8)
    np.testing.assert_allclose(out, [[m.mean() for m in s] for s in x])


@st.composite
def pool_cases(draw):
    kh, kw = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    sh, sw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    padding = draw(st.one_of(st.just("same"), st.tuples(st.integers(0, kh // 2), st.integers(0, kw // 2))))
    h, w = draw(st.integers(kh, 10)), draw(st.integers(kw, 10))
    return (draw(st.integers(1, 2)), draw(st.integers(1, 3)), h, w), (kh, kw), (sh, sw), padding


@settings(max_examples=60, deadline=None)
@given(pool_cases())
def test_pools_match_reference(case):
    shape, k, s, padding = case
    x = np.random.default_rng(sum(shape)).standard_normal(shape)
    for kind, fast, naive in (
        ("max", cnnedu.max_pool2d, cnnedu.max_pool2d_naive),
        ("avg", cnnedu.avg_pool2d, cnnedu.avg_pool2d_naive),
    ):
        expected = pool_reference(x, k, s, padding, kind)
        np.testing.assert_allclose(fast(x, k, s, padding), expected, atol=1e-12)
        np.testing.assert_allclose(naive(x, k, s, padding), expected, atol=1e-12)


def test_stride_defaults_to_kernel_size():
    x = np.random.default_rng(0).standard_normal((1, 2, 6, 6))
    np.testing.assert_array_equal(cnnedu.max_pool2d(x, 3), cnnedu.max_pool2d(x, 3, stride=3))


@pytest.mark.parametrize(
    "k,s,padding",
    [
        (2, 2, 0),
        (3, 2, 1),
        ((2, 3), (1, 2), "same"),
        (3, 1, "same"),
        (2, 1, (1, 0)),
    ],
)
@pytest.mark.parametrize("kind", ["max", "avg"])
def test_pool_backward_matches_numerical_gradient(k, s, padding, kind):
    rng = np.random.default_rng(4)
    x = rng.standard_normal((2, 2, 6, 7))  # continuous values: no ties, so max is differentiable
    forward = cnnedu.max_pool2d if kind == "max" else cnnedu.avg_pool2d
    backward = cnnedu.max_pool2d_backward if kind == "max" else cnnedu.avg_pool2d_backward
    g = rng.standard_normal(forward(x, k, s, padding).shape)
    numeric = numerical_gradient(lambda: float(np.sum(forward(x, k, s, padding) * g)), x)
    assert rel_error(backward(g, x, k, s, padding), numeric) < 1e-7


def test_max_pool_gradient_goes_to_the_winner_only():
    dx = cnnedu.max_pool2d_backward(np.array([[[[1.0, 2.0], [3.0, 4.0]]]]), LECTURE_4X4, 2)[0, 0]
    expected = np.zeros((4, 4))
    expected[1, 1], expected[1, 3], expected[2, 0], expected[3, 3] = 1, 2, 3, 4  # where 6, 8, 3, 4 sit
    np.testing.assert_array_equal(dx, expected)


def test_max_pool_ties_go_to_the_first_maximum_like_pytorch():
    dx = cnnedu.max_pool2d_backward(np.ones((1, 1, 1, 1)), np.ones((1, 1, 2, 2)), 2)[0, 0]
    np.testing.assert_array_equal(dx, [[1, 0], [0, 0]])


def test_overlapping_windows_accumulate_gradient():
    x = np.zeros((1, 1, 3, 3))
    x[0, 0, 1, 1] = 5.0  # the centre wins all four overlapping 2x2 windows
    dx = cnnedu.max_pool2d_backward(np.ones((1, 1, 2, 2)), x, 2, stride=1)[0, 0]
    assert dx[1, 1] == 4 and dx.sum() == 4


def test_pooling_keeps_depth_and_float32():
    x = np.zeros((1, 64, 8, 8), dtype=np.uint8)
    out = cnnedu.max_pool2d(x, 2)
    assert out.shape == (1, 64, 4, 4) and out.dtype == np.float32


def test_max_pool_backward_selects_so_inf_gradients_give_no_nan():
    # PyTorch: max_pool2d_backward of an inf gradient gives [[0, 0], [0, inf]], not NaN on the losers
    dx = cnnedu.max_pool2d_backward(np.array([[[[np.inf]]]]), np.array([[[[1.0, 2.0], [3.0, 4.0]]]]), 2)
    np.testing.assert_array_equal(dx[0, 0], [[0, 0], [0, np.inf]])
    # the same through every other path: windows that do not tile the input, padding, overlap
    x = np.arange(25.0).reshape(1, 1, 5, 5)
    for kwargs in ({}, {"padding": 1}, {"stride": 1}):
        g = np.full(cnnedu.max_pool2d(x, 2, **kwargs).shape, np.inf)
        dx = cnnedu.max_pool2d_backward(g, x, 2, **kwargs)
        assert not np.isnan(dx).any()
        assert set(np.unique(dx)) <= {0.0, np.inf}
        assert np.isinf(dx).sum() == len(np.unique(np.flatnonzero(_winner_map(x, 2, **kwargs))))
    # a NaN gradient stays NaN at the winner only
    dx = cnnedu.max_pool2d_backward(np.array([[[[np.nan]]]]), np.array([[[[1.0, 2.0], [3.0, 4.0]]]]), 2)
    assert np.isnan(dx[0, 0, 1, 1]) and (dx[0, 0].ravel()[:3] == 0).all()


def _winner_map(x, k, stride=None, padding=0):
    """1 where a cell wins at least one window, from a finite gradient of ones."""
    g = np.ones(cnnedu.max_pool2d(x, k, stride, padding).shape)
    return cnnedu.max_pool2d_backward(g, x, k, stride, padding) > 0


def test_max_pool_layer_backward_selects_too():
    from cnnedu.nn import MaxPool2d

    layer = MaxPool2d(2)
    layer.forward(np.array([[[[1.0, 2.0], [3.0, 4.0]]]]))
    np.testing.assert_array_equal(layer.backward(np.array([[[[-np.inf]]]]))[0, 0], [[0, 0], [0, -np.inf]])


@pytest.mark.parametrize("shape", [(3, 4, 8, 8), (2, 3, 9, 7)])  # tiles exactly; leaves a row/column over
def test_max_pool_backward_fast_tiling_path_matches_reference_loops(shape):
    rng = np.random.default_rng(8)
    x = np.maximum(rng.standard_normal(shape), 0)  # ReLU outputs: many tied zeros
    g = rng.standard_normal(cnnedu.max_pool2d(x, 2).shape)
    want = np.zeros_like(x)
    for n in range(shape[0]):
        for c in range(shape[1]):
            for i in range(g.shape[2]):
                for j in range(g.shape[3]):
                    window = x[n, c, 2 * i : 2 * i + 2, 2 * j : 2 * j + 2]
                    a, b = divmod(int(np.argmax(window)), 2)  # np.argmax: the first maximum, as PyTorch
                    want[n, c, 2 * i + a, 2 * j + b] += g[n, c, i, j]
    np.testing.assert_array_equal(cnnedu.max_pool2d_backward(g, x, 2), want)
