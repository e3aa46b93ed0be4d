#!/usr/bin/env python3
"""Run README's test command under every installed Python that pyproject.toml supports.

    python scripts/check_pythons.py                  # every supported interpreter found here
    python scripts/check_pythons.py 3.10 3.13        # only these versions
    python scripts/check_pythons.py --list           # what would run, what is skipped and why
    python scripts/check_pythons.py --interpreter /opt/py/bin/python3   # one not found by itself

For each interpreter, in a fresh clone of the current commit (the working tree, with anyone's
uncommitted edits, is never touched; commit first what you want tested): `bash .ci/run`, with
that interpreter first on PATH as `python3` and `python`. .ci/run deletes any `.venv` and runs
README's test command (new virtualenv, `pip install -r requirements.txt`, `python -m pytest`),
so each run is what CI and a new user do, on that Python.

Interpreters are looked for in pyenv's versions folder ($PYENV_ROOT/versions, default
~/.pyenv/versions) and as `python3` and `python3.N` on PATH; virtualenvs are left out, and so
is any version outside `requires-python`. The runs go one after another (each takes a few
minutes and uses both cores). Their logs are kept in --log-dir.

At the end a Markdown table (Python, result, pytest's counts, time, the machine's load average
during the run, date, commit) is printed, ready for README's "Supported Python versions".
Needs bash and git (Linux, macOS).

Exit status: 0 if every run passed, 1 if any failed, 2 if there was nothing to run.
"""

from __future__ import annotations

import argparse
import datetime
import json
import operator
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# What an interpreter says about itself: version, real executable, whether it is a virtualenv.
PROBE = (
    "import json, sys; print(json.dumps([list(sys.version_info[:3]), sys.executable, sys.prefix != sys.base_prefix]))"
)
# pytest's closing line, e.g. "==== 1 failed, 530 passed, 2 skipped in 61.20s (0:01:01) ====".
SUMMARY_RE = re.compile(r"^=+ (?P<counts>.+?) in (?P<seconds>[\d.]+)s\b.*=+\s*$")
COUNT_RE = re.compile(r"(\d+) (\w+)")
LOAD_EVERY = 10  # seconds between two looks at the load average during a run
SPEC_RE = re.compile(r"^\s*(>=|<=|==|!=|>|<)\s*(\d+(?:\.\d+)*)\s*$")
OPERATORS = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}


@dataclass(frozen=True)
class Interpreter:
    version: tuple[int, ...]
    executable: str
    found_as: str

    @property
    def name(self) -> str:
        return ".".join(map(str, self.version))


@dataclass
class Result:
    interpreter: Interpreter
    status: int
    seconds: float
    log: Path
    counts: dict[str, int] = field(default_factory=dict)
    pytest_seconds: float | None = None
    load: tuple[float, float] | None = None  # lowest and highest 1-minute load average seen

    @property
    def passed(self) -> bool:
        return self.status == 0


def requires_python(pyproject: Path) -> str:
    """The `requires-python` string of pyproject.toml (a regex: tomllib is 3.11+)."""
    match = re.search(r'^requires-python\s*=\s*"([^"]+)"', pyproject.read_text(encoding="utf-8"), re.M)
    if match is None:
        raise ValueError(f"{pyproject}: no requires-python line")
    return match.group(1)


def satisfies(version: tuple[int, ...], spec: str) -> bool:
    """Whether `version` (3, 10, 13) meets a specifier such as ">=3.10" or ">=3.10,<3.14".

    Only the plain comparison operators are understood; anything else (~=, wildcards) raises
    ValueError rather than being guessed at.
    """
    ok = True
    for clause in spec.split(","):
        match = SPEC_RE.match(clause)
        if match is None:
            raise ValueError(f"requires-python clause {clause.strip()!r} is not understood (use >=, <, ==, ...)")
        op, bound = match.group(1), tuple(int(part) for part in match.group(2).split("."))
        # Compare only as many components as the bound names: 3.10.13 == 3.10, and < 3.14.
        ok = ok and OPERATORS[op](version[: len(bound)], bound)
    return ok


def pytest_summary(log: str) -> tuple[dict[str, int], float | None]:
    """pytest's counts ({'passed': 530, 'failed': 1, ...}) and its own time, from the last closing line."""
    for line in reversed(log.splitlines()):
        match = SUMMARY_RE.match(line.strip())
        if match:
            counts = {word: int(n) for n, word in COUNT_RE.findall(match.group("counts"))}
            # pytest says "1 warning" but "2 warnings"; one key for both.
            counts = {(k[:-1] if k in ("warnings", "errors") else k): v for k, v in counts.items()}
            return counts, float(match.group("seconds"))
    return {}, None


def probe(executable: str) -> tuple[tuple[int, ...], str, bool] | None:
    try:
        out = subprocess.run([executable, "-c", PROBE], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    version, real, in_venv = json.loads(out.stdout)
    return tuple(version), real, in_venv


def candidates() -> list[tuple[str, str]]:
    """(executable, where it was found), pyenv first."""
    found = []
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    if pyenv.is_dir():
        for folder in sorted(pyenv.iterdir()):
            exe = folder / "bin" / "python3"
            if exe.is_file():
                found.append((str(exe), f"pyenv {folder.name}"))
    names = ["python3"] + [f"python3.{minor}" for minor in range(6, 30)]
    for name in names:
        exe = shutil.which(name)
        if exe:
            found.append((exe, f"PATH {name}"))
    return found


def find_interpreters(explicit: list[str]) -> tuple[list[Interpreter], list[str]]:
    """Distinct interpreters (by real executable) and a note for each one left out."""
    found, notes, seen = [], [], set()
    sources = [(exe, "--interpreter") for exe in explicit] or candidates()
    for exe, where in sources:
        info = probe(exe)
        if info is None:
            if explicit:  # (a pyenv shim of a version not installed fails too: not worth a note)
                notes.append(f"{exe}: does not run")
            continue
        version, real, in_venv = info
        key = os.path.realpath(real)
        if key in seen:
            continue
        seen.add(key)
        if in_venv and not explicit:
            notes.append(f"{exe} ({where}): a virtualenv, left out")
            continue
        found.append(Interpreter(version, real, where))
    return sorted(found, key=lambda i: i.version), notes


def version_arg(text: str) -> str:
    if not re.fullmatch(r"\d+(\.\d+){1,2}", text):
        raise argparse.ArgumentTypeError(f"expected a version such as 3.10 or 3.10.13, got {text!r}")
    return text


def wanted(interpreter: Interpreter, requested: list[str]) -> bool:
    """'3.10' matches 3.10.13 but not 3.1.x; '3.10.13' matches only itself."""
    requested_parts = [tuple(int(p) for p in r.split(".")) for r in requested]
    return not requested or any(interpreter.version[: len(parts)] == parts for parts in requested_parts)


def load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # not on every system
        return None


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def clean_env(shim: Path) -> dict[str, str]:
    """This environment without the active virtualenv, with `shim` first on PATH."""
    env = dict(os.environ)
    venv = env.pop("VIRTUAL_ENV", None)
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV_PROMPT", "CONDA_PREFIX"):
        env.pop(name, None)
    path = [p for p in env.get("PATH", "").split(os.pathsep) if p]
    if venv:
        path = [p for p in path if Path(p).resolve() != (Path(venv) / "bin").resolve()]
    env["PATH"] = os.pathsep.join([str(shim), *path])
    return env


def run_one(interpreter: Interpreter, repo: Path, commit: str, log_dir: Path, keep: bool) -> Result:
    work = Path(tempfile.mkdtemp(prefix=f"cnnedu-python{interpreter.name}-"))
    log = log_dir / f"python{interpreter.name}.log"
    try:
        clone = work / "repo"
        git("clone", "--quiet", str(repo), str(clone), cwd=work)
        git("checkout", "--quiet", "--detach", commit, cwd=clone)
        shim = work / "bin"
        shim.mkdir()
        for name in ("python3", "python"):
            (shim / name).symlink_to(interpreter.executable)
        start = time.perf_counter()
        loads = []
        with open(log, "w", encoding="utf-8") as out:
            proc = subprocess.Popen(
                ["bash", ".ci/run"], cwd=clone, env=clean_env(shim), stdin=subprocess.DEVNULL, stdout=out, stderr=out
            )
            # The machine's load average while the tests run says how far the times can be trusted.
            while True:
                loads.append(load_average())
                try:
                    status = proc.wait(timeout=LOAD_EVERY)
                    break
                except subprocess.TimeoutExpired:
                    pass
        seconds = time.perf_counter() - start
    finally:
        if keep:
            print(f"     kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    counts, pytest_seconds = pytest_summary(log.read_text(encoding="utf-8", errors="replace"))
    loads = [x for x in loads if x is not None]
    return Result(
        interpreter, status, seconds, log, counts, pytest_seconds, (min(loads), max(loads)) if loads else None
    )


def table(results: list[Result], commit: str, day: str) -> str:
    rows = [
        f"| Python | result | pytest | whole command (venv, install, tests) | load average ({os.cpu_count()} cores) "
        "| date | commit |",
        "| --- | --- | --- | ---: | --- | --- | --- |",
    ]
    for r in results:
        counts = ", ".join(f"{n} {word}" for word, n in r.counts.items()) or "no pytest summary"
        pytest_time = f" (pytest {r.pytest_seconds:.0f} s)" if r.pytest_seconds is not None else ""
        result = "passed" if r.passed else f"FAILED (exit {r.status})"
        timing = f"{r.seconds:.0f} s{pytest_time}"
        load = f"{r.load[0]:.1f}–{r.load[1]:.1f}" if r.load else "?"
        rows.append(f"| {r.interpreter.name} | {result} | {counts} | {timing} | {load} | {day} | {commit} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "versions", nargs="*", type=version_arg, help="run only these versions, e.g. 3.10 3.13 (default: all found)"
    )
    parser.add_argument(
        "--interpreter", action="append", default=[], metavar="PATH", help="use this interpreter (repeatable)"
    )
    parser.add_argument("--list", action="store_true", help="list the interpreters found and exit")
    parser.add_argument("--repo", type=Path, default=REPO, help="repository to test (default: this one)")
    parser.add_argument("--log-dir", type=Path, help="where the logs go (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep each clone and its .venv")
    args = parser.parse_args(argv)

    if os.name == "nt" or shutil.which("bash") is None or shutil.which("git") is None:
        print("needs bash and git (Linux, macOS); on Windows follow README's Windows steps", file=sys.stderr)
        return 2
    repo = args.repo.resolve()
    spec = requires_python(repo / "pyproject.toml")
    interpreters, notes = find_interpreters(args.interpreter)
    selected = []
    for interp in interpreters:
        if not wanted(interp, args.versions):
            continue
        if satisfies(interp.version, spec):
            selected.append(interp)
        else:
            notes.append(f"{interp.executable} ({interp.found_as}): Python {interp.name} is outside {spec}")
    for note in notes:
        print(f"skip {note}")
    for interp in selected:
        print(f"use  Python {interp.name}: {interp.executable} ({interp.found_as})")
    if args.list:
        return 0
    missing = [v for v in args.versions if not any(wanted(i, [v]) for i in selected)]
    if missing or not selected:
        print(f"nothing to run for: {', '.join(missing) or 'requires-python ' + spec}", file=sys.stderr)
        return 2

    commit = git("rev-parse", "--short", "HEAD", cwd=repo)
    if git("status", "--porcelain", "--untracked-files=no", cwd=repo):
        print(f"note: uncommitted changes in {repo} are not tested; testing commit {commit}")
    log_dir = (args.log_dir or Path(tempfile.mkdtemp(prefix="cnnedu-check-pythons-"))).resolve()
    log_dir.mkdir(parents=True, exist_ok=True)
    day = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")

    results = []
    for interp in selected:
        print(f"run  Python {interp.name}: bash .ci/run in a fresh clone of {commit} ...", flush=True)
        result = run_one(interp, repo, commit, log_dir, args.keep)
        print(f"     {'passed' if result.passed else 'FAILED'} in {result.seconds:.0f} s, log {result.log}", flush=True)
        results.append(result)
    print()
    print(table(results, commit, day))
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
