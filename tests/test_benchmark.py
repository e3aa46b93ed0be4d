"""The benchmark script runs (on tiny shapes, no timing asserted), and conv2d's memory stays bounded.

benchmarks/bench.py is a script, not part of the package: it is loaded here by
path. PyTorch is an optional reference of the benchmark only; these tests
never import it.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

import cnnedu
from cnnedu import conv

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"


def _load_bench():
    spec = importlib.util.spec_from_file_location("cnnedu_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


bench = _load_bench()


def test_benchmark_runs_on_tiny_shapes_and_writes_json(tmp_path, capsys):
    torch_was_loaded = "torch" in sys.modules
    out = tmp_path / "bench.json"
    assert bench.main(["--tiny", "--no-torch", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    results = json.loads(out.read_text())

    # the table names every operation of the suite, for every shape
    for case in bench.TINY_SUITE:
        for op in (
            "conv2d_naive",
            "conv2d forward",
            "Conv2d.backward",
            "max_pool2d backward",
            "avg_pool2d forward",
            "Conv2d forward+backward",
            "ref: NumPy matrix product alone",
            "ref: OpenCV filter2D",
            "ref: textbook im2col forward",
            "ref: textbook im2col backward",
        ):
            assert f"| {case.name} | {op}" in printed
    assert "| LeNet-5, batch 64 | training step |" in printed
    assert "| LeNet-5, 256 images (shipped MNIST subset, 256 images) | one training epoch, batch 64" in printed
    assert "Targets:" in printed and "not measured" in printed  # no PyTorch: said, not hidden
    assert "textbook im2col layer on every shape" in printed
    epoch = results["full_epoch"]
    assert epoch["train_images"] == 256 and epoch["cnnedu"]["median_s"] > 0 and "torch" not in epoch
    assert 0 <= epoch["cnnedu_test_acc"] <= 1
    for case in results["cases"]:  # the derived row is the sum of the two it is made of
        r = case["results"]
        both = r["conv2d forward"]["median_s"] + r["Conv2d.backward"]["median_s"]
        assert r["Conv2d forward+backward"]["median_s"] == pytest.approx(both)

    assert [c["name"] for c in results["cases"]] == [c.name for c in bench.TINY_SUITE]
    for case in results["cases"]:
        for timing in case["results"].values():
            assert timing["median_s"] > 0 and len(timing["samples_s"]) >= 1
    assert results["lenet_step"]["LeNet-5 training step"]["median_s"] > 0
    assert results["memory"]["working_MB"] >= 0
    assert results["machine"]["threads"] >= 1 and results["machine"]["torch"] is None
    if not torch_was_loaded:
        assert "torch" not in sys.modules  # --no-torch really keeps PyTorch out


def test_opencv_reference_computes_conv2d():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 3, 9, 8), dtype=np.float32)
    w = rng.standard_normal((4, 3, 3, 2), dtype=np.float32)  # even kernel width: anchor check
    b = rng.standard_normal(4, dtype=np.float32)
    for padding in (0, 1):
        np.testing.assert_allclose(
            bench.opencv_conv2d(x, w, b, padding), cnnedu.conv2d(x, w, b, padding=padding), atol=1e-4
        )


def test_textbook_reference_layer_computes_conv2d_and_its_gradients():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, 3, 9, 8))
    w = rng.standard_normal((4, 3, 3, 2))
    b = rng.standard_normal(4)
    for padding in (0, 1):
        layer = bench.TextbookIm2colConv(w, b, padding)
        out = layer.forward(x)
        np.testing.assert_allclose(out, cnnedu.conv2d_naive(x, w, b, padding=padding), atol=1e-10)
        g = rng.standard_normal(out.shape)
        for got, want in zip(layer.backward(g), cnnedu.conv2d_backward(g, x, w, padding=padding)):
            np.testing.assert_allclose(got, want, atol=1e-10)


def test_full_epoch_row_is_skipped_without_the_data(tmp_path):
    opts = bench.build_parser().parse_args(["--full-data", str(tmp_path / "absent")])
    assert bench.full_epoch_data(opts) is None
    opts = bench.build_parser().parse_args(["--skip-full-data"])
    assert bench.full_epoch_data(opts) is None


def test_flop_count_of_lenet_c1():
    c1 = bench.SUITE[0]
    assert c1.out_shape == (64, 6, 28, 28)
    assert c1.flops == 2 * 64 * 6 * 28 * 28 * 25


def _peak_bytes(fn):
    """(result, peak bytes NumPy allocated while fn ran)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        result = fn()
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    return result, peak


BUDGET = 64 * 2**10  # a small budget keeps the test fast; the default is 16 MiB
SLACK = 32 * 2**10  # Python objects, views, small temporaries


@pytest.mark.parametrize("padding", [0, 2])
@pytest.mark.parametrize("batch", [6, 48])
def test_conv2d_working_memory_stays_within_the_budget_whatever_the_batch(monkeypatch, padding, batch):
    monkeypatch.setattr(conv, "COLS_BUDGET_BYTES", BUDGET)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((batch, 3, 40, 40), dtype=np.float32)
    w = rng.standard_normal((8, 3, 5, 5), dtype=np.float32)
    out, peak = _peak_bytes(lambda: cnnedu.conv2d(x, w, padding=padding))
    n, _, h, wd = x.shape
    padded = n * 3 * (h + 2 * padding) * (wd + 2 * padding) * 4 if padding else 0
    whole_matrix = 3 * 5 * 5 * out.shape[0] * out.shape[2] * out.shape[3] * 4
    assert whole_matrix > 10 * BUDGET  # the unchunked window matrix would be far above the budget
    working = peak - out.nbytes - padded
    assert working <= BUDGET + SLACK, f"{working} bytes beyond input, output and padded copy"


def test_conv2d_backward_working_memory_stays_within_the_budget(monkeypatch):
    monkeypatch.setattr(conv, "COLS_BUDGET_BYTES", BUDGET)
    rng = np.random.default_rng(1)
    x = rng.standard_normal((24, 3, 40, 40), dtype=np.float32)
    w = rng.standard_normal((8, 3, 5, 5), dtype=np.float32)
    g = rng.standard_normal((24, 8, 40, 40), dtype=np.float32)
    (dx, _, _), peak = _peak_bytes(lambda: conv.conv2d_backward(g, x, w, padding=2))
    padded = 24 * 3 * 44 * 44 * 4
    # padded input copy, its gradient (flat planes, a few spare numbers each) and dx itself
    arrays = 2 * padded + 24 * 3 * 4 * 4 + dx.nbytes
    assert peak - arrays <= BUDGET + SLACK


def test_one_huge_sample_is_split_into_rows(monkeypatch):
    monkeypatch.setattr(conv, "COLS_BUDGET_BYTES", BUDGET)
    rng = np.random.default_rng(2)
    x = rng.standard_normal((1, 3, 120, 120), dtype=np.float32)  # one sample: 3.2 MB of windows
    w = rng.standard_normal((4, 3, 5, 5), dtype=np.float32)
    out, peak = _peak_bytes(lambda: cnnedu.conv2d(x, w))
    assert peak - out.nbytes <= BUDGET + SLACK
    monkeypatch.setattr(conv, "COLS_BUDGET_BYTES", 2**30)
    np.testing.assert_allclose(out, cnnedu.conv2d(x, w), rtol=1e-5, atol=1e-5)
