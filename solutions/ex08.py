"""Reference solutions for the exercises of notebook 08 (speed).

Teachers: tests/test_exercises_08.py feeds these to cnnedu.exercises.ex08.
Students: try the exercises first!
"""

# 1. 16 maps of (14 - 5 + 1)^2 = 10x10 numbers; each is a dot product of 6*5*5 = 150 pairs
#    (150 multiply-adds), and a multiply-add is 2 FLOPs.
exercise_1 = 2 * 16 * 10 * 10 * 6 * 5 * 5

# 2. One row per window: 64 images x 28 x 28 positions; one column per number in a window:
#    3 x 5 x 5 = 75; 4 bytes per float32 number.
exercise_2 = 64 * 28 * 28 * 3 * 5 * 5 * 4 / 1e6


# 3. OH*OW windows of k*k numbers each, compared with the h*w pixels of the image.
def exercise_3(h, w, k, stride):
    oh = (h - k) // stride + 1
    ow = (w - k) // stride + 1
    return k * k * oh * ow / (h * w)


# 4. One photo: 436*436 windows x 75 numbers x 4 bytes = 57.03 MB; 256 // 57.03 = 4.
exercise_4 = int(256e6 // (436 * 436 * 3 * 5 * 5 * 4))
