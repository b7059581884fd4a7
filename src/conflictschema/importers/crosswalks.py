"""Country and region codes from the forms sources write them in, through packaged
tables only: ISO 3166 numeric codes and names (pycountry), Gleditsch-Ward state numbers
(``data/gleditsch-ward.csv``), and first-level region names to ISO 3166-2 codes
(pycountry's subdivisions). A form the tables do not settle gives None, never a guess.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from functools import cache
from importlib import resources

import pycountry

#: Words for the kind of region, which sources add or leave off a name
#: ("Khersonska" and "Khersonska oblast", "Borno" and "Borno State").
_REGION_WORDS = frozenset(
    [
        "oblast",
        "province",
        "provincia",
        "governorate",
        "muhafazah",
        "state",
        "region",
        "district",
        "county",
        "prefecture",
        "department",
        "departement",
        "municipality",
        "city",
        "autonomous",
        "republic",
        "territory",
        "division",
        "krai",
        "kray",
    ]
)
#: Short names the datasets use that ISO's tables (name, official and common name) lack.
_COUNTRY_NAMES = {
    "kosovo": "XK",
    "russia": "RU",
    "bosnia herzegovina": "BA",
    "dr congo": "CD",
    "democratic republic of congo": "CD",
    "congo kinshasa": "CD",
    "congo brazzaville": "CG",
    "ivory coast": "CI",
    "turkey": "TR",
    "vietnam": "VN",
    "laos": "LA",
    "south korea": "KR",
    "north korea": "KP",
    "palestine": "PS",
    "east timor": "TL",
    "brunei": "BN",
    "cape verde": "CV",
    "swaziland": "SZ",
    "macedonia": "MK",
    "burma": "MM",
    "syria": "SY",
    "iran": "IR",
}


def _plain(name: str) -> str:
    """A name without accents, case, punctuation or region-kind words."""
    letters = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", letters.lower()).split()
    return " ".join(word for word in words if word not in _REGION_WORDS)


@cache
def gleditsch_ward_table() -> dict[int, list[tuple[dt.date | None, dt.date | None, str]]]:
    """Gleditsch-Ward state number -> (from, until, ISO alpha-2 code), in the packaged
    table's order."""
    text = resources.files("conflictschema.importers").joinpath("data/gleditsch-ward.csv")
    table: dict[int, list[tuple[dt.date | None, dt.date | None, str]]] = {}
    for row in csv.DictReader(io.StringIO(text.read_text(encoding="utf-8"))):
        start = dt.date.fromisoformat(row["from"]) if row["from"] else None
        until = dt.date.fromisoformat(row["until"]) if row["until"] else None
        table.setdefault(int(row["gw"]), []).append((start, until, row["iso"]))
    return table


def gleditsch_ward(number: int, on: dt.date) -> str | None:
    """The ISO 3166 alpha-2 code of Gleditsch-Ward state ``number`` on date ``on``
    (state 365 is SU until 25 December 1991 and RU after; 345 is YU, CS, then RS).

    >>> gleditsch_ward(369, dt.date(2022, 3, 1))
    'UA'
    >>> gleditsch_ward(365, dt.date(1990, 1, 1)), gleditsch_ward(365, dt.date(1995, 1, 1))
    ('SU', 'RU')
    """
    for start, until, code in gleditsch_ward_table().get(number, []):
        if (start is None or on >= start) and (until is None or on <= until):
            return code
    return None


def iso_numeric(number: str) -> str | None:
    """The alpha-2 code of an ISO 3166 numeric code (``804`` -> ``UA``)."""
    if not number.isdigit() or len(number) > 3:
        return None
    found = pycountry.countries.get(numeric=number.zfill(3))
    return None if found is None else str(found.alpha_2)


@cache
def _countries_by_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                names.setdefault(_plain(value), str(country.alpha_2))
    return {**names, **_COUNTRY_NAMES}


def country_by_name(name: str) -> str | None:
    """The alpha-2 code of a country written by name, as ISO's tables name it, with or
    without a former name in brackets ("Russia (Soviet Union)")."""
    plain = _plain(re.sub(r"\([^)]*\)", "", name))
    return _countries_by_name().get(plain) if plain else None


@cache
def _regions(country: str) -> dict[str, str | None]:
    """First-level region names of ``country`` -> ISO 3166-2 code (None where two
    regions share a name, which then settles nothing)."""
    regions: dict[str, str | None] = {}
    found = pycountry.subdivisions.get(country_code=country)  # type: ignore[no-untyped-call]
    for region in found or []:
        if region.parent_code is None:
            key = _plain(region.name)
            regions[key] = None if key in regions else str(region.code)
    return regions


def region_code(country: str | None, name: str | None) -> str | None:
    """The ISO 3166-2 code of the first-level region ``name`` in ``country`` when ISO's
    list has exactly one region of that name (accents, case and words such as
    "oblast" or "province" aside); otherwise None.

    >>> region_code("UA", "Khersonska")
    'UA-65'
    >>> region_code("UA", "Kherson")
    """
    if not country or not name:
        return None
    return _regions(country).get(_plain(name))
