#!/usr/bin/env python3
"""Regenerate the stored outputs of the notebooks: the ONE way to do it.

    python scripts/execute_notebooks.py                      # all notebooks/NN_*.ipynb and notebooks/ko/NN_*.ipynb
    python scripts/execute_notebooks.py notebooks/03_pooling.ipynb
    python scripts/execute_notebooks.py --check              # hygiene checks only, no kernel

For each notebook, in a fresh kernel of the Python running this script, with the
notebook's folder as working directory (as nbval does):

 1. jupyter nbconvert --to notebook --execute --inplace --allow-errors
        --ExecutePreprocessor.record_timing=False --ExecutePreprocessor.timeout=600
    (record_timing=False: otherwise every cell gets timestamp metadata;
    --allow-errors: so that cells marked `# NBVAL_RAISES_EXCEPTION` run through.
    An error in any UNMARKED cell is then reported by step 3 and the script fails.)
 2. nbstripout --keep-output --keep-count
    (drops widget state and execution metadata, makes cell ids sequential,
    keeps outputs and execution counts, which nbval needs)
 3. the stored kernelspec set to the one ipykernel installs ("Python 3 (ipykernel)"), so
    JupyterLab does not open the notebook marked as modified
 4. the checks of tests/test_notebook_hygiene.py

Both editions: the English notebooks/NN_*.ipynb and the Korean notebooks/ko/NN_*.ipynb
(run in notebooks/ko/, as nbval does).

The environment is the caller's, except PYTHONHASHSEED=0 (any accidental
dependence on set/dict hash order then at least gives the same stored output
every time; `python -m pytest` does not set it, so nbval will expose it) and no
MPLBACKEND (with MPLBACKEND=Agg ipykernel does not switch to the inline backend).

Exit status: 0 if every notebook ran and passed the checks, 1 otherwise.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = REPO / "notebooks"
HYGIENE = REPO / "tests" / "test_notebook_hygiene.py"


def hygiene_module():
    """tests/test_notebook_hygiene.py, imported by path (tests/ is not a package)."""
    spec = importlib.util.spec_from_file_location("notebook_hygiene", HYGIENE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check(paths: list[Path]) -> bool:
    hygiene = hygiene_module()
    ok = True
    for path in paths:
        problems = hygiene.notebook_problems(path)
        print(f"{'ok  ' if not problems else 'FAIL'} {rel(path)}")
        for p in problems:
            print(f"       {p}")
        ok = ok and not problems
    for p in hygiene.check_unique_numbers(hygiene.notebook_paths()):
        print(f"FAIL {p}")
        ok = False
    return ok


def execute(path: Path) -> bool:
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    env.pop("MPLBACKEND", None)
    steps = [
        [
            sys.executable, "-m", "jupyter", "nbconvert",
            "--to", "notebook", "--execute", "--inplace", "--allow-errors",
            "--ExecutePreprocessor.record_timing=False",
            "--ExecutePreprocessor.timeout=600",
            path.name,
        ],
        [sys.executable, "-m", "nbstripout", "--keep-output", "--keep-count", path.name],
    ]  # fmt: skip
    for cmd in steps:
        proc = subprocess.run(cmd, cwd=path.parent, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stdout + proc.stderr, file=sys.stderr)
            print(f"FAIL {rel(path)}: {' '.join(cmd[2:4])} exited with {proc.returncode}")
            return False
    set_kernelspec(path)
    return True


def set_kernelspec(path: Path) -> None:
    """Store the kernelspec ipykernel installs (see KERNELSPEC in tests/test_notebook_hygiene.py)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    if nb.metadata.get("kernelspec") != hygiene_module().KERNELSPEC:
        nb.metadata["kernelspec"] = dict(hygiene_module().KERNELSPEC)
        nbformat.write(nb, path)


def rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "notebooks",
        nargs="*",
        type=Path,
        help="notebooks to run (default: notebooks/[0-9][0-9]_*.ipynb and notebooks/ko/[0-9][0-9]_*.ipynb)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="only run the hygiene checks (no kernel, nothing is modified)",
    )
    args = parser.parse_args(argv)

    paths = args.notebooks or (
        sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb")) + sorted((NOTEBOOK_DIR / "ko").glob("[0-9][0-9]_*.ipynb"))
    )
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 1
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(f"not found: {', '.join(map(str, missing))}", file=sys.stderr)
        return 1
    paths = [p.resolve() for p in paths]

    if args.check:
        return 0 if check(paths) else 1

    ok = True
    total = time.perf_counter()
    for path in paths:
        start = time.perf_counter()
        print(f"run  {rel(path)} ...", flush=True)
        ran = execute(path)
        ok = ok and ran
        if ran:
            print(f"     {rel(path)}: {time.perf_counter() - start:.1f} s", flush=True)
    print(f"executed {len(paths)} notebook(s) in {time.perf_counter() - total:.1f} s")
    print("hygiene checks:")
    ok = check(paths) and ok
    if ok:
        print("done; now run `python -m pytest` and review `git diff notebooks/`")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
