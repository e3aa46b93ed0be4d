"""The English and the Korean edition run the same code.

notebooks/NN_name.ipynb (English) and notebooks/ko/NN_name.ipynb (Korean) have the same
cells in the same order. Their code cells are equal token for token once comments are left
out (comments are translated), except for ONE statement the Korean edition adds to its first
code cell to switch the exercise feedback to Korean:

    cnnedu.exercises.set_language("ko")

Their markdown differs (it is translated) and must read as Korean. A teacher who changes a
code cell in one edition is told here to change the other; CONTRIBUTING.md says how.
"""

from __future__ import annotations

import io
import json
import tokenize
from pathlib import Path

import pytest

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
KOREAN_DIR = NOTEBOOK_DIR / "ko"
LANGUAGE_LINE = 'cnnedu.exercises.set_language("ko")'

ENGLISH = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


def tokens(source: str) -> list[tuple[int, str]]:
    """The code's tokens, without comments and blank lines (IPython magics tokenise as operators)."""
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER}
    try:
        return [
            (t.type, t.string) for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type not in skip
        ]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return [(-1, line.strip()) for line in source.splitlines() if line.strip() and not line.strip().startswith("#")]


def has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def without_language_line(source: str) -> tuple[str, int]:
    """The Korean first cell with its language line taken out, and how many such lines there were."""
    lines = source.splitlines()
    kept = [line for line in lines if line.split("#")[0].strip() != LANGUAGE_LINE]
    return "\n".join(kept), len(lines) - len(kept)


def edition_differences(english: dict, korean: dict) -> list[str]:
    """Everything that keeps two notebooks from being one lesson in two languages."""
    en_cells, ko_cells = english["cells"], korean["cells"]
    problems = []
    if [c["cell_type"] for c in en_cells] != [c["cell_type"] for c in ko_cells]:
        return [
            f"the cells differ in number or kind: English {len(en_cells)} cells "
            f"{''.join(c['cell_type'][0] for c in en_cells)}, Korean {len(ko_cells)} cells "
            f"{''.join(c['cell_type'][0] for c in ko_cells)} (m = markdown, c = code)"
        ]
    first_code = True
    for i, (en, ko) in enumerate(zip(en_cells, ko_cells)):
        en_src, ko_src = _source(en), _source(ko)
        if en["cell_type"] == "markdown":
            if en_src.strip() and not has_hangul(ko_src):
                problems.append(f"cell {i} (markdown) is not translated: {ko_src[:60]!r}")
            continue
        if first_code:
            ko_src, count = without_language_line(ko_src)
            if count != 1:
                problems.append(f"cell {i}: the first code cell must contain `{LANGUAGE_LINE}` once, found {count}")
            first_code = False
        if tokens(en_src) != tokens(ko_src):
            problems.append(
                f"cell {i} (code) differs beyond comments:\n  English: {en_src[:120]!r}\n  Korean:  {ko_src[:120]!r}"
            )
    return problems


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("english", ENGLISH, ids=[p.name for p in ENGLISH])
def test_korean_edition_runs_the_same_code(english):
    korean = KOREAN_DIR / english.name
    assert korean.is_file(), f"no Korean edition {korean.relative_to(NOTEBOOK_DIR.parent)} of {english.name}"
    problems = edition_differences(_load(english), _load(korean))
    assert not problems, (
        f"{english.name} and ko/{english.name} have drifted apart (change both editions, then regenerate "
        "both with scripts/execute_notebooks.py; see CONTRIBUTING.md):\n" + "\n".join(problems)
    )


def test_every_korean_notebook_has_an_english_original():
    orphans = [p.name for p in KOREAN_DIR.glob("*.ipynb") if not (NOTEBOOK_DIR / p.name).is_file()]
    assert orphans == []


def _nb(*cells):
    return {"cells": [{"cell_type": kind, "source": src} for kind, src in cells]}


def test_the_edition_check_can_fail():
    english = _nb(("markdown", "# Pooling"), ("code", "import cnnedu\nx = 1  # one"), ("code", "print(x + 1)"))
    good = _nb(
        ("markdown", "# 풀링"), ("code", f"import cnnedu\n{LANGUAGE_LINE}\nx = 1  # 하나"), ("code", "print(x + 1)")
    )
    assert edition_differences(english, good) == []
    changed_code = _nb(
        ("markdown", "# 풀링"), ("code", f"import cnnedu\n{LANGUAGE_LINE}\nx = 2"), ("code", "print(x + 1)")
    )
    assert "cell 1 (code) differs" in edition_differences(english, changed_code)[0]
    no_line = _nb(("markdown", "# 풀링"), ("code", "import cnnedu\nx = 1"), ("code", "print(x + 1)"))
    assert "must contain" in edition_differences(english, no_line)[0]
    untranslated = _nb(
        ("markdown", "# Pooling"), ("code", f"import cnnedu\n{LANGUAGE_LINE}\nx = 1"), ("code", "print(x + 1)")
    )
    assert "not translated" in edition_differences(english, untranslated)[0]
    missing_cell = _nb(("markdown", "# 풀링"), ("code", f"import cnnedu\n{LANGUAGE_LINE}\nx = 1"))
    assert "differ in number" in edition_differences(english, missing_cell)[0]
    language_line_later = _nb(
        ("markdown", "# 풀링"), ("code", "import cnnedu\nx = 1"), ("code", f"{LANGUAGE_LINE}\nprint(x + 1)")
    )
    assert edition_differences(english, language_line_later)
