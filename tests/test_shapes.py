"""Output sizes and the 'same' padding rule."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cnnedu

from oracles import ceil_div, tf_same_pads


@pytest.mark.parametrize("args,expected", [
    ((32, 5), 28),            # the 32x32x3 image with a 5x5x3 filter
    ((5, 3), 3),              # the lecture's n - f + 1 = 5 - 3 + 1
    ((5, 3, 1, 1), 5),        # (n + 2p - f) / s + 1 with p = 1
    ((440, 3), 438),          # the lecture's photo with a 3x3 filter
    ((440, 3, 3), 146),       # 32 filters at stride 3 in the lecture
    ((440, 5), 436),
    ((7, 3, 2, 0, 2), 2),     # dilation 2: the 3x3 kernel spans 5
    ((28, 3, 2, "same"), 14),
    ((28, 2, 2, "SAME"), 14),
    ((3, 2, 1, "valid"), 2),
])
def test_known_sizes(args, expected):
    assert cnnedu.conv_output_size(*args) == expected


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 60), st.integers(1, 7), st.integers(1, 4), st.integers(1, 3))
def test_same_padding_matches_tensorflow_rule(size, k, s, d):
    before, after = cnnedu.same_padding(size, k, s, d)
    assert (before, after) == tf_same_pads(size, k, s, d)
    assert after - before in (0, 1)  # the odd pixel goes after, never before
    out = (size + before + after - (k - 1) * d - 1) // s + 1
    assert out == ceil_div(size, s) == cnnedu.conv_output_size(size, k, s, "same", d)


def test_same_padding_lecture_example_extra_pixel_after():
    assert cnnedu.same_padding(3, 2) == (0, 1)
    assert cnnedu.same_padding(28, 3, stride=2) == (0, 1)
    assert cnnedu.same_padding(5, 3) == (1, 1)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 40), st.integers(1, 6), st.integers(1, 4), st.integers(0, 5), st.integers(1, 3))
def test_output_size_formula_counts_window_positions(size, k, s, p, d):
    span = (k - 1) * d + 1
    positions = [start for start in range(0, size + 2 * p - span + 1, s)]
    if span > size + 2 * p:
        with pytest.raises(ValueError, match="larger than the padded input"):
            cnnedu.conv_output_size(size, k, s, p, d)
    else:
        assert cnnedu.conv_output_size(size, k, s, p, d) == len(positions)


def test_numpy_integers_are_accepted():
    assert cnnedu.conv_output_size(np.int64(28), np.int32(5)) == 24
