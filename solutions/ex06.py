"""Reference solutions for the exercises of notebook 06 (Sobel edges and colour).

Teachers: these are fed to the checkers in ``cnnedu/exercises/ex06.py`` by
``tests/test_exercises_06.py``. Students: try first!
"""

import numpy as np

import cnnedu
from cnnedu.exercises.ex06 import given_patch

# Exercise 1: at the top-left corner the square is brighter to the right (gx > 0) and below
# (gy > 0, y points down), equally (gx = gy), so the gradient points at 45 degrees.
exercise_1 = 45.0

# Exercise 2: one output channel per filter; (440 - 5) // 2 + 1 = 218 on each side.
exercise_2 = (
    1,
    12,
    cnnedu.conv_output_size(440, 5, stride=2),
    cnnedu.conv_output_size(440, 5, stride=2),
)

# Exercise 3: no flip (cross-correlation), then the length of the vector (gx, gy).
_patch = given_patch()
_gx = float(np.sum(cnnedu.SOBEL_X * _patch))  # 200
_gy = float(np.sum(cnnedu.SOBEL_Y * _patch))  # 400
exercise_3 = float(np.sqrt(_gx**2 + _gy**2))  # 447.21


# Exercise 4: one loop over the kernel positions; each slice covers every window at once.
def exercise_4(image, kernel):
    image = np.asarray(image, dtype=np.float64)
    kernel = np.asarray(kernel, dtype=np.float64)
    kh, kw, _ = kernel.shape
    oh, ow = image.shape[0] - kh + 1, image.shape[1] - kw + 1
    out = np.zeros((oh, ow))
    for dy in range(kh):
        for dx in range(kw):
            out += image[dy : dy + oh, dx : dx + ow, :] @ kernel[dy, dx]  # (OH, OW, C) @ (C,) -> (OH, OW)
    return out
