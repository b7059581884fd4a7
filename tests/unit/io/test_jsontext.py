"""The column-wise JSON text equals Python's json.dumps, byte for byte.

Generated rows (from the column definitions, plus text full of quotes, backslashes,
control characters and non-Latin scripts) go through both; so do whole generated
datasets, whose nested documents are written by the streaming writer and compared
with json.dumps of the models' own dump.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictschema import Dataset
from conflictschema.io import tables as io_tables
from conflictschema.io import write_json, write_jsonl
from conflictschema.io.jsontext import json_string, object_text, value_text
from conflictschema.models.columns import CHILD_TABLES, columns
from tests.columnar import rows, typed_frame
from tests.strategies import datasets


@contextmanager
def batches_of(size: int) -> Iterator[None]:
    """The JSON writers' batches (incidents, and rows of actors and sources) of ``size``."""
    saved = io_tables.INCIDENT_BATCH, io_tables.BATCH_ROWS
    io_tables.INCIDENT_BATCH = io_tables.BATCH_ROWS = size
    try:
        yield
    finally:
        io_tables.INCIDENT_BATCH, io_tables.BATCH_ROWS = saved


hostile = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",))
    | st.sampled_from('"\\\x00\x1f\x7f\u2028\n\r\t\b\f'),
    max_size=30,
)


@settings(max_examples=200)
@given(st.lists(hostile, min_size=1, max_size=20))
def test_strings_escape_as_json_dumps(texts: list[str]) -> None:
    got = pl.DataFrame({"t": texts}).select(json_string(pl.col("t"))).to_series().to_list()
    assert got == [json.dumps(t, ensure_ascii=False) for t in texts]


@settings(max_examples=60)
@given(data=st.data(), indent=st.booleans(), depth=st.integers(0, 3))
def test_records_render_as_json_dumps(data: st.DataObject, indent: bool, depth: int) -> None:
    table = data.draw(st.sampled_from(["incidents", "claims", "sources", "actors", "targets"]))
    records = data.draw(rows(table, max_size=8))
    for record in records:  # free text with everything JSON must escape
        for column in columns(table):
            if column.free_text and record[column.name] is not None:
                record[column.name] = data.draw(hostile.filter(bool))
    frame = typed_frame(table, records)
    fields = [(c.name, value_text(c, depth + 1, indent)) for c in columns(table)]
    got = frame.select(object_text(fields, depth, indent)).to_series().to_list()

    def dumped(record: dict) -> str:
        plain = {
            c.name: (v.isoformat() if hasattr(v, "isoformat") else v)
            for c in columns(table)
            for v in [record[c.name]]
        }
        if not indent:
            return json.dumps(plain, ensure_ascii=False, separators=(",", ":"))
        return json.dumps(plain, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * depth)

    for ours, theirs in zip(got, [dumped(r) for r in records], strict=True):
        differing = [
            (a, b) for a, b in zip(ours.split("\n"), theirs.split("\n"), strict=False) if a != b
        ]
        assert ours == theirs, differing[:2]


@settings(max_examples=30)
@given(datasets(), st.integers(1, 4))
def test_documents_equal_json_dumps_of_the_models(dataset: Dataset, batch: int) -> None:
    """Written a few records at a time, so that every batch boundary is crossed."""
    document = dataset.model_dump(mode="json")
    for key in ("actors", "sources", "incidents"):
        document[key].sort(key=lambda row: row["id"])
    for incident in document["incidents"]:
        for child in CHILD_TABLES:
            incident[child].sort(key=lambda row: row["id"])
    with tempfile.TemporaryDirectory() as tmp, batches_of(batch):
        write_json(dataset, Path(tmp, "d.json"))
        write_jsonl(dataset, Path(tmp, "i.jsonl"))
        assert Path(tmp, "d.json").read_text(encoding="utf-8") == (
            json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        )
        assert Path(tmp, "i.jsonl").read_text(encoding="utf-8") == "".join(
            json.dumps(i, ensure_ascii=False, separators=(",", ":")) + "\n"
            for i in document["incidents"]
        )


@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=50))
@settings(max_examples=200)
def test_numbers_are_written_as_python_writes_them(values: list[float]) -> None:
    """Polars writes the plain range itself, Python the rest: together, repr's text."""
    from conflictschema.io.jsontext import number_text

    frame = pl.DataFrame({"x": pl.Series(values, dtype=pl.Float64)})
    written = frame.select(number_text(pl.col("x"))).to_series().to_list()
    assert written == [repr(value) for value in values]


def _geojson_by_json_dumps(frame: pl.DataFrame) -> str:
    """The GeoJSON file as json.dumps writes each feature: the writer's reference."""
    from conflictschema.publishing.analyst import GEOJSON_PROPERTIES

    located = frame.filter(pl.col("latitude").is_not_null() & pl.col("longitude").is_not_null())
    features = []
    for row in located.iter_rows(named=True):
        properties = {
            n: row[n].isoformat() if hasattr(row[n], "isoformat") else row[n]
            for n in GEOJSON_PROPERTIES
        }
        feature = {
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
            "properties": properties,
        }
        features.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(features) + "\n]}\n"


@settings(max_examples=40)
@given(data=st.data())
def test_geojson_features_are_written_as_json_dumps_writes_them(data: st.DataObject) -> None:
    from conflictschema.publishing import analyst

    records = data.draw(rows("incidents", max_size=8))
    for record in records:
        record["title"] = data.draw(hostile.filter(bool))
        record["longitude"] = data.draw(
            st.sampled_from([None, 0.0, -0.0, 1e-5, -180.0, 33.123456789012345])
            | st.floats(-180, 180)
        )
    frame = typed_frame("incidents", records)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "incidents.geojson"
        saved = analyst._FEATURES_AT_ONCE
        analyst._FEATURES_AT_ONCE = data.draw(st.integers(1, 3))  # written in several parts
        try:
            analyst.write_geojson(frame, path)
        finally:
            analyst._FEATURES_AT_ONCE = saved
        assert path.read_text(encoding="utf-8") == _geojson_by_json_dumps(frame)
