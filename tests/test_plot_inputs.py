"""The figure helpers answer an array-like NumPy cannot read with an error naming the argument.

(tests/api_specs.py leaves cnnedu.plot and cnnedu.explore out of the generated property tests,
because their arguments are figures and lists of images; these are their cases by hand.)
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from cnnedu import explore, plot  # noqa: E402

RAGGED = [[1.0, 2.0], [3.0]]
GOOD = np.ones((3, 3))

CASES = [
    ("show_matrix", lambda: plot.show_matrix(RAGGED), "a"),
    ("show_feature_maps", lambda: plot.show_feature_maps(RAGGED), "maps"),
    ("show_kernels", lambda: plot.show_kernels(RAGGED), "weight"),
    ("plot_confusion_matrix", lambda: plot.plot_confusion_matrix(RAGGED), "cm"),
    ("show_images", lambda: plot.show_images([RAGGED]), "image"),
    ("show_signed", lambda: plot.show_signed([GOOD, RAGGED]), r"images\[1\]"),
    ("show_matrices", lambda: plot.show_matrices([GOOD, RAGGED]), r"arrays\[1\]"),
    ("sliding_window_animation", lambda: explore.sliding_window_animation(RAGGED, GOOD), "image"),
    ("sliding_window_gif", lambda: explore.sliding_window_gif(GOOD, RAGGED), "kernel"),
]


@pytest.mark.parametrize("name,call,argument", CASES, ids=[c[0] for c in CASES])
def test_ragged_input_names_the_argument(name, call, argument):
    with pytest.raises(ValueError, match=rf"^{argument} must be an array of numbers"):
        call()
    plt.close("all")


def test_draw_window_frame_names_the_argument():
    fig, axes = plt.subplots(1, 2)
    with pytest.raises(ValueError, match="^kernel must be an array"):
        explore.draw_window_frame(axes, GOOD, RAGGED, 0)
    plt.close(fig)


def test_conv2d_layer_takes_a_numpy_bool_for_bias():
    from cnnedu.nn import Conv2d

    assert "bias" in Conv2d(1, 2, 3, bias=np.True_).params
    assert "bias" not in Conv2d(1, 2, 3, bias=np.False_).params
    with pytest.raises(TypeError, match="^bias must be True or False"):
        Conv2d(1, 2, 3, bias="yes")
