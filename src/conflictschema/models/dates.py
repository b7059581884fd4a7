"""The one irregular date rule, in both forms side by side: a span must fit its precision.

``date_precision`` says how precisely an incident's date is known, so the span from
``date_start`` to ``date_end`` must be what that precision describes: one day (or two
consecutive days when the times show one night across midnight), one to six days (a
week), one calendar month, one calendar year, or a range of more than one day. The rule is a calendar computation rather than a comparison of fields, so it is
written twice, here, one under the other: :func:`span_matches_precision` for one
record and :func:`span_fits` for a whole table. ``tests/unit/models/test_rule_forms.py``
feeds both the same generated rows and requires the same answer for every one.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any

from conflictschema.findingcodes import Code
from conflictschema.models.codes import DatePrecision, DateSpan
from conflictschema.models.rules import RuleBreach
from conflictschema.models.rulespec import TIME_DIGITS

if TYPE_CHECKING:
    import polars as pl

MEANING = {m.value: m.description for m in DatePrecision}


def crosses_midnight(time_start: str | None, time_end: str | None) -> bool:
    """Whether the clock times show an event that ends after the midnight it began before."""
    if time_start is None or time_end is None:
        return False
    return time_end[:TIME_DIGITS] < time_start[:TIME_DIGITS]


def span_matches_precision(
    start: dt.date, end: dt.date, precision: DatePrecision | str, overnight: bool = False
) -> bool:
    """Whether ``start``..``end`` is a span that ``precision`` describes; ``overnight``
    (see :func:`crosses_midnight`) lets a day end on the next date.

    >>> span_matches_precision(dt.date(2023, 10, 1), dt.date(2023, 10, 31), "month")
    True
    >>> span_matches_precision(dt.date(2023, 10, 2), dt.date(2023, 10, 31), "month")
    False
    """
    days = (end - start).days
    if precision in (DatePrecision.DAY, DatePrecision.APPROXIMATE_DAY):
        return days == 0 or (days == 1 and overnight)
    if precision == DatePrecision.WEEK:
        return 1 <= days <= 6
    if precision == DatePrecision.MONTH:
        last = calendar.monthrange(start.year, start.month)[1]
        return start.day == 1 and end == start.replace(day=last)
    if precision == DatePrecision.YEAR:
        return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and (
            start.year == end.year
        )
    return days >= 1


def overnight_expr(time_start: pl.Expr, time_end: pl.Expr) -> pl.Expr:
    """:func:`crosses_midnight` over whole columns."""
    return (time_end.str.slice(0, TIME_DIGITS) < time_start.str.slice(0, TIME_DIGITS)).fill_null(
        False
    )


def span_fits(
    precision: pl.Expr, start: pl.Expr, end: pl.Expr, overnight: pl.Expr | None = None
) -> pl.Expr:
    """:func:`span_matches_precision` over whole columns (null where an input is null)."""
    import polars as pl

    days = (end - start).dt.total_days()
    one_day = days == 0
    if overnight is not None:
        one_day = one_day | ((days == 1) & overnight)
    return (
        pl.when(precision.is_in([DatePrecision.DAY.value, DatePrecision.APPROXIMATE_DAY.value]))
        .then(one_day)
        .when(precision == DatePrecision.WEEK.value)
        .then((days >= 1) & (days <= 6))
        .when(precision == DatePrecision.MONTH.value)
        .then((start.dt.day() == 1) & (end == start.dt.month_end()))
        .when(precision == DatePrecision.YEAR.value)
        .then(
            (start.dt.month() == 1)
            & (start.dt.day() == 1)
            & (end.dt.month() == 12)
            & (end.dt.day() == 31)
            & (start.dt.year() == end.dt.year())
        )
        .otherwise(days >= 1)
    )


def precision_breached(
    precision: pl.Expr,
    start: pl.Expr,
    end: pl.Expr,
    overnight: pl.Expr | None = None,
    span: pl.Expr | None = None,
) -> pl.Expr:
    """Where the table breaks the rule: dates in order, precision given, span does not fit.
    (Dates out of order are the ``date-order`` rule's to report; a duration's span is
    not uncertainty, and its precision is the ``date-precision`` record rule's.)"""
    import polars as pl

    uncertain = pl.lit(True) if span is None else (span != DateSpan.DURATION.value)
    return (
        precision.is_not_null()
        & uncertain.fill_null(True)
        & (end >= start)
        & ~span_fits(precision, start, end, overnight)
    ).fill_null(False)


def precision_message(record: Mapping[str, Any]) -> str:
    precision = record["date_precision"]
    value = precision.value if isinstance(precision, Enum) else precision
    return (
        f"date_precision {value!r} does not fit {record['date_start']}..{record['date_end']}; "
        f"{MEANING[value]}"
    )


def precision_breach(record: Mapping[str, Any]) -> RuleBreach | None:
    """The breach one record makes, or None (the models' form of :func:`precision_breached`)."""
    start, end, precision = record["date_start"], record["date_end"], record["date_precision"]
    if start is None or end is None or precision is None or end < start:
        return None
    if record.get("date_span") == DateSpan.DURATION:
        return None
    overnight = crosses_midnight(record.get("time_start"), record.get("time_end"))
    if span_matches_precision(start, end, precision, overnight):
        return None
    value = precision.value if isinstance(precision, Enum) else precision
    return RuleBreach(Code.DATE_PRECISION, ("date_precision",), precision_message(record), value)
