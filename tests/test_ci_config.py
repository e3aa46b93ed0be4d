"""The CI files a teacher's fork runs are checked here, where they cannot run.

- `.github/workflows/*.yml` and `.gitlab-ci.yml` validate against the schemas that
  check-jsonschema ships (offline), and run README's test command: `.ci/run` (which reads it from
  README.md) on Linux and macOS, README's Windows steps on Windows.
- `.ci/run` runs exactly README's command, in a fresh `.venv`, and exits with its status.
- `.pre-commit-config.yaml` has local hooks only; they pass on a copy of the tree and each one
  fails on a copy broken on purpose (the working tree itself is never touched).
- The supported Pythons: requires-python, README and both CI matrices name the same range, and
  README records a passing run of the oldest and the newest (scripts/check_pythons.py).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
GITLAB = ROOT / ".gitlab-ci.yml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
LOG = "pytest-log.txt"  # what the CI jobs write and keep when a run fails

needs_bash = pytest.mark.skipif(
    os.name == "nt" or shutil.which("bash") is None, reason=".ci/run is a bash script (Linux, macOS)"
)


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def readme_test_command() -> str:
    """The first line of the fenced block after `<!-- test-command -->` (as .ci/run reads it)."""
    lines = readme().splitlines()
    start = lines.index("<!-- test-command -->")
    fence = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("```"))
    return lines[fence + 1]


def readme_windows_steps() -> list[str]:
    """README's Windows bullet, as commands: the test steps (not the `jupyter lab` one)."""
    match = re.search(r"^- \*\*Windows:\*\*(.*?)(?=^- \*\*|^\S)", readme(), re.M | re.S)
    assert match, "README.md has no '- **Windows:**' bullet"
    steps = re.findall(r"`([^`]+)`", match.group(1))
    assert steps, "README's Windows bullet names no commands"
    return [s for s in steps if not s.startswith("jupyter")]


def supported_range() -> tuple[str, str]:
    match = re.search(r"Supported Python versions: (3\.\d+) to (3\.\d+)", readme())
    assert match, "README.md does not say 'Supported Python versions: 3.X to 3.Y'"
    return match.group(1), match.group(2)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as the boolean True.
    on = workflow.get("on", workflow.get(True))
    return {on: None} if isinstance(on, str) else dict.fromkeys(on) if isinstance(on, list) else on


def jobs_running_tests(workflow: dict) -> list[dict]:
    """The jobs that run the tests: those with a step running .ci/run or pytest."""
    return [
        job
        for job in workflow["jobs"].values()
        if any(".ci/run" in step.get("run", "") or "pytest" in step.get("run", "") for step in job["steps"])
    ]


def run_steps(job: dict) -> list[dict]:
    return [step for step in job["steps"] if "run" in step]


# --- the schemas ------------------------------------------------------------------------------

SCHEMAS = [(path, "vendor.github-workflows") for path in WORKFLOWS] + [(GITLAB, "vendor.gitlab-ci")]


@pytest.fixture(scope="module")
def check_jsonschema():
    """check-jsonschema's command line, run in this process (importing it costs seconds)."""
    if importlib.util.find_spec("check_jsonschema") is None:
        pytest.skip("check-jsonschema is not installed (it comes with `pip install -e .[test]`)")
    from check_jsonschema import main
    from click.testing import CliRunner

    def run(schema: str, path: Path):
        return CliRunner().invoke(main, ["--builtin-schema", schema, str(path)])

    return run


def test_there_is_a_workflow():
    assert [p.name for p in WORKFLOWS] == ["tests.yml"]
    assert GITLAB.is_file()


@pytest.mark.parametrize("path,schema", SCHEMAS, ids=[p.name for p, _ in SCHEMAS])
def test_ci_file_validates_against_its_schema(check_jsonschema, path, schema):
    result = check_jsonschema(schema, path)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "path,schema,break_it",
    [
        # a job without `runs-on`
        (WORKFLOWS[0], "vendor.github-workflows", lambda d: d["jobs"]["test"].pop("runs-on")),
        # artifacts kept "sometimes", which GitLab does not know
        (GITLAB, "vendor.gitlab-ci", lambda d: d["tests"]["artifacts"].update(when="sometimes")),
    ],
    ids=["workflow", "gitlab"],
)
def test_schema_check_can_fail(check_jsonschema, path, schema, break_it, tmp_path):
    data = load(path)
    break_it(data)
    broken = tmp_path / path.name
    broken.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML; `on` stays a string key
    result = check_jsonschema(schema, broken)
    assert result.exit_code == 1, result.output
    assert "Schema validation errors" in result.output


# --- the GitHub workflow ----------------------------------------------------------------------


def test_workflow_runs_on_push_and_pull_request():
    on = triggers(load(WORKFLOWS[0]))
    assert {"push", "pull_request"} <= set(on), on
    for event in ("push", "pull_request"):  # no branch filter: a fork's own branches are tested too
        assert not (on[event] or {}).get("branches"), f"{event} is limited to some branches"


def test_workflow_matrix_covers_the_supported_pythons_and_systems():
    oldest, newest = supported_range()
    (job,) = jobs_running_tests(load(WORKFLOWS[0]))
    strategy = job["strategy"]
    assert strategy.get("fail-fast") is False, "one failing system must not cancel the others"
    cells = strategy["matrix"]["include"]
    by_os = {}
    for cell in cells:
        by_os.setdefault(cell["os"].split("-")[0], []).append(str(cell["python"]))
    assert sorted(by_os["ubuntu"]) == [oldest, newest]
    assert len(by_os["macos"]) == 1 and len(by_os["windows"]) == 1
    for version in by_os["macos"] + by_os["windows"]:
        assert oldest <= version <= newest or version in (oldest, newest)
    assert job["runs-on"] == "${{ matrix.os }}"


def test_workflow_linux_and_macos_run_ci_run():
    (job,) = jobs_running_tests(load(WORKFLOWS[0]))
    unix = [s for s in run_steps(job) if ".ci/run" in s["run"]]
    assert len(unix) == 1, "one step runs .ci/run"
    (step,) = unix
    assert step["if"] == "runner.os != 'Windows'"
    assert step["shell"] == "bash"  # GitHub's `bash -eo pipefail`: tee does not hide a failure
    assert step["run"].strip() == f"bash .ci/run 2>&1 | tee {LOG}"


def test_workflow_windows_runs_readme_windows_steps():
    (job,) = jobs_running_tests(load(WORKFLOWS[0]))
    (step,) = [s for s in run_steps(job) if s.get("if") == "runner.os == 'Windows'" and "pytest" in s["run"]]
    assert step["shell"] == "pwsh"
    # `py` picks the matrix version; without this it would pick the newest Python installed
    assert step["env"]["PY_PYTHON"] == "${{ matrix.python }}"
    lines = [line.strip() for line in step["run"].splitlines() if line.strip()]
    commands = [line.split(" 2>&1")[0] for line in lines if not line.startswith(("if (", "exit "))]
    assert commands == readme_windows_steps()
    # every command's failure fails the step (pwsh itself goes on after a failing program)
    for i, line in enumerate(lines):
        if line.startswith(("py ", "python ")) and "pytest" not in line:
            assert lines[i + 1] == "if ($LASTEXITCODE) { exit $LASTEXITCODE }", line
    assert lines[-2] == f"python -m pytest 2>&1 | Tee-Object -FilePath {LOG}"
    assert lines[-1] == "exit $LASTEXITCODE"


def test_workflow_caches_pip_and_keeps_the_log_on_failure():
    (job,) = jobs_running_tests(load(WORKFLOWS[0]))
    (setup,) = [s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
    assert setup["with"]["python-version"] == "${{ matrix.python }}"
    assert setup["with"]["cache"] == "pip"
    assert "pyproject.toml" in setup["with"]["cache-dependency-path"]  # where the versions live
    (upload,) = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["if"] == "failure()"
    assert upload["with"]["path"] == LOG
    steps = [s.get("uses") or s.get("name") for s in job["steps"]]
    assert steps.index(upload["uses"]) == len(steps) - 1, "the upload comes after the test steps"


# --- GitLab -----------------------------------------------------------------------------------


def test_gitlab_runs_ci_run_on_the_oldest_and_newest_python():
    config = load(GITLAB)
    job = config["tests"]
    assert job["script"] == [f"bash -o pipefail -c 'bash .ci/run 2>&1 | tee {LOG}'"]
    assert job["image"] == "python:$PYTHON_VERSION"
    ((variable, versions),) = job["parallel"]["matrix"][0].items()
    assert variable == "PYTHON_VERSION" and versions == list(supported_range())
    assert job["artifacts"]["when"] == "on_failure" and job["artifacts"]["paths"] == [LOG]
    cache_dir = config["variables"]["PIP_CACHE_DIR"]
    assert cache_dir.startswith("$CI_PROJECT_DIR/")  # GitLab caches only paths inside the project
    assert job["cache"]["paths"] == [cache_dir.removeprefix("$CI_PROJECT_DIR/")]


# --- .ci/run ----------------------------------------------------------------------------------


def sandbox(tmp_path: Path, readme_text: str) -> Path:
    """A folder with a copy of .ci/run and the given README.md, and a `.venv` to be removed."""
    (tmp_path / ".ci").mkdir()
    shutil.copy(ROOT / ".ci" / "run", tmp_path / ".ci" / "run")
    (tmp_path / "README.md").write_text(readme_text, encoding="utf-8")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "old").write_text("from an earlier run", encoding="utf-8")
    return tmp_path


def ci_run(folder: Path, path_first: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if path_first is not None:
        env["PATH"] = f"{path_first}{os.pathsep}{env['PATH']}"
    return subprocess.run(
        ["bash", str(folder / ".ci" / "run")], env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )


@needs_bash
def test_ci_run_runs_readmes_command_in_a_fresh_venv(tmp_path):
    folder = sandbox(tmp_path, readme())
    # A python3 that only says how it was called and fails: README's command starts with it.
    fake = tmp_path / "fake-bin"
    fake.mkdir()
    (fake / "python3").write_text('#!/bin/sh\necho "fake python3 $*"\nexit 7\n', encoding="utf-8")
    (fake / "python3").chmod(0o755)
    result = ci_run(folder, path_first=fake)
    assert f"+ {readme_test_command()}\n" in result.stdout
    assert "fake python3 -m venv .venv" in result.stdout
    assert result.returncode == 7, "the command's exit status"
    assert "FAILED (exit status 7)" in result.stderr
    assert not (folder / ".venv").exists(), ".ci/run starts from a fresh .venv"


@needs_bash
def test_ci_run_passes_when_the_command_does(tmp_path):
    folder = sandbox(tmp_path, "# x\n\n<!-- test-command -->\n```bash\necho ran-the-command\n```\n")
    result = ci_run(folder)
    assert result.returncode == 0, result.stderr
    assert "ran-the-command" in result.stdout and ".ci/run: passed" in result.stdout


@needs_bash
@pytest.mark.parametrize("text", ["# no marker\n\n```bash\necho hi\n```\n", "<!-- test-command -->\n```bash\n```\n"])
def test_ci_run_refuses_a_readme_without_a_command(tmp_path, text):
    result = ci_run(sandbox(tmp_path, text))
    assert result.returncode == 2
    assert "no test command found" in result.stderr


# --- pre-commit -------------------------------------------------------------------------------


def hooks() -> dict[str, dict]:
    config = load(PRE_COMMIT)
    assert [repo["repo"] for repo in config["repos"]] == ["local"], "pre-commit must not clone anything"
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_hooks_are_local_and_use_the_test_extras_tools():
    found = hooks()
    assert set(found) == {"ruff-check", "ruff-format", "nbstripout", "notebook-hygiene"}
    assert {hook["language"] for hook in found.values()} == {"system"}
    assert found["ruff-check"]["entry"].startswith("ruff check")
    assert found["ruff-format"]["entry"].startswith("ruff format --check")
    assert found["nbstripout"]["entry"] == "nbstripout --keep-output --keep-count"
    assert found["notebook-hygiene"]["entry"] == "python scripts/execute_notebooks.py --check"
    test_extra = re.search(r"^test = \[(.*?)^\]", (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M | re.S)
    for tool in ("ruff", "nbstripout", "pre-commit"):
        assert re.search(rf'^\s*"{tool}\b', test_extra.group(1), re.M), f"{tool} is not in the test extra"


def tracked(pattern: str = "") -> list[str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    result = subprocess.run(["git", "ls-files", "-z", *([pattern] if pattern else [])], cwd=ROOT, capture_output=True)
    if result.returncode != 0:
        pytest.skip("not a git checkout (pre-commit works on git repositories only)")
    return [p for p in result.stdout.decode().split("\0") if p and (ROOT / p).is_file()]


def test_ruff_hooks_see_the_files_ruff_lints():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (it comes with `pip install -e .[test]`)")
    listed = subprocess.run([ruff, "check", "--show-files"], cwd=ROOT, capture_output=True, text=True)
    py_files = set(tracked("*.py"))
    paths = [Path(line.strip()) for line in listed.stdout.splitlines() if line.strip()]
    linted = {path.resolve().relative_to(ROOT).as_posix() for path in paths} & py_files
    for hook in ("ruff-check", "ruff-format"):
        pattern = re.compile(hooks()[hook]["files"])
        assert {p for p in py_files if pattern.search(p)} == linted, hook


def test_ruff_format_exclusions_name_real_files():
    exclude = hooks()["ruff-format"]["exclude"]
    names = re.findall(r"^\s*([\w/]+\\\.py)\|?\s*$", exclude, re.M)
    assert names, exclude
    for name in names:
        assert (ROOT / name.replace("\\.", ".")).is_file(), f"{name} in the ruff-format exclusions does not exist"


def copy_of_the_tree(tmp_path: Path) -> Path:
    """The tracked files, as they are in the working tree now, in a new git repository."""
    copy = tmp_path / "repo"
    for name in tracked():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)
    for args in (["init", "-q"], ["add", "--all"]):
        subprocess.run(["git", *args], cwd=copy, check=True, capture_output=True)
    return copy


def pre_commit(copy: Path, *args: str) -> subprocess.CompletedProcess:
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (it comes with `pip install -e .[test]`)")
    env = dict(os.environ)
    # The hooks run the environment's tools, as after `. .venv/bin/activate`.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PRE_COMMIT_HOME"] = str(copy.parent / "pre-commit-home")
    env.pop("SKIP", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--color", "never", *args],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def failed_hooks(output: str) -> set[str]:
    return set(re.findall(r"^- hook id: (\S+)", output, re.M))


def test_pre_commit_passes_on_the_repository(tmp_path):
    copy = copy_of_the_tree(tmp_path)
    result = pre_commit(copy, "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    for hook in hooks().values():
        assert re.search(rf"^{re.escape(hook['name'])}\.+Passed$", result.stdout, re.M), hook["name"]


def test_pre_commit_hooks_fail_on_what_they_are_for(tmp_path):
    copy = copy_of_the_tree(tmp_path)
    notebook = sorted((copy / "notebooks").glob("[0-9][0-9]_*.ipynb"))[0]
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    code = [cell for cell in nb["cells"] if cell["cell_type"] == "code"]
    code[0]["metadata"]["ExecuteTime"] = {"start_time": "2026-01-01T00:00:00"}  # editor metadata
    code[0]["execution_count"] = 99  # run out of order
    notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    probe = copy / "cnnedu" / "_probe.py"
    probe.write_text("import os\nx = {  'a':1 }\n", encoding="utf-8")  # unused import, unformatted
    subprocess.run(["git", "add", "--all"], cwd=copy, check=True)
    result = pre_commit(copy, "--files", str(notebook.relative_to(copy)), "cnnedu/_probe.py")
    assert result.returncode != 0
    assert failed_hooks(result.stdout) == set(hooks()), result.stdout
    assert "ExecuteTime" not in notebook.read_text(encoding="utf-8"), "nbstripout strips the metadata"


# --- the supported Pythons --------------------------------------------------------------------


def check_pythons():
    spec = importlib.util.spec_from_file_location("check_pythons", ROOT / "scripts" / "check_pythons.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_requires_python_readme_and_ci_agree():
    oldest, newest = supported_range()
    spec = check_pythons().requires_python(ROOT / "pyproject.toml")
    assert spec == f">={oldest}", "requires-python names the oldest supported version and no cap"
    assert f"Python {oldest} or newer" in readme()
    assert oldest < newest or tuple(map(int, oldest.split("."))) < tuple(map(int, newest.split(".")))


@pytest.mark.parametrize(
    "version,spec,expected",
    [
        ((3, 10, 13), ">=3.10", True),
        ((3, 9, 18), ">=3.10", False),
        ((3, 13, 0), ">=3.10,<3.14", True),
        ((3, 14, 0), ">=3.10,<3.14", False),
        ((3, 10, 0), "==3.10", True),
        ((3, 11, 2), "!=3.11", False),
    ],
)
def test_satisfies(version, spec, expected):
    assert check_pythons().satisfies(version, spec) is expected


def test_satisfies_refuses_what_it_does_not_understand():
    with pytest.raises(ValueError, match="'~=3.10' is not understood"):
        check_pythons().satisfies((3, 10, 0), "~=3.10")


@pytest.mark.parametrize(
    "log,counts,seconds",
    [
        ("x\n===== 530 passed, 2 skipped in 61.20s (0:01:01) =====\n", {"passed": 530, "skipped": 2}, 61.2),
        (
            "== 1 failed, 529 passed, 1 warning in 9.5s ==\n",
            {"failed": 1, "passed": 529, "warning": 1},
            9.5,
        ),
        ("=== 3 errors, 2 warnings in 1.00s ===", {"error": 3, "warning": 2}, 1.0),
        ("=== no tests ran in 0.01s ===", {}, 0.01),
        ("pip: could not install\n", {}, None),
    ],
)
def test_pytest_summary(log, counts, seconds):
    assert check_pythons().pytest_summary(log) == (counts, seconds)


@needs_bash
@pytest.mark.parametrize("passes", [True, False])
def test_check_pythons_runs_ci_run_in_a_clone(tmp_path, capsys, passes):
    """The whole script on a tiny repository whose README command prints a pytest summary."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    summary = "== 3 passed, 1 skipped in 0.25s ==" if passes else "== 1 failed, 2 passed in 0.1s =="
    command = f"python3 -c \"import sys; print('{summary}'); sys.exit({0 if passes else 1})\""
    (repo / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", repo / ".ci" / "run")
    (repo / "README.md").write_text(f"<!-- test-command -->\n```bash\n{command}\n```\n", encoding="utf-8")
    (repo / "pyproject.toml").write_text('[project]\nrequires-python = ">=3.10"\n', encoding="utf-8")
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid"]
    for args in (["init", "-q"], ["add", "--all"], ["commit", "-q", "-m", "x"]):
        subprocess.run([*git, *args], cwd=repo, check=True, capture_output=True)
    (repo / "README.md").write_text("uncommitted edits are not tested\n", encoding="utf-8")

    status = check_pythons().main(["--repo", str(repo), "--interpreter", sys.executable, "--log-dir", str(tmp_path)])
    out = capsys.readouterr().out
    assert "uncommitted changes" in out
    version = ".".join(map(str, sys.version_info[:3]))
    if passes:
        assert status == 0
        assert re.search(
            rf"^\| {version} \| passed \| 3 passed, 1 skipped \| \d+ s \(pytest 0 s\) \| [\d.]+–[\d.]+ \|", out, re.M
        ), out
    else:
        assert status == 1
        assert re.search(rf"^\| {version} \| FAILED \(exit 1\) \| 1 failed, 2 passed \|", out, re.M), out
    assert summary in (tmp_path / f"python{version}.log").read_text(encoding="utf-8").splitlines()


def test_readme_records_a_passing_run_of_the_oldest_and_newest_python():
    rows = re.findall(r"^\| (3\.\d+\.\d+) \| passed \| (\d+) passed\b[^|]*\| ([\d,]+) s", readme(), re.M)
    versions = {".".join(v.split(".")[:2]) for v, _, _ in rows}
    assert set(supported_range()) <= versions, rows
