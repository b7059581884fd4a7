"""One reading path: every input that ``validate`` finds an error in, ``read`` refuses with
the same findings, and every input ``validate`` passes, ``read`` reads.

Each case below is a one-cell change of the bundled dataset that once drew different
verdicts from the two (or crashed one of them); each is now a named regression test.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import conflictschema
from conflictschema import STANDARD_VERSION, Code, Dataset, ReadError
from conflictschema.findings import FindingLog
from conflictschema.models.columns import TABLE_MODELS, columns
from conflictschema.models.rules import code_of
from tests.conftest import BUNDLED

Verdict = tuple[bool, set[tuple[str, str, int | None, str | None]]]


def verdicts(path: Path) -> tuple[Verdict, Verdict]:
    """(validate's, read's): whether it passed, and its errors as (code, file, row, field)."""
    report = conflictschema.validate(path)
    ours = (
        report.valid,
        {(f.code.value, f.file, f.row, f.field) for f in report.findings if f.severity == "error"},
    )
    try:
        conflictschema.read(path)
    except ReadError as exc:
        return ours, (False, {(f.code.value, f.file, f.row, f.field) for f in exc.findings})
    return ours, (True, set())


def assert_agree(path: Path, code: str | None) -> None:
    ours, theirs = verdicts(path)
    assert ours == theirs
    if code is None:
        assert ours[0], ours
    else:
        assert {c for c, *_ in ours[1]} == {code}, ours


@pytest.fixture
def package(tmp_path: Path) -> Path:
    shutil.copytree(BUNDLED, tmp_path / "pkg")
    return tmp_path / "pkg"


def edit(path: Path, change: Callable[[str], str]) -> None:
    text = path.read_bytes().decode()
    changed = change(text)
    assert changed != text
    path.write_bytes(changed.encode())


def test_integer_beyond_64_bits_is_out_of_range(package: Path) -> None:
    edit(
        package / "data" / "incidents.csv",
        lambda t: t.replace("ru,1,1,", "ru,99999999999999999999,1,", 1),
    )
    assert_agree(package, "out-of-range")


def test_5000_digit_integer_in_csv_and_json(package: Path, tmp_path: Path) -> None:
    edit(
        package / "data" / "incidents.csv", lambda t: t.replace("ru,1,1,", f"ru,{'9' * 5000},1,", 1)
    )
    assert_agree(package, "out-of-range")
    conflictschema.write(conflictschema.read(BUNDLED), tmp_path / "d.json")
    edit(
        tmp_path / "d.json",
        lambda t: t.replace('"killed_low": 1,', f'"killed_low": {"9" * 5000},', 1),
    )
    assert_agree(tmp_path / "d.json", "out-of-range")


def test_empty_list_item_is_one_code(package: Path) -> None:
    edit(package / "data" / "actors.csv", lambda t: t.replace(",Russia,", ",Russia;;RF,", 1))
    assert_agree(package, "pattern")


def test_json_value_of_the_wrong_type_is_reported_once(tmp_path: Path) -> None:
    conflictschema.write(conflictschema.read(BUNDLED), tmp_path / "d.json")
    document = json.loads((tmp_path / "d.json").read_text())
    document["incidents"][0]["title"] = 5
    document["incidents"][1]["tags"] = "not-a-list"
    (tmp_path / "d.json").write_text(json.dumps(document))
    ours, _ = verdicts(tmp_path / "d.json")
    assert sorted(ours[1]) == [  # the document is one line: every record starts on line 1
        ("type-error", "d.json", 1, "incidents[0].title"),
        ("type-error", "d.json", 1, "incidents[1].tags"),
    ]
    assert_agree(tmp_path / "d.json", "type-error")


def _fields(kind: str) -> list[tuple[str, str]]:
    """(table, field) for every field of ``kind`` in the standard."""
    return [(t, c.name) for t in TABLE_MODELS for c in columns(t) if c.kind == kind]


def a_record(document: dict[str, Any], table: str, field: str) -> tuple[dict[str, Any], str]:
    """The first record of ``table`` in a dataset document, and where ``field`` is in it."""
    record, loc = next(every_record(document, table))
    return record, f"{loc}.{field}"


def every_record(document: dict[str, Any], table: str) -> Iterator[tuple[dict[str, Any], str]]:
    """Each record of ``table`` in a dataset document, and where it is."""
    if table in ("incidents", "actors", "sources"):
        for k, record in enumerate(document[table]):
            yield record, f"{table}[{k}]"
        return
    for n, incident in enumerate(document["incidents"]):
        for k, record in enumerate(incident[table]):
            yield record, f"incidents[{n}].{table}[{k}]"


@pytest.fixture(scope="module")
def bundled_json(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("bundled") / "d.json"
    conflictschema.write(conflictschema.read(BUNDLED), path)
    return path.read_text(encoding="utf-8")


def a_type_error_for_both(
    tmp_path: Path, bundled_json: str, table: str, field: str, wrong: object
) -> str:
    """The bundled dataset's JSON with ``field`` of a ``table`` record set to ``wrong``,
    written and found a ``type-error`` there by validate and read alike; its text."""
    document = json.loads(bundled_json)
    record, loc = a_record(document, table, field)
    record[field] = wrong
    text = json.dumps(document)
    (tmp_path / "d.json").write_text(text)
    ours, theirs = verdicts(tmp_path / "d.json")
    assert ours == theirs
    assert ("type-error", "d.json", 1, loc) in ours[1]
    return text


@pytest.mark.parametrize("wrong", [None, ["x", 1], [None], "x"], ids=repr)
@pytest.mark.parametrize(("table", "field"), _fields("list"))
def test_a_wrong_list_in_json_is_a_type_error_as_the_models_say(
    tmp_path: Path, bundled_json: str, table: str, field: str, wrong: object
) -> None:
    """Found by the differential fuzz run: ``"aliases": null`` passed validate and read,
    while the models refuse a null list (an empty one is ``[]``). And found on reading
    the batch reader again: ``["x", 1]`` crashed it (a list's items were not looked at
    when every value of the column was a list)."""
    text = a_type_error_for_both(tmp_path, bundled_json, table, field, wrong)
    with pytest.raises(ValidationError):
        Dataset.model_validate_json(text, strict=True)


@pytest.mark.parametrize(("table", "field"), _fields("list"))
def test_a_list_null_in_every_record_of_a_table_is_a_type_error_in_each(
    tmp_path: Path, bundled_json: str, table: str, field: str
) -> None:
    """Found by a long differential fuzz run (seed 9403): a document whose one actor had
    ``"aliases": null`` passed validate and read, while the models refuse a null list.
    The reader took a column that no record of a batch gave a value for as a column
    not given at all, and a null list is a type error even there."""
    document = json.loads(bundled_json)
    locs = []
    for record, loc in every_record(document, table):
        record[field] = None
        locs.append(f"{loc}.{field}")
    assert locs
    text = json.dumps(document)
    (tmp_path / "d.json").write_text(text)
    ours, theirs = verdicts(tmp_path / "d.json")
    assert ours == theirs
    assert {("type-error", "d.json", 1, loc) for loc in locs} <= set(ours[1])
    with pytest.raises(ValidationError):
        Dataset.model_validate_json(text, strict=True)


def _wrong_dates() -> list[tuple[str, str, object]]:
    """Every date field with a Unix time's text and a year 0; one with the other forms."""
    fields = _fields("date")
    every = [(t, f, wrong) for t, f in fields for wrong in ("0", "0000-01-01")]
    return every + [(*fields[0], wrong) for wrong in ("86400", 0)]


@pytest.mark.parametrize(("table", "field", "wrong"), _wrong_dates(), ids=repr)
def test_a_date_not_written_yyyy_mm_dd_is_a_type_error_as_the_models_say(
    tmp_path: Path, bundled_json: str, table: str, field: str, wrong: object
) -> None:
    """Found by a long differential fuzz run (seed 9201): ``"archived_at": "0"`` drew a
    type-error from validate and read, while the models took it (Pydantic reads the text
    of a Unix time falling on midnight as a date, even in strict mode). And found while
    fixing it: a year 0 passed validate (Polars reads it) and crashed read (Python has
    no year 0). A date is YYYY-MM-DD and a real day, for all three."""
    text = a_type_error_for_both(tmp_path, bundled_json, table, field, wrong)
    for strict in (True, False):
        with pytest.raises(ValidationError) as refused:
            Dataset.model_validate_json(text, strict=strict)
        assert {code_of(e) for e in refused.value.errors()} == {Code.TYPE_ERROR}


@pytest.mark.parametrize(("table", "field"), _fields("date"))
def test_year_zero_in_a_csv_is_a_type_error_for_both(package: Path, table: str, field: str) -> None:
    path = package / "data" / f"{table}.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows[1][rows[0].index(field)] = "0000-01-01"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    ours, theirs = verdicts(package)
    assert ours == theirs
    assert ours[1] == {("type-error", f"data/{table}.csv", 2, field)}


def test_an_integer_too_large_for_a_float_is_a_type_error_as_the_models_say(
    tmp_path: Path, bundled_json: str
) -> None:
    """Found on reading the JSON reader again: 1 followed by 400 zeros as a latitude
    crashed validate (exit 70: a float cannot hold it), in the reader before too. The
    models refuse it (not a finite number), as the CSV reader refuses its digits."""
    document = json.loads(bundled_json)
    n = next(n for n, incident in enumerate(document["incidents"]) if incident["latitude"])
    text = json.dumps(document).replace(
        json.dumps(document["incidents"][n]["latitude"]), str(10**400), 1
    )
    (tmp_path / "d.json").write_text(text)
    ours, theirs = verdicts(tmp_path / "d.json")
    assert ours == theirs
    assert ("type-error", "d.json", 1, f"incidents[{n}].latitude") in ours[1]
    with pytest.raises(ValidationError):
        Dataset.model_validate_json(text, strict=True)


def test_unsupported_standard_version_is_refused_by_both(package: Path) -> None:
    edit(
        package / "datapackage.json",
        lambda t: t.replace(
            f'"standard_version": "{STANDARD_VERSION}"', '"standard_version": "9.0.0"'
        ),
    )
    assert_agree(package, "unsupported-standard")


def test_bare_jsonl_is_incomplete_for_both(tmp_path: Path) -> None:
    conflictschema.write(conflictschema.read(BUNDLED), tmp_path / "incidents.jsonl")
    ours, theirs = verdicts(tmp_path / "incidents.jsonl")
    assert ours == theirs
    assert not ours[0]
    assert ("missing-file", "incidents.jsonl", None, None) in ours[1]


def test_unquoted_carriage_return_in_a_cell_ends_the_record_for_both(package: Path) -> None:
    edit(
        package / "data" / "actors.csv",
        lambda t: t.replace("The Kyiv Independent", "The Kyiv\rIndependent", 1),
    )
    ours, theirs = verdicts(package)
    assert ours == theirs
    assert "ragged-row" in {code for code, *_ in ours[1]}


def test_quoted_carriage_return_in_free_text_reads_and_round_trips(
    package: Path, tmp_path: Path
) -> None:
    edit(
        package / "data" / "actors.csv",
        lambda t: t.replace("The Kyiv Independent", '"The Kyiv\rIndependent"', 1),
    )
    assert_agree(package, None)
    dataset = conflictschema.read(package)
    assert any(a.name == "The Kyiv\rIndependent" for a in dataset.actors)
    conflictschema.write(dataset, tmp_path / "again")
    assert (tmp_path / "again" / "data" / "actors.csv").read_bytes() == (
        package / "data" / "actors.csv"
    ).read_bytes()


@pytest.mark.parametrize("newline", [b"\r", b"\r\n"])
def test_cr_and_crlf_line_ends_read_as_the_same_dataset(package: Path, newline: bytes) -> None:
    for path in (package / "data").glob("*.csv"):
        path.write_bytes(path.read_bytes().replace(b"\n", newline))
    assert_agree(package, None)
    assert conflictschema.read(package) == conflictschema.read(BUNDLED)


def test_header_longer_than_a_mebibyte_is_a_finding(package: Path) -> None:
    path = package / "data" / "actors.csv"
    path.write_bytes(b"id," + b"x" * (1 << 20) + b"\n" + path.read_bytes().split(b"\n", 1)[1])
    ours, theirs = verdicts(package)
    assert ours == theirs
    assert ("missing-header", "data/actors.csv", 1, None) in ours[1]


def test_defanged_url_is_refused_by_both(package: Path) -> None:
    edit(
        package / "data" / "sources.csv",
        lambda t: t.replace("src-0001,,", "src-0001,https://kyivindependent[.]com/news,", 1),
    )
    assert_agree(package, "defanged-url")
    [finding] = [f for f in conflictschema.validate(package).findings if f.severity == "error"]
    assert finding.message.endswith("write the working link https://kyivindependent.com/news")


def test_read_error_carries_validate_findings_and_codes(package: Path) -> None:
    edit(
        package / "data" / "incidents.csv",
        lambda t: t.replace("2024-02-27,2024-02-27,day", "2024-02-28,2024-02-27,day"),
    )
    with pytest.raises(ReadError) as caught:
        conflictschema.read(package)
    [finding] = caught.value.findings
    assert finding.code is Code.DATE_ORDER
    assert caught.value.codes == {"date-order"}
    assert caught.value.problems == caught.value.findings


def test_findings_are_capped_per_code_and_counted_exactly(tmp_path: Path) -> None:
    conflictschema.write(conflictschema.read(BUNDLED), tmp_path / "d.json")
    document = json.loads((tmp_path / "d.json").read_text())
    document["incidents"] = [{} for _ in range(3000)]
    (tmp_path / "d.json").write_text(json.dumps(document))
    report = conflictschema.validate(tmp_path / "d.json", per_code=50)
    assert report.counts[Code.REQUIRED] > 3000
    assert sum(1 for f in report.findings if f.code is Code.REQUIRED) == 50
    assert report.not_listed == sum(report.counts.values()) - len(report.findings) > 0
    everything = conflictschema.validate(tmp_path / "d.json", per_code=None)
    assert everything.counts == report.counts
    assert len(everything.findings) == sum(everything.counts.values())


def test_a_log_absorbs_another_as_if_its_findings_were_appended_to_it() -> None:
    """How a document read twice keeps its first reading's findings apart until it
    knows it will not read again (json_tables.load_json)."""
    required = [
        conflictschema.Finding(code=Code.REQUIRED, message=str(n), file=f"{n % 2}")
        for n in range(5)
    ]
    typed = conflictschema.Finding(code=Code.TYPE_ERROR, message="t", file="0")
    direct, into, other = FindingLog(2), FindingLog(2), FindingLog(2)
    for finding in required[:1]:
        direct.append(finding)
        into.append(finding)
    for finding in [*required[1:], typed]:
        direct.append(finding)
        other.append(finding)
    into.absorb(other)
    assert (into.kept, into.counts, into.by_file) == (direct.kept, direct.counts, direct.by_file)
    assert into.counts[Code.REQUIRED] == 5


def test_a_finding_with_an_unregistered_code_cannot_be_built() -> None:
    with pytest.raises(ValueError, match="not-a-code"):
        conflictschema.Finding(code="not-a-code", message="m", file="f")  # type: ignore[arg-type]
    assert conflictschema.Finding(code="date-order", message="m", file="f").severity == "error"  # type: ignore[arg-type]


def test_a_child_tables_rows_come_back_under_their_incident_in_file_order(
    package: Path,
) -> None:
    table = "claims"  # the bundled table with several rows to an incident
    path = package / "data" / f"{table}.csv"
    with path.open(newline="", encoding="utf-8") as file:
        header, *rows = list(csv.reader(file))
    rows.reverse()  # any order a dataset keeps its rows in, not the normal form's
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file, lineterminator="\n").writerows([header, *rows])
    by_incident: dict[str, list[str]] = {}
    for row in rows:
        by_incident.setdefault(row[header.index("incident_id")], []).append(row[header.index("id")])
    dataset = conflictschema.read(package)
    read_back = {i.id: [c.id for c in getattr(i, table)] for i in dataset.incidents}
    assert {k: v for k, v in read_back.items() if v} == by_incident
    assert any(len(ids) > 1 for ids in by_incident.values())
