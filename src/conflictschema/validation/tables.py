"""Loading any input into tables of cell text, one Polars frame per table.

Every input (a CSV data package, one CSV table, a dataset JSON document, a JSONL
file) becomes the same thing: for each table of the standard, a frame with one
column per column present in the input, each cell as text (lists as lists), plus
the row number a person would look up. Problems met while loading (encoding,
CSV syntax, header, ragged rows, JSON shape) become findings; whatever can still be
read is kept, so the later layers check it too.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

from conflictschema.files import MAX_FILE_BYTES
from conflictschema.findingcodes import Code
from conflictschema.findings import Finding, FindingLog
from conflictschema.io.csv_package import DESCRIPTOR
from conflictschema.models.columns import TABLE_MODELS, columns
from conflictschema.models.history import Standard, standard_for
from conflictschema.models.history import current as current_standard
from conflictschema.models.types import is_extension
from conflictschema.validation.descriptor import (
    metadata_from_descriptor,
    read_descriptor,
    resolve_package,
    resource_paths,
)
from conflictschema.version import standard_readable

ROW = "__row"
LOC = "__loc"
#: A JSON table marks, in a column named with this prefix, the cells whose JSON value had
#: the wrong type; the loader reported them, so no later check speaks of them again.
TYPE_BAD_PREFIX = "__typebad_"


@dataclass
class Table:
    """One table's cells as text, not yet read: ``lazy`` yields the present columns plus
    ROW (and LOC for JSON), until the cells are checked (then it is empty). For a CSV,
    ``exact`` re-reads it with Python's csv module when Polars refuses the file or
    cannot place its short rows."""

    name: str
    file: str
    lazy: pl.LazyFrame
    present: list[str]
    from_json: bool = False
    path: Path | None = None
    width: int = 0
    exact: Callable[[FindingLog], pl.DataFrame] | None = None
    #: Polars would read this file differently from the csv module (bare CR line ends).
    exact_only: bool = False


Reader = Callable[[FindingLog], "Table | None"]


@dataclass
class Loaded:
    """Everything read from one input.

    CSV tables wait in ``pending`` until ``take`` reads them one at a time, so only one
    table's raw text need be in memory at once.
    """

    root: Path
    tables: dict[str, Table] = field(default_factory=dict)
    pending: dict[str, Reader] = field(default_factory=dict)
    findings: FindingLog = field(default_factory=FindingLog)
    metadata: dict[str, Any] | None = None
    metadata_file: str | None = None
    readable: bool = True
    #: False for a single table, or JSONL without its companions: no orphan checks then.
    complete: bool = True
    #: The standard version the data declares (the current one when it declares none,
    #: or one this package cannot read): the tables are read by its columns.
    standard: Standard = field(default_factory=current_standard)

    def take(self, name: str, findings: FindingLog) -> Table | None:
        """The table called ``name``, reading it now if it is pending."""
        if name in self.pending:
            table = self.pending.pop(name)(findings)
            if table is None:
                self.complete = False
            else:
                self.tables[name] = table
        return self.tables.get(name)


def hide_nul(text: str) -> tuple[str, Callable[[str], str] | None]:
    """Python's csv module refuses NUL before 3.11: swap it for an unused character, and
    return the function that swaps it back in a cell (None when nothing was swapped)."""
    if "\x00" not in text or sys.version_info >= (3, 11):
        return text, None
    stand_in = next(chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)
    return text.replace("\x00", stand_in), lambda cell: cell.replace(stand_in, "\x00")


def finding(
    code: Code,
    file: str,
    message: str,
    row: int | None = None,
    fieldname: str | None = None,
    value: Any = None,
) -> Finding:
    return Finding(
        code=code,
        message=message,
        file=file,
        row=row,
        field=fieldname,
        value=value,
    )


def join_loc(loc: str | None, name: str) -> str:
    """A field's name inside a JSON document: ``incidents[2].claims[0].method``."""
    return f"{loc}.{name}" if loc else name


def relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


# ---------------------------------------------------------------- CSV


#: The header row must end within this many bytes; a longer one is not a header.
MAX_HEADER_BYTES = 1 << 20


def _window(path: Path) -> bytes:
    """The first MAX_HEADER_BYTES of a file: all that the header checks read."""
    with path.open("rb") as handle:
        return handle.read(MAX_HEADER_BYTES)


def _header(raw: bytes) -> list[str] | None:
    """The header row of a file starting with ``raw`` (its window); None for an empty
    file or a header that does not end within the window (a CSV error or not a table)."""
    text, _ = hide_nul(raw.decode("utf-8-sig", errors="replace"))
    records = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(records, None)
    except csv.Error:
        return None
    if header is not None and len(raw) == MAX_HEADER_BYTES:
        try:
            following = next(records, None)
        except csv.Error:  # a later record broke, so the header itself ended
            following = []
        if following is None:
            return None  # the header runs to the end of the window: cut, not whole
    return header


def utf16_problem(raw: bytes, file: str) -> Finding | None:
    """A finding when a file starting with ``raw`` is UTF-16 (as Excel's "Unicode text"
    saves it): a byte order mark, or every other byte of the opening being NUL."""
    head = raw[:1024]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        order = "little" if head.startswith(b"\xff\xfe") else "big"
        found = f"UTF-16 ({order}-endian, with a byte order mark)"
    elif len(head) >= 4 and max(head[0::2].count(0), head[1::2].count(0)) >= 0.9 * (len(head) // 2):
        found = "UTF-16 (no byte order mark)"
    else:
        return None
    return finding(
        Code.ENCODING_ERROR,
        file,
        f"the file is {found}, not UTF-8; save it as UTF-8 (in a spreadsheet: CSV UTF-8)",
        row=1,
    )


def encoding_problem(raw: bytes, file: str, start: int = 0) -> Finding | None:
    """The first byte from ``start`` on that is not UTF-8, as a finding (None: all UTF-8)."""
    try:
        raw[start:].decode("utf-8-sig" if start == 0 else "utf-8")
    except UnicodeDecodeError as exc:
        offset = start + exc.start
        line = raw.count(b"\n", 0, offset) + 1
        return finding(
            Code.ENCODING_ERROR,
            file,
            f"not UTF-8: byte 0x{raw[offset]:02x} at offset {offset} (line {line}); save the "
            "file as UTF-8 (the bad bytes are read as U+FFFD meanwhile)",
            row=line,
        )
    return None


def _has_bare_cr(path: Path, on_block: Callable[[int, bytes], object] | None = None) -> bool:
    """Whether a CR ends a line on its own in a file (old Mac line ends, or a CR inside
    a cell): :func:`has_bare_cr`, read a block at a time (a CR ending one block is bare
    unless the next block starts with a LF); ``on_block(offset, block)`` is shown each
    block read, for a caller with more to find in the same pass.

    Python's csv module and spreadsheets end a record there; Polars does not, so such a
    file goes to the exact reader and both readings agree.
    """
    for offset, block, after in _blocks(path):
        if on_block is not None:
            on_block(offset, block)
        cut = block.endswith(b"\r")  # its LF, if any, is the next block's first byte
        if has_bare_cr(block[:-1] if cut else block) or (cut and after != ord("\n")):
            return True
    return False


def check_header(file: str, header: list[str], expected: list[str]) -> list[Finding]:
    """Missing, unexpected and duplicated columns, with a 'did you mean' for near misses."""
    found = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            found.append(
                finding(
                    Code.DUPLICATE_COLUMN,
                    file,
                    f"column {name[:100]!r} appears more than once",
                    row=1,
                    fieldname=name[:100],
                )
            )
        seen.add(name)
    missing = [n for n in expected if n not in seen]
    for name in header:
        if is_extension(name):
            found.append(extension_finding(file, name, row=1))
        elif name not in expected:
            guess = difflib.get_close_matches(name[:100], missing or expected, n=1)
            hint = (
                f"; did you mean {guess[0]!r}?"
                if guess
                else f"; expected columns are {', '.join(expected)}"
            )
            found.append(
                finding(
                    Code.EXTRA_COLUMN,
                    file,
                    f"unexpected column {name[:100]!r}{hint}",
                    row=1,
                    fieldname=name[:100],
                )
            )
    for name in missing:
        found.append(
            finding(
                Code.MISSING_COLUMN,
                file,
                f"column {name!r} is missing from the header",
                row=1,
                fieldname=name,
            )
        )
    return found


def extension_finding(file: str, name: str, row: int | None = None) -> Finding:
    """The note that a table carries an extension column."""
    return finding(
        Code.EXTENSION_COLUMN,
        file,
        f"{name} is an extension column: carried unchanged, checked by no rule",
        row=row,
        fieldname=name,
    )


def _exact_rows(
    raw: bytes, file: str, width: int, findings: FindingLog
) -> tuple[list[list[str]], list[int]]:
    """Every record, read by Python's csv module: slow, exact, and it says where a file breaks."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        header_end = raw.find(b"\n") + 1  # the header line's bytes are checked on their own
        problem = encoding_problem(raw, file, start=header_end) if header_end else None
        if problem is not None:
            findings.append(problem)
        text = raw.decode("utf-8-sig", errors="replace")
    rows: list[list[str]] = []
    numbers: list[int] = []
    text, restore = hide_nul(text)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    record = 0
    try:
        next(reader, None)
        for record, cells in enumerate(reader, start=2):
            if len(cells) != width:
                findings.append(
                    finding(
                        Code.RAGGED_ROW,
                        file,
                        f"the row has {len(cells)} cells but the header has {width}; the row is skipped",
                        row=record,
                    )
                )
                continue
            rows.append([restore(cell) for cell in cells] if restore else cells)
            numbers.append(record)
    except csv.Error as exc:
        findings.append(
            finding(
                Code.CSV_ERROR,
                file,
                f"not readable as CSV from here on ({exc}); check quoting near this row",
                row=record + 1 if record else 2,
            )
        )
    return rows, numbers


def short_rows(path: Path, candidates: list[int], height: int, width: int) -> list[int] | None:
    """Which of the ``candidates`` records have too few cells; None when only the exact
    reader can tell.

    Polars pads a short record with nulls, which look like empty cells; but a short
    record always has a null last cell, so only those records (the candidates) need a
    second look. When every record is one line, the separators of each candidate line
    outside its quoted cells are counted (:func:`_candidate_lines`), over runs of lines
    read :data:`LINES_BLOCK` bytes at a time; a line whose quotes are irregular is
    re-read with Python's csv module. When some record spans lines (a
    quoted line break), or a line cannot be read alone, the records and their
    separators are found by counting quotes (:func:`_short_by_quotes`), if every quote
    belongs to a quoted cell that is a whole cell.
    """
    import numpy as np

    found: list[NDArray[np.int64]] = []
    size = 0

    def line_ends(offset: int, block: bytes) -> None:
        nonlocal size
        found.append(byte_positions(np.frombuffer(block, dtype=np.uint8), ord("\n")) + offset)
        size = offset + len(block)

    if _has_bare_cr(path, line_ends):
        return None  # a bare CR ends a record for the csv module, not a line here
    ends = np.concatenate(found) if found else np.empty(0, dtype=np.int64)
    one_line_each = len(ends) + (not (len(ends) and ends[-1] == size - 1)) == height + 1
    records = np.sort(np.asarray(candidates, dtype=np.int64))
    records = records[np.diff(records, prepend=-1) != 0]  # each once, in file order
    with path.open("rb") as handle:
        # a quote in the header may open a cell that spans lines (no standard name has one)
        if not one_line_each or b'"' in handle.read(int(ends[0]) if len(ends) else size):
            return _short_by_quotes(path, ends, records, height, width)
        lines = records + 1
        starts = ends[lines - 1] + 1
        stops = np.where(lines < len(ends), ends[np.minimum(lines, len(ends) - 1)], size)
        short: list[int] = []
        odd: list[tuple[int, str]] = []
        try:
            for first, last in _windows(starts, stops):
                handle.seek(int(starts[first]))
                window = handle.read(int(stops[last - 1] - starts[first]))
                counted, irregular = _candidate_lines(
                    np.frombuffer(window, dtype=np.uint8),
                    starts[first:last] - starts[first],
                    stops[first:last] - starts[first],
                    records[first:last],
                    width,
                )
                short += counted
                odd += irregular
            cells = csv.reader([line for _, line in odd], strict=True)
            short += [k for (k, _), row in zip(odd, cells, strict=True) if len(row) != width]
        except UnicodeDecodeError:
            return None
        except (csv.Error, ValueError):  # a line the csv module reads otherwise alone
            return _short_by_quotes(path, ends, records, height, width)
    return sorted(short)


#: How many bytes of a file :func:`_blocks` reads at a time, for the bare-CR and
#: short-row checks (:func:`short_rows` reads a longer candidate line whole).
LINES_BLOCK = 1 << 23


def _windows(starts: NDArray[np.int64], stops: NDArray[np.int64]) -> Iterator[tuple[int, int]]:
    """Runs ``first:last`` of the lines from ``starts`` to ``stops`` (in file order)
    that lie within :data:`LINES_BLOCK` bytes of their first line's start, or of one
    line that does not."""
    import numpy as np

    first = 0
    while first < len(starts):
        last = max(first + 1, int(np.searchsorted(stops, starts[first] + LINES_BLOCK, "right")))
        yield first, last
        first = last


#: The bytes a quoted cell's quotes touch on their outer side in well-formed CSV: a
#: separator, a line end, or the quote a doubled quote pairs with.
CELL_EDGES = [ord(","), ord("\r"), ord("\n"), ord('"')]


def whole_cell_quotes(
    data: NDArray[np.uint8],
    at: NDArray[np.int64],
    opening: NDArray[np.bool_],
    first: NDArray[np.int64] | int,
    last: NDArray[np.int64] | int,
) -> NDArray[np.bool_]:
    """Whether each quote at ``at`` belongs to a quoted cell that is a whole cell: an
    opening quote at ``first`` (its line's or file's start) or after a cell edge, a
    closing one at ``last`` (its line's or file's last byte) or before a cell edge."""
    import numpy as np

    before = data[np.maximum(at - 1, 0)]
    after = data[np.minimum(at + 1, len(data) - 1)]
    placed: NDArray[np.bool_] = np.where(
        opening,
        (at == first) | np.isin(before, CELL_EDGES),
        (at == last) | np.isin(after, CELL_EDGES),
    )
    return placed


#: A CR that no LF follows (at a text's end too).
_BARE_CR = re.compile(rb"\r(?!\n)")


def has_bare_cr(raw: bytes) -> bool:
    """Whether a text's bytes hold a CR that no LF follows: the csv module ends a
    record there, where a reader of lines does not. (Most texts hold no CR at all,
    which one scan at memory speed tells; the expression's search for a CR is
    almost as fast, where counting CRLFs was four times slower.)"""
    return b"\r" in raw and _BARE_CR.search(raw) is not None


#: How many bytes :func:`byte_positions` compares at a time.
POSITIONS_BLOCK = 1 << 22


def byte_positions(
    data: NDArray[np.uint8], byte: int, block: int = POSITIONS_BLOCK
) -> NDArray[np.int64]:
    """Where ``byte`` occurs in ``data``, in order. Compared a block at a time: a
    mask the size of a large file costs more to allocate and fault in than the
    comparison itself, and a block's mask is reused from the allocator's cache."""
    import numpy as np

    found = [
        np.flatnonzero(data[start : start + block] == byte) + start
        for start in range(0, len(data), block)
    ]
    return np.concatenate(found) if found else np.empty(0, dtype=np.int64)


def _candidate_lines(
    data: NDArray[np.uint8],
    starts: NDArray[np.int64],
    stops: NDArray[np.int64],
    records: NDArray[np.int64],
    width: int,
) -> tuple[list[int], list[tuple[int, str]]]:
    """The ``records`` (each one line of ``data``, from ``starts`` up to ``stops``,
    in order) found short, and the text of those whose quotes are irregular, for the
    csv module to read.

    Counted over the bytes with NumPy (a separator, quote or line end is never part of
    a longer UTF-8 character), so the file never becomes a million Python strings. In a
    line whose quotes are regular (each quoted cell a whole cell: an opening quote at
    the line's start, after a separator or after a quote that closes, and a closing one
    at its end, before a separator or before a quote that opens), a separator separates
    unless it lies between an opening quote and the quote that closes it."""
    import numpy as np

    quotes = byte_positions(data, ord('"'))
    commas = byte_positions(data, ord(","))
    first_quote, first_comma = (np.searchsorted(at, starts) for at in (quotes, commas))
    quote_count = np.searchsorted(quotes, stops) - first_quote
    comma_count = np.searchsorted(commas, stops) - first_comma

    # every quote of every quoted line, with its line and its rank in the line
    line_of_quote, rank = _spread(quote_count)
    at = quotes[first_quote[line_of_quote] + rank]
    opening = rank % 2 == 0
    # (a line end is a cell edge only at the line's own start and end, which these are)
    well_placed = whole_cell_quotes(
        data, at, opening, starts[line_of_quote], stops[line_of_quote] - 1
    )
    irregular = (quote_count % 2 == 1) | (
        np.bincount(line_of_quote, weights=~well_placed, minlength=len(records)) > 0
    )

    # the separators inside quoted cells: those between each opening quote and the
    # quote that closes it (between a closing quote and an opening one right after it,
    # a doubled quote, there are none)
    commas_before = np.searchsorted(commas, at)
    inside = np.bincount(
        line_of_quote,
        weights=np.where(opening, -commas_before, commas_before),
        minlength=len(records),
    )
    separators = comma_count - inside

    short = records[~irregular & (separators + 1 != width)].tolist()
    odd = [
        (k, data[start:stop].tobytes().decode("utf-8"))
        for k, start, stop in zip(
            records[irregular].tolist(),
            starts[irregular].tolist(),
            stops[irregular].tolist(),
            strict=True,
        )
    ]
    return short, odd


def _spread(counts: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """For ``counts[i]`` items of each line i, each item's line and its rank in the line."""
    import numpy as np

    line = np.repeat(np.arange(len(counts)), counts)
    return line, np.arange(len(line)) - np.repeat(np.cumsum(counts) - counts, counts)


def _short_by_quotes(
    path: Path, ends: NDArray[np.int64], records: NDArray[np.int64], height: int, width: int
) -> list[int] | None:
    """:func:`short_rows` for a file whose records may span lines (or whose lines cannot
    be read alone), ``ends`` its line ends; None unless every quote belongs to a quoted
    cell that is a whole cell and the records are then ``height`` after the header.

    Then a line end or a separator lies inside a quoted cell exactly when an odd number
    of quotes come before it, so the records' ends and each record's separators are
    found by counting quotes, over the file's bytes, read :data:`LINES_BLOCK` bytes at a
    time (the count of quotes before a block carried into it): each record's separators
    are counted, never held."""
    import numpy as np

    # separators of the header (0) and of each record; one more slot for a record too many
    counts = np.zeros(height + 2, dtype=np.int64)
    found = 0  # record ends before the block
    quotes_before = 0
    edge = ord("\n")  # the file's start and end touch a quote as a line end would
    before = edge
    for offset, block, after in _blocks(path):
        data = np.frombuffer(block, dtype=np.uint8)
        quotes = byte_positions(data, ord('"'))
        opening = (quotes_before + np.arange(len(quotes))) % 2 == 0
        beside = np.array([before, edge if after is None else after], dtype=np.uint8)
        framed = np.concatenate([beside[:1], data, beside[1:]])
        if not whole_cell_quotes(framed, quotes + 1, opening, -1, -1).all():
            return None
        lines = ends[np.searchsorted(ends, offset) : np.searchsorted(ends, offset + len(data))]
        outside = (quotes_before + np.searchsorted(quotes, lines - offset)) % 2 == 0
        record_ends = lines[outside] - offset
        if found + len(record_ends) > height + 1:
            return None  # more records than rows
        commas = byte_positions(data, ord(","))
        separators = commas[(quotes_before + np.searchsorted(quotes, commas)) % 2 == 0]
        owners = np.bincount(
            np.searchsorted(record_ends, separators), minlength=len(record_ends) + 1
        )
        counts[found : found + len(owners)] += owners
        found += len(record_ends)
        quotes_before += len(quotes)
        before = block[-1]
    if quotes_before % 2:
        return None  # a quoted cell left open
    if before != ord("\n"):  # a last record with no line end
        found += 1
    if found != height + 1:  # the header, then each record
        return None
    short: list[int] = records[counts[records + 1] + 1 != width].tolist()
    return short


def _blocks(path: Path) -> Iterator[tuple[int, bytes, int | None]]:
    """(offset, block, the byte after it or None at the end) for each :data:`LINES_BLOCK`
    bytes of a file."""
    with path.open("rb") as handle:
        offset, block = 0, handle.read(LINES_BLOCK)
        while block:
            following = handle.read(LINES_BLOCK)
            yield offset, block, following[0] if following else None
            offset, block = offset + len(block), following


def _empty_is_null(names: list[str]) -> list[pl.Expr]:
    return [pl.when(pl.col(n) == "").then(None).otherwise(pl.col(n)).alias(n) for n in names]


def exact_csv_text(
    path: Path, file: str, names: list[str], present: list[str], findings: FindingLog
) -> pl.DataFrame:
    rows, numbers = _exact_rows(path.read_bytes(), file, len(names), findings)
    data: dict[str, Any] = {n: [r[i] for r in rows] for i, n in enumerate(names)}
    data[ROW] = numbers
    frame = pl.DataFrame(data, schema={**{n: pl.String for n in names}, ROW: pl.Int64})
    return frame.select(*_empty_is_null(present), ROW)


def standard_of(metadata: dict[str, Any] | None) -> Standard:
    """The version of the standard whose columns the data is read by."""
    version = (metadata or {}).get("standard_version")
    if isinstance(version, str) and standard_readable(version):
        return standard_for(version)
    return current_standard()


def load_csv_table(
    table: str, path: Path, root: Path, findings: FindingLog, standard: Standard | None = None
) -> Table | None:
    """Read one table's CSV; None when nothing in it can be checked."""
    file = relative(path, root)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            findings.append(
                finding(
                    Code.FILE_TOO_LARGE,
                    file,
                    f"the file is {size} bytes, more than the {MAX_FILE_BYTES} accepted",
                )
            )
            return None
        window = _window(path)
    except OSError as exc:
        findings.append(finding(Code.MISSING_FILE, file, f"cannot be read: {exc.strerror or exc}"))
        return None
    wide = utf16_problem(window, file)
    if wide is not None:
        findings.append(wide)
        return None
    header = _header(window)
    if not header:
        empty = window[:8].strip(b"\xef\xbb\xbf\r\n ") == b""
        findings.append(
            finding(
                Code.MISSING_HEADER,
                file,
                "the file is empty; it needs at least the header row"
                if empty
                else f"no header row could be read: it is not CSV, or longer than {MAX_HEADER_BYTES} bytes",
                row=1,
            )
        )
        return None
    header_problem = encoding_problem(window.split(b"\n", 1)[0], file)
    if header_problem is not None:
        findings.append(header_problem)
    expected = (standard or current_standard()).column_names(table)
    findings.extend(check_header(file, header, expected))
    standard_header = [name for name in header if not is_extension(name)]
    if sorted(standard_header) == sorted(expected) and standard_header != expected:
        findings.append(
            finding(
                Code.COLUMN_ORDER,
                file,
                f"columns are in another order than the schema ({', '.join(expected)})",
                row=1,
            )
        )
    first = {name: i for i, name in reversed(list(enumerate(header)))}  # a name's first place
    names = [
        name if (name in expected or is_extension(name)) and first[name] == i else f"__ignored{i}"
        for i, name in enumerate(header)
    ]
    present = [n for n in names if not n.startswith("__ignored")]
    lazy = (
        pl.scan_csv(
            path,
            infer_schema=False,
            has_header=True,
            new_columns=names,
            raise_if_empty=False,
            truncate_ragged_lines=False,
        )
        .with_row_index(ROW, offset=2)
        .select(*_empty_is_null(present), pl.col(ROW).cast(pl.Int64))
    )
    exact = partial(exact_csv_text, path, file, names, present)
    return Table(
        name=table,
        file=file,
        lazy=lazy,
        present=present,
        path=path,
        width=len(names),
        exact=exact,
        exact_only=_has_bare_cr(path),
    )


def _table_for_csv(path: Path) -> str | None:
    if path.stem in TABLE_MODELS:
        return path.stem
    header = set(_header(_window(path)) or [])
    scores = {t: len(header & {c.name for c in columns(t)}) for t in TABLE_MODELS}
    best = max(scores, key=lambda t: scores[t])
    return best if scores[best] >= 2 else None


def load_package(path: Path, log: FindingLog) -> Loaded:
    root, descriptor = resolve_package(path)
    loaded = Loaded(root=root, metadata_file=DESCRIPTOR, findings=log)
    data = read_descriptor(descriptor)
    if isinstance(data, dict):
        loaded.metadata = metadata_from_descriptor(data)
        loaded.standard = standard_of(loaded.metadata)
    paths = resource_paths(root, data, loaded.standard.tables) if isinstance(data, dict) else data
    if isinstance(paths, Finding):
        loaded.metadata = None
        loaded.findings.append(paths)
        loaded.readable = False
        return loaded
    for name, file in paths.items():
        loaded.pending[name] = partial(load_csv_table, name, file, root, standard=loaded.standard)
    return loaded


def load_single_csv(path: Path, log: FindingLog) -> Loaded:
    loaded = Loaded(root=path.parent, complete=False, findings=log)
    name = _table_for_csv(path) if path.exists() else None
    wide = utf16_problem(_window(path), path.name) if name is None and path.is_file() else None
    if wide is not None:
        loaded.findings.append(wide)
        loaded.readable = False
        return loaded
    if name is None:
        code = Code.MISSING_FILE if not path.exists() else Code.UNKNOWN_FORMAT
        message = (
            "no such file"
            if not path.exists()
            else f"cannot tell which table this is; name it after its table ({', '.join(TABLE_MODELS)}).csv"
        )
        loaded.findings.append(finding(code, path.name, message))
        loaded.readable = False
        return loaded
    table = load_csv_table(name, path, path.parent, loaded.findings)
    if table is None:
        loaded.readable = any(
            f.code not in (Code.MISSING_FILE, Code.FILE_TOO_LARGE) for f in loaded.findings
        )
    else:
        loaded.tables[name] = table
    return loaded
