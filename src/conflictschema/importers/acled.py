"""ACLED event exports -> the standard (mapping in docs/importers/acled.md).

ACLED's actor 1 and actor 2 imply no direction, so they become participants (side_a,
side_b; in an actor-centric export, where the filter actor fills actor 1 in every row,
role_unknown), never a claim's perpetrator: an ACLED row states no claim. Its own
categories go to classifications, its fatalities to a casualty report whose 0 means
"none or unknown", its id to external_ids, and the row itself is cited as a
dataset_record source that relays the outlets it names.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from conflictschema.importers.crosswalks import country_by_name, iso_numeric, region_code
from conflictschema.importers.records import Collector, Skip
from conflictschema.importers.sourcefile import (
    Export,
    coordinate,
    csv_export,
    month_span,
    parse_date,
    slug,
    unmapped,
    whole_number,
)
from conflictschema.models.classifications import slug as category

NAME = "acled"
LABEL = "ACLED"
#: Columns every ACLED export has; a file without them is not one.
REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "country")
#: Columns mapped to fields; every other column goes to an x_acled_<column> extension.
MAPPED = {
    "event_id_cnty", "event_date", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "iso", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "notes", "fatalities",
}  # fmt: skip

#: ACLED's actor types (inter1, inter2), by number (before 2024) and by label (since).
ACTOR_TYPES = {
    "1": "State forces",
    "2": "Rebel group",
    "3": "Political militia",
    "4": "Identity militia",
    "5": "Rioters",
    "6": "Protesters",
    "7": "Civilians",
    "8": "External/Other forces",
}
#: Actor type -> the standard's actor kind; kinds ACLED's type does not settle are group.
KINDS = {
    "state forces": "armed_forces",
    "rebel group": "non_state_armed_group",
    "political militia": "non_state_armed_group",
    "identity militia": "non_state_armed_group",
}
#: ACLED sub-event type -> event type (the method code list).
EVENT_TYPES = {
    "armed-clash": "armed_clash",
    "government-regains-territory": "armed_clash",
    "non-state-actor-overtakes-territory": "armed_clash",
    "chemical-weapon": "chemical_weapon",
    "air-drone-strike": "explosion_unspecified",
    "suicide-bomb": "suicide_bombing",
    "shelling-artillery-missile-attack": "indirect_fire",
    "remote-explosive-landmine-ied": "explosive_charge",
    "grenade": "grenade",
    "sexual-violence": "sexual_violence",
    "abduction-forced-disappearance": "abduction",
    "peaceful-protest": "protest",
    "protest-with-intervention": "protest",
    "excessive-force-against-protesters": "protest",
    "violent-demonstration": "riot",
    "mob-violence": "riot",
    "arrests": "arrest",
    "looting-property-destruction": "looting",
}
#: time_precision -> date precision (1 the day, 2 within a few days, 3 the month).
DATE_PRECISIONS = {"1": "day", "2": "approximate_day", "3": "month"}
#: geo_precision -> geo precision (1 the place, 2 near it or part of a region, 3 a larger region).
GEO_PRECISIONS = {"1": "settlement", "2": "approximate", "3": "region"}


def read_export(path: Path) -> Export:
    return csv_export(path, label=LABEL, required=REQUIRED)


def _actor_type(code: str) -> str | None:
    code = code.strip()
    return ACTOR_TYPES.get(code, code) if code and code != "0" else None


def _country(row: dict[str, str]) -> str | None:
    return iso_numeric(row.get("iso", "").strip()) or country_by_name(row.get("country", ""))


def _edited_on(text: str) -> dt.date | None:
    """The UTC date of ACLED's ``timestamp`` (unix time of the event's last edit)."""
    value = text.strip()
    if not value.isdigit():
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), dt.timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        return None


def import_row(line: int, row: dict[str, str], out: Collector, header: list[str]) -> Skip | None:
    """Add one ACLED event to ``out``; the reason it cannot be, if it cannot."""
    monadic = "actor2" not in header  # an actor-centric export
    event_id = row["event_id_cnty"].strip()
    if not event_id:
        return Skip(line, "no event_id_cnty")
    day = parse_date(row["event_date"], day_first=True)
    if day is None:
        return Skip(line, f"event_date {row['event_date']!r} is no date form ACLED exports use")
    precision = DATE_PRECISIONS.get(row.get("time_precision", "1").strip() or "1", "day")
    start, end = month_span(day) if precision == "month" else (day, day)
    sub_event = category(row["sub_event_type"])
    incident_id = f"acled-{re.sub(r'[^A-Za-z0-9._-]', '-', event_id)[:50]}"  # room for -p12, src-
    record_source = out.source(
        f"src-{incident_id}",
        title=f"ACLED event {event_id}",
        publisher="ACLED",
        source_type="dataset_record",
        relays=[
            out.source(f"outlet-{slug(name)}", publisher=name[:500], source_type="other")
            for name in (part.strip() for part in row.get("source", "").split(";"))
            if name
        ],
    )
    participants: list[dict[str, Any]] = []
    sides = [
        ("actor1", "inter1", "assoc_actor_1", "side_a"),
        ("actor2", "inter2", "assoc_actor_2", "side_b"),
    ]
    for actor_column, type_column, associates_column, role in sides:
        name = row.get(actor_column, "").strip()
        if not name:
            continue
        kind = KINDS.get((_actor_type(row.get(type_column, "")) or "").lower(), "group")
        actor = out.actor(name, kind)
        participants.append({"actor": actor, "role": "role_unknown" if monadic else role})
        for associate in row.get(associates_column, "").split(";"):
            if associate.strip():
                participants.append(
                    {"actor": out.actor(associate.strip(), "group"), "role": "associated"}
                )
    for n, participant in enumerate(participants, start=1):
        participant.update(id=f"{incident_id}-p{n}", source_ids=[record_source])
    fatalities = whole_number(row.get("fatalities"))
    latitude, longitude = coordinate(row.get("latitude"), 90), coordinate(row.get("longitude"), 180)
    located = latitude is not None and longitude is not None
    country = _country(row)
    location = row.get("location", "").strip()
    classifications = [
        f"acled-event:{category(row['event_type'])}",
        f"acled-sub-event:{sub_event}",
    ]
    if row.get("disorder_type", "").strip():
        classifications.append(f"acled-disorder:{category(row['disorder_type'])}")
    incident: dict[str, Any] = {
        "id": incident_id,
        "title": f"{row['sub_event_type'].strip() or row['event_type'].strip()} in {location or row['country'].strip()}"[
            :500
        ],
        "summary": row.get("notes", "").strip() or None,
        "event_type": EVENT_TYPES.get(sub_event),
        "classifications": sorted(set(classifications)),
        "date_start": start,
        "date_end": end,
        "date_precision": precision,
        "date_span": "uncertain",
        "location_name": location[:500] or None,
        "admin3": row.get("admin3", "").strip()[:500] or None,
        "admin2": row.get("admin2", "").strip()[:500] or None,
        "admin1": row.get("admin1", "").strip()[:500] or None,
        "country": country,
        "admin1_code": region_code(country, row.get("admin1")),
        "latitude": latitude if located else None,
        "longitude": longitude if located else None,
        "geo_precision": GEO_PRECISIONS.get(row.get("geo_precision", "").strip())
        if located
        else None,
        "killed_best": fatalities or None,  # ACLED's 0 is "none or unknown": the report keeps it
        "status": "active",
        "external_ids": [f"acled:{event_id}"],
        "modified": _edited_on(row.get("timestamp", "")),
        "source_ids": [record_source],
        "participants": participants,
        "casualty_reports": []
        if fatalities is None
        else [
            {
                "id": f"{incident_id}-c1",
                "category": "all",
                "killed_best": fatalities,
                "zeros": "none_or_unknown",
                "reported_by": out.actor("ACLED", "ngo"),
                "source_ids": [record_source],
            }
        ],
    }
    incident.update(unmapped(NAME, row, MAPPED))
    return out.incident(line, incident)
