"""cnnedu.gradcheck: finite differences, relative errors, and that a wrong backward IS caught."""

import numpy as np
import pytest

from cnnedu import nn
from cnnedu.gradcheck import (
    check_layer_gradients,
    check_model_gradients,
    norm_rel_error,
    numerical_gradient,
    rel_error,
)

RNG = np.random.default_rng(5)


def test_numerical_gradient_of_known_functions():
    x = RNG.standard_normal((3, 4))
    np.testing.assert_allclose(
        numerical_gradient(lambda: np.sum(x**2), x), 2 * x, rtol=1e-8, atol=1e-9
    )
    np.testing.assert_allclose(
        numerical_gradient(lambda: np.sum(np.sin(x)), x), np.cos(x), rtol=1e-8, atol=1e-9
    )
    w = RNG.standard_normal(4)
    np.testing.assert_allclose(numerical_gradient(lambda: float(x[0] @ w), w), x[0], rtol=1e-8)


def test_numerical_gradient_restores_x_bit_for_bit():
    x = RNG.standard_normal(10)
    before = x.copy()
    numerical_gradient(lambda: np.sum(np.exp(x)), x)
    np.testing.assert_array_equal(x, before)


def test_numerical_gradient_on_chosen_indices():
    x = RNG.standard_normal((2, 5))
    part = numerical_gradient(lambda: np.sum(x**3), x, indices=[0, 7])
    np.testing.assert_allclose(part, 3 * x.reshape(-1)[[0, 7]] ** 2, rtol=1e-7)


def test_numerical_gradient_rejects_integer_arrays_and_warns_for_float32():
    with pytest.raises(TypeError, match="floating-point"):
        numerical_gradient(lambda: 0.0, np.arange(3))
    with pytest.warns(UserWarning, match="float64"):
        numerical_gradient(lambda: 0.0, np.zeros(2, dtype=np.float32))


def test_rel_error():
    assert rel_error(np.ones(3), np.ones(3)) == 0
    assert rel_error(np.zeros(3), np.zeros(3)) == 0  # the 1e-8 floor avoids 0/0
    assert rel_error(np.array([1.0, 2.0]), np.array([1.0, 2.2])) == pytest.approx(0.2 / 4.2)
    assert rel_error(np.array([1e-12]), np.array([-1e-12])) == pytest.approx(2e-12 / 1e-8)
    assert norm_rel_error(np.array([3.0, 4.0]), np.array([3.0, 4.0])) == 0
    assert norm_rel_error(np.array([1.0, 0.0]), np.array([0.0, 1.0])) == pytest.approx(
        np.sqrt(2) / 2
    )
    with pytest.raises(ValueError, match="same shape"):
        rel_error(np.zeros(2), np.zeros(3))


def test_layer_check_passes_for_a_correct_layer_and_prints_a_table():
    layer = nn.Conv2d(2, 3, (3, 2), stride=(2, 1), padding="same", dilation=2, rng=0)
    result = check_layer_gradients(layer, RNG.standard_normal((2, 2, 7, 8)))
    assert list(result) == ["x", "weight", "bias"]
    assert result.passed() and result.max_error < 1e-7
    table = str(result)
    assert "relative error" in table and "weight" in table and "FAIL" not in table
    # the caller's layer is untouched: still float32, no cached float64 input
    assert layer.params["weight"].dtype == np.float32 and layer._cache_x is None


class LeakyBackwardReLU(nn.ReLU):
    """A classic mistake: forget to multiply by the derivative."""

    def backward(self, grad_out, need_input_grad=True):
        return grad_out


class DoubleBiasConv(nn.Conv2d):
    """Another: a factor 2 on one gradient."""

    def backward(self, grad_out, need_input_grad=True):
        dx = super().backward(grad_out, need_input_grad)
        self.grads["bias"] = 2 * self.grads["bias"]
        return dx


def test_broken_backward_is_detected_in_a_layer():
    result = check_layer_gradients(LeakyBackwardReLU(), RNG.standard_normal((2, 8)))
    assert result["x"] > 1e-2 and not result.passed()
    assert "FAIL" in str(result)
    result = check_layer_gradients(
        DoubleBiasConv(1, 2, 3, rng=0), RNG.standard_normal((2, 1, 5, 5))
    )
    assert result["weight"] < 1e-7 and result["bias"] > 0.1


def test_broken_layer_is_detected_inside_a_model():
    model = nn.Sequential(
        {
            "conv": DoubleBiasConv(1, 2, 3, rng=0),
            "act": nn.Tanh(),
            "flat": nn.Flatten(),
            "fc": nn.Linear(18, 4, rng=1),
        }
    )
    result = check_model_gradients(
        model, nn.SoftmaxCrossEntropy(), RNG.standard_normal((2, 1, 5, 5)), np.array([0, 3])
    )
    assert result["conv.bias"] > 0.1
    assert result["fc.weight"] < 1e-7 and result["conv.weight"] < 1e-7
    assert not result.passed()


def test_kinks_are_stepped_around():
    # Inputs 5e-5 from ReLU's kink: a nudge of 1e-4 crosses it, so the check must retry smaller.
    x = np.array([[5e-5, -5e-5, 0.3, -0.7]])
    assert check_layer_gradients(nn.ReLU(), x).passed()


def test_model_check_subsamples_coordinates_reproducibly():
    model = nn.Sequential(nn.Linear(30, 20, rng=0), nn.Sigmoid(), nn.Linear(20, 3, rng=1))
    x = RNG.standard_normal((2, 30))
    a = check_model_gradients(model, None, x, np.array([0, 2]), max_coords=10, seed=3)
    b = check_model_gradients(model, None, x, np.array([0, 2]), max_coords=10, seed=3)
    assert a == b
    assert [(name, n) for name, _, n, _, _ in a.rows] == [
        ("x", 10),
        ("0.weight", 10),
        ("0.bias", 10),
        ("2.weight", 10),
        ("2.bias", 3),
    ]
    assert a.passed()


def test_checks_reject_non_layers():
    with pytest.raises(TypeError, match="model"):
        check_layer_gradients(lambda x: x, np.zeros(3))


def test_coordinates_exactly_on_a_kink_are_skipped_and_reported():
    # Ties in every window: the max has no gradient there, whichever cell is nudged.
    x = np.array([[[[1.0, 1.0], [0.0, 0.0]], [[2.0, -1.0], [0.5, 0.25]]]])
    result = check_layer_gradients(nn.MaxPool2d(2), x)
    name, _, checked, error, skipped = result.rows[0]
    assert (name, checked, skipped) == ("x", 6, 2)
    assert error < 1e-9 and result.passed()
    assert "skipped" in str(result) and "x: 2" in str(result)
