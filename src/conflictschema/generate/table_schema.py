"""Models -> Frictionless Table Schemas and the tabular data package descriptor.

frictionless-py 5 reads the ``list`` field type but not Data Package v2
``categories``, so code lists become ``enum`` constraints and their meanings go
into field descriptions and the codebook. A foreign key is declared for every
scalar reference; references inside list cells (``claims.source_ids``) cannot be
stated in a Table Schema and are checked by conflictschema's own validator.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from conflictschema.models.columns import TABLE_MODELS, Column, columns, extension_column
from conflictschema.models.dataset import DatasetMetadata

PROFILE_NAME = "tabular-data-package"
CSV_DIALECT = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True}


def table_field(column: Column) -> dict[str, Any]:
    """One Table Schema field descriptor for ``column``."""
    field: dict[str, Any] = {"name": column.name, "type": column.kind}
    description = column.description
    if column.codes is not None:
        listed = "; ".join(f"{m.value}: {m.description}" for m in column.codes)
        description = f"{description} Codes: {listed}"
    field["description"] = description
    if column.kind == "list":
        field["delimiter"] = column.delimiter
        field["itemType"] = "string"
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.name == "id":
        constraints["unique"] = True
    if column.codes is not None:
        constraints["enum"] = column.codes.codes()
    if column.pattern is not None:
        constraints["pattern"] = column.pattern
    for key, value in (
        ("minLength", column.min_length),
        ("maxLength", column.max_length),
        ("minimum", column.minimum),
        ("maximum", column.maximum),
    ):
        if value is not None:
            constraints[key] = value
    if constraints:
        field["constraints"] = constraints
    return field


def generate_table_schema(table: str, extensions: Sequence[str] = ()) -> dict[str, Any]:
    """The Table Schema of ``table`` with its primary key and scalar foreign keys, and a
    text field for each of a dataset's ``extensions`` columns."""
    cols = columns(table) + tuple(extension_column(name) for name in extensions)
    foreign_keys = [
        {
            "fields": c.name,
            "reference": {
                "resource": "" if c.references == table else c.references,
                "fields": "id",
            },
        }
        for c in cols
        if c.references is not None and c.kind != "list"
    ]
    schema: dict[str, Any] = {
        "fields": [table_field(c) for c in cols],
        "missingValues": [""],
        "primaryKey": ["id"],
    }
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def resource_descriptor(table: str, extensions: Sequence[str] = ()) -> dict[str, Any]:
    """The data resource entry for ``table`` inside a datapackage.json."""
    return {
        "name": table,
        "path": f"data/{table}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": dict(CSV_DIALECT),
        "schema": generate_table_schema(table, extensions),
    }


def generate_datapackage(
    metadata: DatasetMetadata | None = None, extensions: Mapping[str, Sequence[str]] | None = None
) -> dict[str, Any]:
    """A datapackage.json descriptor; without ``metadata``, the profile every dataset shares.

    The standard version goes under a namespaced ``conflictschema`` key so that
    generic Data Package tools ignore it and ours can find it.
    """
    descriptor: dict[str, Any] = {"profile": PROFILE_NAME}
    if metadata is not None:
        meta = metadata.model_dump(mode="json", exclude_none=True, exclude={"standard_version"})
        descriptor.update(meta)
        descriptor["conflictschema"] = {"standard_version": metadata.standard_version}
    descriptor["resources"] = [
        resource_descriptor(t, (extensions or {}).get(t, ())) for t in TABLE_MODELS
    ]
    return descriptor
