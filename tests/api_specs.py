"""One valid call of every public function and layer method, for the property tests.

``SPECS[name]`` is a :class:`Spec`: ``call(**overrides)`` runs the function with
valid arguments, any of which can be replaced by a keyword. The property tests
(tests/test_properties_*.py) replace them with odd inputs of each kind: ragged
lists, other dtypes and byte orders, empty axes, NumPy scalars, bools.

:func:`public_api` lists cnnedu's public callables from the modules' ``__all__``;
tests/test_properties_api.py fails when one of them has no Spec here (nor a
reason in NOT_COVERED), so a new function is covered or the test says it is not.
"""

from __future__ import annotations

import importlib
import inspect
import os
import tempfile
from dataclasses import dataclass, field

import numpy as np

import cnnedu
from cnnedu import gradcheck, nn, optim
from cnnedu import train as train_mod

PUBLIC_MODULES = [
    "cnnedu",
    "cnnedu.nn",
    "cnnedu.optim",
    "cnnedu.gradcheck",
    "cnnedu.weights",
    "cnnedu.data",
    "cnnedu.train",
    "cnnedu.models",
    "cnnedu.plot",
    "cnnedu.explore",
]

# Public callables without a Spec, and why. Everything else must have one.
NOT_COVERED = {
    "cnnedu.nn.Module": "abstract base class; every concrete layer has a Spec",
    "cnnedu.nn.SummaryRow": "a NamedTuple that summary() returns",
    "cnnedu.optim.Optimizer": "base class of SGD and Adam, which have Specs",
    "cnnedu.gradcheck.GradCheckResult": "the result type the checks build",
    "cnnedu.train.History": "the dataclass fit() returns",
    "cnnedu.train.main": "the command line: tests/test_errors.py runs every bad flag",
    "cnnedu.weights.save_weights": "takes a model and a path: tests/test_weights.py covers every bad file",
    "cnnedu.weights.load_weights": "takes a model and a path: tests/test_weights.py covers every bad file",
    "cnnedu.weights.architecture": "takes a model only (checked by save_weights)",
    "cnnedu.data.load_mnist": "takes a folder: tests/test_data.py",
    "cnnedu.data.load_photo": "takes one bool: tests/test_data.py",
    "cnnedu.data.read_idx": "takes a path: tests/test_data.py and test_properties_values.py",
}
# Drawing and widget helpers (cnnedu.plot, cnnedu.explore) belong to the notebooks' figures and
# are owned and tested elsewhere (tests/test_explore_plot_feedback.py); issue 12 did not harden them.
# cnnedu.plot and cnnedu.explore take figures and lists of images: tests/test_plot_inputs.py has their cases.
NOT_COVERED_MODULES = {"cnnedu.plot", "cnnedu.explore"}


def public_api() -> list[str]:
    """'module.name' of every public callable (functions and classes) in PUBLIC_MODULES."""
    names = []
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        exported = getattr(module, "__all__", None) or [n for n in dir(module) if not n.startswith("_")]
        for name in exported:
            obj = getattr(module, name)
            if callable(obj) and not inspect.ismodule(obj):
                names.append(f"{module_name}.{name}")
    return names


@dataclass
class Spec:
    """A valid call. ``arrays``: array arguments (name -> valid value); ``ints``/``floats``: numbers.

    ``batch``: array arguments whose first axis is the batch N (may be 0; other axes may not).
    ``any_shape``: element-wise functions, for which every axis may be 0.
    ``floats_out``: outputs follow the dtype rule (float64 in, float64 out; else float32).
    """

    call: object
    arrays: dict = field(default_factory=dict)
    ints: dict = field(default_factory=dict)
    floats: dict = field(default_factory=dict)
    batch: tuple = ()
    any_shape: bool = False
    floats_out: bool = True

    def __call__(self, **overrides):
        return self.call(**{**self.arrays, **self.ints, **self.floats, **overrides})


RNG = np.random.default_rng(0)
X4 = RNG.standard_normal((2, 3, 6, 6))
W4 = RNG.standard_normal((4, 3, 3, 3))
B4 = RNG.standard_normal(4)
G_CONV = RNG.standard_normal((2, 4, 4, 4))
G_POOL = RNG.standard_normal((2, 3, 3, 3))
X2 = RNG.standard_normal((2, 5))
W2 = RNG.standard_normal((3, 5))
B2 = RNG.standard_normal(3)
LOGITS = RNG.standard_normal((4, 3))
LABELS = np.array([0, 2, 1, 2])
GRAY = RNG.standard_normal((6, 7))
COLS = RNG.standard_normal((2 * 4 * 4, 27))


def _elementwise(fn, **floats):
    return Spec(lambda x, **kw: fn(x, **kw), arrays={"x": RNG.standard_normal((2, 3))}, floats=floats, any_shape=True)


def _layer(make, x, grad, backward=False, **numbers):
    """forward (or forward then backward) of a freshly built layer; ``numbers`` go to the constructor."""

    def call(x, grad_out=None, **kw):
        layer = make(**kw)
        out = layer.forward(x)
        return layer.backward(grad_out) if backward else out

    arrays = {"x": x, "grad_out": grad} if backward else {"x": x}
    ints = {k: v for k, v in numbers.items() if isinstance(v, int)}
    floats = {k: v for k, v in numbers.items() if isinstance(v, float)}
    return Spec(call, arrays=arrays, ints=ints, floats=floats, batch=("x", "grad_out") if backward else ("x",))


def _tiny_model():
    return nn.Sequential(nn.Flatten(), nn.Linear(4, 3, rng=0))


X_TRAIN = RNG.standard_normal((6, 1, 2, 2)).astype(np.float32)
Y_TRAIN = np.array([0, 1, 2, 0, 1, 2])


def _fit(x_train, y_train, epochs=1, batch_size=4, lr_decay=0.5, lr=0.1):
    model = _tiny_model()
    return train_mod.fit(
        model,
        x_train,
        y_train,
        epochs=epochs,
        batch_size=batch_size,
        optimizer=optim.SGD(model, lr=lr),
        progress=False,
        lr_decay=lr_decay,
        rng=0,
    ).train_loss


def _conv_backward(grad_out, x, weight, stride=1, padding=0, dilation=1):
    return cnnedu.conv2d_backward(grad_out, x, weight, stride, padding, dilation)


SPECS: dict[str, Spec] = {
    # -- functional ops -----------------------------------------------------------------------
    "cnnedu.conv2d": Spec(
        lambda x, weight, bias, stride, padding, dilation: cnnedu.conv2d(x, weight, bias, stride, padding, dilation),
        arrays={"x": X4, "weight": W4, "bias": B4},
        ints={"stride": 1, "padding": 1, "dilation": 1},
        batch=("x",),
    ),
    "cnnedu.conv2d_naive": Spec(
        lambda x, weight, bias, stride, padding: cnnedu.conv2d_naive(x, weight, bias, stride, padding),
        arrays={"x": X4[:, :, :4, :4], "weight": W4, "bias": B4},
        ints={"stride": 1, "padding": 0},
        batch=("x",),
    ),
    "cnnedu.conv2d_backward": Spec(
        _conv_backward,
        arrays={"grad_out": G_CONV, "x": X4, "weight": W4},
        ints={"stride": 1, "padding": 0, "dilation": 1},
        batch=("grad_out", "x"),
    ),
    "cnnedu.im2col": Spec(
        lambda x, kernel_size, stride, padding: cnnedu.im2col(x, kernel_size, stride, padding),
        arrays={"x": X4},
        ints={"kernel_size": 3, "stride": 1, "padding": 0},
        batch=("x",),
    ),
    "cnnedu.col2im": Spec(
        lambda cols, kernel_size, stride: cnnedu.col2im(cols, (2, 3, 6, 6), kernel_size, stride),
        arrays={"cols": COLS},
        ints={"kernel_size": 3, "stride": 1},
    ),
    "cnnedu.max_pool2d": Spec(
        lambda x, kernel_size, stride: cnnedu.max_pool2d(x, kernel_size, stride),
        arrays={"x": X4},
        ints={"kernel_size": 2, "stride": 2},
        batch=("x",),
    ),
    "cnnedu.avg_pool2d": Spec(
        lambda x, kernel_size, stride: cnnedu.avg_pool2d(x, kernel_size, stride),
        arrays={"x": X4},
        ints={"kernel_size": 2, "stride": 2},
        batch=("x",),
    ),
    "cnnedu.max_pool2d_naive": Spec(
        lambda x, kernel_size: cnnedu.max_pool2d_naive(x, kernel_size),
        arrays={"x": X4},
        ints={"kernel_size": 2},
        batch=("x",),
    ),
    "cnnedu.avg_pool2d_naive": Spec(
        lambda x, kernel_size: cnnedu.avg_pool2d_naive(x, kernel_size),
        arrays={"x": X4},
        ints={"kernel_size": 2},
        batch=("x",),
    ),
    "cnnedu.max_pool2d_backward": Spec(
        lambda grad_out, x, kernel_size: cnnedu.max_pool2d_backward(grad_out, x, kernel_size),
        arrays={"grad_out": G_POOL, "x": X4},
        ints={"kernel_size": 2},
        batch=("grad_out", "x"),
    ),
    "cnnedu.avg_pool2d_backward": Spec(
        lambda grad_out, x, kernel_size: cnnedu.avg_pool2d_backward(grad_out, x, kernel_size),
        arrays={"grad_out": G_POOL, "x": X4},
        ints={"kernel_size": 2},
        batch=("grad_out", "x"),
    ),
    "cnnedu.global_avg_pool2d": Spec(lambda x: cnnedu.global_avg_pool2d(x), arrays={"x": X4}, batch=("x",)),
    "cnnedu.linear": Spec(
        lambda x, weight, bias: cnnedu.linear(x, weight, bias),
        arrays={"x": X2, "weight": W2, "bias": B2},
        batch=("x",),
    ),
    "cnnedu.relu": _elementwise(cnnedu.relu),
    "cnnedu.leaky_relu": _elementwise(cnnedu.leaky_relu, negative_slope=0.1),
    "cnnedu.sigmoid": _elementwise(cnnedu.sigmoid),
    "cnnedu.tanh": _elementwise(cnnedu.tanh),
    "cnnedu.softmax": _elementwise(cnnedu.softmax),
    "cnnedu.log_softmax": _elementwise(cnnedu.log_softmax),
    "cnnedu.relu_derivative": _elementwise(cnnedu.relu_derivative),
    "cnnedu.leaky_relu_derivative": _elementwise(cnnedu.leaky_relu_derivative, negative_slope=0.1),
    "cnnedu.sigmoid_derivative": _elementwise(cnnedu.sigmoid_derivative),
    "cnnedu.tanh_derivative": _elementwise(cnnedu.tanh_derivative),
    "cnnedu.sobel": Spec(lambda gray: cnnedu.sobel(gray), arrays={"gray": GRAY}),
    "cnnedu.scale_to_uint8": Spec(
        lambda image: cnnedu.scale_to_uint8(image), arrays={"image": GRAY}, any_shape=True, floats_out=False
    ),
    "cnnedu.conv_output_size": Spec(
        lambda size, kernel_size, stride, padding, dilation: cnnedu.conv_output_size(
            size, kernel_size, stride, padding, dilation
        ),
        ints={"size": 28, "kernel_size": 3, "stride": 2, "padding": 1, "dilation": 1},
        floats_out=False,
    ),
    "cnnedu.same_padding": Spec(
        lambda size, kernel_size, stride, dilation: cnnedu.same_padding(size, kernel_size, stride, dilation),
        ints={"size": 28, "kernel_size": 3, "stride": 2, "dilation": 1},
        floats_out=False,
    ),
    # -- layers -------------------------------------------------------------------------------
    "cnnedu.nn.Conv2d": _layer(
        lambda **kw: nn.Conv2d(3, 4, rng=0, **kw), X4, G_CONV, True, kernel_size=3, stride=1, padding=0
    ),
    "cnnedu.nn.Linear": _layer(lambda **kw: nn.Linear(5, 3, rng=0, **kw), X2, RNG.standard_normal((2, 3)), True),
    "cnnedu.nn.MaxPool2d": _layer(lambda **kw: nn.MaxPool2d(**kw), X4, G_POOL, True, kernel_size=2),
    "cnnedu.nn.AvgPool2d": _layer(lambda **kw: nn.AvgPool2d(**kw), X4, G_POOL, True, kernel_size=2),
    "cnnedu.nn.GlobalAvgPool2d": _layer(nn.GlobalAvgPool2d, X4, RNG.standard_normal((2, 3)), True),
    "cnnedu.nn.ReLU": _layer(nn.ReLU, X4, X4, True),
    "cnnedu.nn.LeakyReLU": _layer(lambda **kw: nn.LeakyReLU(**kw), X4, X4, True, negative_slope=0.1),
    "cnnedu.nn.Sigmoid": _layer(nn.Sigmoid, X4, X4, True),
    "cnnedu.nn.Tanh": _layer(nn.Tanh, X4, X4, True),
    "cnnedu.nn.Flatten": _layer(nn.Flatten, X4, RNG.standard_normal((2, 108)), True),
    "cnnedu.nn.Sequential": _layer(
        lambda: nn.Sequential(nn.Conv2d(3, 2, 3, rng=0), nn.ReLU(), nn.Flatten()),
        X4,
        RNG.standard_normal((2, 32)),
        True,
    ),
    "cnnedu.nn.SoftmaxCrossEntropy": Spec(
        lambda logits, labels: nn.SoftmaxCrossEntropy().forward(logits, labels),
        arrays={"logits": LOGITS, "labels": LABELS},
        floats_out=False,
    ),
    "cnnedu.nn.summary": Spec(
        lambda print_table=False: nn.summary(_tiny_model(), (1, 2, 2), print_table=print_table), floats_out=False
    ),
    # -- optimisers, gradient checks, models, training ----------------------------------------
    "cnnedu.optim.SGD": Spec(
        lambda lr, momentum, weight_decay: optim.SGD(_tiny_model(), lr, momentum, weight_decay).lr,
        floats={"lr": 0.1, "momentum": 0.9, "weight_decay": 0.001},
        floats_out=False,
    ),
    "cnnedu.optim.Adam": Spec(
        lambda lr, eps, weight_decay: optim.Adam(_tiny_model(), lr, eps=eps, weight_decay=weight_decay).lr,
        floats={"lr": 0.01, "eps": 1e-8, "weight_decay": 0.0},
        floats_out=False,
    ),
    "cnnedu.gradcheck.numerical_gradient": Spec(
        lambda eps: gradcheck.numerical_gradient(lambda: 0.0, np.zeros(3), eps=eps),
        floats={"eps": 1e-6},
        floats_out=False,
    ),
    "cnnedu.gradcheck.rel_error": Spec(
        lambda a, b: gradcheck.rel_error(a, b), arrays={"a": X2, "b": X2 + 1}, floats_out=False
    ),
    "cnnedu.gradcheck.norm_rel_error": Spec(
        lambda a, b: gradcheck.norm_rel_error(a, b), arrays={"a": X2, "b": X2 + 1}, floats_out=False
    ),
    "cnnedu.gradcheck.check_layer_gradients": Spec(
        lambda x, max_coords, seed, eps: dict(
            gradcheck.check_layer_gradients(nn.Linear(5, 3, rng=0), x, eps=eps, max_coords=max_coords, seed=seed)
        ),
        arrays={"x": X2},
        ints={"max_coords": 3, "seed": 0},
        floats={"eps": 1e-4},
        floats_out=False,
    ),
    "cnnedu.gradcheck.check_model_gradients": Spec(
        lambda x, labels, max_coords: dict(
            gradcheck.check_model_gradients(_tiny_model(), None, x, labels, max_coords=max_coords)
        ),
        arrays={"x": X_TRAIN[:4], "labels": LABELS},
        ints={"max_coords": 3},
        floats_out=False,
    ),
    "cnnedu.models.lenet5": Spec(lambda rng: len(cnnedu.models.lenet5(rng=rng)), ints={"rng": 0}, floats_out=False),
    "cnnedu.train.fit": Spec(
        _fit,
        arrays={"x_train": X_TRAIN, "y_train": Y_TRAIN},
        ints={"epochs": 1, "batch_size": 4},
        floats={"lr_decay": 0.5},
        floats_out=False,
    ),
    "cnnedu.train.evaluate": Spec(
        lambda x, y, batch_size: train_mod.evaluate(_tiny_model(), x, y, batch_size=batch_size),
        arrays={"x": X_TRAIN, "y": Y_TRAIN},
        ints={"batch_size": 4},
        floats_out=False,
    ),
    "cnnedu.train.predict": Spec(
        lambda x, batch_size: train_mod.predict(_tiny_model(), x, batch_size=batch_size),
        arrays={"x": X_TRAIN},
        ints={"batch_size": 4},
        floats_out=False,
    ),
    "cnnedu.train.confusion_matrix": Spec(
        lambda y_true, y_pred, num_classes: train_mod.confusion_matrix(y_true, y_pred, num_classes),
        arrays={"y_true": Y_TRAIN, "y_pred": Y_TRAIN[::-1].copy()},
        ints={"num_classes": 3},
        floats_out=False,
    ),
    "cnnedu.train.prepare_images": Spec(
        lambda x: train_mod.prepare_images(x),
        arrays={"x": RNG.integers(0, 256, (2, 4, 4))},
        batch=("x",),
        floats_out=False,
    ),
    "cnnedu.train.make_optimizer": Spec(
        lambda lr, momentum, weight_decay: (
            train_mod.make_optimizer(_tiny_model(), "sgd", lr, momentum, weight_decay).lr
        ),
        floats={"lr": 0.1, "momentum": 0.9, "weight_decay": 0.0},
        floats_out=False,
    ),
    "cnnedu.train.train_lenet5": Spec(
        # only bad arguments are tried on it (they are refused before training starts)
        lambda x_train, y_train, epochs=1: train_mod.train_lenet5(x_train, y_train, epochs=epochs, progress=False),
        arrays={"x_train": np.zeros((2, 1, 28, 28), np.float32), "y_train": np.array([0, 1])},
        floats_out=False,
    ),
    "cnnedu.data.write_idx": Spec(
        lambda array, file=os.path.join(tempfile.gettempdir(), "cnnedu_api_spec.idx"): cnnedu.data.write_idx(
            file, array
        ),
        arrays={"array": np.zeros((2, 3), np.uint8)},
        floats_out=False,
    ),
}
# Calls that cost real time (training LeNet-5, writing files) are only given bad arguments.
ONLY_BAD_ARGUMENTS = {"cnnedu.train.train_lenet5", "cnnedu.data.write_idx"}
