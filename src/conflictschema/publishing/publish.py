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
from typing import Any

from conflictschema.errors import ConflictSchemaError
from conflictschema.files import atomic_write_text
from conflictschema.generate.table_schema import generate_datapackage
from conflictschema.hashing import hash_string, sha256_bytes, sums_manifest
from conflictschema.io.json_ import render_json, render_jsonl
from conflictschema.models.dataset import Dataset
from conflictschema.publishing.bundle import write_zip
from conflictschema.publishing.changelog import render_changelog
from conflictschema.publishing.diff import Diff, columns_of, diff_datasets
from conflictschema.publishing.index import published_versions, rebuild_index
from conflictschema.publishing.redact import public_dataset, release_csv
from conflictschema.semver import Bump, Version, step
from conflictschema.validation import validate
from conflictschema.validation.reader import read

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


def release_date(dataset: Dataset, date: str | None) -> str:
    """The release date: given, 'today' from the clock, or else the latest date the data carries."""
    if date == "today":
        return dt.date.today().isoformat()
    if date is not None:
        try:
            return dt.date.fromisoformat(date).isoformat()
        except ValueError:
            raise ReleaseError(f"--date {date!r} is not a date (YYYY-MM-DD) or 'today'") from None
    dates = [d for i in dataset.incidents for d in (i.created, i.modified) if d is not None]
    if not dates:
        raise ReleaseError(
            "the data carries no created or modified date; give the release date with --date YYYY-MM-DD (or --date today)"
        )
    return max(dates).isoformat()


def _readme(dataset: Dataset, version: str, date: str) -> str:
    licences = ", ".join(
        f"{lic.title or lic.name} ({lic.name})" + (f" <{lic.path}>" if lic.path else "")
        for lic in dataset.licenses
    )
    citation = dataset.citation or f"{dataset.title}, version {version} ({date})."
    return (
        f"# {dataset.title}\n\nData package `{dataset.name}`, version {version}, released {date}; it conforms to the "
        f"conflictschema standard {dataset.standard_version}.\n\n"
        + (f"{dataset.description}\n\n" if dataset.description else "")
        + "## Files\n\n- `data/*.csv` with `datapackage.json`: the tables, a Frictionless data package. Text a spreadsheet would run as a formula is prefixed with `'` in the CSV only.\n"
        "- `dataset.json`: the whole dataset as one document; `incidents.jsonl`: one incident per line.\n"
        "- `CHANGES.json`: what changed since the previous version.\n- `SHA256SUMS`: checksums; verify with `sha256sum -c SHA256SUMS`.\n\n"
        f"## Licence\n\n{licences}\n\n## Citation\n\n{citation}\n"
    )


def build_release_files(
    dataset: Dataset, version: str, date: str, changes: dict[str, Any]
) -> dict[str, bytes]:
    """Every file of a release, relative path -> bytes; the same inputs always give the same bytes."""
    files: dict[str, bytes] = {}
    for table, text in release_csv(dataset).items():
        files[f"data/{table}.csv"] = text.encode("utf-8")
    descriptor = generate_datapackage(dataset.metadata)
    descriptor["created"] = f"{date}T00:00:00Z"  # Data Package asks for an RFC 3339 datetime
    for resource in descriptor["resources"]:
        data = files[resource["path"]]
        resource["bytes"] = len(data)
        resource["hash"] = hash_string(sha256_bytes(data))
    files["datapackage.json"] = (
        json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    ).encode("utf-8")
    files["dataset.json"] = render_json(dataset).encode("utf-8")
    files["incidents.jsonl"] = render_jsonl(dataset).encode("utf-8")
    files["CHANGES.json"] = (json.dumps(changes, indent=2, ensure_ascii=False) + "\n").encode(
        "utf-8"
    )
    files["README.md"] = _readme(dataset, version, date).encode("utf-8")
    files["SHA256SUMS"] = sums_manifest(
        {name: sha256_bytes(data) for name, data in files.items()}
    ).encode("utf-8")
    return files


def release(
    dataset_path: str | os.PathLike[str],
    version: str,
    out: str | os.PathLike[str],
    *,
    date: str | None = None,
) -> ReleaseResult:
    """Publish ``dataset_path`` as ``version`` under ``out``.

    Raises
    ------
    ReleaseError
        The dataset is invalid, the version is malformed or smaller than the changes
        need, or the release date cannot be known; nothing is written.
    ReleaseExistsError
        The version is already published.
    """
    report = validate(dataset_path)
    if not report.valid:
        shown = "; ".join(
            f"{f.file} row {f.row} {f.field}: {f.code}"
            for f in report.findings
            if f.severity == "error"
        )
        raise ReleaseError(
            f"{dataset_path} is not valid ({report.errors} error(s)): {shown[:500]}; run `conflictschema validate` for details"
        )
    requested = Version.parse(version)
    source = read(dataset_path)
    out_dir = Path(out)
    base = out_dir / source.name
    published = published_versions(base)
    _clear_interrupted(base, source.name, published)
    if requested in published:
        raise ReleaseExistsError(
            f"{source.name} {requested} is already published in {base / str(requested)}; published versions are never overwritten, release a new version"
        )
    if published and requested < published[-1]:
        raise ReleaseError(
            f"{requested} is older than the latest published version {published[-1]}; release a newer version"
        )

    dataset = public_dataset(source.model_copy(update={"version": str(requested)}))
    when = release_date(dataset, date)
    previous = published[-1] if published else None
    diff = None
    changes: dict[str, Any] = {
        "name": dataset.name,
        "version": str(requested),
        "previous": None,
        "date": when,
    }
    if previous is not None:
        old_dir = base / str(previous)
        old = read(old_dir / "dataset.json")
        old_columns = columns_of(
            json.loads((old_dir / "datapackage.json").read_text(encoding="utf-8"))
        )
        diff = diff_datasets(old, dataset, old_columns=old_columns)
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
        changes["tables"] = {"incidents": {"added": sorted(i.id for i in dataset.incidents)}}

    files = build_release_files(dataset, str(requested), when, changes)
    zip_name = f"{dataset.name}-{requested}.zip"
    base.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{requested}-", dir=base))
    try:
        for rel, data in files.items():
            target = staging / str(requested) / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        write_zip(
            staging / zip_name,
            {f"{dataset.name}-{requested}/{rel}": data for rel, data in files.items()},
        )
        zip_sha = sha256_bytes((staging / zip_name).read_bytes())
        os.replace(staging / zip_name, base / zip_name)
        os.rename(staging / str(requested), base / str(requested))  # the commit point
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    atomic_write_text(base / "CHANGELOG.md", render_changelog(base, published_versions(base)))
    rebuild_index(out_dir)
    return ReleaseResult(
        name=dataset.name,
        version=str(requested),
        previous=str(previous) if previous else None,
        directory=base / str(requested),
        zip_path=base / zip_name,
        zip_sha256=zip_sha,
        diff=diff,
    )


__all__ = ["Bump", "ReleaseError", "ReleaseExistsError", "ReleaseResult", "release"]
