"""Each record rule's two forms agree on every row: the one-record form the models run and
the whole-table form the validator runs. Rows come from the column definitions
(tests/columnar.py); nothing is written to disk, so thousands of rows are checked a second.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from types import SimpleNamespace
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictschema.models.attribution import CLAIM_COLUMNS, derive_statuses, derived_statuses
from conflictschema.models.dates import overnight_expr, precision_breach, precision_breached
from conflictschema.models.rulespec import RECORD_RULES, RecordRule, holds, polars_condition
from tests.columnar import IDS, rows, typed_frame

EXAMPLES = settings(max_examples=60)


@pytest.mark.parametrize("rule", RECORD_RULES, ids=lambda r: f"{r.code.value}@{r.at}")
@EXAMPLES
@given(data=st.data())
def test_record_rule_forms_agree(rule: RecordRule, data: st.DataObject) -> None:
    records = data.draw(rows(rule.table, rule.reads))
    frame = typed_frame(rule.table, records)
    vectorised = frame.select(polars_condition(rule.when)).to_series().to_list()
    one_by_one = [holds(rule.when, record) for record in records]
    assert vectorised == one_by_one


@pytest.mark.parametrize("rule", RECORD_RULES, ids=lambda r: f"{r.code.value}@{r.at}")
def test_every_rule_fires_and_keeps_on_generated_rows(rule: RecordRule) -> None:
    """The generator is not too tame: each rule both holds and fails on some rows.

    Each rule draws its own rows: one draw for all rules at once would run out of
    Hypothesis's buffer and starve the rules drawn last."""
    seen: set[bool] = set()

    @settings(max_examples=50, database=None)
    @given(records=rows(rule.table, rule.reads, min_size=5, max_size=10))
    def collect(records: list[dict[str, Any]]) -> None:
        seen.update(holds(rule.when, record) for record in records)

    collect()
    assert seen == {True, False}


@EXAMPLES
@given(
    records=rows(
        "incidents", ("date_start", "date_end", "date_precision", "time_start", "time_end")
    )
)
def test_date_precision_forms_agree(records: list[dict[str, Any]]) -> None:
    frame = typed_frame("incidents", records)
    vectorised = (
        frame.select(
            precision_breached(
                pl.col("date_precision").cast(pl.String),
                pl.col("date_start"),
                pl.col("date_end"),
                overnight_expr(pl.col("time_start"), pl.col("time_end")),
            )
        )
        .to_series()
        .to_list()
    )
    assert vectorised == [precision_breach(record) is not None for record in records]


@settings(max_examples=200)
@given(
    records=rows("claims", CLAIM_COLUMNS, max_size=30),
    parent_of=st.dictionaries(st.sampled_from(IDS), st.none() | st.sampled_from(IDS)),
    as_of=st.none() | st.dates(dt.date(2023, 1, 1), dt.date(2024, 12, 31)),
    data=st.data(),
)
def test_status_forms_agree(
    records: list[dict[str, Any]],
    parent_of: dict[str, str | None],
    as_of: dt.date | None,
    data: st.DataObject,
) -> None:
    """Random claims over three names, each an actor or not, whose parents (cycles
    included, and names that are no actor) are random too."""
    for record in records:  # a few incidents, so incidents have several claims
        record["incident_id"] = data.draw(st.sampled_from(IDS))
    frame = typed_frame("claims", records)
    actors = pl.DataFrame(
        {"id": list(parent_of), "parent": list(parent_of.values())},
        schema={"id": pl.String, "parent": pl.String},
    )
    derived = {row[0]: row[1:] for row in derived_statuses(frame, actors, as_of).iter_rows()}

    by_incident: dict[str, list[SimpleNamespace]] = defaultdict(list)
    for record in records:
        by_incident[record["incident_id"]].append(SimpleNamespace(**record))
    for key, claims in by_incident.items():
        expected = tuple(s.value for s in derive_statuses(claims, parent_of, as_of))
        assert derived.get(key, ("unattributed", "unclaimed")) == expected, key
