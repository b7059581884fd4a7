"""Options shared by several commands, declared once."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from conflictschema.report import REPORTER_BY_NAME

OutputFormat = Enum("OutputFormat", {name: name for name in REPORTER_BY_NAME}, type=str)  # type: ignore[misc]

FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"Report format: {', '.join(REPORTER_BY_NAME)}.",
        case_sensitive=False,
    ),
]
VerboseOption = Annotated[
    int, typer.Option("--verbose", "-v", count=True, help="List more (repeatable).")
]
QuietOption = Annotated[
    int, typer.Option("--quiet", "-q", count=True, help="List less (repeatable).")
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")]
MaxFindingsOption = Annotated[
    int | None,
    typer.Option("--max-findings", min=0, help="List at most N findings; all are still counted."),
]


def verbosity(verbose: int, quiet: int) -> int:
    """1 by default, up with each -v, down with each -q (check-jsonschema's rule)."""
    return 1 + verbose - quiet


#: For commands that print a summary rather than findings: ``text`` or ``json``.
SummaryFormatOption = Annotated[
    str, typer.Option("--format", help="text or json.", case_sensitive=False)
]


def summary_format(value: str) -> str:
    """The summary format asked for, refused with a usage error when it is neither."""
    if value.lower() not in ("text", "json"):
        raise typer.BadParameter("use text or json", param_hint="--format")
    return value.lower()
