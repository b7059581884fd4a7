"""Layer 1: every cell against its column's type and constraints, in one streaming query per table."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import polars as pl
import pycountry

from conflictschema.findingcodes import Code
from conflictschema.findings import Finding
from conflictschema.io.tables import FORMULA_STARTS
from conflictschema.models.columns import TABLE_MODELS, Column
from conflictschema.models.frames import kind_dtype
from conflictschema.models.types import (
    DATE_PATTERN,
    DEFANGED_PATTERN,
    HTTP_URL_PATTERN,
    country_codes,
    is_extension,
    refang,
)
from conflictschema.validation.context import CheckContext, bad
from conflictschema.validation.tables import LOC, ROW, TYPE_BAD_PREFIX, Table, short_rows

# ---------------------------------------------------------------- layer 1: cells


_INTEGER = r"^-?[0-9]+$"
_NUMBER = r"^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$"


def _iso_codes(standard: str, fields: tuple[str, ...]) -> list[str] | None:
    """Codes straight from pycountry's data file (a tenth of the time its objects take
    to build); None if the file is not laid out as expected."""
    path = Path(pycountry.DATABASE_DIR) / f"iso{standard}.json"
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))[standard]
        return sorted({entry[f] for entry in entries for f in fields if f in entry})
    except (OSError, ValueError, KeyError, TypeError):
        return None


@cache
def _country_codes() -> list[str]:
    return sorted(country_codes())


@cache
def _subdivision_codes() -> list[str]:
    return _iso_codes("3166-2", ("code",)) or sorted(s.code for s in pycountry.subdivisions)


@cache
def _language_codes() -> list[str]:
    found = _iso_codes("639-3", ("alpha_2", "alpha_3"))
    if found:
        return found
    codes = {getattr(lang, "alpha_2", None) for lang in pycountry.languages}
    codes |= {lang.alpha_3 for lang in pycountry.languages}
    return sorted(c for c in codes if c)


#: Free-text columns the later layers read; other free text is checked here only.
TEXT_READ_LATER = frozenset({"location_name", "withdrawn_reason", "name"})
#: Other columns no later layer reads. Columns checked only here are left empty in the
#: typed tables, which keeps memory low on large datasets.
CHECKED_ONLY_HERE = frozenset(
    {
        "date_edtf",
        "tags",
        "external_ids",
        "aliases",
        "content_sha256",
        "url",
        "archive_url",
        "language",
    }
)


def checked_only_here(column: Column) -> bool:
    return column.name in CHECKED_ONLY_HERE or (
        column.free_text and column.name not in TEXT_READ_LATER
    )


@dataclass(frozen=True)
class CellCheck:
    """One structure rule for one column: a mask of broken cells and how to say so."""

    code: Code
    mask: pl.Expr
    message: Callable[[dict[str, Any]], str]


def _typed_value(
    column: Column, raw: pl.Expr, is_list_source: bool
) -> tuple[pl.Expr, pl.Expr | None]:
    """(typed value with broken cells as null, mask of type errors or None).

    An integer too large for 64 bits is a well-formed integer, so it is left to the
    range check (see :func:`_overflow`), not called a type error; a number that is not
    finite (``1e999``) is a type error, as the models say.
    """
    if column.kind == "integer":
        ok = raw.str.contains(_INTEGER)
        value = pl.when(ok).then(raw.cast(pl.Int64, strict=False))
        return value, raw.is_not_null() & ~ok
    if column.kind == "number":
        ok = raw.str.contains(_NUMBER)
        value = pl.when(ok).then(raw.cast(pl.Float64, strict=False))
        value = pl.when(value.is_finite()).then(value)
        return value, raw.is_not_null() & value.is_null()
    if column.kind == "date":
        ok = raw.str.contains(DATE_PATTERN)
        value = pl.when(ok).then(raw.str.to_date("%Y-%m-%d", strict=False))
        # Polars reads a year 0, which Python's dates (the models') do not have
        value = pl.when(value.dt.year() >= 1).then(value)
        return value, raw.is_not_null() & value.is_null()
    if column.kind == "list":
        if is_list_source:
            return raw.fill_null(pl.lit([], dtype=pl.List(pl.String))), None
        return pl.when(raw.is_null()).then(pl.lit([], dtype=pl.List(pl.String))).otherwise(
            raw.str.split(column.delimiter)
        ), None
    return raw, None


def _overflow(column: Column, raw: pl.Expr, value: pl.Expr, type_mask: pl.Expr) -> CellCheck:
    """Digits that do not fit a 64-bit integer: far out of every column's range.
    (Well-formed, not a type error, yet the typed value is null.)"""
    low = f"{column.minimum:g}" if column.minimum is not None else "none"
    high = f"{column.maximum:g}" if column.maximum is not None else "none"
    return CellCheck(
        Code.OUT_OF_RANGE,
        raw.is_not_null() & ~type_mask & value.is_null(),
        lambda row: f"{_show(row.get('__raw'))} is far outside the range ({low}..{high})",
    )


def _type_message(column: Column) -> Callable[[dict[str, Any]], str]:
    hint = {
        "integer": "a whole number (digits only)",
        "number": "a number with '.' as the decimal point",
        "date": "a real date written YYYY-MM-DD",
    }.get(column.kind, column.kind)
    return lambda row: f"{_show(row.get('__raw'))} is not {hint}"


def _show(value: Any) -> str:
    text = ";".join(value) if isinstance(value, list) else str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _code_message(column: Column) -> Callable[[dict[str, Any]], str]:
    assert column.codes is not None
    listed = ", ".join(column.codes.codes())

    def message(row: dict[str, Any]) -> str:
        value = row.get("__raw")
        hint = (
            " (codes are names, not numbers)"
            if isinstance(value, str) and value.strip().lstrip("-").isdigit()
            else ""
        )
        return f"{_show(value)} is not a {column.codes.__name__} code{hint}; use one of: {listed}"  # type: ignore[union-attr]

    return message


def cell_checks(column: Column, raw: pl.Expr, value: pl.Expr) -> list[CellCheck]:
    """Every rule a cell of ``column`` must keep, as masks over the typed ``value``."""
    checks: list[CellCheck] = []
    present = value.is_not_null()
    if column.kind == "list":
        count = value.list.len()
        if column.required:
            checks.append(
                CellCheck(
                    Code.REQUIRED,
                    count < (column.min_items or 1),
                    lambda row: f"needs at least {column.min_items or 1} item(s)",
                )
            )
        element = pl.element()
        item_bad = element.str.len_chars() == 0
        if column.item_pattern:
            item_bad = item_bad | ~element.str.contains(column.item_pattern)
        checks.append(
            CellCheck(
                Code.PATTERN,
                value.list.eval(item_bad).list.any().fill_null(False),
                lambda row: (
                    f"an item of {_show(row.get('__raw'))} is empty or does not match {column.item_pattern}"
                ),
            )
        )
        if column.cell_check == "country":
            unknown = element.str.contains(r"^[A-Z]{2}$") & ~element.is_in(_country_codes())
            checks.append(
                CellCheck(
                    Code.UNKNOWN_COUNTRY,
                    value.list.eval(unknown).list.any().fill_null(False),
                    lambda row: (
                        f"an item of {_show(row.get('__raw'))} is not an ISO 3166-1 alpha-2 country code"
                    ),
                )
            )
        if column.item_max_length:
            limit = column.item_max_length
            checks.append(
                CellCheck(
                    Code.LENGTH,
                    value.list.eval(element.str.len_chars() > limit).list.any().fill_null(False),
                    lambda row: f"an item is longer than {limit} characters",
                )
            )
        return checks
    if column.required:
        checks.append(
            CellCheck(
                Code.REQUIRED,
                raw.is_null(),
                lambda row: f"{column.name} is required; the cell is empty",
            )
        )
    if column.codes is not None:
        checks.append(
            CellCheck(
                Code.UNKNOWN_CODE,
                present & ~value.is_in(column.codes.codes()),
                _code_message(column),
            )
        )
    if column.pattern is not None:
        checks.append(
            CellCheck(
                Code.PATTERN,
                present & ~value.str.contains(column.pattern),
                lambda row: (
                    f"{_show(row.get('__raw'))} does not match the pattern {column.pattern}"
                ),
            )
        )
    if column.min_length is not None:
        limit_min = column.min_length
        checks.append(
            CellCheck(
                Code.LENGTH,
                present & (value.str.len_chars() < limit_min),
                lambda row: f"text must have at least {limit_min} character(s)",
            )
        )
    if column.max_length is not None:
        limit_max = column.max_length
        checks.append(
            CellCheck(
                Code.LENGTH,
                present & (value.str.len_chars() > limit_max),
                lambda row: (
                    f"text is longer than {limit_max} characters ({len(str(row.get('__raw') or ''))})"
                ),
            )
        )
    if column.minimum is not None:
        low = column.minimum
        checks.append(
            CellCheck(
                Code.OUT_OF_RANGE,
                present & (value < low),
                lambda row: f"{row.get('__raw')} is below the minimum {low:g}",
            )
        )
    if column.maximum is not None:
        high = column.maximum
        checks.append(
            CellCheck(
                Code.OUT_OF_RANGE,
                present & (value > high),
                lambda row: f"{row.get('__raw')} is above the maximum {high:g}",
            )
        )
    if column.free_text:
        checks.append(
            CellCheck(
                Code.FORMULA_CELL,
                present & pl.any_horizontal([value.str.starts_with(p) for p in FORMULA_STARTS]),
                lambda row: (
                    "text starts with =, +, -, @, a tab or a carriage return, so a spreadsheet may run it as a formula when the CSV is opened; check it is intended (releases prefix it with ')"
                ),
            )
        )
    if column.cell_check == "country":
        checks.append(
            CellCheck(
                Code.UNKNOWN_COUNTRY,
                present & value.str.contains(r"^[A-Z]{2}$") & ~value.is_in(_country_codes()),
                lambda row: f"{_show(row.get('__raw'))} is not an ISO 3166-1 alpha-2 country code",
            )
        )
    elif column.cell_check == "subdivision":
        checks.append(
            CellCheck(
                Code.UNKNOWN_SUBDIVISION,
                present
                & value.str.contains(column.pattern or ".")
                & ~value.is_in(_subdivision_codes()),
                lambda row: f"{_show(row.get('__raw'))} is not an ISO 3166-2 subdivision code",
            )
        )
    elif column.cell_check == "language":
        primary = value.str.extract(r"^([a-z]{2,3})(-|$)", 1)
        checks.append(
            CellCheck(
                Code.UNKNOWN_LANGUAGE,
                present
                & value.str.contains(column.pattern or ".")
                & ~primary.is_in(_language_codes()),
                lambda row: (
                    f"{_show(row.get('__raw'))} does not start with an ISO 639 language code"
                ),
            )
        )
    elif column.cell_check == "http_url":
        shaped = present & value.str.contains(column.pattern or ".")
        defanged = value.str.contains(DEFANGED_PATTERN)
        checks.append(
            CellCheck(
                Code.DEFANGED_URL,
                shaped & defanged,
                lambda row: (
                    f"{_show(row.get('__raw'))} is a defanged URL; write the working link "
                    f"{refang(str(row.get('__raw')))}"
                ),
            )
        )
        checks.append(
            CellCheck(
                Code.URL_SCHEME,
                shaped & ~defanged & ~value.str.contains(HTTP_URL_PATTERN),
                lambda row: f"{_show(row.get('__raw'))} is not an http or https URL with a host",
            )
        )
    return checks


def check_cells(
    ctx: CheckContext, on_typed: Callable[[str, pl.DataFrame], None] | None = None
) -> None:
    """Layer 1 for every table: types, required cells, codes, patterns, lengths, ranges.

    Builds ``ctx.typed``: each column typed, plus a ``__bad`` flag per column that the
    later layers use to skip what this layer already reported. Each table is read and
    checked in one streaming query, so its raw text is never held in memory whole.
    """
    for name in TABLE_MODELS:
        table = ctx.loaded.take(name, ctx.findings)
        if table is not None:
            ctx.typed[name] = _check_table(ctx, table)
            # the cells' text is not read again: a JSON table's, held in memory, goes
            table.lazy = pl.LazyFrame()
            if on_typed is not None:
                on_typed(name, ctx.typed[name])


LAST_NULL = "__last_null"
POS = "__pos"  # a record's position in its input: joins flags back to the record's text


@dataclass
class _Plan:
    """The streaming query for one table, and what each of its flag columns means."""

    flags: list[tuple[str, str, CellCheck]]  # (flag column, model column, check)
    typed: list[str]  # output columns that make the typed table


def _plan(
    table_columns: tuple[Column, ...], schema: pl.Schema, keep_values: bool
) -> tuple[_Plan, list[pl.Expr], list[pl.Expr]]:
    """The query depends only on the columns and the input's schema, not on its rows:
    a dataset validated again (a pre-commit hook, a test, an import's rounds) reuses it."""
    return _cached_plan(table_columns, tuple(schema.items()), keep_values)


@lru_cache(maxsize=64)
def _cached_plan(
    table_columns: tuple[Column, ...],
    schema_items: tuple[tuple[str, pl.DataType], ...],
    keep_values: bool,
) -> tuple[_Plan, list[pl.Expr], list[pl.Expr]]:
    schema = dict(schema_items)
    keep = [c for c in (ROW, LOC) if c in schema]
    flag_exprs: list[pl.Expr] = []
    flags: list[tuple[str, str, CellCheck]] = []
    outputs: list[pl.Expr] = [pl.col(c) for c in keep]
    present = [column for column in table_columns if column.name in schema]
    for column in table_columns:
        if column.name not in schema:  # missing from the input: reported by the header check
            outputs += [
                pl.lit(None, dtype=kind_dtype(column.kind)).alias(column.name),
                pl.lit(False).alias(bad(column.name)),
            ]
            continue
        raw = pl.col(column.name)
        value, type_mask = _typed_value(column, raw, schema[column.name] != pl.String)
        own: list[tuple[str, CellCheck]] = []
        if type_mask is not None:
            own.append(
                (
                    f"{column.name}__type",
                    CellCheck(Code.TYPE_ERROR, type_mask, _type_message(column)),
                )
            )
            if column.kind == "integer":
                own.append((f"{column.name}__overflow", _overflow(column, raw, value, type_mask)))
            value = pl.when(~type_mask).then(value)  # later rules see only well-typed values
        own += [
            (f"{column.name}__{n}", check)
            for n, check in enumerate(cell_checks(column, raw, value))
        ]
        type_bad = f"{TYPE_BAD_PREFIX}{column.name}"
        if type_bad in schema:  # reported by the JSON loader: nothing more to say of the cell
            own = [
                (flag, CellCheck(check.code, check.mask & ~pl.col(type_bad), check.message))
                for flag, check in own
            ]
        flag_exprs += [check.mask.fill_null(False).alias(flag) for flag, check in own]
        flags += [(flag, column.name, check) for flag, check in own]
        errors = [pl.col(flag) for flag, check in own if check.code.severity == "error"]
        if type_bad in schema:
            errors.append(pl.col(type_bad))
        broken = pl.any_horizontal(errors) if errors else pl.lit(False)
        if checked_only_here(column) and not keep_values:
            value = pl.lit(None, dtype=kind_dtype(column.kind))
        elif column.codes is not None:
            value = value.cast(
                pl.Enum(column.codes.codes()), strict=False
            )  # a byte per cell, not a string
        outputs += [pl.when(~broken).then(value).alias(column.name), broken.alias(bad(column.name))]
    if keep_values:  # extension columns are carried, checked by no rule
        outputs += [pl.col(name) for name in schema if is_extension(name)]
    typed = [e.meta.output_name() for e in outputs]
    outputs += [pl.col(POS), *(pl.col(f) for f, _, _ in flags)]
    if present:
        outputs.append(pl.col(present[-1].name).is_null().alias(LAST_NULL))
    return _Plan(flags=flags, typed=typed), flag_exprs, outputs


def _run(lazy: pl.LazyFrame, flag_exprs: list[pl.Expr], outputs: list[pl.Expr]) -> pl.DataFrame:
    return lazy.with_columns(flag_exprs).select(outputs).collect(engine="streaming")


_READ_ERRORS = (
    pl.exceptions.ComputeError,
    pl.exceptions.NoDataError,
    pl.exceptions.ShapeError,
    pl.exceptions.SchemaError,
)


def _check_table(ctx: CheckContext, table: Table) -> pl.DataFrame:
    out = None
    table_columns = ctx.loaded.standard.columns(table.name)
    source = table.lazy.with_row_index(POS)
    if not table.exact_only:
        try:
            plan, flag_exprs, outputs = _plan(
                table_columns, source.collect_schema(), ctx.keep_values
            )
            out = _run(source, flag_exprs, outputs)
        except _READ_ERRORS:
            out = None
    if (
        out is not None
        and table.path is not None
        and LAST_NULL in out.columns
        and out.get_column(LAST_NULL).any()
    ):
        candidates = out.select(pl.arg_where(pl.col(LAST_NULL))).to_series().to_list()
        short = short_rows(table.path, candidates, out.height, table.width)
        if short is None:
            out = None
        elif short:
            for k in short:
                ctx.findings.append(
                    Finding(
                        code=Code.RAGGED_ROW,
                        message=f"the row has fewer cells than the header's {table.width}; the row is skipped",
                        file=table.file,
                        row=k + 2,
                    )
                )
            out = out.filter(~pl.int_range(pl.len()).is_in(short))
    if out is None:
        assert table.exact is not None, "only CSV tables are read by Polars"
        source = table.exact(ctx.findings).lazy().with_row_index(POS)
        plan, flag_exprs, outputs = _plan(table_columns, source.collect_schema(), ctx.keep_values)
        out = _run(source, flag_exprs, outputs)
    _emit_cell_findings(ctx, table, plan, out, source)
    return out.select(plan.typed)


def _emit_cell_findings(
    ctx: CheckContext, table: Table, plan: _Plan, out: pl.DataFrame, source: pl.LazyFrame
) -> None:
    """One finding per flagged cell, with the cell's text read back from the input.

    The streaming query keeps only flags; the few flagged rows' text is fetched in a
    second, filtered pass, so valid data never pays for carrying raw text along.
    """
    hit_flags = [
        (flag, column, check) for flag, column, check in plan.flags if out.get_column(flag).any()
    ]
    if not hit_flags:
        return
    keep = [c for c in (ROW, LOC) if c in out.columns]
    any_hit = pl.any_horizontal([pl.col(flag) for flag, _, _ in hit_flags])
    rows = out.filter(any_hit).select(POS, *keep, *[pl.col(flag) for flag, _, _ in hit_flags])
    wanted = sorted({column for _, column, _ in hit_flags})
    as_text = [
        pl.col(n).list.join(";").alias(n) if isinstance(dtype, pl.List) else pl.col(n)
        for n, dtype in source.collect_schema().items()
        if n in wanted
    ]
    raw = source.select(POS, *as_text).join(rows.lazy().select(POS), on=POS, how="semi").collect()
    hits = rows.join(raw, on=POS, how="left", maintain_order="left")
    for flag, column, check in hit_flags:
        ctx.emit(
            table.name,
            hits.filter(pl.col(flag)).select([*keep, pl.col(column).alias("__raw")]),
            check.code,
            column,
            check.message,
            value="__raw",
        )
