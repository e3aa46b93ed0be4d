"""The message catalogue: every English sentence a checker shows has its Korean twin.

Each checker module writes its sentences as ``_("English {field}", field=...)`` and keeps a
``KO`` dict from the English literal to the Korean one. These tests read the literals from
the source with ``ast`` (so a sentence added without a translation fails here, not in a
student's notebook) and render both languages.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import string
from pathlib import Path

import pytest

import cnnedu.exercises

MODULES = ["cnnedu.exercises.feedback"] + [
    f"cnnedu.exercises.{m.name}" for m in pkgutil.iter_modules(cnnedu.exercises.__path__) if m.name[:2] == "ex"
]


def literals(source: str) -> list[str]:
    """The first arguments of every ``_("...")`` call in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_" and node.args:
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                raise AssertionError(f"line {node.lineno}: _() needs a plain string literal, got {ast.dump(first)}")
            found.append(first.value)
    return found


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def catalogue_problems(source: str, ko: dict[str, str]) -> list[str]:
    """What is wrong with a module's catalogue: missing or stale entries, mismatched fields."""
    used = literals(source)
    problems = [f"no Korean for {text!r}" for text in used if text not in ko]
    problems += [f"stale Korean entry {key!r}" for key in ko if key not in used]
    problems += [
        f"fields differ for {key!r}: {sorted(fields(key))} vs {sorted(fields(ko[key]))}"
        for key in ko
        if key in used and fields(key) != fields(ko[key])
    ]
    problems += [
        f"Korean entry for {key!r} has no Hangul"
        for key, value in ko.items()
        if not any("\uac00" <= ch <= "\ud7a3" for ch in value)
    ]
    return problems


@pytest.mark.parametrize("name", MODULES)
def test_every_message_has_a_korean_twin(name):
    module = importlib.import_module(name)
    assert catalogue_problems(Path(module.__file__).read_text(encoding="utf-8"), getattr(module, "KO", {})) == []


@pytest.mark.parametrize("name", MODULES)
def test_both_languages_render(name):
    module = importlib.import_module(name)
    for key, korean in getattr(module, "KO", {}).items():
        values = {f: 1.5 for f in fields(key)}
        for text in (key, korean):
            try:
                text.format(**values)
            except (ValueError, TypeError):  # a format spec that needs another type: try a string/tuple
                text.format(**{f: (1, 2) if "where" in f or "shape" in f else 1.5 for f in values})


def test_the_catalogue_check_can_fail():
    source = 'x = _("one {a}")\ny = _("two")\n'
    problems = catalogue_problems(source, {"one {a}": "하나 {b}", "three": "셋"})
    assert any("no Korean for 'two'" in p for p in problems)
    assert any("stale Korean entry 'three'" in p for p in problems)
    assert any("fields differ" in p for p in problems)
    with pytest.raises(AssertionError, match="plain string literal"):
        literals('_(f"{x}")')
