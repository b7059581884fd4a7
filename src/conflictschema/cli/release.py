"""`conflictschema release` and `conflictschema diff`: one library call each."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from conflictschema.publishing import Diff


def release_command(
    dataset: Annotated[
        Path,
        typer.Argument(
            help="The dataset to publish: a package directory, datapackage.json or dataset .json."
        ),
    ],
    version: Annotated[str, typer.Option("--version", help="The new version, MAJOR.MINOR.PATCH.")],
    out: Annotated[
        Path,
        typer.Option(
            "--out", help="The release directory (holds index.json and one folder per dataset)."
        ),
    ] = Path("releases"),
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Release date YYYY-MM-DD, or 'today'; by default the latest date in the data.",
        ),
    ] = None,
) -> None:
    """Validate, diff against the previous release, and publish an immutable, reproducible version."""
    from conflictschema.publishing import ReleaseError, release

    try:
        result = release(dataset, version, out, date=date)
    except ReleaseError as exc:  # also ReleaseExistsError: a refusal, with nothing written
        typer.echo(f"refused: {exc}", err=True)
        raise typer.Exit(1) from None
    since = (
        f" (previous {result.previous}; changes need a {result.diff.required} step)"
        if result.diff
        else " (first release)"
    )
    typer.echo(f"released {result.name} {result.version}{since}")
    typer.echo(f"  {result.directory}")
    typer.echo(f"  {result.zip_path}  sha256:{result.zip_sha256}")


def render_diff(changes: Diff) -> str:
    lines = [f"required version step: {changes.required}"]
    lines += [f"  {bump}: {reason}" for bump, reason in changes.reasons]
    for table, kinds in changes.tables.items():
        counts = {k: len(v) for k, v in kinds.as_dict().items() if v}
        if counts:
            lines.append(f"{table}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
            for record_id, fields in list(kinds.modified.items())[:10]:
                lines.append(f"  modified {record_id}: {', '.join(fields)}")
    return "\n".join(lines) + "\n"


def diff_command(
    old: Annotated[Path, typer.Argument(help="The older dataset or release directory.")],
    new: Annotated[Path, typer.Argument(help="The newer dataset or release directory.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the analysis as JSON.")] = False,
) -> None:
    """Show what changed between two datasets and which version step that needs; writes nothing."""
    from conflictschema.publishing import diff

    changes = diff(old, new)
    typer.echo(
        json.dumps(changes.as_dict(), indent=2) if as_json else render_diff(changes), nl=as_json
    )
