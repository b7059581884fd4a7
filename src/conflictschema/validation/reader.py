"""read(path) -> Dataset: the validator's loader and checks, then records from the checked tables.

There is one reading path. ``read`` runs the same loader and the same checks as
``validate`` and, when they find an error, raises :class:`ReadError` with exactly the
error findings ``validate`` reports. Otherwise the models are built straight from the
typed tables with ``model_construct``: every value has passed every check the models
would make, so validating each record again would only repeat the work. The law
"validate finds no error if and only if read succeeds" holds by construction, and
``check_models=True`` re-validates the built dataset through Pydantic, which the
property tests use to hold the two rule sets to the same verdicts.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from conflictschema.errors import ReadError
from conflictschema.findingcodes import Code
from conflictschema.findings import FINDINGS_PER_CODE, Finding
from conflictschema.io.tables import sorted_by
from conflictschema.models._base import RecordModel, SharedFieldsSet
from conflictschema.models.actor import Actor
from conflictschema.models.columns import NESTED_MODELS, columns, extension_names
from conflictschema.models.dataset import Dataset, DatasetMetadata, IncidentRecord
from conflictschema.models.rules import code_of
from conflictschema.models.source import Source
from conflictschema.validation.runner import run_checks
from conflictschema.version import STANDARD_VERSION

if TYPE_CHECKING:
    import polars as pl


def read(path: str | os.PathLike[str], *, check_models: bool = False) -> Dataset:
    """Read a dataset from a CSV package directory, its datapackage.json, a dataset JSON
    document or a JSONL file of nested incidents (beside the dataset it belongs to).

    Parameters
    ----------
    check_models
        Also validate the built dataset through the Pydantic models (slower; a
        cross-check of the validator, never needed for correctness).

    Raises
    ------
    ReadError
        When ``validate`` would report an error: its ``findings`` are those errors,
        each naming file, row and field, with the same codes.
    """
    metadata, typed = read_tables(path)
    # Building a million objects would set off the cyclic garbage collector again and
    # again over objects that cannot form cycles yet; pause it while they are built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        dataset = build_dataset(metadata, typed)
    finally:
        if collecting:
            gc.enable()
    if check_models:
        _check_models(dataset, str(path))
    return dataset


def read_tables(path: str | os.PathLike[str]) -> tuple[dict[str, Any], dict[str, pl.DataFrame]]:
    """The dataset's metadata and its checked tables (one typed frame per table), for
    work that should not build one object per row (convert, release, diff).

    Raises
    ------
    ReadError
        Exactly as :func:`read` does.
    """
    checked = read_checked(path)
    return checked.metadata, checked.typed


@dataclass
class Checked:
    """A dataset's checked tables, in the current standard, and how they got there."""

    metadata: dict[str, Any]
    typed: dict[str, pl.DataFrame]
    #: The standard version the data declared.
    declared_standard: str
    #: What upgrading it to the current standard changed (empty when it was current).
    upgrade_notes: list[str]


def read_checked(path: str | os.PathLike[str]) -> Checked:
    """:func:`read_tables`, saying also which standard the data declared and what the
    upgrade to the current one changed. Data of an earlier standard comes back
    upgraded, its metadata naming the current standard version."""
    report, ctx = run_checks(path, keep_values=True, plausibility=False, per_code=FINDINGS_PER_CODE)
    if not report.valid:
        errors = [f for f in report.findings if f.severity == "error"]
        raise ReadError(errors, total=report.errors)
    loaded = ctx.loaded
    if loaded.metadata is None or not loaded.complete:
        raise ReadError(
            Finding(
                code=Code.UNKNOWN_FORMAT,
                message="one table can be validated on its own, but reading needs a whole "
                "dataset: a data package, a dataset .json, or a .jsonl beside its dataset",
                file=Path(path).name,
            )
        )
    declared = str(loaded.metadata.get("standard_version", STANDARD_VERSION))
    metadata = dict(loaded.metadata)
    if ctx.upgraded:
        metadata["standard_version"] = STANDARD_VERSION
    return Checked(metadata, ctx.typed, declared, ctx.upgrade_notes)


M = TypeVar("M", bound=BaseModel)


def constructor(model: type[M], extensions: Sequence[str] = ()) -> Callable[[dict[str, Any]], M]:
    """A function building ``model`` from values that name every field (and the
    ``extensions`` columns) and passed every check: the instance state
    ``model_construct`` gives (``__dict__``, fields set, extension fields, no private
    attributes) without its per-field alias and default handling, which would cost
    most of the time of reading a large dataset. What is the same for every row (the
    fields set, whether extra fields are kept) is worked out once, and a record model's
    rows share their fields set (:class:`SharedFieldsSet`) instead of each holding a
    copy of it."""
    set_attribute = object.__setattr__
    new = model.__new__
    keeps_extra = model.model_config.get("extra") == "allow"
    shares = issubclass(model, RecordModel)
    fields: set[str] | None = None

    def build(values: dict[str, Any]) -> M:
        nonlocal fields
        instance = new(model)
        extra = {k: values.pop(k) for k in extensions} if extensions else {}
        if fields is None or len(fields) != len(values):
            fields = SharedFieldsSet(values) if shares else set(values)
        set_attribute(instance, "__dict__", values)
        set_attribute(instance, "__pydantic_fields_set__", fields if shares else fields.copy())
        set_attribute(instance, "__pydantic_extra__", extra if keeps_extra else None)
        set_attribute(instance, "__pydantic_private__", None)
        return instance

    return build


def build_dataset(metadata: dict[str, Any], typed: dict[str, pl.DataFrame]) -> Dataset:
    """The Dataset whose tables are ``typed`` (checked tables, one frame per table)."""
    meta = DatasetMetadata.model_validate(metadata)
    extensions = {table: extension_names(frame) for table, frame in typed.items()}
    children = {
        table: _by_incident(table, nested, typed, extensions.get(table, ()))
        for table, nested in NESTED_MODELS.items()
    }
    build_incident = constructor(IncidentRecord, extensions.get("incidents", ()))
    incidents = []
    for row in table_records("incidents", typed):
        for table, rows in children.items():
            row[table] = rows.get(row["id"], [])
        incidents.append(build_incident(row))
    build_actor = constructor(Actor, extensions.get("actors", ()))
    build_source = constructor(Source, extensions.get("sources", ()))
    return Dataset.model_construct(
        **{name: getattr(meta, name) for name in DatasetMetadata.model_fields},
        actors=[build_actor(row) for row in table_records("actors", typed)],
        sources=[build_source(row) for row in table_records("sources", typed)],
        incidents=incidents,
    )


def _by_incident(
    table: str, model: type[M], typed: dict[str, pl.DataFrame], extensions: Sequence[str]
) -> dict[str, list[M]]:
    """One child table's records, each incident's in table order, by incident id.

    The table is sorted by incident (stably, so each incident keeps its rows' order;
    not copied when it is in that order already) and cut where the id changes: a slice
    per incident, not a lookup per row."""
    frame = typed.get(table)
    if frame is None:
        return {}
    frame = sorted_by(frame, ["incident_id"])
    runs = frame.get_column("incident_id").rle()
    build = constructor(model, extensions)
    records = [build(row) for row in table_records(table, {table: frame}, without="incident_id")]
    by_incident, start = {}, 0
    for incident, length in zip(
        runs.struct.field("value").to_list(), runs.struct.field("len").to_list(), strict=True
    ):
        by_incident[incident] = records[start : start + length]
        start += length
    return by_incident


def table_records(
    table: str, typed: dict[str, pl.DataFrame], without: str | None = None
) -> list[dict[str, Any]]:
    """The rows of one checked table as dicts of model values (codes as code-list
    members), leaving out the column ``without``."""
    import polars as pl

    frame = typed.get(table)
    if frame is None:
        return []
    kept = [c for c in columns(table) if c.name != without]
    names = [c.name for c in kept] + extension_names(frame)
    values: list[list[Any]] = []
    for column in kept:
        series = frame.get_column(column.name)
        if column.codes is not None and isinstance(series.dtype, pl.Enum):
            # by the Enum's integer codes: a list index per cell, not a text and a hash
            categories = series.dtype.categories.to_list()
            by_value = {m.value: m for m in column.codes}
            members = [by_value[name] for name in categories] + [None]
            codes = series.to_physical().fill_null(len(categories)).to_list()
            values.append([members[code] for code in codes])
        elif column.codes is not None:
            member = {m.value: m for m in column.codes}
            values.append(
                [None if v is None else member[v] for v in series.cast(pl.String).to_list()]
            )
        else:
            values.append(series.to_list())
    values += [frame.get_column(name).to_list() for name in extension_names(frame)]
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]


def _check_models(dataset: Dataset, file: str) -> None:
    try:
        Dataset.model_validate(dataset.model_dump())
    except ValidationError as exc:
        raise ReadError(
            [
                Finding(
                    code=code_of(error) or Code.METADATA,
                    message=error["msg"],
                    file=file,
                    field=".".join(str(p) for p in error["loc"]) or None,
                )
                for error in exc.errors()
            ]
        ) from None
