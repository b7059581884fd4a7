"""Writing an import's tables as a package that validates: the validator checks every
row in one pass, and each incident it finds an error in is left out, with the finding
as the reason, before the package is written again.

This is how an importer checks what it built without one Pydantic object per row,
and why its verdicts are the validator's: an imported package always validates.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from conflictschema.errors import ConflictSchemaError
from conflictschema.findings import Finding
from conflictschema.io.tables import sorted_tables, write_tables
from conflictschema.models.attribution import derived_statuses
from conflictschema.models.codes import AttributionStatus, ResponsibilityStatus
from conflictschema.models.columns import CHILD_TABLES
from conflictschema.models.dataset import DatasetMetadata

if TYPE_CHECKING:
    import polars as pl

#: How many times the tables are checked and the incidents found in error left out.
#: One round leaves out every incident a row rule or reference finds; a second is for
#: what only shows once they are gone; a third finding anything is a mapping's error.
ROUNDS = 3


def write_valid(
    metadata: DatasetMetadata,
    tables: dict[str, pl.DataFrame],
    target: Path,
    origins: pl.DataFrame,
    step: Callable[[str], None] | None = None,
) -> dict[str, str]:
    """Write ``tables`` as a package at ``target`` (which must not exist) once the
    validator finds no error in it, leaving out each incident it finds one in.
    ``step(what)`` is told as each round writes the package and checks it.

    ``tables`` is changed in place as its rows are sorted and incidents left out, so
    that a large import holds its tables once.

    ``origins`` names (``incident_id``) the incidents made from the export's rows:
    only those may be left out. Returns incident id -> the reason, for each one left
    out. Raises ConflictSchemaError, writing nothing, when an error is not one such
    incident's (an actor or source the mapping built, the metadata, an incident a
    previous import holds), or remains after :data:`ROUNDS` rounds.
    """
    from conflictschema.validation.runner import run_checks

    refuse_unwritable(target)
    try:  # the package's folder is made as convert makes its output's
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".import-", dir=target.parent.resolve()))
    except OSError as exc:
        raise ConflictSchemaError(
            f"cannot write a package at {target}: {exc.strerror or exc}; nothing was written"
        ) from None
    left_out: dict[str, str] = {}
    tell = step or (lambda _: None)
    try:
        package = staging / "package"
        for round_ in range(1, ROUNDS + 1):
            again = f" again, without {len(left_out):,} incident(s) in error" if round_ > 1 else ""
            tell(f"writing the package{again}")
            tables.update(sorted_tables(tables))  # in place: the tables are held once
            write_tables(metadata, tables, package)
            rows = sum(frame.height for frame in tables.values())
            tell(f"checking the package's {rows:,} row(s){again}")
            report, _ = run_checks(package, per_code=None, plausibility=False)
            errors = [f for f in report.findings if f.severity == "error"]
            if not errors:
                package.rename(target)
                return left_out
            culprits = incidents_in_error(errors, tables)
            ids = origins.get_column("incident_id")
            made = set(ids.filter(ids.is_in(list(culprits))))
            for incident_id, finding in culprits.items():
                if incident_id not in made:
                    raise ConflictSchemaError(f"the imported package would not validate: {finding}")
                where = f"{finding.field}: " if finding.field else ""
                left_out[incident_id] = f"{where}{finding.message}"
            tables.update(without_incidents(tables, set(culprits)))
        raise ConflictSchemaError(f"the imported package would not validate: {errors[0]}")
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def refuse_unwritable(target: Path) -> None:
    """Refuse, before any work, a package path under a file: the folder it needs could
    never be made (a folder that does not exist yet is made when the package is written)."""
    if target.exists():
        raise ConflictSchemaError(f"{target} exists; import writes a new package")
    blocking = next((p for p in target.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise ConflictSchemaError(
            f"cannot write a package at {target}: {blocking} is a file; nothing was written"
        )


def incidents_in_error(
    errors: list[Finding], tables: dict[str, pl.DataFrame]
) -> dict[str, Finding]:
    """incident id -> the first error found in it or in a row of its child tables.

    Raises ConflictSchemaError for an error no incident owns: one in the actors,
    sources or metadata an importer builds is its mapping's, and leaving rows out
    would not mend it."""
    culprits: dict[str, Finding] = {}
    for finding in errors:
        table = Path(finding.file).stem if finding.file.startswith("data/") else None
        if finding.row is None or table not in ("incidents", *CHILD_TABLES):
            raise ConflictSchemaError(f"the imported package would not validate: {finding}")
        key = "id" if table == "incidents" else "incident_id"
        incident_id = tables[table].get_column(key)[finding.row - 2]
        culprits.setdefault(str(incident_id), finding)
    return culprits


def without_incidents(tables: dict[str, pl.DataFrame], ids: set[str]) -> dict[str, pl.DataFrame]:
    """``tables`` without the incidents ``ids`` and their child rows."""
    import polars as pl

    gone = pl.Series(sorted(ids), dtype=pl.String).implode()
    kept = dict(tables)
    kept["incidents"] = tables["incidents"].filter(~pl.col("id").is_in(gone))
    for table in CHILD_TABLES:
        kept[table] = tables[table].filter(~pl.col("incident_id").is_in(gone))
    return kept


def with_derived_statuses(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """``tables`` with each incident's attribution and responsibility status the ones
    its claims imply (:func:`conflictschema.models.attribution.derived_statuses`;
    an incident without a standing claim is unattributed and unclaimed)."""
    import polars as pl

    c = pl.col
    derived = derived_statuses(tables["claims"], tables["actors"].select("id", "parent"))
    incidents = (
        tables["incidents"]
        .join(derived, left_on="id", right_on="incident_id", how="left")
        .with_columns(
            c("attribution")
            .fill_null(AttributionStatus.UNATTRIBUTED.value)
            .alias("attribution_status"),
            c("responsibility")
            .fill_null(ResponsibilityStatus.UNCLAIMED.value)
            .alias("responsibility_status"),
        )
        .drop("attribution", "responsibility")
    )
    return {**tables, "incidents": incidents}
