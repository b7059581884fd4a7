"""Reading a source's export as it circulates: any line ends, a BOM, UTF-8 or cp1252,
and dates in the several forms spreadsheets and scrapers leave behind."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from conflictschema.errors import ConflictSchemaError
from conflictschema.files import MAX_FILE_BYTES
from conflictschema.models.classifications import slug as category_slug


class ImportFormatError(ConflictSchemaError):
    """The file is not an export of the source the importer was told."""


def read_text(path: Path) -> tuple[str, str]:
    """The file's text and the encoding it was read in: UTF-8 (with or without a BOM),
    else cp1252, which exports saved on Windows use; bytes neither can read are refused."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFormatError(
                f"{path}: {size} bytes, more than the {MAX_FILE_BYTES} accepted"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFormatError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise ImportFormatError(
            f"{path}: neither UTF-8 nor cp1252 (byte 0x{raw[exc.start]:02x} at {exc.start})"
        ) from None


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
        self.names: list[str] = []
        seen: dict[str, int] = {}
        for name in map(rename, header):
            seen[name] = seen.get(name, 0) + 1
            self.names.append(name if seen[name] == 1 else f"{name}~{seen[name]}")

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        reader = self._reader
        line = 2
        try:
            for cells in reader:
                if not "".join(cells).isspace() and any(cells):  # a blank record is none
                    yield line, cells
                line = reader.line_num + 1
        except csv.Error as exc:
            raise ImportFormatError(f"not readable as CSV from line {line}: {exc}") from None


def csv_records(
    text: str, rename: Callable[[str], str] = str.strip
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, cells by column) for every record of :class:`CsvCells`. A short row's
    missing cells are empty; a long row's extra cells are kept under extra_1,
    extra_2, ... rather than dropped."""
    cells = CsvCells(text, rename)
    names = cells.names
    for line, row in cells:
        record = dict.fromkeys(names, "")
        record.update(zip(names, row, strict=False))
        for n, extra in enumerate(row[len(names) :], start=1):
            record[f"extra_{n}"] = extra
        yield line, record


def padded_names(names: list[str], rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """The column names and rows of a table whose rows may be short or long: short
    rows gain empty cells, long rows' extra cells go to extra_1, extra_2, ... (as
    :func:`csv_records` keeps them)."""
    width = max([len(names), *map(len, rows)])
    names = names + [f"extra_{n}" for n in range(1, width - len(names) + 1)]
    return names, [row if len(row) == width else row + [""] * (width - len(row)) for row in rows]


@dataclass
class Export:
    """One export file as read: its column names and its records, each with the line
    it starts on (a JSON export's records count from 1)."""

    header: list[str]
    rows: Iterable[tuple[int, dict[str, Any]]]
    #: The last line (a JSON export: the number of records), for showing progress.
    lines: int = 0
    #: A CSV export's records as cells (``rows`` are built from these), for mapping
    #: the whole export at once without a dict per row; made when asked for.
    cells: Callable[[], CsvCells] | None = None


def csv_export(
    path: Path,
    *,
    label: str,
    required: Iterable[str],
    rename: Callable[[str], str] = str.strip,
) -> Export:
    """A CSV export of ``label`` whose header (after ``rename``, which maps a scraper's
    variant names to one) has every ``required`` column; any other file is refused."""
    text, _ = read_text(path)
    header = [rename(name) for name in header_of(text)]
    missing = [column for column in required if column not in header]
    if missing:
        raise ImportFormatError(
            f"{path}: not an export of {label}: no column {', '.join(missing)} "
            f"({label} exports have {', '.join(required)})"
        )
    return Export(
        header,
        csv_records(text, rename),
        lines=text.count("\n") + 1,
        cells=lambda: CsvCells(text, rename),
    )


def header_of(text: str) -> list[str]:
    try:
        first = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error as exc:
        raise ImportFormatError(f"the header row is not CSV: {exc}") from None
    return [name.strip() for name in first]


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


def unmapped(
    source: str,
    row: dict[str, str],
    mapped: Collection[str],
    lost: Collection[str] = (),
    missing: Collection[str] = ("",),
) -> dict[str, str]:
    """The extension columns that keep what no field took: every column not ``mapped``,
    a mapped column whose value found no field (``lost``), and a column's repeats
    (``name~2``); a value in ``missing`` is no value."""
    return {
        extension_name(source, column.replace("~", "_")): value
        for column, value in row.items()
        if (column.split("~")[0] not in mapped or column in lost or "~" in column)
        and value.strip() not in missing
    }


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
