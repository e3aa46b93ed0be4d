"""The plain functions behind the animation, the explorer, the figures and the exercise feedback.

The notebooks' animated and interactive cells are ignored by nbval (their
output embeds volatile ids and pixels), so their logic is checked here.
"""

import gc

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import cnnedu  # noqa: E402
from cnnedu import explore, plot  # noqa: E402
from cnnedu.exercises import Feedback, as_int_tuple, check_array, check_function, check_value, matches  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_window_positions_visit_row_by_row_with_stride():
    pos = explore.window_positions((5, 5), 3, stride=2, padding=1)
    assert pos == [(0, 0, 0, 0), (0, 1, 0, 2), (0, 2, 0, 4), (1, 0, 2, 0), (1, 1, 2, 2), (1, 2, 2, 4),
                   (2, 0, 4, 0), (2, 1, 4, 2), (2, 2, 4, 4)]


def test_describe_conv_shape_agrees_with_conv_output_size():
    for size, k, s, p, d in [(7, 3, 1, 0, 1), (7, 3, 2, 1, 1), (28, 3, 2, "same", 1), (10, 3, 1, 2, 2)]:
        text = explore.describe_conv_shape(size, k, s, p, d)
        assert text.endswith(f"= {cnnedu.conv_output_size(size, k, s, p, d)}")
    assert explore.describe_conv_shape(3, 5).startswith("no output: kernel_size=5")


def test_draw_window_frame_shows_output_so_far():
    fig, axes = plt.subplots(1, 2)
    image = np.arange(1.0, 10.0).reshape(3, 3)
    explore.draw_window_frame(axes, image, np.ones((2, 2)), step=1, padding="same")
    texts_out = [t.get_text() for t in axes[1].texts]
    assert texts_out == ["12", "16"]  # the first two outputs of the lecture's 'same' example
    assert "step 2/9" in axes[1].get_title()


# The animation is only counted, never rendered, which matplotlib warns about on deletion.
@pytest.mark.filterwarnings("ignore:Animation was deleted without rendering")
def test_animation_has_one_frame_per_window():
    anim = explore.sliding_window_animation(np.zeros((5, 5)), np.ones((3, 3)), stride=2, padding=1)
    assert len(list(anim.new_frame_seq())) == 9
    del anim
    gc.collect()  # matplotlib's warning comes on deletion: let it happen here, under the filter


def test_window_frames_keep_one_colour_scale_and_mark_what_is_not_computed():
    image = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]])
    kernel = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])
    limits = []
    for step in (0, 4, 8):
        fig, axes = plt.subplots(1, 2)
        explore.draw_window_frame(axes, image, kernel, step, stride=2, padding=1)
        shown = axes[1].images[0]
        limits.append(shown.get_clim())
        assert int(np.ma.count_masked(shown.get_array())) == 8 - step  # the cells still to come
        hatched = [p for p in axes[1].patches if p.get_hatch()]
        assert len(hatched) == 8 - step
        orange = [t for t in axes[0].texts if t.get_color() != "tab:red"]
        assert len(orange) == 7 * 7 - 5 * 5  # every padding zero is drawn apart from the image's zeros
        plt.close(fig)
    assert limits[0] == limits[1] == limits[2]  # one grey scale for every frame


def test_sliding_window_gif_has_one_frame_per_window():
    from io import BytesIO

    from PIL import Image

    gif = explore.sliding_window_gif(np.zeros((5, 5)), np.ones((3, 3)), stride=2, padding=1, dpi=40)
    frames = Image.open(BytesIO(gif))
    assert gif[:6] == b"GIF89a" and frames.n_frames == 9


def test_draw_conv_shape_and_explorer():
    fig = explore.draw_conv_shape(7, 3, 2, 1, 1)
    assert "output floor((9 - 3) / 2) + 1 = 4" in fig._suptitle.get_text()
    assert explore.draw_conv_shape(3, 5).axes[0].axison is False
    assert "grey: input, white: padding" in fig.axes[0].get_title()
    assert len(fig.axes[1].lines) == (4 + 1) * 2  # the output drawn as a 4x4 grid of squares
    widget = explore.conv_shape_explorer()
    assert [c.description for c in widget.children[:5]] == ["input size", "kernel", "stride", "padding", "dilation"]
    # before the cell runs, a notebook shows the widget's text: it must say what to do, not look broken
    assert widget._repr_mimebundle_()["text/plain"] == "Shape explorer: run this cell to get the sliders."


def test_plot_helpers_draw_the_expected_panels():
    rng = np.random.default_rng(0)
    assert len(plot.show_images([rng.random((4, 4)), rng.random((5, 5, 3))], ["a", "b"]).axes) == 3  # + 1 colour bar
    assert len(plot.show_feature_maps(rng.random((1, 6, 4, 4)), ncols=3).axes) == 6
    fig = plot.show_matrix(np.arange(4).reshape(2, 2), highlight=(0, 0, 1, 1))
    assert [t.get_text() for t in fig.axes[0].texts] == ["0", "1", "2", "3"]
    assert len(plot.show_matrices([np.ones((3, 3)), np.ones((2, 2))], ["x", "k"]).axes) == 2
    assert len(plot.show_kernels(rng.random((6, 1, 5, 5))).axes) == 6
    assert len(plot.plot_curves(np.arange(3), {"a": np.arange(3)}).axes[0].lines) == 3  # curve + 2 axis lines
    assert len(plot.plot_confusion_matrix(np.eye(3, dtype=int)).axes[0].texts) == 9
    assert len(plot.plot_bars({"a": 1.0, "b": 2.0}).axes[0].patches) == 2
    labels = [t.get_text() for t in plot.plot_bars({"a": 290.4, "b": 0.0182}, fmt=plot.readable).axes[0].texts]
    assert labels == ["290", "0.0182"]  # no "2.9e+02"
    signed = plot.show_signed([np.array([[-2.0, 1.0]]), np.array([[0.0, 3.0]])], ["gx", "magnitude"])
    images = [ax.images[0] for ax in signed.axes if ax.images]
    assert images[0].get_clim() == (-2.0, 2.0) and images[0].get_cmap().name == "RdBu_r"  # centred on 0
    assert images[1].get_cmap().name == "gray"
    # true relative size: a 'valid' 2x2 output drawn over the middle of its 4x4 input, same region in both panels
    sized = plot.show_signed([np.ones((4, 4)), -np.ones((2, 2))], extents=[None, (0.5, 2.5, 2.5, 0.5)])
    panels = [ax for ax in sized.axes if ax.images]
    assert panels[1].images[0].get_extent() == [0.5, 2.5, 2.5, 0.5]
    assert panels[0].get_xlim() == panels[1].get_xlim() == (-0.5, 3.5)
    assert panels[0].get_ylim() == panels[1].get_ylim() == (3.5, -0.5)
    with pytest.raises(ValueError, match="extents needs one entry per image"):
        plot.show_signed([np.ones((4, 4))], extents=[None, None])
    with pytest.raises(ValueError, match="titles must have one entry per image"):
        plot.show_images([np.zeros((2, 2))], ["a", "b"])


def test_feedback_states():
    kwargs = dict(what="a number", hint="think", why="because")
    assert check_value(None, 3, **kwargs).passed is None
    assert check_value(..., 3, **kwargs).passed is None
    assert check_value(3, 3, **kwargs).passed is True
    wrong = check_value(4, 3, **kwargs)
    assert wrong.passed is False and "Hint: think" in repr(wrong)
    assert check_value(0.3333, 1 / 3, tol=1e-3, **kwargs).passed
    assert check_value("abc", 3, tol=1e-3, **kwargs).passed is False  # no crash on a string
    assert check_value(np.array([8, 8]), 8, **kwargs).passed is False  # an array is not one number
    assert check_value((1, 2), (1, 2), **kwargs).passed is True
    assert "shape is (2,)" in check_array([1, 2], np.zeros(3), **kwargs).message
    assert repr(Feedback(True, "ok")) == "Correct: ok"


def test_answer_parsing_helpers_never_crash():
    assert matches(3, 3) and not matches(4, 3)
    assert matches(np.array([3, 3]), 3) is False  # an array is not one number
    assert as_int_tuple((1, 6.0, 28)) == (1, 6, 28)
    assert as_int_tuple((1, "6", 28)) is None  # text is not a size (tests/test_feedback.py has the rest)
    assert as_int_tuple("abc") is None and as_int_tuple(5) is None


def test_check_function_reports_student_errors_without_traceback():
    kwargs = dict(what="a function", hint="h", why="w")
    ref = cnnedu.relu
    cases = [(np.array([-1.0, 2.0]),)]

    def stub(x):
        raise NotImplementedError

    assert check_function(stub, ref, cases, **kwargs).passed is None
    assert check_function(lambda x: x, ref, cases, **kwargs).passed is False
    broken = check_function(lambda x: x[5], ref, cases, **kwargs)
    assert broken.passed is False and "raised IndexError" in broken.message
    assert check_function(lambda x: np.maximum(x, 0), ref, cases, **kwargs).passed is True
    assert check_function(42, ref, cases, **kwargs).passed is False


def test_submodules_work_after_plain_import():
    import subprocess
    import sys

    code = ("import cnnedu; cnnedu.nn.Conv2d; cnnedu.models.lenet5; cnnedu.data.load_mnist; "
            "cnnedu.train.fit; cnnedu.optim.Adam; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"
    # running the CLI module must not trigger runpy's "found in sys.modules" warning
    cli = subprocess.run([sys.executable, "-W", "error::RuntimeWarning", "-m", "cnnedu.train", "--help"],
                         capture_output=True, text=True)
    assert cli.returncode == 0 and "usage: python -m cnnedu.train" in cli.stdout, cli.stderr


def test_show_matrix_can_share_a_colour_scale():
    # Notebook 03 draws the GAP strip on the same 0..1 scale as the maps it averages.
    fig = plot.show_matrix(np.array([[0.2, 0.4]]), vmin=0, vmax=1)
    assert fig.axes[0].images[0].get_clim() == (0.0, 1.0)
    assert [t.get_color() for t in fig.axes[0].texts] == ["white", "white"]  # both below the scale's middle
    assert plot.show_matrix(np.array([[0.2, 0.4]])).axes[0].images[0].get_clim() == (0.2, 0.4)


def test_signed_feature_maps_share_one_scale_centred_on_zero():
    maps = np.stack([np.full((3, 3), -1.0), np.full((3, 3), 4.0), np.zeros((3, 3))])
    fig = plot.show_feature_maps(maps, "signed", ncols=3, signed=True)
    panels = [ax for ax in fig.axes if ax.images]
    assert len(fig.axes) == 4  # 3 maps + one colour bar for all of them
    assert all(ax.images[0].get_clim() == (-4.0, 4.0) for ax in panels)  # one scale: +-max|value|
    assert panels[0].images[0].get_cmap().name == "RdBu_r"
    assert plot.show_feature_maps(np.zeros((2, 2, 2)), signed=True).axes[0].images[0].get_clim() == (-1.0, 1.0)


@pytest.mark.parametrize(
    "value,text",
    [(1026.9, "1,027"), (290.4, "290"), (187.3, "187"), (2.371, "2.37"), (0.582, "0.582"), (0.01818, "0.0182"),
     (99.96, "100"), (0, "0"), (-3.14159, "-3.14"), (12345678, "12,345,678")],
)
def test_readable_numbers_have_no_exponent(value, text):
    assert plot.readable(value) == text
