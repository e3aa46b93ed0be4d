"""Reference solutions for the exercises of notebook 04 (the fully connected layer).

Teachers: tests/test_exercises_04.py feeds these to cnnedu.exercises.ex04.
Students: try the exercises first!
"""

import numpy as np

# 1. 16*5*5 = 400 inputs; a (120, 400) weight matrix plus 120 biases.
exercise_1 = 16 * 5 * 5 * 120 + 120

# 2. Flattening keeps every number: C * H * W.
exercise_2 = 64 * 7 * 7

# 3. exp(x) / sum(exp(x)), with the max subtracted first (same result, no overflow).
_scores = np.array([2.0, 1.0, 0.1])
_e = np.exp(_scores - _scores.max())
exercise_3 = _e / _e.sum()


# 4. Flatten each sample, one matrix product with the (out, in) weight, add the bias.
def exercise_4(x, weight, bias):
    x = np.asarray(x)
    return x.reshape(len(x), -1) @ np.asarray(weight).T + bias
