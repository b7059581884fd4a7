"""The UCDP GED importer on exports built from the GED codebook and its documented
variants (no UCDP data is committed: every row here is written for the test)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conflictschema
from conflictschema.importers import ImportFormatError, import_
from tests.unit.importers.support import assert_imports_lawfully, table, write_export

HEADER = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,"
    "conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,"
    "side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,"
    "source_date,source_headline,source_original,where_prec,where_coordinates,"
    "where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,"
    "country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,"
    "deaths_civilians,deaths_unknown,best,high,low"
)
ONE_SIDED = (
    "500001,UKR-2022-3-1-1,2022,1,Clear,3,1000,1000,Government of Russia - civilians,2000,2000,"
    "Government of Russia - civilians,57,57,Government of Russia (Soviet Union),1,1,Civilians,2,"
    '"""Kyiv Post,2022-03-02,Shelling hits a market"";""Reuters,2022-03-03,-""",,,,'
    "Ukrainian military,1,Kharkiv town,Kharkiv town,Kharkiv province,Kharkivskyi raion,"
    "49.9935,36.2304,POINT (36.2304 49.9935),180000,Ukraine,369,Europe,1,1,2022-03-01,"
    "2022-03-01,0,0,5,0,5,7,5"
)
STATE_BASED = (
    "500002,UKR-2022-1-1-2,2022,True,Check deaths,1,1001,1001,Russia - Ukraine,2001,2001,"
    "Government of Russia (Soviet Union) - Government of Ukraine,57,57,"
    "Government of Russia (Soviet Union),58,58,Government of Ukraine,1,"
    '"""TASS,2022-03-09,Ship struck""",,,,Russian MoD,7,Black Sea,at sea,,,44.5,33.0,'
    "POINT (33 44.5),170000,Russia (Soviet Union),365,Europe,2,2,3/5/2022 12:00:00 AM,"
    "3/9/2022 12:00:00 AM,2,8,0,0,10,8,6"
)
NON_STATE = (
    "500003,YUG-2001-2-1-3,2001,false,Clear,2,1002,1002,KLA - NLA,2002,2002,KLA - NLA,"
    '90,90,KLA,91,91,NLA,2,,AFP;BBC,15/03/2001;16/03/2001,"Clashes\nin the south;-",'
    "local police,4,Kosovo region,,Kosovo province,,42.6,21.1,POINT (21.1 42.6),175000,"
    "Serbia (Yugoslavia),345,Europe,1,3,03/01/2001 00:00,03/31/2001 00:00,1,1,0,0,2,2,2"
)
ROWS = [ONE_SIDED, STATE_BASED, NON_STATE]


def test_an_export_becomes_a_valid_package_that_says_no_more_than_ucdp(tmp_path: Path) -> None:
    source = write_export(tmp_path / "ged.csv", HEADER, ROWS)
    result = assert_imports_lawfully("ucdp-ged", [source], tmp_path)
    assert (result.read, result.imported, result.skipped) == (3, 3, [])
    by_id = {i.id: i for i in conflictschema.read(result.out).incidents}
    one_sided = by_id["ucdp-ged-500001"]
    # UCDP's own judgement that side A killed civilians is an assessment, cited to the record
    [claim] = one_sided.claims
    assert (claim.claimant, claim.claim_type, claim.attributed_to) == (
        "ucdp-ged-actor-ucdp",
        "assessment",
        ["ucdp-ged-actor-government-of-russia-soviet-union"],
    )
    assert one_sided.attribution_status == "single_account"
    assert [(p.actor, p.role) for p in one_sided.participants] == [
        ("ucdp-ged-actor-government-of-russia-soviet-union", "side_a"),
        ("ucdp-ged-actor-civilians", "side_b"),
    ]
    assert {r.category: r.killed_best for r in one_sided.casualty_reports} == {
        "all": 5, "side_a": 0, "side_b": 0, "civilians": 5, "unknown": 0,
    }  # fmt: skip
    assert {r.zeros for r in one_sided.casualty_reports} == {"none"}
    assert (one_sided.killed_low, one_sided.killed_best, one_sided.killed_high) == (5, 5, 7)
    assert one_sided.classifications == ["ucdp-clarity:high", "ucdp-code-status:clear",
                                         "ucdp-violence:one-sided"]  # fmt: skip
    assert one_sided.extensions["x_ucdp_ged_source_original"] == "Ukrainian military"
    # dyadic fighting has sides and no direction: no claim, nothing attributed
    state_based = by_id["ucdp-ged-500002"]
    assert state_based.claims == []
    assert state_based.attribution_status == "unattributed"


def test_articles_packed_in_one_cell_or_in_parallel_columns_become_relayed_sources(
    tmp_path: Path,
) -> None:
    out = import_("ucdp-ged", [write_export(tmp_path / "g.csv", HEADER, ROWS)], tmp_path / "o").out
    sources = {s.id: s for s in conflictschema.read(out).sources}
    record = sources["src-ucdp-ged-500001"]
    assert (record.source_type, record.relays) == (
        "dataset_record",
        ["src-ucdp-ged-500001-a1", "src-ucdp-ged-500001-a2"],
    )
    first, second = sources["src-ucdp-ged-500001-a1"], sources["src-ucdp-ged-500001-a2"]
    assert (first.publisher, str(first.published_on), first.title) == (
        "Kyiv Post", "2022-03-02", "Shelling hits a market",
    )  # fmt: skip
    assert (second.publisher, second.title) == ("Reuters", None)  # "-" is no headline
    # source_office/source_date/source_headline: day-first dates, a headline across lines
    third = sources["src-ucdp-ged-500003-a1"]
    assert (third.publisher, str(third.published_on), third.title) == (
        "AFP", "2001-03-15", "Clashes\nin the south",
    )  # fmt: skip
    assert sources["src-ucdp-ged-500003-a2"].published_on.isoformat() == "2001-03-16"


def test_dates_precisions_and_places_in_the_forms_ged_writes(tmp_path: Path) -> None:
    out = import_("ucdp-ged", [write_export(tmp_path / "g.csv", HEADER, ROWS)], tmp_path / "o").out
    rows = {r["id"]: r for r in table(out, "incidents")}
    state_based, non_state = rows["ucdp-ged-500002"], rows["ucdp-ged-500003"]
    # M/D/YYYY h:mm:ss AM, five days apart: a week's span
    assert (state_based["date_start"], state_based["date_end"]) == ("2022-03-05", "2022-03-09")
    assert state_based["date_precision"] == "week"
    # MM/DD/YYYY HH:MM over a whole month
    assert non_state["date_precision"] == "month"
    # Gleditsch-Ward numbers by date: 365 is Russia in 2022, 345 Yugoslavia in 2001
    assert (state_based["country"], non_state["country"]) == ("RU", "YU")
    assert state_based["geo_precision"] == "at_sea"
    assert non_state["geo_precision"] == "admin1"
    # UCDP's high below its best is left out, and kept in its own column
    assert (state_based["killed_best"], state_based["killed_high"]) == ("10", "")
    assert state_based["x_ucdp_ged_high"] == "8"
    # active_year as 1, True and false is kept as written
    assert [rows[k]["x_ucdp_ged_active_year"] for k in sorted(rows)] == ["1", "True", "false"]


def test_a_windows_export_reads_as_the_utf8_one(tmp_path: Path) -> None:
    rows = [ONE_SIDED.replace("Kharkiv town,Kharkiv town", "Kharkiv town,Kharkiv café")]
    a = import_("ucdp-ged", [write_export(tmp_path / "a.csv", HEADER, rows)], tmp_path / "a").out
    windows = tmp_path / "b.csv"
    windows.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1252"))
    b = import_("ucdp-ged", [windows], tmp_path / "b").out
    assert (a / "data" / "incidents.csv").read_bytes() == (
        b / "data" / "incidents.csv"
    ).read_bytes()
    assert "Kharkiv café" in (a / "data" / "incidents.csv").read_text(encoding="utf-8")


def test_a_row_without_dates_is_skipped_and_another_source_refused(tmp_path: Path) -> None:
    rows = [ONE_SIDED, STATE_BASED.replace("3/5/2022 12:00:00 AM", "")]
    result = import_("ucdp-ged", [write_export(tmp_path / "g.csv", HEADER, rows)], tmp_path / "o")
    assert result.imported == 1
    [skip] = result.skipped
    assert skip.line == 3
    acled = write_export(
        tmp_path / "acled.csv", "event_id_cnty,event_date,actor1", ["X1,2024-01-01,A"]
    )
    with pytest.raises(ImportFormatError, match="not an export of UCDP GED: no column id"):
        import_("ucdp-ged", [acled], tmp_path / "p")
    assert not (tmp_path / "p").exists()


def test_an_article_without_an_outlet_keeps_its_headline(tmp_path: Path) -> None:
    row = ONE_SIDED.replace('""Kyiv Post,2022-03-02', '"" ,2022-03-02')
    out = import_("ucdp-ged", [write_export(tmp_path / "g.csv", HEADER, [row])], tmp_path / "o").out
    article = {s.id: s for s in conflictschema.read(out).sources}["src-ucdp-ged-500001-a1"]
    assert (article.publisher, article.title) == (None, "Shelling hits a market")


packed_item = st.one_of(
    st.text(alphabet=st.sampled_from('ab ,-;"\n\x1c'), max_size=12),
    st.builds(
        lambda outlet, day, headline: f"{outlet},{day},{headline}",
        st.sampled_from(["Kyiv Post", " AFP ", "", "Reuters;"]),
        st.sampled_from(["2022-03-02", "3/5/2022", "5 March 2022", "soon", " 2022-03-02 "]),
        st.sampled_from(["Shelling hits a market", "-", "", ' "Quoted" ', "a,b"]),
    ),
)


@given(st.lists(st.tuples(packed_item, st.booleans()), max_size=4))
@settings(max_examples=150)
def test_packed_articles_read_by_polars_as_by_the_csv_module(items: list[tuple[str, bool]]) -> None:
    """A source_article cell's articles are the same whichever reader takes the cell."""
    import polars as pl

    from conflictschema.importers.sourcefile import cell
    from conflictschema.importers.ucdp_ged import _articles, _packed_articles

    packed = ";".join(
        '"' + item.replace('"', '""') + '"' if quote else item for item, quote in items
    )
    rows = pl.DataFrame({"__row": [0], "__id": ["e"], "source_article": [packed]}).with_columns(
        pl.lit("").alias(n) for n in ("source_office", "source_date", "source_headline")
    )
    read = _articles(rows).select("publisher", "published_on", "title").to_dicts()
    text = cell({"source_article": packed}, "source_article")
    assert read == (_packed_articles(text) if text else [])


def test_a_line_break_outside_quotes_in_an_article_cell_is_kept_as_one_article(
    tmp_path: Path,
) -> None:
    """The csv module refuses such an item; the cell is then one article, its text the
    title, and the import goes on (it used to stop with the csv module's error)."""
    packed = '"""Kyiv Post,2022-03-02,Shelling hits a market"";""Reuters,2022-03-03,-"""'
    row = ONE_SIDED.replace(packed, '"Kyiv Post\nnews;Reuters"')
    result = import_("ucdp-ged", [write_export(tmp_path / "g.csv", HEADER, [row])], tmp_path / "o")
    assert (result.imported, result.skipped) == (1, [])
    sources = {s.id: s for s in conflictschema.read(result.out).sources}
    assert sources["src-ucdp-ged-500001-a1"].title == "Kyiv Post\nnews;Reuters"
    assert "src-ucdp-ged-500001-a2" not in sources
