"""The analyst files of a release: Parquet, GeoJSON and CITATION.cff, from the same frames
as the CSV, listed with their hashes, and the same bytes on every rebuild."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import conflictschema
from conflictschema import DatasetMetadata
from conflictschema.hashing import hash_string, parse_manifest, sha256_file
from conflictschema.models.columns import TABLE_MODELS, columns
from conflictschema.publishing.analyst import WRITER, citation_cff, restamp_writer
from tests.pagecases import write_page_dataset


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("analyst")
    dataset = write_page_dataset(root)
    return conflictschema.release(dataset, "1.0.0", root / "out").directory


def test_each_table_is_a_typed_parquet_file_equal_to_its_csv(released: Path) -> None:
    dataset = conflictschema.read(released / "datapackage.json")
    frames = dataset.to_polars()
    for table in TABLE_MODELS:
        parquet = pl.read_parquet(released / "data" / f"{table}.parquet")
        expected = frames[table]
        assert parquet.columns == expected.columns
        codes = pl.col(pl.Enum, pl.Categorical)
        assert parquet.with_columns(codes.cast(pl.String)).equals(
            expected.with_columns(codes.cast(pl.String))
        )
    incidents = pl.read_parquet(released / "data" / "incidents.parquet")
    assert incidents.schema["date_start"] == pl.Date
    assert incidents.schema["latitude"] == pl.Float64
    assert incidents.schema["killed_best"] == pl.Int64
    assert incidents.schema["tags"] == pl.List(pl.String)


def test_pandas_and_duckdb_read_every_parquet_table(released: Path) -> None:
    for table in TABLE_MODELS:
        path = released / "data" / f"{table}.parquet"
        rows = len(pl.read_csv(released / "data" / f"{table}.csv", infer_schema=False))
        assert len(pd.read_parquet(path)) == rows
        assert duckdb.sql(f"select count(*) from '{path}'").fetchall() == [(rows,)]
        assert "view" not in str(pq.read_schema(path)), "no view types, which older readers lack"


def test_parquet_columns_carry_their_descriptions_and_the_file_its_release(
    released: Path,
) -> None:
    for table in TABLE_MODELS:
        path = released / "data" / f"{table}.parquet"
        schema = pq.read_schema(path)
        for column in columns(table):
            metadata = schema.field(column.name).metadata
            assert metadata[b"description"].decode() == column.description
        file_metadata = pq.read_metadata(path).metadata
        assert file_metadata[b"conflictschema:table"].decode() == table
        assert file_metadata[b"conflictschema:version"] == b"1.0.0"
        assert pq.ParquetFile(path).metadata.created_by == WRITER


def test_restamping_changes_only_the_writer(tmp_path: Path) -> None:
    frame = pl.DataFrame({"a": list(range(5000)), "b": [f"Polars (x) {i}" for i in range(5000)]})
    path = tmp_path / "t.parquet"
    frame.write_parquet(path, metadata={"note": "Polars (not the writer)"})
    restamp_writer(path, "someone else entirely, with a longer name than before" * 3)
    assert pl.read_parquet(path).equals(frame)
    assert pq.read_metadata(path).metadata[b"note"] == b"Polars (not the writer)"
    assert duckdb.sql(f"select sum(a) from '{path}'").fetchall() == [(sum(range(5000)),)]
    (tmp_path / "x.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(ValueError, match="not a Parquet file"):
        restamp_writer(tmp_path / "x.parquet", "w")


def test_geojson_is_an_rfc_7946_collection_of_the_located_incidents(released: Path) -> None:
    collection = json.loads((released / "incidents.geojson").read_text(encoding="utf-8"))
    incidents = pl.read_csv(released / "data" / "incidents.csv", infer_schema=False)
    located = incidents.filter(pl.col("latitude").is_not_null())
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection
    assert [f["id"] for f in collection["features"]] == located.get_column("id").to_list()
    for feature, row in zip(collection["features"], located.iter_rows(named=True), strict=True):
        assert feature["type"] == "Feature"
        assert feature["geometry"] == {
            "type": "Point",
            "coordinates": [float(row["longitude"]), float(row["latitude"])],
        }
        assert feature["properties"]["title"] == row["title"]
        assert feature["properties"]["attribution_status"] == row["attribution_status"]
    assert len(located) < len(incidents), "the fixture has an incident without coordinates"


def test_citation_names_the_release_and_its_authors(released: Path) -> None:
    citation = yaml.safe_load((released / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert citation["type"] == "dataset"
    assert citation["version"] == "1.0.0"
    assert citation["date-released"] == "2024-03-01"  # the latest date the data carries
    assert citation["authors"] == [{"name": "conflictschema contributors"}]
    assert citation["license"] == "CC-BY-4.0"
    assert "attribution" in citation["keywords"]


text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda t: t.strip() == t and t.strip()
)


@given(title=text, author=text, keyword=text)
def test_any_metadata_text_reads_back_from_the_citation(
    title: str, author: str, keyword: str
) -> None:
    meta = DatasetMetadata.model_validate(
        {
            "name": "x",
            "title": title,
            "version": "1.0.0",
            "licenses": [{"name": "CC0-1.0"}],
            "keywords": [keyword],
            "contributors": [{"title": author, "role": "author"}],
        }
    )
    citation = yaml.safe_load(citation_cff(meta, "1.0.0", "2024-01-01"))
    assert citation["title"] == title
    assert citation["authors"] == [{"name": author}]
    assert citation["keywords"] == [keyword]


def test_a_dataset_without_contributors_is_cited_under_its_title() -> None:
    meta = DatasetMetadata.model_validate(
        {"name": "x", "title": "T", "version": "1.0.0", "licenses": [{"name": "CC0-1.0"}]}
    )
    assert yaml.safe_load(citation_cff(meta, "1.0.0", "2024-01-01"))["authors"] == [{"name": "T"}]


def test_the_descriptor_and_sha256sums_list_every_analyst_file(released: Path) -> None:
    descriptor = json.loads((released / "datapackage.json").read_text(encoding="utf-8"))
    files = {entry["path"]: entry for entry in descriptor["conflictschema"]["files"]}
    sums = parse_manifest((released / "SHA256SUMS").read_text(encoding="utf-8"))
    expected = {f"data/{t}.parquet" for t in TABLE_MODELS} | {"incidents.geojson", "CITATION.cff"}
    assert set(files) == expected
    for path, entry in files.items():
        assert entry["hash"] == hash_string(sha256_file(released / path))
        assert entry["bytes"] == (released / path).stat().st_size
        assert sums[path] == sha256_file(released / path)
    assert "index.html" in sums
    assert {r["path"] for r in descriptor["resources"]}.isdisjoint(files), (
        "the tabular resources stay CSV tables"
    )
