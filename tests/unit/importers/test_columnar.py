"""The whole-export helpers give, once per distinct value, what a row at a time gives."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictschema.importers.columnar import classifications

LABELS = st.one_of(st.none(), st.sampled_from(["a:x", "a:y", "b:x", "b:é", "", "a:x "]))


@given(st.lists(st.tuples(LABELS, LABELS, LABELS), max_size=30))
@settings(max_examples=200, deadline=None)
def test_classifications_are_each_rows_distinct_labels_sorted_as_a_list_expression_sorts_them(
    rows: list[tuple[str | None, str | None, str | None]],
) -> None:
    frame = pl.DataFrame(rows, schema=["p", "q", "r"], orient="row")
    labels = [pl.col("p"), pl.col("q"), pl.col("r")]
    listed = frame.select(
        pl.concat_list(labels).list.drop_nulls().list.unique().list.sort()
    ).to_series()
    found = classifications(frame, *labels)
    assert found.name == "classifications"
    assert found.to_list() == listed.to_list()
    assert found.to_list() == [sorted({v for v in row if v is not None}) for row in rows]
