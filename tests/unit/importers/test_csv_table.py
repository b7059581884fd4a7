"""An export is read by Polars where Polars reads it as Python's csv module does, and by
the csv module otherwise: for any text, the two give the same names, cells and lines,
or Polars declines."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from tempfile import TemporaryDirectory

import polars as pl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conflictschema.importers import sourcefile
from conflictschema.importers.sourcefile import (
    LINE,
    ImportFormatError,
    csv_table,
    polars_table,
    python_table,
)

cell = st.text(alphabet=st.sampled_from('ab é,"\n\r\t\x1c\x00'), max_size=6)
records = st.lists(st.lists(cell, min_size=0, max_size=5), min_size=0, max_size=6)
line_ends = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    """CSV as writers quote it, or cells joined by bare commas (stray quotes and all),
    with any line ends, blank lines and a missing last line end."""
    rows = [draw(st.lists(cell, min_size=1, max_size=4)), *draw(records)]
    end = draw(line_ends)
    if draw(st.booleans()):
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator=end).writerows(rows)
        text = buffer.getvalue()
    else:
        text = end.join(",".join(row) for row in rows) + end
    if draw(st.booleans()):
        text = text.replace(end, end * 2, 1)
    return text.removesuffix(end) if draw(st.booleans()) else text


def _table(frame: pl.DataFrame) -> list[tuple[object, ...]]:
    return frame.select([c for c in frame.columns if c != LINE] + [LINE]).rows()


@given(csv_texts())
@settings(max_examples=400)
@example('a,b\n1,"x\ny"\n\n2,3\n')
@example('a,b\r\n1,2\r\n \r\n"3",""\r\n')
@example("a,a,b\n1,2\n3,4,5\n")
def test_polars_reads_every_text_it_accepts_as_the_csv_module_does(text: str) -> None:
    try:
        expected = python_table(text)
    except ImportFormatError:
        assert polars_table(text.encode()) is None
        return
    read = polars_table(text.encode())
    if read is None:
        return
    names, frame = read
    assert names == expected[0]
    assert _table(frame) == _table(expected[1])


def test_plain_exports_are_read_by_polars_and_odd_ones_by_the_csv_module() -> None:
    plain = 'id,notes\n1,"two\nlines"\n\n2,"a ""quote"""\r\n'
    names, frame = csv_table(plain.encode())
    assert polars_table(plain.encode()) is not None
    assert (names, frame.get_column(LINE).to_list()) == (["id", "notes"], [2, 5])
    assert frame.get_column("notes").to_list() == ["two\nlines", 'a "quote"']
    for odd in ("id,notes\r1,x\r", 'id,notes\n1,a"b\n', "id,notes\n1,2,3\n"):
        assert polars_table(odd.encode()) is None
        assert csv_table(odd.encode())[1].height == 1


def test_a_cell_over_the_csv_module_limit_is_refused_either_way() -> None:
    """The limit is the process's own: importing frictionless's CSV parser raises it to
    2**31 - 2, so the test sets one rather than build a cell longer than whatever it is."""
    saved = csv.field_size_limit(1000)
    try:
        text = "id,notes\n1," + "é" * 1001 + "\n"  # 2002 bytes: characters are counted
        assert polars_table(text.encode()) is None
        with pytest.raises(ImportFormatError, match="not readable as CSV"):
            csv_table(text.encode())
        assert polars_table(text.replace("é" * 1001, "é" * 1000).encode()) is not None
    finally:
        csv.field_size_limit(saved)


def test_a_header_spanning_lines_moves_every_record_down() -> None:
    """A quoted header name with a line break: the first record starts on line 3 (the csv
    module's reader said 2 before, and every line it reported was one short)."""
    text = 'id,"notes\nin full"\n1,x\n'
    for read in (polars_table(text.encode()), python_table(text)):
        assert read is not None
        names, frame = read
        assert (names, frame.get_column(LINE).to_list()) == (["id", "notes\nin full"], [3])


@given(csv_texts(), st.integers(1, 12))
@settings(max_examples=300)
def test_the_header_read_from_the_start_is_the_header_of_the_whole_text(
    text: str, window: int
) -> None:
    def whole(text: str) -> list[str] | str:
        try:
            first = next(csv.reader(io.StringIO(text, newline="")), [])
        except csv.Error:
            return "refused"
        return [name.strip() for name in first]

    saved = sourcefile.HEADER_WINDOW
    sourcefile.HEADER_WINDOW = window  # the start read first ends anywhere in the text
    try:
        found: list[str] | str = sourcefile.header_of(text.encode())
    except ImportFormatError:
        found = "refused"
    finally:
        sourcefile.HEADER_WINDOW = saved
    assert found == whole(text)


#: The rule of what Polars' reader is not trusted with, stated as a regular expression:
#: a bare CR, or a quote with a character on each side that is neither a separator, a
#: line end nor a quote.
NOT_FOR_POLARS = r'\r([^\n]|$)|[^,\r\n"]"[^,\r\n"]'


@given(st.text(alphabet=st.sampled_from('a,"\n\ré€'), max_size=30))
@settings(max_examples=500)
@example('a"')
@example('"a')
@example("a\r")
def test_what_polars_is_not_trusted_with_is_found_as_the_rule_states(text: str) -> None:
    stated = pl.Series([text]).str.contains(NOT_FOR_POLARS).item()
    assert sourcefile.not_for_polars(text.encode("utf-8")) == stated


@given(
    st.text(alphabet=st.sampled_from("a,\né€😀\x00"), max_size=20), st.booleans(), st.integers(1, 7)
)
@settings(max_examples=300, deadline=None)
def test_an_export_is_read_as_utf8_whatever_the_block_its_check_ends_in(
    text: str, bom: bool, block: int
) -> None:
    """A UTF-8 file (a character may straddle two blocks of the check) gives its own
    bytes without the BOM; a file that is not UTF-8 is read as cp1252 or refused."""
    with TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        saved = sourcefile.UTF8_BLOCK
        sourcefile.UTF8_BLOCK = block
        try:
            path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
            assert sourcefile.read_utf8(path) == text.encode("utf-8")
            cut = text.encode("utf-8")[:-1]  # a last character cut short is not UTF-8
            path.write_bytes(cut)
            try:
                cut.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    expected: bytes | str = cut.decode("cp1252").encode("utf-8")
                except UnicodeDecodeError:
                    expected = "refused"
            else:
                expected = cut
            try:
                found: bytes | str = sourcefile.read_utf8(path)
            except ImportFormatError:
                found = "refused"
            assert found == expected
        finally:
            sourcefile.UTF8_BLOCK = saved
