"""The CSV writer's bytes are the normal form, stated here once as the oracle: cells
joined by commas, a line end after each row, and a cell quoted (its quotes doubled)
exactly when it holds a comma, a quote, a CR or a LF; a missing value, an empty text
and an empty list are written as nothing. Rows are written in batches, so batches are
made small here to cross their edges.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

import conflictschema.io.tables as io_tables
from conflictschema.io.tables import write_csv
from conflictschema.models.columns import columns

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from(',"\r\n;= '),
    max_size=12,
)
cell = st.none() | text
item = text.filter(lambda t: ";" not in t)  # a list item never holds its separator


def _normal(value: str | None) -> str:
    if not value:
        return ""
    if re.search(r'[,"\r\n]', value):
        return '"' + value.replace('"', '""') + '"'
    return value


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(cell, st.none() | st.lists(item, max_size=3), cell), min_size=0, max_size=9),
    st.integers(1, 4),
)
def test_actors_are_written_in_the_normal_form(
    rows: list[tuple[str | None, list[str] | None, str | None]], batch: int
) -> None:
    names = [c.name for c in columns("actors")]
    frame = pl.DataFrame(
        {
            "id": [f"a{k}" for k in range(len(rows))],
            "name": [name for name, _, _ in rows],
            "aliases": [aliases for _, aliases, _ in rows],
            "kind": ["group"] * len(rows),
            "parent": [parent for _, _, parent in rows],
            "country": [None] * len(rows),
        },
        schema={n: pl.List(pl.String) if n == "aliases" else pl.String for n in names},
    )
    expected = ",".join(names) + "\n"
    for k, (name, aliases, parent) in enumerate(rows):
        joined = ";".join(aliases) if aliases else None
        cells = [f"a{k}", name, joined, "group", parent, None]
        expected += ",".join(_normal(c) for c in cells) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "actors.csv"
        original = io_tables.BATCH_ROWS
        io_tables.BATCH_ROWS = batch
        try:
            write_csv("actors", frame, path)
        finally:
            io_tables.BATCH_ROWS = original
        assert path.read_bytes() == expected.encode("utf-8")
