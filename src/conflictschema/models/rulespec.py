"""The record rules, each declared once, and the two interpreters that run them.

A rule says which table it belongs to, the field a breach is reported at, the
condition that *is* a breach, and one message template. The same declaration is
read two ways:

* :func:`breaches` checks one record (the Pydantic models' validators call it), and
* :func:`polars_condition` compiles the condition to a Polars expression (the
  validator runs it over whole tables at once).

Conditions are small trees of comparisons with SQL-like null handling made explicit:
a comparison with a missing value is never a breach; ``IsNull`` asks for missing
values outright. Both interpreters follow that one rule, so they cannot drift; a
property test feeds them the same generated rows to hold them to it.

Rules that do not fit this shape (a date span against its precision, the attribution
status derived from an incident's claims) keep their two implementations side by
side in :mod:`conflictschema.models.irregular`.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from conflictschema.findingcodes import Code
from conflictschema.models.codes import (
    ClaimType,
    DatePrecision,
    DateSpan,
    IncidentStatus,
    MaritimeZone,
    TargetType,
)
from conflictschema.models.rules import RuleBreach
from conflictschema.models.types import historical_countries

if TYPE_CHECKING:
    import polars as pl

Scalar = str | int | float | dt.date


@dataclass(frozen=True)
class Field:
    """A field of the record, or its first ``length`` characters when ``length`` is set."""

    name: str
    length: int | None = None


@dataclass(frozen=True)
class Lookup:
    """A field's value looked up in a table (``table()`` maps codes to values); for a
    list field, the least value any of its items maps to. Missing when nothing maps."""

    name: str
    table: Callable[[], Mapping[str, Any]]
    many: bool = False


Operand = Field | Lookup | Scalar


class Condition:
    """Base of the condition tree; ``&`` and ``|`` combine conditions."""

    def __and__(self, other: Condition) -> Condition:
        return All((self, other))

    def __or__(self, other: Condition) -> Condition:
        return AnyOf((self, other))


@dataclass(frozen=True)
class Compare(Condition):
    """``left OP right``; false when either side is missing."""

    left: Operand
    op: str  # one of "<", ">", "==", "!="
    right: Operand


@dataclass(frozen=True)
class IsNull(Condition):
    field: str


@dataclass(frozen=True)
class NotNull(Condition):
    field: str


@dataclass(frozen=True)
class IsEmpty(Condition):
    """A list field with no items (or missing)."""

    field: str


@dataclass(frozen=True)
class OneOf(Condition):
    """The field holds one of ``values`` (false when it is missing)."""

    field: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class All(Condition):
    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf(Condition):
    parts: tuple[Condition, ...]


def lt(left: Operand, right: Operand) -> Compare:
    return Compare(left, "<", right)


def gt(left: Operand, right: Operand) -> Compare:
    return Compare(left, ">", right)


def eq(left: Operand, right: Operand) -> Compare:
    return Compare(left, "==", right)


def ne(left: Operand, right: Operand) -> Compare:
    return Compare(left, "!=", right)


F = Field


@dataclass(frozen=True)
class RecordRule:
    """One record rule: a breach is a record of ``table`` for which ``when`` holds."""

    code: Code
    table: str
    at: str
    when: Condition
    message: str
    show: str | None = None

    @property
    def reads(self) -> tuple[str, ...]:
        """Every field the rule reads: a broken cell in any of them skips the rule."""
        return tuple(dict.fromkeys(_fields(self.when)))

    def describe(self, record: Mapping[str, Any]) -> str:
        """The message for one breaching record; a missing value reads ``(empty)``."""
        return self.message.format_map(
            {k: "(empty)" if v is None else _plain(v) for k, v in record.items()}
        )


def _fields(condition: Condition) -> Iterator[str]:
    if isinstance(condition, Compare):
        for side in (condition.left, condition.right):
            if isinstance(side, (Field, Lookup)):
                yield side.name
    elif isinstance(condition, (IsNull, NotNull, IsEmpty, OneOf)):
        yield condition.field
    elif isinstance(condition, (All, AnyOf)):
        for part in condition.parts:
            yield from _fields(part)


#: The figures a casualty report gives, each as low, best and high.
CASUALTY_MEASURES = ("killed", "injured", "missing")


def _casualty_rules(kind: str, table: str = "incidents") -> tuple[RecordRule, ...]:
    low, best, high = (f"{kind}_{part}" for part in ("low", "best", "high"))
    return (
        RecordRule(
            Code.CASUALTY_ORDER,
            table,
            best,
            gt(F(low), F(best)),
            f"{best} {{{best}}} is below {low} {{{low}}}",
            best,
        ),
        RecordRule(
            Code.CASUALTY_ORDER,
            table,
            high,
            gt(F(low), F(high)) | gt(F(best), F(high)),
            f"{high} {{{high}}} is below {low} or {best}",
            high,
        ),
    )


def _coordinate_rules() -> tuple[RecordRule, ...]:
    return tuple(
        RecordRule(
            Code.COORDINATES_PAIR,
            "incidents",
            missing,
            IsNull(missing) & NotNull(given),
            f"{missing} is empty while the other coordinate is given; give both or neither",
        )
        for missing, given in (("longitude", "latitude"), ("latitude", "longitude"))
    )


#: Times are compared to the minute: the first five characters, HH:MM.
TIME_DIGITS = 5

_WITHDRAWN = IncidentStatus.WITHDRAWN.value
_ACTIVE = IncidentStatus.ACTIVE.value

#: Every regular record rule of the standard.
RECORD_RULES: tuple[RecordRule, ...] = (
    RecordRule(
        Code.DATE_ORDER,
        "incidents",
        "date_end",
        lt(F("date_end"), F("date_start")),
        "date_end {date_end} is before date_start {date_start}; swap them or correct one",
        "date_end",
    ),
    *_casualty_rules("killed"),
    *_casualty_rules("injured"),
    *_coordinate_rules(),
    RecordRule(
        Code.GEO_PRECISION_MISSING,
        "incidents",
        "geo_precision",
        NotNull("latitude") & IsNull("geo_precision"),
        "coordinates are given, so say how precise they are in geo_precision",
    ),
    RecordRule(
        Code.SUBDIVISION_COUNTRY,
        "incidents",
        "admin1_code",
        NotNull("admin1_code") & (IsNull("country") | ne(F("admin1_code", 2), F("country"))),
        "admin1_code {admin1_code} is not a subdivision of country {country}",
        "admin1_code",
    ),
    RecordRule(
        Code.WITHDRAWN_REASON,
        "incidents",
        "withdrawn_reason",
        eq(F("status"), _WITHDRAWN) & IsNull("withdrawn_reason"),
        "a withdrawn incident needs a withdrawn_reason",
    ),
    *(
        RecordRule(
            Code.WITHDRAWN_REASON,
            "incidents",
            name,
            eq(F("status"), _ACTIVE) & NotNull(name),
            f"an active incident has no {name}; set status to withdrawn or empty {name}",
            name,
        )
        for name in ("withdrawn_reason", "superseded_by")
    ),
    RecordRule(
        Code.SUPERSEDED_SELF,
        "incidents",
        "superseded_by",
        eq(F("superseded_by"), F("id")),
        "an incident cannot be superseded by itself",
        "superseded_by",
    ),
    RecordRule(
        Code.MODIFIED_ORDER,
        "incidents",
        "modified",
        lt(F("modified"), F("created")),
        "modified {modified} is before created {created}",
        "modified",
    ),
    RecordRule(
        Code.TIME_ORDER,
        "incidents",
        "time_start",
        IsNull("time_start") & NotNull("time_end"),
        "time_end is given without time_start; give both, or time_start alone",
    ),
    RecordRule(
        Code.TIME_ORDER,
        "incidents",
        "time_end",
        eq(F("date_start"), F("date_end"))
        & lt(F("time_end", TIME_DIGITS), F("time_start", TIME_DIGITS)),
        "time_end {time_end} is before time_start {time_start} on the same day; for a night "
        "across midnight, set date_end to the day after date_start",
        "time_end",
    ),
    RecordRule(
        Code.RETRACTION_ORDER,
        "claims",
        "retracted_on",
        lt(F("retracted_on"), F("made_on")),
        "retracted_on {retracted_on} is before made_on {made_on}",
        "retracted_on",
    ),
    RecordRule(
        Code.CLAIM_REFERENCE,
        "claims",
        "supersedes",
        eq(F("supersedes"), F("id")),
        "a claim cannot supersede itself",
        "supersedes",
    ),
    RecordRule(
        Code.CLAIM_PERPETRATOR_MISSING,
        "claims",
        "attributed_to",
        OneOf(
            "claim_type",
            tuple(
                t.value
                for t in (ClaimType.RESPONSIBILITY_CLAIM, ClaimType.ATTRIBUTION, ClaimType.DENIAL)
            ),
        )
        & IsEmpty("attributed_to"),
        "a {claim_type} must name who it is about in attributed_to",
    ),
)


#: When ISO withdrew a formerly used country code: an event on or after it cannot use it.
_WITHDRAWN_ON = Lookup("country", historical_countries)
_ANY_WITHDRAWN_ON = Lookup("jurisdictions", historical_countries, many=True)
_STATE_ZONES = tuple(z.value for z in MaritimeZone if z is not MaritimeZone.HIGH_SEAS)
_FIGURES = tuple(f"{m}_{p}" for m in CASUALTY_MEASURES for p in ("low", "best", "high"))

#: The rules of standard 0.3's new fields.
RECORD_RULES += (
    RecordRule(
        Code.HISTORICAL_COUNTRY,
        "incidents",
        "country",
        lt(_WITHDRAWN_ON, F("date_start")) | eq(_WITHDRAWN_ON, F("date_start")),
        "country {country} is a formerly used code, withdrawn before date_start {date_start}; "
        "use the code of the state the place belonged to then",
        "country",
    ),
    RecordRule(
        Code.HISTORICAL_COUNTRY,
        "incidents",
        "jurisdictions",
        lt(_ANY_WITHDRAWN_ON, F("date_start")) | eq(_ANY_WITHDRAWN_ON, F("date_start")),
        "jurisdictions {jurisdictions} hold a formerly used code, withdrawn before date_start "
        "{date_start}",
        "jurisdictions",
    ),
    RecordRule(
        Code.SUBDIVISION_COUNTRY,
        "incidents",
        "admin2_code",
        NotNull("admin2_code") & (IsNull("country") | ne(F("admin2_code", 2), F("country"))),
        "admin2_code {admin2_code} is not a subdivision of country {country}",
        "admin2_code",
    ),
    RecordRule(
        Code.MARITIME_ZONE,
        "incidents",
        "maritime_zone",
        OneOf("maritime_zone", _STATE_ZONES) & IsNull("country") & IsEmpty("jurisdictions"),
        "maritime_zone {maritime_zone} is some state's zone: name the state in country (its "
        "territorial sea) or jurisdictions (its exclusive economic zone)",
        "maritime_zone",
    ),
    RecordRule(
        Code.MARITIME_ZONE,
        "incidents",
        "country",
        eq(F("maritime_zone"), MaritimeZone.HIGH_SEAS.value) & NotNull("country"),
        "the high seas lie outside every state; leave country empty",
        "country",
    ),
    RecordRule(
        Code.DATE_PRECISION,
        "incidents",
        "date_precision",
        eq(F("date_span"), DateSpan.DURATION.value)
        & OneOf(
            "date_precision",
            tuple(
                p.value
                for p in DatePrecision
                if p not in (DatePrecision.DAY, DatePrecision.APPROXIMATE_DAY)
            ),
        ),
        "a duration is known from one day to another: date_precision must be day or "
        "approximate_day, not {date_precision}",
        "date_precision",
    ),
    RecordRule(
        Code.INFRASTRUCTURE_TYPE,
        "targets",
        "infrastructure_type",
        NotNull("infrastructure_type") & ne(F("target_type"), TargetType.INFRASTRUCTURE.value),
        "infrastructure_type is for a target of type infrastructure, not {target_type}",
        "infrastructure_type",
    ),
    *(
        rule
        for measure in CASUALTY_MEASURES
        for rule in _casualty_rules(measure, "casualty_reports")
    ),
    RecordRule(
        Code.CASUALTY_REPORT_EMPTY,
        "casualty_reports",
        "killed_best",
        All(tuple(IsNull(name) for name in _FIGURES)),
        "a casualty report gives at least one figure",
    ),
)


@functools.cache
def rules_for(table: str) -> tuple[RecordRule, ...]:
    return tuple(rule for rule in RECORD_RULES if rule.table == table)


# ---------------------------------------------------------------- one record

Predicate = Callable[[Mapping[str, Any]], bool]
_COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt,
    ">": operator.gt,
    "==": operator.eq,
    "!=": operator.ne,
}


def _plain(value: Any) -> Any:
    # ``_value_`` is a plain attribute; ``.value`` goes through Enum's descriptor, which
    # costs more than the rest of a rule check.
    return value._value_ if isinstance(value, Enum) else value


def _getter(operand: Operand) -> Callable[[Mapping[str, Any]], Any]:
    """How to read ``operand`` from one record."""
    if isinstance(operand, Lookup):
        lookup = operand

        def looked_up(record: Mapping[str, Any]) -> Any:
            table = lookup.table()
            value = record.get(lookup.name)
            keys = (value or []) if lookup.many else [value]
            found = [table[_plain(k)] for k in keys if k is not None and _plain(k) in table]
            return min(found) if found else None

        return looked_up
    if not isinstance(operand, Field):
        constant = operand
        return lambda record: constant
    name, length = operand.name, operand.length
    if length is None:
        return lambda record: _plain(record.get(name))

    def prefix(record: Mapping[str, Any]) -> Any:
        value = _plain(record.get(name))
        return value[:length] if value is not None else None

    return prefix


@functools.lru_cache(maxsize=1024)  # the rules' conditions, and a few built by callers
def predicate(condition: Condition) -> Predicate:
    """``condition`` compiled once into a function of one record: the per-record twin
    of :func:`polars_condition`, without walking the tree for every record."""
    if isinstance(condition, Compare):
        left, right = _getter(condition.left), _getter(condition.right)
        compare = _COMPARISONS[condition.op]

        def compared(record: Mapping[str, Any]) -> bool:
            a, b = left(record), right(record)
            return a is not None and b is not None and bool(compare(a, b))

        return compared
    if isinstance(condition, IsNull):
        name = condition.field
        return lambda record: record.get(name) is None
    if isinstance(condition, NotNull):
        name = condition.field
        return lambda record: record.get(name) is not None
    if isinstance(condition, IsEmpty):
        name = condition.field
        return lambda record: not record.get(name)
    if isinstance(condition, OneOf):
        name, values = condition.field, condition.values
        return lambda record: _plain(record.get(name)) in values
    if isinstance(condition, All):
        parts = tuple(map(predicate, condition.parts))
        return lambda record: all(part(record) for part in parts)
    if isinstance(condition, AnyOf):
        parts = tuple(map(predicate, condition.parts))
        return lambda record: any(part(record) for part in parts)
    raise TypeError(f"unknown condition {condition!r}")


def holds(condition: Condition, record: Mapping[str, Any]) -> bool:
    """Whether ``condition`` holds for one record (a mapping of field -> value)."""
    return predicate(condition)(record)


@functools.cache
def _compiled(table: str) -> tuple[tuple[RecordRule, Predicate], ...]:
    return tuple((rule, predicate(rule.when)) for rule in rules_for(table))


def breaches(table: str, record: Mapping[str, Any]) -> Iterator[RuleBreach]:
    """Every regular rule of ``table`` that ``record`` breaks, as the models report them."""
    for rule, broken in _compiled(table):
        if broken(record):
            shown = _plain(record.get(rule.show)) if rule.show else None
            yield RuleBreach(
                rule.code,
                (rule.at,),
                rule.describe(record),
                str(shown) if isinstance(shown, dt.date) else shown,
            )


# ---------------------------------------------------------------- whole tables


def polars_condition(condition: Condition) -> pl.Expr:
    """The condition as a Polars expression over a table: true exactly where it holds."""
    import polars as pl

    def operand(side: Operand) -> pl.Expr:
        if isinstance(side, Lookup):
            table = side.table()
            values = list(table.values())
            dtype = pl.Date if values and isinstance(values[0], dt.date) else None

            def mapped(codes: pl.Expr) -> pl.Expr:
                return codes.cast(pl.String).replace_strict(
                    list(table), values, default=None, return_dtype=dtype
                )

            if side.many:
                return pl.col(side.name).list.eval(mapped(pl.element())).list.min()
            return mapped(pl.col(side.name))
        if not isinstance(side, Field):
            return pl.lit(side)
        column = pl.col(side.name)
        if side.length is not None:
            column = column.cast(pl.String).str.slice(0, side.length)
        return column

    if isinstance(condition, Compare):
        left, right = operand(condition.left), operand(condition.right)
        compared = {
            "<": lambda: left < right,
            ">": lambda: left > right,
            "==": lambda: (
                left.cast(pl.String) == right.cast(pl.String)
                if _textual(condition)
                else left == right
            ),
            "!=": lambda: (
                left.cast(pl.String) != right.cast(pl.String)
                if _textual(condition)
                else left != right
            ),
        }[condition.op]()
        return compared.fill_null(False)
    if isinstance(condition, IsNull):
        return pl.col(condition.field).is_null()
    if isinstance(condition, NotNull):
        return pl.col(condition.field).is_not_null()
    if isinstance(condition, IsEmpty):
        return pl.col(condition.field).list.len().fill_null(0) == 0
    if isinstance(condition, OneOf):
        return (
            pl.col(condition.field).cast(pl.String).is_in(list(condition.values)).fill_null(False)
        )
    if isinstance(condition, All):
        return pl.all_horizontal([polars_condition(part) for part in condition.parts])
    if isinstance(condition, AnyOf):
        return pl.any_horizontal([polars_condition(part) for part in condition.parts])
    raise TypeError(f"unknown condition {condition!r}")


def _textual(condition: Compare) -> bool:
    """Equality tests on text: code columns are Polars Enums, compared as their names."""
    return any(
        isinstance(side, str) or (isinstance(side, Field) and side.length is not None)
        for side in (condition.left, condition.right)
    )
