"""Importers: a source dataset's export -> a package in the current standard.

``import_(source, files, out)`` reads each file as its source exports it, maps every
row (see ``docs/importers/<source>.md``) into the standard's tables, and writes a
package only when it validates: the validator checks every row and reference in one
pass, and an incident it finds an error in is left out, its rows skipped with the
finding as the reason (``importers/settle.py``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from pydantic import ValidationError

from conflictschema.collector import collector_paused
from conflictschema.errors import ConflictSchemaError
from conflictschema.importers.columnar import SourceTable
from conflictschema.importers.mapped import Mapped, Skip
from conflictschema.importers.settle import (
    refuse_unwritable,
    with_derived_statuses,
    write_valid,
)
from conflictschema.importers.sourcefile import ImportFormatError
from conflictschema.models.columns import CHILD_TABLES
from conflictschema.models.dataset import DatasetMetadata

if TYPE_CHECKING:
    import polars as pl

#: The sources there are importers for; each is the module that maps its exports
#: (``ucdp-ged`` is ``ucdp_ged``). A module has ``NAME`` (the prefix of its ids and
#: extension columns), ``LABEL``, ``read_export(path) -> Export`` (which refuses a file
#: that is not such an export, and whose ``table`` gives the records as one frame), and
#: ``map_export([SourceTable, ...]) -> Mapped`` (the whole export at once, with Polars;
#: see ``importers/columnar.py``).
SOURCES = ("acled", "ucdp-ged", "gtd", "airwars", "bellingcat")


@dataclass
class ImportResult:
    """What an import read, took, merged and left out, and where it wrote."""

    source: str
    out: Path
    read: int = 0
    imported: int = 0
    merged: int = 0
    #: Incidents of the previous import that the source no longer has: kept, withdrawn.
    withdrawn: int = 0
    skipped: list[Skip] = field(default_factory=list)


def _module(source: str) -> ModuleType:
    if source not in SOURCES:
        raise ConflictSchemaError(f"unknown source {source!r}; importers: {', '.join(SOURCES)}")
    import importlib

    return importlib.import_module(f"conflictschema.importers.{source.replace('-', '_')}")


def import_(
    source: str,
    files: list[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    name: str | None = None,
    previous: str | os.PathLike[str] | None = None,
    progress: Callable[[Path, int, int], None] | None = None,
    step: Callable[[str], None] | None = None,
) -> ImportResult:
    """Import ``files`` (exports of ``source``) into a new package at ``out``.

    With ``previous`` (an earlier import of the same source), the result is that
    dataset brought up to date: every id stays (ids derive from the source's ids),
    changed records change in place, and records the source no longer has are kept and
    withdrawn with a reason, never deleted; the name, title and version stay the
    previous ones, so a release of the result takes the version step its changes need.

    ``progress(file, line, last_line)`` is called as a file is read (at its start,
    every thousand records while Python's csv module reads it, and at its end), for a
    progress bar; ``step(what)`` is told each step that follows the reading (mapping,
    merging with ``previous``, writing the package and checking it, once per round of
    :func:`~conflictschema.importers.settle.write_valid`), for a status line: on a
    large export those steps take most of the time.

    Raises ImportFormatError for a file that is not such an export, and
    ConflictSchemaError when ``out`` exists or the result would not validate; nothing is
    written then.
    """
    mapping = _module(source)
    target = Path(out)
    refuse_unwritable(target)
    result = ImportResult(source=source, out=target)
    tell = step or (lambda _: None)
    mapped = _map_files(mapping, [Path(f) for f in files], result, progress, tell)
    label = mapping.LABEL
    metadata: dict[str, object] = {
        "name": name or f"{source}-import",
        "title": f"{label} records imported by conflictschema",
        "description": f"Imported from {label} exports; see docs/importers/{source}.md for what each column became.",
        "version": "1.0.0",
        "licenses": [{"name": "LicenseRef-source-terms", "title": f"The terms of use of {label}"}],
    }
    tables = with_derived_statuses(mapped.tables)
    mapped.tables = {}  # held once, in ``tables``
    if previous is not None:
        tell(f"merging with the previous import {previous}")
        tables, metadata, result.withdrawn = carry_over(Path(previous), tables, mapping, metadata)
    left_out = write_valid(_metadata(metadata), tables, target, mapped.origins, tell)
    skipped = skipped_rows(mapped.origins, left_out)
    result.skipped = sorted(
        [*result.skipped, *mapped.skipped, *skipped], key=lambda s: (s.file, s.line)
    )
    result.imported = mapped.imported - len(left_out)
    result.merged = mapped.merged - (len(skipped) - len(left_out))
    return result


def _map_files(
    mapping: ModuleType,
    files: list[Path],
    result: ImportResult,
    progress: Callable[[Path, int, int], None] | None,
    step: Callable[[str], None],
) -> Mapped:
    """Read and map every file (counting the rows read into ``result``)."""
    exports = [_read_table(mapping, file, result, progress) for file in files]
    step(f"mapping {result.read:,} row(s)")
    found: Mapped = mapping.map_export(exports)
    return found


@collector_paused()
def _read_table(
    mapping: ModuleType,
    file: Path,
    result: ImportResult,
    progress: Callable[[Path, int, int], None] | None,
) -> SourceTable:
    """One file read as a table of text. The file's text is let go when this returns,
    so mapping holds only the table (a large export's text is as large as its file).
    A JSON export, or a CSV one Python's csv module reads, is millions of new objects:
    the cycle collector waits until they are read (:func:`collector_paused`)."""
    export = mapping.read_export(file)

    def tell(line: int, last: int = export.lines) -> None:
        if progress is not None:
            progress(file, line, last)

    tell(0)
    if export.table is None:
        raise ConflictSchemaError(f"{file}: {mapping.LABEL} is read as a table of records")
    try:
        names, frame = export.table(tell)
    except ImportFormatError as exc:  # said of the text: name the file it is in
        raise ImportFormatError(str(exc) if str(file) in str(exc) else f"{file}: {exc}") from None
    if frame.height == 0:
        raise ImportFormatError(f"{file}: a header and no rows; nothing to import")
    tell(export.lines)
    result.read += frame.height
    return SourceTable(str(file), names, frame)


def skipped_rows(origins: pl.DataFrame, left_out: dict[str, str]) -> list[Skip]:
    """A skip for every source row of each incident left out, with its reason."""
    import polars as pl

    if not left_out:
        return []
    rows = origins.filter(pl.col("incident_id").is_in(list(left_out))).rows()
    return [Skip(line, left_out[incident], file) for incident, file, line in rows]


def _metadata(metadata: dict[str, object]) -> DatasetMetadata:
    try:
        return DatasetMetadata.model_validate(metadata)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise ConflictSchemaError(f"the import's metadata is not valid: {error['msg']}") from None


def carry_over(
    previous: Path,
    tables: dict[str, pl.DataFrame],
    mapping: ModuleType,
    metadata: dict[str, object],
) -> tuple[dict[str, pl.DataFrame], dict[str, object], int]:
    """The tables with what the previous import held that this one does not: its
    incidents the export no longer has, kept and withdrawn (with their child rows), and
    its actors and sources; and the previous metadata (``metadata`` fills what it
    lacks). Also returns how many incidents were withdrawn now.

    Raises ConflictSchemaError when ``previous`` is not an earlier import of the same
    source (:func:`_check_previous`): its incidents would all be withdrawn."""
    import polars as pl

    from conflictschema.models.codes import IncidentStatus
    from conflictschema.validation.reader import read_tables

    c = pl.col
    label = mapping.LABEL
    if previous.is_file() and previous.suffix not in (".json", ".jsonl"):
        raise ConflictSchemaError(
            f"the previous import {previous} is a file; give the package folder an earlier "
            f"{label} import wrote"
        )
    kept_meta, earlier = read_tables(previous)
    earlier = {
        table: frame.with_columns(pl.col(pl.Enum, pl.Categorical).cast(pl.String))
        for table, frame in earlier.items()
    }
    _check_previous(previous, earlier["incidents"].get_column("id"), mapping)
    ids = tables["incidents"].get_column("id")
    gone = earlier["incidents"].filter(~c("id").is_in(ids.implode()))
    active = c("status") == IncidentStatus.ACTIVE.value
    withdrawn = gone.filter(active).height
    gone = gone.with_columns(
        pl.when(active)
        .then(pl.lit(f"No longer in the {label} export this import read."))
        .otherwise(c("withdrawn_reason"))
        .alias("withdrawn_reason"),
        pl.when(active)
        .then(pl.lit(IncidentStatus.WITHDRAWN.value))
        .otherwise(c("status"))
        .alias("status"),
    )
    merged = {"incidents": pl.concat([tables["incidents"], gone], how="diagonal_relaxed")}
    gone_ids = gone.get_column("id").implode()
    for table in CHILD_TABLES:
        merged[table] = pl.concat(
            [tables[table], earlier[table].filter(c("incident_id").is_in(gone_ids))],
            how="diagonal_relaxed",
        )
    for table in ("actors", "sources"):
        known = tables[table].get_column("id").implode()
        merged[table] = pl.concat(
            [tables[table], earlier[table].filter(~c("id").is_in(known))], how="diagonal_relaxed"
        )
    kept = {k: v for k, v in kept_meta.items() if k != "standard_version" and v is not None}
    return merged, {**metadata, **kept}, withdrawn


def _check_previous(previous: Path, ids: pl.Series, mapping: ModuleType) -> None:
    """Refuse a previous dataset that is not an earlier import of ``mapping``'s source:
    every incident an importer makes has an id that starts with its source's name, and
    an incident that does not (another source's import, a dataset of one's own) would
    be withdrawn as gone from the export."""
    prefix = f"{mapping.NAME}-"
    foreign = ids.filter(~ids.str.starts_with(prefix))
    if len(foreign):
        more = f" and {len(foreign) - 1:,} more" if len(foreign) > 1 else ""
        raise ConflictSchemaError(
            f"{previous} is not an earlier {mapping.LABEL} import: the {mapping.LABEL} "
            f"importer's incident ids start with {prefix!r}, and it holds {foreign[0]!r}{more}"
        )


__all__ = ["SOURCES", "ImportFormatError", "ImportResult", "Skip", "import_"]
