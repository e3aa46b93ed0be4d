"""Reference solutions for the exercises of notebook 05 (activation functions).

Teachers: these are fed to the checkers in ``cnnedu/exercises/ex05.py`` by
``tests/test_exercises_05.py``. Students: try first!
"""

import numpy as np

from cnnedu.exercises.ex05 import given_layers

# Exercise 1: sigmoid(3) = 1 / (1 + e^-3) = 0.9526, and sigmoid' = s (1 - s) = 0.9526 * 0.0474.
_s = 1 / (1 + np.exp(-3.0))
exercise_1 = float(_s * (1 - _s))  # 0.0452


# Exercise 2: np.where chooses element by element, for any shape, with no Python loop.
def exercise_2(x, negative_slope=0.01):
    x = np.asarray(x)
    return np.where(x > 0, x, negative_slope * x)


# Exercise 3: W3 (W2 (W1 x + b1) + b2) + b3 = (W3 W2 W1) x + (W3 (W2 b1 + b2) + b3).
_W1, _b1, _W2, _b2, _W3, _b3 = given_layers()
exercise_3 = (_W3 @ _W2 @ _W1, _W3 @ (_W2 @ _b1 + _b2) + _b3)

# Exercise 4: each layer multiplies by w * sigmoid'(0) = 2.8 / 4 = 0.7;
# 0.7**38 = 1.3e-6 is still above 1e-6, 0.7**39 = 9.1e-7 is below.
exercise_4 = 39
