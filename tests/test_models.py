"""LeNet-5: parameter count, shapes, names, options, and gradients layer by layer."""

import numpy as np
import pytest

from cnnedu import nn
from cnnedu.gradcheck import check_layer_gradients, check_model_gradients
from cnnedu.models import lenet5

CHOICES = [(a, p) for a in ("relu", "tanh", "sigmoid") for p in ("max", "avg")]
SHAPES = {
    "C1": (6, 28, 28),
    "S2": (6, 14, 14),
    "C3": (16, 10, 10),
    "S4": (16, 5, 5),
    "C5": (120, 1, 1),
    "F6": (84,),
    "output": (10,),
}


@pytest.mark.parametrize("activation,pool", CHOICES)
def test_parameter_count_is_61706(activation, pool):
    model = lenet5(activation, pool, rng=0)
    assert model.num_parameters() == 61_706
    # 156 + 2,416 + 48,120 + 10,164 + 850, layer by layer
    per_layer = {
        name: layer.num_parameters() for name, layer in model.named_layers() if layer.params
    }
    assert per_layer == {"C1": 156, "C3": 2416, "C5": 48120, "F6": 10164, "output": 850}


def test_layer_names_types_and_output_shapes():
    model = lenet5(rng=0)
    assert model.names == [
        "C1",
        "act1",
        "S2",
        "C3",
        "act3",
        "S4",
        "C5",
        "act5",
        "flatten",
        "F6",
        "act6",
        "output",
    ]
    assert repr(model["C1"]) == "Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1), padding=2)"
    assert isinstance(model["S2"], nn.MaxPool2d) and isinstance(model["act1"], nn.ReLU)
    x = np.random.default_rng(0).random((3, 1, 28, 28), dtype=np.float32)
    shapes = {name: out.shape[1:] for name, out in model.trace(x)}
    assert {name: shapes[name] for name in SHAPES} == SHAPES
    out = model.forward(x)
    assert out.shape == (3, 10) and out.dtype == np.float32


@pytest.mark.parametrize("activation,pool", [("tanh", "avg"), ("sigmoid", "max")])
def test_options_choose_the_layers(activation, pool):
    model = lenet5(activation, pool, rng=0)
    act = {"tanh": nn.Tanh, "sigmoid": nn.Sigmoid}[activation]
    pooling = {"avg": nn.AvgPool2d, "max": nn.MaxPool2d}[pool]
    assert all(isinstance(model[name], act) for name in ("act1", "act3", "act5", "act6"))
    assert isinstance(model["S2"], pooling) and isinstance(model["S4"], pooling)


def test_bad_options_list_the_choices():
    with pytest.raises(
        ValueError, match=r"activation must be one of \['relu', 'sigmoid', 'tanh'\]"
    ):
        lenet5("gelu")
    with pytest.raises(ValueError, match=r"pool must be one of \['avg', 'max'\]"):
        lenet5(pool="min")


def test_seed_makes_weights_reproducible():
    a, b, c = lenet5(rng=3), lenet5(rng=3), lenet5(rng=4)
    for pa, pb in zip(a.parameters(), b.parameters()):
        np.testing.assert_array_equal(pa, pb)
    assert not np.array_equal(a.parameters()[0], c.parameters()[0])


def test_summary_table(capsys):
    rows = nn.summary(lenet5(rng=0), (1, 28, 28))
    assert {r.name: r.output_shape for r in rows if r.name in SHAPES} == SHAPES
    assert sum(r.params for r in rows) == 61_706
    out = capsys.readouterr().out
    assert "total parameters: 61,706" in out
    assert out.splitlines()[2].split() == ["input", "(1,", "28,", "28)"]


def test_gradients_layer_by_layer():
    """Each layer of LeNet-5, fed the input it sees in the network, checked on its own (float64)."""
    model = lenet5(rng=0).to(np.float64)
    x = np.random.default_rng(1).random((2, 1, 28, 28))
    inputs = [x] + [out for _, out in model.trace(x)[:-1]]
    for (name, layer), layer_input in zip(model.named_layers(), inputs):
        result = check_layer_gradients(layer, layer_input, max_coords=30, seed=0)
        assert result.passed(1e-6), f"{name}:\n{result}"


@pytest.mark.parametrize("activation,pool", [("relu", "max"), ("tanh", "avg")])
def test_gradients_of_the_whole_network(activation, pool):
    model = lenet5(activation, pool, rng=0)
    x = np.random.default_rng(2).random((2, 1, 28, 28))
    result = check_model_gradients(
        model, nn.SoftmaxCrossEntropy(), x, np.array([3, 8]), max_coords=20, seed=0
    )
    assert set(result) == {"x", *(name for name, _ in model.named_parameters())}
    assert result.passed(1e-6), str(result)
