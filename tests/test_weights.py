"""save_weights / load_weights: round trip, reproducible bytes, refusing a wrong architecture."""

import json

import numpy as np
import pytest

from cnnedu import nn
from cnnedu.models import lenet5
from cnnedu.optim import SGD
from cnnedu.weights import load_weights, save_weights

X = np.random.default_rng(0).random((4, 1, 28, 28), dtype=np.float32)


def test_round_trip_gives_identical_outputs_and_metadata(tmp_path):
    model = lenet5(rng=0)
    path = save_weights(
        model, tmp_path / "sub" / "lenet5.npz", seed=0, test_accuracy=0.97, note="unit test"
    )
    fresh = lenet5(rng=1)
    assert not np.array_equal(fresh.forward(X), model.forward(X))
    metadata = load_weights(fresh, path)
    assert metadata == {"seed": 0, "test_accuracy": 0.97, "note": "unit test"}
    np.testing.assert_array_equal(fresh.forward(X), model.forward(X))


def test_file_is_a_plain_npz_without_pickles(tmp_path):
    model = lenet5(rng=0)
    path = save_weights(model, tmp_path / "w.npz", epochs=3)
    with np.load(path, allow_pickle=False) as data:
        assert set(data.files) == {name for name, _ in model.named_parameters()} | {
            "__architecture__",
            "__metadata__",
        }
        np.testing.assert_array_equal(data["C1.weight"], model["C1"].params["weight"])
        assert data["C1.weight"].dtype == np.float32
        architecture = json.loads(str(data["__architecture__"]))
        assert architecture["params"][0] == ["C1.weight", [6, 1, 5, 5]]
        assert json.loads(str(data["__metadata__"])) == {"epochs": 3}


def test_saving_twice_gives_the_same_bytes(tmp_path):
    model = lenet5(rng=0)
    a = save_weights(model, tmp_path / "a.npz", seed=1).read_bytes()
    b = save_weights(model, tmp_path / "b.npz", seed=1).read_bytes()
    assert a == b


def test_loading_keeps_the_arrays_so_an_optimizer_stays_connected(tmp_path):
    model = lenet5(rng=0)
    path = save_weights(model, tmp_path / "w.npz")
    other = lenet5(rng=1)
    weight = other["C1"].params["weight"]
    opt = SGD(other, lr=0.1)
    load_weights(other, path)
    assert other["C1"].params["weight"] is weight and opt.params[0] is weight
    np.testing.assert_array_equal(weight, model["C1"].params["weight"])


def test_wrong_architecture_is_refused_and_the_model_is_unchanged(tmp_path):
    path = save_weights(lenet5(rng=0), tmp_path / "lenet5.npz")
    small = nn.Sequential({"C1": nn.Conv2d(1, 6, 3, rng=0), "flatten": nn.Flatten()})
    before = small["C1"].params["weight"].copy()
    with pytest.raises(
        ValueError,
        match=r"C1\.weight \(6, 1, 5, 5\) but the model expects C1\.weight \(6, 1, 3, 3\)",
    ):
        load_weights(small, path)
    np.testing.assert_array_equal(small["C1"].params["weight"], before)


def test_extra_and_missing_keys(tmp_path):
    path = save_weights(lenet5(rng=0), tmp_path / "lenet5.npz")
    fewer = nn.Sequential({"C1": nn.Conv2d(1, 6, 5, padding=2, rng=0)})
    with pytest.raises(ValueError, match="extra key 'C3.weight'"):
        load_weights(fewer, path)
    small_path = save_weights(fewer, tmp_path / "small.npz")
    with pytest.raises(ValueError, match="missing key 'C3.weight'"):
        load_weights(lenet5(rng=0), small_path)


def test_tampered_shape_is_refused(tmp_path):
    path = save_weights(lenet5(rng=0), tmp_path / "lenet5.npz")
    with np.load(path, allow_pickle=False) as data:
        arrays = {key: data[key] for key in data.files}
    arrays["F6.weight"] = arrays["F6.weight"][:80]
    np.savez(tmp_path / "tampered.npz", **arrays)
    with pytest.raises(
        ValueError, match=r"F6\.weight \(80, 120\) but the model expects F6\.weight \(84, 120\)"
    ):
        load_weights(lenet5(rng=0), tmp_path / "tampered.npz")


def test_same_shapes_but_other_layers_is_refused_unless_not_strict(tmp_path):
    path = save_weights(lenet5("relu", rng=0), tmp_path / "relu.npz")
    tanh_model = lenet5("tanh", rng=1)
    with pytest.raises(ValueError, match=r"act1.*ReLU\(\).*Tanh\(\)"):
        load_weights(tanh_model, path)
    load_weights(tanh_model, path, strict=False)
    np.testing.assert_array_equal(
        tanh_model["C5"].params["weight"], lenet5("relu", rng=0)["C5"].params["weight"]
    )


def test_missing_file_and_foreign_npz(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.npz"):
        load_weights(lenet5(rng=0), tmp_path / "nope.npz")
    np.savez(tmp_path / "foreign.npz", a=np.zeros(3))
    with pytest.raises(ValueError, match="not a cnnedu weights file"):
        load_weights(lenet5(rng=0), tmp_path / "foreign.npz")


def test_metadata_must_be_json(tmp_path):
    with pytest.raises(TypeError, match="JSON"):
        save_weights(lenet5(rng=0), tmp_path / "w.npz", model="LeNet-5", when=object())


def test_single_layer_round_trip(tmp_path):
    layer = nn.Linear(3, 2, rng=0)
    path = save_weights(layer, tmp_path / "linear.npz")
    other = nn.Linear(3, 2, rng=1)
    load_weights(other, path)
    np.testing.assert_array_equal(other.params["weight"], layer.params["weight"])
    with np.load(path) as data:
        assert sorted(data.files) == ["__architecture__", "__metadata__", "bias", "weight"]
