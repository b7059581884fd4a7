"""`conflictschema download` and `conflictschema versions`: one library call each."""

from __future__ import annotations

import contextlib
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

#: The default deadline, kept equal to the library's (a test holds them together).
DEADLINE_SECONDS = 600.0

IndexOption = Annotated[
    str | None,
    typer.Option(
        "--index",
        help="Release index: a URL or a local directory (default: $CONFLICTSCHEMA_INDEX).",
    ),
]
CacheOption = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir",
        help="Cache directory (default: $CONFLICTSCHEMA_CACHE_DIR or the user cache).",
    ),
]
OfflineOption = Annotated[
    bool, typer.Option("--offline", help="Use only the cache; never touch the network.")
]
TimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=0.1,
        help="Give up when the whole download (index, zip, retries) takes longer, in seconds.",
    ),
]


@contextlib.contextmanager
def _warnings_as_messages() -> Iterator[None]:
    """Show the library's warnings (a stale cached index, say) as one plain line each."""
    from conflictschema.errors import ConflictSchemaWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConflictSchemaWarning)
        try:
            yield
        finally:
            for warning in caught:
                typer.echo(f"warning: {warning.message}", err=True)


class _RichBar:
    """The progress-bar interface pooch drives (total, update, reset, close), drawn with rich."""

    def __init__(self) -> None:
        from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn

        self.total = 0
        self._progress = Progress(
            BarColumn(), DownloadColumn(), TransferSpeedColumn(), transient=True
        )
        self._task = self._progress.add_task("download", total=None)
        self._progress.start()

    def update(self, n: int) -> None:
        self._progress.update(self._task, total=self.total or None, advance=n)

    def reset(self) -> None:
        self._progress.reset(self._task)

    def close(self) -> None:
        self._progress.stop()


def download_command(
    target: Annotated[
        str,
        typer.Argument(help="NAME, NAME@VERSION or NAME@RANGE (e.g. contested-incidents@~1.2)."),
    ],
    index: IndexOption = None,
    cache_dir: CacheOption = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Also copy the release's files into this new folder."),
    ] = None,
    offline: OfflineOption = False,
    timeout: TimeoutOption = DEADLINE_SECONDS,
) -> None:
    """Fetch a published release, verify it against the index and its SHA256SUMS, and cache it.

    Without -o it prints the cache folder, which is read-only and checked again on every
    use; use -o for a copy to work on.
    """
    from conflictschema.fetching import download

    name, _, version = target.partition("@")
    bar: Any = _RichBar() if sys.stderr.isatty() else False
    try:
        with _warnings_as_messages():
            path = download(
                name,
                version or None,
                index=index,
                cache_dir=cache_dir,
                out=out,
                offline=offline,
                progressbar=bar,
                timeout=timeout,
            )
    finally:
        if bar:
            bar.close()
    typer.echo(str(path))


def versions_command(
    name: Annotated[str, typer.Argument(help="Dataset name.")],
    index: IndexOption = None,
    cache_dir: CacheOption = None,
    offline: OfflineOption = False,
    timeout: TimeoutOption = DEADLINE_SECONDS,
) -> None:
    """List the published versions of a dataset with their dates and sizes."""
    from conflictschema.fetching import versions

    with _warnings_as_messages():
        found = versions(name, index=index, cache_dir=cache_dir, offline=offline, timeout=timeout)
    for entry in found:
        typer.echo(
            f"{entry.version}\t{entry.date or '-'}\t{entry.bytes} bytes\tstandard {entry.standard_version or '-'}\tsha256:{entry.sha256}"
        )
