"""The Airwars importer on scrapes written the way scrapers of the incident pages write
them (no Airwars data is committed: every row here is written for the test)."""

from __future__ import annotations

from pathlib import Path

import pytest

import conflictschema
from conflictschema.importers import ImportFormatError, import_
from tests.unit.importers.support import assert_imports_lawfully, table, write_records

COLUMNS = [
    "Incident date", "Incident code", "URL", "Strike status", "Strike type",
    "Civilian infrastructure", "Civilians reported killed", "Civilians reported injured",
    "Victims", "Cause of injury / death", "Civilian harm grading", "Suspected belligerent",
    "Suspected belligerents", "Known belligerent", "Suspected target", "Latitude", "long",
    "Assessment", "V3",
]  # fmt: skip
LIKELY = {
    "Incident date": "october-7-2023", "Incident code": "ispt0019a",
    "URL": "https://airwars.org/civilian-casualties/ispt0019a-october-7-2023/",
    "Strike status": "Likely strike", "Strike type": "Airstrike",
    "Civilian infrastructure": "Residential building", "Civilians reported killed": "3-5",
    "Civilians reported injured": "2", "Victims": "(1 man1 journalist)",
    "Cause of injury / death": "Bomb", "Civilian harm grading": "Fair",
    "Suspected belligerent": "Israeli Military", "Suspected belligerents": "NA",
    "Known belligerent": "NA", "Suspected target": "NA", "Latitude": "31.5203",
    "long": "34.4531", "Assessment": "Local sources reported a strike on a home.\n\n"
    + "Several names were shared. " * 200, "V3": "",
}  # fmt: skip
DECLARED = {
    "Incident date": "november-2-2023", "Incident code": "ispt0100",
    "Strike status": "Declared strike", "Civilians reported killed": "1",
    "Civilian harm grading": "Confirmed", "Suspected belligerent": "NA",
    "Suspected belligerents": "Israeli Military", "Known belligerent": "Israeli Military",
    "Latitude": "NA", "long": "NA", "V3": "leftover",
}  # fmt: skip
CONTESTED = {
    "Incident date": "december-1-2023", "Incident code": "ispt0200",
    "URL": "https://airwars[.]org/civilian-casualties/ispt0200/",
    "Strike status": "Contested strike", "Civilians reported killed": "unknown",
    "Civilian harm grading": "Contested",
    "Suspected belligerents": "Israeli Military, Palestinian militants",
}  # fmt: skip


def test_a_scrape_becomes_a_valid_package_that_says_no_more_than_airwars(tmp_path: Path) -> None:
    source = write_records(tmp_path / "airwars.csv", COLUMNS, [LIKELY, DECLARED, CONTESTED])
    result = assert_imports_lawfully("airwars", [source], tmp_path)
    assert (result.read, result.imported, result.skipped) == (3, 3, [])
    by_id = {i.id: i for i in conflictschema.read(result.out).incidents}
    likely = by_id["airwars-ispt0019a"]
    [assessment] = likely.claims
    assert (assessment.claimant, assessment.claim_type, assessment.attributed_to) == (
        "airwars-actor-airwars",
        "assessment",
        ["airwars-actor-israeli-military"],
    )
    assert "suspected" in (assessment.statement or "")
    assert likely.attribution_status == "single_account"
    [report] = likely.casualty_reports
    assert (report.category, report.killed_low, report.killed_best, report.killed_high) == (
        "civilians", 3, None, 5,
    )  # fmt: skip
    assert report.injured_best == 2
    assert likely.killed_best is None  # Airwars counts civilians; the incident counts everyone
    assert (likely.event_type, likely.classifications) == ("air_strike", ["airwars-grading:fair"])
    assert str(likely.date_start) == "2023-10-07"
    assert likely.extensions["x_airwars_victims"] == "(1 man1 journalist)"
    assert likely.summary is not None
    assert len(likely.summary) > 5000
    # a declared strike by the known belligerent is its own responsibility claim
    declared = by_id["airwars-ispt0100"]
    assert [c.claim_type for c in declared.claims] == ["assessment", "responsibility_claim"]
    assert (declared.attribution_status, declared.responsibility_status) == (
        "consistent",
        "claimed",
    )
    assert declared.latitude is None
    assert declared.extensions["x_airwars_v3"] == "leftover"
    # several suspects are alternatives: one assessment each, from one party
    contested = by_id["airwars-ispt0200"]
    assert [c.attributed_to for c in contested.claims] == [
        ["airwars-actor-israeli-military"],
        ["airwars-actor-palestinian-militants"],
    ]
    assert contested.casualty_reports == []
    assert contested.extensions["x_airwars_civilians_killed"] == "unknown"
    sources = {s.id: s for s in conflictschema.read(result.out).sources}
    assert (
        sources["src-airwars-ispt0200"].url == "https://airwars.org/civilian-casualties/ispt0200/"
    )


def test_renamed_and_repeated_columns_read_alike(tmp_path: Path) -> None:
    renamed = [c.replace("long", "lon").replace("Incident code", "incident_code") for c in COLUMNS]
    record = {
        k.replace("long", "lon").replace("Incident code", "incident_code"): v
        for k, v in LIKELY.items()
    }
    a = import_("airwars", [write_records(tmp_path / "a.csv", COLUMNS, [LIKELY])], tmp_path / "a")
    b = import_("airwars", [write_records(tmp_path / "b.csv", renamed, [record])], tmp_path / "b")
    assert (a.out / "data" / "claims.csv").read_bytes() == (
        b.out / "data" / "claims.csv"
    ).read_bytes()
    assert conflictschema.read(b.out).incidents[0].longitude == pytest.approx(34.4531)


def test_a_row_without_a_date_is_skipped_and_another_source_refused(tmp_path: Path) -> None:
    rows = [LIKELY, {**DECLARED, "Incident date": "NA"}]
    result = import_("airwars", [write_records(tmp_path / "a.csv", COLUMNS, rows)], tmp_path / "o")
    # the first record's assessment spans lines 2 to 4: the skipped one starts on line 5
    assert (result.imported, result.skipped[0].line) == (1, 5)
    acled = write_records(tmp_path / "x.csv", ["event_id_cnty", "event_date"], [{}])
    with pytest.raises(ImportFormatError, match="not an export of Airwars: no column date, code"):
        import_("airwars", [acled], tmp_path / "p")


def test_a_scrape_of_only_dates_and_codes_imports(tmp_path: Path) -> None:
    """Every column but date and code may be missing; a missing column is no value."""
    rows = [{"Incident date": "october-7-2023", "Incident code": "ab1"},
            {"Incident date": "8 October 2023", "Incident code": "ab2"}]  # fmt: skip
    source = write_records(tmp_path / "a.csv", ["Incident date", "Incident code"], rows)
    result = assert_imports_lawfully("airwars", [source], tmp_path)
    assert (result.read, result.imported, result.skipped) == (2, 2, [])
    incidents = table(result.out, "incidents")
    assert [(r["id"], r["title"], r["event_type"]) for r in incidents] == [
        ("airwars-ab1", "Airwars ab1: 2023-10-07", ""),
        ("airwars-ab2", "Airwars ab2: 2023-10-08", ""),
    ]
    assert table(result.out, "claims") == []
