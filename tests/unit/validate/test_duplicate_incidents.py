"""duplicate-incident: the group-wise rule finds exactly what comparing every pair finds,
and a crowd of identical rows costs no more than a crowd of different ones."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictschema.validation.checks.references import (
    DUPLICATE_KEY,
    DUPLICATE_SCORE,
    PLACE_BY_COORDINATES,
    PLACE_BY_NAME,
    SAME_TARGET_NAME,
    SHARED_SOURCE,
    duplicate_firsts,
    with_targets,
)

c = pl.col


def every_pair(incidents: pl.DataFrame, targets: pl.DataFrame) -> pl.DataFrame:
    """The rule stated pair by pair (the reference: quadratic in a group)."""
    keyed = with_targets(incidents, targets)
    pairs = (
        keyed.join(keyed, on=list(DUPLICATE_KEY), nulls_equal=True, suffix="_later")
        .filter(c("id") < c("id_later"))
        .filter(
            c("__name").is_null() | c("__name_later").is_null() | (c("__name") == c("__name_later"))
        )
        .with_columns(
            (
                pl.when(c("__place").str.starts_with("@"))
                .then(PLACE_BY_COORDINATES)
                .otherwise(PLACE_BY_NAME)
                + pl.when(c("__name") == c("__name_later")).then(SAME_TARGET_NAME).otherwise(0)
                + pl.when(
                    c("source_ids").list.set_intersection(c("source_ids_later")).list.len() > 0
                )
                .then(SHARED_SOURCE)
                .otherwise(0)
            ).alias("__score")
        )
        .filter(c("__score") >= DUPLICATE_SCORE)
    )
    return (
        pairs.group_by("id_later")
        .agg(c("id").min().alias("__first"))
        .rename({"id_later": "id"})
        .sort("id")
    )


DAYS = [dt.date(2024, 1, 1), dt.date(2024, 1, 2)]
incident = st.fixed_dictionaries(
    {
        "date_start": st.sampled_from(DAYS),
        "country": st.sampled_from(["UA", None]),
        "__place": st.sampled_from(["@1.0,2.0", "@3.0,4.0", "polohy", "tokmak"]),
        "source_ids": st.lists(st.sampled_from(["s1", "s2", "s3"]), max_size=2, unique=True),
    }
)
target = st.fixed_dictionaries(
    {
        "target_type": st.sampled_from(["party_office", "military"]),
        "affiliation": st.sampled_from(["ur", None]),
        "name": st.sampled_from([None, "Office", "office", "Depot"]),
    }
)


def frames(rows: list[dict], targets_of: list[list[dict]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    ids = [f"inc-{n:03d}" for n in range(len(rows))]
    incidents = pl.DataFrame(
        [{**row, "id": i, "date_end": row["date_start"]} for i, row in zip(ids, rows, strict=True)],
        schema={
            "id": pl.String,
            "date_start": pl.Date,
            "date_end": pl.Date,
            "country": pl.String,
            "__place": pl.String,
            "source_ids": pl.List(pl.String),
        },
    )
    targets = pl.DataFrame(
        [{**t, "incident_id": i} for i, ts in zip(ids, targets_of, strict=True) for t in ts],
        schema={
            "incident_id": pl.String,
            "target_type": pl.String,
            "affiliation": pl.String,
            "name": pl.String,
        },
    )
    return incidents, targets


@given(data=st.data(), rows=st.lists(incident, max_size=12))
@settings(max_examples=400)
def test_groups_find_what_every_pair_finds(data: st.DataObject, rows: list[dict]) -> None:
    targets_of = [data.draw(st.lists(target, min_size=1, max_size=3)) for _ in rows]
    incidents, targets = frames(rows, targets_of)
    assert (
        duplicate_firsts(incidents, targets).to_dicts() == every_pair(incidents, targets).to_dicts()
    )


def test_a_crowd_of_identical_incidents_is_one_group_not_every_pair() -> None:
    n = 5_000
    incidents, targets = frames(
        [{"date_start": DAYS[0], "country": "UA", "__place": "polohy", "source_ids": ["s1"]}] * n,
        [[{"target_type": "party_office", "affiliation": "ur", "name": None}]] * n,
    )
    found = duplicate_firsts(incidents, targets)
    assert found.height == n - 1
    assert set(found["__first"]) == {"inc-000"}
