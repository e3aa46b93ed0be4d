"""cnnedu.profile: the layer-by-layer profile of one training step."""

import time

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from cnnedu import nn  # noqa: E402
from cnnedu.models import lenet5  # noqa: E402
from cnnedu.nn.loss import SoftmaxCrossEntropy  # noqa: E402
from cnnedu.optim import SGD  # noqa: E402
from cnnedu.profile import PHASES, format_profile, plot_profile, profile_training_step  # noqa: E402

SLEEP_S = 0.02


class SlowIdentity(nn.Module):
    """Passes x through, sleeping SLEEP_S in forward: a layer whose time we know."""

    def __init__(self):
        super().__init__()
        self.forward_calls = self.backward_calls = 0

    def forward(self, x):
        self.forward_calls += 1
        time.sleep(SLEEP_S)
        return x

    def backward(self, grad_out, need_input_grad=True):
        self.backward_calls += 1
        return grad_out


def batch(n=8):
    rng = np.random.default_rng(0)
    return rng.standard_normal((n, 1, 28, 28), dtype=np.float32), rng.integers(0, 10, n)


def test_rows_follow_the_model_then_loss_and_optimizer():
    model = lenet5(rng=0)
    x, y = batch()
    rows = profile_training_step(model, x, y, repeats=2)
    assert [r["name"] for r in rows] == [*model.names, "loss", "optimizer"]
    assert [r["kind"] for r in rows] == ["layer"] * len(model) + ["loss", "optimizer"]
    assert rows[0]["layer"] == repr(model["C1"])
    for r in rows:
        assert all(r[p] >= 0 for p in PHASES)
        assert r["total_ms"] == pytest.approx(sum(r[p] for p in PHASES))
    assert all(r["update_ms"] == 0 for r in rows[:-1])
    assert rows[-1]["forward_ms"] == rows[-1]["backward_ms"] == 0
    assert rows[-1]["update_ms"] > 0
    assert rows[0]["forward_ms"] > 0 and rows[0]["backward_ms"] > 0  # C1 does real work both ways


def test_a_known_slow_layer_shows_its_time_where_it_spends_it():
    slow = SlowIdentity()
    model = nn.Sequential({"slow": slow, "flatten": nn.Flatten(), "fc": nn.Linear(784, 10, rng=0)})
    x, y = batch()
    rows = profile_training_step(model, x, y, repeats=3, warmup=1)
    assert slow.forward_calls == slow.backward_calls == 4  # warm-up + 3 timed steps
    by_name = {r["name"]: r for r in rows}
    assert by_name["slow"]["forward_ms"] >= 1e3 * SLEEP_S
    assert by_name["slow"]["backward_ms"] < 1e3 * SLEEP_S / 4
    assert by_name["fc"]["forward_ms"] < 1e3 * SLEEP_S / 4


def test_profiling_does_not_train_the_model():
    model = lenet5(rng=0)
    before = {k: p.copy() for k, p in model.params.items()}
    arrays = {k: id(p) for k, p in model.params.items()}
    x, y = batch()
    opt = SGD(model, lr=0.5, momentum=0.9)
    profile_training_step(model, x, y, optimizer=opt, repeats=2)
    for k, p in model.params.items():
        assert id(p) == arrays[k]  # the same arrays (the optimiser still updates them) ...
        np.testing.assert_array_equal(p, before[k])  # ... holding the old values


def test_the_step_is_the_one_fit_takes():
    """The profiled step changes the parameters exactly as an untimed step does (before restoring)."""
    x, y = batch()
    ref = lenet5(rng=0)
    loss = SoftmaxCrossEntropy()
    opt = SGD(ref, lr=0.01, momentum=0.9)
    loss.forward(ref.forward(x), y)
    ref.backward(loss.backward(), need_input_grad=False)
    opt.step()

    model = lenet5(rng=0)
    seen = {}

    class Spy(SGD):
        def step(self):
            super().step()
            seen.setdefault("params", [p.copy() for p in self.params])

    profile_training_step(model, x, y, optimizer=Spy(model, lr=0.01, momentum=0.9), repeats=1, warmup=0)
    for got, want in zip(seen["params"], ref.parameters()):
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize(
    "kwargs, error, words",
    [
        ({"repeats": 0}, ValueError, "repeats"),
        ({"repeats": 2.5}, TypeError, "repeats"),
        ({"warmup": -1}, ValueError, "warmup"),
        ({"clock": "gpu"}, ValueError, "clock"),
    ],
)
def test_bad_arguments_name_themselves(kwargs, error, words):
    x, y = batch()
    with pytest.raises(error, match=words):
        profile_training_step(lenet5(rng=0), x, y, **kwargs)


def test_model_must_be_a_sequential():
    x, y = batch()
    with pytest.raises(TypeError, match="Sequential"):
        profile_training_step(nn.ReLU(), x, y)
    with pytest.raises(ValueError, match="at least one layer"):
        profile_training_step(nn.Sequential(), x, y)


def test_format_and_plot():
    model = lenet5(rng=0)
    x, y = batch()
    rows = profile_training_step(model, x, y, repeats=1)
    text = format_profile(rows)
    lines = text.splitlines()
    assert len(lines) == len(rows) + 2  # header, one per row, the step total
    assert lines[1].split()[0] == "C1" and lines[-1].split()[0] == "step"
    assert lines[-1].endswith("100.0%")
    fig = plot_profile(rows, title="LeNet-5")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [r["name"] for r in rows]
    assert ax.get_title() == "LeNet-5"
    widths = {}
    for bar in ax.patches:  # stacked: the bars of one row add up to its total
        row = round(bar.get_y() + bar.get_height() / 2)
        widths[row] = widths.get(row, 0) + bar.get_width()
    for i, r in enumerate(rows):
        assert widths.get(i, 0) == pytest.approx(r["total_ms"])
    matplotlib.pyplot.close(fig)


def test_format_rejects_other_things():
    with pytest.raises(TypeError, match="rows"):
        format_profile([])
    with pytest.raises(ValueError, match="forward_ms"):
        plot_profile([{"name": "C1"}])


def test_cpu_clock_does_not_count_sleeping():
    """A sleeping layer takes wall time but no CPU time: the two clocks really differ."""
    model = nn.Sequential({"slow": SlowIdentity(), "flatten": nn.Flatten(), "fc": nn.Linear(784, 10, rng=0)})
    x, y = batch()
    wall = profile_training_step(model, x, y, repeats=2, clock="wall")[0]["forward_ms"]
    cpu = profile_training_step(model, x, y, repeats=2, clock="cpu")[0]["forward_ms"]
    assert wall >= 1e3 * SLEEP_S > 4 * cpu
