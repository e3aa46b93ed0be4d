"""Reference solutions for the exercises of notebook 07 (LeNet-5).

Teachers: tests/test_exercises_07.py feeds these to cnnedu.exercises.ex07.
Students: try the exercises first!
"""

import numpy as np

# 1. With 10 filters in C1, S2 has 10 maps, so each of C3's 16 filters is 10 x 5 x 5,
#    plus one bias per filter.
exercise_1 = 16 * (10 * 5 * 5) + 16

# 2. Output size (n + 2p - k) // s + 1, layer by layer, starting from 32:
#    C1 (k=5, p=2): 32 -> 32;  S2 (k=2, s=2): 32 -> 16;  C3 (k=5): 16 -> 12;
#    S4 (k=2, s=2): 12 -> 6;   C5 (k=5, 120 filters): 6 -> 2.
exercise_2 = (120, 2, 2)

# 3. C5 with 60 filters: 60 * 16 * 5 * 5 + 60 = 24,060. F6 now has 60 inputs: 84 * 60 + 84 = 5,124.
#    C1 156, C3 2,416 and the output layer 850 are unchanged: total 32,606.
exercise_3 = (60 * 16 * 5 * 5 + 60) / (156 + 2416 + (60 * 16 * 5 * 5 + 60) + (84 * 60 + 84) + 850)

# 4. One 5x5 layer: 16*16*25 + 16 = 6,416. Two 3x3 layers: 2 * (16*16*9 + 16) = 4,640.
exercise_4 = (16 * 16 * 25 + 16) - 2 * (16 * 16 * 9 + 16)


# 5. softmax of each row (max subtracted first, so exp never overflows), minus 1 at the
#    true class, divided by N because the loss is the mean over the batch.
def exercise_5(logits, labels):
    logits = np.asarray(logits, dtype=float)
    n = len(logits)
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    grad = e / e.sum(axis=1, keepdims=True)
    grad[np.arange(n), labels] -= 1
    return grad / n
