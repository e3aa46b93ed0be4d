"""Bad input gives a ValueError or TypeError naming the argument, never a deep NumPy error."""

import numpy as np
import pytest

import cnnedu

X = np.zeros((1, 3, 8, 8))
W = np.zeros((4, 3, 3, 3))

CASES = [
    # (call, exception, message fragment)
    (lambda: cnnedu.conv2d(np.zeros((3, 8, 8)), W), ValueError, r"x must be a 4D array \(N, C, H, W\).*x\[None\]"),
    (lambda: cnnedu.conv2d(X, np.zeros((3, 3, 3))), ValueError, r"weight must be a 4D array \(F, C, KH, KW\)"),
    (lambda: cnnedu.conv2d(X, np.zeros((4, 1, 3, 3))), ValueError, r"weight expects 1 input channels.*x has 3 channels"),
    (lambda: cnnedu.conv2d(X, W, bias=np.zeros(3)), ValueError, r"bias must have shape \(F,\) = \(4,\)"),
    (lambda: cnnedu.conv2d(X, np.zeros((4, 3, 9, 3))), ValueError, r"kernel_size=9 along the height.*larger than the padded input"),
    (lambda: cnnedu.conv2d(X, W, dilation=5), ValueError, r"dilation=5, spans 11 pixels.*larger than the padded input"),
    (lambda: cnnedu.conv2d(X, W, stride=0), ValueError, r"stride must be >= 1, got 0"),
    (lambda: cnnedu.conv2d(X, W, stride=1.5), TypeError, r"stride must be an int"),
    (lambda: cnnedu.conv2d(X, W, stride=(1, 2, 3)), TypeError, r"stride must be an int or a pair"),
    (lambda: cnnedu.conv2d(X, W, padding=-1), ValueError, r"padding must be >= 0, got -1"),
    (lambda: cnnedu.conv2d(X, W, padding=3), ValueError, r"padding=3 along the height is too large.*at most 2"),
    (lambda: cnnedu.conv2d(X, W, padding="full"), ValueError, r"padding must be an int, an \(h, w\) pair, 'valid' or 'same', got 'full'"),
    (lambda: cnnedu.conv2d(X, W, dilation=True), TypeError, r"dilation must be an int"),
    (lambda: cnnedu.conv2d(np.array([["a"]]), W), TypeError, r"x must hold real numbers"),
    (lambda: cnnedu.conv2d_naive(X, np.zeros((4, 2, 3, 3))), ValueError, r"weight expects 2 input channels"),
    (lambda: cnnedu.conv2d_backward(np.zeros((1, 4, 5, 5)), X, W), ValueError, r"grad_out must have the output's shape \(1, 4, 6, 6\)"),
    (lambda: cnnedu.im2col(np.zeros((8, 8)), 3), ValueError, r"x must be a 4D array"),
    (lambda: cnnedu.im2col(X, 0), ValueError, r"kernel_size must be >= 1"),
    (lambda: cnnedu.col2im(np.zeros((5, 27)), (1, 3, 8, 8), 3), ValueError, r"cols must have shape \(N\*OH\*OW, C\*KH\*KW\) = \(36, 27\)"),
    (lambda: cnnedu.col2im(np.zeros((36, 27)), (3, 8, 8), 3), TypeError, r"x_shape must be a tuple \(N, C, H, W\)"),
    (lambda: cnnedu.max_pool2d(X, 2, padding=2), ValueError, r"padding=2 along the height is too large.*at most 1"),
    (lambda: cnnedu.max_pool2d(X, 9), ValueError, r"kernel_size=9 along the height.*larger than the padded input"),
    (lambda: cnnedu.avg_pool2d(X[0], 2), ValueError, r"x must be a 4D array"),
    (lambda: cnnedu.avg_pool2d(X, 2, stride=-1), ValueError, r"stride must be >= 1"),
    (lambda: cnnedu.max_pool2d(X, 2, padding="half"), ValueError, r"padding must be .*'valid' or 'same'"),
    (lambda: cnnedu.max_pool2d_backward(np.zeros((1, 3, 3, 3)), X, 2), ValueError, r"grad_out must have the output's shape \(1, 3, 4, 4\)"),
    (lambda: cnnedu.global_avg_pool2d(np.zeros((3, 4))), ValueError, r"x must be a 4D array"),
    (lambda: cnnedu.linear(np.zeros((2, 10)), np.zeros((3, 9))), ValueError, r"weight expects 9 input features.*flattens to 10"),
    (lambda: cnnedu.linear(np.zeros(10), np.zeros((3, 10))), ValueError, r"x must have a batch axis"),
    (lambda: cnnedu.linear(np.zeros((2, 10)), np.zeros(10)), ValueError, r"weight must be a 2D array \(out_features, in_features\)"),
    (lambda: cnnedu.linear(np.zeros((2, 10)), np.zeros((3, 10)), np.zeros(2)), ValueError, r"bias must have shape \(out,\) = \(3,\)"),
    (lambda: cnnedu.softmax(np.zeros((2, 3)), axis=2), ValueError, r"axis=2 is out of range"),
    (lambda: cnnedu.leaky_relu(np.zeros(3), negative_slope="0.1"), TypeError, r"negative_slope must be a number"),
    (lambda: cnnedu.sobel(np.zeros((4, 4, 3))), ValueError, r"gray must be a 2D array \(H, W\)"),
    (lambda: cnnedu.sobel(np.zeros((2, 5))), ValueError, r"gray must be at least 3x3"),
    (lambda: cnnedu.sobel(np.zeros((5, 5)), mode="full"), ValueError, r"mode must be 'same' or 'valid'"),
    (lambda: cnnedu.conv_output_size(5, 7), ValueError, r"kernel_size=7 .*larger than the padded input \(5 \+ 2\*0 = 5"),
    (lambda: cnnedu.conv_output_size(5, 3, 0), ValueError, r"stride must be >= 1"),
    (lambda: cnnedu.conv_output_size(5.0, 3), TypeError, r"size must be an int"),
    (lambda: cnnedu.conv_output_size(5, 3, padding="SAMEISH"), ValueError, r"padding must be"),
    (lambda: cnnedu.same_padding(0, 3), ValueError, r"size must be >= 1"),
]


@pytest.mark.parametrize("call,exc,match", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_clear_errors(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
