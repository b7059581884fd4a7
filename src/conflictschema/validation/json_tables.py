"""Loading dataset JSON documents and JSONL files into tables of cell text.

JSON values are checked against their column's type as strictly as the models check
them (a string where a number belongs is a type error), then stored as text, so the
same cell checks run on JSON as on CSV.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import polars as pl

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
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not math.isfinite(value)
        ):
            return None, f"should be a number, not {json.dumps(value)[:40]}"
        return repr(float(value)), None
    if not isinstance(value, str):
        return None, f"should be a string, not {json.dumps(value)[:40]}"
    return value, None


class _Rows:
    """Accumulates one table's rows from JSON objects.

    Cells are kept sparsely (only values that are present), so a million empty or
    near-empty objects cost little more than their locations.
    """

    def __init__(self, table: str, standard: Standard | None = None) -> None:
        self.name = table
        self.columns = (standard or current_standard()).columns(table)
        self.known = frozenset(c.name for c in self.columns)
        self.count = 0
        #: column -> (row positions, cell values) of the cells that hold a value
        self.cells: dict[str, tuple[list[int], list[Any]]] = {
            c.name: ([], []) for c in self.columns
        }
        #: extension key -> (row positions, texts), in the order the keys first appear
        self.extensions: dict[str, tuple[list[int], list[str]]] = {}
        self.rows: list[int | None] = []
        self.locs: list[str] = []
        #: column -> row positions whose JSON value had the wrong type (reported here)
        self.type_bad: dict[str, list[int]] = {}

    def add(
        self,
        obj: Any,
        loc: str,
        row: int | None,
        file: str,
        findings: FindingLog,
        extra: dict[str, Any] | None = None,
        skip: tuple[str, ...] = (),
    ) -> None:
        if not isinstance(obj, dict):
            findings.append(
                finding(Code.JSON_ERROR, file, "should be a JSON object", row=row, fieldname=loc)
            )
            return
        position = self.count
        for key in obj:
            if key in self.known or key in skip:
                continue
            if is_extension(key):
                self._extension(key, obj[key], position, loc, row, file, findings)
            else:
                guess = difflib.get_close_matches(key[:100], self.known, n=1)
                hint = f"; did you mean {guess[0]!r}?" if guess else ""
                findings.append(
                    finding(
                        Code.EXTRA_COLUMN,
                        file,
                        f"unexpected key {key[:100]!r}{hint}",
                        row=row,
                        fieldname=join_loc(loc, key[:100]),
                    )
                )
        values = {**obj, **extra} if extra else obj
        for column in self.columns:
            if column.name not in values:
                continue
            raw = values[column.name]
            cell, problem = _cell(column, raw)
            if cell is None and problem is None:
                continue
            if problem:
                findings.append(
                    finding(
                        Code.TYPE_ERROR,
                        file,
                        f"{column.name} {problem}",
                        row=row,
                        fieldname=join_loc(loc, column.name),
                        value=raw if not isinstance(raw, (dict, list)) else None,
                    )
                )
                self.type_bad.setdefault(column.name, []).append(position)
                continue
            positions, cells = self.cells[column.name]
            positions.append(position)
            cells.append(cell)
        self.count += 1
        self.rows.append(row)
        self.locs.append(loc)

    def _extension(
        self,
        key: str,
        value: Any,
        position: int,
        loc: str,
        row: int | None,
        file: str,
        findings: FindingLog,
    ) -> None:
        """Keep an extension value: text (or null), nothing else."""
        if key not in self.extensions:
            self.extensions[key] = ([], [])
            findings.append(extension_finding(file, key, row=row))
        if value is None:
            return
        if not isinstance(value, str):
            findings.append(
                finding(
                    Code.TYPE_ERROR,
                    file,
                    f"extension field {key} holds text, not {json.dumps(value)[:40]}",
                    row=row,
                    fieldname=join_loc(loc, key),
                )
            )
            return
        positions, texts = self.extensions[key]
        positions.append(position)
        texts.append(value)

    def _full(self, positions: list[int], values: list[Any], fill: Any) -> list[Any]:
        """The column as a list of every row's value, ``fill`` where it holds none."""
        full: list[Any] = [fill] * self.count
        for position, value in zip(positions, values, strict=True):
            full[position] = value
        return full

    def _list_column(self, name: str, positions: list[int], cells: list[Any]) -> pl.Series:
        """A list column built from its items in one flat Series and grouped by row:
        Polars builds a Series per cell from a list of lists, which costs most of the
        time of loading a large JSON document."""
        owners = [p for p, cell in zip(positions, cells, strict=True) for _ in cell]
        items = [item for cell in cells for item in cell]
        grouped = (
            pl.DataFrame(
                {
                    "__pos": pl.Series(owners, dtype=pl.Int64),
                    name: pl.Series(items, dtype=pl.String),
                }
            )
            .group_by("__pos", maintain_order=True)
            .agg(pl.col(name))
        )
        given = pl.Series(
            "__given", self._full(positions, [True] * len(positions), False), dtype=pl.Boolean
        )
        return (
            pl.DataFrame({"__pos": pl.int_range(self.count, eager=True, dtype=pl.Int64)})
            .with_columns(given)
            .join(grouped, on="__pos", how="left", maintain_order="left")
            .select(
                pl.when(pl.col("__given"))
                .then(pl.col(name).fill_null(pl.lit([], dtype=pl.List(pl.String))))
                .alias(name)
            )
            .to_series()
        )

    def table(self, file: str) -> Table:
        schema: dict[str, Any] = {
            c.name: (pl.List(pl.String) if c.kind == "list" else pl.String) for c in self.columns
        }
        data: dict[str, pl.Series] = {}
        #: Columns no object gave a value: a constant, never a column of a million nulls.
        empty = [name for name in schema if not self.cells[name][0]]
        for name, dtype in schema.items():
            if name in empty:
                continue
            if isinstance(dtype, pl.List):
                data[name] = self._list_column(name, *self.cells[name])
                continue
            # One column at a time from a Python list. (Series.scatter would be lighter,
            # but Polars 2.1 then counts equal long strings as different in group_by.)
            data[name] = pl.Series(name, self._full(*self.cells[name], None), dtype=dtype)
        for name, (positions, texts) in self.extensions.items():
            data[name] = pl.Series(name, self._full(positions, texts, None), dtype=pl.String)
        for name, positions in self.type_bad.items():
            marks = self._full(positions, [True] * len(positions), False)
            data[f"{TYPE_BAD_PREFIX}{name}"] = pl.Series(marks, dtype=pl.Boolean)
        data[ROW] = pl.Series(ROW, self.rows, dtype=pl.Int64)
        data[LOC] = pl.Series(LOC, self.locs, dtype=pl.String)
        lazy = (
            pl.DataFrame(data)
            .lazy()
            .with_columns(pl.lit(None, dtype=schema[name]).alias(name) for name in empty)
        )
        return Table(name=self.name, file=file, lazy=lazy, present=list(schema), from_json=True)


def _incident_rows(
    incident: Any,
    loc: str,
    row: int | None,
    file: str,
    tables: dict[str, _Rows],
    findings: FindingLog,
) -> None:
    children = [t for t in CHILD_TABLES if t in tables]
    tables["incidents"].add(incident, loc, row, file, findings, skip=tuple(children))
    if not isinstance(incident, dict):
        return
    incident_id = incident.get("id")
    for child in children:
        items = incident.get(child, [])
        if not isinstance(items, list):
            findings.append(
                finding(
                    Code.JSON_ERROR,
                    file,
                    f"{child} should be a list",
                    row=row,
                    fieldname=join_loc(loc, child),
                )
            )
            continue
        for k, item in enumerate(items):
            if isinstance(item, dict) and "incident_id" in item:
                findings.append(
                    finding(
                        Code.EXTRA_COLUMN,
                        file,
                        "unexpected key 'incident_id' (implied by the enclosing incident)",
                        row=row,
                        fieldname=join_loc(loc, f"{child}[{k}].incident_id"),
                    )
                )
                item = {key: v for key, v in item.items() if key != "incident_id"}
            tables[child].add(
                item,
                join_loc(loc, f"{child}[{k}]"),
                row,
                file,
                findings,
                extra={"incident_id": incident_id if isinstance(incident_id, str) else None},
            )


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
    elif isinstance(exc, NotAnObjectError):
        found = finding(Code.JSON_ERROR, file, exc.message)
    else:
        found = finding(Code.JSON_ERROR, file, f"not valid JSON: {exc.message}", row=exc.line)
    loaded.findings.append(found)
    loaded.readable = False
    loaded.tables = {}
    return loaded


def _declared_metadata(path: Path) -> dict[str, Any]:
    """The members of a document that are not its lists, read through to its end: for
    a document that opens a list before it says its standard version."""
    metadata: dict[str, Any] = {}
    with path.open("rb") as handle:
        try:
            for event in walk_document(JsonText(handle, _parse_int), _LISTS):
                if not isinstance(event, Item):
                    metadata[event[0]] = event[1]
        except JsonStreamError:
            pass  # the reading proper reports it
    return metadata


def load_json(path: Path, log: FindingLog) -> Loaded:
    """A dataset document's tables, read a record at a time (:mod:`.json_stream`)."""
    root = path.parent
    loaded = Loaded(root=root, metadata_file=path.name, findings=log)
    file = relative(path, root)
    handle = _open(path, root, loaded)
    if handle is None:
        return loaded
    metadata: dict[str, Any] = {}
    tables: dict[str, _Rows] = {}

    def start_tables(_: str = "") -> None:
        """The tables, by the columns of the standard the document declares: known
        before its first record, or else found by reading on to the end first."""
        if tables:
            return
        declared = metadata if "standard_version" in metadata else _declared_metadata(path)
        loaded.standard = standard_of(declared)
        tables.update({name: _Rows(name, loaded.standard) for name in loaded.standard.tables})

    with handle:
        try:
            for event in walk_document(JsonText(handle, _parse_int), _LISTS, start_tables):
                if isinstance(event, Item):
                    loc = f"{event.key}[{event.index}]"
                    if event.key == "incidents":
                        _incident_rows(event.value, loc, None, file, tables, loaded.findings)
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
    loaded.tables = {name: rows.table(file) for name, rows in tables.items()}
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
            raise JsonStreamError(f"the line is longer than {MAX_LINE_BYTES} bytes", number)
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
            load_json(companion, log)
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
    with handle:
        try:
            for number, line in _lines(handle):
                try:
                    incident = parse_json(line)
                except (ValueError, RecursionError):
                    loaded.findings.append(
                        finding(Code.JSON_ERROR, file, "the line is not valid JSON", row=number)
                    )
                    continue
                _incident_rows(incident, "", number, file, tables, loaded.findings)
        except JsonStreamError as exc:
            if exc.offset is None:  # a line too long
                loaded.findings.append(finding(Code.JSON_ERROR, file, exc.message, row=exc.line))
                loaded.readable = False
                return loaded
            return _unreadable(loaded, file, exc)
    for name, rows in tables.items():
        loaded.tables[name] = rows.table(file)
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
