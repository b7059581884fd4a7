"""What changed between two versions of a dataset, and the version step it needs."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conflictschema.models.codes import IncidentStatus
from conflictschema.models.columns import TABLE_MODELS
from conflictschema.models.dataset import Dataset
from conflictschema.semver import Bump

#: An incident whose id stays but whose date, place and title all change is not the
#: same incident any more: the id has been reused.
IDENTITY_FIELDS = ("date_start", "title", "location_name", "admin1_code", "country")


@dataclass
class TableChanges:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    modified: dict[str, list[str]] = field(default_factory=dict)
    withdrawn: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "modified": self.modified,
            "withdrawn": self.withdrawn,
            "removed": self.removed,
            "reused": self.reused,
        }


@dataclass
class Diff:
    """Changes per table and per column set, and the smallest version step they allow."""

    tables: dict[str, TableChanges]
    columns_added: dict[str, list[str]]
    columns_removed: dict[str, list[str]]
    standard_major_changed: bool
    reasons: list[tuple[Bump, str]] = field(default_factory=list)

    @property
    def required(self) -> Bump:
        return max((bump for bump, _ in self.reasons), default=Bump.NONE)

    def as_dict(self) -> dict[str, Any]:
        return {
            "required_bump": str(self.required),
            "reasons": [{"bump": str(b), "reason": r} for b, r in self.reasons],
            "columns": {"added": self.columns_added, "removed": self.columns_removed},
            "tables": {name: changes.as_dict() for name, changes in self.tables.items()},
        }


def table_records(dataset: Dataset) -> dict[str, dict[str, dict[str, Any]]]:
    """table -> id -> the record's fields (as JSON values), targets and claims flattened."""
    records: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in TABLE_MODELS}
    for incident in dataset.incidents:
        row = incident.incident().model_dump(mode="json")
        records["incidents"][incident.id] = row
        for target in incident.flat_targets():
            records["targets"][target.id] = target.model_dump(mode="json")
        for claim in incident.flat_claims():
            records["claims"][claim.id] = claim.model_dump(mode="json")
    records["actors"] = {a.id: a.model_dump(mode="json") for a in dataset.actors}
    records["sources"] = {s.id: s.model_dump(mode="json") for s in dataset.sources}
    return records


def diff_datasets(
    old: Dataset,
    new: Dataset,
    *,
    old_columns: dict[str, list[str]] | None = None,
    new_columns: dict[str, list[str]] | None = None,
) -> Diff:
    """Compare two datasets record by record, and their column sets table by table.

    ``old_columns`` and ``new_columns`` give each table's columns when they are not the
    current standard's (an old release's datapackage.json records its own).
    """
    old_records, new_records = table_records(old), table_records(new)
    tables: dict[str, TableChanges] = {}
    reasons: list[tuple[Bump, str]] = []
    for name in TABLE_MODELS:
        before, after = old_records[name], new_records[name]
        changes = TableChanges(
            added=sorted(after.keys() - before.keys()), removed=sorted(before.keys() - after.keys())
        )
        for record_id in sorted(before.keys() & after.keys()):
            changed = sorted(
                k
                for k in after[record_id].keys() | before[record_id].keys()
                if before[record_id].get(k) != after[record_id].get(k)
            )
            if not changed:
                continue
            changes.modified[record_id] = changed
            if name == "incidents":
                was, now = before[record_id].get("status"), after[record_id].get("status")
                if was == IncidentStatus.ACTIVE.value and now == IncidentStatus.WITHDRAWN.value:
                    changes.withdrawn.append(record_id)
                if all(
                    before[record_id].get(k) != after[record_id].get(k) for k in IDENTITY_FIELDS
                ):
                    changes.reused.append(record_id)
        tables[name] = changes
        if changes.removed:
            reasons.append(
                (
                    Bump.MAJOR,
                    f"{len(changes.removed)} {name} removed (withdraw records instead of deleting them)",
                )
            )
        if changes.reused:
            reasons.append(
                (Bump.MAJOR, f"{len(changes.reused)} {name} ids reused for a different incident")
            )
        if changes.added:
            reasons.append((Bump.MINOR, f"{len(changes.added)} {name} added"))
        if changes.withdrawn:
            reasons.append((Bump.MINOR, f"{len(changes.withdrawn)} {name} withdrawn"))
        if changes.modified:
            reasons.append((Bump.PATCH, f"{len(changes.modified)} {name} changed"))

    from conflictschema.models.columns import column_names

    current = {name: column_names(name) for name in TABLE_MODELS}
    before_cols, after_cols = old_columns or current, new_columns or current
    added = {
        t: sorted(set(after_cols.get(t, [])) - set(before_cols.get(t, []))) for t in TABLE_MODELS
    }
    removed = {
        t: sorted(set(before_cols.get(t, [])) - set(after_cols.get(t, []))) for t in TABLE_MODELS
    }
    added = {t: cols for t, cols in added.items() if cols}
    removed = {t: cols for t, cols in removed.items() if cols}
    for table, cols in removed.items():
        reasons.append((Bump.MAJOR, f"columns removed or renamed in {table}: {', '.join(cols)}"))
    for table, cols in added.items():
        reasons.append((Bump.MINOR, f"columns added to {table}: {', '.join(cols)}"))
    major_changed = old.standard_version.split(".")[0] != new.standard_version.split(".")[0]
    if major_changed:
        reasons.append(
            (Bump.MAJOR, f"standard major version {old.standard_version} -> {new.standard_version}")
        )
    return Diff(
        tables=tables,
        columns_added=added,
        columns_removed=removed,
        standard_major_changed=major_changed,
        reasons=reasons,
    )


def columns_of(descriptor: dict[str, Any]) -> dict[str, list[str]]:
    """table -> the columns a datapackage.json descriptor declares for it."""
    return {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in descriptor["resources"]}


def _descriptor_columns(path: Path) -> dict[str, list[str]] | None:
    """The columns a package declares, when ``path`` is (in) a data package."""
    descriptor = path / "datapackage.json" if path.is_dir() else path.parent / "datapackage.json"
    if not descriptor.exists():
        return None
    try:
        return columns_of(json.loads(descriptor.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError):
        return None


def diff(old: str | os.PathLike[str], new: str | os.PathLike[str]) -> Diff:
    """Compare two datasets (package directories, release directories, .json or .jsonl).

    Raises ReadError when either cannot be read.
    """
    from conflictschema.validation.reader import read

    old_path, new_path = Path(old), Path(new)
    return diff_datasets(
        read(old_path),
        read(new_path),
        old_columns=_descriptor_columns(old_path),
        new_columns=_descriptor_columns(new_path),
    )
