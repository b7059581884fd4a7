"""Data of earlier standards (0.1.0, 0.2.0): read by their own columns and rules,
upgraded, never lost."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import conflictschema
from conflictschema.models.history import freeze_current, standard_for

REPO = Path(__file__).resolve().parents[3]
RELEASES = REPO / "releases" / "contested-incidents"
RELEASE_1 = RELEASES / "1.0.0"
RELEASE_2 = RELEASES / "2.0.0"


@pytest.mark.parametrize(
    ("release", "version"), [("1.0.0", "0.1.0"), ("2.0.0", "0.2.0"), ("3.0.0", "0.3.0")]
)
def test_frozen_columns_are_the_ones_the_release_published(release: str, version: str) -> None:
    """Each frozen definition agrees with the Table Schemas inside the release made in it."""
    published = json.loads((RELEASES / release / "datapackage.json").read_text())
    assert published["conflictschema"]["standard_version"] == version
    standard = standard_for(version)
    assert [r["name"] for r in published["resources"]] == list(standard.tables)
    for resource in published["resources"]:
        fields = resource["schema"]["fields"]
        columns = standard.columns(resource["name"])
        assert [f["name"] for f in fields] == [c.name for c in columns]
        for field, column in zip(fields, columns, strict=True):
            enum = field.get("constraints", {}).get("enum")
            if column.codes is not None:
                assert enum == column.codes.codes(), column.name
            assert field["description"].startswith(column.description)


def test_current_standard_is_not_frozen_yet() -> None:
    assert freeze_current()["standard_version"] == conflictschema.STANDARD_VERSION
    assert not (
        REPO
        / "src/conflictschema/models/history"
        / f"standard-{conflictschema.STANDARD_VERSION}.json"
    ).exists()


@pytest.mark.parametrize("name", ["datapackage.json", "dataset.json", "incidents.jsonl"])
def test_release_1_0_0_validates_with_old_standard_and_reads_upgraded(name: str) -> None:
    report = conflictschema.validate(RELEASE_1 / name)
    assert report.errors == 0
    assert [f.code for f in report.findings] == ["old-standard"]
    dataset = conflictschema.read(RELEASE_1 / name)
    assert dataset.standard_version == conflictschema.STANDARD_VERSION
    by_id = {i.id: i for i in dataset.incidents}
    assert by_id["inc-0004"].attribution_status == "unattributed"  # was 0.1's unclaimed
    assert by_id["inc-0001"].responsibility_status == "claimed"
    assert by_id["inc-0001"].claims[1].attributed_to == ["ua"]
    assert {i.date_span for i in dataset.incidents} == {"uncertain"}
    assert all(i.participants == [] and i.casualty_reports == [] for i in dataset.incidents)


@pytest.mark.parametrize("name", ["datapackage.json", "dataset.json", "incidents.jsonl"])
def test_release_2_0_0_validates_with_old_standard_and_reads_upgraded(name: str) -> None:
    report = conflictschema.validate(RELEASE_2 / name)
    assert [f.code for f in report.findings] == ["old-standard"]
    assert "0.2.0" in report.findings[0].message
    old = conflictschema.read(RELEASE_2 / name)
    assert old.standard_version == conflictschema.STANDARD_VERSION
    assert {i.date_span for i in old.incidents} == {"uncertain"}
    assert {i.event_type for i in old.incidents} == {None}
    # the statuses 0.2 stored are the ones 0.3 derives: nothing re-derived, nothing lost
    assert {i.id: i.statuses(old.parents()) for i in old.incidents} == {
        i.id: (i.attribution_status, i.responsibility_status) for i in old.incidents
    }


def test_0_2_data_with_a_wrong_status_is_still_caught(tmp_path: Path) -> None:
    package = tmp_path / "old"
    shutil.copytree(RELEASE_2, package)
    incidents = package / "data" / "incidents.csv"
    text = incidents.read_text()
    assert ",contested,claimed," in text
    incidents.write_text(text.replace(",contested,claimed,", ",consistent,claimed,", 1))
    codes = [f.code for f in conflictschema.validate(package).findings if f.severity == "error"]
    assert codes == ["attribution-status"]


def test_0_1_data_is_held_to_its_own_rules(tmp_path: Path) -> None:
    """In 0.1 an explosion and a drone strike disagreed: 'consistent' is wrong there,
    although the 0.2 rules would not say so (the perpetrators disagree in both)."""
    package = tmp_path / "old"
    shutil.copytree(RELEASE_1, package)
    incidents = package / "data" / "incidents.csv"
    incidents.write_text(
        incidents.read_text().replace(",unclaimed,active", ",single_account,active")
    )
    report = conflictschema.validate(package)
    assert [(f.code, f.row, f.value) for f in report.findings if f.severity == "error"] == [
        ("attribution-status", 5, "single_account")
    ]
    assert "make it 'unclaimed'" in next(
        f.message for f in report.findings if f.code == "attribution-status"
    )


def test_0_2_columns_in_0_1_data_are_extra(tmp_path: Path) -> None:
    package = tmp_path / "old"
    shutil.copytree(RELEASE_1, package)
    claims = package / "data" / "claims.csv"
    lines = claims.read_text().splitlines()
    claims.write_text(
        "\n".join([lines[0] + ",disputes"] + [line + "," for line in lines[1:]]) + "\n"
    )
    codes = {f.code for f in conflictschema.validate(package).findings}
    assert "extra-column" in codes


@pytest.mark.parametrize("out", ["package", "dataset.json"])
def test_upgrade_is_lossless_deterministic_and_round_trips(tmp_path: Path, out: str, cli) -> None:
    first, second = tmp_path / "a" / out, tmp_path / "b" / out
    result = conflictschema.upgrade(RELEASE_1, first)
    current = conflictschema.STANDARD_VERSION
    assert (result.from_version, result.to_version, result.upgraded) == ("0.1.0", current, True)
    assert any("unclaimed -> unattributed (1)" in line for line in result.changes)
    assert any(line.startswith("0.2.0 -> 0.3.0: participants") for line in result.changes)
    outcome = cli("upgrade", str(RELEASE_1), "-o", str(second))
    assert outcome.code == 0, outcome
    assert f"standard 0.1.0 -> {current}" in outcome.stdout
    files = (
        sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
        if first.is_dir()
        else [Path()]
    )
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes()
    assert conflictschema.validate(first).findings == []
    old, new = conflictschema.read(RELEASE_1), conflictschema.read(first)
    assert old == new  # reading 0.1.0 and reading its upgrade give the same records
    again = conflictschema.upgrade(first, tmp_path / "c" / out)
    assert not again.upgraded


def test_in_place_upgrade_rewrites_the_package(tmp_path: Path) -> None:
    package = tmp_path / "old"
    shutil.copytree(RELEASE_1, package)
    result = conflictschema.upgrade(package)
    assert result.written == package
    assert conflictschema.validate(package).findings == []
    assert not conflictschema.upgrade(package).upgraded
    assert [p.name for p in tmp_path.iterdir()] == ["old"]  # no staging left behind


def test_in_place_upgrade_of_jsonl_needs_out(tmp_path: Path, cli) -> None:
    shutil.copy(RELEASE_1 / "dataset.json", tmp_path / "dataset.json")
    shutil.copy(RELEASE_1 / "incidents.jsonl", tmp_path / "incidents.jsonl")
    outcome = cli("upgrade", str(tmp_path / "incidents.jsonl"))
    assert outcome.code == 2
    assert "give -o OUT" in outcome.stderr


def test_upgrade_refuses_broken_old_data(tmp_path: Path, cli) -> None:
    package = tmp_path / "old"
    shutil.copytree(RELEASE_1, package)
    incidents = package / "data" / "incidents.csv"
    incidents.write_text(
        incidents.read_text().replace("2024-02-27,2024-02-27,day", "2024-02-28,2024-02-27,day")
    )
    outcome = cli("upgrade", str(package), "-o", str(tmp_path / "new"))
    assert outcome.code == 2
    assert "date-order" in outcome.stderr
    assert not (tmp_path / "new").exists()


def test_overnight_day_precision(tmp_path: Path) -> None:
    dataset = conflictschema.read(REPO / "datasets" / "contested-incidents")
    incident = dataset.incidents[0].model_copy(
        update={
            "date_end": dataset.incidents[0].date_start.replace(day=28),
            "time_start": "23:40",
            "time_end": "00:30",
        }
    )
    ok = dataset.model_copy(update={"incidents": [incident, *dataset.incidents[1:]]})
    conflictschema.write(ok, tmp_path / "ok.json")
    assert conflictschema.validate(tmp_path / "ok.json").errors == 0
    same_day = incident.model_copy(update={"time_end": "23:50"})
    bad = dataset.model_copy(update={"incidents": [same_day, *dataset.incidents[1:]]})
    conflictschema.write(bad, tmp_path / "bad.json")
    assert [
        f.code
        for f in conflictschema.validate(tmp_path / "bad.json").findings
        if f.severity == "error"
    ] == ["date-precision"]


@pytest.mark.parametrize("name", ["datapackage.json", "dataset.json", "incidents.jsonl"])
def test_release_3_0_0_validates_with_old_standard_and_reads_unchanged(name: str) -> None:
    report = conflictschema.validate(RELEASES / "3.0.0" / name)
    assert [f.code for f in report.findings] == ["old-standard"]
    assert "0.3.0" in report.findings[0].message
    old = conflictschema.read(RELEASES / "3.0.0" / name)
    current = conflictschema.read(RELEASES / "4.0.0" / name)
    assert old.standard_version == current.standard_version == conflictschema.STANDARD_VERSION
    # 0.4 changed no table: the records read the same; only the metadata gained keywords
    assert old.incidents == current.incidents
    assert (old.keywords, current.keywords) == (
        None,
        ["attribution", "contested incidents", "occupied territory", "Ukraine"],
    )
