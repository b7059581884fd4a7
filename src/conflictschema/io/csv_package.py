"""read_package / write_package: a Frictionless data package of CSV tables.

Reading turns every table into nested incident documents and validates them in one
Pydantic pass, then maps each error back to the file, spreadsheet row and column
where a person can fix it. Writing produces the normal form: rows sorted by id,
columns in model order, UTF-8, LF line ends, minimal RFC 4180 quoting.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from conflictschema.errors import Problem, ReadError
from conflictschema.generate.table_schema import generate_datapackage
from conflictschema.io.cells import CellError, format_cell, parse_cell
from conflictschema.io.files import atomic_write_text, read_text
from conflictschema.io.json_ import error_type
from conflictschema.models.columns import TABLE_MODELS, columns
from conflictschema.models.dataset import Dataset, DatasetMetadata

DESCRIPTOR = "datapackage.json"
CHILD_TABLES = ("targets", "claims")


@dataclass
class _Table:
    """The rows of one CSV table: parsed values plus each row's spreadsheet row number."""

    file: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    bad_cells: set[tuple[int, str]] = field(default_factory=set)


def resolve_package(path: Path) -> tuple[Path, Path]:
    """(package root, descriptor path) for a package directory or its datapackage.json."""
    descriptor = path / DESCRIPTOR if path.is_dir() else path
    return descriptor.parent, descriptor


def read_descriptor(descriptor: Path) -> dict[str, Any]:
    text = read_text(descriptor)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(
            Problem(
                str(descriptor),
                f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
                row=exc.lineno,
                code="json-error",
            )
        ) from None
    if not isinstance(data, dict):
        raise ReadError(
            Problem(
                str(descriptor), "a datapackage.json must hold a JSON object", code="json-error"
            )
        )
    return data


def metadata_from_descriptor(data: dict[str, Any]) -> dict[str, Any]:
    """The dataset metadata a descriptor carries, in the models' field names."""
    meta = {
        k: data[k] for k in DatasetMetadata.model_fields if k in data and k != "standard_version"
    }
    standard = data.get("conflictschema", {})
    if isinstance(standard, dict) and "standard_version" in standard:
        meta["standard_version"] = standard["standard_version"]
    return meta


def resource_paths(root: Path, data: dict[str, Any], descriptor: Path) -> dict[str, Path]:
    """Where each table's CSV lies, refusing paths that leave the package directory."""
    found: dict[str, Path] = {}
    resources = data.get("resources")
    if not isinstance(resources, list):
        raise ReadError(
            Problem(str(descriptor), "'resources' must be a list of tables", field="resources")
        )
    for resource in resources:
        if not isinstance(resource, dict) or resource.get("name") not in TABLE_MODELS:
            continue
        rel = resource.get("path")
        if not isinstance(rel, str) or rel.startswith("/") or ".." in Path(rel).parts:
            raise ReadError(
                Problem(
                    str(descriptor),
                    f"resource {resource['name']!r} has an unsafe or missing path {rel!r}; use a relative path inside the package",
                    field="resources",
                )
            )
        target = (root / rel).resolve()
        if not target.is_relative_to(root.resolve()):
            raise ReadError(
                Problem(
                    str(descriptor),
                    f"resource {resource['name']!r} path {rel!r} points outside the package (through a link)",
                    field="resources",
                )
            )
        found[resource["name"]] = root / rel
    missing = [t for t in TABLE_MODELS if t not in found]
    if missing:
        raise ReadError(
            Problem(
                str(descriptor),
                f"no resource for table(s) {', '.join(missing)}; a package lists all of {', '.join(TABLE_MODELS)}",
                field="resources",
            )
        )
    return found


def hide_nul(text: str) -> tuple[str, Callable[[str], str] | None]:
    """Python's csv module refuses NUL before 3.11: swap it for an unused character, and
    return the function that swaps it back in a cell (None when nothing was swapped)."""
    if "\x00" not in text or sys.version_info >= (3, 11):
        return text, None
    stand_in = next(chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)
    return text.replace("\x00", stand_in), lambda cell: cell.replace(stand_in, "\x00")


def _read_table(table: str, path: Path, problems: list[Problem]) -> _Table:
    result = _Table(file=str(path))
    text = read_text(path)
    expected = [c.name for c in columns(table)]
    by_name = {c.name: c for c in columns(table)}
    text, restore = hide_nul(text)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            problems.append(
                Problem(
                    str(path),
                    "the file is empty; it needs at least the header row",
                    row=1,
                    code="missing-header",
                )
            )
            return result
        header_problems = check_header(str(path), header, expected)
        problems.extend(header_problems)
        if header_problems:
            return result
        for row_number, cells in enumerate(reader, start=2):
            if len(cells) != len(header):
                problems.append(
                    Problem(
                        str(path),
                        f"the row has {len(cells)} cells but the header has {len(header)}",
                        row=row_number,
                        code="ragged-row",
                    )
                )
                continue
            values: dict[str, Any] = {}
            if restore is not None:
                cells = [restore(cell) for cell in cells]
            for name, cell in zip(header, cells, strict=True):
                try:
                    values[name] = parse_cell(by_name[name], cell)
                except CellError as exc:
                    problems.append(
                        Problem(
                            str(path),
                            str(exc),
                            row=row_number,
                            field=name,
                            code="type-error",
                            value=cell,
                        )
                    )
                    result.bad_cells.add((len(result.rows), name))
                    values[name] = cell
            result.rows.append(values)
            result.row_numbers.append(row_number)
    except csv.Error as exc:
        problems.append(
            Problem(
                str(path),
                f"not readable as CSV: {exc}",
                row=reader.line_num or None,
                code="csv-error",
            )
        )
    return result


def check_header(file: str, header: list[str], expected: list[str]) -> list[Problem]:
    """Missing, unexpected and duplicated columns, with a 'did you mean' for near misses."""
    problems = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(
                Problem(
                    file,
                    f"column {name!r} appears more than once",
                    row=1,
                    field=name,
                    code="duplicate-column",
                )
            )
        seen.add(name)
    missing = [n for n in expected if n not in seen]
    for name in header:
        if name not in expected:
            guess = difflib.get_close_matches(name, missing or expected, n=1)
            hint = (
                f"; did you mean {guess[0]!r}?"
                if guess
                else f"; expected columns are {', '.join(expected)}"
            )
            problems.append(
                Problem(
                    file,
                    f"unexpected column {name!r}{hint}",
                    row=1,
                    field=name,
                    code="extra-column",
                )
            )
    for name in missing:
        problems.append(
            Problem(
                file,
                f"column {name!r} is missing from the header",
                row=1,
                field=name,
                code="missing-column",
            )
        )
    return problems


def read_package(path: Path) -> Dataset:
    """Read a CSV data package (its directory or its datapackage.json) into a Dataset.

    Raises
    ------
    ReadError
        With every problem found, each naming file, row and field.
    """
    root, descriptor = resolve_package(path)
    data = read_descriptor(descriptor)
    paths = resource_paths(root, data, descriptor)
    problems: list[Problem] = []
    tables = {name: _read_table(name, file, problems) for name, file in paths.items()}

    incidents = [dict(row, targets=[], claims=[]) for row in tables["incidents"].rows]
    position = {row["id"]: n for n, row in enumerate(incidents) if isinstance(row.get("id"), str)}
    # loc in the nested document -> (table, index of the row in that table)
    where: dict[tuple[str | int, ...], tuple[str, int]] = {}
    for n in range(len(incidents)):
        where[("incidents", n)] = ("incidents", n)
    for name in ("actors", "sources"):
        for n in range(len(tables[name].rows)):
            where[(name, n)] = (name, n)
    for child in CHILD_TABLES:
        table = tables[child]
        for n, row in enumerate(table.rows):
            parent = position.get(row.get("incident_id"))
            if parent is None:
                problems.append(
                    Problem(
                        table.file,
                        f"incident_id {row.get('incident_id')!r} is not an id in incidents",
                        row=table.row_numbers[n],
                        field="incident_id",
                        code="fk-missing",
                    )
                )
                continue
            nested = {k: v for k, v in row.items() if k != "incident_id"}
            siblings = incidents[parent][child]
            where[("incidents", parent, child, len(siblings))] = (child, n)
            siblings.append(nested)

    document = {
        **metadata_from_descriptor(data),
        "actors": tables["actors"].rows,
        "sources": tables["sources"].rows,
        "incidents": incidents,
    }
    try:
        dataset = Dataset.model_validate(document)
    except ValidationError as exc:
        for error in exc.errors():
            problem, cell = _locate(error, where, tables, str(descriptor))
            if cell is not None and (cell[1], cell[2]) in tables[cell[0]].bad_cells:
                continue  # already reported as a type error
            problems.append(problem)
        dataset = None
    if problems or dataset is None:
        raise ReadError(problems)
    return dataset


def _locate(
    error: Any,
    where: dict[tuple[str | int, ...], tuple[str, int]],
    tables: dict[str, _Table],
    descriptor: str,
) -> tuple[Problem, tuple[str, int, str] | None]:
    """The file, row and field of a validation error; and the cell it names, if any."""
    loc = tuple(error["loc"])
    for depth in (4, 2):
        key = loc[:depth]
        if key in where:
            table, index = where[key]
            rest = [p for p in loc[depth:] if isinstance(p, str)]
            name = rest[0] if rest else None
            problem = Problem(
                tables[table].file,
                error["msg"],
                row=tables[table].row_numbers[index],
                field=name,
                code=error_type(error),
                value=cell_text(error.get("input")),
            )
            return problem, (table, index, name) if name else None
    return Problem(
        descriptor,
        error["msg"],
        field=".".join(str(p) for p in loc) or None,
        code=error_type(error),
        value=cell_text(error.get("input")),
    ), None


def cell_text(value: Any) -> str | None:
    """An offending value as the text a spreadsheet shows; None for whole rows or objects."""
    if isinstance(value, (dict, tuple)):
        return None
    try:
        return format_cell(value) if value is not None else None
    except (TypeError, ValueError):
        return str(value)


def write_package(dataset: Dataset, path: Path) -> None:
    """Write ``dataset`` as a CSV data package directory in the normal form."""
    path.mkdir(parents=True, exist_ok=True)
    (path / "data").mkdir(exist_ok=True)
    descriptor = generate_datapackage(dataset.metadata)
    atomic_write_text(
        path / DESCRIPTOR, json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    )
    for table, text in iter_tables(dataset):
        atomic_write_text(path / "data" / f"{table}.csv", text)


def table_rows(dataset: Dataset) -> dict[str, list[Any]]:
    """Each table's rows as models, sorted by id."""
    incidents = sorted(dataset.incidents, key=lambda i: i.id)
    return {
        "incidents": [i.incident() for i in incidents],
        "targets": sorted((t for i in incidents for t in i.flat_targets()), key=lambda t: t.id),
        "claims": sorted((c for i in incidents for c in i.flat_claims()), key=lambda c: c.id),
        "sources": sorted(dataset.sources, key=lambda s: s.id),
        "actors": sorted(dataset.actors, key=lambda a: a.id),
    }


_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def csv_line(cells: list[str]) -> str:
    """One RFC 4180 record ending in LF; a cell is quoted when it holds ``,``, ``"``, CR or LF.

    Python's csv writer decides quoting from its line terminator, so with LF endings it
    would leave a lone CR unquoted and a reader would split the row there.
    """
    return (
        ",".join('"' + c.replace('"', '""') + '"' if _NEEDS_QUOTES.search(c) else c for c in cells)
        + "\n"
    )


def render_csv(table: str, rows: list[Any]) -> str:
    """The normal CSV text of ``rows``: header, then one line per row."""
    names = [c.name for c in columns(table)]
    lines = [csv_line(names)]
    lines.extend(csv_line([format_cell(getattr(row, name)) for name in names]) for row in rows)
    return "".join(lines)


def iter_tables(dataset: Dataset) -> Iterator[tuple[str, str]]:
    """(table name, normal CSV text) for every table of ``dataset``."""
    for table, rows in table_rows(dataset).items():
        yield table, render_csv(table, rows)
