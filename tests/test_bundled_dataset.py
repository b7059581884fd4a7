"""The bundled dataset states what the source report supports, and no more."""

from __future__ import annotations

import datetime as dt

import pytest

import conflictschema
from conflictschema import Dataset
from tests.conftest import BUNDLED


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return conflictschema.read(BUNDLED)


def test_metadata(dataset: Dataset) -> None:
    assert dataset.name == "contested-incidents"
    assert dataset.standard_version == conflictschema.STANDARD_VERSION
    assert len(dataset.incidents) == 4


def test_the_february_explosion_is_contested(dataset: Dataset) -> None:
    incident = next(i for i in dataset.incidents if i.date_start == dt.date(2024, 2, 27))
    assert incident.location_name == "Nova Kakhovka"
    assert (incident.country, incident.admin1_code, incident.controlled_by) == ("UA", "UA-65", "ru")
    assert incident.attribution_status == "contested"
    assert incident.responsibility_status == "claimed"  # the movement claims it
    assert [incident.killed_low, incident.killed_best, incident.killed_high] == [None, None, None]
    assert [incident.injured_low, incident.injured_best, incident.injured_high] == [
        None,
        None,
        None,
    ]
    by_type = {c.claim_type.value: c for c in incident.claims}
    assert by_type["responsibility_claim"].claimant == "urm"
    assert by_type["responsibility_claim"].stated_motive
    assert (by_type["attribution"].attributed_to, by_type["attribution"].method) == (
        ["ua"],
        "drone_strike",
    )
    assert [t.target_type for t in incident.targets] == ["party_office"]


def test_source_chain_is_recorded_in_relays(dataset: Dataset) -> None:
    sources = {s.id: s for s in dataset.sources}
    article = sources["src-0001"]
    assert article.language == "de"
    [relayed] = article.relays
    assert sources[relayed].publisher == "The Kyiv Independent"
    types = {sources[s].source_type.value for s in sources[relayed].relays}
    assert types == {"claimant_channel", "official_statement"}


def test_other_incidents_carry_the_precision_the_report_supports(dataset: Dataset) -> None:
    by_id = {i.id: i for i in dataset.incidents}
    polohy, car_bomb, alcohol = by_id["inc-0002"], by_id["inc-0003"], by_id["inc-0004"]
    assert (polohy.location_name, polohy.date_precision, polohy.date_edtf) == (
        "Polohy",
        "month",
        "2023-09",
    )
    assert (car_bomb.date_precision, car_bomb.date_start, car_bomb.date_end) == (
        "month",
        dt.date(2023, 10, 1),
        dt.date(2023, 10, 31),
    )
    assert car_bomb.claims[0].method == "car_bomb"
    assert car_bomb.killed_best == 1
    assert alcohol.date_precision == "range"
    assert (alcohol.attribution_status, alcohol.responsibility_status) == (
        "unattributed",
        "unclaimed",
    )
    assert alcohol.latitude is None
    assert alcohol.geo_precision == "country"


def test_bundled_files_are_in_normal_form(dataset: Dataset, tmp_path) -> None:
    conflictschema.write(dataset, tmp_path / "pkg")
    for path in sorted((BUNDLED / "data").glob("*.csv")):
        assert (tmp_path / "pkg" / "data" / path.name).read_bytes() == path.read_bytes(), path.name
    assert (tmp_path / "pkg" / "datapackage.json").read_bytes() == (
        BUNDLED / "datapackage.json"
    ).read_bytes()
