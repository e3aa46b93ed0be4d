"""Reference solutions for the exercises of notebook 05 (activation functions).

Teachers: these are fed to the checkers in ``cnnedu/exercises/ex05.py`` by
``tests/test_exercises_05.py``. Students: try first!
"""

import numpy as np

from cnnedu.exercises.ex05 import given_layers

# Exercise 1: sigmoid(0) = 1 / (1 + e^0) = 0.5, and sigmoid' = s (1 - s) = 0.5 * 0.5.
exercise_1 = 0.25


# Exercise 2: np.where chooses element by element, for any shape, with no Python loop.
def exercise_2(x, negative_slope=0.01):
    x = np.asarray(x)
    return np.where(x > 0, x, negative_slope * x)


# Exercise 3: W2 (W1 x + b1) + b2 = (W2 W1) x + (W2 b1 + b2).
_W1, _b1, _W2, _b2 = given_layers()
exercise_3 = (_W2 @ _W1, _W2 @ _b1 + _b2)

# Exercise 4: 0.25**9 = 3.8e-6 is still above 1e-6, 0.25**10 = 9.5e-7 is below.
exercise_4 = 10
