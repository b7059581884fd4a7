"""The GTD importer on exports built from the GTD codebook and its documented variants
(no GTD data is committed: every row here is written for the test)."""

from __future__ import annotations

from pathlib import Path

import pytest

import conflictschema
from conflictschema.importers import ImportFormatError, import_
from tests.unit.importers.support import assert_imports_lawfully, table, write_records

COLUMNS = [
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "approxdate",
    "extended",
    "resolution",
    "country",
    "country_txt",
    "region",
    "region_txt",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "specificity",
    "vicinity",
    "location",
    "summary",
    "crit1",
    "crit2",
    "crit3",
    "doubtterr",
    "multiple",
    "success",
    "suicide",
    "attacktype1",
    "attacktype1_txt",
    "attacktype2_txt",
    "targtype1",
    "targtype1_txt",
    "targsubtype1_txt",
    "corp1",
    "target1",
    "natlty1_txt",
    "targtype2_txt",
    "target2",
    "gname",
    "gname2",
    "guncertain1",
    "guncertain2",
    "claimed",
    "claimmode",
    "claimmode_txt",
    "claim2",
    "compclaim",
    "weaptype1_txt",
    "weapsubtype1_txt",
    "nkill",
    "nkillus",
    "nkillter",
    "nwound",
    "nwoundus",
    "nwoundte",
    "property",
    "addnotes",
    "scite1",
    "scite2",
    "scite3",
    "dbsource",
]

BOMBING = {
    "eventid": "201402280003", "iyear": "2014", "imonth": "2", "iday": "28",
    "extended": "0", "country": "228", "country_txt": "Ukraine", "region": "9",
    "region_txt": "Eastern Europe", "provstate": "Kharkiv", "city": "Kharkiv",
    "latitude": "49.9935", "longitude": "36.2304", "specificity": "1", "vicinity": "0",
    "summary": "02/28/2014: An explosive device went off at a market.",
    "crit1": "1", "crit2": "1", "crit3": "1", "doubtterr": "0", "multiple": "0",
    "success": "1", "suicide": "0", "attacktype1": "3", "attacktype1_txt": "Bombing/Explosion",
    "targtype1": "14", "targtype1_txt": "Private Citizens & Property",
    "targsubtype1_txt": "Marketplace/Plaza/Square", "corp1": "Civilians", "target1": "Market",
    "natlty1_txt": "Ukraine", "targtype2_txt": "Police", "target2": "Patrol",
    "gname": "Group A", "guncertain1": "0",
    "claimed": "1", "claimmode": "6", "claimmode_txt": "Video", "claim2": "0",
    "compclaim": "-9", "weaptype1_txt": "Explosives",
    "weapsubtype1_txt": "Unknown Explosive Type", "nkill": "3", "nkillus": "0",
    "nkillter": "1", "nwound": "", "nwoundus": "", "nwoundte": "0", "property": "1",
    "scite1": "Reporter, \"Blast at market,\" Outlet, March 1, 2014.",
    "scite2": "Another, \"Group claims blast,\" Agency, March 2, 2014.",
    "dbsource": "START Primary Collection",
}  # fmt: skip
UNKNOWN_DAY = {
    "eventid": "199807000001", "iyear": "1998", "imonth": "7", "iday": "0",
    "approxdate": "July 1998", "extended": "0", "country_txt": "Colombia",
    "provstate": "Bogotá", "city": "Bogotá", "specificity": "5",
    "attacktype1_txt": "Armed Assault", "targtype1_txt": "Business", "target1": ".",
    "gname": "Unknown", "claimed": "-9", "nkill": "-9", "nwound": "-99", "nkillter": "",
    "summary": ".", "dbsource": "PGIS",
}  # fmt: skip
KIDNAPPING = {
    "eventid": "201504100002", "iyear": "2015", "imonth": "4", "iday": "10",
    "extended": "1", "resolution": "42109", "country_txt": "Nigeria",
    "provstate": "Borno", "city": "Maiduguri", "latitude": "11.8464",
    "longitude": "13.1603", "specificity": "1",
    "attacktype1_txt": "Hostage Taking (Kidnapping)", "targtype1_txt": "Educational Institution",
    "target1": "School", "gname": "Group C", "guncertain1": "1", "claimed": "0",
    "nkill": "0", "nwound": "0",
}  # fmt: skip


def test_an_export_becomes_a_valid_package_that_says_no_more_than_the_gtd(tmp_path: Path) -> None:
    source = write_records(tmp_path / "gtd.csv", COLUMNS, [BOMBING, UNKNOWN_DAY, KIDNAPPING])
    result = assert_imports_lawfully("gtd", [source], tmp_path)
    assert (result.read, result.imported, result.skipped) == (3, 3, [])
    by_id = {i.id: i for i in conflictschema.read(result.out).incidents}
    bombing = by_id["gtd-201402280003"]
    # the GTD's judgement of the perpetrators, and the claim it records the group made
    assessment, claim = bombing.claims
    assert (assessment.claimant, assessment.claim_type, assessment.attributed_to) == (
        "gtd-actor-gtd-start",
        "assessment",
        ["gtd-actor-group-a"],
    )
    assert (claim.claimant, claim.claim_type, claim.attributed_to) == (
        "gtd-actor-group-a",
        "responsibility_claim",
        ["gtd-actor-group-a"],
    )
    assert "(Video)" in (claim.statement or "")
    assert (bombing.attribution_status, bombing.responsibility_status) == (
        "consistent",
        "claimed",
    )
    assert bombing.participants == []
    assert [(t.target_type, t.name) for t in bombing.targets] == [
        ("civilian", "Market"),
        ("police", "Patrol"),
    ]
    assert bombing.event_type == "explosion_unspecified"
    assert "gtd-targtype:private-citizens-property" in bombing.classifications
    # nwound empty is unknown, not 0; the attackers' own deaths are a report of their own
    assert (bombing.killed_best, bombing.injured_best) == (3, None)
    assert {r.category: (r.killed_best, r.injured_best) for r in bombing.casualty_reports} == {
        "all": (3, None),
        "perpetrators": (1, 0),
    }
    assert (bombing.country, bombing.admin1_code) == ("UA", None)  # "Kharkiv" is not ISO's name
    assert bombing.extensions["x_gtd_compclaim"] == "-9"
    assert bombing.extensions["x_gtd_corp1"] == "Civilians"


def test_unknown_days_sentinels_and_extended_incidents(tmp_path: Path) -> None:
    source = write_records(tmp_path / "gtd.csv", COLUMNS, [UNKNOWN_DAY, KIDNAPPING])
    out = import_("gtd", [source], tmp_path / "o").out
    by_id = {i.id: i for i in conflictschema.read(out).incidents}
    unknown_day = by_id["gtd-199807000001"]
    # iday 0: known to the month; -9 and -99 are unknown; "Unknown" names no group
    assert (str(unknown_day.date_start), str(unknown_day.date_end)) == ("1998-07-01", "1998-07-31")
    assert unknown_day.date_precision == "month"
    assert (unknown_day.killed_best, unknown_day.injured_best) == (None, None)
    assert unknown_day.casualty_reports == []
    assert unknown_day.claims == []
    assert unknown_day.summary is None  # "." is a placeholder
    assert [t.name for t in unknown_day.targets] == [None]
    assert unknown_day.latitude is None  # specificity 5: no place
    assert unknown_day.extensions["x_gtd_approxdate"] == "July 1998"
    # extended (over 24 hours) with its end as an Excel serial number: a duration
    kidnapping = by_id["gtd-201504100002"]
    assert (str(kidnapping.date_end), kidnapping.date_span, kidnapping.date_precision) == (
        "2015-04-15",
        "duration",
        "day",
    )
    assert (kidnapping.country, kidnapping.admin1_code) == ("NG", "NG-BO")
    assert kidnapping.event_type == "abduction"
    # a suspicion (guncertain1) is said in the assessment; no claim was recorded
    [assessment] = kidnapping.claims
    assert "group 1 as suspected" in (assessment.statement or "")
    assert (kidnapping.attribution_status, kidnapping.responsibility_status) == (
        "single_account",
        "unclaimed",
    )


def test_latin1_and_bare_cr_exports_read_alike(tmp_path: Path) -> None:
    a = write_records(tmp_path / "a.csv", COLUMNS, [UNKNOWN_DAY])
    b = write_records(tmp_path / "b.csv", COLUMNS, [UNKNOWN_DAY], "latin-1", "\r")
    out_a, out_b = (import_("gtd", [p], tmp_path / p.stem).out for p in (a, b))
    assert table(out_a, "incidents") == table(out_b, "incidents")
    assert table(out_a, "incidents")[0]["location_name"] == "Bogotá"


def test_a_bad_id_is_skipped_and_a_file_of_another_source_refused(tmp_path: Path) -> None:
    bad = {**KIDNAPPING, "eventid": "2015-04-10"}
    result = import_(
        "gtd", [write_records(tmp_path / "g.csv", COLUMNS, [BOMBING, bad])], tmp_path / "o"
    )
    assert result.imported == 1
    assert "not a GTD id" in result.skipped[0].reason
    ucdp = write_records(tmp_path / "u.csv", ["id", "date_start"], [{"id": "1"}])
    with pytest.raises(ImportFormatError, match="not an export of GTD: no column eventid"):
        import_("gtd", [ucdp], tmp_path / "p")
