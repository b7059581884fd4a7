"""Casualty report: one count of casualties, by whom, when, and of whom.

Tolls rise over weeks, each side counts its own, and a dataset may give deaths per
side; each such figure is a report. The incident's own killed and injured figures stay
the keeper's synthesis of them. A report says what a 0 means in its source, because
some datasets (ACLED) use 0 for "none or unknown".
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from conflictschema.models._base import RecordModel
from conflictschema.models.codes import CasualtyCategory, ZeroMeaning
from conflictschema.models.target import _InIncident, _Keyed
from conflictschema.models.types import Count, Date, Identifier, References, SourceIds


def _figure(measure: str, part: str) -> Any:
    what = {"killed": "killed", "injured": "injured", "missing": "missing or abducted"}[measure]
    text = {"low": "Lowest", "best": "Best", "high": "Highest"}[part]
    return Field(description=f"{text} number {what} in this report; empty = not given.")


class _CasualtyReportFields(RecordModel):
    rules_table = "casualty_reports"

    category: Annotated[CasualtyCategory, Field(description="Whose casualties are counted.")]
    killed_low: Annotated[Count | None, _figure("killed", "low")] = None
    killed_best: Annotated[Count | None, _figure("killed", "best")] = None
    killed_high: Annotated[Count | None, _figure("killed", "high")] = None
    injured_low: Annotated[Count | None, _figure("injured", "low")] = None
    injured_best: Annotated[Count | None, _figure("injured", "best")] = None
    injured_high: Annotated[Count | None, _figure("injured", "high")] = None
    missing_low: Annotated[Count | None, _figure("missing", "low")] = None
    missing_best: Annotated[Count | None, _figure("missing", "best")] = None
    missing_high: Annotated[Count | None, _figure("missing", "high")] = None
    zeros: Annotated[
        ZeroMeaning,
        Field(description="What a 0 among the figures means, as the source defines it."),
    ]
    reported_by: Annotated[
        Identifier | None,
        References("actors"),
        Field(description="Actor id of who gave the figures (a ministry, a party, a dataset)."),
    ] = None
    as_of: Annotated[
        Date | None,
        Field(description="The date the figures stood on; later reports may revise them."),
    ] = None
    source_ids: Annotated[
        SourceIds, Field(description="Ids of the sources giving the figures; at least one.")
    ]


class NestedCasualtyReport(_CasualtyReportFields, _Keyed):
    """A casualty report inside its incident's JSON document; the incident id is implied."""


class CasualtyReport(_CasualtyReportFields, _InIncident):
    """A row of casualty_reports.csv: standard section "Casualty report"."""
