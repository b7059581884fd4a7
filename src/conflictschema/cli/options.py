"""Options shared by several commands, declared once."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from conflictschema.report import REPORTER_BY_NAME

OutputFormat = Enum("OutputFormat", {name: name for name in REPORTER_BY_NAME}, type=str)  # type: ignore[misc]

FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Report format.", case_sensitive=False),
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
