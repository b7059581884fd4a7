"""The record rules: one stable code each, with the meaning users read in the codebook.

Models raise these codes from their validators and the validator reports them under
the same names, so a code means one thing wherever it appears. Codes are never
reused for a different rule; a retired code stays listed as retired.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    meaning: str
    layer: str


RULES: dict[str, Rule] = {}


def define_rule(code: str, meaning: str, *, layer: str, severity: Severity = "error") -> str:
    """Register a finding code once; registering it twice is a programming error."""
    if code in RULES:
        raise RuntimeError(f"finding code {code!r} is defined twice")
    RULES[code] = Rule(code=code, severity=severity, meaning=meaning, layer=layer)
    return code


DATE_ORDER = define_rule("date-order", "date_end is before date_start.", layer="record")
DATE_PRECISION = define_rule(
    "date-precision",
    "The span from date_start to date_end does not match date_precision "
    "(a day, one to six days, a calendar month, a calendar year, or a range longer than one day).",
    layer="record",
)
CASUALTY_ORDER = define_rule(
    "casualty-order", "A casualty range breaks low <= best <= high.", layer="record"
)
COORDINATES_PAIR = define_rule(
    "coordinates-pair",
    "Only one of latitude and longitude is given; give both or neither.",
    layer="record",
)
GEO_PRECISION_MISSING = define_rule(
    "geo-precision-missing", "Coordinates are given without geo_precision.", layer="record"
)
SUBDIVISION_COUNTRY = define_rule(
    "subdivision-country",
    "admin1_code is not a subdivision of the country given in country.",
    layer="record",
)
WITHDRAWN_REASON = define_rule(
    "withdrawn-reason",
    "A withdrawn incident has no withdrawn_reason, or an active one has a withdrawn_reason "
    "or superseded_by.",
    layer="record",
)
SUPERSEDED_SELF = define_rule(
    "superseded-self", "An incident is superseded by itself.", layer="record"
)
MODIFIED_ORDER = define_rule("modified-order", "modified is before created.", layer="record")
CLAIM_PERPETRATOR_MISSING = define_rule(
    "claim-perpetrator-missing",
    "A responsibility claim, attribution or denial does not say who it is about (attributed_to).",
    layer="record",
)
CLAIM_SELF_ATTRIBUTION = define_rule(
    "claim-self-attribution",
    "A responsibility claim or denial is attributed to an actor other than the claimant or a "
    "group the claimant belongs to (through actors.parent).",
    layer="references",
)
ATTRIBUTION_STATUS = define_rule(
    "attribution-status",
    "The stored attribution_status differs from the one derived from the incident's claims.",
    layer="record",
)
DUPLICATE_ID = define_rule(
    "duplicate-id", "An id appears more than once in its table.", layer="references"
)
FK_MISSING = define_rule(
    "fk-missing",
    "A reference names an id that its target table does not have.",
    layer="references",
)
ID_REUSED = define_rule(
    "id-reused",
    "An id listed in an incident's previous_ids is the current id of another incident.",
    layer="references",
)
REFERENCE_CYCLE = define_rule(
    "reference-cycle",
    "actors.parent or sources.relays forms a cycle.",
    layer="references",
)


@dataclass(frozen=True)
class RuleBreach:
    """One broken rule, located by a path relative to the model being validated."""

    code: str
    loc: tuple[str | int, ...]
    message: str
    value: Any = None


def raise_breaches(title: str, breaches: Iterable[RuleBreach]) -> None:
    """Raise every breach at once, each at its own field, so none hides another."""
    details = [
        InitErrorDetails(
            type=PydanticCustomError(b.code, b.message),
            loc=b.loc,
            input=b.value,
        )
        for b in breaches
    ]
    if details:
        raise ValidationError.from_exception_data(title, details)
