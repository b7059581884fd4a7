"""Reading a source's export as it circulates: any line ends, a BOM, UTF-8 or cp1252,
and dates in the several forms spreadsheets and scrapers leave behind."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path

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


def csv_records(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number of the record's start, cells by column) for every record after the
    header; LF, CRLF and bare CR line ends alike, quoted cells may span lines. A
    column named twice keeps its first cell; the later one is kept as ``name~2``."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise ImportFormatError(f"the header row is not CSV: {exc}") from None
    names: list[str] = []
    for name in (h.strip() for h in header):
        names.append(name if name not in names else f"{name}~{names.count(name) + 1}")
    line = 2
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield line, dict(zip(names, cells, strict=False))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFormatError(f"not readable as CSV from line {line}: {exc}") from None


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
