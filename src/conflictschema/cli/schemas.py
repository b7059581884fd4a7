"""`conflictschema schemas`: write the generated files, or check them for drift."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def schemas_command(
    directory: Annotated[
        Path, typer.Option("--dir", help="Where the generated files live.")
    ] = Path("schemas"),
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Write nothing; exit 1 naming each file that differs from the models."
        ),
    ] = False,
) -> None:
    """Generate Table Schemas, the datapackage profile, JSON Schema and the codebook from the models."""
    from conflictschema.generate import check_schemas, write_schemas

    if check:
        drifted = check_schemas(directory)
        for rel in drifted:
            typer.echo(f"{directory / rel}: differs from what the models generate", err=True)
        if drifted:
            typer.echo("run `conflictschema schemas` and commit the result", err=True)
            raise typer.Exit(1)
        typer.echo(f"{directory}: generated files match the models")
        return
    for path in write_schemas(directory):
        typer.echo(f"wrote {path}")
