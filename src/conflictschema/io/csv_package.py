"""write_package: a dataset as a Frictionless data package of CSV tables, in the normal form.

The normal form is the contract every release and round trip relies on: rows sorted
by id, columns in model order, UTF-8, LF line ends, minimal RFC 4180 quoting (a lone
CR is quoted too), lists joined with ``;``. Reading is the loader's job
(:mod:`conflictschema.validation`), so there is one reading path.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from conflictschema.files import atomic_write_text
from conflictschema.generate.table_schema import generate_datapackage
from conflictschema.io.cells import format_cell
from conflictschema.models.columns import columns
from conflictschema.models.dataset import Dataset
from conflictschema.models.flat import table_rows

DESCRIPTOR = "datapackage.json"
CHILD_TABLES = ("targets", "claims")


def hide_nul(text: str) -> tuple[str, Callable[[str], str] | None]:
    """Python's csv module refuses NUL before 3.11: swap it for an unused character, and
    return the function that swaps it back in a cell (None when nothing was swapped)."""
    if "\x00" not in text or sys.version_info >= (3, 11):
        return text, None
    stand_in = next(chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)
    return text.replace("\x00", stand_in), lambda cell: cell.replace(stand_in, "\x00")


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
