"""release(): validate, diff against the previous release, and publish a new version.

A published version is a directory ``OUT/<name>/<version>/`` plus the zip
``OUT/<name>/<name>-<version>.zip``; once the directory exists the version is never
written again. Everything is built in a hidden staging directory beside the target
and moved into place at the end: the zip first, the directory last, so an interrupted
release never leaves a version directory behind, and the next run clears what an
interruption left. ``OUT/index.json`` and ``OUT/<name>/CHANGELOG.md`` are rebuilt
from the published versions after each release.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictschema.errors import ConflictSchemaError, ReadError
from conflictschema.files import atomic_write_text
from conflictschema.generate.table_schema import generate_datapackage
from conflictschema.hashing import hash_string, sha256_file, sums_manifest
from conflictschema.io.tables import (
    sorted_tables,
    write_csv,
    write_dataset_json,
    write_incidents_jsonl,
)
from conflictschema.models.columns import extension_names
from conflictschema.models.dataset import DatasetMetadata
from conflictschema.publishing.bundle import write_zip
from conflictschema.publishing.changelog import render_changelog
from conflictschema.publishing.diff import Diff, columns_of, diff_tables
from conflictschema.publishing.index import published_versions, rebuild_index
from conflictschema.publishing.redact import redact_sources
from conflictschema.semver import Bump, Version, step
from conflictschema.validation.reader import read_checked, read_tables

if TYPE_CHECKING:
    import polars as pl

STAGING_PREFIX = ".staging-"


class ReleaseError(ConflictSchemaError):
    """The release was refused; nothing was written."""


class ReleaseExistsError(ReleaseError, FileExistsError):
    """The version is already published; published versions are never overwritten."""


@dataclass(frozen=True)
class ReleaseResult:
    name: str
    version: str
    previous: str | None
    directory: Path
    zip_path: Path
    zip_sha256: str
    diff: Diff | None


def _clear_interrupted(base: Path, name: str, published: list[Version]) -> None:
    """Remove what an interrupted release left: staging directories, and zips without a directory."""
    if not base.is_dir():
        return
    for child in base.iterdir():
        if child.name.startswith(STAGING_PREFIX):
            shutil.rmtree(child, ignore_errors=True)
        elif child.suffix == ".zip" and child.name.startswith(f"{name}-"):
            version = child.name[len(name) + 1 : -len(".zip")]
            if version not in {str(v) for v in published}:
                child.unlink()


def release_date(incidents: pl.DataFrame, date: str | None) -> str:
    """The release date: given, 'today' from the clock, or else the latest date the data carries."""
    import polars as pl

    if date == "today":
        return dt.date.today().isoformat()
    if date is not None:
        try:
            return dt.date.fromisoformat(date).isoformat()
        except ValueError:
            raise ReleaseError(f"--date {date!r} is not a date (YYYY-MM-DD) or 'today'") from None
    latest = incidents.select(pl.max_horizontal(pl.col("created").max(), pl.col("modified").max()))
    found = latest.item()
    if found is None:
        raise ReleaseError(
            "the data carries no created or modified date; give the release date with --date YYYY-MM-DD (or --date today)"
        )
    return str(found.isoformat())


def _readme(meta: DatasetMetadata, version: str, date: str) -> str:
    licences = ", ".join(
        f"{lic.title or lic.name} ({lic.name})" + (f" <{lic.path}>" if lic.path else "")
        for lic in meta.licenses
    )
    citation = meta.citation or f"{meta.title}, version {version} ({date})."
    return (
        f"# {meta.title}\n\nData package `{meta.name}`, version {version}, released {date}; it conforms to the "
        f"conflictschema standard {meta.standard_version}.\n\n"
        + (f"{meta.description}\n\n" if meta.description else "")
        + "## Files\n\n- `data/*.csv` with `datapackage.json`: the tables, a Frictionless data package. Text a spreadsheet would run as a formula is prefixed with `'` in the CSV only.\n"
        "- `dataset.json`: the whole dataset as one document; `incidents.jsonl`: one incident per line.\n"
        "- `CHANGES.json`: what changed since the previous version.\n- `SHA256SUMS`: checksums; verify with `sha256sum -c SHA256SUMS`.\n\n"
        f"## Licence\n\n{licences}\n\n## Citation\n\n{citation}\n"
    )


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_release_files(
    meta: DatasetMetadata,
    tables: dict[str, pl.DataFrame],
    date: str,
    changes: dict[str, Any],
    folder: Path,
) -> list[str]:
    """Write every file of a release into ``folder``; the same inputs always give the same
    bytes. Returns the files' paths relative to ``folder``."""
    (folder / "data").mkdir(parents=True)
    for table, frame in tables.items():
        write_csv(table, frame, folder / "data" / f"{table}.csv", defuse=True)
    descriptor = generate_datapackage(
        meta, {table: extension_names(frame) for table, frame in tables.items()}
    )
    descriptor["created"] = f"{date}T00:00:00Z"  # Data Package asks for an RFC 3339 datetime
    for resource in descriptor["resources"]:
        path = folder / resource["path"]
        resource["bytes"] = path.stat().st_size
        resource["hash"] = hash_string(sha256_file(path))
    (folder / "datapackage.json").write_bytes(_json_bytes(descriptor))
    write_dataset_json(meta, tables, folder / "dataset.json")
    write_incidents_jsonl(tables, folder / "incidents.jsonl")
    (folder / "CHANGES.json").write_bytes(_json_bytes(changes))
    (folder / "README.md").write_bytes(_readme(meta, meta.version, date).encode("utf-8"))
    names = [f"data/{table}.csv" for table in tables] + [
        "datapackage.json",
        "dataset.json",
        "incidents.jsonl",
        "CHANGES.json",
        "README.md",
    ]
    manifest = sums_manifest({name: sha256_file(folder / name) for name in names})
    (folder / "SHA256SUMS").write_bytes(manifest.encode("utf-8"))
    return [*names, "SHA256SUMS"]


def release(
    dataset_path: str | os.PathLike[str],
    version: str,
    out: str | os.PathLike[str],
    *,
    date: str | None = None,
) -> ReleaseResult:
    """Publish ``dataset_path`` as ``version`` under ``out``.

    The dataset is read once into checked tables and written from them; no object is
    built per record, so a release of a million incidents fits in a few GB.

    Raises
    ------
    ReleaseError
        The dataset is invalid, the version is malformed or smaller than the changes
        need, or the release date cannot be known; nothing is written.
    ReleaseExistsError
        The version is already published.
    """
    requested = Version.parse(version)
    try:
        metadata, typed = read_tables(dataset_path)
    except ReadError as exc:
        shown = "; ".join(f"{f.file} row {f.row} {f.field}: {f.code}" for f in exc.findings)
        raise ReleaseError(
            f"{dataset_path} is not valid ({len(exc.findings)} error(s)): {shown[:500]}; run `conflictschema validate` for details"
        ) from None
    source_meta = DatasetMetadata.model_validate(metadata)
    out_dir = Path(out)
    base = out_dir / source_meta.name
    published = published_versions(base)
    _clear_interrupted(base, source_meta.name, published)
    if requested in published:
        raise ReleaseExistsError(
            f"{source_meta.name} {requested} is already published in {base / str(requested)}; published versions are never overwritten, release a new version"
        )
    if published and requested < published[-1]:
        raise ReleaseError(
            f"{requested} is older than the latest published version {published[-1]}; release a newer version"
        )

    meta = source_meta.model_copy(update={"version": str(requested)})
    tables = sorted_tables(typed)
    tables["sources"] = redact_sources(tables["sources"])
    when = release_date(tables["incidents"], date)
    previous = published[-1] if published else None
    diff = None
    changes: dict[str, Any] = {
        "name": meta.name,
        "version": str(requested),
        "previous": None,
        "date": when,
    }
    if previous is not None:
        old_dir = base / str(previous)
        old = read_checked(old_dir / "dataset.json")
        old_columns = columns_of(
            json.loads((old_dir / "datapackage.json").read_text(encoding="utf-8"))
        )
        diff = diff_tables(
            sorted_tables(old.typed),
            tables,
            old_standard=old.declared_standard,
            new_standard=meta.standard_version,
            old_columns=old_columns,
        )
        taken = step(previous, requested)
        if taken < diff.required:
            reasons = "; ".join(
                f"{reason} ({bump})" for bump, reason in diff.reasons if bump > taken
            )
            raise ReleaseError(
                f"{previous} -> {requested} is a {taken} step, but the changes need a {diff.required} step "
                f"(at least {previous.bumped(diff.required)}): {reasons}"
            )
        changes.update(previous=str(previous), **diff.as_dict())
    else:
        changes["tables"] = {"incidents": {"added": tables["incidents"].get_column("id").to_list()}}

    zip_name = f"{meta.name}-{requested}.zip"
    base.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{requested}-", dir=base))
    try:
        folder = staging / str(requested)
        names = write_release_files(meta, tables, when, changes, folder)
        write_zip(
            staging / zip_name,
            {f"{meta.name}-{requested}/{name}": folder / name for name in names},
        )
        zip_sha = sha256_file(staging / zip_name)
        os.replace(staging / zip_name, base / zip_name)
        os.rename(folder, base / str(requested))  # the commit point
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    atomic_write_text(base / "CHANGELOG.md", render_changelog(base, published_versions(base)))
    rebuild_index(out_dir)
    return ReleaseResult(
        name=meta.name,
        version=str(requested),
        previous=str(previous) if previous else None,
        directory=base / str(requested),
        zip_path=base / zip_name,
        zip_sha256=zip_sha,
        diff=diff,
    )


__all__ = ["Bump", "ReleaseError", "ReleaseExistsError", "ReleaseResult", "release"]
