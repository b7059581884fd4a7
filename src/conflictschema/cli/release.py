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
        Path | None,
        typer.Argument(
            help="The dataset to publish: a package directory, datapackage.json or dataset .json."
        ),
    ] = None,
    version: Annotated[
        str | None, typer.Option("--version", help="The new version, MAJOR.MINOR.PATCH.")
    ] = None,
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
    repair: Annotated[
        bool,
        typer.Option(
            "--repair",
            help="Publish nothing: clear what interrupted releases left in --out, verify what is published, and rebuild index.json and the changelogs.",
        ),
    ] = False,
) -> None:
    """Validate, diff against the previous release, and publish an immutable, reproducible version."""
    from conflictschema.publishing import (
        ReleaseError,
        ReleaseFolderError,
        release,
        repair_releases,
    )

    if repair:
        if dataset is not None or version is not None:
            raise typer.BadParameter("--repair takes only --out; it publishes nothing")
        report = repair_releases(out)
        for item in report.removed:
            typer.echo(f"removed leftover {item}")
        for item in report.rebuilt:
            typer.echo(f"rebuilt {item} from its verified folder")
        for name, versions in report.published.items():
            typer.echo(f"{name}: {', '.join(versions)}")
        for problem in report.problems:
            typer.echo(f"problem: {problem}", err=True)
        typer.echo(
            f"rebuilt {out / 'index.json'}" + (" (with problems)" if report.problems else "")
        )
        raise typer.Exit(1 if report.problems else 0)
    if dataset is None or version is None:
        raise typer.BadParameter("give the DATASET and --version (or --repair alone)")
    try:
        result = release(dataset, version, out, date=date)
    except ReleaseFolderError:
        raise  # not a refusal of the data: the folder could not be used (exit 2)
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
