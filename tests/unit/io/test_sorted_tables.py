"""The normal form's row order: by id, whatever order the tables came in."""

from __future__ import annotations

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from conflictschema.io.tables import sorted_by, sorted_tables
from conflictschema.validation.reader import read_tables
from tests.conftest import BUNDLED


def test_tables_in_any_order_come_out_sorted_by_id_and_flagged_so() -> None:
    _, typed = read_tables(BUNDLED)
    in_order = sorted_tables(typed)
    reversed_rows = sorted_tables({name: frame.reverse() for name, frame in typed.items()})
    again = sorted_tables(in_order)  # already in order: taken as it is
    for name, frame in in_order.items():
        ids = frame.get_column("id")
        assert ids.to_list() == sorted(ids.to_list()), name
        assert ids.flags["SORTED_ASC"], name
        assert reversed_rows[name].equals(frame), name
        assert again[name].equals(frame), name
    assert any(frame.height > 1 for frame in typed.values())


def test_a_table_with_a_missing_id_is_sorted_with_it_first() -> None:
    _, typed = read_tables(BUNDLED)
    actors = typed["actors"]
    with_null = pl.concat(
        [actors, actors.head(1).with_columns(pl.lit(None, pl.String).alias("id"))]
    )
    ids = sorted_tables({**typed, "actors": with_null})["actors"].get_column("id").to_list()
    assert ids[0] is None
    assert ids[1:] == sorted(actors.get_column("id").to_list())


keys = st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "ab", "B", ""])), max_size=12)


@given(incidents=keys, ids=keys, presorted=st.booleans())
def test_sorted_by_gives_what_a_stable_sort_gives(
    incidents: list[str | None], ids: list[str | None], presorted: bool
) -> None:
    n = min(len(incidents), len(ids))
    frame = pl.DataFrame(
        {"incident_id": incidents[:n], "id": ids[:n], "row": list(range(n))},
        schema={"incident_id": pl.String, "id": pl.String, "row": pl.Int64},
    )
    if presorted:  # the case the shortcut takes
        frame = frame.sort(["incident_id", "id"], maintain_order=True)
    for by in (["incident_id", "id"], ["id"]):
        assert sorted_by(frame, by).equals(frame.sort(by, maintain_order=True))
