"""Airwars incident assessments, as scraped from the incident pages -> the standard
(mapping in docs/importers/airwars.md).

Airwars publishes no bulk export; scrapers of its pages name columns their own way, so
the header is read through one table of the names in circulation (``Suspected
belligerent`` and ``Suspected belligerents``, ``long`` and ``lon`` ...), and a column
met twice gives its first value that is not ``NA``.

Airwars' suspected and known belligerents are its own judgement: one assessment claim
by Airwars per belligerent it names (the known one, if any; otherwise each suspected
one, since several suspects are alternatives, not partners). Where Airwars records that
a belligerent accepted responsibility (grading ``Confirmed``, or a ``Declared strike``),
that belligerent's responsibility claim is added. Civilian deaths and injuries (``3``
or a range ``3-5``) are a casualty report on civilians; the incident's own figures,
which count everyone, stay empty.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from conflictschema.importers.crosswalks import country_by_name
from conflictschema.importers.mapped import Skip
from conflictschema.importers.records import Collector, dataset_claims
from conflictschema.importers.sourcefile import (
    MISSING,
    Export,
    cell,
    coordinate,
    csv_export,
    figures,
    parse_date,
    unmapped,
    web_link,
)
from conflictschema.models.classifications import slug as category

NAME = "airwars"
LABEL = "Airwars"
#: Column names in circulation (lower case, words joined by _) -> the one this reads.
ALIASES = {
    "incident_date": "date",
    "incident_code": "code",
    "id": "code",
    "incident_url": "url",
    "link": "url",
    "status": "strike_status",
    "civilians_reported_killed": "civilians_killed",
    "killed": "civilians_killed",
    "civilians_reported_injured": "civilians_injured",
    "injured": "civilians_injured",
    "civilian_harm_grading": "grading",
    "suspected_belligerent": "suspected_belligerents",
    "known_belligerent": "known_belligerents",
    "belligerent": "known_belligerents",
    "lat": "latitude",
    "long": "longitude",
    "lon": "longitude",
    "lng": "longitude",
    "summary": "assessment",
    "narrative": "assessment",
    "location_name": "location",
}
REQUIRED = ("date", "code")
#: Columns mapped to fields; every other column goes to an x_airwars_<column> extension.
MAPPED = {
    "date", "code", "url", "grading", "suspected_belligerents", "known_belligerents",
    "civilians_killed", "civilians_injured", "latitude", "longitude", "assessment",
    "location", "country",
}  # fmt: skip
#: Words in a strike type -> event type, most specific first.
STRIKE_TYPES = (
    ("drone", "drone_strike"),
    ("missile", "missile_strike"),
    ("artillery", "artillery"),
    ("shelling", "artillery"),
    ("air", "air_strike"),
)


def column_name(name: str) -> str:
    """A scraper's column name in the form this reads."""
    plain = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")
    return ALIASES.get(plain, plain)


def read_export(path: Path) -> Export:
    return csv_export(path, label=LABEL, required=REQUIRED, rename=column_name)


def _first(row: dict[str, str], column: str) -> str | None:
    """The column's first value that is not a placeholder, among its repeats."""
    for name in (column, f"{column}~2", f"{column}~3"):
        if (value := cell(row, name)) is not None:
            return value
    return None


def _names(text: str | None) -> list[str]:
    return [part.strip() for part in re.split(r"[;,]| and ", text or "") if part.strip()]


def import_row(line: int, row: dict[str, str], out: Collector, header: list[str]) -> Skip | None:
    """Add one Airwars incident to ``out``; the reason it cannot be, if it cannot."""
    code = _first(row, "code")
    if not code or not re.fullmatch(r"[A-Za-z0-9._-]{1,40}", code):  # room for src-...-k12
        return Skip(line, f"incident code {code!r} is not an Airwars code")
    raw_date = _first(row, "date") or ""
    day = parse_date(raw_date, day_first=True)
    if day is None:
        return Skip(line, f"date {raw_date!r} is no date form Airwars pages use")
    incident_id = f"{NAME}-{code}"
    lost: set[str] = set()
    url = web_link(_first(row, "url"))
    if url is None and _first(row, "url"):
        lost.add("url")
    record_source = out.source(
        f"src-{incident_id}",
        title=f"Airwars incident {code}",
        publisher="Airwars",
        url=url,
        source_type="dataset_record",
    )
    airwars = out.actor("Airwars", "ngo")
    grading = _first(row, "grading")
    status = _first(row, "strike_status") or ""
    known = _names(_first(row, "known_belligerents"))
    named = known or _names(_first(row, "suspected_belligerents"))
    claims: list[dict[str, Any]] = [
        {
            "claimant": airwars,
            "claim_type": "assessment",
            "attributed_to": [out.actor(name, "group")],
            "statement": f"Airwars names {name} as the {'known' if known else 'suspected'} belligerent.",
        }
        for name in named
    ]
    accepted = (grading or "").lower() == "confirmed" or status.lower().startswith("declared")
    if known and accepted:
        claims += [
            {
                "claimant": out.actor(name, "group"),
                "claim_type": "responsibility_claim",
                "attributed_to": [out.actor(name, "group")],
                "statement": "Accepted responsibility, as Airwars records.",
            }
            for name in known
        ]
    reports = []
    killed = figures(_first(row, "civilians_killed"))
    injured = figures(_first(row, "civilians_injured"))
    for column, found in (("civilians_killed", killed), ("civilians_injured", injured)):
        if _first(row, column) is not None and found == (None, None, None):
            lost.add(column)
    if any(v is not None for v in (*killed, *injured)):
        reports.append(
            {
                "id": f"{incident_id}-c1",
                "category": "civilians",
                **dict(zip(("killed_low", "killed_best", "killed_high"), killed, strict=True)),
                **dict(zip(("injured_low", "injured_best", "injured_high"), injured, strict=True)),
                "zeros": "none",
                "reported_by": airwars,
                "source_ids": [record_source],
            }
        )
    latitude = coordinate(_first(row, "latitude"), 90)
    longitude = coordinate(_first(row, "longitude"), 180)
    located = latitude is not None and longitude is not None
    country = country_by_name(_first(row, "country") or "")
    if country is None:
        lost.add("country")
    strike_type = (_first(row, "strike_type") or "").lower()
    location = _first(row, "location")
    incident: dict[str, Any] = {
        "id": incident_id,
        "title": f"Airwars {code}: {location or day.isoformat()}"[:500],
        "summary": _first(row, "assessment"),
        "event_type": next((code for word, code in STRIKE_TYPES if word in strike_type), None),
        "classifications": [f"airwars-grading:{category(grading)}"] if grading else [],
        "date_start": day,
        "date_end": day,
        "date_precision": "day",
        "date_span": "uncertain",
        "location_name": location[:500] if location else None,
        "country": country,
        "latitude": latitude if located else None,
        "longitude": longitude if located else None,
        "geo_precision": "approximate" if located else None,
        "status": "active",
        "external_ids": [f"{NAME}:{code}"],
        "source_ids": [record_source],
        "claims": dataset_claims(incident_id, claims, record_source),
        "casualty_reports": reports,
    }
    incident.update(unmapped(NAME, row, MAPPED, lost, MISSING))
    return out.incident(line, incident)
