"""Reference solutions for the exercises of notebook 01 (convolution).

Teachers: tests/test_exercises_01.py feeds these to cnnedu.exercises.ex01.
Students: try the exercises first!
"""

import numpy as np

import cnnedu

# 1. A 5-wide window fits at n - f + 1 positions.
exercise_1 = 12 - 5 + 1

# 2. Weights (F, C, K, K) plus one bias per filter; C = 6, the maps of the first layer.
exercise_2 = 10 * 6 * 3 * 3 + 10


# 3. One filter over all channels: multiply the 3D window by the 3D filter (not flipped) and sum.
def exercise_3(x, w):
    c, h, wd = x.shape
    _, kh, kw = w.shape
    out = np.zeros((h - kh + 1, wd - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(x[:, i : i + kh, j : j + kw] * w)
    return out


# 4. (N, F, OH, OW): batch, one map per filter, 440 - 3 + 1 a side.
exercise_4 = (15, 10, 438, 438)


# 5. One row per (image, output row, output column), one column per filter.
def exercise_5(x, weight, bias):
    n, _, h, w = x.shape
    f, _, kh, kw = weight.shape
    oh, ow = h - kh + 1, w - kw + 1
    cols = cnnedu.im2col(x, (kh, kw))  # (N*OH*OW, C*KH*KW)
    out = cols @ weight.reshape(f, -1).T + bias  # (N*OH*OW, F)
    return out.reshape(n, oh, ow, f).transpose(0, 3, 1, 2)
