"""`conflictschema convert SRC DST`: read any serialisation, write the one DST names."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def convert_command(
    source: Annotated[
        Path, typer.Argument(help="Data package directory, datapackage.json, .json or .jsonl.")
    ],
    destination: Annotated[
        Path,
        typer.Argument(help="A .json file, a .jsonl file, or a directory for a CSV data package."),
    ],
) -> None:
    """Convert a dataset between the CSV data package, dataset JSON and JSONL, in normal form."""
    from conflictschema.validation.convert import convert

    written = convert(source, destination)
    typer.echo(f"wrote {written}")
