"""Deliberate breaks of each rule of the standard, for property tests.

Each break takes a valid dataset document (``model_dump(mode="json")``), the index
of an incident to damage, and returns the field that must be named in the error.
A break returns None when the document lacks what it needs (e.g. no claims).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from conflictschema.models import derive_statuses
from conflictschema.models.rulespec import CASUALTY_MEASURES

Doc = dict[str, Any]
Break = Callable[[Doc, int], "str | None"]


def _day_after(iso: str, days: int = 1) -> str:
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=days)).isoformat()


def _rederive(doc: Doc, n: int) -> None:
    """Keep the statuses true to edited claims, so only the intended rule breaks."""
    incident = doc["incidents"][n]
    claims = [SimpleNamespace(**c) for c in incident["claims"]]
    parents = {a["id"]: a["parent"] for a in doc["actors"]}
    attribution, responsibility = derive_statuses(claims, parents)
    incident["attribution_status"] = attribution.value
    incident["responsibility_status"] = responsibility.value


def date_order(doc: Doc, n: int) -> str:
    inc = doc["incidents"][n]
    inc["date_end"] = _day_after(inc["date_start"], -1)
    return "date_end"


def date_precision(doc: Doc, n: int) -> str:
    inc = doc["incidents"][n]
    inc["date_end"] = inc["date_start"]
    inc["date_precision"] = "range"
    return "date_precision"


def casualty_order(doc: Doc, n: int) -> str:
    inc = doc["incidents"][n]
    inc.update(killed_low=10, killed_best=3, killed_high=None)
    return "killed_best"


def coordinates_pair(doc: Doc, n: int) -> str:
    inc = doc["incidents"][n]
    inc.update(latitude=46.75, longitude=None, geo_precision="exact")
    return "longitude"


def geo_precision_missing(doc: Doc, n: int) -> str:
    inc = doc["incidents"][n]
    inc.update(latitude=46.75, longitude=33.37, geo_precision=None)
    return "geo_precision"


def subdivision_country(doc: Doc, n: int) -> str:
    inc = doc["incidents"][n]
    inc.update(country="RU", admin1_code="UA-65")
    return "admin1_code"


def withdrawn_reason(doc: Doc, n: int) -> str:
    inc = doc["incidents"][n]
    inc.update(status="withdrawn", withdrawn_reason=None)
    return "withdrawn_reason"


def superseded_self(doc: Doc, n: int) -> str:
    inc = doc["incidents"][n]
    inc.update(status="withdrawn", withdrawn_reason="merged", superseded_by=inc["id"])
    return "superseded_by"


def modified_order(doc: Doc, n: int) -> str:
    inc = doc["incidents"][n]
    inc.update(created="2024-03-02", modified="2024-03-01")
    return "modified"


def claim_perpetrator_missing(doc: Doc, n: int) -> str | None:
    claims = doc["incidents"][n]["claims"]
    if not claims:
        return None
    claims[0].update(claim_type="attribution", attributed_to=[])
    _rederive(doc, n)
    return "attributed_to"


def claim_self_attribution(doc: Doc, n: int) -> str | None:
    claims = doc["incidents"][n]["claims"]
    if not claims:
        return None
    doc["actors"].append(
        {
            "id": "zz-outsider",
            "name": "Outsider",
            "aliases": [],
            "kind": "unknown",
            "parent": None,
            "country": None,
        }
    )
    claims[0].update(claim_type="responsibility_claim", attributed_to=["zz-outsider"])
    _rederive(doc, n)
    return "attributed_to"


def attribution_status(doc: Doc, n: int) -> str:
    inc = doc["incidents"][n]
    inc["attribution_status"] = (
        "contested" if inc["attribution_status"] != "contested" else "unattributed"
    )
    return "attribution_status"


def responsibility_status(doc: Doc, n: int) -> str:
    inc = doc["incidents"][n]
    inc["responsibility_status"] = (
        "competing_claims" if inc["responsibility_status"] != "competing_claims" else "unclaimed"
    )
    return "responsibility_status"


def time_order(doc: Doc, n: int) -> str:
    inc = doc["incidents"][n]
    inc.update(
        date_end=inc["date_start"], date_precision="day", time_start="22:00", time_end="02:00"
    )
    return "time_end"


def retraction_order(doc: Doc, n: int) -> str | None:
    claims = doc["incidents"][n]["claims"]
    if not claims:
        return None
    claims[0].update(made_on="2024-03-02", retracted_on="2024-03-01")
    _rederive(doc, n)
    return "retracted_on"


def claim_reference(doc: Doc, n: int) -> str | None:
    claims = doc["incidents"][n]["claims"]
    if not claims:
        return None
    claims[0]["disputes"] = [claims[0]["id"]]
    _rederive(doc, n)
    return "disputes"


def historical_country(doc: Doc, n: int) -> str:
    inc = doc["incidents"][n]
    inc.update(
        country="SU",
        admin1_code=None,
        admin2_code=None,
        maritime_zone=None,
        date_start="2024-03-01",
        date_end="2024-03-01",
        date_precision="day",
        date_span="uncertain",
        time_start=None,
        time_end=None,
    )
    return "country"


def maritime_zone(doc: Doc, n: int) -> str:
    inc = doc["incidents"][n]
    inc.update(
        maritime_zone="eez", country=None, admin1_code=None, admin2_code=None, jurisdictions=[]
    )
    return "maritime_zone"


def infrastructure_type(doc: Doc, n: int) -> str:
    doc["incidents"][n]["targets"].append(
        {
            "id": "zz-target",
            "target_type": "military",
            "infrastructure_type": "bridge",
            "name": None,
            "affiliation": None,
            "description": None,
        }
    )
    return "infrastructure_type"


def casualty_report_empty(doc: Doc, n: int) -> str:
    figures = {f"{m}_{p}": None for m in CASUALTY_MEASURES for p in ("low", "best", "high")}
    doc["incidents"][n]["casualty_reports"].append(
        {
            "id": "zz-report",
            "category": "all",
            **figures,
            "zeros": "none",
            "reported_by": None,
            "as_of": None,
            "source_ids": [doc["sources"][0]["id"]],
        }
    )
    return "killed_best"


def duplicate_id(doc: Doc, n: int) -> str:
    doc["actors"].append(dict(doc["actors"][0]))
    return "id"


def fk_missing(doc: Doc, n: int) -> str:
    doc["incidents"][n]["source_ids"] = ["no-such-source"]
    return "source_ids"


def id_reused(doc: Doc, n: int) -> str | None:
    others = [i["id"] for k, i in enumerate(doc["incidents"]) if k != n]
    if not others:
        return None
    doc["incidents"][n]["previous_ids"] = [others[0]]
    return "previous_ids"


def reference_cycle(doc: Doc, n: int) -> str:
    first = doc["actors"][0]
    doc["actors"].append(
        {
            "id": "zz-loop",
            "name": "Loop",
            "aliases": [],
            "kind": "unknown",
            "parent": first["id"],
            "country": None,
        }
    )
    first["parent"] = "zz-loop"
    return "parent"


def url_scheme(doc: Doc, n: int) -> str:
    doc["sources"][0]["url"] = "http:///no-host/path"  # passes the pattern, has no host
    return "url"


def unknown_country(doc: Doc, n: int) -> str:
    doc["incidents"][n].update(country="XX", admin1_code=None)
    return "country"


BREAKS: dict[str, Break] = {
    "date-order": date_order,
    "date-precision": date_precision,
    "casualty-order": casualty_order,
    "coordinates-pair": coordinates_pair,
    "geo-precision-missing": geo_precision_missing,
    "subdivision-country": subdivision_country,
    "withdrawn-reason": withdrawn_reason,
    "superseded-self": superseded_self,
    "modified-order": modified_order,
    "claim-perpetrator-missing": claim_perpetrator_missing,
    "claim-self-attribution": claim_self_attribution,
    "attribution-status": attribution_status,
    "responsibility-status": responsibility_status,
    "time-order": time_order,
    "retraction-order": retraction_order,
    "claim-reference": claim_reference,
    "historical-country": historical_country,
    "maritime-zone": maritime_zone,
    "infrastructure-type": infrastructure_type,
    "casualty-report-empty": casualty_report_empty,
    "duplicate-id": duplicate_id,
    "fk-missing": fk_missing,
    "id-reused": id_reused,
    "reference-cycle": reference_cycle,
    "url-scheme": url_scheme,
    "unknown-country": unknown_country,
}


# Breaks that a Table Schema can state too: Frictionless must flag the same cells.


def type_error(doc: Doc, n: int) -> str:
    doc["incidents"][n]["killed_low"] = "about 5"
    doc["incidents"][n]["killed_best"] = doc["incidents"][n]["killed_high"] = None
    return "killed_low"


def date_type_error(doc: Doc, n: int) -> str:
    doc["incidents"][n]["created"] = "27.02.2024"
    doc["incidents"][n]["modified"] = None
    return "created"


def out_of_range(doc: Doc, n: int) -> str:
    doc["incidents"][n].update(latitude=95.5, longitude=10.0, geo_precision="exact")
    return "latitude"


def required(doc: Doc, n: int) -> str:
    doc["incidents"][n]["title"] = None
    return "title"


def unknown_code(doc: Doc, n: int) -> str:
    doc["incidents"][n]["geo_precision"] = "7"
    doc["incidents"][n].update(latitude=None, longitude=None)
    return "geo_precision"


def pattern(doc: Doc, n: int) -> str:
    doc["actors"][0]["country"] = "ukr"
    return "country"


def duplicate_key(doc: Doc, n: int) -> str:
    doc["sources"].append(dict(doc["sources"][-1]))
    return "id"


def broken_foreign_key(doc: Doc, n: int) -> str:
    doc["incidents"][n]["controlled_by"] = "nobody-known"
    return "controlled_by"


STRUCTURE_BREAKS: dict[str, Break] = {
    "type-error": type_error,
    "type-error-date": date_type_error,
    "out-of-range": out_of_range,
    "required": required,
    "unknown-code": unknown_code,
    "pattern": pattern,
    "duplicate-key": duplicate_key,
    "fk-broken": broken_foreign_key,
}
