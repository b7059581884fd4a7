"""A dataset that exercises the release page: the bundled incidents plus dated competing
accounts, a restricted source, markup in every kind of text, an incident at sea and
one known only to its province."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import polars as pl

import conflictschema
from conflictschema import Dataset, NestedClaim, derive_statuses
from conflictschema.publishing.release_page import (
    CLAIM_COLUMNS,
    CLAIM_FIELDS,
    INCIDENT_COLUMNS,
    PAGE_LIMIT,
    SOURCE_FIELDS,
    WITHHELD,
    page_tables,
)
from tests.conftest import BUNDLED

HOSTILE_TITLE = '<script>window.pwned = 1</script> & "quoted" {{data}}'
HOSTILE_SUMMARY = '</script><img src=x onerror="window.pwned = 2"> \u2028 ends here'
RESTRICTED = {
    "id": "src-secret-77",
    "url": "https://informant.example/secret-77",
    "title": "Informant report 77 (do not publish)",
    "publisher": "Confidential Informant Network",
}
DATED_INCIDENT = "inc-accounts"
#: The dated incident's accounts as the timeline must list them: (date, claim id, kind).
TIMELINE = [
    ("2024-05-01", "clm-a2", "attribution"),
    ("2024-05-02", "clm-a3", "denial"),
    ("2024-05-03", "clm-a1", "responsibility_claim"),
    ("2024-05-10", "clm-a1", "retraction"),
]


def _incident(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    incident = {
        **base,
        "targets": [],
        "claims": [],
        "participants": [],
        "casualty_reports": [],
        "previous_ids": [],
        "external_ids": [],
        "classifications": [],
        "jurisdictions": [],
        "tags": [],
        "date_edtf": None,
        "admin3": None,
        "admin2": None,
        "admin2_code": None,
        "admin1_code": None,
        "controlled_by": None,
        "source_ids": ["src-0001"],
    }
    incident.update(changes)  # the statuses are derived from the claims afterwards
    return incident


def page_dataset() -> Dataset:
    dataset = conflictschema.read(BUNDLED)
    document = dataset.model_dump(mode="json")
    base = document["incidents"][0]
    document["sources"].append(
        {
            **RESTRICTED,
            "published_on": None,
            "language": "en",
            "source_type": "other",
            "reliability": "cannot_be_judged",
            "relays": [],
            "archive_url": None,
            "archived_at": None,
            "content_sha256": None,
            "access": "restricted",
        }
    )
    document["sources"].append(
        {
            "id": "src-archived",
            "url": "https://news.example/report",
            "title": "A report with an archived copy",
            "publisher": "News Example",
            "published_on": "2024-05-04",
            "language": "en",
            "source_type": "news_media",
            "reliability": "usually_reliable",
            "relays": ["src-0003", RESTRICTED["id"]],
            "archive_url": "https://archive.example/report",
            "archived_at": "2024-05-05",
            "content_sha256": None,
            "access": "public",
        }
    )
    claim = {
        "disputes": [],
        "supersedes": None,
        "stated_motive": None,
        "retracted_on": None,
        "credibility": "cannot_be_judged",
        "method": "drone_strike",
    }
    accounts = _incident(
        base,
        id=DATED_INCIDENT,
        title="Drone strike on a depot near Enerhodar",
        summary="Three parties gave different accounts.",
        date_start="2024-04-30",
        date_end="2024-04-30",
        date_precision="day",
        location_name="Enerhodar",
        admin1="Zaporizhzhia Oblast",
        latitude=47.4989,
        longitude=34.6558,
        geo_precision="exact",
        source_ids=["src-archived"],
        claims=[
            {
                **claim,
                "id": "clm-a1",
                "claimant": "urm",
                "claim_type": "responsibility_claim",
                "attributed_to": ["urm"],
                "statement": "The movement said it sent the drone.",
                "made_on": "2024-05-03",
                "retracted_on": "2024-05-10",
                "source_ids": ["src-archived", RESTRICTED["id"]],
            },
            {
                **claim,
                "id": "clm-a2",
                "claimant": "ru",
                "claim_type": "attribution",
                "attributed_to": ["ua"],
                "statement": "Russian officials blamed Ukraine.",
                "made_on": "2024-05-01",
                "source_ids": ["src-0004"],
            },
            {
                **claim,
                "id": "clm-a3",
                "claimant": "ua",
                "claim_type": "denial",
                "attributed_to": ["ua"],
                "disputes": ["clm-a2"],
                "statement": "Ukraine denied it.",
                "made_on": "2024-05-02",
                "source_ids": [RESTRICTED["id"]],
            },
        ],
    )
    hostile = _incident(
        base,
        id="inc-hostile",
        title=HOSTILE_TITLE,
        summary=HOSTILE_SUMMARY,
        date_start="2024-01-15",
        date_end="2024-01-15",
        date_precision="day",
        location_name="<b>Bold</b> place",
        latitude=47.1,
        longitude=37.5,
        geo_precision="exact",
    )
    at_sea = _incident(
        base,
        id="inc-at-sea",
        title="Explosion aboard a tanker",
        summary="A tanker was damaged off the coast.",
        date_start="2023-11-20",
        date_end="2023-11-20",
        date_precision="day",
        location_name="Black Sea",
        admin1=None,
        latitude=44.2,
        longitude=33.0,
        geo_precision="at_sea",
        maritime_zone="eez",
    )
    province = _incident(
        base,
        id="inc-province",
        title="Sabotage somewhere in Luhansk Oblast",
        summary="Only the province is known.",
        event_type="sabotage",
        date_start="2023-12-01",
        date_end="2023-12-31",
        date_precision="month",
        location_name=None,
        admin1="Luhansk Oblast",
        latitude=48.57,
        longitude=39.3,
        geo_precision="admin1",
    )
    parents = {actor["id"]: actor["parent"] for actor in document["actors"]}
    for incident in (accounts, hostile, at_sea, province):
        claims = [NestedClaim.model_validate(c) for c in incident["claims"]]
        attribution, responsibility = derive_statuses(claims, parents)
        incident["attribution_status"] = attribution.value
        incident["responsibility_status"] = responsibility.value
    document["incidents"] += [accounts, hostile, at_sea, province]
    return Dataset.model_validate(document)


def write_page_dataset(folder: Path) -> Path:
    return conflictschema.write(page_dataset(), folder / "page-dataset")


def _values(frame: pl.DataFrame, fields: Sequence[str]) -> list[list[Any]]:
    converted = frame.select(fields).with_columns(
        pl.col(pl.Date).dt.to_string("%Y-%m-%d"), pl.col(pl.Enum, pl.Categorical).cast(pl.String)
    )
    return [converted.get_column(name).to_list() for name in fields]


def page_data(tables: dict[str, pl.DataFrame], limit: int = PAGE_LIMIT) -> dict[str, Any]:
    """The page's data as Python values, the way ``json.dumps`` is given them: the
    reference the page's own column-wise JSON text is held to, and an easy view of it."""
    page = page_tables(tables, limit)
    return {
        "incident_fields": list(INCIDENT_COLUMNS),
        "incidents": _values(page.incidents, INCIDENT_COLUMNS),
        "claim_fields": ["incident", *CLAIM_FIELDS, WITHHELD],
        "claims": _values(page.claims, CLAIM_COLUMNS),
        "source_fields": list(SOURCE_FIELDS),
        "sources": _values(page.sources, SOURCE_FIELDS),
        "actors": page.actors,
        "total_incidents": page.total_incidents,
    }
