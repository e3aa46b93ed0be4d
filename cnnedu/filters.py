"""Hand-designed filters: the Sobel edge detector, and scaling filter output for display.

Naming: a kernel is named after the direction in which it DIFFERENTIATES.
``SOBEL_X`` takes the derivative along x (left to right), so the edges it
finds run VERTICALLY; ``SOBEL_Y`` differentiates along y (top to bottom) and
finds HORIZONTAL edges. The lecture notes name their kernels by the same
rule but never say that the edges found run across the name, and their
kernels are the negatives of these.
The signs match OpenCV's ``cv2.Sobel`` (which, like :func:`cnnedu.conv2d`,
slides the kernel without flipping it): gx > 0 where the image gets
brighter to the right, gy > 0 where it gets brighter downwards.
"""

from __future__ import annotations

import numpy as np

from .conv import conv2d
from .shapes import as_float_array, check_ndim

__all__ = ["SOBEL_X", "SOBEL_Y", "sobel", "scale_to_uint8"]

SOBEL_X = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=np.float32)
SOBEL_Y = SOBEL_X.T.copy()


def sobel(gray, mode: str = "same"):
    """Horizontal and vertical Sobel derivatives of a grayscale image.

    gray: (H, W) -> (gx, gy), each float (H, W) for ``mode='same'`` or
    (H-2, W-2) for ``mode='valid'``.

    Border rule for 'same': the image is extended by mirroring without
    repeating the edge pixel (NumPy's ``'reflect'``, OpenCV's default
    ``BORDER_REFLECT_101``), so the result equals ``cv2.Sobel(gray,
    cv2.CV_32F, 1, 0, ksize=3)`` (and ``0, 1`` for gy) on EVERY pixel.
    """
    gray = as_float_array(gray, "gray")
    check_ndim(gray, 2, "gray", "(H, W)")
    if not isinstance(mode, str) or mode not in ("same", "valid"):
        raise ValueError(f"mode must be 'same' or 'valid', got {mode!r}")
    if min(gray.shape) < 3:
        raise ValueError(f"gray must be at least 3x3 for a 3x3 kernel, got shape {tuple(gray.shape)}")
    if mode == "same":
        gray = np.pad(gray, 1, mode="reflect")
    kernels = np.stack([SOBEL_X, SOBEL_Y])[:, None].astype(gray.dtype)  # (2, 1, 3, 3)
    out = conv2d(gray[None, None], kernels)[0]
    return out[0], out[1]


def scale_to_uint8(image) -> np.ndarray:
    """Map any real-valued image linearly onto 0..255 for display.

    Filter outputs are negative as well as positive. Clipping only above
    255 (as the lecture notes do) leaves negative values, which wrap around
    or go black; taking ``abs`` first loses the sign. Scaling min..max onto
    0..255 keeps both. A constant image maps to all zeros.
    """
    image = as_float_array(image, "image")
    lo, hi = float(image.min()), float(image.max())
    if hi == lo:
        return np.zeros(image.shape, dtype=np.uint8)
    return np.round((image - lo) * (255.0 / (hi - lo))).astype(np.uint8)
