"""Fast checks on the committed notebooks (no kernel is started).

nbval (run by plain `python -m pytest`) re-executes every notebook and compares
outputs. These checks catch, in well under a second, the mistakes that make that
comparison meaningless or flaky: notebooks run out of order, stored errors, machine
paths, nbval markers nbval silently ignores, trailing semicolons (nbval issue #194),
leftover widget state and timing metadata.

Each check is a function `check_xxx(nb) -> list[str]` returning problems. They are
also used by `scripts/execute_notebooks.py --check`. The tests at the bottom build
small throwaway notebooks to prove that every check can fail.

How to fix what these tests report: see CONTRIBUTING.md.
"""

from __future__ import annotations

import copy
import io
import json
import re
import subprocess
import sys
import tokenize
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = REPO / "notebooks"
SANITIZE_CFG = REPO / "tests" / "nbval_sanitize.cfg"

NAME_RE = re.compile(r"^(\d{2})_[A-Za-z0-9][A-Za-z0-9_-]*\.ipynb$")

# nbval's comment markers: recognised only when the whole comment is the marker.
KNOWN_MARKERS = {
    "NBVAL_IGNORE_OUTPUT",
    "NBVAL_CHECK_OUTPUT",
    "NBVAL_RAISES_EXCEPTION",
    "NBVAL_SKIP",
}
# Cell tags nbval understands ("raises-exception" is also nbconvert's tag).
KNOWN_NBVAL_TAGS = {
    "nbval-ignore-output",
    "nbval-check-output",
    "nbval-raises-exception",
    "nbval-skip",
    "raises-exception",
}
# The nbval option each marker/tag sets (nbval warns if a comment and a tag overlap).
OPTION = {
    "NBVAL_IGNORE_OUTPUT": "check",
    "NBVAL_CHECK_OUTPUT": "check",
    "NBVAL_RAISES_EXCEPTION": "check_exception",
    "NBVAL_SKIP": "skip",
    "nbval-ignore-output": "check",
    "nbval-check-output": "check",
    "nbval-raises-exception": "check_exception",
    "raises-exception": "check_exception",
    "nbval-skip": "skip",
}
# Markers whose cell must say why, on the line after the marker.
NEEDS_REASON = {"NBVAL_IGNORE_OUTPUT": "nbval-ignore-output", "NBVAL_SKIP": "nbval-skip"}

# What `nbstripout --keep-output --keep-count` removes (nbstripout 0.8 defaults).
STRIPPED_NB_METADATA = ("signature", "widgets")
STRIPPED_CELL_METADATA = (
    "collapsed",
    "ExecuteTime",
    "execution",
    "heading_collapsed",
    "hidden",
    "scrolled",
)

# Absolute paths of a particular machine. The lookbehind keeps URLs such as
# https://example.org/home/x from matching.
MACHINE_PATH_RE = re.compile(
    r"(?<![\w.~-])(?:/work/|/tmp/|/root/|/home/\w|/Users/\w|/var/folders/|[A-Za-z]:\\+Users\\+)"
)
ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# The kernelspec ipykernel installs: a stored one that differs (e.g. display_name "Python 3")
# makes JupyterLab open the notebook marked as modified and ask to save it on closing.
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
# Binary payloads (base64) can contain any 5 characters, e.g. "/tmp/": not scanned.
BINARY_MIME = ("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf")


# --------------------------------------------------------------------------- helpers


def notebook_paths() -> list[Path]:
    """Every notebook of both editions: notebooks/*.ipynb (English) and notebooks/ko/*.ipynb (Korean)."""
    return sorted(NOTEBOOK_DIR.glob("*.ipynb")) + sorted((NOTEBOOK_DIR / "ko").glob("*.ipynb"))


def load(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def code_cells(nb: dict) -> list[tuple[int, dict]]:
    """(index in nb["cells"], cell) for every code cell."""
    return [(i, c) for i, c in enumerate(nb.get("cells", [])) if c.get("cell_type") == "code"]


def where(i: int, cell: dict) -> str:
    first = next((ln for ln in source(cell).splitlines() if ln.strip()), "")
    count = cell.get("execution_count")
    label = f"cell {i}" + (f" [In {count}]" if count is not None else "")
    return f"{label} ({first[:50]!r})"


def comment_text(line: str) -> str | None:
    """The text of a whole-line comment the way nbval reads it, else None."""
    line = line.strip()
    if not line.startswith("#"):
        return None
    return line.lstrip("#").strip()


def markers(cell: dict) -> set[str]:
    found = set()
    for line in source(cell).splitlines():
        text = comment_text(line)
        if text in KNOWN_MARKERS:
            found.add(text)
    return found


def tags(cell: dict) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def sanitize_rules() -> list[tuple[str, str]]:
    """The (regex, replace) pairs of tests/nbval_sanitize.cfg, parsed like nbval does."""
    text = SANITIZE_CFG.read_text(encoding="utf-8")
    return re.findall(r"^regex: (.*)$\n^replace: (.*)$", text, flags=re.MULTILINE)


def strings_in(obj, skip_binary: bool = True):
    """Every string in a JSON tree, skipping base64 image payloads."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, list):
        for item in obj:
            yield from strings_in(item, skip_binary)
    elif isinstance(obj, dict):
        for key, value in obj.items():
            if skip_binary and key in BINARY_MIME:
                continue
            yield key
            yield from strings_in(value, skip_binary)


# ---------------------------------------------------------------------------- checks


def check_nbformat4(nb: dict) -> list[str]:
    if nb.get("nbformat") != 4:
        return [f"nbformat is {nb.get('nbformat')!r}, expected 4"]
    import nbformat

    try:
        nbformat.validate(copy.deepcopy(nb))
    except nbformat.ValidationError as e:
        return [f"not a valid nbformat 4 notebook: {str(e).splitlines()[0]}"]
    return []


def check_execution_counts(nb: dict) -> list[str]:
    problems = []
    cells = []
    for i, cell in code_cells(nb):
        if not source(cell).strip():
            problems.append(
                f"{where(i, cell)} is an empty code cell: delete it (nbconvert does not run it,"
                " so it has no execution count)"
            )
            continue
        cells.append((i, cell))
        for out in cell.get("outputs", []):
            is_result = out.get("output_type") == "execute_result"
            if is_result and out.get("execution_count") != cell.get("execution_count"):
                problems.append(f"{where(i, cell)}: output count differs from the cell's count")
    counts = [c.get("execution_count") for _, c in cells]
    expected = list(range(1, len(cells) + 1))
    if counts != expected:
        bad = [where(i, c) for (i, c), n in zip(cells, expected) if c.get("execution_count") != n]
        problems.append(
            f"execution counts are {counts}, expected {expected}: the notebook was not run top to"
            f" bottom in one fresh kernel (first out of place: {bad[0] if bad else '?'}); "
            "regenerate it with scripts/execute_notebooks.py"
        )
    return problems


def check_no_unexpected_errors(nb: dict) -> list[str]:
    problems = []
    for i, cell in code_cells(nb):
        error_tags = tags(cell) & {"raises-exception", "nbval-raises-exception"}
        expects_error = "NBVAL_RAISES_EXCEPTION" in markers(cell) or bool(error_tags)
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" and not expects_error:
                problems.append(
                    f"{where(i, cell)} stores an error ({out.get('ename')}: {out.get('evalue')});"
                    " fix it, or if the error is the lesson, mark the cell: first line"
                    " '# NBVAL_RAISES_EXCEPTION' or the cell tag 'raises-exception'"
                )
    return problems


def check_no_machine_paths(nb: dict) -> list[str]:
    rules = sanitize_rules()
    problems = []
    for text in strings_in(nb):
        text = ANSI_RE.sub("", text)
        for regex, replace in rules:  # what nbval would hide anyway is fine
            text = re.sub(regex, replace, text)
        for m in MACHINE_PATH_RE.finditer(text):
            snippet = text[max(0, m.start() - 30) : m.end() + 40].replace("\n", "\\n")
            problems.append(
                f"absolute machine path {m.group()!r} in ...{snippet}...: use relative paths"
                " (the kernel runs in notebooks/); for tracebacks from library code use"
                " '%xmode Minimal' or catch and print the exception"
            )
    return problems


def _last_token(code: str) -> tokenize.TokenInfo | None:
    # Line magics / shell escapes are not Python; blank them out (keeping line count).
    lines = ["pass" if ln.lstrip().startswith(("%", "!")) else ln for ln in code.splitlines()]
    skip = {
        tokenize.NEWLINE,
        tokenize.NL,
        tokenize.COMMENT,
        tokenize.INDENT,
        tokenize.DEDENT,
        tokenize.ENDMARKER,
    }
    last = None
    for tok in tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline):
        if tok.type not in skip:
            last = tok
    return last


def check_no_trailing_semicolon(nb: dict) -> list[str]:
    problems = []
    for i, cell in code_cells(nb):
        code = source(cell)
        if code.lstrip().startswith("%%"):  # cell magic: not Python
            continue
        try:
            tok = _last_token(code)
            ends_with_semicolon = tok is not None and tok.string == ";"
        except (tokenize.TokenError, SyntaxError, IndentationError):
            # Fallback: the last non-comment line, trailing comment cut naively.
            last = next((ln for ln in reversed(code.splitlines()) if ln.strip()), "")
            ends_with_semicolon = last.split("#")[0].rstrip().endswith(";")
        if ends_with_semicolon:
            problems.append(
                f"{where(i, cell)} ends with ';'. nbval runs cells with store_history=False, so"
                " IPython ignores the ';' and prints the repr (e.g. '[<matplotlib.lines.Line2D at"
                " 0x...>]') that the stored notebook lacks (nbval issue #194). End the cell with"
                " plt.show() or assign the value: '_ = ...'"
            )
    return problems


def check_matplotlib_inline_first(nb: dict) -> list[str]:
    cells = code_cells(nb)
    if not cells:
        return []
    i, first = cells[0]
    if "%matplotlib inline" not in [ln.strip() for ln in source(first).splitlines()]:
        return [
            f"the first code cell {where(i, first)} must contain the line '%matplotlib inline'"
            " (with MPLBACKEND=Agg exported, as on many CI machines, figures are lost otherwise)"
        ]
    return []


def check_nbval_markers(nb: dict) -> list[str]:
    problems = []
    for i, cell in code_cells(nb):
        lines = source(cell).splitlines()
        for n, line in enumerate(lines):
            text = comment_text(line)
            if text is None and re.search(r"#\s*NBVAL", line, flags=re.IGNORECASE):
                problems.append(
                    f"{where(i, cell)} line {n + 1} {line.strip()!r}: nbval ignores markers after"
                    " code; put the marker on a line of its own"
                )
            if text is None or not text.upper().startswith("NBVAL"):
                continue
            if text not in KNOWN_MARKERS:
                problems.append(
                    f"{where(i, cell)} line {n + 1} {line.strip()!r}: nbval silently ignores this;"
                    f" the marker must be the whole comment, one of {sorted(KNOWN_MARKERS)},"
                    " with any reason on the next line"
                )
            elif text in NEEDS_REASON:
                nxt = comment_text(lines[n + 1]) if n + 1 < len(lines) else None
                if not nxt or nxt.upper().startswith("NBVAL"):
                    problems.append(
                        f"{where(i, cell)}: '# {text}' must be followed by a comment line giving the reason"
                    )
        for tag in sorted(tags(cell)):
            if tag.lower().startswith("nbval") and tag not in KNOWN_NBVAL_TAGS:
                problems.append(f"{where(i, cell)}: unknown tag {tag!r} (nbval knows {sorted(KNOWN_NBVAL_TAGS)})")
        both = {OPTION[m] for m in markers(cell)} & {OPTION[t] for t in tags(cell) if t in OPTION}
        if both:
            problems.append(
                f"{where(i, cell)} has a comment marker and a cell tag for the same nbval option"
                f" ({', '.join(sorted(both))}): keep one (nbval warns about overlapping options)"
            )
        for marker, tag in NEEDS_REASON.items():
            if tag in tags(cell) and marker not in markers(cell):
                first = comment_text(lines[0]) if lines else None
                if not first or first.upper().startswith("NBVAL"):
                    problems.append(
                        f"{where(i, cell)} is tagged {tag!r}: start the cell with a comment giving the reason"
                    )
    return problems


def check_stripped(nb: dict) -> list[str]:
    """What `nbstripout --keep-output --keep-count --verify` would complain about."""
    problems = []
    meta = nb.get("metadata", {})
    for key in STRIPPED_NB_METADATA:
        if key in meta:
            problems.append(f"notebook metadata has {key!r} (e.g. widget state)")
    for i, cell in enumerate(nb.get("cells", [])):
        for key in STRIPPED_CELL_METADATA:
            if key in cell.get("metadata", {}):
                problems.append(f"{where(i, cell)} has cell metadata {key!r}")
        if "id" in cell and cell["id"] != str(i):
            problems.append(f"{where(i, cell)} has id {cell['id']!r}, nbstripout makes it {str(i)!r}")
    if problems:
        problems.append(
            "run: python -m nbstripout --keep-output --keep-count notebooks/NN_name.ipynb"
            " (scripts/execute_notebooks.py does this)"
        )
    return problems


def check_kernelspec(nb: dict) -> list[str]:
    """The stored kernelspec is the one ipykernel installs (else the notebook opens 'modified')."""
    stored = nb.get("metadata", {}).get("kernelspec")
    if stored != KERNELSPEC:
        return [f"kernelspec is {stored!r}, expected {KERNELSPEC!r} (scripts/execute_notebooks.py sets it)"]
    return []


CHECKS: dict[str, Callable[[dict], list[str]]] = {
    "nbformat4": check_nbformat4,
    "execution_counts": check_execution_counts,
    "no_unexpected_errors": check_no_unexpected_errors,
    "no_machine_paths": check_no_machine_paths,
    "no_trailing_semicolon": check_no_trailing_semicolon,
    "matplotlib_inline_first": check_matplotlib_inline_first,
    "nbval_markers": check_nbval_markers,
    "stripped": check_stripped,
    "kernelspec": check_kernelspec,
}


def check_name(path: Path) -> list[str]:
    if not NAME_RE.match(path.name):
        return [f"{path.name}: notebooks are named NN_name.ipynb (two digits, underscore, name)"]
    return []


def check_unique_numbers(paths: list[Path]) -> list[str]:
    """Within one folder (one edition), no two notebooks share a number."""
    seen: dict[tuple[str, str], list[str]] = {}
    for p in paths:
        m = NAME_RE.match(p.name)
        if m:
            seen.setdefault((p.parent.name, m.group(1)), []).append(p.name)
    return [
        f"number {n} is used by {names} in {folder}/" for (folder, n), names in sorted(seen.items()) if len(names) > 1
    ]


def notebook_problems(path: Path) -> list[str]:
    """All problems of one notebook file (used by scripts/execute_notebooks.py --check)."""
    problems = check_name(path)
    try:
        nb = load(path)
    except (OSError, json.JSONDecodeError) as e:
        return problems + [f"not valid JSON: {e}"]
    for name, check in CHECKS.items():
        problems += [f"[{name}] {p}" for p in check(nb)]
    return problems


# ----------------------------------------------------------------- tests on notebooks

_NOTEBOOKS = notebook_paths()
_NO_NOTEBOOKS = pytest.param(
    None,
    marks=pytest.mark.skip(reason="no notebooks in notebooks/ yet (they are being written)"),
)
NOTEBOOK_PARAMS = [pytest.param(p, id=str(p.relative_to(NOTEBOOK_DIR))) for p in _NOTEBOOKS] or [_NO_NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOK_PARAMS)
def test_valid_json_and_name(path: Path):
    problems = check_name(path)
    try:
        load(path)
    except json.JSONDecodeError as e:
        problems.append(f"not valid JSON: {e}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("check", list(CHECKS))
@pytest.mark.parametrize("path", NOTEBOOK_PARAMS)
def test_notebook(path: Path, check: str):
    try:
        nb = load(path)
    except json.JSONDecodeError:
        pytest.fail(f"{path.name} is not valid JSON (see test_valid_json_and_name)")
    problems = CHECKS[check](nb)
    assert not problems, f"{path.name}:\n  " + "\n  ".join(problems)


def test_notebook_numbers_unique():
    if not _NOTEBOOKS:
        pytest.skip("no notebooks in notebooks/ yet (they are being written)")
    problems = check_unique_numbers(_NOTEBOOKS)
    assert not problems, "\n".join(problems)


# ------------------------------------------------- tests of the checker itself


def _cell(src: str, count: int | None = None, outputs=None, tags_=None, **meta) -> dict:
    if count is None:
        cell = {"cell_type": "markdown", "metadata": {}, "source": src}
    else:
        cell = {
            "cell_type": "code",
            "execution_count": count,
            "metadata": dict(meta),
            "outputs": outputs or [],
            "source": src,
        }
    if tags_:
        cell["metadata"]["tags"] = tags_
    return cell


def _nb(cells: list[dict]) -> dict:
    for i, cell in enumerate(cells):
        cell["id"] = str(i)
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": dict(KERNELSPEC),
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _stream(text: str) -> dict:
    return {"name": "stdout", "output_type": "stream", "text": text}


def good_notebook() -> dict:
    """A small notebook that passes every check."""
    return _nb(
        [
            _cell("# Title\nSee https://example.org/home/x and ~/work/ in prose."),
            _cell("%matplotlib inline\nimport numpy as np", 1),
            _cell(
                "x = np.arange(3)\nprint(x)  # a comment; with a semicolon",
                2,
                [_stream("[0 1 2]\n")],
            ),
            _cell(
                "s = 'a;'\ns",
                3,
                [
                    {
                        "data": {"text/plain": ["'a;'"]},
                        "execution_count": 3,
                        "metadata": {},
                        "output_type": "execute_result",
                    }
                ],
            ),
            _cell(
                "# NBVAL_IGNORE_OUTPUT\n# timing differs between machines\n%timeit x.sum()",
                4,
                [_stream("1 us\n")],
            ),
            _cell(
                "# NBVAL_RAISES_EXCEPTION\nx.reshape(2, 2)",
                5,
                [
                    {
                        "ename": "ValueError",
                        "evalue": "cannot reshape array of size 3 into shape (2,2)",
                        "output_type": "error",
                        "traceback": ["ValueError: cannot reshape"],
                    }
                ],
            ),
            _cell(
                "import warnings\nwarnings.warn('w')",
                6,
                [
                    {
                        "name": "stderr",
                        "output_type": "stream",
                        "text": "/tmp/ipykernel_123/456789.py:2: UserWarning: w\n",
                    }
                ],
            ),
            _cell(
                "# plot\nplt.plot(x)\nplt.show()",
                7,
                [
                    {
                        "data": {
                            "image/png": "iVBORw0KGgo/tmp/home/user/work/",
                            "text/plain": ["<Figure>"],
                        },
                        "metadata": {},
                        "output_type": "display_data",
                    }
                ],
            ),
        ]
    )


def _set_source(nb: dict, i: int, src: str) -> dict:
    nb["cells"][i]["source"] = src
    return nb


def _mutations() -> dict[str, list[tuple[str, Callable[[dict], dict]]]]:
    """For each check: ways to break a good notebook that only this check must catch."""

    def counts(nb, values):
        for (_, c), v in zip(code_cells(nb), values):
            c["execution_count"] = v
        return nb

    def add_output(i, out):
        def f(nb):
            nb["cells"][i]["outputs"].append(out)
            return nb

        return f

    def set_meta(i, key, value):
        def f(nb):
            nb["cells"][i]["metadata"][key] = value
            return nb

        return f

    error = {
        "ename": "NameError",
        "evalue": "name 'y' is not defined",
        "output_type": "error",
        "traceback": [],
    }
    return {
        "nbformat4": [
            ("nbformat 3", lambda nb: {**nb, "nbformat": 3}),
            ("markdown cell without metadata", lambda nb: (nb["cells"][0].pop("metadata"), nb)[1]),
        ],
        "execution_counts": [
            ("out of order", lambda nb: counts(nb, [1, 3, 2, 4, 5, 6, 7])),
            ("rerun", lambda nb: counts(nb, [1, 2, 3, 4, 5, 6, 9])),
            ("not executed", lambda nb: counts(nb, [None] * 7)),
        ],
        "no_unexpected_errors": [
            ("stored error", add_output(2, error)),
            ("no marker", lambda nb: _set_source(nb, 5, "x.reshape(2, 2)")),
        ],
        "no_machine_paths": [
            ("/work path", add_output(2, _stream("loaded /work/main/data/x.npz\n"))),
            ("home path", add_output(2, _stream("File /home/alice/venv/lib/x.py:3\n"))),
            (
                "path in ANSI traceback",
                lambda nb: (
                    nb["cells"][5]["outputs"][0].update(
                        traceback=["File \x1b[0;32m/root/venv/lib/python3.11/site-packages/x.py\x1b[0m"]
                    ),
                    nb,
                )[1],
            ),
            ("macOS home in source", lambda nb: _set_source(nb, 2, "open('/Users/bob/x.png')")),
        ],
        "no_trailing_semicolon": [
            ("plot;", lambda nb: _set_source(nb, 7, "plt.plot(x);")),
            ("semicolon then comment", lambda nb: _set_source(nb, 7, "plt.plot(x);  # draw\n\n")),
            ("interact;", lambda nb: _set_source(nb, 2, "interact(f, k=(1, 5));")),
        ],
        "matplotlib_inline_first": [
            ("no inline", lambda nb: _set_source(nb, 1, "import numpy as np")),
            ("commented out", lambda nb: _set_source(nb, 1, "# %matplotlib inline\nimport numpy")),
        ],
        "nbval_markers": [
            (
                "reason on marker line",
                lambda nb: _set_source(nb, 4, "# NBVAL_IGNORE_OUTPUT (timing)\n%timeit x.sum()"),
            ),
            (
                "marker after code",
                lambda nb: _set_source(nb, 2, "x = np.arange(3)  # NBVAL_IGNORE_OUTPUT"),
            ),
            ("lowercase marker", lambda nb: _set_source(nb, 4, "# nbval_skip\n# why\nx")),
            ("no reason", lambda nb: _set_source(nb, 4, "# NBVAL_SKIP\nx.sum()")),
            ("misspelt tag", set_meta(2, "tags", ["nbval_ignore_output"])),
            ("tag without reason", set_meta(2, "tags", ["nbval-skip"])),
            ("comment and tag overlap", set_meta(4, "tags", ["nbval-ignore-output"])),
            ("raises: comment and tag", set_meta(5, "tags", ["raises-exception"])),
        ],
        "stripped": [
            ("widget state", lambda nb: (nb["metadata"].update(widgets={"state": {}}), nb)[1]),
            ("timing", set_meta(2, "execution", {"iopub.status.busy": "2024-01-01T00:00:00Z"})),
            ("scrolled", set_meta(2, "scrolled", True)),
            ("random id", lambda nb: (nb["cells"][3].update(id="a1b2c3d4"), nb)[1]),
        ],
        "kernelspec": [
            ("old display name", lambda nb: (nb["metadata"]["kernelspec"].update(display_name="Python 3"), nb)[1]),
            ("no kernelspec", lambda nb: (nb["metadata"].pop("kernelspec"), nb)[1]),
        ],
    }


def test_checker_good_notebook_passes():
    nb = good_notebook()
    for name, check in CHECKS.items():
        assert check(nb) == [], name


def test_checker_covers_every_check():
    assert set(_mutations()) == set(CHECKS)


@pytest.mark.parametrize(
    "check,label",
    [(check, label) for check, muts in _mutations().items() for label, _ in muts],
)
def test_checker_catches(check: str, label: str):
    mutate = dict(_mutations()[check])[label]
    nb = mutate(good_notebook())
    assert CHECKS[check](nb), f"check {check!r} missed: {label}"
    # The mutation must not be blamed on unrelated checks (keeps messages precise).
    others = [n for n, c in CHECKS.items() if n not in (check, "nbformat4") and c(nb)]
    assert others == [], f"{label} also tripped {others}"


def test_checker_names(tmp_path: Path):
    good = [tmp_path / n for n in ("01_convolution.ipynb", "02_padding_stride.ipynb")]
    assert [p for p in good if check_name(p)] == []
    assert check_unique_numbers(good) == []
    for bad in ("1_conv.ipynb", "convolution.ipynb", "01-conv.ipynb", "01_.ipynb"):
        assert check_name(tmp_path / bad), bad
    assert check_unique_numbers(good + [tmp_path / "02_other.ipynb"])
    (tmp_path / "ko").mkdir()
    assert check_unique_numbers(good + [tmp_path / "ko" / "02_padding_stride.ipynb"]) == []  # another edition


def test_checker_invalid_json(tmp_path: Path):
    path = tmp_path / "01_broken.ipynb"
    path.write_text('{"cells": [', encoding="utf-8")
    assert any("not valid JSON" in p for p in notebook_problems(path))


def test_sanitize_rules_are_parsed():
    # nbval only sees regex/replace pairs on consecutive lines; make sure all three exist.
    regexes = [r for r, _ in sanitize_rules()]
    assert len(regexes) == 3, regexes
    for r in regexes:
        re.compile(r)


def test_checker_agrees_with_nbstripout(tmp_path: Path):
    """check_stripped must say what `nbstripout --keep-output --keep-count --verify` says."""
    pytest.importorskip("nbstripout")
    clean = good_notebook()
    dirty = good_notebook()
    dirty["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    dirty["cells"][2]["metadata"]["execution"] = {"iopub.status.idle": "2024-01-01T00:00:00Z"}
    dirty["cells"][3]["id"] = "deadbeef"
    for name, nb in (("01_clean.ipynb", clean), ("02_dirty.ipynb", dirty)):
        (tmp_path / name).write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")
    # One process for both files (starting nbstripout takes about a second).
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "nbstripout",
            "--keep-output",
            "--keep-count",
            "--verify",
            "01_clean.ipynb",
            "02_dirty.ipynb",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "02_dirty.ipynb" in output and "01_clean.ipynb" not in output, output
    assert check_stripped(clean) == []
    assert check_stripped(dirty)
