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

from .shapes import as_float_array, check_ndim

__all__ = ["SOBEL_X", "SOBEL_Y", "sobel", "scale_to_uint8"]

SOBEL_X = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype=np.float32)
SOBEL_Y = SOBEL_X.T.copy()


def _shifted(a: np.ndarray, axis: int, k: int) -> np.ndarray:
    """``a`` without its first k and last 2 - k entries along ``axis`` (a view)."""
    index = [slice(None)] * a.ndim
    index[axis] = slice(k, a.shape[axis] - 2 + k)
    return a[tuple(index)]


def _smooth(a: np.ndarray, axis: int) -> np.ndarray:
    """The [1, 2, 1] smoothing of the Sobel kernels along ``axis`` (the result is 2 shorter)."""
    return _shifted(a, axis, 0) + 2 * _shifted(a, axis, 1) + _shifted(a, axis, 2)


def _diff(a: np.ndarray, axis: int) -> np.ndarray:
    """The [-1, 0, 1] derivative of the Sobel kernels along ``axis`` (the result is 2 shorter)."""
    return _shifted(a, axis, 2) - _shifted(a, axis, 0)


def sobel(gray, mode: str = "same"):
    """Horizontal and vertical Sobel derivatives of a grayscale image.

    gray: (H, W) -> (gx, gy), each float (H, W) for ``mode='same'`` or
    (H-2, W-2) for ``mode='valid'``.

    Border rule for 'same': the image is extended by mirroring without
    repeating the edge pixel (NumPy's ``'reflect'``, OpenCV's default
    ``BORDER_REFLECT_101``), so the result equals ``cv2.Sobel(gray,
    cv2.CV_32F, 1, 0, ksize=3)`` (and ``0, 1`` for gy) on EVERY pixel.

    The result is ``conv2d`` with SOBEL_X and SOBEL_Y, computed the way
    OpenCV does it: each 3x3 kernel is a [-1, 0, 1] difference times a
    [1, 2, 1] smoothing, applied one after the other (row first). The 0 in
    the middle is never multiplied, so an inf pixel gives +-inf around it and
    a finite value on itself, as in cv2.Sobel (a product 0 * inf would be NaN).
    A NaN pixel makes every result that reads it NaN.
    """
    gray = as_float_array(gray, "gray")
    check_ndim(gray, 2, "gray", "(H, W)")
    if not isinstance(mode, str) or mode not in ("same", "valid"):
        raise ValueError(f"mode must be 'same' or 'valid', got {mode!r}")
    if min(gray.shape) < 3:
        raise ValueError(f"gray must be at least 3x3 for a 3x3 kernel, got shape {tuple(gray.shape)}")
    if mode == "same":
        gray = np.pad(gray, 1, mode="reflect")
    # SOBEL_X = [1, 2, 1]^T (rows) times [-1, 0, 1] (columns); SOBEL_Y is its transpose.
    with np.errstate(invalid="ignore"):  # inf - inf = NaN is the documented answer
        gx = _smooth(_diff(gray, axis=1), axis=0)
        gy = _diff(_smooth(gray, axis=1), axis=0)
    return gx, gy


def scale_to_uint8(image) -> np.ndarray:
    """Map any real-valued image linearly onto 0..255 for display.

    Filter outputs are negative as well as positive. Clipping only above
    255 (as the lecture notes do) leaves negative values, which wrap around
    or go black; taking ``abs`` first loses the sign. Scaling min..max onto
    0..255 keeps both. A constant image maps to all zeros, an empty one to
    an empty result. NaN or inf values have no place on that scale: they are
    a ValueError (replace them first, e.g. with ``np.nan_to_num``).
    """
    image = as_float_array(image, "image")
    if image.size == 0:
        return np.zeros(image.shape, dtype=np.uint8)
    bad = ~np.isfinite(image)
    if bad.any():
        first = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(
            f"image must hold finite numbers to be scaled to 0..255, got {int(bad.sum())} NaN or inf "
            f"values (the first at index {first}: {image[first]}); replace them first, e.g. np.nan_to_num(image)"
        )
    lo, hi = float(image.min()), float(image.max())
    if hi == lo:
        return np.zeros(image.shape, dtype=np.uint8)
    # clip: (x - lo) * scale can round a hair above 255 in float32
    return np.clip(np.round((image - lo) * (255.0 / (hi - lo))), 0, 255).astype(np.uint8)
