"""Messages a person reads: counted right, never cut mid-word, pointing at the place,
free of library jargon and of raw terminal control characters."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import conflictschema
from tests.conftest import BUNDLED


@pytest.fixture
def many_errors(tmp_path: Path) -> Path:
    """A package with 25 `unknown-code` errors in one file."""
    package = tmp_path / "pkg"
    shutil.copytree(BUNDLED, package)
    path = package / "data" / "actors.csv"
    rows = [f"a{n},Actor {n},,spaceship,," for n in range(25)]
    path.write_text(path.read_text() + "\n".join(rows) + "\n")
    return package


def test_max_findings_counts_what_it_hides(cli, many_errors: Path) -> None:
    report = conflictschema.validate(many_errors)
    total = report.counts_by_code()["unknown-code"]
    assert total >= 25
    result = cli("validate", many_errors, "--max-findings", "2")
    listed = [line for line in result.stdout.splitlines() if line.startswith("    row ")]
    assert len(listed) == 2
    assert f"    ... {total - 2} more (over --max-findings)" in result.stdout


def test_a_missing_path_reads_plainly(cli, tmp_path: Path) -> None:
    result = cli("validate", tmp_path / "nope")
    assert result.code == 2
    assert "-:" not in result.stdout
    assert "    no such file" in result.stdout


def test_a_long_refusal_ends_on_whole_findings(cli, many_errors: Path, tmp_path: Path) -> None:
    result = cli("release", many_errors, "--version", "1.0.0", "--out", tmp_path / "out")
    assert result.code == 1, result
    assert re.search(r"; and \d+ more; run `conflictschema validate ", result.stderr)
    listed = result.stderr.split("error(s)): ", 1)[1].split("; and ", 1)[0].split("; ")
    assert len(listed) == 10
    assert all(item.endswith("unknown-code") for item in listed)


def test_an_unknown_format_is_a_plain_usage_error(cli) -> None:
    result = cli("validate", BUNDLED, "--format", "xml")
    assert result.code == 2
    assert "Value error" not in result.stderr
    assert "'xml' is not one of" in result.stderr


COMMANDS = ["validate", "convert", "upgrade", "import", "schemas", "release", "diff"]
COMMANDS += ["download", "versions", "precommit"]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_reads_cleanly_in_80_columns(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import contextlib
    import io

    from conflictschema.cli import run

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert run([command, "--help"]) == 0
    text = out.getvalue()
    for jargon in ("<bool>", "<list[", "<path>", "{", "Value error"):
        assert jargon not in text, (command, jargon)
    if command == "validate":
        flat = " ".join(text.replace("│", " ").split())
        assert "text, json, github, sarif, markdown" in flat
        assert "Data package directory" in text  # argument help is shown


def test_validate_at_a_repository_root_names_the_datasets_below(cli, tmp_path: Path) -> None:
    shutil.copytree(BUNDLED, tmp_path / "datasets" / "ours")
    shutil.copytree(BUNDLED, tmp_path / "more" / "theirs")
    result = cli("validate", tmp_path)
    assert result.code == 2
    assert (
        "It holds these datasets, validate each by name: datasets/ours, more/theirs"
        in result.stdout
    )


@pytest.fixture
def misspelt_document(tmp_path: Path) -> Path:
    path = tmp_path / "dataset.json"
    conflictschema.convert(BUNDLED, path)
    document = json.loads(path.read_text())
    incident = document["incidents"][2]
    incident["titel"] = incident.pop("title")
    path.write_text(json.dumps(document, indent=2))
    return path


def test_json_findings_point_at_the_record_and_suggest_the_key(
    cli, misspelt_document: Path
) -> None:
    result = cli("validate", misspelt_document, "--format", "github")
    record_line = next(
        n
        for n, line in enumerate(misspelt_document.read_text().splitlines(), 1)
        if '"titel"' in line
    )
    [annotation] = [line for line in result.stdout.splitlines() if "extra-column" in line]
    line = int(re.search(r"line=(\d+)", annotation)[1])
    assert line < record_line
    assert misspelt_document.read_text().splitlines()[line - 1].strip() == "{"
    assert "did you mean 'title'?" in annotation


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_a_utf16_csv_gets_an_encoding_finding(cli, tmp_path: Path, encoding: str) -> None:
    text = (BUNDLED / "data" / "actors.csv").read_text()
    single = tmp_path / "actors.csv"
    single.write_bytes(text.encode(encoding))
    package = tmp_path / "pkg"
    shutil.copytree(BUNDLED, package)
    (package / "data" / "actors.csv").write_bytes(text.encode(encoding))
    for path in (single, package):
        report = json.loads(cli("validate", path, "--format", "json").stdout)
        codes = {f["code"] for f in report["findings"]}
        assert "encoding-error" in codes, report
        [message] = [f["message"] for f in report["findings"] if f["code"] == "encoding-error"]
        assert "UTF-16" in message


def test_terminal_control_characters_never_reach_the_terminal(cli, tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    shutil.copytree(BUNDLED, package)
    path = package / "data" / "actors.csv"
    lines = path.read_text().splitlines()
    lines[0] += ",x_\x1b[31mred"
    lines[1:] = [line + ",\x1b]0;owned\x07\x1b[2J" for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n")
    for output_format in ("text", "github", "markdown"):
        result = cli("validate", package, "-vv", "--format", output_format)
        assert result.stdout, output_format
        assert "\x1b" not in result.stdout, output_format
        assert "\x07" not in result.stdout, output_format
    assert "\\x1b" in cli("validate", package).stdout
