"""SGD and Adam against PyTorch's update formulas.

The PYTORCH_* numbers were produced once with torch 2.13 (torch.optim.SGD /
torch.optim.Adam, float64) on the quadratic below; torch is not needed to run
these tests. The hand-written references re-derive the same formulas from
PyTorch's documentation, one line per equation.
"""

import numpy as np
import pytest

from cnnedu import nn
from cnnedu.optim import SGD, Adam

A = np.array([1.0, 3.0, 0.5])
C = np.array([0.0, 1.0, -1.0])
P0 = np.array([1.0, -2.0, 0.5])

PYTORCH = {  # name: (optimizer factory, params after step 1, params after step 5)
    "sgd": (lambda m: SGD(m, lr=0.1), [0.9, -1.1, 0.425], [0.59049, 0.49579, 0.16067140625]),
    "sgd_momentum_wd": (
        lambda m: SGD(m, lr=0.1, momentum=0.9, weight_decay=0.01),
        [0.899, -1.098, 0.4245],
        [-0.036815008311901154, 3.330634596246102, -0.3779443228083757],
    ),
    "adam": (
        lambda m: Adam(m, lr=0.05),
        [0.9500000005, -1.9500000000555555, 0.4500000006666667],
        [0.7514778925944668, -1.7504011172707215, 0.2508897311073788],
    ),
    "adam_wd": (
        lambda m: Adam(m, lr=0.05, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1),
        [0.9500000454545041, -1.950000005434782, 0.45000006249992186],
        [0.7526634302033792, -1.7507860754476101, 0.2518998649724776],
    ),
}


class Quadratic:
    """f(p) = 0.5 * sum(a * (p - c)**2): the smallest 'model' an optimiser accepts."""

    def __init__(self, p0=P0, a=A, c=C, dtype=np.float64):
        self.p = np.array(p0, dtype=dtype)
        self.a, self.c = a, c
        self.g = np.zeros_like(self.p)

    def parameters(self):
        return [self.p]

    def gradients(self):
        return [self.g]

    def zero_grad(self):
        self.g[...] = 0

    def backward(self):
        self.g = (self.a * (self.p - self.c)).astype(self.p.dtype)


def run(make, steps, model=None):
    model = Quadratic() if model is None else model
    opt = make(model)
    for _ in range(steps):
        model.backward()
        opt.step()
    return model.p


@pytest.mark.parametrize("name", sorted(PYTORCH))
def test_one_and_five_steps_equal_pytorch(name):
    make, step1, step5 = PYTORCH[name]
    np.testing.assert_allclose(run(make, 1), step1, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(run(make, 5), step5, rtol=1e-13, atol=1e-15)


def gradient(p):
    return A * (p - C)


def sgd_reference(steps, lr, momentum, weight_decay):
    """torch.optim.SGD's documented algorithm (dampening 0, no Nesterov)."""
    p, buf, trajectory = P0.copy(), None, []
    for _ in range(steps):
        g = gradient(p) + weight_decay * p
        if momentum:
            buf = g if buf is None else momentum * buf + g
            g = buf
        p = p - lr * g
        trajectory.append(p)
    return trajectory


def adam_reference(steps, lr, betas, eps, weight_decay):
    """torch.optim.Adam's documented algorithm (amsgrad off)."""
    p, trajectory = P0.copy(), []
    m = v = np.zeros_like(p)
    for t in range(1, steps + 1):
        g = gradient(p) + weight_decay * p
        m = betas[0] * m + (1 - betas[0]) * g
        v = betas[1] * v + (1 - betas[1]) * g**2
        m_hat = m / (1 - betas[0] ** t)
        v_hat = v / (1 - betas[1] ** t)
        p = p - lr * m_hat / (np.sqrt(v_hat) + eps)
        trajectory.append(p)
    return trajectory


@pytest.mark.parametrize("momentum,weight_decay", [(0.0, 0.0), (0.9, 0.0), (0.5, 0.05)])
def test_sgd_equals_hand_written_formula(momentum, weight_decay):
    expected = sgd_reference(4, lr=0.07, momentum=momentum, weight_decay=weight_decay)
    model = Quadratic()
    opt = SGD(model, lr=0.07, momentum=momentum, weight_decay=weight_decay)
    for want in expected:
        model.backward()
        opt.step()
        np.testing.assert_allclose(model.p, want, rtol=1e-14)


@pytest.mark.parametrize("betas,weight_decay", [((0.9, 0.999), 0.0), ((0.5, 0.9), 0.01)])
def test_adam_equals_hand_written_formula(betas, weight_decay):
    kwargs = dict(lr=0.03, betas=betas, eps=1e-8, weight_decay=weight_decay)
    expected = adam_reference(4, **kwargs)
    model = Quadratic()
    opt = Adam(model, **kwargs)
    for want in expected:
        model.backward()
        opt.step()
        np.testing.assert_allclose(model.p, want, rtol=1e-13)


def test_plain_sgd_is_p_minus_lr_times_grad():
    model = Quadratic()
    opt = SGD(model, lr=0.25)
    model.backward()
    expected = P0 - 0.25 * A * (P0 - C)
    opt.step()
    np.testing.assert_array_equal(model.p, expected)


@pytest.mark.parametrize(
    "make,steps",
    [
        (lambda m: SGD(m, lr=0.1), 200),
        (lambda m: SGD(m, lr=0.05, momentum=0.9), 300),
        (lambda m: Adam(m, lr=0.05), 600),
    ],
)
def test_optimisers_minimise_a_quadratic(make, steps):
    np.testing.assert_allclose(run(make, steps), C, atol=1e-3)


def test_step_updates_the_arrays_in_place_and_keeps_float32():
    layer = nn.Linear(3, 2, rng=0)
    weight = layer.params["weight"]
    before = weight.copy()
    opt = Adam(layer, lr=0.1)
    layer.forward(np.ones((4, 3), dtype=np.float32))
    layer.backward(np.ones((4, 2), dtype=np.float32))
    opt.step()
    assert layer.params["weight"] is weight and weight.dtype == np.float32
    assert not np.array_equal(weight, before)


def test_optimiser_reads_fresh_gradients_at_every_step():
    # Layers store a new gradient array in each backward; the optimiser must not keep the old one.
    model = Quadratic()
    opt = SGD(model, lr=0.1)
    model.backward()
    opt.step()
    model.g = np.zeros(3)
    p = model.p.copy()
    opt.step()
    np.testing.assert_array_equal(model.p, p)


def test_zero_grad_delegates_to_the_model():
    model = Quadratic()
    model.backward()
    SGD(model, lr=0.1).zero_grad()
    assert not model.g.any()


@pytest.mark.parametrize(
    "make,error,match",
    [
        (lambda: SGD([np.zeros(3)], lr=0.1), TypeError, "parameters"),
        (lambda: SGD(Quadratic(), lr=-1), ValueError, "lr"),
        (lambda: SGD(Quadratic(), lr="0.1"), TypeError, "lr"),
        (lambda: SGD(Quadratic(), lr=0.1, momentum=-0.5), ValueError, "momentum"),
        (lambda: Adam(Quadratic(), betas=(0.9, 1.0)), ValueError, r"betas\[1\]"),
        (lambda: Adam(Quadratic(), betas=0.9), TypeError, "betas"),
        (lambda: Adam(Quadratic(), eps=-1e-8), ValueError, "eps"),
        (lambda: Adam(Quadratic(), weight_decay=-1), ValueError, "weight_decay"),
    ],
)
def test_bad_arguments(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_reprs():
    assert (
        repr(SGD(Quadratic(), lr=0.1, momentum=0.9))
        == "SGD(lr=0.1, momentum=0.9, weight_decay=0.0)"
    )
    assert (
        repr(Adam(Quadratic())) == "Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.0)"
    )
