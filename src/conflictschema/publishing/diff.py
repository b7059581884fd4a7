"""What changed between two versions of a dataset, and the version step it needs."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictschema.models.codes import IncidentStatus
from conflictschema.models.columns import TABLE_MODELS, column_names, extension_names
from conflictschema.models.dataset import Dataset
from conflictschema.semver import Bump

if TYPE_CHECKING:
    import polars as pl

#: An incident whose id stays but whose date, title and place all change is not the
#: same incident any more: the id has been reused. The place changes when any of these
#: changes, or the point moves by more than PLACE_MOVE_DEGREES; a correction of one of
#: the three is an ordinary change.
PLACE_FIELDS = ("location_name", "admin2_code", "admin1_code", "country", "maritime_zone")
PLACE_MOVE_DEGREES = 0.1


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


def _comparable(frame: pl.DataFrame) -> pl.DataFrame:
    """Codes as their names, so tables from different standard versions compare."""
    import polars as pl

    return frame.with_columns(
        pl.col(name).cast(pl.String)
        for name, dtype in frame.schema.items()
        if isinstance(dtype, (pl.Enum, pl.Categorical))
    )


def _place_changed(differs: dict[str, pl.Expr]) -> pl.Expr:
    """An incident's place changed: a named place or area differs, or the point moved far."""
    import polars as pl

    moved = (
        ((pl.col("latitude") - pl.col("latitude__new")).abs() > PLACE_MOVE_DEGREES)
        | ((pl.col("longitude") - pl.col("longitude__new")).abs() > PLACE_MOVE_DEGREES)
        | (pl.col("latitude").is_null() != pl.col("latitude__new").is_null())
    ).fill_null(False)
    return pl.any_horizontal([differs[k] for k in PLACE_FIELDS if k in differs]) | moved


def _table_changes(name: str, before: pl.DataFrame, after: pl.DataFrame) -> TableChanges:
    import polars as pl

    before, after = _comparable(before), _comparable(after)
    changes = TableChanges(
        added=sorted(after.join(before, on="id", how="anti").get_column("id").to_list()),
        removed=sorted(before.join(after, on="id", how="anti").get_column("id").to_list()),
    )
    after_columns = set(after.columns)  # asked once: each ask builds the list of names
    shared = [c for c in before.columns if c in after_columns and c != "id"]
    joined = before.select("id", *shared).join(
        after.select("id", *shared), on="id", how="inner", suffix="__new"
    )
    differs = {c: ~pl.col(c).eq_missing(pl.col(f"{c}__new")) for c in shared}
    changed = (
        joined.select(
            "id",
            pl.concat_list([pl.when(differs[c]).then(pl.lit(c)) for c in sorted(shared)])
            .list.drop_nulls()
            .alias("__changed"),
            *(
                [
                    (
                        (pl.col("status") == IncidentStatus.ACTIVE.value)
                        & (pl.col("status__new") == IncidentStatus.WITHDRAWN.value)
                    ).alias("__withdrawn"),
                    (differs["date_start"] & differs["title"] & _place_changed(differs)).alias(
                        "__reused"
                    ),
                ]
                if name == "incidents"
                else []
            ),
        )
        .filter(pl.col("__changed").list.len() > 0)
        .sort("id")
    )
    changes.modified = dict(
        zip(
            changed.get_column("id").to_list(),
            changed.get_column("__changed").to_list(),
            strict=True,
        )
    )
    if name == "incidents":
        changes.withdrawn = changed.filter(pl.col("__withdrawn")).get_column("id").to_list()
        changes.reused = changed.filter(pl.col("__reused")).get_column("id").to_list()
    return changes


def diff_datasets(
    old: Dataset,
    new: Dataset,
    *,
    old_columns: dict[str, list[str]] | None = None,
    new_columns: dict[str, list[str]] | None = None,
) -> Diff:
    """Compare two datasets in memory (see :func:`diff_tables`)."""
    from conflictschema.models.frames import to_polars

    return diff_tables(
        to_polars(old),
        to_polars(new),
        old_standard=old.standard_version,
        new_standard=new.standard_version,
        old_columns=old_columns,
        new_columns=new_columns,
    )


def diff_tables(
    old: dict[str, pl.DataFrame],
    new: dict[str, pl.DataFrame],
    *,
    old_standard: str,
    new_standard: str,
    old_columns: dict[str, list[str]] | None = None,
    new_columns: dict[str, list[str]] | None = None,
    metadata: tuple[Mapping[str, Any], Mapping[str, Any]] | None = None,
) -> Diff:
    """Compare two datasets' tables record by record, and their column sets table by table.

    ``old_columns`` and ``new_columns`` give each table's columns when they are not the
    current standard's (an old release's datapackage.json records its own). Records are
    matched by id and compared column by column with joins, never one object per row.
    ``metadata`` (old, new) adds a patch step for changed metadata other than the
    version itself.
    """
    tables: dict[str, TableChanges] = {}
    reasons: list[tuple[Bump, str]] = []
    for name in TABLE_MODELS:
        changes = _table_changes(name, old[name], new[name])
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

    current = {name: column_names(name) for name in TABLE_MODELS}

    def with_extensions(
        declared: dict[str, list[str]], frames: dict[str, pl.DataFrame]
    ) -> dict[str, list[str]]:
        """A dataset's columns: as declared (or the standard's), and its extension columns."""
        return {
            t: list(dict.fromkeys([*declared.get(t, []), *extension_names(frames[t])]))
            for t in TABLE_MODELS
        }

    before_cols = with_extensions(old_columns or current, old)
    after_cols = with_extensions(new_columns or current, new)
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
    if metadata is not None:
        changed = metadata_changes(*metadata)
        if changed:
            reasons.append((Bump.PATCH, f"metadata changed: {', '.join(changed)}"))
    major_changed = _standard_breaks(old_standard, new_standard)
    if major_changed:
        reasons.append(
            (
                Bump.MAJOR,
                f"standard {old_standard} -> {new_standard}: the files change shape (a new major "
                "version, or before 1.0 a new minor one)",
            )
        )
    elif old_standard != new_standard:
        reasons.append((Bump.PATCH, f"standard {old_standard} -> {new_standard}"))
    return Diff(
        tables=tables,
        columns_added=added,
        columns_removed=removed,
        standard_major_changed=major_changed,
        reasons=reasons,
    )


def metadata_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """The metadata keys whose values differ, the data's version and the standard's aside
    (the standard version's change is judged on its own, by how far it moves).

    >>> metadata_changes({"version": "1.0.0", "title": "A"}, {"version": "1.1.0", "title": "B"})
    ['title']
    """
    keys = (set(old) | set(new)) - {"version", "standard_version"}
    return sorted(k for k in keys if old.get(k) != new.get(k))


def _standard_breaks(old: str, new: str) -> bool:
    """Whether data moving from standard ``old`` to ``new`` may break its readers: a new
    major version, or, before 1.0, a new minor one (SemVer: 0.y may change anything)."""
    old_parts, new_parts = old.split("."), new.split(".")
    if old_parts[0] != new_parts[0]:
        return True
    return old_parts[0] == "0" and old_parts[1:2] != new_parts[1:2]


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


def stated_metadata(metadata: Mapping[str, Any], standard: str) -> dict[str, Any]:
    """Metadata as a dataset states it (with the standard version it declared), in one
    normal form, so that two can be compared key by key."""
    from conflictschema.models.dataset import DatasetMetadata

    return DatasetMetadata.model_validate({**metadata, "standard_version": standard}).model_dump(
        mode="json"
    )


def _as_read(path: Path, stack: contextlib.ExitStack) -> tuple[Path, bool]:
    """What to read for ``path``, and whether it is a published release.

    A release is read from its ``dataset.json``: its CSV files prefix formula-like text
    with ``'`` for spreadsheets, which is not a change in the data. A release zip is
    unpacked (safely, every file checked against SHA256SUMS) into a temporary folder.
    """
    from conflictschema.archive import safe_extract

    if path.suffix == ".zip" and path.is_file():
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "release"
        return safe_extract(path, folder) / "dataset.json", True
    folder = path if path.is_dir() else path.parent
    is_release = all((folder / name).is_file() for name in RELEASE_MARKERS)
    if is_release and (path.is_dir() or path.name == "datapackage.json"):
        return folder / "dataset.json", True
    return path, is_release


#: Files that only a published release folder holds together.
RELEASE_MARKERS = ("SHA256SUMS", "CHANGES.json", "dataset.json", "datapackage.json")


def diff(old: str | os.PathLike[str], new: str | os.PathLike[str]) -> Diff:
    """Compare two datasets: package directories, .json or .jsonl files, published
    release folders or release zips.

    When either side is a release, restricted sources are compared as a release
    publishes them (redacted), so the comparison shows only what publishing would
    change.

    Raises ReadError when either cannot be read, UnsafeArchiveError or ChecksumError for
    a release zip that is not intact.
    """
    from conflictschema.io.tables import sorted_tables
    from conflictschema.publishing.redact import redact_sources
    from conflictschema.validation.reader import read_checked

    with contextlib.ExitStack() as stack:
        (old_path, old_release), (new_path, new_release) = (
            _as_read(Path(old), stack),
            _as_read(Path(new), stack),
        )
        before, after = read_checked(old_path), read_checked(new_path)
        old_tables, new_tables = sorted_tables(before.typed), sorted_tables(after.typed)
        if old_release or new_release:
            for tables in (old_tables, new_tables):
                tables["sources"] = redact_sources(tables["sources"])
        return diff_tables(
            old_tables,
            new_tables,
            old_standard=before.declared_standard,
            new_standard=after.declared_standard,
            old_columns=_descriptor_columns(old_path),
            new_columns=_descriptor_columns(new_path),
            metadata=(
                stated_metadata(before.metadata, before.declared_standard),
                stated_metadata(after.metadata, after.declared_standard),
            ),
        )
