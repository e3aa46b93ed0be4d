#!/usr/bin/env python3
"""How fast are cnnedu's NumPy kernels? Times them next to three references.

    python benchmarks/bench.py                    # the full suite, about a minute on 2 cores
    python benchmarks/bench.py --quick            # fewer repeats, about half a minute
    python benchmarks/bench.py --json out.json    # also write every number as JSON
    python benchmarks/bench.py --threads 1        # every library on one thread

The shape suite (float32, as in training):

* LeNet-5's C1 and C3 at batch 64;
* a 64-channel 56x56 layer with 3x3 kernels (padding 1) at batch 8;
* one colour 440x440 photo through 64 5x5 filters (the lecture notes' case).

For each shape: ``conv2d_naive`` (where it finishes in reasonable time),
``conv2d`` forward, ``Conv2d.backward`` (dx, dweight and dbias), and 2x2 max
and average pooling of the convolution's output, forward and backward. Then
one LeNet-5 training step at batch 64 (forward, loss, backward, SGD update)
and the memory that ``conv2d`` needs for the notes' batch of 15 photos.

References, measured in the same run with the same number of threads:

* NumPy's own matrix product on the exact matrices im2col produces: the
  ceiling that conv2d can approach (conv2d = copy windows + this product);
* OpenCV: ``cv2.filter2D`` once per (image, filter, channel), summed over
  channels: the speed of a tuned C++ filter, one 2D image at a time;
* PyTorch on the CPU, when it is installed (it is never a dependency).

Method: every number is the median of several timed runs after warm-up runs;
calls shorter than ~20 ms are repeated inside each timed run. The libraries
are timed in separate blocks with a pause between them, because OpenBLAS
(and OpenMP) worker threads keep spinning for about 0.1 s after a call and
would slow down whatever runs next. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import sys


def _early_threads(argv) -> int:
    """The --threads value, read before NumPy is imported (BLAS reads its thread count once)."""
    for i, arg in enumerate(argv):
        if arg == "--threads" and i + 1 < len(argv):
            return int(argv[i + 1])
        if arg.startswith("--threads="):
            return int(arg.split("=", 1)[1])
    return default_threads()


def default_threads() -> int:
    """The cores this process may use (2 on the course machine)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


if __name__ == "__main__":
    # Same thread count for every library: OpenBLAS/MKL (NumPy), OpenMP (PyTorch).
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(_early_threads(sys.argv[1:]))

import json  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from dataclasses import dataclass  # noqa: E402

import cv2  # noqa: E402
import numpy as np  # noqa: E402

import cnnedu  # noqa: E402
import cnnedu.train  # noqa: E402
from cnnedu import conv as conv_module  # noqa: E402
from cnnedu.models import lenet5  # noqa: E402
from cnnedu.nn import Conv2d  # noqa: E402
from cnnedu.nn.loss import SoftmaxCrossEntropy  # noqa: E402
from cnnedu.optim import SGD  # noqa: E402

PAUSE = 0.3  # seconds between blocks of different libraries (OpenBLAS threads spin ~0.1 s)
RATIO_TARGET = 1.5  # cnnedu may take at most 1.5x PyTorch's time (training, forward+backward)
FORWARD_TARGET = 2.0  # conv2d forward on LeNet's C1 and C3: at most 2x PyTorch's time
# The complete Fashion-MNIST as Debian's package dataset-fashion-mnist installs it (never needed).
FULL_DATA_DIR = "/usr/share/datasets/fashion-mnist"
NAIVE_SPEEDUP_TARGET = 100  # conv2d must be >= 100x faster than conv2d_naive on C1
MEMORY_TARGET_MB = 256  # working memory of conv2d beyond input and output


@dataclass(frozen=True)
class Case:
    """One convolution layer of the suite: x (N, C, H, W) through weight (F, C, K, K)."""

    name: str
    x_shape: tuple
    w_shape: tuple
    padding: int
    naive_samples: int | None  # time conv2d_naive on this many samples (scaled to N); None: skip

    @property
    def out_shape(self):
        n, _, h, w = self.x_shape
        f, _, kh, kw = self.w_shape
        return (n, f, h + 2 * self.padding - kh + 1, w + 2 * self.padding - kw + 1)

    @property
    def flops(self) -> int:
        """Multiply-adds of the forward pass, counted as 2 floating-point operations."""
        _, c, kh, kw = self.w_shape
        return 2 * int(np.prod(self.out_shape)) * c * kh * kw


SUITE = [
    Case("LeNet-5 C1, batch 64", (64, 1, 28, 28), (6, 1, 5, 5), 2, 64),
    Case("LeNet-5 C3, batch 64", (64, 6, 14, 14), (16, 6, 5, 5), 0, 64),
    Case("64ch 56x56 3x3, batch 8", (8, 64, 56, 56), (64, 64, 3, 3), 1, 1),
    Case("photo 440x440, 64 5x5", (1, 3, 440, 440), (64, 3, 5, 5), 0, None),
]
# A suite that runs in a blink, for the smoke test of this script (tests/test_benchmark.py).
TINY_SUITE = [
    Case("tiny 1-channel", (4, 1, 12, 12), (3, 1, 5, 5), 2, 4),
    Case("tiny 3x3", (2, 4, 10, 10), (5, 4, 3, 3), 1, 1),
]
# The notes' batch: 15 colour 440x440 photos through 64 5x5 filters (output alone: 730 MB).
NOTES_BATCH = ((15, 3, 440, 440), (64, 3, 5, 5))
TINY_NOTES_BATCH = ((3, 3, 40, 40), (8, 3, 5, 5))


# ----------------------------------------------------------------------------- timing


class Timer:
    """Median of ``repeat`` timed runs after ``warmup`` runs; short calls are batched."""

    def __init__(self, repeat=7, warmup=2, min_run=0.02):
        self.repeat, self.warmup, self.min_run = repeat, warmup, min_run

    def __call__(self, fn) -> dict:
        for _ in range(self.warmup):
            fn()
        inner = 1  # calls per timed run
        if self.min_run > 0:
            start = time.perf_counter()
            fn()
            inner = max(1, int(self.min_run / max(time.perf_counter() - start, 1e-9)))
        samples = []
        for _ in range(self.repeat):
            start = time.perf_counter()
            for _ in range(inner):
                fn()
            samples.append((time.perf_counter() - start) / inner)
        return {
            "median_s": statistics.median(samples),
            "min_s": min(samples),
            "calls_per_run": inner,
            "samples_s": samples,
        }


def pause():
    time.sleep(PAUSE)


# ----------------------------------------------------------------------------- the layers


def make_inputs(case: Case, rng):
    x = rng.standard_normal(case.x_shape, dtype=np.float32)
    w = (rng.standard_normal(case.w_shape, dtype=np.float32) / np.sqrt(np.prod(case.w_shape[1:]))).astype(np.float32)
    b = rng.standard_normal(case.w_shape[0], dtype=np.float32)
    grad = rng.standard_normal(case.out_shape, dtype=np.float32)
    return x, w, b, grad


def opencv_conv2d(x, w, b, padding):
    """conv2d with cv2.filter2D: one 2D filter per (image, filter, channel), summed over channels.

    filter2D computes a cross-correlation (like conv2d) centred on the kernel's
    anchor (KH//2, KW//2), for every pixel; the valid part is the crop below.
    """
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding))) if padding else x
    n, c, hp, wp = xp.shape
    f, _, kh, kw = w.shape
    oh, ow = hp - kh + 1, wp - kw + 1
    top, left = kh // 2, kw // 2
    out = np.empty((n, f, oh, ow), dtype=np.float32)
    for i in range(n):
        for k in range(f):
            acc = np.full((oh, ow), b[k], dtype=np.float32)
            for ch in range(c):
                acc += cv2.filter2D(xp[i, ch], -1, w[k, ch])[top : top + oh, left : left + ow]
            out[i, k] = acc
    return out


class TextbookIm2colConv:
    """The im2col convolution layer as textbooks write it (e.g. *Deep Learning from Scratch*, ch. 7).

    Forward: the (N*OH*OW, C*KH*KW) window matrix filled by one strided copy per
    kernel offset, one product with the weight matrix, a transposed view back to
    NCHW. Backward: the transposed products, then col2im with one strided add per
    kernel offset. Written for this benchmark as the reference students usually
    meet; cnnedu must beat it on every shape.
    """

    def __init__(self, w, b, padding):
        self.w, self.b, self.p = w, b, padding

    def forward(self, x):
        p, (f, _, kh, kw) = self.p, self.w.shape
        n, c, h, wd = x.shape
        xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
        oh, ow = h + 2 * p - kh + 1, wd + 2 * p - kw + 1
        col = np.empty((n, c, kh, kw, oh, ow), dtype=x.dtype)
        for i in range(kh):
            for j in range(kw):
                col[:, :, i, j] = xp[:, :, i : i + oh, j : j + ow]
        self.col = col.transpose(0, 4, 5, 1, 2, 3).reshape(n * oh * ow, -1)
        self.x_shape = x.shape
        out = self.col @ self.w.reshape(f, -1).T + self.b
        return out.reshape(n, oh, ow, f).transpose(0, 3, 1, 2)

    def backward(self, grad):
        p, (f, c, kh, kw) = self.p, self.w.shape
        n, _, h, wd = self.x_shape
        oh, ow = grad.shape[2:]
        g = grad.transpose(0, 2, 3, 1).reshape(-1, f)
        db = g.sum(axis=0)
        dw = (self.col.T @ g).T.reshape(self.w.shape)
        dcol = (g @ self.w.reshape(f, -1)).reshape(n, oh, ow, c, kh, kw).transpose(0, 3, 4, 5, 1, 2)
        dxp = np.zeros((n, c, h + 2 * p, wd + 2 * p), dtype=grad.dtype)
        for i in range(kh):
            for j in range(kw):
                dxp[:, :, i : i + oh, j : j + ow] += dcol[:, :, i, j]
        return dxp[:, :, p : p + h, p : p + wd], dw, db


def gemm_ceiling(case: Case, rng, timer):
    """Time the matrix products alone: (F, C*KH*KW) @ (C*KH*KW, windows), block by block as conv2d does."""
    f, c, kh, kw = case.w_shape
    n, _, oh, ow = case.out_shape
    ckk = c * kh * kw
    samples, rows = conv_module._block_size(n, (oh, ow), (ckk + f) * ow * 4)
    block = samples * rows * ow  # windows per block
    w_mat = rng.standard_normal((f, ckk), dtype=np.float32)
    cols = rng.standard_normal((ckk, block), dtype=np.float32)
    out = np.empty((f, block), dtype=np.float32)
    windows = n * oh * ow
    last = windows % block

    def products():
        for _ in range(windows // block):
            np.matmul(w_mat, cols, out=out)
        if last:
            np.matmul(w_mat, cols[:, :last], out=out[:, :last])

    return timer(products)


def square_gemm_gflops(size, timer) -> float:
    """Peak float32 matrix-product speed of this machine's NumPy: (size x size) @ (size x size)."""
    rng = np.random.default_rng(1)
    a = rng.standard_normal((size, size), dtype=np.float32)
    b = rng.standard_normal((size, size), dtype=np.float32)
    out = np.empty_like(a)
    t = timer(lambda: np.matmul(a, b, out=out))
    return 2 * size**3 / t["median_s"] / 1e9


def bench_case(case: Case, timer, torch, opts) -> dict:
    """Every operation of the suite on one shape: {op: {"median_s": ..., ...}}."""
    rng = np.random.default_rng(0)
    x, w, b, grad = make_inputs(case, rng)
    p = case.padding
    res = {}

    # -- cnnedu
    out = cnnedu.conv2d(x, w, b, padding=p)
    layer = Conv2d(case.w_shape[1], case.w_shape[0], case.w_shape[2], padding=p)
    layer.params["weight"][...] = w
    layer.params["bias"][...] = b
    layer.forward(x)
    pool_grad = rng.standard_normal((*out.shape[:2], out.shape[2] // 2, out.shape[3] // 2), dtype=np.float32)
    res["conv2d forward"] = timer(lambda: cnnedu.conv2d(x, w, b, padding=p))
    res["Conv2d.backward"] = timer(lambda: layer.backward(grad))
    res["max_pool2d forward"] = timer(lambda: cnnedu.max_pool2d(out, 2))
    res["max_pool2d backward"] = timer(lambda: cnnedu.max_pool2d_backward(pool_grad, out, 2))
    res["avg_pool2d forward"] = timer(lambda: cnnedu.avg_pool2d(out, 2))
    res["avg_pool2d backward"] = timer(lambda: cnnedu.avg_pool2d_backward(pool_grad, out, 2))
    res["NumPy matrix product alone"] = gemm_ceiling(case, rng, timer)
    textbook = TextbookIm2colConv(w, b, p)
    assert np.allclose(textbook.forward(x), out, atol=1e-3 * (1 + np.abs(out).max()))
    for mine, theirs in zip(
        (layer.backward(grad), layer.grads["weight"], layer.grads["bias"]), textbook.backward(grad)
    ):
        assert np.allclose(mine, theirs, rtol=1e-3, atol=1e-3 * (1 + np.abs(mine).max()))
    res["textbook im2col forward"] = timer(lambda: textbook.forward(x))
    res["textbook im2col backward"] = timer(lambda: textbook.backward(grad))
    if case.naive_samples and not opts.skip_naive:
        k = case.naive_samples
        once = Timer(repeat=1 if opts.quick else 3, warmup=0, min_run=0)
        naive = once(lambda: cnnedu.conv2d_naive(x[:k], w, b, padding=p))
        naive["scaled_from_samples"] = k
        for key in ("median_s", "min_s"):
            naive[key] *= case.x_shape[0] / k  # the loops' time is proportional to the batch
        res["conv2d_naive"] = naive
    pause()

    # -- OpenCV
    assert np.allclose(opencv_conv2d(x, w, b, p), out, atol=1e-3 * (1 + np.abs(out).max()))
    res["OpenCV filter2D"] = timer(lambda: opencv_conv2d(x, w, b, p))
    pause()

    # -- PyTorch
    if torch is not None:
        res.update(bench_case_torch(torch, case, x, w, b, grad, out, pool_grad, layer, timer))
        pause()
    return res


def bench_case_torch(torch, case, x, w, b, grad, out, pool_grad, layer, timer) -> dict:
    import torch.nn.functional as F

    p = case.padding
    xt, wt, bt = (torch.from_numpy(a.copy()).requires_grad_() for a in (x, w, b))
    gt, yt = torch.from_numpy(grad), torch.from_numpy(out.copy()).requires_grad_()
    pgt = torch.from_numpy(pool_grad)
    with torch.no_grad():  # check that both compute the same thing
        assert np.allclose(F.conv2d(xt, wt, bt, padding=p).numpy(), out, atol=1e-3 * (1 + np.abs(out).max()))
    res = {}

    def forward():
        with torch.no_grad():
            F.conv2d(xt, wt, bt, padding=p)

    res["torch conv2d forward"] = timer(forward)
    graph = F.conv2d(xt, wt, bt, padding=p)
    dx, dw, db = torch.autograd.grad(graph, (xt, wt, bt), gt, retain_graph=True)
    ref = layer.backward(grad), layer.grads["weight"], layer.grads["bias"]
    for mine, theirs in zip(ref, (dx, dw, db)):
        assert np.allclose(mine, theirs.numpy(), rtol=1e-3, atol=1e-3 * (1 + np.abs(mine).max()))
    res["torch Conv2d.backward"] = timer(lambda: torch.autograd.grad(graph, (xt, wt, bt), gt, retain_graph=True))
    for kind, pool in (("max", F.max_pool2d), ("avg", F.avg_pool2d)):

        def pool_forward(pool=pool):
            with torch.no_grad():
                pool(yt, 2)

        res[f"torch {kind}_pool2d forward"] = timer(pool_forward)
        pooled = pool(yt, 2)
        res[f"torch {kind}_pool2d backward"] = timer(
            lambda pooled=pooled: torch.autograd.grad(pooled, yt, pgt, retain_graph=True)
        )
    return res


# ----------------------------------------------------------------------------- LeNet-5 step


def lenet_batch(batch=64):
    x_train, y_train, _, _ = cnnedu.data.load_mnist()
    x = (x_train[:batch, None] / np.float32(255)).astype(np.float32)
    return x, y_train[:batch].astype(np.int64)


def bench_lenet_step(timer, torch) -> dict:
    """One training step of LeNet-5 at batch 64: forward, loss, backward, SGD update."""
    x, y = lenet_batch()
    model = lenet5(rng=0)
    loss = SoftmaxCrossEntropy()
    opt = SGD(model, lr=0.01, momentum=0.9)

    def step():
        loss.forward(model.forward(x), y)
        model.backward(loss.backward(), need_input_grad=False)  # as cnnedu.train.fit does
        opt.step()

    res = {"LeNet-5 training step": timer(step)}
    pause()
    if torch is not None:
        tnn = torch.nn
        tmodel = torch_lenet5(torch, model)
        topt = torch.optim.SGD(tmodel.parameters(), lr=0.01, momentum=0.9)
        tloss = tnn.CrossEntropyLoss()
        xt, yt = torch.from_numpy(x), torch.from_numpy(y)

        def torch_step():
            topt.zero_grad()
            tloss(tmodel(xt), yt).backward()
            topt.step()

        res["torch LeNet-5 training step"] = timer(torch_step)
        pause()
    return res


def torch_lenet5(torch, model=None):
    """cnnedu's LeNet-5 in PyTorch layers; with ``model``, starting from its weights."""
    tnn = torch.nn
    tmodel = tnn.Sequential(
        tnn.Conv2d(1, 6, 5, padding=2), tnn.ReLU(), tnn.MaxPool2d(2),
        tnn.Conv2d(6, 16, 5), tnn.ReLU(), tnn.MaxPool2d(2),
        tnn.Conv2d(16, 120, 5), tnn.ReLU(), tnn.Flatten(),
        tnn.Linear(120, 84), tnn.ReLU(), tnn.Linear(84, 10),
    )  # fmt: skip
    if model is not None:  # both list C1.weight, C1.bias, C3.weight, ... in the same order and layout
        with torch.no_grad():
            for theirs, mine in zip(tmodel.parameters(), model.parameters(), strict=True):
                theirs.copy_(torch.from_numpy(mine.copy()))
    return tmodel


def full_epoch_data(opts):
    """(x_train, y_train, x_test, y_test, description) for the one-epoch row, or None to skip it."""
    if opts.tiny:  # the smoke test: a slice of the shipped subset
        x_train, y_train, x_test, y_test = cnnedu.data.load_mnist()
        x_train, y_train, x_test, y_test = x_train[:256], y_train[:256], x_test[:200], y_test[:200]
        name = "shipped MNIST subset, 256 images"
    else:
        folder = opts.full_data
        if opts.skip_full_data or not os.path.isdir(folder):
            return None
        x_train, y_train, x_test, y_test = cnnedu.data.load_mnist(folder)
        name = f"IDX files in {folder}"
    prep = cnnedu.train.prepare_images  # [0, 1] pixels, (N, 1, 28, 28) float32
    return prep(x_train), y_train.astype(np.int64), prep(x_test), y_test.astype(np.int64), name


def bench_full_epoch(data, torch, repeats) -> dict:
    """One training epoch of LeNet-5 (batch 64, SGD lr 0.01 momentum 0.9), then its test accuracy.

    cnnedu: ``cnnedu.train.fit`` for one epoch (shuffled with seed 0, no progress
    bar). PyTorch: the same loop over the same batches, from the same initial weights.
    Each library trains ``repeats`` fresh models, alternating; the times are the median.
    """
    x_train, y_train, x_test, y_test, name = data
    n, batch = len(x_train), 64
    order = np.random.default_rng(0).permutation(n)  # the order fit(rng=0) draws for its first epoch
    res = {"data": name, "train_images": n, "test_images": len(x_test), "batch_size": batch}
    mine, theirs = [], []
    for _ in range(repeats):
        model = lenet5(rng=0)
        start_weights = [p.copy() for p in model.parameters()]
        opt = SGD(model, lr=0.01, momentum=0.9)
        start = time.perf_counter()
        cnnedu.train.fit(model, x_train, y_train, epochs=1, batch_size=batch, optimizer=opt, rng=0, progress=False)
        mine.append(time.perf_counter() - start)
        res["cnnedu_test_acc"] = cnnedu.train.evaluate(model, x_test, y_test)[1]
        pause()
        if torch is None:
            continue
        fresh = lenet5(rng=0)
        for p, w0 in zip(fresh.parameters(), start_weights):
            p[...] = w0
        tmodel = torch_lenet5(torch, fresh)
        topt = torch.optim.SGD(tmodel.parameters(), lr=0.01, momentum=0.9)
        tloss = torch.nn.CrossEntropyLoss()
        xt, yt = torch.from_numpy(x_train), torch.from_numpy(y_train)
        start = time.perf_counter()
        for i in range(0, n, batch):
            idx = torch.from_numpy(order[i : i + batch])
            topt.zero_grad()
            tloss(tmodel(xt[idx]), yt[idx]).backward()
            topt.step()
        theirs.append(time.perf_counter() - start)
        with torch.no_grad():
            pred = tmodel(torch.from_numpy(x_test)).argmax(dim=1).numpy()
        res["torch_test_acc"] = float(np.mean(pred == y_test))
        pause()
    res["cnnedu"] = {"median_s": statistics.median(mine), "min_s": min(mine), "samples_s": mine}
    if theirs:
        res["torch"] = {"median_s": statistics.median(theirs), "min_s": min(theirs), "samples_s": theirs}
    return res


# ----------------------------------------------------------------------------- memory


def bench_memory(shapes, timer) -> dict:
    """Peak working memory of conv2d beyond its input and output, measured with tracemalloc.

    NumPy reports every array it allocates to tracemalloc, so the peak counts
    the padded copy, the window-matrix blocks and the output.
    """
    x_shape, w_shape = shapes
    rng = np.random.default_rng(0)
    x = rng.standard_normal(x_shape, dtype=np.float32)
    w = rng.standard_normal(w_shape, dtype=np.float32)
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    out = cnnedu.conv2d(x, w)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    _, c, kh, kw = w.shape
    whole_matrix = c * kh * kw * out.shape[0] * out.shape[2] * out.shape[3] * x.itemsize
    result = {
        "x_shape": list(x_shape),
        "w_shape": list(w_shape),
        "input_MB": x.nbytes / 1e6,
        "output_MB": out.nbytes / 1e6,
        "peak_MB": peak / 1e6,
        "working_MB": (peak - out.nbytes) / 1e6,  # x existed before the call: not in the peak
        "whole_window_matrix_MB": whole_matrix / 1e6,
    }
    del out
    result.update(timer(lambda: cnnedu.conv2d(x, w)))
    return result


# ----------------------------------------------------------------------------- report


def machine_info(threads, torch) -> dict:
    info = {
        "cpu": _cpu_model(),
        "logical_cpus": os.cpu_count(),
        "threads": threads,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": _blas_summary(),
        "opencv": cv2.__version__,
        "opencv_threads": cv2.getNumThreads(),
        "torch": torch.__version__ if torch is not None else None,
        "torch_threads": torch.get_num_threads() if torch is not None else None,
        "cnnedu": cnnedu.__version__,
        "load_average": _load_average(),
    }
    try:  # optional: what BLAS really runs, as seen from inside the process
        from threadpoolctl import threadpool_info

        info["threadpools"] = [
            {k: pool.get(k) for k in ("internal_api", "version", "num_threads", "architecture", "threading_layer")}
            for pool in threadpool_info()
        ]
    except ImportError:
        pass
    return info


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _blas_summary() -> str:
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return f"{blas.get('name')} {blas.get('version')} ({blas.get('openblas configuration', '').strip()})"
    except Exception:  # noqa: BLE001 - best effort, the config layout differs between versions
        return "unknown"


def _load_average():
    try:
        return [round(v, 2) for v in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def ms(t: dict | None) -> str:
    if t is None:
        return "-"
    s = t["median_s"] * 1e3
    return f"{s:.3g}" if s < 100 else f"{s:.0f}"


def gflops(flop: float | None, t: dict | None) -> str:
    return "-" if flop is None or t is None else f"{flop / t['median_s'] / 1e9:.1f}"


def ratio(mine: dict | None, ref: dict | None) -> float | None:
    return None if mine is None or ref is None else mine["median_s"] / ref["median_s"]


def fmt_ratio(r: float | None) -> str:
    return "-" if r is None else f"{r:.2f}x"


OPS = [  # (row label, cnnedu key, torch key, flops as a multiple of the forward's)
    ("conv2d_naive", "conv2d_naive", None, 1),
    ("conv2d forward", "conv2d forward", "torch conv2d forward", 1),
    ("Conv2d.backward", "Conv2d.backward", "torch Conv2d.backward", 2),
    ("max_pool2d forward", "max_pool2d forward", "torch max_pool2d forward", None),
    ("max_pool2d backward", "max_pool2d backward", "torch max_pool2d backward", None),
    ("avg_pool2d forward", "avg_pool2d forward", "torch avg_pool2d forward", None),
    ("avg_pool2d backward", "avg_pool2d backward", "torch avg_pool2d backward", None),
    ("Conv2d forward+backward", "Conv2d forward+backward", "torch Conv2d forward+backward", 3),
    ("ref: NumPy matrix product alone", "NumPy matrix product alone", None, 1),
    ("ref: OpenCV filter2D", "OpenCV filter2D", None, 1),
    ("ref: textbook im2col forward", "textbook im2col forward", None, 1),
    ("ref: textbook im2col backward", "textbook im2col backward", None, 2),
]


def _summed(a: dict | None, b: dict | None) -> dict | None:
    """Two timings added (medians and minima): forward + backward of one layer."""
    if a is None or b is None:
        return None
    return {
        "median_s": a["median_s"] + b["median_s"],
        "min_s": a["min_s"] + b["min_s"],
        "samples_s": [x + y for x, y in zip(a["samples_s"], b["samples_s"])],
        "derived": "sum of the forward and backward rows",
    }


def add_derived(results: dict) -> None:
    """Rows computed from others: Conv2d forward+backward, for cnnedu and PyTorch."""
    for case in results["cases"]:
        r = case["results"]
        for prefix in ("", "torch "):
            both = _summed(r.get(prefix + "conv2d forward"), r.get(prefix + "Conv2d.backward"))
            if both is not None:
                r[prefix + "Conv2d forward+backward"] = both


def table(results: dict) -> str:
    """The results as one Markdown table (times are medians, in milliseconds)."""
    lines = [
        "| shape | operation | cnnedu ms | GFLOP/s | PyTorch ms | cnnedu / PyTorch |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for case in results["cases"]:
        r = case["results"]
        for label, key, torch_key, mult in OPS:
            if key not in r:
                continue
            flop = case["flops"] * mult if mult else None
            mine, ref = r[key], r.get(torch_key) if torch_key else None
            note = (
                f" (timed on {r[key]['scaled_from_samples']} of {case['x_shape'][0]}, scaled)"
                if "scaled_from_samples" in r[key] and r[key]["scaled_from_samples"] != case["x_shape"][0]
                else ""
            )
            lines.append(
                f"| {case['name']} | {label}{note} | {ms(mine)} | {gflops(flop, mine)} | "
                f"{ms(ref)} | {fmt_ratio(ratio(mine, ref))} |"
            )
    step = results["lenet_step"]
    mine, ref = step["LeNet-5 training step"], step.get("torch LeNet-5 training step")
    lines.append(f"| LeNet-5, batch 64 | training step | {ms(mine)} | - | {ms(ref)} | {fmt_ratio(ratio(mine, ref))} |")
    epoch = results.get("full_epoch")
    if epoch is not None:
        mine, ref = epoch["cnnedu"], epoch.get("torch")
        acc = f"test acc {epoch['cnnedu_test_acc']:.3f}" + (
            f" vs {epoch['torch_test_acc']:.3f}" if "torch_test_acc" in epoch else ""
        )
        lines.append(
            f"| LeNet-5, {epoch['train_images']:,} images ({epoch['data']}) | one training epoch, batch 64 ({acc}) | "
            f"{ms(mine)} | - | {ms(ref)} | {fmt_ratio(ratio(mine, ref))} |"
        )
    return "\n".join(lines)


def _status(r: float, target: float) -> str:
    return "MET" if r <= target else f"MISSED by {r / target:.2f}x"


def verdicts(results: dict) -> list[str]:
    """The targets of the issue, one line each: met, or missed by how much."""
    lines = []
    cases = results["cases"]
    by_name = {c["name"]: c["results"] for c in cases}
    if results["machine"]["torch"] is None:
        lines.append("- targets against PyTorch: not measured (PyTorch not installed, or --no-torch)")
    else:
        for name in ("LeNet-5 C1, batch 64", "LeNet-5 C3, batch 64"):
            if name in by_name:
                r = ratio(by_name[name]["conv2d forward"], by_name[name]["torch conv2d forward"])
                lines.append(f"- conv2d forward on {name} within {FORWARD_TARGET}x of PyTorch: "
                             f"{_status(r, FORWARD_TARGET)} ({r:.2f}x)")  # fmt: skip
        key, torch_key = "Conv2d forward+backward", "torch Conv2d forward+backward"
        worst = max(cases, key=lambda c: ratio(c["results"][key], c["results"][torch_key]))
        r = ratio(worst["results"][key], worst["results"][torch_key])
        lines.append(f"- Conv2d forward+backward within {RATIO_TARGET}x of PyTorch on every shape: "
                     f"{_status(r, RATIO_TARGET)} (worst: {worst['name']}, {r:.2f}x)")  # fmt: skip
        photo = next((c for c in cases if c["name"].startswith("photo")), None)
        if photo is not None:
            rs = [ratio(photo["results"][k], photo["results"]["torch " + k]) for k in ("conv2d forward", key)]
            lines.append(f"- the photo faster than PyTorch: {'MET' if max(rs) < 1 else 'MISSED'} "
                         f"(forward {rs[0]:.2f}x, forward+backward {rs[1]:.2f}x)")  # fmt: skip
        step = results["lenet_step"]
        r = ratio(step["LeNet-5 training step"], step["torch LeNet-5 training step"])
        lines.append(
            f"- LeNet-5 training step within {RATIO_TARGET}x of PyTorch: {_status(r, RATIO_TARGET)} ({r:.2f}x)"
        )
        epoch = results.get("full_epoch")
        if epoch is not None and "torch" in epoch:
            r = ratio(epoch["cnnedu"], epoch["torch"])
            lines.append(f"- one LeNet-5 epoch on {epoch['train_images']:,} images within {RATIO_TARGET}x of "
                         f"PyTorch: {_status(r, RATIO_TARGET)} ({r:.2f}x)")  # fmt: skip
    if results.get("full_epoch") is None:
        lines.append(f"- full-data epoch: not measured (no IDX files in {FULL_DATA_DIR}, or --skip-full-data)")
    slower = [
        f"{c['name']} {kind}"
        for c in cases
        for kind, mine, ref in (
            ("forward", "conv2d forward", "textbook im2col forward"),
            ("backward", "Conv2d.backward", "textbook im2col backward"),
        )
        if ratio(c["results"][mine], c["results"][ref]) >= 1
    ]
    worst = max(
        ratio(c["results"][m], c["results"][t])
        for c in cases
        for m, t in (("conv2d forward", "textbook im2col forward"), ("Conv2d.backward", "textbook im2col backward"))
    )
    lines.append(
        "- faster than the textbook im2col layer on every shape, forward and backward: "
        + ("MET" if not slower else "MISSED on " + ", ".join(slower))
        + f" (cnnedu / textbook at worst {worst:.2f}x)"
    )
    c1 = next((c for c in cases if c["name"].startswith("LeNet-5 C1")), None)
    if c1 is not None and "conv2d_naive" in c1["results"]:
        speedup = 1 / ratio(c1["results"]["conv2d forward"], c1["results"]["conv2d_naive"])
        status = "MET" if speedup >= NAIVE_SPEEDUP_TARGET else "MISSED"
        lines.append(f"- conv2d >= {NAIVE_SPEEDUP_TARGET}x faster than conv2d_naive on C1: {status} ({speedup:.0f}x)")
    mem = results.get("memory")
    if mem is not None:
        status = "MET" if mem["working_MB"] <= MEMORY_TARGET_MB else "MISSED"
        lines.append(
            f"- conv2d working memory <= {MEMORY_TARGET_MB} MB for x {tuple(mem['x_shape'])}: {status} "
            f"({mem['working_MB']:.0f} MB beyond the {mem['output_MB']:.0f} MB output; "
            f"the whole window matrix would be {mem['whole_window_matrix_MB']:.0f} MB), "
            f"{mem['median_s']:.2f} s"
        )
    return lines


def report(results: dict) -> str:
    m = results["machine"]
    head = [
        f"cnnedu {m['cnnedu']} benchmark, {results['mode']} mode, float32, medians of {results['repeat']} runs",
        f"machine: {m['cpu']}, {m['logical_cpus']} logical CPUs, {m['threads']} thread(s) for every library",
        f"NumPy {m['numpy']} with {m['blas']}",
        f"OpenCV {m['opencv']} ({m['opencv_threads']} threads), "
        + (f"PyTorch {m['torch']} ({m['torch_threads']} threads)" if m["torch"] else "PyTorch: not installed"),
        f"load average before/after: {m['load_average']} / {results['load_average_after']}",
        f"NumPy float32 matrix product, {results['square_gemm_size']}^3: {results['square_gemm_gflops']:.0f} GFLOP/s",
        "",
    ]
    return "\n".join(head) + table(results) + "\n\nTargets:\n" + "\n".join(verdicts(results))


# ----------------------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", metavar="FILE", help="also write every measurement to FILE as JSON")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (3 instead of 7): about half a minute")
    parser.add_argument(
        "--threads", type=int, default=None, help="threads for every library (default: the cores this process may use)"
    )
    parser.add_argument("--no-torch", action="store_true", help="do not time PyTorch even if it is installed")
    parser.add_argument("--skip-naive", action="store_true", help="do not time conv2d_naive")
    parser.add_argument(
        "--skip-memory", action="store_true", help="skip the notes' batch of 15 photos (needs ~1 GB of RAM)"
    )
    parser.add_argument(
        "--full-data",
        metavar="DIR",
        default=FULL_DATA_DIR,
        help="folder of the four IDX files for the one-epoch row (default: %(default)s, Debian's "
        "dataset-fashion-mnist; the row is skipped when it is absent)",
    )
    parser.add_argument("--skip-full-data", action="store_true", help="skip the one-epoch row")
    parser.add_argument("--tiny", action="store_true", help=argparse.SUPPRESS)  # tiny shapes, for the tests
    return parser


def setup_opencv(threads):
    """Give OpenCV ``threads`` threads, and let its thread pool settle before anything is timed.

    Measured here: right after cv2.setNumThreads, until OpenCV's first parallel
    call, its new worker threads kept the CPU busy and made NumPy code 3x slower.
    """
    if cv2.getNumThreads() != threads:
        cv2.setNumThreads(threads)
    image = np.zeros((512, 512), dtype=np.float32)
    for _ in range(3):
        cv2.filter2D(image, -1, np.ones((5, 5), dtype=np.float32))
    pause()


def import_torch(opts, threads):
    if opts.no_torch:
        return None
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(threads)
    return torch


def run(opts) -> dict:
    threads = opts.threads if opts.threads is not None else default_threads()
    setup_opencv(threads)
    torch = import_torch(opts, threads)
    repeat = 3 if opts.quick or opts.tiny else 7
    timer = Timer(repeat=repeat, warmup=1 if opts.tiny else 2, min_run=0.0 if opts.tiny else 0.02)
    results = {
        "mode": "tiny" if opts.tiny else "quick" if opts.quick else "full",
        "repeat": repeat,
        "machine": machine_info(threads, torch),
    }
    suite = TINY_SUITE if opts.tiny else SUITE
    results["cases"] = []
    for case in suite:
        print(f"  {case.name} ...", file=sys.stderr, flush=True)
        results["cases"].append(
            {
                "name": case.name,
                "x_shape": list(case.x_shape),
                "w_shape": list(case.w_shape),
                "padding": case.padding,
                "flops": case.flops,
                "results": bench_case(case, timer, torch, opts),
            }
        )
    print("  LeNet-5 training step ...", file=sys.stderr, flush=True)
    results["lenet_step"] = bench_lenet_step(timer, torch)
    data = full_epoch_data(opts)
    if data is not None:
        print(f"  one training epoch on {len(data[0]):,} images ...", file=sys.stderr, flush=True)
        results["full_epoch"] = bench_full_epoch(data, torch, repeats=1 if opts.quick or opts.tiny else 3)
    add_derived(results)
    if not opts.skip_memory:
        print("  the notes' batch of 15 photos ...", file=sys.stderr, flush=True)
        once = Timer(repeat=1 if opts.quick or opts.tiny else 3, warmup=0, min_run=0)
        results["memory"] = bench_memory(TINY_NOTES_BATCH if opts.tiny else NOTES_BATCH, once)
    results["square_gemm_size"] = 256 if opts.tiny else 2048
    results["square_gemm_gflops"] = square_gemm_gflops(results["square_gemm_size"], timer)
    results["load_average_after"] = _load_average()
    return results


def main(argv=None) -> int:
    opts = build_parser().parse_args(argv)
    results = run(opts)
    print(report(results))
    if opts.json:
        with open(opts.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
        print(f"\nwrote {opts.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
