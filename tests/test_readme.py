"""README's open command lets the student reach what the notebooks point at.

JupyterLab's file browser cannot go above the folder it was started in, so every path a
notebook tells the student to open (the solutions) must lie inside that folder.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")) + sorted(
    (REPO / "notebooks" / "ko").glob("[0-9][0-9]_*.ipynb")
)


def fenced_command(marker: str) -> str:
    """The first line of the fenced block after ``<!-- marker -->`` in README.md."""
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index(f"<!-- {marker} -->")
    assert lines[start + 1].startswith("```"), f"no fenced block after <!-- {marker} -->"
    return lines[start + 2]


def lab_root(command: str) -> Path:
    """The folder JupyterLab's file browser starts in, for a README command run at the top folder."""
    last = command.split("&&")[-1]
    words = shlex.split(last)
    assert words[:2] == ["jupyter", "lab"], f"the open command should end with `jupyter lab ...`: {last!r}"
    paths = [w for w in words[2:] if not w.startswith("-")]
    for word in words[2:]:
        if word.startswith(("--ServerApp.root_dir=", "--notebook-dir=")):
            return (REPO / word.split("=", 1)[1]).resolve()
    if paths and (REPO / paths[0]).is_dir():
        return (REPO / paths[0]).resolve()
    return REPO  # no folder given (or a file): the folder the command runs in


def solution_paths(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    return re.findall(r"`((?:\.\./)*solutions/[\w./]+)`", text)


def test_open_command_starts_jupyterlab_where_solutions_and_notebooks_are():
    root = lab_root(fenced_command("open-command"))
    assert (root / "solutions").is_dir() and (root / "notebooks").is_dir(), root


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(REPO / "notebooks")) for p in NOTEBOOKS])
def test_every_solution_pointer_opens_from_jupyterlab(path):
    root = lab_root(fenced_command("open-command"))
    pointers = solution_paths(path)
    assert pointers, f"{path.name} never says where its solutions are"
    number = path.name[:2]
    for pointer in pointers:
        target = (root / pointer).resolve()
        assert target.is_file() and root in target.parents, f"{pointer} does not open from {root}"
        assert target.name == f"ex{number}.py", f"{path.name} points at {pointer}"


def test_lab_root_reads_the_command():
    assert lab_root("python -m pip install x && jupyter lab") == REPO
    assert lab_root("jupyter lab notebooks/") == REPO / "notebooks"
    assert lab_root("jupyter lab --ServerApp.root_dir=notebooks") == REPO / "notebooks"
    with pytest.raises(AssertionError):
        lab_root("jupyter notebook")


def test_korean_section_repeats_the_two_commands_exactly():
    """The 한국어 안내 shows the same two commands as the marked blocks (no second copy that drifts)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    korean = text.split("## 한국어 안내", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)\n```", korean, flags=re.S)
    assert blocks == [fenced_command("open-command"), fenced_command("test-command")]


def headings(path: Path) -> set[int]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    return {int(n) for n in re.findall(r"^## (\d+)\.", text, flags=re.M)}


def test_lecture_map_points_at_sections_that_exist():
    """Every 'NN §k' of the 한국어 안내's lecture map is a numbered section of both editions."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = text.split("<!-- lecture-map -->", 1)[1].split("\n\n", 1)[0]
    refs = re.findall(r"\b(\d\d) §(\d+)", table)
    assert len(refs) > 20, "the lecture map lists too few sections"
    for number, section in refs:
        for folder in (REPO / "notebooks", REPO / "notebooks" / "ko"):
            path = next(folder.glob(f"{number}_*.ipynb"))
            assert int(section) in headings(path), f"{path.relative_to(REPO)} has no section {section}"
