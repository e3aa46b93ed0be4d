"""README's glossary quotes the lecture notes correctly.

Every entry of its last column ("as the notes write it") must occur in the note it
names. The notes live in ../shared/seeds/ beside a checkout of this project (they are
not part of the repository); where they are absent, as in a teacher's fork, the test
is skipped and says so.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


def glossary_rows() -> list[list[str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- glossary -->", 1)[1].strip().split("\n\n", 1)[0]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in block.splitlines()]
    return rows[2:]  # header and rule


def quotations(cell: str) -> list[tuple[str, list[str]]]:
    """'특징 맵 (003); 특성 맵 (004)' -> [('특징 맵', ['003']), ('특성 맵', ['004'])]."""
    found = []
    for part in cell.split(";"):
        match = re.fullmatch(r"\s*(.+?)\s*\(([^)]*)\)\s*", part)
        assert match, f"glossary entry {part!r} should read 'term (note numbers)'"
        notes = re.findall(r"\b\d{3}\b", match.group(2))
        assert notes, f"glossary entry {part!r} names no note"
        found.append((match.group(1), notes))
    return found


def test_glossary_has_the_terms_the_notes_use():
    korean = " ".join(row[0] for row in glossary_rows())
    for term in (
        "특성 맵",
        "번역 불변성",
        "서브샘플링",
        "다운샘플링",
        "내적",
        "편향",
        "하이퍼파라미터",
        "교차 검증",
        "보폭",
        "과적합",
    ):
        assert term in korean, term


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the lecture notes (../shared/seeds/) are not beside this checkout")
def test_every_quoted_term_is_in_the_note_it_names():
    notes = {path.name[:3]: path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt")}
    missing = [
        f"{term!r} is not in note {number}"
        for row in glossary_rows()
        for term, numbers in quotations(row[2])
        for number in numbers
        if term not in notes.get(number, "")
    ]
    assert missing == []


def test_quotations_are_parsed():
    assert quotations("특징 맵 (003); activation map (002)") == [("특징 맵", ["003"]), ("activation map", ["002"])]
    with pytest.raises(AssertionError):
        quotations("특징 맵")
