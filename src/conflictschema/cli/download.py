"""`conflictschema download` and `conflictschema versions`: one library call each."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

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
) -> None:
    """Fetch a published release, verify it against the index and its SHA256SUMS, and cache it."""
    from conflictschema.fetching import download

    name, _, version = target.partition("@")
    bar: Any = _RichBar() if sys.stderr.isatty() else False
    try:
        path = download(
            name,
            version or None,
            index=index,
            cache_dir=cache_dir,
            out=out,
            offline=offline,
            progressbar=bar,
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
) -> None:
    """List the published versions of a dataset with their dates and sizes."""
    from conflictschema.fetching import versions

    for entry in versions(name, index=index, cache_dir=cache_dir, offline=offline):
        typer.echo(
            f"{entry.version}\t{entry.date or '-'}\t{entry.bytes} bytes\tstandard {entry.standard_version or '-'}\tsha256:{entry.sha256}"
        )
