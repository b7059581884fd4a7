"""The attribution status follows from the claims, case by case."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from conflictschema.models import AttributionStatus, derive_attribution_status


def claim(
    claimant: str, claim_type: str, attributed_to: str | None, method: str = "unknown"
) -> SimpleNamespace:
    return SimpleNamespace(
        claimant=claimant, claim_type=claim_type, attributed_to=attributed_to, method=method
    )


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ([], "unclaimed"),
        ([claim("urm", "responsibility_claim", "urm", "ied")], "single_account"),
        (
            [
                claim("ru", "attribution", "ua", "drone_strike"),
                claim("ru", "attribution", "urm", "ied"),
            ],
            "single_account",
        ),
        (
            [
                claim("urm", "responsibility_claim", "urm", "ied"),
                claim("ki", "assessment", "urm", "ied"),
            ],
            "consistent",
        ),
        (
            [
                claim("urm", "responsibility_claim", "urm", "ied"),
                claim("ki", "assessment", None, "unknown"),
            ],
            "consistent",
        ),
        (
            [
                claim("urm", "responsibility_claim", "urm", "ied"),
                claim("ki", "assessment", "urm", "unknown"),
            ],
            "consistent",
        ),
        # the Nova Kakhovka case: another perpetrator and another method
        (
            [
                claim("urm", "responsibility_claim", "urm", "explosion_unspecified"),
                claim("ru", "attribution", "ua", "drone_strike"),
            ],
            "contested",
        ),
        (
            [claim("a", "attribution", "x", "ied"), claim("b", "attribution", "x", "car_bomb")],
            "contested",
        ),
        (
            [
                claim("ru", "attribution", "ua", "drone_strike"),
                claim("ua", "denial", "ua", "unknown"),
            ],
            "contested",
        ),
        (
            [claim("ru", "attribution", "urm", "ied"), claim("ua", "denial", "ua", "unknown")],
            "consistent",
        ),
    ],
)
def test_derived_status(claims: list[SimpleNamespace], expected: str) -> None:
    assert derive_attribution_status(claims) == AttributionStatus(expected)
