"""Write a dataset document, broken or not, as files, without going through the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conflictschema.generate.table_schema import generate_datapackage
from conflictschema.models.columns import CHILD_TABLES, TABLE_MODELS, columns


def raw_cell(value: Any) -> str:
    """A JSON value as cell text, as given: no checks, lists joined with ';'."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(raw_cell(v) for v in value)
    return str(value)


def raw_line(cells: list[str]) -> str:
    """One RFC 4180 record; a cell holding a comma, quote, CR or LF is quoted."""
    quoted = [
        '"' + c.replace('"', '""') + '"' if any(ch in c for ch in ',"\r\n') else c for c in cells
    ]
    return ",".join(quoted) + "\n"


def document_tables(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_MODELS}
    tables["actors"] = document["actors"]
    tables["sources"] = document["sources"]
    for incident in document["incidents"]:
        tables["incidents"].append({k: v for k, v in incident.items() if k not in CHILD_TABLES})
        for child in CHILD_TABLES:
            tables[child] += [{**row, "incident_id": incident["id"]} for row in incident[child]]
    return tables


def write_raw_package(document: dict[str, Any], root: Path) -> Path:
    """The document as a CSV data package, cells written as given (no sorting, no checks)."""
    (root / "data").mkdir(parents=True, exist_ok=True)
    descriptor = generate_datapackage()
    descriptor.update(
        {
            k: v
            for k, v in document.items()
            if k not in ("actors", "sources", "incidents", "standard_version") and v is not None
        }
    )
    descriptor["licenses"] = [
        {k: v for k, v in entry.items() if v is not None} for entry in document["licenses"]
    ]
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2))
    for table, rows in document_tables(document).items():
        names = [c.name for c in columns(table)]
        text = raw_line(names) + "".join(
            raw_line([raw_cell(row.get(n)) for n in names]) for row in rows
        )
        (root / "data" / f"{table}.csv").write_text(text, encoding="utf-8")
    return root


def write_raw_json(document: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")
    return path
