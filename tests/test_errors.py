"""Bad input gives a ValueError or TypeError naming the argument, never a deep NumPy error."""

import os
import re
import sys

import numpy as np
import pytest

import cnnedu
from cnnedu import gradcheck, nn, optim
from cnnedu.models import lenet5
from cnnedu.train import fit, main

X = np.zeros((1, 3, 8, 8))
W = np.zeros((4, 3, 3, 3))

CASES = [
    # (call, exception, message fragment)
    (lambda: cnnedu.conv2d(np.zeros((3, 8, 8)), W), ValueError, r"x must be a 4D array \(N, C, H, W\).*x\[None\]"),
    (lambda: cnnedu.conv2d(X, np.zeros((3, 3, 3))), ValueError, r"weight must be a 4D array \(F, C, KH, KW\)"),
    (
        lambda: cnnedu.conv2d(X, np.zeros((4, 1, 3, 3))),
        ValueError,
        r"weight expects 1 input channels.*x has 3 channels",
    ),
    (lambda: cnnedu.conv2d(X, W, bias=np.zeros(3)), ValueError, r"bias must have shape \(F,\) = \(4,\)"),
    (
        lambda: cnnedu.conv2d(X, np.zeros((4, 3, 9, 3))),
        ValueError,
        r"kernel_size=9 along the height.*larger than the padded input",
    ),
    (lambda: cnnedu.conv2d(X, W, dilation=5), ValueError, r"dilation=5, spans 11 pixels.*larger than the padded input"),
    (lambda: cnnedu.conv2d(X, W, stride=0), ValueError, r"stride must be >= 1, got 0"),
    (lambda: cnnedu.conv2d(X, W, stride=1.5), TypeError, r"stride must be an int"),
    (lambda: cnnedu.conv2d(X, W, stride=(1, 2, 3)), TypeError, r"stride must be an int or a pair"),
    (lambda: cnnedu.conv2d(X, W, padding=-1), ValueError, r"padding must be >= 0, got -1"),
    (lambda: cnnedu.conv2d(X, W, padding=3), ValueError, r"padding=3 along the height is too large.*at most 2"),
    (
        lambda: cnnedu.conv2d(X, W, padding="full"),
        ValueError,
        r"padding must be an int, an \(h, w\) pair, 'valid' or 'same', got 'full'",
    ),
    (lambda: cnnedu.conv2d(X, W, dilation=True), TypeError, r"dilation must be an int"),
    (lambda: cnnedu.conv2d(np.array([["a"]]), W), TypeError, r"x must hold real numbers"),
    (lambda: cnnedu.conv2d_naive(X, np.zeros((4, 2, 3, 3))), ValueError, r"weight expects 2 input channels"),
    (
        lambda: cnnedu.conv2d_backward(np.zeros((1, 4, 5, 5)), X, W),
        ValueError,
        r"grad_out must have the output's shape \(1, 4, 6, 6\)",
    ),
    (lambda: cnnedu.im2col(np.zeros((8, 8)), 3), ValueError, r"x must be a 4D array"),
    (lambda: cnnedu.im2col(X, 0), ValueError, r"kernel_size must be >= 1"),
    (
        lambda: cnnedu.col2im(np.zeros((5, 27)), (1, 3, 8, 8), 3),
        ValueError,
        r"cols must have shape \(N\*OH\*OW, C\*KH\*KW\) = \(36, 27\)",
    ),
    (lambda: cnnedu.col2im(np.zeros((36, 27)), (3, 8, 8), 3), TypeError, r"x_shape must be a tuple \(N, C, H, W\)"),
    (lambda: cnnedu.max_pool2d(X, 2, padding=2), ValueError, r"padding=2 along the height is too large.*at most 1"),
    (lambda: cnnedu.max_pool2d(X, 9), ValueError, r"kernel_size=9 along the height.*larger than the padded input"),
    (lambda: cnnedu.avg_pool2d(X[0], 2), ValueError, r"x must be a 4D array"),
    (lambda: cnnedu.avg_pool2d(X, 2, stride=-1), ValueError, r"stride must be >= 1"),
    (lambda: cnnedu.max_pool2d(X, 2, padding="half"), ValueError, r"padding must be .*'valid' or 'same'"),
    (
        lambda: cnnedu.max_pool2d_backward(np.zeros((1, 3, 3, 3)), X, 2),
        ValueError,
        r"grad_out must have the output's shape \(1, 3, 4, 4\)",
    ),
    (lambda: cnnedu.global_avg_pool2d(np.zeros((3, 4))), ValueError, r"x must be a 4D array"),
    (
        lambda: cnnedu.linear(np.zeros((2, 10)), np.zeros((3, 9))),
        ValueError,
        r"weight expects 9 input features.*flattens to 10",
    ),
    (lambda: cnnedu.linear(np.zeros(10), np.zeros((3, 10))), ValueError, r"x must have a batch axis"),
    (
        lambda: cnnedu.linear(np.zeros((2, 10)), np.zeros(10)),
        ValueError,
        r"weight must be a 2D array \(out_features, in_features\)",
    ),
    (
        lambda: cnnedu.linear(np.zeros((2, 10)), np.zeros((3, 10)), np.zeros(2)),
        ValueError,
        r"bias must have shape \(out,\) = \(3,\)",
    ),
    (lambda: cnnedu.softmax(np.zeros((2, 3)), axis=2), ValueError, r"axis=2 is out of range"),
    (lambda: cnnedu.leaky_relu(np.zeros(3), negative_slope="0.1"), TypeError, r"negative_slope must be a number"),
    (lambda: cnnedu.sobel(np.zeros((4, 4, 3))), ValueError, r"gray must be a 2D array \(H, W\)"),
    (lambda: cnnedu.sobel(np.zeros((2, 5))), ValueError, r"gray must be at least 3x3"),
    (lambda: cnnedu.sobel(np.zeros((5, 5)), mode="full"), ValueError, r"mode must be 'same' or 'valid'"),
    (
        lambda: cnnedu.conv_output_size(5, 7),
        ValueError,
        r"kernel_size=7 .*larger than the padded input \(5 \+ 2\*0 = 5",
    ),
    (lambda: cnnedu.conv_output_size(5, 3, 0), ValueError, r"stride must be >= 1"),
    (lambda: cnnedu.conv_output_size(5.0, 3), TypeError, r"size must be an int"),
    (lambda: cnnedu.conv_output_size(5, 3, padding="SAMEISH"), ValueError, r"padding must be"),
    (lambda: cnnedu.same_padding(0, 3), ValueError, r"size must be >= 1"),
]


@pytest.mark.parametrize("call,exc,match", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_clear_errors(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


# -- issue 12: the reproducers of each kind, and objects used wrongly ----------------------------

ISSUE_CASES = [
    (lambda: cnnedu.relu([[1.0, 2.0], [3.0]]), ValueError, r"^x must be an array of numbers; .*rows of equal length"),
    (
        lambda: cnnedu.conv2d(np.ones((1, 1, 0, 5)), np.ones((1, 1, 3, 3)), padding=2),
        ValueError,
        r"x must not be empty along H",
    ),
    (lambda: cnnedu.max_pool2d(np.ones((1, 2, 5, 0)), 2, padding="same"), ValueError, r"^x must not be empty along W"),
    (
        lambda: cnnedu.conv2d(np.ones((1, 3, 5, 5)), np.ones((0, 3, 3, 3))),
        ValueError,
        r"^weight must not be empty along F",
    ),
    (lambda: cnnedu.col2im(np.zeros((0, 27)), (0, 3, "a", 8), 3), TypeError, r"x_shape must be an int"),
    (lambda: cnnedu.scale_to_uint8([0, np.nan, 1]), ValueError, r"image must hold finite numbers.*1 NaN or inf"),
    (lambda: nn.Sequential(nn.ReLU())[5], IndexError, r"layer index 5 is out of range: this Sequential has 1 layers"),
    (lambda: nn.Sequential(nn.ReLU())[1.5], TypeError, r"indexed by an int position, a layer name or a slice"),
    (lambda: nn.summary("ab", (1, 2)), TypeError, r"model must be a cnnedu.nn layer"),
    (lambda: nn.Sequential(nn.ReLU()).summary("ab"), TypeError, r"input_shape must be one sample's shape as a tuple"),
    (lambda: nn.Sequential(nn.ReLU()).summary((1, 0)), ValueError, r"input_shape must be >= 1"),
    (
        lambda: nn.Linear(2, 3).to("abc"),
        TypeError,
        r"dtype must be a floating-point type such as np.float64, got 'abc'",
    ),
    (lambda: lenet5(["relu"]), ValueError, r"activation must be one of \['relu', 'sigmoid', 'tanh'\]"),
    (lambda: lenet5(rng=-1), ValueError, r"rng as a seed must be an int >= 0, got -1"),
    (lambda: nn.Conv2d(1, 2, 3, rng=-1), ValueError, r"rng as a seed must be an int >= 0"),
    (lambda: nn.LeakyReLU(np.nan), ValueError, r"negative_slope must be a finite number"),
]


@pytest.mark.parametrize("call,exc,match", ISSUE_CASES, ids=[f"issue{i}" for i in range(len(ISSUE_CASES))])
def test_issue_12_reproducers(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_the_issues_valid_odd_inputs_give_the_pytorch_answer():
    assert cnnedu.conv2d(np.ones((0, 3, 5, 5)), np.ones((4, 3, 3, 3))).shape == (0, 4, 3, 3)
    assert cnnedu.im2col(np.ones((0, 3, 5, 5)), 3).shape == (0, 27)
    assert cnnedu.linear(np.ones((0, 3)), np.ones((2, 3))).shape == (0, 2)
    assert nn.Linear(3, 2).forward(np.ones((0, 3))).shape == (0, 2)
    assert nn.Flatten().forward(np.ones((0, 2, 3))).shape == (0, 6)
    assert cnnedu.softmax(np.zeros((2, 0))).shape == (2, 0)
    assert cnnedu.relu(np.ones(3, ">f8")).dtype == np.float64
    np.testing.assert_array_equal(cnnedu.leaky_relu(np.array([-2.0, 3.0]), np.int64(1)), [-2.0, 3.0])
    assert cnnedu.scale_to_uint8(np.zeros((0, 3))).shape == (0, 3)


def test_the_same_layer_twice_in_a_sequential_is_refused():
    relu = nn.ReLU()
    with pytest.raises(ValueError, match=r"layer '2' is the same object as layer '0'.*write ReLU\(...\) again"):
        nn.Sequential(relu, nn.Linear(2, 2), relu)
    inner = nn.Sequential(nn.Linear(2, 2), relu)
    with pytest.raises(ValueError, match=r"layer '1.1' is the same object as layer '0'"):
        nn.Sequential(relu, inner)
    model = lenet5(rng=0)
    assert len(model[:4]) == 4  # slicing shares layers with the original, but never repeats one


def _tiny():
    return nn.Sequential(nn.Flatten(), nn.Linear(4, 3, rng=0))


X_T = np.random.default_rng(0).standard_normal((6, 1, 2, 2)).astype(np.float32)
Y_T = np.array([0, 1, 2, 0, 1, 2])


def test_an_optimiser_of_another_model_or_from_before_to_is_refused():
    model, other = _tiny(), _tiny()
    with pytest.raises(RuntimeError, match=r"the model being trained does not use the parameter arrays"):
        fit(model, X_T, Y_T, epochs=1, optimizer=optim.SGD(other, lr=0.1), progress=False)
    opt = optim.SGD(model, lr=0.1)
    model.to(np.float64)
    with pytest.raises(RuntimeError, match=r"before model.to\(...\) replaced the arrays"):
        opt.step()
    model.to(np.float64)  # already float64: the arrays are kept, so a new optimiser stays valid
    opt = optim.Adam(model)
    model.to(np.float64)
    opt.step()


class _Counting(nn.Module):
    """Flatten that counts its forward calls: bad arguments must be refused before the first."""

    calls = 0

    def forward(self, x):
        _Counting.calls += 1
        return x.reshape(len(x), -1)

    def backward(self, grad_out, need_input_grad=True):
        return None


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"callback": 5}, r"callback must be None or a function"),
        ({"optimizer": None}, r"optimizer must be a cnnedu.optim optimiser"),
        ({"loss": "mse"}, r"loss must be None or a loss"),
        ({"lr_decay": np.float32(2.0)}, r"lr_decay must be in \(0.0, 1.0\]"),
        ({"x_train": np.zeros((6, 0))}, r"x_train must not be empty after its batch axis"),
    ],
)
def test_fit_checks_its_arguments_before_any_batch_runs(kwargs, match):
    model = nn.Sequential(_Counting(), nn.Linear(4, 3, rng=0))
    args = {"epochs": 1, "optimizer": optim.SGD(model, lr=0.1), "progress": False, "x_train": X_T}
    args.update(kwargs)
    x = args.pop("x_train")
    _Counting.calls = 0
    with pytest.raises((TypeError, ValueError), match=match):
        fit(model, x, Y_T, **args)
    assert _Counting.calls == 0


def test_fit_takes_numpy_scalars():
    model = _tiny()
    opt = optim.SGD(model, lr=np.float32(0.5))
    fit(model, X_T, Y_T, epochs=np.int64(2), optimizer=opt, lr_decay=np.float32(0.5), progress=False, rng=0)
    assert opt.lr == pytest.approx(0.5 * 0.25)


GRADCHECK_CASES = [
    ({"eps": 0}, ValueError, r"eps must be > 0.0, got 0.0"),
    ({"eps": -1e-3}, ValueError, r"eps must be > 0.0"),
    ({"max_coords": 0}, ValueError, r"max_coords must be >= 1, got 0"),
    ({"max_coords": -1}, ValueError, r"max_coords must be >= 1, got -1"),
    ({"max_coords": 2.5}, TypeError, r"max_coords must be an int"),
    ({"seed": -1}, ValueError, r"seed must be >= 0"),
    ({"tol": 0}, ValueError, r"tol must be > 0.0"),
]


@pytest.mark.parametrize("kwargs,exc,match", GRADCHECK_CASES)
def test_gradcheck_arguments(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        gradcheck.check_layer_gradients(nn.Linear(3, 2, rng=0), np.ones((2, 3)), **kwargs)


def test_numerical_gradient_arguments():
    x = np.zeros(4)
    with pytest.raises(ValueError, match=r"eps must be > 0.0"):
        gradcheck.numerical_gradient(lambda: 0.0, x, eps=0)
    with pytest.raises(TypeError, match=r"indices must be integer flat indices, got an array of dtype float64"):
        gradcheck.numerical_gradient(lambda: 0.0, x, indices=[0.5, 1.7])
    with pytest.raises(ValueError, match=r"indices must be flat indices in 0..3, got values from 0 to 4"):
        gradcheck.numerical_gradient(lambda: 0.0, x, indices=[0, 4])
    with pytest.raises(TypeError, match=r"f must return one number \(the loss\), got ndarray of shape \(4,\)"):
        gradcheck.numerical_gradient(lambda: x * 2, x)
    with pytest.raises(ValueError, match=r"x must hold at least one sample"):
        gradcheck.check_layer_gradients(nn.ReLU(), np.zeros((0, 3)))
    np.testing.assert_allclose(gradcheck.numerical_gradient(lambda: float(np.sum(x**2)), x, indices=[1]), [0.0])


BAD_FLAGS = [
    (["--lr", "nan"], r"--lr must be a finite number, got nan"),
    (["--lr", "0"], r"--lr must be > 0.0, got 0.0"),
    (["--momentum", "-1"], r"--momentum must be >= 0.0, got -1.0"),
    (["--weight-decay", "-1"], r"--weight-decay must be >= 0.0, got -1.0"),
    (["--weight-decay", "inf"], r"--weight-decay must be a finite number"),
    (["--lr-decay", "nan"], r"--lr-decay must be a finite number"),
    (["--seed", "-1"], r"--seed must be at least 0, got -1"),
    (["--epochs", "0"], r"--epochs must be at least 1"),
    (["--out", "."], r"--out \. is a directory"),
    (["--out", "README.md/w.npz"], r"README.md is a file, not a folder"),
]


@pytest.mark.parametrize("argv,match", BAD_FLAGS, ids=[" ".join(a) for a, _ in BAD_FLAGS])
def test_every_bad_flag_is_a_usage_error_before_any_work(argv, match, capsys, monkeypatch):
    monkeypatch.chdir(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

    def no_data(*args, **kwargs):  # reading the data would be the first piece of work
        raise AssertionError("the command line started working before refusing a bad flag")

    monkeypatch.setattr("cnnedu.data.load_mnist", no_data)
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert re.search(match, capsys.readouterr().err)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_out_folder_is_a_usage_error(tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(SystemExit) as info:
        main(["--out", str(folder / "w.npz")])
    assert info.value.code == 2 and "cannot write in the folder" in capsys.readouterr().err
