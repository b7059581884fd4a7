"""The competing-accounts scenarios every form of the status derivation must get right.

States X, Y and Z; Y-mod a ministry of Y; Y-forces under Y-mod; Y-sec an agency of Y;
groups G and H; N an NGO. Each scenario is one incident's claims and the two statuses
they must derive. The first eleven are the table of docs/standard.md, row by row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ACTORS: list[dict[str, Any]] = [
    {"id": "x", "name": "State X", "kind": "state"},
    {"id": "x-mod", "name": "Ministry of X", "kind": "government_body", "parent": "x"},
    {"id": "x-forces", "name": "Forces of X", "kind": "armed_forces", "parent": "x"},
    {"id": "y", "name": "State Y", "kind": "state"},
    {"id": "y-mod", "name": "Ministry of Y", "kind": "government_body", "parent": "y"},
    {"id": "y-forces", "name": "Forces of Y", "kind": "armed_forces", "parent": "y-mod"},
    {"id": "y-sec", "name": "Security agency of Y", "kind": "security_service", "parent": "y"},
    {"id": "z", "name": "State Z", "kind": "state"},
    {"id": "g", "name": "Group G", "kind": "non_state_armed_group"},
    {"id": "h", "name": "Group H", "kind": "non_state_armed_group"},
    {"id": "n", "name": "NGO N", "kind": "ngo"},
]


def parents() -> dict[str, str | None]:
    return {a["id"]: a.get("parent") for a in ACTORS}


@dataclass
class Scenario:
    name: str
    claims: list[dict[str, Any]]
    attribution: str
    responsibility: str
    notes: str = field(default="")


def claim(
    key: str,
    claimant: str,
    claim_type: str,
    attributed_to: list[str],
    method: str = "unknown",
    **more: Any,
) -> dict[str, Any]:
    return {
        "id": key,
        "claimant": claimant,
        "claim_type": claim_type,
        "attributed_to": attributed_to,
        "method": method,
        "disputes": [],
        "supersedes": None,
        "made_on": None,
        "retracted_on": None,
        **more,
    }


SCENARIOS: list[Scenario] = [
    Scenario("none", [], "unattributed", "unclaimed"),
    Scenario(
        "ngo assessment naming no one",
        [claim("c1", "n", "assessment", [])],
        "unattributed",
        "unclaimed",
    ),
    Scenario(
        "two organs of X attribute to Y",
        [claim("c1", "x-mod", "attribution", ["y"]), claim("c2", "x-forces", "attribution", ["y"])],
        "single_account",
        "unclaimed",
    ),
    Scenario(
        "G claims; X attributes to Y",
        [
            claim("c1", "g", "responsibility_claim", ["g"]),
            claim("c2", "x", "attribution", ["y"]),
        ],
        "contested",
        "claimed",
    ),
    Scenario(
        "X attributes to Y-forces; Y-mod denies Y-forces",
        [
            claim("c1", "x", "attribution", ["y-forces"]),
            claim("c2", "y-mod", "denial", ["y-forces"]),
        ],
        "contested",
        "unclaimed",
    ),
    Scenario(
        "X attributes to Y; later Y-sec claims",
        [
            claim("c1", "x", "attribution", ["y"], made_on="2023-01-10"),
            claim("c2", "y-sec", "responsibility_claim", ["y-sec"], made_on="2023-06-01"),
        ],
        "consistent",
        "claimed",
    ),
    Scenario(
        "X attributes a missile strike to Y; N disputes it naming no one",
        [
            claim("c1", "x", "attribution", ["y"], "missile_strike"),
            claim("c2", "n", "assessment", [], disputes=["c1"]),
        ],
        "contested",
        "unclaimed",
    ),
    Scenario(
        "missile strike and an unspecified explosion, both by Y",
        [
            claim("c1", "x", "attribution", ["y"], "missile_strike"),
            claim("c2", "n", "assessment", ["y"], "explosion_unspecified"),
        ],
        "consistent",
        "unclaimed",
    ),
    Scenario(
        "X and N both blame Y and Z jointly",
        [
            claim("c1", "x", "attribution", ["y", "z"]),
            claim("c2", "n", "assessment", ["y", "z"]),
        ],
        "consistent",
        "unclaimed",
    ),
    Scenario(
        "X's claim on Y retracted and superseded by one naming Z",
        [
            claim("c1", "x", "attribution", ["y"], made_on="2023-01-10", retracted_on="2023-02-01"),
            claim("c2", "x", "attribution", ["z"], made_on="2023-02-01", supersedes="c1"),
        ],
        "single_account",
        "unclaimed",
    ),
    Scenario(
        "G and H each claim",
        [
            claim("c1", "g", "responsibility_claim", ["g"]),
            claim("c2", "h", "responsibility_claim", ["h"]),
        ],
        "contested",
        "competing_claims",
    ),
    # beyond the table: the hierarchy of methods and actors, joint claims, denials
    Scenario(
        "explosive sabotage agrees with a placed charge",
        [
            claim("c1", "x", "attribution", ["y-sec"], "explosive_charge"),
            claim("c2", "n", "assessment", ["y-sec"], "explosive_sabotage"),
        ],
        "consistent",
        "unclaimed",
    ),
    Scenario(
        "two explosive methods neither above the other disagree",
        [
            claim("c1", "x", "attribution", ["y"], "missile_strike"),
            claim("c2", "n", "assessment", ["y"], "explosive_charge"),
        ],
        "contested",
        "unclaimed",
    ),
    Scenario(
        "one names Y and Z, the other only Y",
        [
            claim("c1", "x", "attribution", ["y", "z"]),
            claim("c2", "n", "assessment", ["y"]),
        ],
        "contested",
        "unclaimed",
    ),
    Scenario(
        "Y denies; X blames G",
        [claim("c1", "y", "denial", ["y"]), claim("c2", "x", "attribution", ["g"])],
        "consistent",
        "unclaimed",
    ),
    Scenario(
        "G and H claim jointly, each naming both",
        [
            claim("c1", "g", "responsibility_claim", ["g", "h"]),
            claim("c2", "h", "responsibility_claim", ["g", "h"]),
        ],
        "consistent",
        "claimed",
    ),
    Scenario(
        "a retracted responsibility claim no longer counts",
        [
            claim("c1", "g", "responsibility_claim", ["g"], retracted_on="2023-03-01"),
            claim("c2", "x", "attribution", ["y"]),
        ],
        "single_account",
        "unclaimed",
    ),
]
