"""Reference solutions for the exercises of notebook 02 (padding and stride).

Teachers: tests/test_exercises_02.py feeds these to cnnedu.exercises.ex02.
Students: try the exercises first!
"""

import numpy as np

# 1. floor((16 + 2*1 - 3) / 2) + 1 = floor(7.5) + 1
exercise_1 = (16 + 2 * 1 - 3) // 2 + 1

# 2. out = ceil(13 / 2) = 7; total = (7 - 1)*2 + 8 - 13 = 7; the odd zero goes after.
exercise_2 = (3, 4)

# 3. The dilated kernel spans 2*(5 - 1) + 1 = 9 pixels; n + 2p - 9 + 1 = n  =>  p = 4
exercise_3 = (2 * (5 - 1) + 1 - 1) // 2

# 4. 32 -> 32 (3x3, padding 1) -> 16 (pool 2, stride 2) -> ceil(16 / 2) = 8 ('same', stride 2)
exercise_4 = (8, 32, 8, 8)


# 5. Pad, then visit the window whose top-left corner is (i*stride, j*stride).
def exercise_5(image, kernel, stride, padding):
    padded = np.pad(np.asarray(image, dtype=float), padding)
    kh, kw = kernel.shape
    oh = (padded.shape[0] - kh) // stride + 1
    ow = (padded.shape[1] - kw) // stride + 1
    out = np.zeros((oh, ow))
    for i in range(oh):
        for j in range(ow):
            top, left = i * stride, j * stride
            out[i, j] = np.sum(padded[top : top + kh, left : left + kw] * kernel)
    return out
