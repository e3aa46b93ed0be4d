"""The last step of both data scripts: compare the file just written with cnnedu.data.MANIFEST."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cnnedu.data import MANIFEST


def compare_with_manifest(path: Path, name: str) -> int:
    """Print the file's SHA-256 and whether it matches the manifest entry ``name``; 0 if it does."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    print(f"file sha256:   {digest}  {path}")
    expected = MANIFEST[name]["sha256"]
    if digest == expected:
        print("matches MANIFEST in cnnedu/data.py")
        return 0
    print(
        f"DIFFERS from MANIFEST in cnnedu/data.py ({expected}). If this change is intended, put"
        " the new sha256 in cnnedu/data.py and data/README.md; otherwise restore the committed"
        f" file with `git checkout -- data/{name}`."
    )
    return 1
