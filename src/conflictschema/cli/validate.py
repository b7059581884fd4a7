"""`conflictschema validate`: one call to conflictschema.validate, one reporter, one exit status."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated

import typer

from conflictschema.cli.options import (
    FormatOption,
    MaxFindingsOption,
    OutputFormat,
    QuietOption,
    StrictOption,
    VerboseOption,
    verbosity,
)
from conflictschema.findings import Report
from conflictschema.report import REPORTER_BY_NAME, MarkdownReporter, TextReporter

EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


def exit_status(report: Report) -> int:
    """The one place the exit status is decided."""
    if not report.readable:
        return EXIT_UNREADABLE
    return EXIT_VALID if report.passed else EXIT_INVALID


def validate_command(
    path: Annotated[
        Path,
        typer.Argument(
            help="Data package directory, datapackage.json, table CSV, dataset .json or .jsonl."
        ),
    ],
    output_format: FormatOption = OutputFormat["text"],
    strict: StrictOption = False,
    max_findings: MaxFindingsOption = None,
    verbose: VerboseOption = 0,
    quiet: QuietOption = 0,
    summary: Annotated[
        Path | None,
        typer.Option(
            "--summary",
            help="Also append a Markdown summary to this file (e.g. $GITHUB_STEP_SUMMARY).",
        ),
    ] = None,
) -> None:
    """Validate a dataset; exit 0 valid, 1 errors (or warnings with --strict), 2 unreadable."""
    from conflictschema.validation import validate

    with contextlib.ExitStack() as stack:
        # opened first, so a summary path that cannot be written costs no validation
        handle = stack.enter_context(summary.open("a", encoding="utf-8")) if summary else None
        report = validate(path, strict=strict)
        reporter = REPORTER_BY_NAME[output_format.value](
            verbosity=verbosity(verbose, quiet), max_findings=max_findings
        )
        typer.echo(reporter.render(report), nl=False)
        if handle is not None:
            handle.write(MarkdownReporter().render(report))
    raise typer.Exit(exit_status(report))


def precommit_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Files a commit touches; each dataset they belong to is validated once."
        ),
    ],
    strict: StrictOption = False,
) -> None:
    """Validate every dataset the given files belong to (the pre-commit hook's entry point)."""
    from conflictschema.validation import datasets_touched, validate

    worst = EXIT_VALID
    for root in datasets_touched(files):
        report = validate(root, strict=strict)
        typer.echo(TextReporter().render(report), nl=False)
        worst = max(worst, exit_status(report))
    raise typer.Exit(worst)
