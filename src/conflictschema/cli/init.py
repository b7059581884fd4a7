"""`conflictschema init DIR`: an empty, valid data package to fill."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def init_command(
    folder: Annotated[Path, typer.Argument(help="The new package's folder (new or empty).")],
    name: Annotated[
        str | None,
        typer.Option("--name", help="Machine name; by default made from the folder's name."),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Human title.")] = None,
    license: Annotated[
        str, typer.Option("--license", help="SPDX identifier of the data's licence.")
    ] = "CC-BY-4.0",
) -> None:
    """Start a dataset: write an empty package (metadata and every table's header) that validates."""
    from conflictschema.io.starter import init

    written = init(folder, name=name, title=title, license=license)
    typer.echo(f"wrote an empty dataset in {written}")
    typer.echo(f"  fill {written / 'data'}/*.csv, then: conflictschema validate {written}")
