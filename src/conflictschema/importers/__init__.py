"""Importers: a source dataset's export -> a package in the current standard.

``import_(source, files, out)`` reads each file as its source exports it, maps every
row (see ``docs/importers/<source>.md``), and writes a package only when it validates:
the models check every record and reference, and the written package is validated
again before it is moved into place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from conflictschema.errors import ConflictSchemaError
from conflictschema.importers.records import Collector, Skip
from conflictschema.importers.sourcefile import ImportFormatError

#: The sources there are importers for; each is the module that maps its exports
#: (``ucdp-ged`` is ``ucdp_ged``). A module has ``NAME`` (the prefix of its ids and
#: extension columns), ``LABEL``, ``read_export(path) -> Export`` (which refuses a file
#: that is not such an export) and ``import_row(line, row, collector, header)``.
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
) -> ImportResult:
    """Import ``files`` (exports of ``source``) into a new package at ``out``.

    With ``previous`` (an earlier import of the same source), the result is that
    dataset brought up to date: every id stays (ids derive from the source's ids),
    changed records change in place, and records the source no longer has are kept and
    withdrawn with a reason, never deleted; the name, title and version stay the
    previous ones, so a release of the result takes the version step its changes need.

    ``progress(file, line, last_line)`` is called as a file is read (every
    thousand records, and at its end), for a progress bar.

    Raises ImportFormatError for a file that is not such an export, and
    ConflictSchemaError when ``out`` exists or the result would not validate; nothing is
    written then.
    """
    from conflictschema.io import write
    from conflictschema.validation import validate

    mapping = _module(source)
    target = Path(out)
    if target.exists():
        raise ConflictSchemaError(f"{target} exists; import writes a new package")
    result = ImportResult(source=source, out=target)
    collected = Collector(prefix=mapping.NAME)
    for file in map(Path, files):
        export = mapping.read_export(file)
        rows = 0
        for line, row in export.rows:
            rows += 1
            if progress is not None and rows % 1000 == 0:
                progress(file, line, export.lines)
            skip = mapping.import_row(line, row, collected, export.header)
            if skip is not None:
                result.skipped.append(Skip(skip.line, skip.reason, str(file)))
        if rows == 0:
            raise ImportFormatError(f"{file}: a header and no rows; nothing to import")
        if progress is not None:
            progress(file, export.lines, export.lines)
        result.read += rows
    result.imported, result.merged = collected.imported, collected.merged
    label = mapping.LABEL
    metadata: dict[str, object] = {
        "name": name or f"{source}-import",
        "title": f"{label} records imported by conflictschema",
        "description": f"Imported from {label} exports; see docs/importers/{source}.md for what each column became.",
        "version": "1.0.0",
        "licenses": [{"name": "LicenseRef-source-terms", "title": f"The terms of use of {label}"}],
    }
    if previous is not None:
        metadata = _carry_over(Path(previous), collected, result, label, metadata)
    dataset = collected.dataset(metadata)
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=target.parent.resolve()))
    try:
        write(dataset, staging / "package")
        report = validate(staging / "package")
        if report.errors:
            first = next(f for f in report.findings if f.severity == "error")
            raise ConflictSchemaError(
                f"the imported package would not validate: {first.code} {first.message}"
            )
        (staging / "package").rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def _carry_over(
    previous: Path,
    collected: Collector,
    result: ImportResult,
    label: str,
    metadata: dict[str, object],
) -> dict[str, object]:
    """Keep what the previous import held that this one does not, withdrawn, and the
    previous dataset's metadata (``metadata`` fills what it lacks)."""
    from conflictschema.models.codes import IncidentStatus
    from conflictschema.validation.reader import read

    earlier = read(previous)
    for incident in earlier.incidents:
        if incident.id in collected.incidents:
            continue
        if incident.status == IncidentStatus.ACTIVE:
            incident = incident.model_copy(
                update={
                    "status": IncidentStatus.WITHDRAWN,
                    "withdrawn_reason": f"No longer in the {label} export this import read.",
                }
            )
            result.withdrawn += 1
        collected.incidents[incident.id] = incident
    for actor in earlier.actors:
        collected.actors.setdefault(actor.id, actor.model_dump(mode="json"))
    for source in earlier.sources:
        collected.sources.setdefault(source.id, source.model_dump(mode="json"))
    kept = earlier.metadata.model_dump(mode="json", exclude_none=True)
    kept.pop("standard_version", None)
    return {**metadata, **kept}


__all__ = ["SOURCES", "ImportFormatError", "ImportResult", "Skip", "import_"]
