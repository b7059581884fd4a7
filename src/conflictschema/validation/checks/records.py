"""Layer 2: the record rules, run over whole tables.

The rules are declared once, in :mod:`conflictschema.models.rulespec`; this layer
compiles each declaration to a Polars expression and reports every row where it
holds, with the declaration's own message. The irregular date rule comes from
:mod:`conflictschema.models.dates`, where both its forms stand side by side. A rule
reads only cells that passed layer 1, and every rule runs on every row, so one run
reports all the breaches of a record, not only the first.
"""

from __future__ import annotations

import polars as pl

from conflictschema.findingcodes import Code
from conflictschema.models.dates import overnight_expr, precision_breached, precision_message
from conflictschema.models.rulespec import RECORD_RULES, RecordRule, polars_condition
from conflictschema.validation.context import CheckContext, select_hits

c = pl.col


def _run_rules(ctx: CheckContext, table: str, rules: list[RecordRule]) -> None:
    """Every rule of ``table`` in one pass over it; rows are fetched only for rules that hit."""
    frame = ctx.typed[table]
    masks = frame.select(
        (ctx.ok(table, *rule.reads) & polars_condition(rule.when)).alias(str(n))
        for n, rule in enumerate(rules)
    )
    hit = masks.select(pl.all().any()).row(0)
    for n, rule in enumerate(rules):
        if not hit[n]:
            continue
        shown = [rule.show] if rule.show else []
        ctx.emit(
            table,
            select_hits(frame, masks.get_column(str(n)), *rule.reads, *shown),
            rule.code,
            rule.at,
            rule.describe,
            rule.show,
        )


def check_date_precision(ctx: CheckContext) -> None:
    frame = ctx.typed["incidents"]
    used = ("date_start", "date_end", "date_precision", "date_span", "time_start", "time_end")
    mask = ctx.ok("incidents", *used) & precision_breached(
        c("date_precision").cast(pl.String),
        c("date_start"),
        c("date_end"),
        overnight_expr(c("time_start"), c("time_end")),
        c("date_span").cast(pl.String),
    )
    ctx.emit(
        "incidents",
        select_hits(frame, mask, *used),
        Code.DATE_PRECISION,
        "date_precision",
        precision_message,
        "date_precision",
    )


def check_records(ctx: CheckContext) -> None:
    """Layer 2: every record rule on every row."""
    for table in ctx.typed:
        rules = [rule for rule in RECORD_RULES if rule.table == table]
        if rules:
            _run_rules(ctx, table, rules)
    if "incidents" in ctx.typed:
        check_date_precision(ctx)
