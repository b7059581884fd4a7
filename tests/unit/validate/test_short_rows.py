"""Records with too few cells are found as Python's csv module finds them, whether or
not records span lines; where the fast readings cannot tell, they say so (None)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictschema.validation.tables import short_rows

# a CR only before a LF: a file with a bare CR goes to the exact reader before this;
# characters of two and three bytes, as the lines are cut from the file's bytes
cell = st.lists(st.sampled_from(["a", "b", " ", ",", '"', "\n", "\r\n", "é", "€"]), max_size=6).map(
    "".join
)


@st.composite
def tables(draw: st.DrawFn) -> tuple[int, list[list[str]]]:
    width = draw(st.integers(2, 5))
    rows = draw(st.lists(st.lists(cell, min_size=1, max_size=width), min_size=1, max_size=12))
    return width, rows


def _csv(header: list[str], rows: list[list[str]], quoting: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=quoting)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@settings(max_examples=300, deadline=None)
@given(tables(), st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]), st.booleans())
def test_short_records_are_those_the_csv_module_finds(
    table: tuple[int, list[list[str]]], quoting: int, multiline_header: bool
) -> None:
    width, rows = table
    header = [f"c\n{i}" if multiline_header and i == 0 else f"c{i}" for i in range(width)]
    text = _csv(header, rows, quoting)
    truth = [k for k, row in enumerate(rows) if len(row) != width]
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.csv"
        path.write_bytes(text.encode("utf-8"))
        found = short_rows(path, list(range(len(rows))), len(rows), width)
    assert found == truth  # a file the csv module wrote is always answered


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab,"\n\r', max_size=60), st.integers(2, 4))
def test_any_text_is_answered_as_the_csv_module_reads_it_or_not_at_all(
    body: str, width: int
) -> None:
    _answered_as_the_csv_module_reads_it(
        ",".join(f"c{i}" for i in range(width)) + "\n" + body, width
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet='ab,"é ', max_size=14), min_size=1, max_size=8),
    st.sampled_from(["\n", "\r\n"]),
    st.integers(2, 4),
)
def test_lines_of_any_quotes_are_answered_as_the_csv_module_reads_them_or_not_at_all(
    lines: list[str], end: str, width: int
) -> None:
    """One record per line, so each line's quotes are judged on their own."""
    header = ",".join(f"c{i}" for i in range(width))
    _answered_as_the_csv_module_reads_it(end.join([header, *lines]) + end, width)


def _answered_as_the_csv_module_reads_it(text: str, width: int) -> None:
    body = text.split("\n", 1)[1]
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))[1:]
    except csv.Error:
        records = None
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.csv"
        path.write_bytes(text.encode("utf-8"))
        height = len(records) if records is not None else body.rstrip("\n").count("\n") + 1
        found = short_rows(path, list(range(height)), height, width)
    if found is not None:
        assert records is not None, "an unreadable file was answered"
        assert found == [k for k, row in enumerate(records) if len(row) != width]


@pytest.mark.parametrize(
    ("text", "width"),
    [('"0,c1\nb,\n', 2), ('"c0","c1""""\n"a"\n"","é"\n', 2), ('c0,c1,"2,c3\n""""""\n', 4)],
)
def test_a_header_whose_quoted_name_spans_lines_is_not_taken_for_one_line(
    text: str, width: int
) -> None:
    """As many line ends as records after a one-line header, yet the header's open quote
    makes its first line break part of a name: the lines are not the records."""
    _answered_as_the_csv_module_reads_it(text, width)
