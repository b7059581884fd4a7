"""UCDP GED event exports -> the standard (mapping in docs/importers/ucdp-ged.md).

A GED event is a day (or span) of organised violence between two sides. In state-based
and non-state violence (types 1 and 2) the sides are a dyad with no direction: they
become participants ``side_a`` and ``side_b``, and no claim. In one-sided violence
(type 3) UCDP codes side A as the actor that killed civilians: that is UCDP's own
judgement of who did it, so it becomes an assessment claim by UCDP naming side A,
cited to the event's record. The deaths by side are casualty reports whose 0 means
none (UCDP's estimate), and the articles UCDP cites are sources the record relays.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import Any

from conflictschema.importers.crosswalks import country_by_name, gleditsch_ward, region_code
from conflictschema.importers.records import Collector, Skip, dataset_claims
from conflictschema.importers.sourcefile import (
    Export,
    cell,
    coordinate,
    csv_export,
    parse_date,
    precision_of_span,
    unmapped,
    whole_number,
)
from conflictschema.models.classifications import slug as category

NAME = "ucdp-ged"
LABEL = "UCDP GED"
#: Columns every GED export has; a file without them is not one.
REQUIRED = ("id", "type_of_violence", "side_a", "side_b", "date_start", "date_end", "best")
#: Columns mapped to fields; every other column goes to an x_ucdp_ged_<column> extension.
MAPPED = {
    "id", "code_status", "type_of_violence", "side_a", "side_b", "source_article",
    "source_office", "source_date", "source_headline", "where_prec", "where_coordinates",
    "adm_1", "adm_2", "latitude", "longitude", "country", "country_id", "event_clarity",
    "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "best", "high", "low",
}  # fmt: skip

VIOLENCE = {"1": "state-based", "2": "non-state", "3": "one-sided"}
CLARITY = {"1": "high", "2": "low"}
#: where_prec -> geo precision: 1 the place named, 2 within 25 km of it, 3 the admin2
#: unit, 4 the admin1 unit, 5 a linear feature or other region, 6 the country, 7
#: international waters or airspace.
GEO_PRECISIONS = {
    "1": "settlement",
    "2": "approximate",
    "3": "admin2",
    "4": "admin1",
    "5": "region",
    "6": "country",
    "7": "at_sea",
}
#: deaths column -> casualty report category.
DEATHS = {
    "deaths_a": "side_a",
    "deaths_b": "side_b",
    "deaths_civilians": "civilians",
    "deaths_unknown": "unknown",
}
_ARTICLE = re.compile(r"^\s*(?P<outlet>[^,]+),\s*(?P<date>[^,]+),\s*(?P<headline>.*)$", re.S)


def read_export(path: Path) -> Export:
    return csv_export(path, label=LABEL, required=REQUIRED)


def _kind(name: str) -> str:
    """UCDP names a state's side "Government of X"; every other side is an
    organised armed group, except the civilians of one-sided violence."""
    if name.startswith("Government of"):
        return "state"
    return "group" if name.lower() == "civilians" else "non_state_armed_group"


def _articles(row: dict[str, str]) -> list[dict[str, Any]]:
    """The articles UCDP cites: ``source_article`` packs ``"Outlet,YYYY-MM-DD,Headline"``
    items, ``;``-joined and each quoted; without it, the parallel ``;``-joined
    ``source_office``, ``source_date`` and ``source_headline`` columns."""
    packed = cell(row, "source_article")
    articles: list[dict[str, Any]] = []
    if packed:
        for item in next(csv.reader([packed], delimiter=";", quotechar='"'), []):
            match = _ARTICLE.match(item)
            if match is None:
                if item.strip():
                    articles.append({"title": item.strip()[:500]})
                continue
            day = parse_date(match["date"], day_first=False)
            headline = match["headline"].strip()
            articles.append(
                {
                    "publisher": match["outlet"].strip()[:500] or None,
                    "published_on": day,
                    "title": headline[:500] if headline not in ("", "-") else None,
                }
            )
        return articles
    offices = (cell(row, "source_office") or "").split(";")
    dates = (cell(row, "source_date") or "").split(";")
    headlines = (cell(row, "source_headline") or "").split(";")
    for n, office in enumerate(offices):
        if not office.strip():
            continue
        day = parse_date(dates[n], day_first=True) if n < len(dates) else None
        headline = headlines[n].strip() if n < len(headlines) else ""
        articles.append(
            {
                "publisher": office.strip()[:500],
                "published_on": day,
                "title": headline[:500] if headline not in ("", "-") else None,
            }
        )
    return articles


def _ordered(low: int | None, best: int | None, high: int | None) -> dict[str, int | None]:
    """low, best and high as the standard orders them: a figure that breaks the order
    (GED's ``high`` is sometimes below ``best``) is left out; its column keeps it."""
    if best is not None and high is not None and high < best:
        high = None
    if best is not None and low is not None and low > best:
        low = None
    if low is not None and high is not None and high < low:
        high = None
    return {"killed_low": low, "killed_best": best, "killed_high": high}


def _country(row: dict[str, str], day: dt.date) -> str | None:
    number = whole_number(cell(row, "country_id"))
    found = gleditsch_ward(number, day) if number is not None else None
    return found or country_by_name(cell(row, "country") or "")


def import_row(line: int, row: dict[str, str], out: Collector, header: list[str]) -> Skip | None:
    """Add one GED event to ``out``; the reason it cannot be, if it cannot."""
    event_id = cell(row, "id")
    if not event_id or not re.fullmatch(r"[A-Za-z0-9._-]{1,40}", event_id):
        return Skip(line, f"id {row.get('id', '')!r} is not a GED event id")
    start = parse_date(row.get("date_start", ""), day_first=False)
    end = parse_date(row.get("date_end", ""), day_first=False)
    if start is None or end is None:
        return Skip(
            line,
            f"date_start/date_end {row.get('date_start')!r}, {row.get('date_end')!r} are no dates",
        )
    incident_id = f"{NAME}-{event_id}"
    articles = _articles(row)
    record_source = out.source(
        f"src-{incident_id}",
        title=f"UCDP GED event {event_id}",
        publisher="UCDP",
        source_type="dataset_record",
        relays=[
            out.source(f"src-{incident_id}-a{n}", source_type="other", **article)
            for n, article in enumerate(articles, start=1)
        ],
    )
    violence = cell(row, "type_of_violence") or ""
    sides = []
    for column, role in (("side_a", "side_a"), ("side_b", "side_b")):
        name = cell(row, column)
        if name:
            sides.append((out.actor(name, _kind(name)), role))
    participants = [
        {"id": f"{incident_id}-p{n}", "actor": actor, "role": role, "source_ids": [record_source]}
        for n, (actor, role) in enumerate(sides, start=1)
    ]
    ucdp = out.actor("UCDP", "ngo")
    claims = []
    if violence == "3" and sides and sides[0][1] == "side_a":
        claims.append(
            {
                "claimant": ucdp,
                "claim_type": "assessment",
                "attributed_to": [sides[0][0]],
                "statement": "UCDP codes this event as one-sided violence by side A against civilians.",
            }
        )
    low, best, high = (whole_number(cell(row, c)) for c in ("low", "best", "high"))
    totals = _ordered(low, best, high)
    reports: list[dict[str, Any]] = []
    if any(v is not None for v in totals.values()):
        reports.append({"category": "all", **totals})
    for column, whose in DEATHS.items():
        deaths = whole_number(cell(row, column))
        if deaths is not None:
            reports.append({"category": whose, "killed_best": deaths})
    for n, report in enumerate(reports, start=1):
        report.update(
            id=f"{incident_id}-c{n}",
            zeros="none",
            reported_by=ucdp,
            source_ids=[record_source],
        )
    latitude, longitude = coordinate(row.get("latitude"), 90), coordinate(row.get("longitude"), 180)
    located = latitude is not None and longitude is not None
    country = _country(row, start)
    where = cell(row, "where_coordinates")
    classifications = []
    if violence in VIOLENCE:
        classifications.append(f"ucdp-violence:{VIOLENCE[violence]}")
    clarity = cell(row, "event_clarity") or ""
    if clarity in CLARITY:
        classifications.append(f"ucdp-clarity:{CLARITY[clarity]}")
    if status := cell(row, "code_status"):
        classifications.append(f"ucdp-code-status:{category(status)}")
    dyad = " - ".join(cell(row, c) or "?" for c in ("side_a", "side_b"))
    incident: dict[str, Any] = {
        "id": incident_id,
        "title": f"{dyad}, {where or cell(row, 'country') or 'place unknown'}"[:500],
        "classifications": sorted(set(classifications)),
        "date_start": start,
        "date_end": end,
        "date_precision": precision_of_span(start, end) if end >= start else "day",
        "date_span": "uncertain",
        "location_name": where[:500] if where else None,
        "admin1": (cell(row, "adm_1") or "")[:500] or None,
        "admin2": (cell(row, "adm_2") or "")[:500] or None,
        "admin1_code": region_code(country, cell(row, "adm_1")),
        "country": country,
        "latitude": latitude if located else None,
        "longitude": longitude if located else None,
        "geo_precision": GEO_PRECISIONS.get(cell(row, "where_prec") or "") if located else None,
        **totals,
        "status": "active",
        "external_ids": [f"{NAME}:{event_id}"],
        "source_ids": [record_source],
        "participants": participants,
        "claims": dataset_claims(incident_id, claims, record_source),
        "casualty_reports": reports,
    }
    # a mapped column whose value found no field is kept as an extension column too
    lost = {"country", "country_id"} if country is None else set()
    lost |= {name for name in ("low", "high") if totals[f"killed_{name}"] is None}
    incident.update(unmapped(NAME, row, MAPPED, lost))
    return out.incident(line, incident)
