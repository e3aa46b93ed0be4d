"""Reference solutions for the exercises of notebook 03 (pooling).

Teachers: tests/test_exercises_03.py feeds these to cnnedu.exercises.ex03.
Students: try the exercises first!
"""

# 1. The input is
#        [[3, 1, 0, 2],
#         [4, 2, 5, 1],
#         [0, 7, 1, 1],
#         [2, 3, 6, 0]]
#    The four 2x2 blocks are [[3,1],[4,2]], [[0,2],[5,1]], [[0,7],[2,3]], [[1,1],[6,0]];
#    keep the largest number of each.
exercise_1 = [[4, 5], [7, 6]]

# 2. floor((27 - 3) / 2) + 1 = 13; pooling keeps the batch of 8 and the 256 channels.
exercise_2 = (8, 256, (27 - 3) // 2 + 1, (27 - 3) // 2 + 1)

# 3. Flatten + Dense(10): 256*6*6*10 + 10; GAP + Dense(10): 256*10 + 10.
exercise_3 = (256 * 6 * 6 * 10 + 10) - (256 * 10 + 10)

# 4. The winners are 4 (row 1, col 0), 5 (row 1, col 2), 7 (row 2, col 1), 6 (row 3, col 2);
#    each gets its window's gradient 1, 2, 3, 4; the other cells get 0.
exercise_4 = [
    [0, 0, 0, 0],
    [1, 0, 2, 0],
    [0, 3, 0, 0],
    [0, 0, 4, 0],
]
