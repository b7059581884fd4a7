"""Bellingcat's civilian harm records (the TimeMap data behind its civilian harm map)
-> the standard (mapping in docs/importers/bellingcat.md).

Two forms circulate: the current JSON (an array of records whose ``sources`` and
``filters`` are lists) and an older CSV (sources as comma-joined links in one cell,
filters as comma-joined ``key=value`` pairs in ``associations``). Both are read into one
record form, then mapped alike. A record states no attribution (who struck is told in
the description, if at all), no actors and no figures: the importer writes no claim,
no participant and no casualty report.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from conflictschema.importers.mapped import Skip
from conflictschema.importers.records import Collector
from conflictschema.importers.sourcefile import (
    Export,
    ImportFormatError,
    cell,
    coordinate,
    csv_export,
    extension_name,
    parse_date,
    read_text,
    slug,
    web_link,
)

NAME = "bellingcat"
LABEL = "Bellingcat civilian harm"
REQUIRED = ("id", "date", "latitude", "longitude", "description")
#: Fields mapped to fields; every other field goes to an x_bellingcat_<field> extension.
MAPPED = {*REQUIRED, "location", "sources", "filters"}
#: Filter keys with a classification scheme of their own.
SCHEMES = {"type-of-area-affected": "bellingcat-area", "weapon-system": "bellingcat-weapon"}
#: Words in a weapon system -> event type; a record whose systems give different
#: types, or none, has no event type.
WEAPONS = (
    ("loitering", "drone_strike"),
    ("drone", "drone_strike"),
    ("missile", "missile_strike"),
    ("artillery", "artillery"),
    ("mlrs", "indirect_fire"),
    ("rocket", "indirect_fire"),
    ("aerial bomb", "air_strike"),
    ("airstrike", "air_strike"),
)


def read_export(path: Path) -> Export:
    """The records of a JSON or CSV export, in one form: the JSON's, with ``sources``
    as ``[{id, path, description}]`` and ``filters`` as ``[{key, value}]``."""
    text, _ = read_text(path)
    if not text.lstrip().startswith(("[", "{")):
        export = csv_export(path, label=LABEL, required=REQUIRED)
        rows = (_from_csv(line, row) for line, row in export.rows)
        return Export(export.header, rows, export.lines)
    try:
        records = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ImportFormatError(f"{path}: not readable as JSON: {exc}") from None
    if not isinstance(records, list):
        raise ImportFormatError(f"{path}: not an export of {LABEL}: not an array of records")
    first = next((r for r in records if isinstance(r, dict)), {})
    missing = [key for key in REQUIRED if key not in first]
    if missing:
        raise ImportFormatError(
            f"{path}: not an export of {LABEL}: records without {', '.join(missing)} "
            f"({LABEL} records have {', '.join(REQUIRED)})"
        )
    return Export(sorted(first), _numbered(records), len(records))


def _numbered(records: list[Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, record in enumerate(records, start=1):
        yield number, record if isinstance(record, dict) else {"__not_a_record": record}


def _from_csv(line: int, row: dict[str, str]) -> tuple[int, dict[str, Any]]:
    links = [part.strip() for part in row.get("sources", "").split(",") if part.strip()]
    pairs = [part.split("=", 1) for part in row.get("associations", "").split(",")]
    record: dict[str, Any] = {
        **{k: v for k, v in row.items() if k not in ("sources", "associations")},
        "sources": [{"path": link} for link in links],
        "filters": [
            {"key": k.strip(), "value": v.strip()} for k, v in (p for p in pairs if len(p) == 2)
        ],
    }
    return line, record


def _sources(
    record: dict[str, Any], incident_id: str, out: Collector
) -> tuple[list[str], list[str]]:
    """The ids of the record's sources, and the links that were no http(s) link."""
    ids, unusable = [], []
    entries = record.get("sources")
    for n, entry in enumerate(entries if isinstance(entries, list) else [], start=1):
        entry = entry if isinstance(entry, dict) else {"path": str(entry)}
        path = str(entry.get("path") or "").strip()
        link = web_link(path)
        if path and link is None:
            unusable.append(path)
        own = str(entry.get("id") or "").strip()
        source_id = f"src-{NAME}-{slug(own, 40)}" if own else f"src-{incident_id}-{n}"
        description = str(entry.get("description") or "").strip()
        ids.append(
            out.source(
                source_id,
                url=link,
                title=(description or path or "")[:500] or None,
                source_type="other",
            )
        )
    return ids, unusable


def import_row(line: int, record: dict[str, Any], out: Collector, header: list[str]) -> Skip | None:
    """Add one Bellingcat record to ``out``; the reason it cannot be, if it cannot."""
    if "__not_a_record" in record:
        return Skip(line, "not a record (an object with id, date, ...)")
    own_id = str(record.get("id") or "").strip()
    if not re.fullmatch(r"[A-Za-z0-9._-]{1,40}", own_id):  # room for src-...-<n>
        return Skip(line, f"id {own_id!r} is not a Bellingcat record id")
    raw_date = str(record.get("date") or "")
    day = parse_date(raw_date, day_first=False)
    if day is None:
        return Skip(line, f"date {raw_date!r} is no MM/DD/YYYY date")
    incident_id = f"{NAME}-{own_id}"
    relayed, unusable = _sources(record, incident_id, out)
    record_source = out.source(
        f"src-{incident_id}",
        title=f"Bellingcat civilian harm record {own_id}",
        publisher="Bellingcat",
        source_type="dataset_record",
        relays=relayed,
    )
    filters: dict[str, list[str]] = {}
    raw_filters = record.get("filters")
    for entry in raw_filters if isinstance(raw_filters, list) else []:
        if isinstance(entry, dict) and entry.get("key") and entry.get("value"):
            filters.setdefault(str(entry["key"]).strip(), []).append(str(entry["value"]).strip())
    classifications = sorted(
        {
            f"{SCHEMES.get(slug(key, 24), 'bellingcat-' + slug(key, 20))}:{slug(value, 120)}"
            for key, values in filters.items()
            for value in values
        }
    )
    weapons = {
        code
        for value in filters.get("Weapon System", [])
        for word, code in WEAPONS
        if word in value.lower()
    }
    latitude = coordinate(cell(record, "latitude"), 90)
    longitude = coordinate(cell(record, "longitude"), 180)
    located = latitude is not None and longitude is not None
    location = cell(record, "location")
    incident: dict[str, Any] = {
        "id": incident_id,
        "title": f"Civilian harm record {own_id}: {location or day.isoformat()}"[:500],
        "summary": cell(record, "description"),
        "event_type": weapons.pop() if len(weapons) == 1 else None,
        "classifications": classifications,
        "date_start": day,
        "date_end": day,
        "date_precision": "day",
        "date_span": "uncertain",
        "location_name": location[:500] if location else None,
        "latitude": latitude if located else None,
        "longitude": longitude if located else None,
        "geo_precision": "approximate" if located else None,
        "status": "active",
        "external_ids": [f"{NAME}:{own_id}"],
        "source_ids": [record_source],
    }
    # what has no field is kept as text: each filter's values, links that are no link
    for key, values in filters.items():
        incident[extension_name(NAME, key)] = "; ".join(values)
    if not located:
        for key in ("latitude", "longitude"):
            if cell(record, key) is not None:
                incident[extension_name(NAME, key)] = cell(record, key)
    if unusable:
        incident[extension_name(NAME, "unlinked_sources")] = "; ".join(unusable)
    for key, value in record.items():
        if key not in MAPPED and value not in (None, ""):
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            incident[extension_name(NAME, key)] = text
    return out.incident(line, incident)
