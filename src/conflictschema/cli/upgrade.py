"""`conflictschema upgrade PATH [-o OUT]`: rewrite a dataset in the current standard."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from conflictschema.cli.options import SummaryFormatOption, summary_format


def upgrade_command(
    path: Annotated[
        Path, typer.Argument(help="Data package directory, datapackage.json, .json or .jsonl.")
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write here (.json, .jsonl or a package directory) instead of in place.",
        ),
    ] = None,
    output_format: SummaryFormatOption = "text",
) -> None:
    """Rewrite a dataset of an earlier standard version in the current one, and say what changed."""
    from conflictschema.validation.upgrade import upgrade

    output_format = summary_format(output_format)
    result = upgrade(path, out)
    if output_format == "json":
        typer.echo(
            json.dumps(
                {
                    "source": str(result.source),
                    "from_version": result.from_version,
                    "to_version": result.to_version,
                    "upgraded": result.upgraded,
                    "changes": result.changes,
                    "written": None if result.written is None else str(result.written),
                },
                indent=2,
            )
        )
        return
    if result.upgraded:
        typer.echo(f"{path}: standard {result.from_version} -> {result.to_version}")
        for change in result.changes:
            typer.echo(f"  {change}")
    else:
        typer.echo(f"{path}: already in standard {result.from_version}; nothing to upgrade")
    if result.written is not None:
        typer.echo(f"wrote {result.written}")
