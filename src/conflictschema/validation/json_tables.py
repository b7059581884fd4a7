"""Loading dataset JSON documents and JSONL files into tables of cell text.

JSON values are checked against their column's type as strictly as the models check
them (a string where a number belongs is a type error), then stored as text, so the
same cell checks run on JSON as on CSV.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import itertools
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import polars as pl

from conflictschema.collector import collector_paused
from conflictschema.files import MAX_FILE_BYTES
from conflictschema.findingcodes import Code
from conflictschema.findings import Finding, FindingLog
from conflictschema.io.csv_package import DESCRIPTOR
from conflictschema.models.columns import CHILD_TABLES, Column
from conflictschema.models.history import Standard
from conflictschema.models.history import current as current_standard
from conflictschema.models.types import is_extension
from conflictschema.validation.json_stream import (
    MAX_VALUE_CHARS,
    Item,
    JsonStreamError,
    JsonText,
    NotAnObjectError,
    TooLargeError,
    Utf8,
    walk_document,
)
from conflictschema.validation.tables import (
    LOC,
    ROW,
    TYPE_BAD_PREFIX,
    Loaded,
    Table,
    extension_finding,
    finding,
    join_loc,
    load_package,
    relative,
    standard_of,
)


class _HugeInt(str):
    """The digits of a JSON integer too long for Python to convert: kept as text so the
    range check reports it, as it does for the same digits in a CSV cell."""


def _parse_int(digits: str) -> int | _HugeInt:
    return _HugeInt(digits) if len(digits) > 4000 else int(digits)


def parse_json(text: str) -> Any:
    """json.loads, with integers of any length (Python refuses to convert over 4,300 digits)."""
    return json.loads(text, parse_int=_parse_int)


def _finite(value: float) -> bool:
    """Whether a JSON number is a finite float (an integer too large for a float is not:
    the models refuse it, as the CSV reader refuses its digits)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _cell(column: Column, value: Any) -> tuple[Any, str | None]:
    """JSON value -> (cell text or list of texts, type problem or None), strict like the models.

    Null is no value, except for a list: the models' lists are never null (an empty
    list is ``[]``), so a null there is a type error, as the models say."""
    kind = column.kind
    if value is None:
        return (None, "should be a list of strings, not null") if kind == "list" else (None, None)
    if isinstance(value, _HugeInt):
        return (
            (str(value), None) if kind == "integer" else (None, f"should be a {kind}, not a number")
        )
    if kind == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None, "should be a list of strings"
        return value, None
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return None, f"should be an integer, not {json.dumps(value)[:40]}"
        return str(value), None
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not _finite(value):
            return None, f"should be a number, not {json.dumps(value)[:40]}"
        return repr(float(value)), None
    if not isinstance(value, str):
        return None, f"should be a string, not {json.dumps(value)[:40]}"
    return value, None


def _in_record(
    code: Code, file: str, message: str, row: int | None, loc: str, key: str, value: Any = None
) -> Finding:
    """A finding at ``key`` of the record at ``loc`` (on line ``row`` of a JSONL file)."""
    return finding(code, file, message, row=row, fieldname=join_loc(loc, key), value=value)


class _Missing:
    """A key an object does not have (a list that is missing is no value; one that is
    null is a type error)."""


_MISSING = _Missing()
#: The Python types of the values each kind of column takes as they are, without a
#: look at each value (a bool is not an int here: ``type(True) is bool``).
_PLAIN: dict[str, frozenset[type]] = {
    "integer": frozenset((int, type(None))),
    "number": frozenset((int, float, type(None))),
    "list": frozenset((list, _Missing)),
    "text": frozenset((str, type(None))),
}


class _Rows:
    """One table's rows from JSON objects, turned into columns of cell text a batch of
    :data:`BATCH` objects at a time.

    A batch's values are taken a column at a time: when a column's values all have a
    type it takes as it is (text for a text column, whole numbers for an integer
    one), the column is made in one step; only a column holding some other value is
    looked at value by value (:func:`_cell`), and each wrong value reported. The
    batches' columns are then joined, so the objects are let go a batch at a time.
    """

    #: How many objects are gathered before they become columns.
    BATCH = 5000

    def __init__(self, table: str, standard: Standard | None = None) -> None:
        self.name = table
        self.columns = (standard or current_standard()).columns(table)
        self.known = frozenset(c.name for c in self.columns)
        self._objects: list[dict[str, Any]] = []
        self._given: list[Any] = []  # the value of a column the caller gives (incident_id)
        self._given_column: str | None = None
        self._rows: list[int | None] = []
        self._locs: list[str] = []
        #: extension keys, in the order they first appear
        self.extensions: dict[str, None] = {}
        self._chunks: list[pl.DataFrame] = []
        self._allowed: dict[frozenset[str], frozenset[str]] = {}  # known | skip, by skip

    def add(
        self,
        obj: Any,
        loc: str,
        row: int | None,
        file: str,
        findings: FindingLog,
        given: tuple[str, Any] | None = None,
        skip: frozenset[str] = frozenset(),
    ) -> None:
        """Take one object; ``given`` is a column's value that the caller supplies
        (a child's incident_id), ``skip`` keys read elsewhere (an incident's lists)."""
        if not isinstance(obj, dict):
            findings.append(
                finding(Code.JSON_ERROR, file, "should be a JSON object", row=row, fieldname=loc)
            )
            return
        allowed = self._allowed.get(skip)
        if allowed is None:
            allowed = self._allowed[skip] = self.known | skip
        if not obj.keys() <= allowed:
            self._unknown_keys(obj, loc, row, file, findings, skip)
        self._objects.append(obj)
        if given is not None:
            self._given_column = given[0]
            self._given.append(given[1])
        self._rows.append(row)
        self._locs.append(loc)
        if len(self._objects) >= self.BATCH:
            self._flush(file, findings)

    def _unknown_keys(
        self,
        obj: dict[str, Any],
        loc: str,
        row: int | None,
        file: str,
        findings: FindingLog,
        skip: frozenset[str],
    ) -> None:
        """Report each key that is no column: an extension (named once, the first time
        it is met), or a mistake (with the column it may mean)."""
        for key in obj:
            if key in self.known or key in skip:
                continue
            if is_extension(key):
                if key not in self.extensions:
                    self.extensions[key] = None
                    findings.append(extension_finding(file, key, row=row))
                continue
            guess = difflib.get_close_matches(key[:100], self.known, n=1)
            hint = f"; did you mean {guess[0]!r}?" if guess else ""
            findings.append(
                _in_record(
                    Code.EXTRA_COLUMN,
                    file,
                    f"unexpected key {key[:100]!r}{hint}",
                    row,
                    loc,
                    key[:100],
                )
            )

    def _flush(self, file: str, findings: FindingLog) -> None:
        """The batch's objects -> one frame of columns, and the objects let go."""
        if not self._objects:
            return
        objects, rows, locs = self._objects, self._rows, self._locs
        data: dict[str, pl.Series] = {}
        bad: dict[str, pl.Series] = {}
        # each object's values read at once (its dict at hand), then turned into
        # columns; only the columns some object of the batch has
        present = set().union(*objects)
        if self._given_column is not None:
            present.add(self._given_column)
        columns = [c for c in self.columns if c.name in present]
        names = [c.name for c in columns]
        absent = [_MISSING if c.kind == "list" else None for c in columns]
        by_column = zip(*[tuple(map(o.get, names, absent)) for o in objects], strict=True)
        for column, read in zip(columns, by_column, strict=True):
            values = self._given if column.name == self._given_column else list(read)
            series, wrong = self._column(column, values, rows, locs, file, findings)
            if series is not None:
                data[column.name] = series
            if wrong is not None:
                bad[f"{TYPE_BAD_PREFIX}{column.name}"] = wrong
        for key in self.extensions:
            texts = [o.get(key) for o in objects]
            if not set(map(type, texts)) <= _PLAIN["text"]:
                texts = [
                    self._extension_text(key, value, loc, row, file, findings)
                    for value, loc, row in zip(texts, locs, rows, strict=True)
                ]
            data[key] = pl.Series(key, texts, dtype=pl.String)
        data.update(bad)
        data[ROW] = pl.Series(ROW, rows, dtype=pl.Int64)
        data[LOC] = pl.Series(LOC, locs, dtype=pl.String)
        self._chunks.append(pl.DataFrame(data))
        self._objects, self._given, self._rows, self._locs = [], [], [], []

    def _column(
        self,
        column: Column,
        values: list[Any],
        rows: list[int | None],
        locs: list[str],
        file: str,
        findings: FindingLog,
    ) -> tuple[pl.Series | None, pl.Series | None]:
        """One column of a batch (None when no object gives it a value), and which
        rows held a value of the wrong type (None when none did)."""
        kind = column.kind if column.kind in _PLAIN else "text"
        types = set(map(type, values))
        # a null list is a wrong value (the models' lists are never null), not an absent one
        absent = {_Missing} if kind == "list" else {type(None), _Missing}
        if types <= absent:
            return None, None
        plain = types <= _PLAIN[kind]
        if plain and kind == "number":
            plain = all(map(_finite, filter(None, values)))
        elif plain and kind == "list":  # and every item text
            lists = (v for v in values if v is not _MISSING)
            plain = set(map(type, itertools.chain.from_iterable(lists))) <= {str}
        wrong: list[bool] | None = None
        if not plain:
            wrong = [False] * len(values)
            cells = []
            for k, (value, loc, row) in enumerate(zip(values, locs, rows, strict=True)):
                cell, problem = (None, None) if value is _MISSING else _cell(column, value)
                if problem:
                    findings.append(
                        _in_record(
                            Code.TYPE_ERROR,
                            file,
                            f"{column.name} {problem}",
                            row,
                            loc,
                            column.name,
                            value=value if not isinstance(value, (dict, list)) else None,
                        )
                    )
                    wrong[k] = True
                cells.append(cell if problem is None else None)
            values = cells
        elif kind == "integer":
            values = [None if v is None else str(v) for v in values]
        elif kind == "number":
            values = [None if v is None else repr(float(v)) for v in values]
        marks = None if wrong is None else pl.Series(wrong, dtype=pl.Boolean)
        if column.kind == "list":
            return _list_series(column.name, values), marks
        return pl.Series(column.name, values, dtype=pl.String), marks

    def _extension_text(
        self, key: str, value: Any, loc: str, row: int | None, file: str, findings: FindingLog
    ) -> str | None:
        """An extension's value: text (or null), nothing else."""
        if value is None or isinstance(value, str):
            return value
        findings.append(
            _in_record(
                Code.TYPE_ERROR,
                file,
                f"extension field {key} holds text, not {json.dumps(value)[:40]}",
                row,
                loc,
                key,
            )
        )
        return None

    def table(self, file: str, findings: FindingLog) -> Table:
        self._flush(file, findings)
        schema: dict[str, Any] = {
            c.name: (pl.List(pl.String) if c.kind == "list" else pl.String) for c in self.columns
        }
        frame = (
            pl.concat(self._chunks, how="diagonal")
            if self._chunks
            else pl.DataFrame(schema={ROW: pl.Int64, LOC: pl.String})
        )
        self._chunks = []
        given = set(frame.columns)  # asked once: each ask builds the list of names
        marks = [n for n in frame.columns if n.startswith(TYPE_BAD_PREFIX)]
        lazy = frame.lazy().with_columns(
            *(pl.col(n).fill_null(False) for n in marks),
            # a column no object gave a value: a constant, never a column of nulls
            *(pl.lit(None, dtype=dtype).alias(n) for n, dtype in schema.items() if n not in given),
        )
        extensions = [n for n in self.extensions if n in given]
        lazy = lazy.select(*schema, *extensions, *marks, ROW, LOC)
        return Table(name=self.name, file=file, lazy=lazy, present=list(schema), from_json=True)


def _list_series(name: str, cells: list[Any]) -> pl.Series:
    """A list column from its cells (a list of texts, or None for no value), built
    from its items in one flat Series grouped by row: Polars builds a Series per cell
    from a list of lists, which would cost most of the time of reading a document."""
    given = [isinstance(cell, list) for cell in cells]
    owners = [k for k, cell in enumerate(cells) if isinstance(cell, list) for _ in cell]
    items = [item for cell in cells if isinstance(cell, list) for item in cell]
    grouped = (
        pl.DataFrame(
            {"__pos": pl.Series(owners, dtype=pl.Int64), name: pl.Series(items, dtype=pl.String)}
        )
        .group_by("__pos", maintain_order=True)
        .agg(pl.col(name))
    )
    return (
        pl.DataFrame(
            {
                "__pos": pl.int_range(len(cells), eager=True, dtype=pl.Int64),
                "__given": pl.Series(given, dtype=pl.Boolean),
            }
        )
        .join(grouped, on="__pos", how="left", maintain_order="left")
        .select(
            pl.when(pl.col("__given"))
            .then(pl.col(name).fill_null(pl.lit([], dtype=pl.List(pl.String))))
            .alias(name)
        )
        .to_series()
    )


@functools.cache
def _key_set(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(names)


def _incident_rows(
    incident: Any,
    loc: str,
    row: int | None,
    file: str,
    tables: dict[str, _Rows],
    findings: FindingLog,
    children: tuple[str, ...],
) -> None:
    """One incident's rows, and its ``children``'s (the child tables read, in order)."""
    tables["incidents"].add(incident, loc, row, file, findings, skip=_key_set(children))
    if not isinstance(incident, dict):
        return
    incident_id = incident.get("id")
    parent = ("incident_id", incident_id if isinstance(incident_id, str) else None)
    for child in children:
        items = incident.get(child, [])
        if not isinstance(items, list):
            findings.append(
                _in_record(
                    Code.JSON_ERROR,
                    file,
                    f"{child} should be a list",
                    row,
                    loc,
                    child,
                )
            )
            continue
        for k, item in enumerate(items):
            if isinstance(item, dict) and "incident_id" in item:
                findings.append(
                    _in_record(
                        Code.EXTRA_COLUMN,
                        file,
                        "unexpected key 'incident_id' (implied by the enclosing incident)",
                        row,
                        loc,
                        f"{child}[{k}].incident_id",
                    )
                )
            tables[child].add(item, join_loc(loc, f"{child}[{k}]"), row, file, findings, parent)


#: The largest JSON document or JSONL file read. Both are read a block at a time (and
#: a JSONL file a line at a time), so what they cost is the tables they hold, not
#: their text; a dataset document is about four times the size of the same data as
#: CSV, hence four times the limit on a CSV table.
MAX_JSON_BYTES = 4 * MAX_FILE_BYTES
#: The longest line of a JSONL file (one incident) read.
MAX_LINE_BYTES = MAX_VALUE_CHARS
#: The top-level lists of a dataset document, read a record at a time.
_LISTS = frozenset(("actors", "sources", "incidents"))


def _open(path: Path, root: Path, loaded: Loaded) -> BinaryIO | None:
    """The file opened for reading, or None with the finding that says why not."""
    file = relative(path, root)
    try:
        size = path.stat().st_size
        if size > MAX_JSON_BYTES:
            loaded.findings.append(
                finding(
                    Code.FILE_TOO_LARGE,
                    file,
                    f"the file is {size} bytes, more than the {MAX_JSON_BYTES} accepted",
                )
            )
            loaded.readable = False
            return None
        return path.open("rb")
    except FileNotFoundError:
        loaded.findings.append(finding(Code.MISSING_FILE, file, "no such file"))
    except OSError as exc:
        loaded.findings.append(
            finding(Code.MISSING_FILE, file, f"cannot be read: {exc.strerror or exc}")
        )
    loaded.readable = False
    return None


def _unreadable(loaded: Loaded, file: str, exc: JsonStreamError) -> Loaded:
    """The loaded input marked unreadable, with the finding ``exc`` is."""
    if exc.offset is not None:
        found = finding(Code.ENCODING_ERROR, file, f"{exc.message} at offset {exc.offset}")
    elif isinstance(exc, TooLargeError):
        found = finding(Code.FILE_TOO_LARGE, file, exc.message, row=exc.line)
    elif isinstance(exc, NotAnObjectError):
        found = finding(Code.JSON_ERROR, file, exc.message)
    else:
        found = finding(Code.JSON_ERROR, file, f"not valid JSON: {exc.message}", row=exc.line)
    loaded.findings.append(found)
    loaded.readable = False
    loaded.tables = {}
    return loaded


def load_json(path: Path, log: FindingLog, lists: frozenset[str] = _LISTS) -> Loaded:
    """A dataset document's tables, read a record at a time (:mod:`.json_stream`);
    only the ``lists`` wanted become tables (the others are read, as JSON, and let go).

    The records are read by the columns of the standard version the document
    declares. A document that opens its lists before saying which (the normal form
    says it first) is read by the current standard's columns, and read again if its
    metadata turns out to name another: its findings are kept apart until then."""
    first = FindingLog(log.per_code)
    loaded = _load_json(path, first, lists)
    declared = standard_of(loaded.metadata)
    if loaded.readable and loaded.standard.version != declared.version:
        return _load_json(path, log, lists, declared)
    log.absorb(first)
    loaded.findings = log
    return loaded


def _load_json(
    path: Path, log: FindingLog, lists: frozenset[str], standard: Standard | None = None
) -> Loaded:
    """:func:`load_json`, by the columns of ``standard`` (else of the one declared
    before the first list, or the current one)."""
    root = path.parent
    loaded = Loaded(root=root, metadata_file=path.name, findings=log)
    file = relative(path, root)
    handle = _open(path, root, loaded)
    if handle is None:
        return loaded
    metadata: dict[str, Any] = {}
    tables: dict[str, _Rows] = {}
    children: tuple[str, ...] = ()  # the child tables of the standard read by, in order

    def start_tables(_: str = "") -> None:
        nonlocal children
        if not tables:
            loaded.standard = standard or standard_of(metadata)
            tables.update({name: _Rows(name, loaded.standard) for name in loaded.standard.tables})
            children = tuple(t for t in CHILD_TABLES if t in tables)

    with handle, collector_paused():
        try:
            for event in walk_document(JsonText(handle, _parse_int), _LISTS, start_tables):
                if isinstance(event, Item):
                    loc = f"{event.key}[{event.index}]"
                    if event.key not in lists:
                        continue
                    if event.key == "incidents":
                        _incident_rows(
                            event.value, loc, None, file, tables, loaded.findings, children
                        )
                    else:
                        tables[event.key].add(event.value, loc, None, file, loaded.findings)
                elif event[0] in _LISTS:
                    loaded.findings.append(
                        finding(
                            Code.JSON_ERROR,
                            file,
                            f"{event[0]} should be a list",
                            fieldname=event[0],
                        )
                    )
                else:
                    metadata[event[0]] = event[1]
        except JsonStreamError as exc:
            return _unreadable(loaded, file, exc)
    start_tables()
    loaded.metadata = metadata
    loaded.tables = {
        name: rows.table(file, loaded.findings)
        for name, rows in tables.items()
        if name in lists or (name in CHILD_TABLES and "incidents" in lists)
    }
    return loaded


def _lines(handle: BinaryIO) -> Iterator[tuple[int, str]]:
    """The lines of a JSONL file that hold something, numbered from 1, each decoded
    alone (a leading BOM dropped); JsonStreamError for bytes that are not UTF-8 or a
    line longer than :data:`MAX_LINE_BYTES`."""
    utf8 = Utf8()
    number = 0
    while raw := handle.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(raw) > MAX_LINE_BYTES:
            message = f"the line is longer than {MAX_LINE_BYTES} bytes, more than is read"
            raise TooLargeError(message, number)
        line = utf8.decode(raw, final=not raw.endswith(b"\n"))
        if line.strip():
            yield number, line


def load_jsonl(path: Path, log: FindingLog) -> Loaded:
    """A JSONL file's incidents, read a line at a time, with the actors and sources of
    the dataset.json or datapackage.json beside it."""
    root = path.parent
    companion = next((root / n for n in ("dataset.json", DESCRIPTOR) if (root / n).exists()), None)
    if companion is not None:
        loaded = (
            load_json(companion, log, frozenset(("actors", "sources")))
            if companion.name == "dataset.json"
            else load_package(companion, log)
        )
        loaded.tables = {k: v for k, v in loaded.tables.items() if k in ("actors", "sources")}
        loaded.pending = {k: v for k, v in loaded.pending.items() if k in ("actors", "sources")}
    else:
        loaded = Loaded(root=root, complete=False, findings=log)
        loaded.findings.append(
            finding(
                Code.MISSING_FILE,
                path.name,
                "a JSONL file holds incidents only: put the dataset.json or datapackage.json "
                "that holds its metadata, actors and sources beside it",
            )
        )
    handle = _open(path, root, loaded)
    if handle is None:
        return loaded
    file = relative(path, root)
    tables = {
        name: _Rows(name, loaded.standard)
        for name in loaded.standard.tables
        if name not in ("actors", "sources")
    }
    children = tuple(t for t in CHILD_TABLES if t in tables)
    with handle, collector_paused():
        try:
            for number, line in _lines(handle):
                try:
                    incident = parse_json(line)
                except (ValueError, RecursionError):
                    loaded.findings.append(
                        finding(Code.JSON_ERROR, file, "the line is not valid JSON", row=number)
                    )
                    continue
                _incident_rows(incident, "", number, file, tables, loaded.findings, children)
        except JsonStreamError as exc:
            return _unreadable(loaded, file, exc)
    for name, rows in tables.items():
        loaded.tables[name] = rows.table(file, loaded.findings)
    return loaded


#: A finding's field in a dataset document, ``incidents[3].claims[0].method``: the
#: top-level list and the index of the record it lies in.
_ELEMENT = re.compile(r"^(incidents|actors|sources)\[(\d+)\]")


def element_lines(text: JsonText, wanted: dict[str, int]) -> dict[tuple[str, int], int]:
    """The line on which each record of the document's top-level lists starts, for the
    lists in ``wanted`` up to the index given there.

    The document is read as :func:`load_json` reads it, up to the last record wanted;
    a document that is not well formed gives what was found before the fault.
    """
    lines: dict[tuple[str, int], int] = {}
    try:
        for event in walk_document(text, _LISTS):
            if isinstance(event, Item) and event.index <= wanted.get(event.key, -1):
                lines[(event.key, event.index)] = event.line
                if len(lines) == sum(top + 1 for top in wanted.values()):
                    break
    except JsonStreamError:
        pass
    return lines


def locate_in_documents(findings: list[Finding], root: Path) -> list[Finding]:
    """Findings in a dataset .json document, given the line their record starts on (as
    a CSV finding has its row), so a GitHub annotation points at the place."""
    places = [
        (f, _ELEMENT.match(f.field or "") if f.row is None and f.file.endswith(".json") else None)
        for f in findings
    ]
    wanted: dict[str, dict[str, int]] = {}
    for f, match in places:
        if match:
            top = wanted.setdefault(f.file, {})
            top[match[1]] = max(top.get(match[1], 0), int(match[2]))
    if not wanted:
        return findings
    found: dict[str, dict[tuple[str, int], int]] = {}
    for file, lists in wanted.items():
        try:
            with (root / file).open("rb") as handle:
                found[file] = element_lines(JsonText(handle, _parse_int), lists)
        except OSError:
            continue
    located = []
    for f, match in places:
        line = found.get(f.file, {}).get((match[1], int(match[2]))) if match else None
        located.append(dataclasses.replace(f, row=line) if line is not None else f)
    return located
