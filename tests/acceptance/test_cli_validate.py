"""`conflictschema validate` end to end: most as a real subprocess (the console
entry point, exit statuses, stdout/stderr), the rest in-process through the same entry."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import BUNDLED, CLI_ENV


def test_bundled_dataset_is_valid(cli_process) -> None:
    result = cli_process("validate", BUNDLED)
    assert result.code == 0, result
    assert "valid, 0 error(s)" in result.stdout


def test_descriptor_and_json_inputs(cli, tmp_path: Path) -> None:
    assert cli("validate", BUNDLED / "datapackage.json").code == 0
    assert cli("convert", BUNDLED, tmp_path / "dataset.json").code == 0
    assert cli("convert", BUNDLED, tmp_path / "incidents.jsonl").code == 0
    assert cli("validate", tmp_path / "dataset.json").code == 0
    assert cli("validate", tmp_path / "incidents.jsonl").code == 0


def test_broken_dataset_exits_1_with_located_findings(cli_process, tmp_path: Path) -> None:
    cli = cli_process
    package = tmp_path / "pkg"
    shutil.copytree(BUNDLED, package)
    path = package / "data" / "incidents.csv"
    path.write_text(
        path.read_text().replace("2024-02-27,2024-02-27,day", "2024-02-28,2024-02-27,day")
    )
    result = cli("validate", package, "--format", "json")
    assert result.code == 1, result
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["errors"] == 1
    [finding] = report["findings"]
    assert finding | {"message": None} == {
        "code": "date-order",
        "severity": "error",
        "file": "data/incidents.csv",
        "row": 2,
        "field": "date_end",
        "value": "2024-02-27",
        "message": None,
    }
    text = cli("validate", package)
    assert text.code == 1
    assert "row 2, date_end" in text.stdout


def test_unreadable_input_exits_2_and_still_reports_json(cli_process, tmp_path: Path) -> None:
    result = cli_process("validate", tmp_path / "missing.json", "--format", "json")
    assert result.code == 2, result
    assert json.loads(result.stdout)["readable"] is False


def test_misuse_exits_2(cli_process) -> None:
    assert cli_process("validate").code == 2
    assert cli_process("validate", BUNDLED, "--format", "yaml").code == 2


#: The environment of a process whose output is buffered as a user's is (``PYTHONUNBUFFERED``,
#: which some CI runners set, would hide a lost buffer).
BUFFERED_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"} | CLI_ENV


def _with_many_findings(tmp_path: Path) -> Path:
    """The bundled package with 3,000 more copies of a source: 3,000 duplicate ids."""
    package = tmp_path / "pkg"
    shutil.copytree(BUNDLED, package)
    sources = package / "data" / "sources.csv"
    lines = sources.read_text(encoding="utf-8").splitlines(keepends=True)
    sources.write_text("".join(lines) + lines[1] * 3000, encoding="utf-8")
    return package


def _python(*argv: str, stdout: int | object = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        env=BUFFERED_ENV,
    )


def _into_a_closed_pipe(*argv: str) -> subprocess.CompletedProcess[str]:
    """``python argv...`` with its stdout a pipe nobody reads (``| head`` once ``head``
    has gone)."""
    read, write = os.pipe()
    os.close(read)
    with os.fdopen(write, "wb") as closed_pipe:
        return _python(*argv, stdout=closed_pipe)


def test_a_report_larger_than_the_output_buffer_arrives_whole(tmp_path: Path) -> None:
    """The console script ends the process (``os._exit``) once its output is flushed:
    a report of hundreds of kilobytes, sent down a pipe, must still arrive whole."""
    package = _with_many_findings(tmp_path)
    completed = _python("-m", "conflictschema", "validate", str(package), "--format", "json")
    assert completed.returncode == 1, completed.stderr
    assert len(completed.stdout) > 100_000
    report = json.loads(completed.stdout)
    assert report["counts"] == {"duplicate-id": 3000}
    assert len(report["findings"]) == 1000
    assert report["not_listed"] == 2000


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    """Click reports a closed pipe met while writing with status 1 and no message: a
    valid dataset, whose status is otherwise 0."""
    completed = _into_a_closed_pipe("-m", "conflictschema", "validate", str(BUNDLED))
    assert (completed.returncode, completed.stderr) == (1, "")


def test_output_that_cannot_be_flushed_at_the_end_exits_120() -> None:
    """Text still buffered when the command returns is flushed before the process ends;
    when that fails the status is Python's own for it (120), never a silent 0."""
    completed = _into_a_closed_pipe(
        "-c",
        "import sys\n"
        "import conflictschema.cli as cli\n"
        "cli.run = lambda: sys.stdout.write('unflushed') and 0\n"
        "cli.main()",
    )
    assert (completed.returncode, completed.stderr) == (120, "")


def test_convert_round_trip_through_the_cli(cli, tmp_path: Path) -> None:
    assert cli("convert", BUNDLED, tmp_path / "d.json").code == 0
    assert cli("convert", tmp_path / "d.json", tmp_path / "pkg").code == 0
    for path in (BUNDLED / "data").glob("*.csv"):
        assert (tmp_path / "pkg" / "data" / path.name).read_bytes() == path.read_bytes()
