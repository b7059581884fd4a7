"""The Bellingcat civilian harm importer on records in the two forms that circulate
(every record here is written for the test)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictschema
from conflictschema.importers import ImportFormatError, bellingcat, import_
from conflictschema.importers.sourcefile import LINE, cell
from tests.unit.importers.support import assert_imports_lawfully, table

RECORDS = [
    {
        "id": "CIV0001",
        "date": "03/01/2022",
        "latitude": "49.9935",
        "longitude": "36.2304",
        "location": "Kharkiv",
        "description": "Footage shows a strike near a residential building.\nSmoke rises.",
        "sources": [
            {"id": "SRC0001", "path": "https://youtube[.]com/watch?v=abc", "description": "Video"},
            {"id": "SRC0002", "path": "t.me/channel/12", "description": "Post"},
        ],
        "filters": [
            {"key": "Type of area affected", "value": "Residential"},
            {"key": "Type of area affected", "value": "Commercial"},
            {"key": "Weapon System", "value": "Cruise missile"},
        ],
    },
    {
        "id": "x7Kq2p",
        "date": "11/20/2022",
        "latitude": "46.6354",
        "longitude": "32.6169",
        "location": "",
        "description": "Remnants of cluster munitions were filmed.",
        "sources": [{"id": "Qw3rTy", "path": "https://twitter.com/a/status/1", "description": ""}],
        "filters": [{"key": "Weapon System", "value": "Cluster munitions"}],
    },
]


def older_csv(records: list[dict[str, object]]) -> str:
    """The older CSV form: every field quoted, CRLF, links and key=value pairs joined."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(["id", "date", "latitude", "longitude", "location", "description",
                     "sources", "associations"])  # fmt: skip
    for r in records:
        writer.writerow(
            [r["id"], r["date"], r["latitude"], r["longitude"], r["location"], r["description"],
             ",".join(s["path"] for s in r["sources"]),  # type: ignore[attr-defined]
             ",".join(f"{f['key']}={f['value']}" for f in r["filters"])]  # type: ignore[attr-defined]
        )  # fmt: skip
    return buffer.getvalue()


def test_the_json_export_becomes_a_valid_package_that_attributes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "civ.json"
    source.write_text(json.dumps(RECORDS), encoding="utf-8")
    result = assert_imports_lawfully("bellingcat", [source], tmp_path)
    assert (result.read, result.imported, result.skipped) == (2, 2, [])
    dataset = conflictschema.read(result.out)
    by_id = {i.id: i for i in dataset.incidents}
    first = by_id["bellingcat-CIV0001"]
    assert (first.claims, first.participants, first.casualty_reports) == ([], [], [])
    assert first.attribution_status == "unattributed"
    assert first.classifications == [
        "bellingcat-area:commercial",
        "bellingcat-area:residential",
        "bellingcat-weapon:cruise-missile",
    ]
    assert first.event_type == "missile_strike"
    assert first.extensions["x_bellingcat_type_of_area_affected"] == "Residential; Commercial"
    assert first.extensions["x_bellingcat_unlinked_sources"] == "t.me/channel/12"
    sources = {s.id: s for s in dataset.sources}
    record = sources["src-bellingcat-CIV0001"]
    assert (record.source_type, record.relays) == (
        "dataset_record",
        ["src-bellingcat-src0001", "src-bellingcat-src0002"],
    )
    # a defanged link is stored as the working link it stands for
    assert sources["src-bellingcat-src0001"].url == "https://youtube.com/watch?v=abc"
    assert sources["src-bellingcat-src0002"].url is None
    second = by_id["bellingcat-x7Kq2p"]
    assert (second.location_name, second.event_type) == (None, None)  # cluster: no delivery


def test_the_older_csv_form_gives_the_same_incidents(tmp_path: Path) -> None:
    as_json = tmp_path / "civ.json"
    as_json.write_text(json.dumps(RECORDS), encoding="utf-8")
    as_csv = tmp_path / "civ.csv"
    as_csv.write_bytes(older_csv(RECORDS).encode("utf-8"))
    a = import_("bellingcat", [as_json], tmp_path / "a").out
    b = import_("bellingcat", [as_csv], tmp_path / "b").out
    columns = ("id", "summary", "classifications", "event_type", "latitude", "date_start")
    rows_a, rows_b = table(a, "incidents"), table(b, "incidents")
    assert [[r[c] for c in columns] for r in rows_a] == [[r[c] for c in columns] for r in rows_b]
    assert "\nSmoke rises." in rows_b[0]["summary"]
    assert conflictschema.validate(b).errors == 0


def test_bad_records_are_skipped_and_other_files_refused(tmp_path: Path) -> None:
    records = [
        *RECORDS,
        {**RECORDS[1], "id": "bad id!"},
        {**RECORDS[1], "id": "Z1", "date": "2022"},
        7,
    ]
    source = tmp_path / "civ.json"
    source.write_text(json.dumps(records), encoding="utf-8")
    result = import_("bellingcat", [source], tmp_path / "o")
    assert result.imported == 2
    assert [s.line for s in result.skipped] == [3, 4, 5]
    for text, message in [
        ('{"id": 1}', "not an array of records"),
        ('[{"id": "A"}]', "records without date"),
        ("[{", "not readable as JSON"),
    ]:
        bad = tmp_path / "bad.json"
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(ImportFormatError, match=message):
            import_("bellingcat", [bad], tmp_path / "p")
    assert not (tmp_path / "p").exists()


# text an export holds: placeholders, padding and empties among plain words
_texts = st.sampled_from(["", " ", "NA", "-", " a ", "b\t", "Weapon System"]) | st.text(max_size=4)
_scalars = st.none() | st.booleans() | st.integers(-2, 2) | _texts


def _mostly(usual: st.SearchStrategy[Any], odd: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``usual`` three times in four, else ``odd``: a one_of would give each of the
    flattened branches of ``odd`` an equal share."""
    return st.tuples(st.integers(0, 3), usual, odd).map(lambda t: t[1] if t[0] else t[2])


# any JSON value may stand where text is expected, lists and objects included
_values = _mostly(
    _texts,
    _scalars | st.lists(_scalars, max_size=2) | st.dictionaries(_texts, _scalars, max_size=2),
)

_entry = st.fixed_dictionaries(
    {}, optional={key: _values for key in ("path", "id", "description", "key", "value")}
)
_entries = _mostly(st.lists(_mostly(_entry, _scalars), max_size=3), _values)
_fields = ("id", "date", "latitude", "longitude", "location", "description", "extra", "Other")
_records = _mostly(
    st.fixed_dictionaries(
        {}, optional={**dict.fromkeys(_fields, _values), "sources": _entries, "filters": _entries}
    ),
    _scalars,
)


def _text(value: object) -> str:
    return str(value or "").strip()


@given(records=st.lists(_records, max_size=4))
def test_the_record_pass_reads_each_json_value_as_a_record_by_itself_would(
    records: list[object],
) -> None:
    """The one Python pass over a JSON export (``_records_table``) gives, for every
    record whatever its values, what the record says read by itself: its text fields
    (placeholders as none), its sources (a bare value as a link), its filters with a
    key and a value, and every other field as text (JSON for what is not a string)."""
    rows = list(bellingcat._numbered(records))
    frame = bellingcat._records_table(rows)
    assert frame.height == len(records)
    for got, (line, record) in zip(frame.iter_rows(named=True), rows, strict=True):
        assert got[LINE] == line
        if "__not_a_record" in record:
            assert not got["__is_record"]
            assert [got[name] for name in ("id", "date", "description")] == [None] * 3
            continue
        sources = record.get("sources")
        entries = (
            [e if isinstance(e, dict) else {"path": str(e)} for e in sources]
            if isinstance(sources, list)
            else []
        )
        filters = record.get("filters")
        expected = {
            "id": _text(record.get("id")),
            "date": str(record.get("date") or ""),
            **{key: cell(record, key) for key in ("latitude", "longitude", "location", "description")},
            "__sources": [
                {"path": _text(e.get("path")), "own": _text(e.get("id")), "description": _text(e.get("description"))}
                for e in entries
            ],
            "__filters": [
                {"key": str(e["key"]).strip(), "value": str(e["value"]).strip()}
                for e in (filters if isinstance(filters, list) else [])
                if isinstance(e, dict) and e.get("key") and e.get("value")
            ],
            "__other": [
                {"key": key, "text": value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)}
                for key, value in record.items()
                if key not in bellingcat.MAPPED and value not in (None, "")
            ],
        }  # fmt: skip
        assert got["__is_record"]
        assert {key: got[key] for key in expected} == expected
