#!/usr/bin/env python3
"""Make data/astronaut_440.png, the photograph that `cnnedu.load_photo()` returns.

    pip install scikit-image        # needed ONLY to run this script
    python scripts/make_photo.py    # from the top folder of the repository

The result is committed, so neither scikit-image nor this script is needed to
use cnnedu. Run it again only to check or rebuild the file.

Source: `skimage/data/astronaut.png` from scikit-image (0.26.0), 512x512 RGB: a
photograph of NASA astronaut Eileen Collins from the NASA Great Images database
(https://flic.kr/p/r9qvLn), "no known copyright restrictions, released into the
public domain" (scikit-image's description of the image).

Processing: resized to 440x440 (the size the lecture notes used) with
cv2.INTER_AREA, which averages the source pixels each output pixel covers
(the usual choice for shrinking: no aliasing), and saved as lossless PNG.
The source's metadata (ICC profile, Photoshop comment, timestamp) is dropped.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import sys
from pathlib import Path

import cv2
import numpy as np
from manifest_check import compare_with_manifest

from cnnedu.data import DATA_DIR, PHOTO_FILE

SIZE = 440
# As listed in scikit-image's own data registry (skimage/data/_registry.py).
SOURCE_SHA256 = "88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5"


def skimage_astronaut() -> Path:
    # find_spec locates the package without importing it.
    spec = importlib.util.find_spec("skimage")
    if spec is None or not spec.submodule_search_locations:
        sys.exit(
            "scikit-image is not installed: `pip install scikit-image` "
            "(needed only to run this script)"
        )
    return Path(spec.submodule_search_locations[0]) / "data" / "astronaut.png"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", type=Path, help="astronaut.png (default: the one in scikit-image)"
    )
    parser.add_argument(
        "--out", type=Path, default=DATA_DIR / PHOTO_FILE, help="default: %(default)s"
    )
    args = parser.parse_args()

    source = args.source or skimage_astronaut()
    raw = source.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SOURCE_SHA256:
        print(f"warning: {source} has sha256 {digest}, not {SOURCE_SHA256};"
              " the result will differ from the committed file")
    # imdecode/imencode rather than imread/imwrite: they work with any path.
    # OpenCV keeps colour images in B, G, R order; that is fine here, as it
    # decodes and encodes in the same order.
    bgr = cv2.imdecode(np.frombuffer(raw, dtype=np.uint8), cv2.IMREAD_COLOR)
    assert bgr is not None and bgr.shape == (512, 512, 3) and bgr.dtype == np.uint8, bgr
    small = cv2.resize(bgr, (SIZE, SIZE), interpolation=cv2.INTER_AREA)
    ok, png = cv2.imencode(".png", small, [cv2.IMWRITE_PNG_COMPRESSION, 9])
    assert ok
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(png.tobytes())

    back = cv2.imdecode(np.frombuffer(args.out.read_bytes(), dtype=np.uint8), cv2.IMREAD_COLOR)
    assert np.array_equal(back, small)  # lossless
    print(f"{small.shape[1]}x{small.shape[0]} RGB, {args.out.stat().st_size} bytes")
    return compare_with_manifest(args.out, PHOTO_FILE)


if __name__ == "__main__":
    sys.exit(main())
