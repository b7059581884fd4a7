"""Reading a source's export as it circulates: any line ends, a BOM, UTF-8 or cp1252,
and dates in the several forms spreadsheets and scrapers leave behind."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError

from conflictschema.errors import ConflictSchemaError
from conflictschema.files import MAX_FILE_BYTES
from conflictschema.models.classifications import slug as category_slug
from conflictschema.validation.tables import CELL_EDGES, byte_positions, has_bare_cr

if TYPE_CHECKING:
    import polars as pl


class ImportFormatError(ConflictSchemaError):
    """The file is not an export of the source the importer was told."""


def read_utf8(path: Path) -> bytes:
    """The file's text as UTF-8 bytes without a BOM: a UTF-8 file's own bytes, else
    cp1252 (which exports saved on Windows use) re-encoded; bytes neither can read are
    refused. A UTF-8 file is checked a block at a time (:func:`_is_utf8`), so a large
    export is never held as bytes and as text at once."""
    import codecs

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFormatError(
                f"{path}: {size} bytes, more than the {MAX_FILE_BYTES} accepted"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFormatError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    data = raw.removeprefix(codecs.BOM_UTF8)
    if _is_utf8(data):
        return data
    try:
        return raw.decode("cp1252").encode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(
            f"{path}: neither UTF-8 nor cp1252 (byte 0x{raw[exc.start]:02x} at {exc.start})"
        ) from None


#: How many bytes :func:`read_utf8` checks at a time.
UTF8_BLOCK = 1 << 24


def _is_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8: ASCII is, and is told at once; other text is decoded
    a block at a time and let go, through a view of the bytes (no block is copied). A
    character cut by a block's end is carried over to the next block's start."""
    import codecs

    if data.isascii():
        return True
    view = memoryview(data)
    carried = b""
    try:
        for start in range(0, len(data), UTF8_BLOCK):
            block = view[start : start + UTF8_BLOCK]
            chunk = carried + block if carried else block
            _, used = codecs.utf_8_decode(chunk, "strict", False)
            carried = bytes(chunk[used:])
        codecs.utf_8_decode(carried, "strict", True)
    except UnicodeDecodeError:
        return False
    return True


def read_text(path: Path) -> str:
    """The file's text (:func:`read_utf8`)."""
    return read_utf8(path).decode("utf-8")


#: The most columns an export may have, extra cells of its longest record included:
#: the widest export an importer reads (the GTD's) has about 135, and each column
#: becomes an extension column of every incident, so a file of thousands is refused
#: as no export rather than read into a frame that wide.
MAX_COLUMNS = 1_000


def too_wide(columns: int, where: str) -> ImportFormatError:
    """The one refusal of a file too wide, wherever the reading finds it (``where``
    names what has the ``columns``)."""
    return ImportFormatError(
        f"{where} {columns:,} columns, more than the {MAX_COLUMNS:,} an export may have"
    )


class CsvCells:
    """The records of a CSV text after its header, each as (line number of the
    record's start, its cells); LF, CRLF and bare CR line ends alike, quoted cells may
    span lines, blank records are passed over. ``names`` is the header after
    ``rename``; a column named twice keeps the first name and the later one becomes
    ``name~2``."""

    def __init__(self, text: str, rename: Callable[[str], str] = str.strip) -> None:
        self._reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = next(self._reader, [])
        except csv.Error as exc:
            raise ImportFormatError(f"the header row is not CSV: {exc}") from None
        self.names = column_names(header, rename)

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        reader = self._reader
        line = reader.line_num + 1  # a quoted header name may span lines
        try:
            for cells in reader:
                if not "".join(cells).isspace() and any(cells):  # a blank record is none
                    yield line, cells
                line = reader.line_num + 1
        except csv.Error as exc:
            raise ImportFormatError(f"not readable as CSV from line {line}: {exc}") from None


def csv_records(
    text: str | bytes, rename: Callable[[str], str] = str.strip
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, cells by column) for every record of :class:`CsvCells` (UTF-8 bytes are
    decoded when the first record is asked for). A short row's missing cells are
    empty; a long row's extra cells are kept under extra_1, extra_2, ... rather than
    dropped."""
    cells = CsvCells(text if isinstance(text, str) else text.decode("utf-8"), rename)
    names = cells.names
    for line, row in cells:
        record = dict.fromkeys(names, "")
        record.update(zip(names, row, strict=False))
        row = filled(row)
        if len(row) > MAX_COLUMNS:
            raise too_wide(len(row), f"line {line} has cells in")
        for n, extra in enumerate(row[len(names) :], start=1):
            record[f"extra_{n}"] = extra
        yield line, record


def filled(row: list[str]) -> list[str]:
    """``row`` without its trailing blank cells: a spreadsheet's trailing separators
    carry nothing, and an extra cell only counts when it holds something."""
    end = len(row)
    while end and not row[end - 1].strip():
        end -= 1
    return row if end == len(row) else row[:end]


def column_names(header: list[str], rename: Callable[[str], str] = str.strip) -> list[str]:
    """The header's names after ``rename``; a name met again is ``name~2``, ``name~3``."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for name in map(rename, header):
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name}~{seen[name]}")
    return names


def padded_names(names: list[str], rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """The column names and rows of a table whose rows may be short or long: short
    rows gain empty cells, long rows' extra cells go to extra_1, extra_2, ... (as
    :func:`csv_records` keeps them), up to the last one any row fills (:func:`filled`).
    Raises ImportFormatError for a table wider than :data:`MAX_COLUMNS`."""
    width = max([len(names), *(len(filled(row)) for row in rows if len(row) > len(names))])
    if width > MAX_COLUMNS:
        raise too_wide(width, "a record has cells in")
    names = names + [f"extra_{n}" for n in range(1, width - len(names) + 1)]
    return names, [
        row if len(row) == width else row[:width] + [""] * (width - len(row)) for row in rows
    ]


#: The column of a source table that holds the line each record starts on.
LINE = "__line"
#: Python's whitespace, which is Unicode's and the four separators \x1c-\x1f: a record
#: of nothing else is a blank one, as :class:`CsvCells` passes it over.
_BLANK = r"^[\s\x1c-\x1f]*$"


def csv_table(
    data: bytes,
    rename: Callable[[str], str] = str.strip,
    on_line: Callable[[int], None] | None = None,
) -> tuple[list[str], pl.DataFrame]:
    """The column names and records of a CSV text (its UTF-8 bytes) as one frame of
    text (an empty cell is ""), with the line each record starts on (:data:`LINE`):
    the cells and lines :class:`CsvCells` gives, read by Polars' CSV reader when it can
    read the text as Python's does, else by :class:`CsvCells` (``on_line`` is then told
    the line every thousand records)."""
    read = polars_table(data, rename)
    return read if read is not None else python_table(data.decode("utf-8"), rename, on_line)


def python_table(
    text: str,
    rename: Callable[[str], str] = str.strip,
    on_line: Callable[[int], None] | None = None,
) -> tuple[list[str], pl.DataFrame]:
    """:func:`csv_table` by Python's csv module (:class:`CsvCells`), which reads
    every text the standard library does."""
    import polars as pl

    cells = CsvCells(text, rename)
    lines: list[int] = []
    rows: list[list[str]] = []
    for line, row in cells:
        lines.append(line)
        rows.append(row)
        if on_line is not None and len(lines) % 1000 == 0:
            on_line(line)
    names, rows = padded_names(cells.names, rows) if rows else (cells.names, rows)
    columns = zip(*rows, strict=True) if rows else ([] for _ in names)
    frame = pl.DataFrame(
        [pl.Series(n, list(c), dtype=pl.String) for n, c in zip(names, columns, strict=True)]
    )
    return names, frame.with_columns(pl.Series(LINE, lines, dtype=pl.Int64))


def not_for_polars(raw: bytes) -> bool:
    """Whether a CSV text (its UTF-8 bytes) holds what Polars' reader is not trusted
    with: a bare CR line end, or a quote with a character on each side that is neither
    a separator, a line end nor a quote, which well-formed CSV never has (an inner
    quote is doubled; a quoted cell's quotes touch its separators) and which Polars may
    read otherwise than the csv module. Looked for over the bytes, the quotes with NumPy
    (none of these bytes is ever part of a longer UTF-8 character)."""
    if has_bare_cr(raw):
        return True
    if b'"' not in raw:
        return False
    import numpy as np

    data = np.frombuffer(raw, dtype=np.uint8)
    quotes = byte_positions(data, ord('"'))
    inner = quotes[(quotes > 0) & (quotes < len(data) - 1)]
    stray = ~np.isin(data[inner - 1], CELL_EDGES) & ~np.isin(data[inner + 1], CELL_EDGES)
    return bool(stray.any())


def polars_table(
    raw: bytes, rename: Callable[[str], str] = str.strip
) -> tuple[list[str], pl.DataFrame] | None:
    """:func:`csv_table` by Polars' reader, or None where it could read otherwise than
    Python's csv module: a bare CR line end or a stray quote (:func:`not_for_polars`),
    a record longer than the header (Polars refuses it), a cell longer than the csv
    module's limit (which refuses it), or lines not all accounted for.

    Counting the line breaks in every cell and measuring every cell's characters are
    done only where a cheaper question (the text's line count, the cells' bytes) does
    not settle them."""
    import polars as pl

    if not_for_polars(raw):
        return None
    try:
        table = pl.read_csv(
            # ended by a line end, or Polars drops an empty last cell of the last line
            raw if raw.endswith(b"\n") else raw + b"\n",
            has_header=False,
            infer_schema=False,
            quote_char='"',
            raise_if_empty=False,
        )
    except pl.exceptions.PolarsError:
        return None
    if table.height == 0 or all(cell is None for cell in table.row(0)):
        return None  # no header, or a blank line for one
    c = pl.col
    limit = csv.field_size_limit()
    # a cell of more characters than the limit has more bytes too
    if (table.select(pl.max_horizontal(c("*").str.len_bytes().max())).item() or 0) > limit:
        longest = table.select(pl.max_horizontal(c("*").str.len_chars().max())).item()
        if (longest or 0) > limit:
            return None
    header = ["" if cell is None else cell for cell in table.row(0)]
    names = column_names(header, rename)
    records = table.slice(1).rename(dict(zip(table.columns, names, strict=True)))
    physical = raw.count(b"\n") + (0 if raw.endswith(b"\n") else 1)
    if physical == table.height:  # every record on one line: no cell breaks a line
        line = 2 + pl.int_range(pl.len(), dtype=pl.Int64)
    else:
        newlines = pl.sum_horizontal(
            c(name).str.count_matches("\n", literal=True).fill_null(0) for name in table.columns
        )
        counted = table.select(newlines.alias("n")).get_column("n")
        spanned = counted.slice(1)
        if 1 + int(counted[0]) + records.height + int(spanned.sum()) != physical:
            return None
        line = (
            2
            + int(counted[0])
            + pl.int_range(pl.len(), dtype=pl.Int64)
            + spanned.cum_sum()
            - spanned
        )
    records = records.with_columns(c(pl.String).fill_null(""), line.alias(LINE))
    # a blank record's first cell is blank: only those records are looked at whole
    if records.select(c(names[0]).str.contains(_BLANK).any()).item():
        blank = pl.all_horizontal(c(name).str.contains(_BLANK) for name in names)
        records = records.filter(~blank)
    return names, records.rechunk()


@dataclass
class Export:
    """One export file as read: its column names and its records, each with the line
    it starts on (a JSON export's records count from 1)."""

    header: list[str]
    rows: Iterable[tuple[int, dict[str, Any]]]
    #: The last line (a JSON export: the number of records), for showing progress.
    lines: int = 0
    #: A CSV export's column names and records as one frame of text
    #: (:func:`csv_table`), for mapping the whole export at once; read when asked for,
    #: with a function told the line read every thousand records.
    table: Callable[[Callable[[int], None] | None], tuple[list[str], pl.DataFrame]] | None = None


def csv_export(
    path: Path,
    *,
    label: str,
    required: Iterable[str],
    rename: Callable[[str], str] = str.strip,
) -> Export:
    """A CSV export of ``label`` whose header (after ``rename``, which maps a scraper's
    variant names to one) has every ``required`` column; any other file is refused."""
    data = read_utf8(path)
    header = [rename(name) for name in header_of(data)]
    if len(header) > MAX_COLUMNS:
        raise too_wide(len(header), f"{path}: the header names")
    missing = [column for column in required if column not in header]
    if missing:
        raise ImportFormatError(
            f"{path}: not an export of {label}: no column {', '.join(missing)} "
            f"({label} exports have {', '.join(required)})"
        )
    return Export(
        header,
        csv_records(data, rename),
        lines=data.count(b"\n") + 1,
        table=lambda on_line: csv_table(data, rename, on_line),
    )


#: How much of an export's start is read for its header, first.
HEADER_WINDOW = 1 << 16


def header_of(data: bytes) -> list[str]:
    """The header's names, read from the start of a text's UTF-8 bytes: a large export
    is not decoded whole to find them (a header longer than :data:`HEADER_WINDOW` is
    read from the whole text)."""
    for size in (HEADER_WINDOW, len(data)):
        # a window may end inside a character: only its cut bytes are dropped (the text is UTF-8)
        window = data[:size].decode("utf-8", errors="ignore")
        reader = csv.reader(io.StringIO(window, newline=""))
        try:
            first = next(reader, [])
            whole = size >= len(data) or next(reader, None) is not None
        except csv.Error as exc:
            if size >= len(data):
                raise ImportFormatError(f"the header row is not CSV: {exc}") from None
            continue
        if whole:
            return [name.strip() for name in first]
    raise AssertionError("the whole text is always read last")  # pragma: no cover


_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        dt.date(2000, number, 1).strftime("%B").lower(),
        dt.date(2000, number, 1).strftime("%b").lower(),
    )
}
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?$")
_WORDS = re.compile(r"^(\d{1,2})[\s-]+([A-Za-z]+)[\s,-]+(\d{4})$")
_WORDS_FIRST = re.compile(r"^([A-Za-z]+)[\s-]+(\d{1,2})(?:st|nd|rd|th)?[\s,-]+(\d{4})$")


def parse_date(text: str, *, day_first: bool) -> dt.date | None:
    """A date in any form the exports use, or None when the text is none of them.

    ``day_first`` decides slashed dates (``05/03/2024``): ACLED's spreadsheet round trip
    writes day first (``DD/MM/YYYY 00:00:00``), UCDP's US-style exports month first
    (``M/D/YYYY h:mm:ss AM``); each column is read with its own source's order.

    >>> parse_date("27 February 2024", day_first=True)
    datetime.date(2024, 2, 27)
    >>> parse_date("october-7-2023", day_first=True)
    datetime.date(2023, 10, 7)
    >>> parse_date("27/02/2024 00:00:00", day_first=True)
    datetime.date(2024, 2, 27)
    >>> parse_date("2/27/2024 12:00:00 AM", day_first=False)
    datetime.date(2024, 2, 27)
    """
    value = text.strip()
    try:
        if match := _ISO.match(value):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _SLASHED.match(value):
            first, second, year = int(match[1]), int(match[2]), int(match[3])
            day, month = (first, second) if day_first else (second, first)
            return dt.date(year, month, day)
        if match := _WORDS.match(value):
            named = _MONTHS.get(match[2].lower())
            return dt.date(int(match[3]), named, int(match[1])) if named else None
        if match := _WORDS_FIRST.match(value):
            named = _MONTHS.get(match[1].lower())
            return dt.date(int(match[3]), named, int(match[2])) if named else None
    except ValueError:  # 31 February, month 13
        return None
    return None


def slug(text: str, limit: int = 48) -> str:
    """An id-safe form of a name (a classification value's slug, at most ``limit``
    characters; ``x`` for a name with no letter or digit)."""
    return category_slug(text)[:limit].strip("-") or "x"


#: What exports write for "no value": empty, and the placeholders of spreadsheets and
#: scrapers. A source adds its own numeric sentinels (GTD's -9 and -99) where it uses them.
MISSING = frozenset({"", "NA", "N/A", "n/a", "NULL", "null", "None", "-", ".", "#N/A"})


def cell(row: dict[str, Any], column: str, missing: frozenset[str] = MISSING) -> str | None:
    """The column's text, stripped, or None when it is absent or a placeholder."""
    value = row.get(column)
    if value is None:
        return None
    text = str(value).strip()
    return None if text in missing else text


def whole_number(text: str | None) -> int | None:
    """A count as exports write it (``12``, ``12.0`` after a spreadsheet), or None for
    anything else, negative sentinels included."""
    if text is None:
        return None
    value = text.strip()
    if value.endswith(".0"):
        value = value[:-2]
    return int(value) if value.isdigit() and len(value) <= 12 else None


def coordinate(text: str | None, limit: float) -> float | None:
    """A latitude (``limit`` 90) or longitude (180) in decimal degrees, or None."""
    try:
        value = float(str(text).strip().replace(",", "."))
    except ValueError:
        return None
    return value if -limit <= value <= limit else None


def precision_of_span(start: dt.date, end: dt.date) -> str:
    """The date precision a source's uncertain span states: the first of one day, a
    week's span, a calendar month or year that the span fits, else a range."""
    from conflictschema.models.dates import span_matches_precision

    fitting = ("day", "week", "month", "year")
    return next((p for p in fitting if span_matches_precision(start, end, p)), "range")


def month_span(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of ``day``'s month."""
    start = day.replace(day=1)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return start, following - dt.timedelta(days=1)


def extension_name(source: str, column: str) -> str:
    """The ``x_<source>_<column>`` extension column that keeps a source column the
    standard has no field for (at most 64 characters, as the standard allows)."""
    name = f"x_{source.replace('-', '_')}_{slug(column, 60).replace('-', '_')}"
    return name[:64].rstrip("_")


def web_link(text: str | None) -> str | None:
    """The working http(s) link ``text`` is, defanged forms (``youtube[.]com``) restored,
    or None when the standard's url type refuses it (a source keeps it as text then)."""
    from conflictschema.models.types import refang

    if not text:
        return None
    link = refang(text.strip())
    try:
        return _url_type().validate_python(link)
    except ValidationError:
        return None


@cache
def _url_type() -> TypeAdapter[str]:
    from conflictschema.models.types import HttpUrl

    return TypeAdapter(HttpUrl)


def figures(text: str | None) -> tuple[int | None, int | None, int | None]:
    """(low, best, high) of a reported figure: ``4`` is a best estimate, a range such as
    ``3-5`` or ``3 to 5`` a low and a high; anything else says nothing."""
    if text is None:
        return None, None, None
    value = text.strip()
    if (single := whole_number(value)) is not None:
        return None, single, None
    match = re.fullmatch(r"(\d{1,9})\s*(?:-|\u2013|to)\s*(\d{1,9})", value)
    if match and int(match[1]) <= int(match[2]):
        return int(match[1]), None, int(match[2])
    return None, None, None
