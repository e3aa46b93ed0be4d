"""Reference solutions for the exercises of notebook 04 (the fully connected layer).

Teachers: tests/test_exercises_04.py feeds these to cnnedu.exercises.ex04.
Students: try the exercises first!
"""

import numpy as np

# 1. 50*4*4 = 800 inputs; an (500, 800) weight matrix plus 500 biases.
exercise_1 = 50 * 4 * 4 * 500 + 500

# 2. Flattening keeps every number: C * H * W.
exercise_2 = 64 * 7 * 7


# 3. Subtract the max of each row (same result, no overflow), exponentiate, divide by the row's sum.
def exercise_3(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# 4. Channels first, so that the flatten order (c, i, j) matches the weights; then one matrix product.
def exercise_4(x, weight, bias):
    x = np.asarray(x).transpose(0, 3, 1, 2)  # (N, H, W, C) -> (N, C, H, W)
    return x.reshape(len(x), -1) @ np.asarray(weight).T + bias


# 5. The scores minus their max are [0, -1, -1.9]: the same probabilities as for [2.0, 1.0, 0.1].
_shifted = np.array([1002.0, 1001.0, 1000.1]) - 1002.0
exercise_5 = np.exp(_shifted) / np.exp(_shifted).sum()
