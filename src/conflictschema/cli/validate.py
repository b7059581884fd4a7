"""`conflictschema validate`: one call to conflictschema.validate, one reporter, one exit status."""

from __future__ import annotations

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
from conflictschema.report import REPORTER_BY_NAME
from conflictschema.validation import Report, validate

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
) -> None:
    """Validate a dataset; exit 0 valid, 1 errors (or warnings with --strict), 2 unreadable."""
    report = validate(path, strict=strict)
    reporter = REPORTER_BY_NAME[output_format.value](
        verbosity=verbosity(verbose, quiet), max_findings=max_findings
    )
    typer.echo(reporter.render(report), nl=False)
    raise typer.Exit(exit_status(report))
