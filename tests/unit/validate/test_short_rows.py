"""Records with too few cells are found as Python's csv module finds them, whether or
not records span lines; where the fast readings cannot tell, they say so (None)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conflictschema.validation import tables as table_reading
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


@contextmanager
def lines_read_by(block: int) -> Iterator[None]:
    """Candidate lines read ``block`` bytes at a time, so a file of a few lines is read
    in several runs of lines, as a large one is."""
    saved = table_reading.LINES_BLOCK
    table_reading.LINES_BLOCK = block
    try:
        yield
    finally:
        table_reading.LINES_BLOCK = saved


@settings(max_examples=300, deadline=None)
@given(
    tables(),
    st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
    st.booleans(),
    st.integers(1, 30),
    st.data(),
)
def test_short_records_are_those_the_csv_module_finds(
    table: tuple[int, list[list[str]]],
    quoting: int,
    multiline_header: bool,
    block: int,
    data: st.DataObject,
) -> None:
    width, rows = table
    header = [f"c\n{i}" if multiline_header and i == 0 else f"c{i}" for i in range(width)]
    text = _csv(header, rows, quoting)
    candidates = sorted(data.draw(st.sets(st.integers(0, len(rows) - 1), min_size=1)))
    truth = [k for k in candidates if len(rows[k]) != width]
    with TemporaryDirectory() as tmp, lines_read_by(block):
        path = Path(tmp) / "t.csv"
        path.write_bytes(text.encode("utf-8"))
        found = short_rows(path, candidates, len(rows), width)
    assert found == truth  # a file the csv module wrote is always answered


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab,"\n\r', max_size=60), st.integers(2, 4), st.integers(1, 30))
@example(body='a"b,c"\n"x\ny",z\n', width=2, block=7)  # a stray quote opening a block
def test_any_text_is_answered_as_the_csv_module_reads_it_or_not_at_all(
    body: str, width: int, block: int
) -> None:
    with lines_read_by(block):
        _answered_as_the_csv_module_reads_it(
            ",".join(f"c{i}" for i in range(width)) + "\n" + body, width
        )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet='ab,"é ', max_size=14), min_size=1, max_size=8),
    st.sampled_from(["\n", "\r\n"]),
    st.integers(2, 4),
    st.integers(1, 30),
)
def test_lines_of_any_quotes_are_answered_as_the_csv_module_reads_them_or_not_at_all(
    lines: list[str], end: str, width: int, block: int
) -> None:
    """One record per line, so each line's quotes are judged on their own."""
    header = ",".join(f"c{i}" for i in range(width))
    with lines_read_by(block):
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
