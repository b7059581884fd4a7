"""An import's tables are checked by the validator in one pass: an incident it finds an
error in is left out, every source row of it skipped with the finding as the reason,
and what cannot be left out (a mapping's bad actor) refuses the import."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

import conflictschema
from conflictschema.errors import ConflictSchemaError
from conflictschema.importers import import_
from conflictschema.importers.mapped import origins_frame
from conflictschema.importers.settle import with_derived_statuses, write_valid
from conflictschema.models.columns import CHILD_TABLES
from conflictschema.models.dataset import DatasetMetadata
from conflictschema.models.frames import rows_frame
from tests.unit.importers.test_acled import HEADER, ROWS, export, table


def test_an_incident_the_validator_finds_in_error_is_left_out_row_by_row(tmp_path: Path) -> None:
    # actor-centric: the battle comes once per actor; then an empty event_type, which
    # maps to an empty classification that only the validator's pattern refuses
    monadic = HEADER.replace(",actor2,assoc_actor_2,inter2", "")
    battle = ROWS[1].replace("Military Forces of Ukraine (2019-),,State forces,", "")
    other_side = battle.replace("Military Forces of Russia (2000-)", "Military Forces of Ukraine")
    broken = battle.replace("Battles,Armed clash", ",Armed clash")
    broken_rows = [broken, broken.replace("Military Forces of Russia (2000-)", "Wagner Group")]
    rows = [ROWS[0].replace(",Civilians (Ukraine),United Russia,7", ""), battle, other_side]
    broken_export = export(tmp_path / "x.csv", [*rows[:1], *[r.replace("UKR100002", "UKR9") for r in broken_rows], *rows[1:]], monadic)  # fmt: skip

    result = import_("acled", [broken_export], tmp_path / "o")

    assert (result.read, result.imported, result.merged) == (5, 2, 1)
    assert [s.line for s in result.skipped] == [3, 4]
    assert all(s.reason.startswith("classifications: ") for s in result.skipped)
    assert all(s.file == str(broken_export) for s in result.skipped)
    assert conflictschema.validate(result.out).errors == 0
    assert [r["id"] for r in table(result.out, "incidents")] == [
        "acled-UKR100001",
        "acled-UKR100002",
    ]
    assert {r["incident_id"] for r in table(result.out, "participants")} == {
        "acled-UKR100001",
        "acled-UKR100002",
    }


def _incident(incident_id: str, **fields: object) -> dict[str, object]:
    return {
        "id": incident_id,
        "title": "An explosion",
        "date_start": "2024-02-27",
        "date_end": "2024-02-27",
        "date_precision": "day",
        "date_span": "uncertain",
        "status": "active",
        "source_ids": ["src-a"],
        **fields,
    }


METADATA = DatasetMetadata.model_validate(
    {"name": "t", "title": "T", "version": "1.0.0", "licenses": [{"name": "CC0-1.0"}]}
)


def _tables(
    incidents: list[dict[str, object]], actors: list[dict[str, object]] | None = None
) -> dict[str, pl.DataFrame]:
    """The tables a mapping hands on: ``incidents`` and ``actors``, citing one source."""
    rows: dict[str, list[dict[str, object]]] = {t: [] for t in CHILD_TABLES}
    rows["incidents"] = incidents
    rows["actors"] = actors or []
    rows["sources"] = [
        {
            "id": "src-a",
            "title": "A record",
            "source_type": "dataset_record",
            "reliability": "cannot_be_judged",
            "access": "public",
        }
    ]
    built = {table: rows_frame(table, found, enums=False) for table, found in rows.items()}
    return with_derived_statuses(built)


def test_a_mapping_error_outside_the_incidents_refuses_and_writes_nothing(tmp_path: Path) -> None:
    tables = _tables([_incident("t-1")], [{"id": "t-actor-x", "name": "X", "kind": "no-such-kind"}])
    with pytest.raises(ConflictSchemaError, match=r"actors\.csv, row 2, kind"):
        write_valid(METADATA, tables, tmp_path / "out", origins_frame(["t-1"], ["x"], [2]))
    assert list(tmp_path.iterdir()) == []


def test_only_incidents_made_from_the_export_are_left_out(tmp_path: Path) -> None:
    incidents = [_incident("t-1", date_end="2024-02-01"), _incident("t-2")]
    steps: list[str] = []
    left_out = write_valid(
        METADATA,
        _tables(incidents),
        tmp_path / "out",
        origins_frame(["t-1", "t-2"], ["x", "x"], [2, 3]),
        steps.append,
    )
    assert list(left_out) == ["t-1"]
    # each round is told: the second writes and checks the package without the one
    assert [re.sub(r"\d+ row", "N row", s) for s in steps] == [
        "writing the package",
        "checking the package's N row(s)",
        "writing the package again, without 1 incident(s) in error",
        "checking the package's N row(s) again, without 1 incident(s) in error",
    ]
    assert left_out["t-1"].startswith("date_end: ")
    assert conflictschema.validate(tmp_path / "out").errors == 0
    # the same error in an incident no export row made (one a previous import holds)
    # is not this import's to drop: it refuses
    with pytest.raises(ConflictSchemaError, match="date_end"):
        write_valid(
            METADATA, _tables(incidents), tmp_path / "again", origins_frame(["t-2"], ["x"], [3])
        )
    assert not (tmp_path / "again").exists()
