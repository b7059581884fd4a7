"""`conflictschema import SOURCE FILE... -o OUT`: a source dataset's exports as a package."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from conflictschema.cli.options import SummaryFormatOption, summary_format

if TYPE_CHECKING:
    from rich.progress import TaskID


@dataclass
class _Shown:
    """What the command shows on a terminal while an import runs: a bar per file read
    (``file(file, line, last)``) and a line for the step after it (``step(what)``)."""

    file: Callable[[Path, int, int], None] | None = None
    step: Callable[[str], None] | None = None


@contextmanager
def _progress_bar() -> Iterator[_Shown]:
    """A bar per file, then the step the import is at, on a terminal (stderr, so that
    --format json stays parseable); nothing when output goes to a file or a pipe."""
    if not sys.stderr.isatty():
        yield _Shown()
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        tasks: dict[Path, TaskID] = {}
        step_line: TaskID | None = None  # under the files' bars, from the first step

        def advance(file: Path, line: int, last: int) -> None:
            if file not in tasks:
                tasks[file] = bar.add_task(f"reading {file.name}", total=last)
            bar.update(tasks[file], completed=line)

        def step(what: str) -> None:
            nonlocal step_line
            if step_line is None:  # no total: the line pulses
                step_line = bar.add_task(what, total=None)
            bar.update(step_line, description=what)
            bar.refresh()

        yield _Shown(advance, step)


def import_command(
    source: Annotated[
        str,
        typer.Argument(help="The source dataset: acled, ucdp-ged, gtd, airwars or bellingcat."),
    ],
    files: Annotated[list[Path], typer.Argument(help="Export files of that source.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The package directory to create.")],
    name: Annotated[str | None, typer.Option("--name", help="The dataset's machine name.")] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous",
            help="An earlier import of the same source: keep its ids, withdraw what vanished.",
        ),
    ] = None,
    output_format: SummaryFormatOption = "text",
) -> None:
    """Import a source's exports into a new package in the current standard."""
    from conflictschema.importers import import_

    output_format = summary_format(output_format)
    with _progress_bar() as shown:
        result = import_(
            source,
            list(files),
            out,
            name=name,
            previous=previous,
            progress=shown.file,
            step=shown.step,
        )
    skipped = [{"file": s.file, "line": s.line, "reason": s.reason} for s in result.skipped]
    if output_format == "json":
        summary = {
            "source": result.source,
            "out": str(result.out),
            "read": result.read,
            "imported": result.imported,
            "merged": result.merged,
            "withdrawn": result.withdrawn,
            "skipped": skipped,
        }
        typer.echo(json.dumps(summary, indent=2))
        return
    typer.echo(
        f"{source}: {result.read} row(s) read, {result.imported} incident(s) imported, "
        f"{result.merged} merged into an earlier row, {len(skipped)} skipped"
        + (f", {result.withdrawn} withdrawn (no longer in the source)" if previous else "")
    )
    for skip in skipped:
        typer.echo(f"  skipped {skip['file']} line {skip['line']}: {skip['reason']}")
    typer.echo(f"wrote {result.out}")
