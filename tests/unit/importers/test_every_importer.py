"""Laws every importer keeps: its mapping is documented column by column, and no file,
however cut short or damaged, ends in anything but a package that validates or a clear
refusal with nothing written."""

from __future__ import annotations

import csv
import importlib
import io
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conflictschema
from conflictschema.errors import ConflictSchemaError
from conflictschema.importers import SOURCES, ImportFormatError, import_
from conflictschema.importers.sourcefile import LINE, MAX_COLUMNS
from conflictschema.models.columns import TABLE_MODELS
from tests.unit.importers import test_acled, test_airwars, test_bellingcat, test_gtd, test_ucdp_ged
from tests.unit.importers.support import table, write_export, write_records

DOCS = Path(__file__).resolve().parents[3] / "docs" / "importers"

#: source -> a function writing a small export of it (the tests' own fixtures).
EXPORTS: dict[str, Callable[[Path], Path]] = {
    "acled": lambda d: write_export(d / "x.csv", test_acled.HEADER, test_acled.ROWS),
    "ucdp-ged": lambda d: write_export(d / "x.csv", test_ucdp_ged.HEADER, test_ucdp_ged.ROWS),
    "gtd": lambda d: write_records(
        d / "x.csv", test_gtd.COLUMNS, [test_gtd.BOMBING, test_gtd.UNKNOWN_DAY]
    ),
    "airwars": lambda d: write_records(
        d / "x.csv", test_airwars.COLUMNS, [test_airwars.LIKELY, test_airwars.DECLARED]
    ),
    "bellingcat": lambda d: _json(d / "x.json", test_bellingcat.RECORDS),
}


def _documented_columns(page: str) -> set[str]:
    """The column names a page writes in backticks, ``scite1..3`` read as three."""
    names: set[str] = set()
    for token in re.findall(r"`([^`]+)`", page):
        ranged = re.fullmatch(r"(\D*)(\d)\.\.(\d)(.*)", token)
        if ranged:
            first, last = int(ranged[2]), int(ranged[3])
            names |= {f"{ranged[1]}{n}{ranged[4]}" for n in range(first, last + 1)}
        names.add(token)
    return names


def _json(path: Path, records: object) -> Path:
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_every_source_has_fixtures_and_a_mapping_page() -> None:
    assert sorted(EXPORTS) == sorted(SOURCES)
    for source in SOURCES:
        page = (DOCS / f"{source}.md").read_text(encoding="utf-8")
        module = importlib.import_module(f"conflictschema.importers.{source.replace('-', '_')}")
        documented = _documented_columns(page)
        undocumented = [c for c in sorted(module.MAPPED) if c not in documented]
        assert undocumented == [], f"{source}.md does not say where {undocumented} go"


@pytest.mark.parametrize("source", SOURCES)
def test_a_cut_or_damaged_export_is_imported_validly_or_refused_cleanly(
    source: str, tmp_path: Path
) -> None:
    data = EXPORTS[source](tmp_path).read_bytes()
    suffix = ".json" if source == "bellingcat" else ".csv"
    damaged = {
        **{f"cut-{n}": data[: len(data) * n // 7] for n in range(7)},
        "nul-bytes": data.replace(b",", b"\x00", 3),
        "doubled-header": data.split(b"\n")[0] + b"\n" + data,
        "stray-quote": data.replace(b",", b',"', 1),
    }
    for name, content in damaged.items():
        path = tmp_path / f"{name}{suffix}"
        path.write_bytes(content)
        out = tmp_path / f"out-{name}"
        try:
            import_(source, [path], out)
        except ConflictSchemaError as exc:
            refusal = str(exc)
        else:
            assert conflictschema.validate(out).errors == 0, name
            continue
        assert refusal, name
        assert not out.exists(), name


#: Bytes that break exports: quoting, separators, line ends, NUL, bytes UTF-8 refuses,
#: a BOM, JSON's punctuation and literals, sentinels, numbers too large for any type.
_BREAKERS = [b'"', b'""', b",", b";", b"\r", b"\n", b"\r\n", b"\x00", b"\xff", b"\xe9",
             b"\xef\xbb\xbf", b" ", b"\t", b"{", b"}", b"[", b"]", b":", b"null", b"1e999",
             b"-9", b"NA", b"-", b"0", b"99999999999999999999"]  # fmt: skip
_EDITS = st.tuples(
    st.sampled_from(["insert", "delete", "replace"]),
    st.floats(0, 1),
    st.integers(1, 8),
    st.sampled_from(_BREAKERS) | st.binary(max_size=4),
)


def _edited(data: bytes, edits: list[tuple[str, float, int, bytes]]) -> bytes:
    for kind, where, size, piece in edits:
        at = int(where * len(data))
        if kind == "insert":
            data = data[:at] + piece + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + size :]
        else:
            data = data[:at] + piece + data[at + len(piece) :]
    return data


@pytest.mark.parametrize("source", SOURCES)
@settings(max_examples=int(os.environ.get("CONFLICTSCHEMA_FUZZ_EXAMPLES", "10")))
@given(edits=st.lists(_EDITS, min_size=1, max_size=5))
def test_an_export_damaged_anywhere_imports_validly_or_is_refused_cleanly(
    source: str,
    tmp_path_factory: pytest.TempPathFactory,
    edits: list[tuple[str, float, int, bytes]],
) -> None:
    """Bytes inserted, deleted or replaced anywhere in an export: the import writes a
    package that validates, re-imports over itself, or is refused with a message and
    nothing written; never a traceback. (CI runs a few examples; set
    CONFLICTSCHEMA_FUZZ_EXAMPLES for a long run: 300 a source found the GTD
    importer's crash on a missing ``extended`` column.)"""
    folder = tmp_path_factory.mktemp(source)
    export = EXPORTS[source](folder)
    damaged = export.with_name(f"damaged{export.suffix}")
    damaged.write_bytes(_edited(export.read_bytes(), edits))
    try:
        result = import_(source, [damaged], folder / "out")
    except ConflictSchemaError as exc:
        refusal = str(exc)
    else:
        assert conflictschema.validate(result.out).errors == 0
        again = import_(source, [damaged], folder / "again", previous=result.out)
        assert conflictschema.validate(again.out).errors == 0
        return
    assert refusal
    assert not (folder / "out").exists()


def _column_names(export: Path) -> list[str]:
    """The export's header (a JSON export: its records' fields, sorted)."""
    text = export.read_text(encoding="utf-8")
    if export.suffix == ".json":
        return sorted({key for record in json.loads(text) for key in record})
    return next(csv.reader(io.StringIO(text, newline="")))


def _without_columns(export: Path, dropped: set[int]) -> Path:
    """The export with the columns at ``dropped`` of :func:`_column_names` left out."""
    if export.suffix == ".json":
        records = json.loads(export.read_text(encoding="utf-8"))
        gone = {key for n, key in enumerate(_column_names(export)) if n in dropped}
        return _json(export.with_name("fewer.json"), [
            {k: v for k, v in record.items() if k not in gone} for record in records
        ])  # fmt: skip
    rows = list(csv.reader(io.StringIO(export.read_text(encoding="utf-8"), newline="")))
    kept = [[cell for n, cell in enumerate(row) if n not in dropped] for row in rows]
    fewer = export.with_name("fewer.csv")
    with fewer.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(kept)
    return fewer


def _optional_columns(source: str, export: Path) -> list[int]:
    """The positions of the export's columns (a JSON export's fields, sorted) that are
    not among those its importer requires."""
    module = importlib.import_module(f"conflictschema.importers.{source.replace('-', '_')}")
    rename = getattr(module, "column_name", str.strip)
    return [
        n for n, name in enumerate(_column_names(export)) if rename(name) not in module.REQUIRED
    ]


@pytest.mark.parametrize("source", SOURCES)
@settings(max_examples=10)
@given(data=st.data())
def test_an_export_missing_any_of_its_optional_columns_imports_validly(
    source: str, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    """Scrapers and older exports leave columns out: whichever of those an importer does
    not require are missing, the export imports, the package validates, and every row
    read is imported, merged or skipped with its reason (a row whose coordinates lose
    the precision the standard requires with them is skipped, not guessed at)."""
    folder = tmp_path_factory.mktemp(source)
    export = EXPORTS[source](folder)
    dropped = data.draw(st.sets(st.sampled_from(_optional_columns(source, export)), min_size=1))
    result = import_(source, [_without_columns(export, dropped)], folder / "out")
    assert result.read == result.imported + result.merged + len(result.skipped)
    assert all(skip.reason for skip in result.skipped)
    assert conflictschema.validate(result.out).errors == 0


def test_a_gtd_export_without_its_extended_column_imports(tmp_path: Path) -> None:
    """Regression: the GTD importer named ``extended`` twice among the columns it adds
    when an export lacks them, and Polars refused the frame (a traceback)."""
    export = EXPORTS["gtd"](tmp_path)
    extended = _column_names(export).index("extended")
    result = import_("gtd", [_without_columns(export, {extended})], tmp_path / "o")
    assert result.imported == 2
    assert conflictschema.validate(result.out).errors == 0


@pytest.mark.parametrize("source", SOURCES)
def test_progress_is_reported_to_the_end_of_each_file(source: str, tmp_path: Path) -> None:
    export = EXPORTS[source](tmp_path)
    calls: list[tuple[Path, int, int]] = []
    import_(source, [export], tmp_path / "out", progress=lambda *call: calls.append(call))
    assert calls
    file, line, last = calls[-1]
    assert (file, line) == (export, last)
    assert last >= 2


@pytest.mark.parametrize("source", SOURCES)
def test_a_previous_import_of_another_source_or_a_file_is_refused(
    source: str, tmp_path: Path
) -> None:
    """Imported over another source's import, every earlier incident would be withdrawn
    as gone from the export: a previous dataset whose incidents this importer did not
    make is refused, as is an export given where the earlier import's folder belongs."""
    other = SOURCES[(SOURCES.index(source) + 1) % len(SOURCES)]
    (tmp_path / other).mkdir()
    theirs = import_(other, [EXPORTS[other](tmp_path / other)], tmp_path / "theirs").out
    export = EXPORTS[source](tmp_path)
    with pytest.raises(ConflictSchemaError, match=rf"is not an earlier .* import: .*'{other}-"):
        import_(source, [export], tmp_path / "out", previous=theirs)
    # a JSON export is read as a dataset document would be, and refused as one
    refusal = "could not read dataset" if export.suffix == ".json" else "is a file; give the"
    with pytest.raises(ConflictSchemaError, match=refusal):
        import_(source, [export], tmp_path / "out", previous=export)
    assert not (tmp_path / "out").exists()
    ours = import_(source, [export], tmp_path / "ours").out
    again = import_(source, [export], tmp_path / "again", previous=ours)
    assert (again.imported, again.withdrawn) == (len(table(ours, "incidents")), 0)


@pytest.mark.parametrize("source", SOURCES)
def test_each_step_after_reading_is_told(source: str, tmp_path: Path) -> None:
    """Mapping, writing and checking take most of a large import: each is told, with
    the rows it works on, and merging when there is a previous import."""
    export = EXPORTS[source](tmp_path)
    steps: list[str] = []
    first = import_(source, [export], tmp_path / "first", step=steps.append)
    rows = sum(len(table(first.out, t)) for t in TABLE_MODELS)
    assert steps == [
        f"mapping {first.read} row(s)",
        "writing the package",
        f"checking the package's {rows} row(s)",
    ]
    steps.clear()
    import_(source, [export], tmp_path / "again", previous=first.out, step=steps.append)
    assert steps[:2] == [
        f"mapping {first.read} row(s)",
        f"merging with the previous import {first.out}",
    ]
    assert steps[2:] == ["writing the package", f"checking the package's {rows} row(s)"]


@pytest.mark.slow
def test_the_command_draws_a_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    """stderr on a pseudo-terminal gets the bar; stdout (piped) stays the JSON summary."""
    import os
    import pty
    import subprocess
    import sys
    import threading

    rows = [test_acled.ROWS[1].replace("UKR100002", f"UKR2{n:05d}") for n in range(2500)]
    export = write_export(tmp_path / "big.csv", test_acled.HEADER, rows)
    leader, follower = pty.openpty()
    drawn = bytearray()

    def read_the_terminal() -> None:  # as a terminal does, or a full buffer stalls the bar
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                return
            if not chunk:
                return
            drawn.extend(chunk)

    reader = threading.Thread(target=read_the_terminal)
    reader.start()
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "conflictschema",
                "import",
                "acled",
                str(export),
                "-o",
                str(tmp_path / "out"),
                "--format",
                "json",
            ],
            stdout=subprocess.PIPE,
            stderr=follower,
            timeout=120,
            check=False,
        )
    finally:
        os.close(follower)
        reader.join(timeout=30)
        os.close(leader)
    assert done.returncode == 0
    assert json.loads(done.stdout)["imported"] == 2500
    assert b"reading big.csv" in drawn
    assert b"mapping 2,500 row(s)" in drawn
    assert b"checking the package's" in drawn


def _with_last_record(export: Path, cells: str) -> Path:
    """The CSV export with ``cells`` added at the end of its last record."""
    changed = export.with_name(f"changed{export.suffix}")
    changed.write_bytes(export.read_bytes().rstrip(b"\r\n") + cells.encode() + b"\n")
    return changed


@pytest.mark.parametrize("source", [s for s in SOURCES if s != "bellingcat"])
def test_trailing_separators_carry_nothing_and_a_file_too_wide_is_refused(
    source: str, tmp_path: Path
) -> None:
    """A spreadsheet's trailing separators (here 100,000 on one record, a 100 kB line)
    are no cells; a record or header of more than MAX_COLUMNS columns is no export and
    is refused at once, naming the file, instead of read into a frame that wide."""
    export = EXPORTS[source](tmp_path)
    plain = import_(source, [export], tmp_path / "plain")
    padded = import_(source, [_with_last_record(export, "," * 100_000)], tmp_path / "padded")
    assert table(padded.out, "incidents") == table(plain.out, "incidents")
    wide_record = _with_last_record(export, ",x" * MAX_COLUMNS)
    header, rest = export.read_bytes().split(b"\n", 1)
    wide_header = tmp_path / "wide-header.csv"
    wide_header.write_bytes(
        header + b"".join(b",c%d" % n for n in range(MAX_COLUMNS)) + b"\n" + rest
    )
    for wide in (wide_record, wide_header):
        with pytest.raises(
            ImportFormatError, match=rf"^{re.escape(str(wide))}: .* more than the 1,000"
        ):
            import_(source, [wide], tmp_path / "wide")
        assert not (tmp_path / "wide").exists()


def test_a_json_export_of_too_many_fields_is_refused(tmp_path: Path) -> None:
    record = {**test_bellingcat.RECORDS[0], **{f"field {n}": "x" for n in range(MAX_COLUMNS + 1)}}
    export = _json(tmp_path / "wide.json", [record])
    with pytest.raises(ImportFormatError, match=r"wide\.json: .* 1,001 columns, more than"):
        import_("bellingcat", [export], tmp_path / "out")


def test_blank_extra_cells_at_a_record_s_end_are_none() -> None:
    from conflictschema.importers.sourcefile import csv_records, python_table

    text = "a,b\n1,2,, ,\n3,4,,x,\n"
    assert list(csv_records(text)) == [
        (2, {"a": "1", "b": "2"}),
        (3, {"a": "3", "b": "4", "extra_1": "", "extra_2": "x"}),
    ]
    names, frame = python_table(text)
    assert names == ["a", "b", "extra_1", "extra_2"]
    # a table keeps each record's cells up to the widest filled one, blank or not
    assert frame.drop(LINE).rows() == [("1", "2", "", " "), ("3", "4", "", "x")]
    with pytest.raises(ImportFormatError, match="line 2 has cells in 1,001 columns"):
        list(csv_records("a\n" + "x," * MAX_COLUMNS + "x\n"))


def test_repeated_columns_short_and_long_rows_lose_no_cell() -> None:
    from conflictschema.importers.sourcefile import csv_records

    text = "a,a,a,b\n1,2,3,4\n5,6\n7,8,9,10,11\n"
    assert list(csv_records(text)) == [
        (2, {"a": "1", "a~2": "2", "a~3": "3", "b": "4"}),
        (3, {"a": "5", "a~2": "6", "a~3": "", "b": ""}),
        (4, {"a": "7", "a~2": "8", "a~3": "9", "b": "10", "extra_1": "11"}),
    ]
