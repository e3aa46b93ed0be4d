"""save_weights / load_weights: round trip, reproducible bytes, refusing a wrong architecture."""

import json
import os

import numpy as np
import pytest

from cnnedu import nn
from cnnedu.models import lenet5
from cnnedu.optim import SGD
from cnnedu.weights import load_weights, save_weights

X = np.random.default_rng(0).random((4, 1, 28, 28), dtype=np.float32)


def test_round_trip_gives_identical_outputs_and_metadata(tmp_path):
    model = lenet5(rng=0)
    path = save_weights(model, tmp_path / "sub" / "lenet5.npz", seed=0, test_accuracy=0.97, note="unit test")
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
    with pytest.raises(ValueError, match=r"F6\.weight \(80, 120\) but the model expects F6\.weight \(84, 120\)"):
        load_weights(lenet5(rng=0), tmp_path / "tampered.npz")


def test_same_shapes_but_other_layers_is_refused_unless_not_strict(tmp_path):
    path = save_weights(lenet5("relu", rng=0), tmp_path / "relu.npz")
    tanh_model = lenet5("tanh", rng=1)
    with pytest.raises(ValueError, match=r"act1.*ReLU\(\).*Tanh\(\)"):
        load_weights(tanh_model, path)
    load_weights(tanh_model, path, strict=False)
    np.testing.assert_array_equal(tanh_model["C5"].params["weight"], lenet5("relu", rng=0)["C5"].params["weight"])


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


# -- issue 12: every malformed file is a ValueError naming the file, and changes nothing ---------


def _arrays(path):
    with np.load(path, allow_pickle=False) as data:
        return {key: data[key] for key in data.files}


def _write_zip(path, entries):
    """A zip with the given {name: bytes} entries (for files np.savez would not write)."""
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        for name, raw in entries.items():
            zf.writestr(name, raw)
    return path


def _npy(array, header_shape=None):
    import io

    buffer = io.BytesIO()
    if header_shape is None:
        np.lib.format.write_array(buffer, np.asarray(array), allow_pickle=True)
    else:  # a header that lies about the shape, followed by a few bytes
        np.lib.format.write_array_header_1_0(buffer, {"descr": "<f8", "fortran_order": False, "shape": header_shape})
        buffer.write(bytes(64))
    return buffer.getvalue()


def _bad_files(tmp_path):
    """(file, message) for each kind of malformed weights file."""
    good = save_weights(lenet5(rng=0), tmp_path / "good.npz")
    raw = good.read_bytes()
    arrays = _arrays(good)
    cases = []

    def variant(name, **changes):
        a = dict(arrays)
        a.update(changes)
        np.savez(tmp_path / name, **a)
        return tmp_path / name

    (tmp_path / "empty.npz").write_bytes(b"")
    cases.append((tmp_path / "empty.npz", r"empty\.npz is empty \(0 bytes\)"))
    (tmp_path / "half.npz").write_bytes(raw[: len(raw) // 2])
    cases.append((tmp_path / "half.npz", r"half\.npz is not a cnnedu weights file: not a readable \.npz"))
    (tmp_path / "junk.npz").write_bytes(np.random.default_rng(0).bytes(3000))
    cases.append((tmp_path / "junk.npz", r"junk\.npz is not a cnnedu weights file"))
    np.save(tmp_path / "plain.npy", np.zeros(3))
    cases.append((tmp_path / "plain.npy", r"plain\.npy is a plain \.npy file"))
    cases.append((tmp_path, r"is a directory, not a weights file"))
    cases.append((variant("notjson.npz", __architecture__=np.array("{oops")), r"'__architecture__' is not valid JSON"))
    cases.append((variant("shape.npz", __architecture__=np.array('{"params": 3}')), r"is not an architecture record"))
    cases.append((variant("meta.npz", __metadata__=np.array("[1, 2]")), r"'__metadata__' must be a JSON object"))
    cases.append((variant("str.npz", **{"C1.bias": np.array(list("abcdef"))}), r"C1\.bias must hold floating-point"))
    cases.append((variant("cplx.npz", **{"C1.bias": np.zeros(6, complex)}), r"C1\.bias must hold floating-point"))
    entries = {f"{k}.npy": _npy(v) for k, v in arrays.items()}
    entries["C1.bias.npy"] = _npy(np.array([object()] * 6, dtype=object))
    cases.append((_write_zip(tmp_path / "pickle.npz", entries), r"C1\.bias is an array of Python objects"))
    entries = {f"{k}.npy": _npy(v) for k, v in arrays.items()}
    entries["C1.weight.npy"] = _npy(None, header_shape=(2**31,))
    cases.append((_write_zip(tmp_path / "huge.npz", entries), r"has C1\.weight \(2147483648,\) but the model"))
    entries = {f"{k}.npy": _npy(v) for k, v in arrays.items()}
    entries["C1.bias.npy"] = entries["C1.bias.npy"][:-8]  # one value short
    cases.append((_write_zip(tmp_path / "short.npz", entries), r"the entry 'C1\.bias' is damaged or truncated"))
    entries = {f"{k}.npy": _npy(v) for k, v in arrays.items()}
    entries["README.txt"] = b"hello"
    cases.append((_write_zip(tmp_path / "extra.npz", entries), r"the entry 'README\.txt' is not an \.npy array"))
    arch = json.loads(str(arrays["__architecture__"]))
    arch["params"][0][1] = [6, 1, 3, 3]
    cases.append((variant("lying.npz", __architecture__=np.array(json.dumps(arch))), r"record lists other"))
    return cases


def test_every_malformed_file_is_a_value_error_naming_it_and_changes_nothing(tmp_path):
    for path, message in _bad_files(tmp_path):
        model = lenet5(rng=1)
        before = {name: p.copy() for name, p in model.named_parameters()}
        with pytest.raises(ValueError, match=message):
            load_weights(model, path)
        for name, p in model.named_parameters():
            np.testing.assert_array_equal(p, before[name], err_msg=f"{path.name} changed {name}")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_instead_of_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.npz")
    with pytest.raises(ValueError, match=r"pipe\.npz is not a regular file"):
        load_weights(lenet5(rng=0), tmp_path / "pipe.npz")
    with pytest.raises(ValueError, match=r"pipe\.npz exists and is not a regular file"):
        save_weights(lenet5(rng=0), tmp_path / "pipe.npz")


def test_save_weights_refuses_a_directory_and_a_file_as_parent(tmp_path):
    model = lenet5(rng=0)
    with pytest.raises(ValueError, match=r"is a directory; give a file name such as"):
        save_weights(model, tmp_path)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ValueError, match=r"file is a file, not a folder"):
        save_weights(model, tmp_path / "file" / "sub" / "w.npz")
    with pytest.raises(TypeError, match=r"model must be a cnnedu.nn layer"):
        save_weights("model", tmp_path / "w.npz")
    with pytest.raises(TypeError, match=r"path must be a str or pathlib.Path"):
        load_weights(model, 3)
    with pytest.raises(TypeError, match=r"strict must be True or False"):
        load_weights(model, tmp_path / "w.npz", strict="yes")


def test_a_failed_save_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    model = lenet5(rng=0)
    path = save_weights(model, tmp_path / "w.npz", run=1)
    before = path.read_bytes()

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr("cnnedu.weights._write_npz", broken)
    with pytest.raises(OSError, match="disk full"):
        save_weights(model, path, run=2)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.npz"]
