"""Independent reference implementations the tests compare cnnedu against.

Written from the definitions with nothing shared with the package (no
cnnedu helper computes a padding or a window here), so a bug in cnnedu's
shared machinery cannot hide in both sides of a comparison.
"""

from __future__ import annotations

import math

import numpy as np


def tf_same_pads(size, k, s, d):
    """TensorFlow's documented 'SAME' padding along one axis: (before, after)."""
    out = -(-size // s)
    total = max((out - 1) * s + (k - 1) * d + 1 - size, 0)
    return total // 2, total - total // 2


def explicit_pads(padding, hw, khw, shw, dhw):
    if padding == "valid":
        return [(0, 0), (0, 0)]
    if padding == "same":
        return [tf_same_pads(n, k, s, d) for n, k, s, d in zip(hw, khw, shw, dhw)]
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    return [(ph, ph), (pw, pw)]


def conv2d_reference(x, w, b, stride, padding, dilation):
    """Cross-correlation straight from the definition, one scalar product at a time."""
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    sh, sw = stride
    dh, dw = dilation
    (pt, pb), (pl, pr) = explicit_pads(padding, (h, wd), (kh, kw), stride, dilation)
    xp = np.zeros((n, c, h + pt + pb, wd + pl + pr))
    xp[:, :, pt : pt + h, pl : pl + wd] = x
    oh = (h + pt + pb - (kh - 1) * dh - 1) // sh + 1
    ow = (wd + pl + pr - (kw - 1) * dw - 1) // sw + 1
    out = np.zeros((n, f, oh, ow))
    for i in range(oh):
        for j in range(ow):
            for a in range(kh):
                for bb in range(kw):
                    pix = xp[:, :, i * sh + a * dh, j * sw + bb * dw]  # (N, C)
                    out[:, :, i, j] += pix @ w[:, :, a, bb].T
    if b is not None:
        out += b[None, :, None, None]
    return out


def pool_reference(x, k, s, padding, kind):
    """Pooling from the definition. padding: int pair (PyTorch rules) or 'same' (tf.nn.pool rules)."""
    n, c, h, w = x.shape
    kh, kw = k
    sh, sw = s
    if padding == "same":
        (pt, pb), (pl, pr) = tf_same_pads(h, kh, sh, 1), tf_same_pads(w, kw, sw, 1)
    else:
        (pt, pb), (pl, pr) = (padding[0], padding[0]), (padding[1], padding[1])
    oh = (h + pt + pb - kh) // sh + 1
    ow = (w + pl + pr - kw) // sw + 1
    out = np.zeros((n, c, oh, ow))
    for i in range(oh):
        for j in range(ow):
            r0, c0 = i * sh - pt, j * sw - pl
            r1, c1 = r0 + kh, c0 + kw
            window = x[:, :, max(r0, 0) : min(r1, h), max(c0, 0) : min(c1, w)]
            if kind == "max":
                out[:, :, i, j] = window.max(axis=(2, 3))
            elif padding == "same":
                out[:, :, i, j] = window.mean(axis=(2, 3))
            else:  # zeros of the padding count in the divisor
                out[:, :, i, j] = window.sum(axis=(2, 3)) / (kh * kw)
    return out


def numerical_gradient(f, x, eps=1e-6):
    """Central differences of scalar f() with respect to every entry of x (modified in place, restored)."""
    grad = np.zeros_like(x, dtype=np.float64)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        idx = it.multi_index
        old = x[idx]
        x[idx] = old + eps
        plus = f()
        x[idx] = old - eps
        minus = f()
        x[idx] = old
        grad[idx] = (plus - minus) / (2 * eps)
    return grad


def rel_error(a, b):
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


def ceil_div(a, b):
    return math.ceil(a / b)
