"""Analysts get typed frames, one per table."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

import conflictschema
from conflictschema.models.frames import list_series
from tests.conftest import BUNDLED
from tests.strategies import datasets


def test_to_polars_types_every_column() -> None:
    frames = conflictschema.read(BUNDLED).to_polars()
    assert {k: v.height for k, v in frames.items()} == {
        "incidents": 4,
        "targets": 4,
        "claims": 4,
        "participants": 4,
        "casualty_reports": 2,
        "sources": 4,
        "actors": 6,
    }
    incidents = frames["incidents"]
    assert incidents.schema["date_start"] == pl.Date
    assert incidents.schema["killed_best"] == pl.Int64
    assert isinstance(incidents.schema["attribution_status"], pl.Enum)
    row = incidents.filter(pl.col("id") == "inc-0001").row(0, named=True)
    assert row["date_start"] == dt.date(2024, 2, 27)
    assert row["killed_best"] is None  # unknown stays unknown, never 0
    assert row["tags"] == ["election", "occupied-territory"]


@given(
    st.lists(
        st.one_of(st.none(), st.lists(st.text(max_size=5), max_size=4)),
        max_size=30,
    )
)
def test_list_columns_are_built_as_polars_builds_them_value_by_value(
    values: list[list[str] | None],
) -> None:
    built = list_series("items", values)
    assert built.dtype == pl.List(pl.String)
    assert built.to_list() == values
    assert built.equals(pl.Series("items", values, dtype=pl.List(pl.String)))


@settings(max_examples=30, deadline=None)
@given(dataset=datasets())
def test_to_polars_gives_the_frames_the_models_hold(dataset: conflictschema.Dataset) -> None:
    frames = dataset.to_polars()
    incidents = sorted(dataset.incidents, key=lambda i: i.id)
    assert frames["incidents"].get_column("id").to_list() == [i.id for i in incidents]
    for incident, row in zip(incidents, frames["incidents"].iter_rows(named=True), strict=True):
        expected = incident.incident().model_dump(mode="python")
        assert {k: row[k] for k in expected} == {
            k: v.value if hasattr(v, "value") else v for k, v in expected.items()
        }
    claims = sorted((c for i in incidents for c in i.flat("claims")), key=lambda c: c.id)
    assert frames["claims"].get_column("attributed_to").to_list() == [
        c.attributed_to for c in claims
    ]
