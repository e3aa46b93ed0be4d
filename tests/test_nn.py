"""cnnedu.nn layers: forward against the functional ops, backward against finite differences.

The finite differences come from tests/oracles.py, not from cnnedu.gradcheck,
so a bug in the package's gradient checker cannot hide a bug in a layer.
"""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cnnedu
from cnnedu import nn

from oracles import conv2d_reference, numerical_gradient

RNG = np.random.default_rng(1234)


def assert_backward_matches_numerical(layer, x, seed=0):
    """Backward of L = sum(layer(x) * R) against central differences, in float64."""
    layer.to(np.float64)
    x = np.array(x, dtype=np.float64)
    out = layer.forward(x)
    r = np.random.default_rng(seed).standard_normal(out.shape)
    dx = layer.backward(r)
    analytic = {name: g.copy() for name, g in layer.grads.items()}

    def loss():
        return float(np.sum(layer.forward(x) * r))

    np.testing.assert_allclose(dx, numerical_gradient(loss, x), rtol=1e-5, atol=1e-8)
    for name, p in layer.params.items():
        np.testing.assert_allclose(
            analytic[name], numerical_gradient(loss, p), rtol=1e-5, atol=1e-8, err_msg=name
        )
    return analytic


# -- Conv2d ------------------------------------------------------------------------

CONV_CASES = [
    # in, out, kernel, stride, padding, dilation, bias, input (N, C, H, W)
    (2, 3, 3, 1, 0, 1, True, (2, 2, 5, 6)),
    (2, 3, (3, 2), (2, 1), "same", 1, True, (2, 2, 7, 6)),
    (1, 2, 3, (1, 2), 1, 2, True, (2, 1, 7, 7)),
    (3, 2, (2, 3), 2, (1, 0), 1, False, (1, 3, 6, 7)),
    (2, 2, 3, 2, "valid", (2, 1), True, (2, 2, 8, 6)),
    (2, 4, 1, 1, 0, 1, True, (2, 2, 3, 3)),
]


@pytest.mark.parametrize("cin,cout,k,s,p,d,bias,shape", CONV_CASES)
def test_conv2d_backward_matches_numerical_gradients(cin, cout, k, s, p, d, bias, shape):
    layer = nn.Conv2d(cin, cout, k, stride=s, padding=p, dilation=d, bias=bias, rng=0)
    grads = assert_backward_matches_numerical(layer, RNG.standard_normal(shape))
    assert set(grads) == ({"weight", "bias"} if bias else {"weight"})


@pytest.mark.parametrize("cin,cout,k,s,p,d,bias,shape", CONV_CASES)
def test_conv2d_forward_equals_functional_and_naive(cin, cout, k, s, p, d, bias, shape):
    layer = nn.Conv2d(cin, cout, k, stride=s, padding=p, dilation=d, bias=bias, rng=1)
    x = RNG.standard_normal(shape).astype(np.float32)
    w, b = layer.params["weight"], layer.params.get("bias")
    out = layer.forward(x)
    np.testing.assert_array_equal(out, cnnedu.conv2d(x, w, b, s, p, d))
    np.testing.assert_allclose(out, cnnedu.conv2d_naive(x, w, b, s, p, d), rtol=1e-5, atol=1e-5)
    stride = s if isinstance(s, tuple) else (s, s)
    dilation = d if isinstance(d, tuple) else (d, d)
    ref = conv2d_reference(
        x.astype(np.float64),
        w.astype(np.float64),
        None if b is None else b.astype(np.float64),
        stride,
        p,
        dilation,
    )
    np.testing.assert_allclose(out, ref, rtol=1e-4, atol=1e-4)


@settings(max_examples=12, deadline=None)
@given(
    k=st.tuples(st.integers(1, 3), st.integers(1, 3)),
    s=st.tuples(st.integers(1, 2), st.integers(1, 2)),
    d=st.tuples(st.integers(1, 2), st.integers(1, 2)),
    same=st.booleans(),
    seed=st.integers(0, 2**16),
)
def test_conv2d_backward_any_geometry(k, s, d, same, seed):
    rng = np.random.default_rng(seed)
    layer = nn.Conv2d(2, 2, k, stride=s, padding="same" if same else 0, dilation=d, rng=rng)
    assert_backward_matches_numerical(layer, rng.standard_normal((2, 2, 6, 5)), seed)


def test_conv2d_parameters_shapes_init_and_dtype():
    layer = nn.Conv2d(3, 8, (5, 3), rng=0)
    w, b = layer.params["weight"], layer.params["bias"]
    assert w.shape == (8, 3, 5, 3) and b.shape == (8,)
    assert w.dtype == b.dtype == np.float32
    bound = 1 / np.sqrt(3 * 5 * 3)
    assert np.abs(w).max() <= bound and np.abs(b).max() <= bound
    # uniform on [-bound, bound] has std bound / sqrt(3)
    assert abs(w.std() - bound / np.sqrt(3)) < 0.15 * bound
    assert layer.parameters()[0] is w and layer.parameters()[1] is b
    assert [g.shape for g in layer.gradients()] == [w.shape, b.shape]
    assert not any(g.any() for g in layer.gradients())


def test_seeds_and_generators_give_reproducible_weights():
    a, b = nn.Conv2d(1, 6, 5, rng=7), nn.Conv2d(1, 6, 5, rng=7)
    np.testing.assert_array_equal(a.params["weight"], b.params["weight"])
    c = nn.Conv2d(1, 6, 5, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(a.params["weight"], c.params["weight"])
    assert not np.array_equal(a.params["weight"], nn.Conv2d(1, 6, 5, rng=8).params["weight"])


def test_conv2d_first_layer_may_skip_the_input_gradient():
    layer = nn.Conv2d(1, 4, 3, padding=1, rng=0)
    x = RNG.standard_normal((3, 1, 6, 6)).astype(np.float32)
    g = RNG.standard_normal((3, 4, 6, 6)).astype(np.float32)
    layer.forward(x)
    dx = layer.backward(g)
    dw = layer.grads["weight"].copy()
    assert layer.backward(g, need_input_grad=False) is None
    np.testing.assert_array_equal(layer.grads["weight"], dw)
    assert dx.shape == x.shape


def test_conv2d_wrong_channels_names_in_channels_and_shape():
    layer = nn.Conv2d(1, 6, 5)
    with pytest.raises(ValueError, match=r"in_channels=1.*\(2, 3, 28, 28\)"):
        layer.forward(np.zeros((2, 3, 28, 28)))
    with pytest.raises(ValueError, match="in_channels"):
        layer.forward(np.zeros((1, 28, 28)))


@pytest.mark.parametrize(
    "kwargs,error,match",
    [
        ({"kernel_size": 0}, ValueError, "kernel_size"),
        ({"kernel_size": 2.5}, TypeError, "kernel_size"),
        ({"stride": 0}, ValueError, "stride"),
        ({"padding": "full"}, ValueError, "padding"),
        ({"padding": 5}, ValueError, "padding"),
        ({"dilation": (1, 0)}, ValueError, "dilation"),
        ({"bias": "yes"}, TypeError, "bias"),
        ({"rng": "seed"}, TypeError, "rng"),
    ],
)
def test_conv2d_bad_arguments(kwargs, error, match):
    args = {"kernel_size": 3, **kwargs}
    with pytest.raises(error, match=match):
        nn.Conv2d(2, 4, **args)


def test_conv2d_in_channels_must_be_positive_int():
    with pytest.raises(ValueError, match="in_channels"):
        nn.Conv2d(0, 6, 5)
    with pytest.raises(TypeError, match="out_channels"):
        nn.Conv2d(1, 6.0, 5)


# -- pooling ------------------------------------------------------------------------

POOL_CASES = [
    # kernel, stride, padding, input shape
    (2, None, 0, (2, 3, 6, 6)),
    (3, 2, 1, (2, 2, 7, 7)),  # overlapping windows and padding
    (3, 1, 0, (1, 2, 5, 6)),  # heavy overlap
    ((2, 3), (1, 2), (1, 1), (2, 2, 5, 7)),
    (2, 2, "same", (2, 2, 5, 5)),
]


@pytest.mark.parametrize("k,s,p,shape", POOL_CASES)
def test_maxpool_forward_and_backward(k, s, p, shape):
    x = RNG.standard_normal(shape)
    layer = nn.MaxPool2d(k, s, p)
    np.testing.assert_array_equal(layer.forward(x), cnnedu.max_pool2d(x, k, s, p))
    assert_backward_matches_numerical(layer, x)


@pytest.mark.parametrize("k,s,p,shape", POOL_CASES)
def test_avgpool_forward_and_backward(k, s, p, shape):
    x = RNG.standard_normal(shape)
    layer = nn.AvgPool2d(k, s, p)
    np.testing.assert_allclose(layer.forward(x), cnnedu.avg_pool2d(x, k, s, p))
    assert_backward_matches_numerical(layer, x)


def test_maxpool_backward_equals_functional_backward():
    x = RNG.standard_normal((2, 3, 7, 7)).astype(np.float32)
    g = RNG.standard_normal((2, 3, 4, 4)).astype(np.float32)
    layer = nn.MaxPool2d(3, 2, 1)
    layer.forward(x)
    np.testing.assert_array_equal(layer.backward(g), cnnedu.max_pool2d_backward(g, x, 3, 2, 1))


def test_maxpool_ties_go_to_the_first_cell_like_pytorch():
    layer = nn.MaxPool2d(2)
    layer.forward(np.ones((1, 1, 2, 2)))
    np.testing.assert_array_equal(layer.backward(np.ones((1, 1, 1, 1)))[0, 0], [[1, 0], [0, 0]])


def test_global_avg_pool():
    x = RNG.standard_normal((2, 3, 4, 5))
    layer = nn.GlobalAvgPool2d()
    np.testing.assert_allclose(layer.forward(x), cnnedu.global_avg_pool2d(x))
    assert_backward_matches_numerical(layer, x)


def test_pool_bad_arguments():
    with pytest.raises(ValueError, match="kernel_size"):
        nn.MaxPool2d(0)
    with pytest.raises(ValueError, match="padding"):
        nn.AvgPool2d(2, padding="full")
    with pytest.raises(ValueError, match=r"\(N, C, H, W\)"):
        nn.MaxPool2d(2).forward(np.zeros((4, 4)))


# -- Linear ----------------------------------------------------------------------------


@pytest.mark.parametrize("bias", [True, False])
def test_linear_forward_and_backward(bias):
    layer = nn.Linear(6, 4, bias=bias, rng=0)
    x = RNG.standard_normal((3, 6)).astype(np.float32)
    np.testing.assert_array_equal(
        layer.forward(x), cnnedu.linear(x, layer.params["weight"], layer.params.get("bias"))
    )
    assert layer.params["weight"].shape == (4, 6)
    assert ("bias" in layer.params) == bias
    assert_backward_matches_numerical(layer, x)


def test_linear_flattens_feature_maps_and_returns_dx_in_their_shape():
    layer = nn.Linear(2 * 3 * 3, 5, rng=0)
    x = RNG.standard_normal((4, 2, 3, 3))
    assert layer.forward(x).shape == (4, 5)
    assert_backward_matches_numerical(layer, x)
    assert layer.backward(np.ones((4, 5))).shape == (4, 2, 3, 3)


def test_linear_init_and_errors():
    layer = nn.Linear(120, 84, rng=0)
    assert np.abs(layer.params["weight"]).max() <= 1 / np.sqrt(120)
    with pytest.raises(ValueError, match=r"in_features=120.*\(2, 100\)"):
        layer.forward(np.zeros((2, 100)))
    layer.forward(np.zeros((2, 120)))
    with pytest.raises(ValueError, match="grad_out"):
        layer.backward(np.zeros((2, 83)))


# -- activations and Flatten -------------------------------------------------------------


def away_from_zero(shape):
    """Inputs at least 0.05 from the kink of ReLU, so that finite differences are valid."""
    x = RNG.uniform(0.05, 2, shape)
    return x * RNG.choice([-1, 1], shape)


@pytest.mark.parametrize(
    "layer,function",
    [
        (nn.ReLU(), cnnedu.relu),
        (nn.LeakyReLU(0.1), lambda x: cnnedu.leaky_relu(x, 0.1)),
        (nn.Sigmoid(), cnnedu.sigmoid),
        (nn.Tanh(), cnnedu.tanh),
    ],
)
def test_activation_layers(layer, function):
    x = away_from_zero((2, 3, 4, 4))
    np.testing.assert_array_equal(layer.forward(x), function(x))
    assert_backward_matches_numerical(layer, x)
    assert layer.params == {} and layer.parameters() == [] and layer.gradients() == []


def test_activation_layers_keep_float32():
    x = RNG.standard_normal((2, 5)).astype(np.float32)
    for layer in (nn.ReLU(), nn.LeakyReLU(), nn.Sigmoid(), nn.Tanh()):
        assert layer.forward(x).dtype == np.float32
        assert layer.backward(np.ones_like(x)).dtype == np.float32


def test_flatten():
    layer = nn.Flatten()
    x = RNG.standard_normal((2, 3, 2, 2))
    assert layer.forward(x).shape == (2, 12)
    assert_backward_matches_numerical(layer, x)
    with pytest.raises(ValueError, match="grad_out"):
        layer.backward(np.zeros((2, 11)))


@pytest.mark.parametrize(
    "layer",
    [
        nn.Conv2d(1, 1, 1),
        nn.Linear(1, 1),
        nn.MaxPool2d(2),
        nn.AvgPool2d(2),
        nn.GlobalAvgPool2d(),
        nn.ReLU(),
        nn.LeakyReLU(),
        nn.Sigmoid(),
        nn.Tanh(),
        nn.Flatten(),
        nn.Sequential(nn.ReLU()),
    ],
)
def test_backward_before_forward_says_call_forward_first(layer):
    with pytest.raises(RuntimeError, match="call forward first"):
        layer.backward(np.zeros((1, 1, 2, 2)))


# -- reprs, dtype switch, zero_grad --------------------------------------------------------


def test_reprs_look_like_pytorch():
    assert (
        repr(nn.Conv2d(1, 6, 5, padding=2))
        == "Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1), padding=2)"
    )
    assert repr(nn.Conv2d(6, 16, 5)) == "Conv2d(6, 16, kernel_size=(5, 5), stride=(1, 1))"
    assert (
        repr(nn.Conv2d(3, 4, (3, 1), stride=(2, 1), padding="same", dilation=2, bias=False))
        == "Conv2d(3, 4, kernel_size=(3, 1), stride=(2, 1), padding=same, dilation=(2, 2), "
        "bias=False)"
    )
    assert repr(nn.Linear(120, 84)) == "Linear(in_features=120, out_features=84, bias=True)"
    assert repr(nn.MaxPool2d(2)) == "MaxPool2d(kernel_size=2, stride=2, padding=0)"
    assert repr(nn.AvgPool2d(3, 2, 1)) == "AvgPool2d(kernel_size=3, stride=2, padding=1)"
    assert repr(nn.ReLU()) == "ReLU()"
    assert repr(nn.LeakyReLU(0.2)) == "LeakyReLU(negative_slope=0.2)"
    assert (
        repr(nn.Sequential(nn.ReLU(), nn.Flatten()))
        == "Sequential(\n  (0): ReLU()\n  (1): Flatten()\n)"
    )


def test_to_float64_converts_in_place_and_returns_self():
    layer = nn.Conv2d(1, 2, 3, rng=0)
    w32 = layer.params["weight"].copy()
    assert layer.to(np.float64) is layer
    assert layer.params["weight"].dtype == layer.grads["weight"].dtype == np.float64
    np.testing.assert_array_equal(layer.params["weight"], w32)
    assert layer.forward(np.zeros((1, 1, 4, 4), dtype=np.float32)).dtype == np.float64
    with pytest.raises(TypeError, match="dtype"):
        layer.to(np.int32)


def test_zero_grad():
    model = nn.Sequential(nn.Linear(3, 2, rng=0), nn.ReLU(), nn.Linear(2, 1, rng=1))
    model.forward(np.ones((2, 3)))
    model.backward(np.ones((2, 1)))
    assert any(g.any() for g in model.gradients())
    model.zero_grad()
    assert not any(g.any() for g in model.gradients())


# -- Sequential ----------------------------------------------------------------------------


def small_net(seed=0):
    return nn.Sequential(
        {
            "conv": nn.Conv2d(1, 2, 3, padding=1, rng=seed),
            "act": nn.Tanh(),
            "pool": nn.MaxPool2d(2),
            "flat": nn.Flatten(),
            "fc": nn.Linear(8, 3, rng=seed + 1),
        }
    )


def test_sequential_is_a_list_of_named_layers():
    model = small_net()
    assert len(model) == 5
    assert model.names == ["conv", "act", "pool", "flat", "fc"]
    assert model[0] is model["conv"] is model.layers[0]
    assert list(model) == model.layers
    head = model[:3]
    assert (
        isinstance(head, nn.Sequential)
        and head.names == ["conv", "act", "pool"]
        and head[0] is model[0]
    )
    assert [name for name, _ in model.named_parameters()] == [
        "conv.weight",
        "conv.bias",
        "fc.weight",
        "fc.bias",
    ]
    assert (
        list(model.params)
        == list(model.grads)
        == ["conv.weight", "conv.bias", "fc.weight", "fc.bias"]
    )
    assert model.parameters()[0] is model["conv"].params["weight"]
    assert model.num_parameters() == 2 * 9 + 2 + 8 * 3 + 3
    unnamed = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
    assert list(unnamed.params) == ["0.weight", "0.bias"]
    with pytest.raises(KeyError, match="conv"):
        model["nope"]


def test_sequential_backward_matches_numerical_and_chains_layers():
    model = small_net()
    assert_backward_matches_numerical(model, RNG.standard_normal((2, 1, 4, 4)))


def test_sequential_trace_and_skip_input_gradient():
    model = small_net()
    x = RNG.standard_normal((2, 1, 4, 4)).astype(np.float32)
    trace = model.trace(x)
    assert [name for name, _ in trace] == model.names
    assert [out.shape for _, out in trace] == [
        (2, 2, 4, 4),
        (2, 2, 4, 4),
        (2, 2, 2, 2),
        (2, 8),
        (2, 3),
    ]
    np.testing.assert_array_equal(trace[-1][1], model.forward(x))
    g = RNG.standard_normal((2, 3)).astype(np.float32)
    dx = model.backward(g)
    grads = [a.copy() for a in model.gradients()]
    assert dx.shape == x.shape
    assert model.backward(g, need_input_grad=False) is None
    for a, b in zip(grads, model.gradients()):
        np.testing.assert_array_equal(a, b)


def test_sequential_rejects_bad_layers_and_names():
    with pytest.raises(TypeError, match="Module"):
        nn.Sequential(nn.ReLU(), np.zeros(3))
    with pytest.raises(ValueError, match="names"):
        nn.Sequential({"a.b": nn.ReLU()})


def test_summary_rows_and_table(capsys):
    rows = nn.summary(small_net(), (1, 4, 4))
    assert rows == [
        ("conv", (2, 4, 4), 20),
        ("act", (2, 4, 4), 0),
        ("pool", (2, 2, 2), 0),
        ("flat", (8,), 0),
        ("fc", (3,), 27),
    ]
    table = capsys.readouterr().out
    assert "total parameters: 47" in table and "Conv2d(1, 2, kernel_size=(3, 3)" in table
    assert small_net().summary((1, 4, 4), print_table=False) == rows
    assert capsys.readouterr().out == ""


# -- loss ----------------------------------------------------------------------------------


def test_cross_entropy_value_by_hand():
    logits = np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
    labels = np.array([2, 0])
    expected = (-np.log(np.exp(3) / (np.e + np.e**2 + np.e**3)) + np.log(3)) / 2
    loss = nn.SoftmaxCrossEntropy()
    assert loss.forward(logits, labels) == pytest.approx(expected, rel=1e-12)
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    p[[0, 1], labels] -= 1
    np.testing.assert_allclose(loss.backward(), p / 2, rtol=1e-12)


def test_cross_entropy_gradient_matches_numerical():
    logits = RNG.standard_normal((4, 5))
    labels = np.array([0, 4, 2, 2])
    loss = nn.SoftmaxCrossEntropy()
    loss.forward(logits, labels)
    grad = loss.backward()
    numeric = numerical_gradient(lambda: loss.forward(logits, labels), logits)
    np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-9)


def test_cross_entropy_is_stable_for_huge_logits():
    logits = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 1e4]], dtype=np.float32)
    loss = nn.SoftmaxCrossEntropy()
    # Underflow of exp(-2e4) to 0 is harmless and expected; overflow, 0/0 or log(0) would not be.
    with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
        warnings.simplefilter("error")
        value = loss.forward(logits, np.array([1, 2]))
        grad = loss.backward()
    assert value == pytest.approx((2e4 + np.log(2)) / 2, rel=1e-6)
    assert np.all(np.isfinite(grad))
    np.testing.assert_allclose(grad, [[0.5, -0.5, 0], [0, 0.25, -0.25]], atol=1e-6)


def test_cross_entropy_keeps_float32():
    loss = nn.SoftmaxCrossEntropy()
    loss.forward(np.zeros((2, 3), dtype=np.float32), np.array([0, 1]))
    assert loss.backward().dtype == np.float32


@pytest.mark.parametrize(
    "labels,error,match",
    [
        (np.array([0.0, 1.0]), TypeError, "labels.*integer"),
        (np.array([0, 1, 2]), ValueError, r"labels.*shape"),
        (np.array([[0, 1]]), ValueError, r"labels.*shape"),
        (np.array([0, 3]), ValueError, r"labels.*0\.\.2"),
        (np.array([-1, 0]), ValueError, r"labels.*0\.\.2"),
    ],
)
def test_cross_entropy_validates_labels(labels, error, match):
    with pytest.raises(error, match=match):
        nn.SoftmaxCrossEntropy().forward(np.zeros((2, 3)), labels)


def test_cross_entropy_other_errors():
    with pytest.raises(RuntimeError, match="call forward first"):
        nn.SoftmaxCrossEntropy().backward()
    with pytest.raises(ValueError, match="logits"):
        nn.SoftmaxCrossEntropy().forward(np.zeros(3), np.array([0]))
