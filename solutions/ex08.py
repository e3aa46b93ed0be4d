"""Reference solutions for the exercises of notebook 08 (speed).

Teachers: tests/test_exercises_08.py feeds these to cnnedu.exercises.ex08.
Students: try the exercises first!
"""

# 1. 16 maps of (14 - 5 + 1)^2 = 10x10 numbers; each is a dot product of 6*5*5 = 150 pairs
#    (150 multiply-adds), and a multiply-add is 2 FLOPs.
exercise_1 = 2 * 16 * 10 * 10 * 6 * 5 * 5

# 2. One row per window: 64 images x 30 x 30 positions; one column per number in a window:
#    3 x 3 x 3 = 27; 4 bytes per float32 number: 6,220,800 bytes = 6.22 MB.
exercise_2 = 64 * 30 * 30 * 3 * 3 * 3 * 4 / 1e6


# 3. OH*OW windows of k*k numbers each, compared with the h*w pixels of the image (counted, not built:
#    calling cnnedu.im2col is not allowed). With stride = k the windows do not overlap: at most 1.
def exercise_3(h, w, k, stride):
    oh = (h - k) // stride + 1
    ow = (w - k) // stride + 1
    return k * k * oh * ow / (h * w)


# 4. One grey photo, 3x3 filters: 438*438 windows x (1*3*3) numbers x 4 bytes = 6.906 MB;
#    256 / 6.906 = 37.07, and a batch holds whole photos: round down to 37.
exercise_4 = int(256e6 // (438 * 438 * 1 * 3 * 3 * 4))
