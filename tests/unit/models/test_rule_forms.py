"""Each record rule's two forms agree on every row: the one-record form the models run and
the whole-table form the validator runs. Rows come from the column definitions
(tests/columnar.py); nothing is written to disk, so thousands of rows are checked a second.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictschema.models.attribution import derive_attribution_status, derived_statuses
from conflictschema.models.codes import AttributionStatus
from conflictschema.models.dates import precision_breach, precision_breached
from conflictschema.models.rulespec import RECORD_RULES, RecordRule, holds, polars_condition
from tests.columnar import IDS, rows, typed_frame

EXAMPLES = settings(max_examples=150)
CLAIM_FIELDS = ("incident_id", "claimant", "claim_type", "attributed_to", "method")


@pytest.mark.parametrize("rule", RECORD_RULES, ids=lambda r: f"{r.code.value}@{r.at}")
@EXAMPLES
@given(data=st.data())
def test_record_rule_forms_agree(rule: RecordRule, data: st.DataObject) -> None:
    records = data.draw(rows(rule.table, rule.reads))
    frame = typed_frame(rule.table, records)
    vectorised = frame.select(polars_condition(rule.when)).to_series().to_list()
    one_by_one = [holds(rule.when, record) for record in records]
    assert vectorised == one_by_one


def test_every_rule_fires_and_keeps_on_generated_rows() -> None:
    """The generator is not too tame: each rule both holds and fails on some rows."""
    seen: dict[str, set[bool]] = defaultdict(set)

    @settings(max_examples=60, database=None)
    @given(data=st.data())
    def collect(data: st.DataObject) -> None:
        for rule in RECORD_RULES:
            for record in data.draw(rows(rule.table, rule.reads, max_size=10)):
                seen[f"{rule.code.value}@{rule.at}"].add(holds(rule.when, record))

    collect()
    assert {key: outcomes for key, outcomes in seen.items() if outcomes != {True, False}} == {}


@EXAMPLES
@given(records=rows("incidents", ("date_start", "date_end", "date_precision")))
def test_date_precision_forms_agree(records: list[dict[str, Any]]) -> None:
    frame = typed_frame("incidents", records)
    vectorised = (
        frame.select(
            precision_breached(
                pl.col("date_precision").cast(pl.String), pl.col("date_start"), pl.col("date_end")
            )
        )
        .to_series()
        .to_list()
    )
    assert vectorised == [precision_breach(record) is not None for record in records]


@EXAMPLES
@given(records=rows("claims", CLAIM_FIELDS, max_size=60), data=st.data())
def test_attribution_status_forms_agree(records: list[dict[str, Any]], data: st.DataObject) -> None:
    for record in records:  # a few incidents, so incidents have several claims
        record["incident_id"] = data.draw(st.sampled_from(IDS))
    frame = typed_frame("claims", records)
    derived = dict(derived_statuses(frame.select(CLAIM_FIELDS)).iter_rows())

    class Claim:
        def __init__(self, record: dict[str, Any]) -> None:
            self.__dict__.update(record)

    by_incident: dict[str, list[Claim]] = defaultdict(list)
    for record in records:
        by_incident[record["incident_id"]].append(Claim(record))
    expected = {key: derive_attribution_status(claims).value for key, claims in by_incident.items()}
    assert derived == expected
    assert AttributionStatus.UNCLAIMED.value not in derived.values()
