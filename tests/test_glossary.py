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


NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")) + sorted(
    (REPO / "notebooks" / "ko").glob("[0-9][0-9]_*.ipynb")
)
# "(hap-seong-gop)": syllables joined by hyphens, the way a romanisation is written
ROMANISATION = re.compile(r"\((?=[a-z -/]*-[a-z -/]*-)[a-z]+(?:[- /][a-z]+)+\)")
HANGUL_TERM = re.compile(r"[\uac00-\ud7a3]+(?: [\uac00-\ud7a3]+)*")


def lecture_terms_line(path: Path) -> str:
    """The 'Lecture terms' (강의 용어) paragraph of a notebook's title cell."""
    import json

    first = "".join(json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"])
    for paragraph in first.split("\n\n"):
        if paragraph.startswith(("**Lecture terms:**", "**강의 용어:**")):
            return paragraph.split(":**", 1)[1]
    raise AssertionError(f"{path.name}: the title cell has no **Lecture terms:** / **강의 용어:** line")


def lecture_side(line: str) -> list[str]:
    """The Korean terms a line attributes to the lecture: in each '·' item, what stands before '='
    (after it comes the translation), outside parentheses (a remark)."""
    terms = []
    for item in line.split("\u00b7"):
        term = re.sub(r"\([^)]*\)", "", item.split("=", 1)[0])
        terms += HANGUL_TERM.findall(term)
    return terms


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(REPO / "notebooks")) for p in NOTEBOOKS])
def test_lecture_terms_are_the_notes_own_without_romanisation(path):
    line = lecture_terms_line(path)
    assert not ROMANISATION.search(line), f"romanisation in {path.name}: {ROMANISATION.search(line).group(0)}"
    if not SEEDS.is_dir():
        pytest.skip("the lecture notes (../shared/seeds/) are not beside this checkout")
    notes = re.sub(r"\s+", "", " ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")))
    absent = [term for term in lecture_side(line) if re.sub(r"\s+", "", term) not in notes]
    assert absent == [], f"{path.name} calls these lecture terms, but the notes never use them: {absent}"


def test_lecture_side_reads_the_term_not_its_translation():
    assert lecture_side("합성곱 = convolution · Sub Sampling = 서브샘플링 · 특징 맵 (흔히 피처 맵) = feature map") == [
        "합성곱",
        "특징 맵",
    ]


def test_romanisation_is_recognised():
    assert ROMANISATION.search("합성곱 (hap-seong-gop) = convolution")
    assert ROMANISATION.search("기울기 소실 (gi-ul-gi so-sil)")
    assert not ROMANISATION.search("가장 자리 검출(Edge-Detection) · Non-linear function(비선형 함수) · (non-linear)")
