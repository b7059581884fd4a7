"""Analysts get typed frames, one per table."""

from __future__ import annotations

import datetime as dt

import polars as pl

import conflictschema
from tests.conftest import BUNDLED


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
