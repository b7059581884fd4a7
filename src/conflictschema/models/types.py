"""Constrained types shared by the models, defined once and reused by every field.

Each type carries its rule in a form the schema generators can read (a pattern, a
bound, a length), so the Table Schemas and JSON Schema state the same rule the model
enforces. Rules no schema language can express (a real ISO code, an http URL) are
``AfterValidator`` functions whose errors use the standard's finding codes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Annotated

import pycountry
from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from conflictschema.findingcodes import Code

IDENTIFIER_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
TAG_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
EXTERNAL_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,31}:[^;\s]{1,128}$"
#: A source's own category as ``scheme:value``, both lower-case slugs (``ucdp-violence:one-sided``).
CLASSIFICATION_PATTERN = r"^[a-z0-9][a-z0-9-]{0,31}:[a-z0-9][a-z0-9._-]{0,127}$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"
SUBDIVISION_PATTERN = r"^[A-Z]{2}-[A-Z0-9]{1,3}$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
SEMVER_PATTERN = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$"
#: How a date is written: ISO 8601's calendar date, YYYY-MM-DD, and nothing else.
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
#: A local clock time, HH:MM or HH:MM:SS, with an optional UTC offset (Z or +HH:MM).
LOCAL_TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-](0\d|1[0-4]):[0-5]\d)?$"
LIST_DELIMITER = ";"
#: An extension column's name: ``x_`` and lower-case letters, digits or ``_``. Every
#: table may carry such columns; they are kept unchanged and checked by no rule.
EXTENSION_PATTERN = r"^x_[a-z0-9_]{1,62}$"


def is_extension(name: str) -> bool:
    """Whether ``name`` names an extension column (``x_acled_inter1``)."""
    return re.match(EXTENSION_PATTERN, name) is not None


#: An http(s) URL as a browser opens it: a host name (no brackets, so a defanged
#: ``example[.]com`` is refused) or a bracketed IP literal, an optional numeric port,
#: then a path, query or fragment without white space. One pattern, read by the
#: model's check and by the validator's vectorised one.
HTTP_URL_PATTERN = (
    r"^https?://(?:[^\s/?#@\[\]]+@)?(?:[^\s/?#@\[\]:]+|\[[0-9A-Fa-f:.]+\])"
    r"(?::[0-9]{1,5})?(?:[/?#]\S*)?$"
)


#: The marks that defang a link so that it cannot be clicked (``youtube[.]com``,
#: ``example(.)org``, ``site[dot]net``): threat-intelligence and OSINT habit.
DEFANGED_PATTERN = r"\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)"


def refang(url: str) -> str:
    """The working link a defanged URL stands for.

    >>> refang("https://youtube[.]com/watch?v=x")
    'https://youtube.com/watch?v=x'
    """
    return re.sub(DEFANGED_PATTERN, ".", url)


@dataclass(frozen=True)
class References:
    """Marks an identifier field as a foreign key into another table's ``id``."""

    table: str


#: Kosovo: not in ISO 3166-1, but the user-assigned code that the EU, the UN and
#: ACLED use for it.
KOSOVO = "XK"


@cache
def historical_countries() -> dict[str, dt.date]:
    """Formerly used ISO 3166-1 codes (ISO 3166-3: the Soviet Union ``SU``, Yugoslavia
    ``YU``, ...) not since reassigned -> the date ISO withdrew each: valid for an event
    before that date, not after. A year alone (``1977``) counts as its last day; a code withdrawn twice
    (``CS``) counts until the later date."""
    current = {c.alpha_2 for c in pycountry.countries}
    found: dict[str, dt.date] = {}
    for entry in pycountry.historic_countries:
        code, text = entry.alpha_2, str(getattr(entry, "withdrawal_date", "") or "")
        if code in current or not text:
            continue
        when = dt.date.fromisoformat(text) if len(text) == 10 else dt.date(int(text[:4]), 12, 31)
        found[code] = max(when, found.get(code, when))
    return found


@cache
def country_codes() -> frozenset[str]:
    """Every code a country field accepts: ISO 3166-1 alpha-2, ``XK``, and ISO 3166-3's
    formerly used codes (checked against the event's date by a record rule)."""
    return frozenset(
        {c.alpha_2 for c in pycountry.countries} | {KOSOVO} | set(historical_countries())
    )


def _check_country(code: str) -> str:
    if code not in country_codes():
        raise PydanticCustomError(
            Code.UNKNOWN_COUNTRY.value,
            "{value} is not an ISO 3166-1 alpha-2 country code (current, XK, or formerly used)",
            {"value": repr(code)},
        )
    return code


def _check_subdivision(code: str) -> str:
    if pycountry.subdivisions.get(code=code) is None:  # type: ignore[no-untyped-call]
        raise PydanticCustomError(
            Code.UNKNOWN_SUBDIVISION.value,
            "{value} is not an ISO 3166-2 subdivision code",
            {"value": repr(code)},
        )
    return code


def _check_language(tag: str) -> str:
    primary = tag.split("-", 1)[0]
    found = (
        pycountry.languages.get(alpha_2=primary)
        if len(primary) == 2
        else pycountry.languages.get(alpha_3=primary)
    )
    if found is None:
        raise PydanticCustomError(
            Code.UNKNOWN_LANGUAGE.value,
            "{value} does not start with an ISO 639 language code",
            {"value": repr(tag)},
        )
    return tag


def _check_http_url(url: str) -> str:
    if re.search(DEFANGED_PATTERN, url) is not None:
        raise PydanticCustomError(
            Code.DEFANGED_URL.value,
            "{value} is a defanged URL; write the working link {repaired}",
            {"value": repr(url), "repaired": refang(url)},
        )
    if re.match(HTTP_URL_PATTERN, url) is None:
        raise PydanticCustomError(
            Code.URL_SCHEME.value,
            "{value} is not an http or https URL with a host",
            {"value": repr(url)},
        )
    return url


#: Value checks no schema language states, by name, so the columnar validator can
#: run its vectorised version of each (conflictschema.validation.checks.structure).
CELL_CHECK_BY_VALIDATOR: dict[object, str] = {
    _check_country: "country",
    _check_subdivision: "subdivision",
    _check_language: "language",
    _check_http_url: "http_url",
}

Identifier = Annotated[
    str,
    StringConstraints(pattern=IDENTIFIER_PATTERN),
    Field(
        description="Letters, digits, '.', '_' or '-', starting with a letter or digit; at most 64 characters."
    ),
]
#: The sources a record was read in: at least one, each an id in sources.
SourceIds = Annotated[list[Identifier], References("sources"), Field(min_length=1)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=100_000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=500)]
ListItem = Annotated[str, StringConstraints(max_length=500, pattern=r"^[^;]+$")]
Tag = Annotated[str, StringConstraints(pattern=TAG_PATTERN)]
ExternalId = Annotated[str, StringConstraints(pattern=EXTERNAL_ID_PATTERN)]
Classification = Annotated[str, StringConstraints(pattern=CLASSIFICATION_PATTERN)]
CountryCode = Annotated[
    str, StringConstraints(pattern=COUNTRY_PATTERN), AfterValidator(_check_country)
]
SubdivisionCode = Annotated[
    str, StringConstraints(pattern=SUBDIVISION_PATTERN), AfterValidator(_check_subdivision)
]
LanguageTag = Annotated[
    str, StringConstraints(pattern=LANGUAGE_PATTERN), AfterValidator(_check_language)
]
HttpUrl = Annotated[
    str,
    StringConstraints(min_length=8, max_length=2048, pattern=r"^https?://[^\s]+$"),
    AfterValidator(_check_http_url),
]


def _written_as_a_date(value: object) -> object:
    """A date's text must be YYYY-MM-DD (:data:`DATE_PATTERN`) and a real day, as the
    Table Schemas and the JSON Schema say; a number is no date. Pydantic alone would
    also take the text of a Unix time that falls on midnight (``"0"``, ``"86400"``)
    and, outside strict mode, a number. The text is read here, so strict mode (which
    takes no text for a date once it is a Python value) sees a date."""
    if isinstance(value, str):
        if re.fullmatch(DATE_PATTERN, value) is None:
            raise PydanticCustomError(
                "date_parsing", "{value} is not a date written YYYY-MM-DD", {"value": repr(value)}
            )
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "date_parsing", "{value} is not a real date", {"value": repr(value)}
            ) from None
    if isinstance(value, int | float):
        raise PydanticCustomError("date_type", "Input should be a valid date")
    return value


#: A calendar date, written YYYY-MM-DD in every serialisation.
Date = Annotated[dt.date, BeforeValidator(_written_as_a_date)]
LocalTime = Annotated[str, StringConstraints(pattern=LOCAL_TIME_PATTERN)]
Sha256Hex = Annotated[str, StringConstraints(pattern=SHA256_PATTERN)]
SemVer = Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)]
Count = Annotated[int, Field(ge=0, le=10_000_000)]
Latitude = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
Longitude = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]
