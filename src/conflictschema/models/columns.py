"""The tables of the standard and their columns, read off the models.

Every consumer of column facts (the CSV reader and writer, the Table Schema and
codebook generators, the columnar validator) asks here, so a column's type,
constraints and foreign key are stated once, by the model field that defines it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from pydantic import AfterValidator, BaseModel

from conflictschema.models.actor import Actor
from conflictschema.models.casualties import CasualtyReport, NestedCasualtyReport
from conflictschema.models.claim import Claim, NestedClaim
from conflictschema.models.codes import CodeList
from conflictschema.models.incident import Incident
from conflictschema.models.participant import NestedParticipant, Participant
from conflictschema.models.source import Source
from conflictschema.models.target import NestedTarget, Target
from conflictschema.models.types import (
    CELL_CHECK_BY_VALIDATOR,
    LIST_DELIMITER,
    References,
    is_extension,
)

Kind = Literal["string", "integer", "number", "date", "list"]

#: The tables of a CSV data package, in the order they are written and documented.
TABLE_MODELS: dict[str, type[BaseModel]] = {
    "incidents": Incident,
    "targets": Target,
    "claims": Claim,
    "participants": Participant,
    "casualty_reports": CasualtyReport,
    "sources": Source,
    "actors": Actor,
}

#: The tables whose rows belong to one incident (``incident_id``), and the model of a
#: row nested in its incident's JSON document, where the incident id is implied.
NESTED_MODELS: dict[str, type[BaseModel]] = {
    "targets": NestedTarget,
    "claims": NestedClaim,
    "participants": NestedParticipant,
    "casualty_reports": NestedCasualtyReport,
}
CHILD_TABLES: tuple[str, ...] = tuple(NESTED_MODELS)


@dataclass(frozen=True)
class Column:
    """One column of a table: its cell type and every constraint a schema can state."""

    name: str
    kind: Kind
    description: str
    required: bool
    codes: type[CodeList] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    item_pattern: str | None = None
    item_max_length: int | None = None
    min_items: int | None = None
    references: str | None = None
    cell_check: str | None = None
    delimiter: str = field(default=LIST_DELIMITER)

    @property
    def free_text(self) -> bool:
        """Text with no code list and no pattern: what a person types, formulas included."""
        return self.kind == "string" and self.codes is None and self.pattern is None


def _strip_null(schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    options = schema.get("anyOf")
    if options is None:
        return schema, False
    rest = [o for o in options if o.get("type") != "null"]
    if len(rest) != 1:
        raise TypeError(f"cannot map union {options} to a single column type")
    return rest[0], True


def _kind(schema: dict[str, Any]) -> Kind:
    if schema.get("type") == "array":
        return "list"
    if schema.get("format") == "date":
        return "date"
    kind = schema.get("type", "string")
    if kind in ("string", "integer", "number"):
        return kind  # type: ignore[no-any-return]
    raise TypeError(f"no column type for schema {schema}")


@cache
def columns(table: str) -> tuple[Column, ...]:
    """The columns of ``table`` in file order, with their constraints."""
    model = TABLE_MODELS[table]
    schema = model.model_json_schema()
    required = set(schema.get("required", []))
    result = []
    for name, info in model.model_fields.items():
        prop = schema["properties"][name]
        inner, nullable = _strip_null(prop)
        annotation_codes = _codes_of(info.annotation)
        references = next((m.table for m in info.metadata if isinstance(m, References)), None)
        kind = _kind(inner) if annotation_codes is None else "string"
        items = inner.get("items", {}) if kind == "list" else {}
        result.append(
            Column(
                name=name,
                kind=kind,
                description=info.description or "",
                required=(name in required and not nullable and kind != "list")
                or bool(inner.get("minItems")),
                codes=annotation_codes,
                pattern=inner.get("pattern"),
                minimum=inner.get("minimum"),
                maximum=inner.get("maximum"),
                min_length=inner.get("minLength"),
                max_length=inner.get("maxLength"),
                item_pattern=items.get("pattern"),
                item_max_length=items.get("maxLength"),
                min_items=inner.get("minItems"),
                references=references,
                cell_check=_cell_check_of(info.annotation),
            )
        )
    return tuple(result)


def _cell_check_of(annotation: Any) -> str | None:
    """The named value check an ``AfterValidator`` inside ``annotation`` performs."""
    for arg in (annotation, *getattr(annotation, "__args__", ())):
        for meta in getattr(arg, "__metadata__", ()):
            if isinstance(meta, AfterValidator) and meta.func in CELL_CHECK_BY_VALIDATOR:
                return CELL_CHECK_BY_VALIDATOR[meta.func]
    return None


def _codes_of(annotation: Any) -> type[CodeList] | None:
    if isinstance(annotation, type) and issubclass(annotation, CodeList):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        if isinstance(arg, type) and issubclass(arg, CodeList):
            return arg
    return None


def extension_names(frame: Any) -> list[str]:
    """The extension columns of a table's frame, in their order."""
    return [name for name in frame.columns if is_extension(name)]


def extension_column(name: str) -> Column:
    """How an extension column is written and described: text, checked by no rule."""
    return Column(
        name=name,
        kind="string",
        description="Extension column: carried unchanged, checked by no rule.",
        required=False,
    )


def column_names(table: str) -> list[str]:
    return [c.name for c in columns(table)]
