"""GTD (Global Terrorism Database) exports -> the standard (mapping in docs/importers/gtd.md).

The GTD names the group it judges carried out each attack (``gname``, ``gname2``,
``gname3``; ``guncertainN`` marks a suspicion): that judgement is an assessment claim
by the GTD naming those groups. Where the GTD records that a group claimed the attack
(``claimed``, ``claim2``, ``claim3`` = 1), the group's own responsibility claim is added,
as the GTD reports it. Nothing else becomes a claim: competing claims by unnamed groups
(``compclaim``) have no claimant to name and stay in their column. -9 and -99 mean
unknown; an empty count is unknown, 0 is none.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from conflictschema.importers.crosswalks import country_by_name, region_code
from conflictschema.importers.records import Collector, Skip, dataset_claims
from conflictschema.importers.sourcefile import (
    MISSING,
    Export,
    cell,
    coordinate,
    csv_export,
    month_span,
    parse_date,
    unmapped,
    whole_number,
)
from conflictschema.models.classifications import slug as category

NAME = "gtd"
LABEL = "GTD"
REQUIRED = ("eventid", "iyear", "imonth", "iday")
#: GTD's "unknown" codes, on top of the placeholders every export uses.
UNKNOWN = MISSING | {"-9", "-99", "Unknown"}
#: attacktype1_txt -> event type; the types the method list cannot say stay empty.
EVENT_TYPES = {
    "bombing-explosion": "explosion_unspecified",
    "armed-assault": "assault",
    "unarmed-assault": "assault",
    "hostage-taking-kidnapping": "abduction",
}
#: targtypeN_txt -> (target type, infrastructure type).
TARGET_TYPES: dict[str, tuple[str, str | None]] = {
    "business": ("business", None),
    "police": ("police", None),
    "military": ("military", None),
    "abortion-related": ("healthcare", None),
    "airports-aircraft": ("infrastructure", "airport"),
    "educational-institution": ("education", None),
    "food-or-water-supply": ("infrastructure", "water"),
    "journalists-media": ("media", None),
    "private-citizens-property": ("civilian", None),
    "religious-figures-institutions": ("religious", None),
    "telecommunication": ("infrastructure", "telecommunications"),
    "tourists": ("civilian", None),
    "utilities": ("infrastructure", "other"),
}
#: specificity -> geo precision: 1 the place's own coordinates, 2 and 3 the smallest
#: region's centre, 4 the first-level region's centre, 5 no coordinates.
GEO_PRECISIONS = {"1": "settlement", "2": "admin2", "3": "admin2", "4": "admin1"}
#: Columns mapped to fields; every other column goes to an x_gtd_<column> extension.
MAPPED = {
    "eventid", "iyear", "imonth", "iday", "extended", "resolution", "country_txt",
    "provstate", "city", "latitude", "longitude", "specificity", "summary",
    "attacktype1_txt", "attacktype2_txt", "attacktype3_txt", "targtype1_txt",
    "targtype2_txt", "targtype3_txt", "target1", "target2", "target3", "gname", "gname2",
    "gname3", "guncertain1", "guncertain2", "guncertain3", "claimed", "claim2", "claim3",
    "claimmode_txt", "claimmode2_txt", "claimmode3_txt", "weaptype1_txt", "weaptype2_txt",
    "weaptype3_txt", "weaptype4_txt", "nkill", "nkillter", "nwound", "nwoundte",
    "scite1", "scite2", "scite3",
}  # fmt: skip
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def read_export(path: Path) -> Export:
    return csv_export(path, label=LABEL, required=REQUIRED)


def _resolution(text: str | None) -> dt.date | None:
    """The end date of an extended incident: a date, or the Excel serial number a pass
    through xlsx leaves (days since 30 December 1899)."""
    if text is None:
        return None
    if re.fullmatch(r"\d{4,5}(\.0+)?", text):
        return _EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
    return parse_date(text, day_first=False)


def _dates(row: dict[str, str]) -> tuple[dt.date, dt.date, str, str] | str:
    """(start, end, precision, span), or the reason there is none."""
    year, month, day = (whole_number(cell(row, c, UNKNOWN)) for c in ("iyear", "imonth", "iday"))
    try:
        if year is None:
            return f"iyear {row.get('iyear')!r} is no year"
        if not month:
            return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "uncertain"
        if not day:
            return *month_span(dt.date(year, month, 1)), "month", "uncertain"
        start = dt.date(year, month, day)
    except ValueError:
        return f"iyear/imonth/iday {year}/{month}/{day} is no date"
    end = _resolution(cell(row, "resolution", UNKNOWN))
    if cell(row, "extended") == "1" and end is not None and end > start:
        return start, end, "day", "duration"
    return start, start, "day", "uncertain"


def _count(row: dict[str, str], column: str) -> int | None:
    return whole_number(cell(row, column, UNKNOWN))


def import_row(line: int, row: dict[str, str], out: Collector, header: list[str]) -> Skip | None:
    """Add one GTD incident to ``out``; the reason it cannot be, if it cannot."""
    event_id = cell(row, "eventid") or ""
    if not re.fullmatch(r"\d{12}", event_id.removesuffix(".0")):
        return Skip(line, f"eventid {row.get('eventid', '')!r} is not a GTD id (12 digits)")
    event_id = event_id.removesuffix(".0")
    dates = _dates(row)
    if isinstance(dates, str):
        return Skip(line, dates)
    start, end, precision, span = dates
    incident_id = f"{NAME}-{event_id}"
    lost: set[str] = set()
    citations = []
    for n in (1, 2, 3):
        text = cell(row, f"scite{n}")
        if text:
            citations.append(text[:500])
            if len(text) > 500:
                lost.add(f"scite{n}")
    record_source = out.source(
        f"src-{incident_id}",
        title=f"GTD incident {event_id}",
        publisher="GTD (START)",
        source_type="dataset_record",
        relays=[
            out.source(f"src-{incident_id}-s{n}", title=text, source_type="other")
            for n, text in enumerate(citations, start=1)
        ],
    )
    gtd = out.actor("GTD (START)", "ngo")
    groups = []
    for n, column in enumerate(("gname", "gname2", "gname3"), start=1):
        name = cell(row, column, UNKNOWN)
        if name:
            groups.append((n, out.actor(name, "group"), cell(row, f"guncertain{n}") == "1"))
    claims: list[dict[str, Any]] = []
    if groups:
        suspected = [f"group {n}" for n, _, doubt in groups if doubt]
        claims.append(
            {
                "claimant": gtd,
                "claim_type": "assessment",
                "attributed_to": [actor for _, actor, _ in groups],
                "statement": "The GTD names the perpetrator group(s)"
                + (f"; it marks {', '.join(suspected)} as suspected." if suspected else "."),
            }
        )
    for n, actor, _ in groups:
        if cell(row, "claimed" if n == 1 else f"claim{n}") == "1":
            mode = cell(row, "claimmode_txt" if n == 1 else f"claimmode{n}_txt", UNKNOWN)
            claims.append(
                {
                    "claimant": actor,
                    "claim_type": "responsibility_claim",
                    "attributed_to": [actor],
                    "statement": "Claimed responsibility, as the GTD records"
                    + (f" ({mode})." if mode else "."),
                }
            )
    targets = []
    for n in (1, 2, 3):
        kind = cell(row, f"targtype{n}_txt", MISSING)
        if not kind:
            continue
        target_type, infrastructure = TARGET_TYPES.get(category(kind), ("other", None))
        targets.append(
            {
                "id": f"{incident_id}-t{n}",
                "target_type": target_type,
                "infrastructure_type": infrastructure,
                "name": (cell(row, f"target{n}", UNKNOWN) or "")[:500] or None,
            }
        )
    killed, injured = _count(row, "nkill"), _count(row, "nwound")
    reports: list[dict[str, Any]] = []
    for category_name, kill, wound in (
        ("all", killed, injured),
        ("perpetrators", _count(row, "nkillter"), _count(row, "nwoundte")),
    ):
        if kill is not None or wound is not None:
            reports.append(
                {
                    "id": f"{incident_id}-c{len(reports) + 1}",
                    "category": category_name,
                    "killed_best": kill,
                    "injured_best": wound,
                    "zeros": "none",
                    "reported_by": gtd,
                    "source_ids": [record_source],
                }
            )
    latitude, longitude = coordinate(row.get("latitude"), 90), coordinate(row.get("longitude"), 180)
    precision_of_place = GEO_PRECISIONS.get(cell(row, "specificity") or "")
    located = latitude is not None and longitude is not None and precision_of_place is not None
    country = country_by_name(cell(row, "country_txt") or "")
    if country is None:
        lost.add("country_txt")
    classifications = {
        f"gtd-{scheme}:{category(value)}"
        for scheme, columns in (
            ("attacktype", ("attacktype1_txt", "attacktype2_txt", "attacktype3_txt")),
            ("weaptype", ("weaptype1_txt", "weaptype2_txt", "weaptype3_txt", "weaptype4_txt")),
            ("targtype", ("targtype1_txt", "targtype2_txt", "targtype3_txt")),
        )
        for column in columns
        if (value := cell(row, column))
    }
    attack = cell(row, "attacktype1_txt") or "Attack"
    place = cell(row, "city", UNKNOWN) or cell(row, "provstate", UNKNOWN)
    incident: dict[str, Any] = {
        "id": incident_id,
        "title": f"{attack} in {place or cell(row, 'country_txt') or 'an unknown place'}"[:500],
        "summary": cell(row, "summary"),
        "event_type": EVENT_TYPES.get(category(attack)),
        "classifications": sorted(classifications),
        "date_start": start,
        "date_end": end,
        "date_precision": precision,
        "date_span": span,
        "location_name": (cell(row, "city", UNKNOWN) or "")[:500] or None,
        "admin1": (cell(row, "provstate", UNKNOWN) or "")[:500] or None,
        "admin1_code": region_code(country, cell(row, "provstate", UNKNOWN)),
        "country": country,
        "latitude": latitude if located else None,
        "longitude": longitude if located else None,
        "geo_precision": precision_of_place if located else None,
        "killed_best": killed,
        "injured_best": injured,
        "status": "active",
        "external_ids": [f"{NAME}:{event_id}"],
        "source_ids": [record_source],
        "claims": dataset_claims(incident_id, claims, record_source),
        "targets": targets,
        "casualty_reports": reports,
    }
    if not located:
        lost |= {"latitude", "longitude"}
    incident.update(unmapped(NAME, row, MAPPED, lost))
    return out.incident(line, incident)
