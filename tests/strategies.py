"""Hypothesis strategies for valid datasets, built from the models' own rules."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from functools import cache
from typing import Any

import pycountry
from hypothesis import strategies as st

from conflictschema import Dataset
from conflictschema.models import (
    Access,
    ActorKind,
    ClaimType,
    Credibility,
    DatePrecision,
    GeoPrecision,
    IncidentStatus,
    Method,
    Reliability,
    SourceType,
    TargetType,
    derive_statuses,
)
from conflictschema.models.attribution import lineages
from conflictschema.models.claim import NestedClaim
from conflictschema.models.codes import (
    CasualtyCategory,
    InfrastructureType,
    MaritimeZone,
    ParticipantRole,
    ZeroMeaning,
)
from conflictschema.models.rulespec import CASUALTY_MEASURES
from conflictschema.models.types import historical_countries

# Text that stresses CSV quoting: commas, quotes, semicolons, newlines, non-Latin scripts.
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=40,
)
tricky_text = st.one_of(
    text,
    st.sampled_from(['a, "quoted" b', "line\nbreak", "x;y", " padded ", "Нова Каховка", "=1+2"]),
)
id_chars = "abcdefghijklmnopqrstuvwxyz0123456789-_."
ident = st.text(alphabet=id_chars, min_size=1, max_size=12).map(lambda s: "x" + s)
list_item = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00;"),
    min_size=1,
    max_size=20,
)
SUBDIVISIONS = sorted(
    (s.country_code, s.code)
    for s in pycountry.subdivisions
    if s.country_code in {"UA", "RU", "SY", "FR", "NG", "CO", "MM"}
)
COUNTRIES = sorted({c for c, _ in SUBDIVISIONS} | {"PS", "SD", "IQ", "XK"})
#: (country, admin1 code, admin2 code) of second-level units ISO lists.
SECOND_LEVEL = sorted(
    (s.country_code, s.parent_code, s.code)
    for s in pycountry.subdivisions
    if s.country_code in {"FR", "UA"} and getattr(s, "parent_code", None)
)
CLASSIFICATIONS = [
    "acled-sub-event:armed-clash",
    "acled-event:battles",
    "ucdp-violence:one-sided",
    "airwars-grading:contested",
    "gtd-attacktype:bombing-explosion",
    "own-scheme:x.y_z",
]


# Strategies are built once and reused: Hypothesis validates each new strategy object,
# which would otherwise cost most of the time of drawing a dataset.
@cache
def codes(enum: Any) -> st.SearchStrategy[str]:
    return st.sampled_from([m.value for m in enum])


@cache
def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


@st.composite
def date_span(draw: st.DrawFn) -> dict[str, Any]:
    precision = draw(codes(DatePrecision))
    start = draw(st.dates(min_value=dt.date(1980, 1, 1), max_value=dt.date(2030, 12, 31)))
    one_day = precision in ("day", "approximate_day")
    duration = one_day and draw(st.booleans())
    overnight = one_day and not duration and draw(st.booleans())
    if duration:
        end = start + dt.timedelta(days=draw(st.integers(0, 30)))
    elif one_day:
        end = start + dt.timedelta(days=1) if overnight else start
    elif precision == "week":
        end = start + dt.timedelta(days=draw(st.integers(1, 6)))
    elif precision == "month":
        start = start.replace(day=1)
        end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
    elif precision == "year":
        start, end = dt.date(start.year, 1, 1), dt.date(start.year, 12, 31)
    else:
        end = start + dt.timedelta(days=draw(st.integers(1, 400)))
    times = sorted(draw(st.lists(local_time, min_size=2, max_size=2)), key=lambda t: t[:5])
    if overnight and times[0][:5] != times[1][:5]:
        time_start, time_end = times[1], times[0]  # evening to the next morning
    elif overnight:
        end = start  # equal minutes cannot cross midnight
        time_start, time_end = times
    else:
        time_start = draw(maybe(st.just(times[0])))
        time_end = draw(maybe(st.just(times[1]))) if time_start else None
    return {
        "date_start": start.isoformat(),
        "date_end": end.isoformat(),
        "date_precision": precision,
        "date_span": "duration" if duration else "uncertain",
        "time_start": time_start,
        "time_end": time_end,
    }


local_time = st.builds(
    lambda h, m, s, offset: f"{h:02d}:{m:02d}{s}{offset}",
    st.integers(0, 23),
    st.integers(0, 59),
    st.sampled_from(["", ":00", ":59"]),
    st.sampled_from(["", "Z", "+03:00", "-05:30"]),
)


@st.composite
def casualties(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    values = sorted(draw(st.lists(st.integers(0, 5000), min_size=3, max_size=3)))
    keep = draw(st.lists(st.booleans(), min_size=3, max_size=3))
    return {
        f"{kind}_{part}": (v if k else None)
        for part, v, k in zip(("low", "best", "high"), values, keep, strict=False)
    }


@st.composite
def place(draw: st.DrawFn, on: dt.date) -> dict[str, Any]:
    """A place for an incident that began ``on`` (formerly used codes fit only before
    their withdrawal)."""
    out: dict[str, Any] = {}
    historical = [c for c, gone in historical_countries().items() if on < gone]
    if draw(st.booleans()):
        country, code = draw(st.sampled_from(SUBDIVISIONS))
        out.update(country=country, admin1_code=code if draw(st.booleans()) else None)
    elif draw(st.booleans()):
        country, admin1, admin2 = draw(st.sampled_from(SECOND_LEVEL))
        out.update(country=country, admin1_code=admin1, admin2_code=admin2)
        out["admin2"], out["admin3"] = draw(maybe(list_item)), draw(maybe(list_item))
    elif draw(st.booleans()):
        out["country"] = draw(st.sampled_from(COUNTRIES + historical))
    elif draw(st.booleans()):  # at sea
        zone = draw(codes(MaritimeZone))
        out["maritime_zone"] = zone
        if zone != "high_seas":
            out["jurisdictions"] = draw(
                st.lists(
                    st.sampled_from(COUNTRIES + historical), min_size=1, max_size=2, unique=True
                )
            )
    if "jurisdictions" not in out and draw(st.booleans()):
        out["jurisdictions"] = draw(
            st.lists(st.sampled_from(COUNTRIES + historical), max_size=2, unique=True)
        )
    if draw(st.booleans()):
        out["latitude"] = draw(st.floats(-90, 90, allow_nan=False))
        out["longitude"] = draw(st.floats(-180, 180, allow_nan=False))
        out["geo_precision"] = draw(codes(GeoPrecision))
    else:
        out["geo_precision"] = draw(maybe(codes(GeoPrecision)))
    out["location_name"] = draw(maybe(tricky_text))
    return out


@st.composite
def datasets(draw: st.DrawFn, max_incidents: int = 5) -> Dataset:
    """A valid Dataset: every rule of the standard holds by construction."""
    actor_ids = draw(st.lists(ident, min_size=1, max_size=5, unique=True))
    actors = []
    for n, actor_id in enumerate(actor_ids):
        parent = draw(maybe(st.sampled_from(actor_ids[:n]))) if n else None
        actors.append(
            {
                "id": actor_id,
                "name": draw(tricky_text),
                "aliases": draw(st.lists(list_item, max_size=2)),
                "kind": draw(codes(ActorKind)),
                "parent": parent,
                "country": draw(maybe(st.sampled_from(COUNTRIES))),
            }
        )
    parents = {a["id"]: a["parent"] for a in actors}
    chains = lineages(parents)

    source_ids = draw(st.lists(ident.map(lambda s: "s" + s), min_size=1, max_size=4, unique=True))
    sources = []
    for n, source_id in enumerate(source_ids):
        sources.append(
            {
                "id": source_id,
                "url": draw(
                    maybe(
                        st.sampled_from(["https://example.org/a?b=1", "http://news.example/x%20y"])
                    )
                ),
                "title": draw(maybe(tricky_text)),
                "language": draw(maybe(st.sampled_from(["en", "uk", "ru", "de", "fr-CA"]))),
                "source_type": draw(codes(SourceType)),
                "reliability": draw(codes(Reliability)),
                "relays": draw(st.lists(st.sampled_from(source_ids[:n]), unique=True, max_size=2))
                if n
                else [],
                "content_sha256": draw(maybe(st.just("a" * 64))),
                "access": draw(codes(Access)),
            }
        )

    incident_ids = draw(st.lists(ident.map(lambda s: "i" + s), max_size=max_incidents, unique=True))
    # Child rows' ids: unique by a counter, varied by a drawn stem (the counter's digits
    # also make id order differ from creation order: r10 sorts before r2).
    stem = draw(ident)
    row_ids = (f"r{n}{stem}" for n in itertools.count())
    incidents = []
    for incident_id in incident_ids:
        claims: list[dict[str, Any]] = []
        for _ in range(draw(st.integers(0, 3))):
            claimant = draw(st.sampled_from(actor_ids))
            claim_type = draw(codes(ClaimType))
            if claim_type in ("responsibility_claim", "denial"):
                below = [a for a in actor_ids if claimant in chains[a]]
                speaks_for = list(dict.fromkeys(chains[claimant] + below))
                attributed_to = draw(
                    st.lists(st.sampled_from(speaks_for), min_size=1, max_size=2, unique=True)
                )
            else:
                attributed_to = draw(
                    st.lists(
                        st.sampled_from(actor_ids),
                        min_size=1 if claim_type == "attribution" else 0,
                        max_size=2,
                        unique=True,
                    )
                )
            earlier = [c["id"] for c in claims]
            mine = [c["id"] for c in claims if c["claimant"] == claimant]
            made_on = draw(maybe(st.dates(max_value=dt.date(2030, 1, 1))))
            claims.append(
                {
                    "id": next(row_ids),
                    "claimant": claimant,
                    "claim_type": claim_type,
                    "attributed_to": attributed_to,
                    "disputes": draw(st.lists(st.sampled_from(earlier), max_size=1))
                    if earlier
                    else [],
                    "supersedes": draw(maybe(st.sampled_from(mine))) if mine else None,
                    "method": draw(codes(Method)),
                    "statement": draw(maybe(tricky_text)),
                    "made_on": None if made_on is None else str(made_on),
                    "retracted_on": draw(
                        maybe(st.dates(min_value=made_on or dt.date(1990, 1, 1)).map(str))
                    ),
                    "credibility": draw(codes(Credibility)),
                    "source_ids": draw(
                        st.lists(st.sampled_from(source_ids), min_size=1, max_size=2, unique=True)
                    ),
                }
            )
        targets = []
        for _ in range(draw(st.integers(0, 2))):
            target_type = draw(codes(TargetType))
            targets.append(
                {
                    "id": next(row_ids),
                    "target_type": target_type,
                    "infrastructure_type": draw(maybe(codes(InfrastructureType)))
                    if target_type == "infrastructure"
                    else None,
                    "name": draw(maybe(tricky_text)),
                    "affiliation": draw(maybe(st.sampled_from(actor_ids))),
                }
            )
        participants = [
            {
                "id": next(row_ids),
                "actor": draw(st.sampled_from(actor_ids)),
                "role": draw(codes(ParticipantRole)),
                "source_ids": draw(
                    st.lists(st.sampled_from(source_ids), min_size=1, max_size=2, unique=True)
                ),
            }
            for _ in range(draw(st.integers(0, 2)))
        ]
        casualty_reports = []
        for _ in range(draw(st.integers(0, 2))):
            figures: dict[str, Any] = {}
            for kind in CASUALTY_MEASURES:
                figures.update(draw(casualties(kind)))
            if all(v is None for v in figures.values()):
                figures["killed_best"] = draw(st.integers(0, 100))
            casualty_reports.append(
                {
                    "id": next(row_ids),
                    "category": draw(codes(CasualtyCategory)),
                    **figures,
                    "zeros": draw(codes(ZeroMeaning)),
                    "reported_by": draw(maybe(st.sampled_from(actor_ids))),
                    "as_of": draw(maybe(st.dates(max_value=dt.date(2030, 1, 1)).map(str))),
                    "source_ids": draw(
                        st.lists(st.sampled_from(source_ids), min_size=1, max_size=2, unique=True)
                    ),
                }
            )
        dates = draw(date_span())
        withdrawn = draw(st.booleans())
        others = [i for i in incident_ids if i != incident_id]
        incident = {
            "id": incident_id,
            "title": draw(tricky_text),
            "summary": draw(maybe(tricky_text)),
            "event_type": draw(maybe(codes(Method))),
            "classifications": draw(
                st.lists(st.sampled_from(CLASSIFICATIONS), max_size=2, unique=True)
            ),
            **dates,
            **draw(place(dt.date.fromisoformat(dates["date_start"]))),
            "controlled_by": draw(maybe(st.sampled_from(actor_ids))),
            **draw(casualties("killed")),
            **draw(casualties("injured")),
            **dict(
                zip(
                    ("attribution_status", "responsibility_status"),
                    (
                        s.value
                        for s in derive_statuses(
                            [NestedClaim.model_validate(c) for c in claims], parents
                        )
                    ),
                    strict=True,
                )
            ),
            "status": IncidentStatus.WITHDRAWN.value if withdrawn else IncidentStatus.ACTIVE.value,
            "withdrawn_reason": draw(tricky_text) if withdrawn else None,
            "superseded_by": draw(maybe(st.sampled_from(others))) if withdrawn and others else None,
            "external_ids": draw(
                st.lists(
                    st.sampled_from(["acled:UKR12345", "ucdp-ged:512345", "gtd:201101010001"]),
                    unique=True,
                    max_size=2,
                )
            ),
            "tags": draw(
                st.lists(
                    st.sampled_from(["election", "occupied-territory", "drone"]),
                    unique=True,
                    max_size=2,
                )
            ),
            "source_ids": draw(
                st.lists(st.sampled_from(source_ids), min_size=1, max_size=2, unique=True)
            ),
            "targets": targets,
            "claims": claims,
            "participants": participants,
            "casualty_reports": casualty_reports,
        }
        incidents.append(incident)
    return Dataset.model_validate(
        {
            "name": "generated",
            "title": draw(tricky_text),
            "version": "1.0.0",
            "licenses": [{"name": "CC-BY-4.0"}],
            "actors": actors,
            "sources": sources,
            "incidents": incidents,
        }
    )
