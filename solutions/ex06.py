"""Reference solutions for the exercises of notebook 06 (Sobel edges and colour).

Teachers: these are fed to the checkers in ``cnnedu/exercises/ex06.py`` by
``tests/test_exercises_06.py``. Students: try first!
"""

import numpy as np

import cnnedu
from cnnedu.exercises.ex06 import given_patch

# Exercise 1: a horizontal edge is a change from top to bottom, a derivative along y.
exercise_1 = "SOBEL_Y"

# Exercise 2: one output channel per filter; (440 - 3) // 2 + 1 = 219 on each side.
exercise_2 = (
    1,
    8,
    cnnedu.conv_output_size(440, 3, stride=2),
    cnnedu.conv_output_size(440, 3, stride=2),
)

# Exercise 3: no flip (cross-correlation), then the length of the vector (gx, gy).
_patch = given_patch()
_gx = float(np.sum(cnnedu.SOBEL_X * _patch))  # 200
_gy = float(np.sum(cnnedu.SOBEL_Y * _patch))  # 400
exercise_3 = float(np.sqrt(_gx**2 + _gy**2))  # 447.21


# Exercise 4: the whole window, all channels at once, in float.
def exercise_4(image, kernel):
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw, _ = kernel.shape
    out = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i : i + kh, j : j + kw, :] * kernel)
    return out
