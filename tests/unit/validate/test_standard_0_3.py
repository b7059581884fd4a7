"""What standard 0.3 added, tried as a user would: the example package, historical
country codes, extension columns, and the validator's fewer false positives."""

from __future__ import annotations

import copy
import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import conflictschema
from tests.conftest import BUNDLED
from tests.rawpackage import write_raw_json

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "field-records"


def _document() -> dict[str, Any]:
    return conflictschema.read(BUNDLED).model_dump(mode="json")


def _findings(document: dict[str, Any], tmp_path: Path) -> list[tuple[str, str | None]]:
    path = tmp_path / "dataset.json"
    write_raw_json(document, path)
    return [(f.code, f.field) for f in conflictschema.validate(path).findings]


# ---------------------------------------------------------------- the example package


@pytest.mark.parametrize("form", ["package", "dataset.json", "incidents.jsonl"])
def test_example_package_validates_and_round_trips_in_every_form(form: str, tmp_path: Path) -> None:
    dataset = conflictschema.read(EXAMPLE)
    written = tmp_path / form
    if form == "incidents.jsonl":
        conflictschema.write(dataset, tmp_path / "dataset.json")
    conflictschema.write(dataset, written)
    assert conflictschema.validate(written).findings == []
    again = tmp_path / "again"
    conflictschema.convert(written, again)
    for table in (EXAMPLE / "data").iterdir():
        assert (again / "data" / table.name).read_bytes() == table.read_bytes(), table.name


def test_example_holds_what_the_field_records() -> None:
    dataset = conflictschema.read(EXAMPLE)
    clash, sea = sorted(dataset.incidents, key=lambda i: i.id)
    # an undirected two-sided clash: sides, no perpetrator, no claim
    assert {(p.actor, p.role) for p in clash.participants} == {
        ("side-north", "side_a"),
        ("side-south", "side_b"),
    }
    assert clash.claims == []
    assert clash.attribution_status == "unattributed"
    assert "acled-sub-event:armed-clash" in clash.classifications
    by_side = {r.category: r.killed_best for r in clash.casualty_reports}
    assert by_side["side_a"] == 4
    assert by_side["side_b"] == 5
    assert clash.date_span == "duration"
    # at sea, in two states' exclusive economic zones: no state's land
    assert (sea.country, sea.jurisdictions, sea.maritime_zone) == (None, ["DK", "SE"], "eez")
    assert sea.targets[0].infrastructure_type == "pipeline"


def test_participants_never_change_the_attribution_status() -> None:
    dataset = conflictschema.read(EXAMPLE)
    clash = next(i for i in dataset.incidents if i.participants)
    assert clash.statuses(dataset.parents()) == ("unattributed", "unclaimed")


# ---------------------------------------------------------------- places and dates


def test_historical_country_fits_only_before_its_withdrawal(tmp_path: Path) -> None:
    document = _document()
    incident = document["incidents"][0]
    incident.update(country="SU", admin1_code=None, latitude=None, longitude=None)
    incident.update(date_start="1985-06-01", date_end="1985-06-01")
    assert [c for c, _ in _findings(document, tmp_path) if c != "future-date"] == []
    incident.update(date_start="1992-08-30", date_end="1992-08-30")
    assert ("historical-country", "incidents[0].country") in _findings(document, tmp_path)
    incident.update(country="XK")
    assert not [c for c, _ in _findings(document, tmp_path) if c == "historical-country"]


def test_state_zone_at_sea_needs_a_state(tmp_path: Path) -> None:
    document = _document()
    incident = document["incidents"][0]
    incident.update(
        country=None, admin1_code=None, latitude=None, longitude=None, geo_precision="at_sea"
    )
    incident.update(maritime_zone="eez", jurisdictions=[])
    assert ("maritime-zone", "incidents[0].maritime_zone") in _findings(document, tmp_path)
    incident.update(jurisdictions=["DK", "SE"])
    assert _findings(document, tmp_path) == []


def test_a_duration_needs_day_precision(tmp_path: Path) -> None:
    document = _document()
    incident = document["incidents"][1]  # September 2023, precision month
    incident["date_span"] = "duration"
    assert ("date-precision", "incidents[1].date_precision") in _findings(document, tmp_path)
    incident.update(date_precision="approximate_day")
    assert _findings(document, tmp_path) == []


def test_unknown_value_of_a_documented_scheme_is_a_warning(tmp_path: Path) -> None:
    document = _document()
    document["incidents"][0]["classifications"] = [
        "acled-sub-event:armed-clash",
        "acled-sub-event:armed-clashes",
        "my-project:whatever",
    ]
    report_codes = _findings(document, tmp_path)
    assert report_codes == [("unknown-classification", "incidents[0].classifications")]


# ---------------------------------------------------------------- extension columns


def _add_column(path: Path, name: str, values: list[str]) -> None:
    rows = list(csv.reader(path.open(newline="", encoding="utf-8")))
    rows[0].append(name)
    for row, value in zip(rows[1:], values, strict=False):
        row.append(value)
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


@pytest.fixture
def extended(tmp_path: Path) -> Path:
    package = tmp_path / "pkg"
    shutil.copytree(BUNDLED, package)
    _add_column(package / "data" / "incidents.csv", "x_acled_inter1", ["13", "", "=1+1", "7"])
    sources = package / "data" / "sources.csv"
    sources.write_text(sources.read_text().replace(",public\n", ",restricted\n", 1))
    _add_column(sources, "x_contact", ["informant A", "", "", ""])
    return package


def test_extension_columns_are_listed_as_information_and_checked_by_no_rule(
    extended: Path,
) -> None:
    report = conflictschema.validate(extended)
    assert report.errors == report.warnings == 0  # "=1+1" is no formula-cell warning here
    assert {(f.code, f.severity, f.field) for f in report.findings} == {
        ("extension-column", "info", "x_acled_inter1"),
        ("extension-column", "info", "x_contact"),
    }


def test_extension_columns_are_carried_through_every_command(
    extended: Path, tmp_path: Path
) -> None:
    dataset = conflictschema.read(extended)
    assert dataset.incidents[0].extensions == {"x_acled_inter1": "13"}
    conflictschema.convert(extended, tmp_path / "d.json")
    document = json.loads((tmp_path / "d.json").read_text())
    assert document["incidents"][2]["x_acled_inter1"] == "=1+1"
    conflictschema.convert(tmp_path / "d.json", tmp_path / "back")
    for name in ("incidents.csv", "sources.csv"):
        assert (tmp_path / "back" / "data" / name).read_bytes() == (
            extended / "data" / name
        ).read_bytes()
    conflictschema.write(dataset, tmp_path / "written")
    assert (tmp_path / "written" / "data" / "incidents.csv").read_bytes() == (
        extended / "data" / "incidents.csv"
    ).read_bytes()


def test_a_release_carries_extensions_but_not_those_of_restricted_sources(
    extended: Path, tmp_path: Path
) -> None:
    result = conflictschema.release(extended, "1.0.0", tmp_path / "out")
    sources = (result.directory / "data" / "sources.csv").read_text()
    assert "x_contact" in sources.splitlines()[0]
    assert "informant A" not in sources
    incidents = (result.directory / "data" / "incidents.csv").read_text()
    assert "'=1+1" in incidents  # defused like any free text in a public release
    descriptor = json.loads((result.directory / "datapackage.json").read_text())
    fields = {
        r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in descriptor["resources"]
    }
    assert fields["incidents"][-1] == "x_acled_inter1"
    from frictionless import validate as frictionless_validate

    assert frictionless_validate(str(result.directory / "datapackage.json")).valid


def test_upgrade_of_old_data_carries_extensions(tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(Path(__file__).resolve().parents[3] / "releases/contested-incidents/2.0.0", old)
    _add_column(old / "data" / "claims.csv", "x_note", ["kept", "", "", ""])
    result = conflictschema.upgrade(old, tmp_path / "new")
    assert result.upgraded
    assert "kept" in (tmp_path / "new" / "data" / "claims.csv").read_text()


def test_extension_keys_in_json_hold_text_only(tmp_path: Path) -> None:
    document = _document()
    document["incidents"][0]["x_count"] = 5
    document["incidents"][1]["X_Upper"] = "no"
    codes = _findings(document, tmp_path)
    assert ("type-error", "incidents[0].x_count") in codes
    assert ("extra-column", "incidents[1].X_Upper") in codes


def test_models_take_extension_fields_and_refuse_other_extras() -> None:
    document = _document()
    document["actors"][0]["x_wikidata"] = "Q1"
    assert conflictschema.Dataset.model_validate(document).actors[0].extensions == {
        "x_wikidata": "Q1"
    }
    broken = copy.deepcopy(document)
    broken["actors"][0]["wikidata"] = "Q1"
    with pytest.raises(ValueError, match="unexpected field"):
        conflictschema.Dataset.model_validate(broken)


# ---------------------------------------------------------------- fewer false positives


def _twin(document: dict[str, Any], **changes: Any) -> None:
    """Add a copy of incident 0 (with its own ids) under ``changes``."""
    twin = copy.deepcopy(document["incidents"][0])
    twin.update(id="inc-twin", claims=[], participants=[], casualty_reports=[])
    twin.update(attribution_status="unattributed", responsibility_status="unclaimed")
    for n, target in enumerate(twin["targets"]):
        target["id"] = f"tgt-twin-{n}"
    twin.update(changes)
    document["incidents"].append(twin)


def test_duplicate_incident_on_the_same_coordinates(tmp_path: Path) -> None:
    document = _document()
    document["incidents"][0].update(latitude=46.7547, longitude=33.3474, geo_precision="near")
    _twin(document)
    assert ("duplicate-incident", "incidents[4].id") in _findings(document, tmp_path)


def test_no_duplicate_without_a_known_place(tmp_path: Path) -> None:
    document = _document()
    document["incidents"][0].update(location_name=None, latitude=None, longitude=None)
    _twin(document)
    assert "duplicate-incident" not in [c for c, _ in _findings(document, tmp_path)]


def test_different_target_names_tell_incidents_apart(tmp_path: Path) -> None:
    document = _document()
    document["incidents"][0].update(latitude=46.7547, longitude=33.3474, geo_precision="near")
    _twin(document)
    document["incidents"][-1]["targets"][0]["name"] = "Another office"
    assert "duplicate-incident" not in [c for c, _ in _findings(document, tmp_path)]


def test_place_name_alone_needs_a_shared_source_or_target_name(tmp_path: Path) -> None:
    document = _document()
    document["sources"].append(dict(document["sources"][0], id="src-other", relays=[]))
    document["incidents"][0].update(latitude=None, longitude=None, geo_precision="settlement")
    _twin(document, source_ids=["src-other"])
    for target in document["incidents"][-1]["targets"]:
        target["name"] = None
    assert "duplicate-incident" not in [c for c, _ in _findings(document, tmp_path)]
    document["incidents"][-1]["source_ids"] = ["src-other", "src-0001"]
    assert ("duplicate-incident", "incidents[4].id") in _findings(document, tmp_path)


@pytest.mark.parametrize(
    ("point", "country", "reported"),
    [
        ((31.29, 34.25), "EG", False),  # Rafah: the nearest place is across the border
        ((46.75, 33.37), "UA", False),
        ((30.04, 31.24), "UA", True),  # Cairo, said to be in Ukraine
    ],
)
def test_coordinates_near_a_border_are_tolerated(
    point: tuple[float, float], country: str, reported: bool, tmp_path: Path
) -> None:
    document = _document()
    latitude, longitude = point
    document["incidents"][0].update(
        latitude=latitude, longitude=longitude, country=country, admin1_code=None
    )
    path = tmp_path / "dataset.json"
    write_raw_json(document, path)
    found = [f for f in conflictschema.validate(path).findings if f.code == "coordinates-country"]
    assert bool(found) == reported
    if reported:
        assert "km from the nearest known place in UA" in found[0].message


def test_diff_sees_extension_columns_and_their_values(extended: Path, tmp_path: Path) -> None:
    added = conflictschema.diff(BUNDLED, extended)
    assert "columns added to incidents: x_acled_inter1" in [r for _, r in added.reasons]
    edited = tmp_path / "edited"
    shutil.copytree(extended, edited)
    incidents = edited / "data" / "incidents.csv"
    incidents.write_text(incidents.read_text().replace(",13\n", ",14\n", 1))
    changed = conflictschema.diff(extended, edited)
    assert changed.tables["incidents"].modified == {"inc-0001": ["x_acled_inter1"]}
    assert str(changed.required) == "patch"
