"""Shared fixtures: where things are, and the CLI run as a real subprocess."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

# The suite runs one worker per core (-n auto); a Polars thread pool per worker would
# ask for more cores than there are, and the tests' small frames gain nothing from it.
# Set before any test imports Polars, and inherited by the CLI's subprocesses.
os.environ.setdefault("POLARS_MAX_THREADS", "1")

import pytest
from hypothesis import HealthCheck, Phase, settings

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "datasets" / "contested-incidents"

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
# For iterating on a failure: no shrinking, so a failing example shows at once.
settings.register_profile(
    "dev",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


class CliResult:
    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code = code
        self.stdout = stdout
        self.stderr = stderr

    def __repr__(self) -> str:
        return f"<exit {self.code}\nstdout:\n{self.stdout}\nstderr:\n{self.stderr}>"


@contextlib.contextmanager
def _within(cwd: Path | None, env: dict[str, str]) -> Iterator[None]:
    old_cwd, old_env = os.getcwd(), dict(os.environ)
    os.environ.update(env)
    if cwd is not None:
        os.chdir(cwd)
    try:
        yield
    finally:
        os.chdir(old_cwd)
        os.environ.clear()
        os.environ.update(old_env)


CLI_ENV = {"NO_COLOR": "1", "COLUMNS": "200"}


def run_cli(
    *args: str | os.PathLike[str], cwd: Path | None = None, timeout: float = 120
) -> CliResult:
    """Run the command line in this process, exactly as the console script does
    (``conflictschema.cli.run``: the same parsing, exit statuses and error messages)."""
    from conflictschema.cli import EXIT_INTERNAL, run

    out, err = io.StringIO(), io.StringIO()
    with _within(cwd, CLI_ENV), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run([os.fspath(a) for a in args])
    result = CliResult(code, out.getvalue(), err.getvalue())
    assert code != EXIT_INTERNAL, result
    return result


def run_cli_subprocess(
    *args: str | os.PathLike[str], cwd: Path | None = None, timeout: float = 120
) -> CliResult:
    """Run `python -m conflictschema ARGS` as a user would, in a subprocess."""
    completed = subprocess.run(
        [sys.executable, "-m", "conflictschema", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        env={**os.environ, **CLI_ENV},
    )
    result = CliResult(completed.returncode, completed.stdout, completed.stderr)
    assert "Traceback" not in result.stderr, result
    return result


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def cli_process():
    return run_cli_subprocess


@pytest.fixture
def bundled() -> Path:
    return BUNDLED
