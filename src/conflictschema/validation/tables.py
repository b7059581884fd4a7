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
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import polars as pl

from conflictschema.errors import ReadError
from conflictschema.io.csv_package import (
    DESCRIPTOR,
    check_header,
    hide_nul,
    metadata_from_descriptor,
    read_descriptor,
    resolve_package,
    resource_paths,
)
from conflictschema.io.files import MAX_FILE_BYTES
from conflictschema.models.columns import TABLE_MODELS, columns
from conflictschema.models.rules import RULES, define_rule
from conflictschema.validation.findings import Finding

ROW = "__row"
LOC = "__loc"

COLUMN_ORDER = define_rule(
    "column-order",
    "The columns are all there but in another order than the table's schema; Frictionless "
    "matches columns by position, so write them in schema order.",
    layer="structure",
)


@dataclass
class Table:
    """One table's cells as text, not yet read: ``lazy`` yields the present columns plus
    ROW (and LOC for JSON). For a CSV, ``exact`` re-reads it with Python's csv module
    when Polars refuses the file or cannot place its short rows."""

    name: str
    file: str
    lazy: pl.LazyFrame
    present: list[str]
    from_json: bool = False
    path: Path | None = None
    width: int = 0
    exact: Callable[[list[Finding]], pl.DataFrame] | None = None


Reader = Callable[[list[Finding]], "Table | None"]


@dataclass
class Loaded:
    """Everything read from one input.

    CSV tables wait in ``pending`` until ``take`` reads them one at a time, so only one
    table's raw text need be in memory at once.
    """

    root: Path
    tables: dict[str, Table] = field(default_factory=dict)
    pending: dict[str, Reader] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    metadata: dict[str, Any] | None = None
    metadata_file: str | None = None
    readable: bool = True
    #: False for a single table, or JSONL without its companions: no orphan checks then.
    complete: bool = True

    def take(self, name: str, findings: list[Finding]) -> Table | None:
        """The table called ``name``, reading it now if it is pending."""
        if name in self.pending:
            table = self.pending.pop(name)(findings)
            if table is None:
                self.complete = False
            else:
                self.tables[name] = table
        return self.tables.get(name)


def finding(
    code: str,
    file: str,
    message: str,
    row: int | None = None,
    fieldname: str | None = None,
    value: Any = None,
) -> Finding:
    return Finding(
        code=code,
        severity=RULES[code].severity if code in RULES else "error",
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


def _header(path: Path) -> list[str] | None:
    with path.open("rb") as handle:
        text = handle.read(1 << 20).decode("utf-8-sig", errors="replace")
    try:
        return next(csv.reader(io.StringIO(text, newline="")), None)
    except csv.Error:
        return None


def _exact_rows(
    raw: bytes, file: str, width: int, findings: list[Finding]
) -> tuple[list[list[str]], list[int]]:
    """Every record, read by Python's csv module: slow, exact, and it says where a file breaks."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        findings.append(
            finding(
                "encoding-error",
                file,
                f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start} (line {line}); save the file as UTF-8 (the bad bytes are read as U+FFFD below)",
                row=line,
            )
        )
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
                        "ragged-row",
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
                "csv-error",
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
    second look. When every record is one line, each candidate line is re-read with
    Python's csv module.
    """
    lines = path.read_bytes().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if len(lines) != height + 1:
        return None  # some record spans lines (a quoted line break): line k is not record k
    try:
        texts = [lines[k + 1].decode("utf-8") for k in candidates]
        return [
            k
            for k, cells in zip(candidates, csv.reader(texts, strict=True), strict=True)
            if len(cells) != width
        ]
    except (UnicodeDecodeError, csv.Error):
        return None


def _empty_is_null(names: list[str]) -> list[pl.Expr]:
    return [pl.when(pl.col(n) == "").then(None).otherwise(pl.col(n)).alias(n) for n in names]


def exact_csv_text(
    path: Path, file: str, names: list[str], present: list[str], findings: list[Finding]
) -> pl.DataFrame:
    rows, numbers = _exact_rows(path.read_bytes(), file, len(names), findings)
    data: dict[str, Any] = {n: [r[i] for r in rows] for i, n in enumerate(names)}
    data[ROW] = numbers
    frame = pl.DataFrame(data, schema={**{n: pl.String for n in names}, ROW: pl.Int64})
    return frame.select(*_empty_is_null(present), ROW)


def load_csv_table(table: str, path: Path, root: Path, findings: list[Finding]) -> Table | None:
    """Read one table's CSV; None when nothing in it can be checked."""
    file = relative(path, root)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            findings.append(
                finding(
                    "file-too-large",
                    file,
                    f"the file is {size} bytes, more than the {MAX_FILE_BYTES} accepted",
                )
            )
            return None
        header = _header(path)
    except OSError as exc:
        findings.append(finding("missing-file", file, f"cannot be read: {exc.strerror or exc}"))
        return None
    if not header:
        findings.append(
            finding(
                "missing-header", file, "the file is empty; it needs at least the header row", row=1
            )
        )
        return None
    expected = [c.name for c in columns(table)]
    for problem in check_header(file, header, expected):
        findings.append(
            finding(problem.code, file, problem.message, row=1, fieldname=problem.field)
        )
    if sorted(header) == sorted(expected) and header != expected:
        findings.append(
            finding(
                COLUMN_ORDER,
                file,
                f"columns are in another order than the schema ({', '.join(expected)})",
                row=1,
            )
        )
    names = [
        name if name in expected and header.index(name) == i else f"__ignored{i}"
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
        name=table, file=file, lazy=lazy, present=present, path=path, width=len(names), exact=exact
    )


def _table_for_csv(path: Path) -> str | None:
    if path.stem in TABLE_MODELS:
        return path.stem
    header = set(_header(path) or [])
    scores = {t: len(header & {c.name for c in columns(t)}) for t in TABLE_MODELS}
    best = max(scores, key=lambda t: scores[t])
    return best if scores[best] >= 2 else None


def load_package(path: Path) -> Loaded:
    root, descriptor = resolve_package(path)
    loaded = Loaded(root=root, metadata_file=DESCRIPTOR)
    try:
        data = read_descriptor(descriptor)
        loaded.metadata = metadata_from_descriptor(data)
        paths = resource_paths(root, data, descriptor)
    except ReadError as exc:
        loaded.findings.extend(
            finding(
                p.code if p.code != "invalid" else "missing-file",
                DESCRIPTOR,
                p.message,
                fieldname=p.field,
            )
            for p in exc.problems
        )
        loaded.readable = False
        return loaded
    for name, file in paths.items():
        loaded.pending[name] = partial(load_csv_table, name, file, root)
    return loaded


def load_single_csv(path: Path) -> Loaded:
    loaded = Loaded(root=path.parent, complete=False)
    name = _table_for_csv(path) if path.exists() else None
    if name is None:
        code = "missing-file" if not path.exists() else "unknown-format"
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
            f.code not in ("missing-file", "file-too-large") for f in loaded.findings
        )
    else:
        loaded.tables[name] = table
    return loaded
