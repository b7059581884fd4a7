"""The classification schemes the codebook documents: each source's own categories.

A classification is ``scheme:value``, both lower-case slugs. It keeps a source's own
category exactly (its label, lower-cased, with every run of other characters turned
into one ``-``), so an analyst can always go back to the source's codebook. Any
scheme is allowed; for the schemes listed here, the validator warns about a value the
scheme does not have (usually a typo or a slug made another way).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def slug(label: str) -> str:
    """A source's label as a classification value: ``"Shelling/artillery/missile attack"``
    -> ``"shelling-artillery-missile-attack"``.

    >>> slug("Violence against civilians")
    'violence-against-civilians'
    """
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


@dataclass(frozen=True)
class Scheme:
    """A source's classification: what it is, and its values as the source labels them."""

    name: str
    description: str
    labels: tuple[str, ...]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(slug(label) for label in self.labels)


SCHEMES: tuple[Scheme, ...] = (
    Scheme(
        "acled-event",
        "ACLED event_type.",
        (
            "Battles",
            "Explosions/Remote violence",
            "Violence against civilians",
            "Protests",
            "Riots",
            "Strategic developments",
        ),
    ),
    Scheme(
        "acled-disorder",
        "ACLED disorder_type.",
        (
            "Political violence",
            "Demonstrations",
            "Strategic developments",
            "Political violence; Demonstrations",
        ),
    ),
    Scheme(
        "acled-sub-event",
        "ACLED sub_event_type.",
        (
            "Armed clash",
            "Government regains territory",
            "Non-state actor overtakes territory",
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
            "Sexual violence",
            "Attack",
            "Abduction/forced disappearance",
            "Peaceful protest",
            "Protest with intervention",
            "Excessive force against protesters",
            "Violent demonstration",
            "Mob violence",
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ),
    ),
    Scheme(
        "ucdp-violence",
        "UCDP GED type_of_violence (1, 2, 3).",
        ("State-based", "Non-state", "One-sided"),
    ),
    Scheme(
        "ucdp-clarity",
        "UCDP GED event_clarity (1 high, 2 low).",
        ("High", "Low"),
    ),
    Scheme(
        "ucdp-code-status",
        "UCDP GED code_status.",
        ("Clear", "Check dyad", "Check type of violence", "Check deaths"),
    ),
    Scheme(
        "gtd-attacktype",
        "GTD attacktype1_txt (and 2, 3).",
        (
            "Assassination",
            "Armed Assault",
            "Bombing/Explosion",
            "Hijacking",
            "Hostage Taking (Barricade Incident)",
            "Hostage Taking (Kidnapping)",
            "Facility/Infrastructure Attack",
            "Unarmed Assault",
            "Unknown",
        ),
    ),
    Scheme(
        "gtd-weaptype",
        "GTD weaptype1_txt (and 2 to 4).",
        (
            "Biological",
            "Chemical",
            "Radiological",
            "Nuclear",
            "Firearms",
            "Explosives",
            "Fake Weapons",
            "Incendiary",
            "Melee",
            "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)",
            "Sabotage Equipment",
            "Other",
            "Unknown",
        ),
    ),
    Scheme(
        "gtd-targtype",
        "GTD targtype1_txt (and 2, 3).",
        (
            "Business",
            "Government (General)",
            "Police",
            "Military",
            "Abortion Related",
            "Airports & Aircraft",
            "Government (Diplomatic)",
            "Educational Institution",
            "Food or Water Supply",
            "Journalists & Media",
            "Maritime",
            "NGO",
            "Other",
            "Private Citizens & Property",
            "Religious Figures/Institutions",
            "Telecommunication",
            "Terrorists/Non-State Militia",
            "Tourists",
            "Transportation",
            "Unknown",
            "Utilities",
            "Violent Political Party",
        ),
    ),
    Scheme(
        "airwars-grading",
        "Airwars' grading of civilian harm claims.",
        ("Confirmed", "Fair", "Weak", "Contested", "Single source", "Discounted"),
    ),
)

SCHEMES_BY_NAME: dict[str, Scheme] = {scheme.name: scheme for scheme in SCHEMES}


def known_values() -> dict[str, frozenset[str]]:
    """scheme -> its values, for the schemes the codebook documents."""
    return {scheme.name: frozenset(scheme.values) for scheme in SCHEMES}
