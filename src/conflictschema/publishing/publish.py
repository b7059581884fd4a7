"""release(): validate, diff against the previous release, and publish a new version.

A published version is a directory ``OUT/<name>/<version>/`` plus the zip
``OUT/<name>/<name>-<version>.zip``; once the directory exists the version is never
written again. Everything is built in a hidden staging directory beside the target
and moved into place at the end: the zip first, the directory last (the commit point),
each with an operation that fails rather than replace a file, so an interrupted release
never leaves a version directory behind. ``OUT/index.json`` and each
``OUT/<name>/CHANGELOG.md`` are derived from the published versions and rebuilt by
every run, before and after its own work (see ``outdir``), so a run killed after the
commit point is repaired by the next one or by ``release --repair``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictschema.errors import ReadError
from conflictschema.files import atomic_write
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
from conflictschema.publishing.analyst import (
    CITATION_FILE,
    GEOJSON_FILE,
    citation_cff,
    extra_resources,
    parquet_path,
    write_geojson,
    write_parquet,
)
from conflictschema.publishing.bundle import Deflating, write_zip
from conflictschema.publishing.diff import Diff, columns_of, diff_tables, stated_metadata
from conflictschema.publishing.index import published_versions, zip_name
from conflictschema.publishing.outdir import (
    LOCK_TIMEOUT_SECONDS,
    RESERVED_NAMES,
    STAGING_PREFIX,
    ReleaseError,
    ReleaseExistsError,
    ReleaseFolderError,
    locked,
    place_new_file,
    place_new_folder,
    rebuild_derived,
)
from conflictschema.publishing.redact import redact_sources
from conflictschema.publishing.release_page import (
    PAGE_FILE,
    ReleaseFile,
    is_page,
    page_pieces,
    write_page,
)
from conflictschema.semver import Bump, Version, step
from conflictschema.validation.reader import read_checked, read_tables

if TYPE_CHECKING:
    import polars as pl


@dataclass(frozen=True)
class ReleaseResult:
    name: str
    version: str
    previous: str | None
    directory: Path
    zip_path: Path
    zip_sha256: str
    diff: Diff | None


#: Findings named in a refusal; `validate` lists them all.
REFUSAL_FINDINGS = 10


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
        "- `data/*.parquet`: the same tables as Parquet, typed, each column with its description.\n"
        "- `dataset.json`: the whole dataset as one document; `incidents.jsonl`: one incident per line.\n"
        "- `incidents.geojson`: the incidents that have coordinates, as GeoJSON.\n"
        "- `index.html`: a page to look at the release: map, incidents and their accounts, files, codebook.\n"
        "- `CITATION.cff`: how to cite this release.\n"
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
    written: Callable[[Path], None] = lambda path: None,
) -> list[str]:
    """Write every file of a release into ``folder``; the same inputs always give the same
    bytes. Returns the files' paths relative to ``folder``. ``written(path)`` is told of
    each large file once it is whole (and never written again), so it can be zipped
    meanwhile.

    The order matters: the descriptor lists the data files with their hashes, the page
    lists every file before it with its hash, and SHA256SUMS lists them all."""
    (folder / "data").mkdir(parents=True)
    for table, frame in tables.items():
        write_csv(table, frame, folder / "data" / f"{table}.csv", defuse=True)
        written(folder / "data" / f"{table}.csv")
        write_parquet(table, frame, folder / parquet_path(table), meta, meta.version)
    write_geojson(tables["incidents"], folder / GEOJSON_FILE)
    written(folder / GEOJSON_FILE)
    (folder / CITATION_FILE).write_bytes(citation_cff(meta, meta.version, date).encode("utf-8"))
    descriptor = generate_datapackage(
        meta, {table: extension_names(frame) for table, frame in tables.items()}
    )
    descriptor["created"] = f"{date}T00:00:00Z"  # Data Package asks for an RFC 3339 datetime
    # The analyst files are listed beside the tables, not among them: a tabular data
    # package holds only tabular resources, and Frictionless refuses any other.
    descriptor["conflictschema"]["files"] = extra_resources(tables)
    descriptor["conflictschema"]["release_layout"] = RELEASE_LAYOUT
    digests: dict[str, str] = {}

    def digest(name: str) -> str:
        if name not in digests:
            digests[name] = sha256_file(folder / name)
        return digests[name]

    for resource in [*descriptor["resources"], *descriptor["conflictschema"]["files"]]:
        resource["bytes"] = (folder / resource["path"]).stat().st_size
        resource["hash"] = hash_string(digest(resource["path"]))
    (folder / "datapackage.json").write_bytes(_json_bytes(descriptor))
    write_dataset_json(meta, tables, folder / "dataset.json")
    written(folder / "dataset.json")
    write_incidents_jsonl(tables, folder / "incidents.jsonl")
    written(folder / "incidents.jsonl")
    (folder / "CHANGES.json").write_bytes(_json_bytes(changes))
    (folder / "README.md").write_bytes(_readme(meta, meta.version, date).encode("utf-8"))
    names = [n for n in release_file_names(tables) if n not in (PAGE_FILE, SUMS_FILE)]
    listed = [ReleaseFile(n, (folder / n).stat().st_size, digest(n)) for n in sorted(names)]
    page = page_pieces(
        meta,
        tables,
        date=date,
        changes=changes,
        files=listed,
        zip_name=zip_name(meta.name, meta.version),
    )
    write_page(folder / PAGE_FILE, page)
    digests[PAGE_FILE] = sha256_file(folder / PAGE_FILE)
    (folder / SUMS_FILE).write_bytes(sums_manifest(digests).encode("utf-8"))
    return release_file_names(tables)


SUMS_FILE = "SHA256SUMS"


def release_file_names(tables: dict[str, Any]) -> list[str]:
    """Every file a release of ``tables`` holds, relative to its folder."""
    return [
        *(f"data/{table}.csv" for table in tables),
        *(resource["path"] for resource in extra_resources(tables)),
        "datapackage.json",
        "dataset.json",
        "incidents.jsonl",
        "CHANGES.json",
        "README.md",
        PAGE_FILE,
        SUMS_FILE,
    ]


#: How releases are made: which files they hold and how those are written (the page,
#: the README). Each change to that takes the next number and says here what it brought;
#: a release of unchanged data by a newer layout is a PATCH step with that reason.
#: Releases made before the layout was recorded are layout 1.
RELEASE_LAYOUTS = {
    2: "releases hold a page (index.html), Parquet tables, incidents.geojson and CITATION.cff",
}
RELEASE_LAYOUT = max(RELEASE_LAYOUTS)


def _layout_reasons(old_descriptor: dict[str, Any]) -> list[tuple[Bump, str]]:
    """Why a release by this layout is worth publishing over one by an older layout."""
    recorded = old_descriptor.get("conflictschema", {}).get("release_layout", 1)
    old = recorded if isinstance(recorded, int) else 1
    return [
        (Bump.PATCH, f"release layout {number - 1} -> {number}: {RELEASE_LAYOUTS[number]}")
        for number in range(old + 1, RELEASE_LAYOUT + 1)
    ]


def _previous_release(
    base: Path, previous: Version, meta: DatasetMetadata, tables: dict[str, pl.DataFrame]
) -> Diff:
    """What changed since the published ``previous`` version, metadata included."""
    old_dir = base / str(previous)
    old = read_checked(old_dir / "dataset.json")
    old_descriptor = json.loads((old_dir / "datapackage.json").read_text(encoding="utf-8"))
    old_columns = columns_of(old_descriptor)
    diff = diff_tables(
        sorted_tables(old.typed),
        tables,
        old_standard=old.declared_standard,
        new_standard=meta.standard_version,
        old_columns=old_columns,
        metadata=(
            stated_metadata(old.metadata, old.declared_standard),
            meta.model_dump(mode="json"),
        ),
    )
    diff.reasons.extend(_layout_reasons(old_descriptor))
    return diff


def _check_step(previous: Version, requested: Version, diff: Diff) -> None:
    if not diff.reasons:
        raise ReleaseError(
            f"nothing changed since {previous}: the data and metadata are the same, so there is nothing to release as {requested}"
        )
    taken = step(previous, requested)
    if taken < diff.required:
        reasons = "; ".join(f"{reason} ({bump})" for bump, reason in diff.reasons if bump > taken)
        raise ReleaseError(
            f"{previous} -> {requested} is a {taken} step, but the changes need a {diff.required} step "
            f"(at least {previous.bumped(diff.required)}): {reasons}"
        )


def _folder_error(out: Path, exc: OSError, published: str | None = None) -> ReleaseFolderError:
    where = exc.filename or out
    if published is None:
        return ReleaseFolderError(
            f"cannot write to {where}: {exc.strerror or exc}; nothing was published"
        )
    return ReleaseFolderError(
        f"{published} is published, but the index and changelog could not be updated "
        f"({where}: {exc.strerror or exc}); run `conflictschema release --repair --out {out}` "
        "once the folder is writable (the next release also repairs them)"
    )


def read_valid(
    dataset_path: str | os.PathLike[str],
) -> tuple[dict[str, Any], dict[str, pl.DataFrame]]:
    """The dataset's metadata and checked tables, or a ReleaseError naming the first
    findings: nothing is published, or previewed, from invalid data."""
    try:
        return read_tables(dataset_path)
    except ReadError as exc:
        listed = [
            " ".join(
                part
                for part in (f.file, f"row {f.row}" if f.row else "", f.field or "", f.code.value)
                if part
            )
            for f in exc.findings[:REFUSAL_FINDINGS]
        ]
        more = len(exc.findings) - len(listed)
        shown = "; ".join(listed) + (f"; and {more} more" if more > 0 else "")
        raise ReleaseError(
            f"{dataset_path} is not valid ({len(exc.findings)} error(s)): {shown}; run `conflictschema validate {dataset_path}` for details"
        ) from None


def public_tables(
    dataset_path: str | os.PathLike[str],
) -> tuple[DatasetMetadata, dict[str, pl.DataFrame]]:
    """The dataset's metadata and its tables as the public sees them: checked, in the
    normal form, restricted sources redacted. Raises ReleaseError for invalid data."""
    metadata, typed = read_valid(dataset_path)
    tables = sorted_tables(typed)
    tables["sources"] = redact_sources(tables["sources"])
    return DatasetMetadata.model_validate(metadata), tables


def preview_page(dataset_path: str | os.PathLike[str], out: str | os.PathLike[str]) -> Path:
    """Write the page a release of ``dataset_path`` would carry, as ``out/index.html``,
    to look at before releasing. It shows what the public would see: restricted sources
    are left out. It lists no files and no changes, which only a release has.

    Raises
    ------
    ReleaseError
        The dataset is invalid, or ``out/index.html`` exists and is not such a preview.
    """
    meta, tables = public_tables(dataset_path)
    target = Path(out) / PAGE_FILE
    if Path(out).exists() and not Path(out).is_dir():
        raise ReleaseError(f"{out} is a file; give the folder to write {PAGE_FILE} into")
    if target.exists() and not is_page(target):
        raise ReleaseError(
            f"{target} exists and is not a conflictschema page; choose another folder"
        )
    pieces = page_pieces(meta, tables, date=None, changes=None)
    atomic_write(target, lambda path: write_page(path, pieces))
    return target


def release(
    dataset_path: str | os.PathLike[str],
    version: str,
    out: str | os.PathLike[str],
    *,
    date: str | None = None,
    lock_timeout: float = LOCK_TIMEOUT_SECONDS,
) -> ReleaseResult:
    """Publish ``dataset_path`` as ``version`` under ``out``.

    The dataset is read once into checked tables and written from them; no object is
    built per record, so a release of a million incidents fits in a few GB. Releases
    into one ``out`` run one at a time (a lock the OS drops if the process dies); each
    first repairs what an interrupted run left, then builds everything in a staging
    folder and places the zip and the version folder with operations that cannot
    replace a published file.

    Raises
    ------
    ReleaseError
        The dataset is invalid, the version is malformed or smaller than the changes
        need, nothing changed, or the release date cannot be known; nothing is written.
    ReleaseExistsError
        The version is already published.
    ReleaseFolderError
        ``out`` cannot be written or locked; or the version was published but the index
        could not be updated (the message says how to repair it).
    """
    requested = Version.parse(version)
    source_meta, tables = public_tables(dataset_path)
    if source_meta.name in RESERVED_NAMES:
        raise ReleaseError(
            f"a dataset cannot be named {source_meta.name!r}: the release folder uses that name for its own file; rename it in datapackage.json"
        )
    out_dir = Path(out)
    meta = source_meta.model_copy(update={"version": str(requested)})
    when = release_date(tables["incidents"], date)
    base = out_dir / meta.name
    with locked(out_dir, lock_timeout):
        try:
            rebuild_derived(out_dir)  # whatever an interrupted run left is repaired first
        except OSError as exc:
            raise _folder_error(out_dir, exc) from None
        published = published_versions(base)
        if requested in published:
            raise ReleaseExistsError(
                f"{meta.name} {requested} is already published in {base / str(requested)}; published versions are never overwritten, release a new version"
            )
        if published and requested < published[-1]:
            raise ReleaseError(
                f"{requested} is older than the latest published version {published[-1]}; release a newer version"
            )
        previous = published[-1] if published else None
        diff = None
        changes: dict[str, Any] = {
            "name": meta.name,
            "version": str(requested),
            "previous": None,
            "date": when,
        }
        if previous is not None:
            diff = _previous_release(base, previous, meta, tables)
            _check_step(previous, requested, diff)
            changes.update(previous=str(previous), **diff.as_dict())
        else:
            changes["tables"] = {
                "incidents": {"added": tables["incidents"].get_column("id").to_list()}
            }
        archive = zip_name(meta.name, requested)
        try:
            base.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{requested}-", dir=base))
        except OSError as exc:
            raise _folder_error(out_dir, exc) from None
        try:
            folder = staging / str(requested)
            with Deflating() as deflating:
                names = write_release_files(
                    meta, tables, when, changes, folder, written=deflating.start
                )
                write_zip(
                    staging / archive,
                    {f"{meta.name}-{requested}/{n}": folder / n for n in names},
                    deflating,
                )
            zip_sha = sha256_file(staging / archive)
            place_new_file(staging / archive, base / archive)
            place_new_folder(folder, base / str(requested))  # the commit point
        except ReleaseExistsError:
            raise
        except OSError as exc:
            if (base / str(requested)).exists():
                raise _folder_error(out_dir, exc, f"{meta.name} {requested}") from None
            (base / archive).unlink(missing_ok=True)
            raise _folder_error(out_dir, exc) from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        try:
            rebuild_derived(out_dir)
        except OSError as exc:
            raise _folder_error(out_dir, exc, f"{meta.name} {requested}") from None
    return ReleaseResult(
        name=meta.name,
        version=str(requested),
        previous=str(previous) if previous else None,
        directory=base / str(requested),
        zip_path=base / archive,
        zip_sha256=zip_sha,
        diff=diff,
    )


__all__ = [
    "Bump",
    "ReleaseError",
    "ReleaseExistsError",
    "ReleaseFolderError",
    "ReleaseResult",
    "preview_page",
    "release",
]
