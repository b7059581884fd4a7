"""The two statuses follow from the standing claims, scenario by scenario."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import polars as pl
import pytest

from conflictschema.models import derive_statuses
from conflictschema.models.attribution import CLAIM_COLUMNS, derived_statuses
from conflictschema.models.history import v0_1
from tests.scenarios import SCENARIOS, Scenario, claim, parents


def _claims(scenario: Scenario) -> list[SimpleNamespace]:
    return [
        SimpleNamespace(
            **{
                **c,
                "made_on": c["made_on"] and dt.date.fromisoformat(c["made_on"]),
                "retracted_on": c["retracted_on"] and dt.date.fromisoformat(c["retracted_on"]),
            }
        )
        for c in scenario.claims
    ]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_each_scenario_derives_its_statuses(scenario: Scenario) -> None:
    attribution, responsibility = derive_statuses(_claims(scenario), parents())
    assert (attribution.value, responsibility.value) == (
        scenario.attribution,
        scenario.responsibility,
    )


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_each_scenario_derives_the_same_over_whole_tables(scenario: Scenario) -> None:
    claims = pl.DataFrame(
        [{**c, "incident_id": "i1"} for c in _claims_dicts(scenario)],
        schema={
            "incident_id": pl.String,
            "id": pl.String,
            "claimant": pl.String,
            "claim_type": pl.String,
            "attributed_to": pl.List(pl.String),
            "disputes": pl.List(pl.String),
            "supersedes": pl.String,
            "method": pl.String,
            "made_on": pl.Date,
            "retracted_on": pl.Date,
        },
    ).select(CLAIM_COLUMNS)
    actors = pl.DataFrame(
        {"id": list(parents()), "parent": list(parents().values())},
        schema={"id": pl.String, "parent": pl.String},
    )
    derived = derived_statuses(claims, actors)
    got = derived.row(0) if derived.height else ("i1", "unattributed", "unclaimed")
    assert got[1:] == (scenario.attribution, scenario.responsibility)


def _claims_dicts(scenario: Scenario) -> list[dict[str, object]]:
    return [vars(c) for c in _claims(scenario)]


def test_as_of_sees_only_what_was_said_by_then() -> None:
    """X blames Y in January, then replaces that with a claim on Z in March; G claims in May."""
    claims = [
        SimpleNamespace(**claim("c1", "x", "attribution", ["y"], made_on=dt.date(2023, 1, 10))),
        SimpleNamespace(
            **claim("c2", "x", "attribution", ["z"], made_on=dt.date(2023, 3, 1), supersedes="c1")
        ),
        SimpleNamespace(
            **claim("c3", "g", "responsibility_claim", ["g"], made_on=dt.date(2023, 5, 1))
        ),
        SimpleNamespace(**claim("c4", "n", "assessment", ["y"])),  # undated
    ]
    p = parents()
    assert derive_statuses(claims, p, as_of=dt.date(2022, 12, 31))[0].value == "unattributed"
    assert [s.value for s in derive_statuses(claims, p, as_of=dt.date(2023, 2, 1))] == [
        "single_account",
        "unclaimed",
    ]
    assert [s.value for s in derive_statuses(claims, p, as_of=dt.date(2023, 6, 1))] == [
        "contested",
        "claimed",
    ]
    # without as_of every claim counts, the undated one included
    assert derive_statuses(claims, p)[0].value == "contested"


def test_a_retraction_counts_from_its_date() -> None:
    claims = [
        SimpleNamespace(
            **claim(
                "c1",
                "g",
                "responsibility_claim",
                ["g"],
                made_on=dt.date(2023, 1, 1),
                retracted_on=dt.date(2023, 2, 1),
            )
        )
    ]
    assert derive_statuses(claims, {}, as_of=dt.date(2023, 1, 15))[1].value == "claimed"
    assert derive_statuses(claims, {}, as_of=dt.date(2023, 2, 1))[1].value == "unclaimed"


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([], None),
        (
            [("ru", "attribution", "ua", "drone_strike"), ("ru", "attribution", "urm", "ied")],
            "single_account",
        ),
        (
            [("urm", "responsibility_claim", "urm", "ied"), ("ki", "assessment", None, "unknown")],
            "consistent",
        ),
        (
            [
                ("urm", "responsibility_claim", "urm", "explosion_unspecified"),
                ("ru", "attribution", "ua", "drone_strike"),
            ],
            "contested",
        ),
        (
            [("ru", "attribution", "ua", "drone_strike"), ("ua", "denial", "ua", "unknown")],
            "contested",
        ),
    ],
)
def test_standard_0_1_keeps_its_own_derivation(
    rows: list[tuple[str, str, str | None, str]], expected: str | None
) -> None:
    """0.1 data is held to the 0.1 rules (an explosion and a drone strike disagreed then)."""
    claims = pl.DataFrame(
        [
            {"incident_id": "i1", "claimant": a, "claim_type": t, "attributed_to": p, "method": m}
            for a, t, p, m in rows
        ],
        schema={
            n: pl.String
            for n in ("incident_id", "claimant", "claim_type", "attributed_to", "method")
        },
    )
    derived = v0_1.derived_attribution_statuses(claims)
    assert (derived.get_column("derived").to_list() or [None]) == [expected]
