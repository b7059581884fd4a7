"""Everything derived from the models: Table Schemas, datapackage profile, JSON Schema, codebook.

``generate_all`` maps each file under ``schemas/`` to its text; ``write_schemas``
writes them and ``check_schemas`` lists the committed files that have drifted.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conflictschema.files import atomic_write_text
from conflictschema.generate.codebook import generate_codebook
from conflictschema.generate.json_schema import generate_dataset_schema, generate_incident_schema
from conflictschema.generate.table_schema import generate_datapackage, generate_table_schema
from conflictschema.models.columns import TABLE_MODELS


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _table_schemas() -> dict[str, str]:
    return {f"table-schema/{t}.json": _json(generate_table_schema(t)) for t in TABLE_MODELS}


GENERATOR_BY_NAME: dict[str, Callable[[], dict[str, str]]] = {
    "table-schema": _table_schemas,
    "datapackage": lambda: {"datapackage.json": _json(generate_datapackage())},
    "json-schema": lambda: {
        "incident.schema.json": _json(generate_incident_schema()),
        "dataset.schema.json": _json(generate_dataset_schema()),
    },
    "codebook": lambda: {"codebook.md": generate_codebook()},
}


def generate_all() -> dict[str, str]:
    """Every generated file, relative path -> text."""
    files: dict[str, str] = {}
    for generator in GENERATOR_BY_NAME.values():
        files.update(generator())
    return files


def write_schemas(directory: Path) -> list[Path]:
    """Write every generated file under ``directory``; return the paths written."""
    written = []
    for rel, text in generate_all().items():
        target = directory / rel
        atomic_write_text(target, text)
        written.append(target)
    return written


def check_schemas(directory: Path) -> list[str]:
    """Relative paths under ``directory`` that are missing or differ from what the models generate."""
    drifted = []
    for rel, text in generate_all().items():
        target = directory / rel
        try:
            current = target.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            drifted.append(rel)
    return drifted


__all__ = [
    "GENERATOR_BY_NAME",
    "check_schemas",
    "generate_all",
    "generate_codebook",
    "generate_datapackage",
    "generate_dataset_schema",
    "generate_incident_schema",
    "generate_table_schema",
    "write_schemas",
]
