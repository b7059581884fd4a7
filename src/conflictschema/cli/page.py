"""`conflictschema page DATASET -o DIR`: the release page, to look at before releasing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def page_command(
    dataset: Annotated[
        Path,
        typer.Argument(help="The dataset: a package directory, datapackage.json or dataset .json."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="The folder to write index.html into.")],
) -> None:
    """Write the page a release would carry (map, incidents and their accounts, codebook) as OUT/index.html."""
    from conflictschema.publishing import ReleaseError, page

    try:
        written = page(dataset, out)
    except ReleaseError as exc:
        typer.echo(f"conflictschema: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"wrote {written}; open it in a browser (it needs no network)")
