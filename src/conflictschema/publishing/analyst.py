"""The files analysts open first, written from the same checked frames as the CSV:
Parquet tables, an incidents GeoJSON, and a CITATION.cff.

Each writer gives the same bytes for the same frames, so a release stays reproducible.
Parquet is written by Polars, which stamps its exact version and build into each file's
footer (``created_by``); that field is rewritten to name conflictschema, so a rebuild
with another Polars gives the same bytes unless Polars changes how it encodes the data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictschema.io.jsontext import number_text, object_text, value_text
from conflictschema.models.columns import columns, extension_column
from conflictschema.models.dataset import DatasetMetadata
from conflictschema.models.types import is_extension

if TYPE_CHECKING:
    import polars as pl
    from arro3.core import DataType

#: The incident fields a GeoJSON feature carries as properties, in this order.
GEOJSON_PROPERTIES = (
    "id",
    "title",
    "event_type",
    "date_start",
    "date_end",
    "date_precision",
    "location_name",
    "admin1",
    "country",
    "geo_precision",
    "maritime_zone",
    "killed_best",
    "injured_best",
    "attribution_status",
    "responsibility_status",
    "status",
)

CITATION_FILE = "CITATION.cff"
GEOJSON_FILE = "incidents.geojson"


def parquet_path(table: str) -> str:
    return f"data/{table}.parquet"


def _widely_read(kind: DataType) -> DataType:
    """Text as Arrow's long-standing large_string, not the string_view Polars exports:
    pandas (through pyarrow) cannot read lists of string_view, and older readers no view
    type at all."""
    from arro3.core import DataType

    if DataType.is_string_view(kind):
        return DataType.large_utf8()
    if DataType.is_large_list(kind):
        item = kind.value_field
        return DataType.large_list(item.with_type(_widely_read(item.type)))
    return kind


def _descriptions(table: str, frame: pl.DataFrame) -> dict[str, str]:
    known = {c.name: c.description for c in columns(table)}
    return {
        name: known[name] if name in known else extension_column(name).description
        for name in frame.columns
        if name in known or is_extension(name)
    }


def write_parquet(
    table: str, frame: pl.DataFrame, path: Path, meta: DatasetMetadata, version: str
) -> None:
    """One table as Parquet, typed as the frames are (dates as dates, codes as
    dictionaries, lists as lists), each column carrying its description from the
    models as Arrow field metadata, and the dataset, version and standard as file metadata."""
    import polars as pl
    from arro3.core import Schema, Table

    # Codes are written as dictionary-encoded text. Polars refuses an Arrow schema for
    # its Enum type (the dictionary's ordered flag disagrees), so codes go as Categorical.
    frame = frame.with_columns(pl.col(pl.Enum).cast(pl.Categorical))
    descriptions = _descriptions(table, frame)
    schema = Table.from_arrow(frame.head(0)).schema
    described = Schema(
        [
            field.with_type(_widely_read(field.type)).with_metadata(
                {**(field.metadata_str or {}), "description": descriptions[field.name]}
            )
            if field.name in descriptions
            else field.with_type(_widely_read(field.type))
            for field in map(schema.field, range(len(schema.names)))
        ]
    )
    frame.write_parquet(
        path,
        compression="zstd",
        compression_level=9,
        statistics=True,
        arrow_schema=described,
        metadata=_file_metadata(table, meta, version),
    )
    restamp_writer(path, WRITER)


#: What a release's Parquet files say wrote them (the footer's ``created_by``).
WRITER = "conflictschema (Polars Parquet writer)"
_MAGIC = b"PAR1"


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def restamp_writer(path: Path, writer: str, stamp: bytes = b"Polars (") -> None:
    """Replace the writer string in a Parquet file's footer with ``writer``.

    The footer is Thrift compact: ``created_by`` (field 6 of FileMetaData) is a varint
    length and the bytes, after the key-value metadata and before the column orders,
    which hold no strings, so the last occurrence of the writer's stamp is that field.
    Only the footer and its length change; every data offset points before it."""
    with path.open("r+b") as handle:
        handle.seek(-8, 2)
        tail = handle.read(8)
        if tail[4:] != _MAGIC:
            raise ValueError(f"{path} is not a Parquet file")
        length = int.from_bytes(tail[:4], "little")
        footer_start = handle.seek(-8 - length, 2)
        footer = handle.read(length)
        begin = footer.rfind(stamp)
        if begin < 1:
            raise ValueError(f"{path}: no writer string in the Parquet footer")
        start = begin - 1  # the varint's last byte; earlier ones have the high bit set
        while start > 0 and footer[start - 1] & 0x80:
            start -= 1
        size = 0
        for shift, byte in enumerate(footer[start:begin]):
            size |= (byte & 0x7F) << (7 * shift)
        encoded = writer.encode("utf-8")
        footer = footer[:start] + _varint(len(encoded)) + encoded + footer[begin + size :]
        handle.seek(footer_start)
        handle.write(footer + len(footer).to_bytes(4, "little") + _MAGIC)
        handle.truncate()


def _file_metadata(table: str, meta: DatasetMetadata, version: str) -> dict[str, str]:
    return {
        "conflictschema:dataset": meta.name,
        "conflictschema:version": version,
        "conflictschema:standard_version": meta.standard_version,
        "conflictschema:table": table,
    }


#: Features rendered and written at once: the file streams, never held whole.
_FEATURES_AT_ONCE = 50_000


def _feature_text() -> pl.Expr:
    """Each located incident's feature, as ``json.dumps(feature, ensure_ascii=False,
    separators=(",", ":"))`` writes it (:mod:`conflictschema.io.jsontext`)."""
    import polars as pl

    incident_columns = {column.name: column for column in columns("incidents")}
    properties = [(n, value_text(incident_columns[n], 2, False)) for n in GEOJSON_PROPERTIES]
    coordinates = pl.concat_str(
        pl.lit("["), number_text(pl.col("longitude")), pl.lit(","),
        number_text(pl.col("latitude")), pl.lit("]"),
    )  # fmt: skip
    geometry = object_text([("type", pl.lit('"Point"')), ("coordinates", coordinates)], 1, False)
    return object_text(
        [
            ("type", pl.lit('"Feature"')),
            ("id", value_text(incident_columns["id"], 1, False)),
            ("geometry", geometry),
            ("properties", object_text(properties, 1, False)),
        ],
        0,
        False,
    )


def write_geojson(incidents: pl.DataFrame, path: Path) -> None:
    """Incidents with coordinates as an RFC 7946 FeatureCollection (WGS 84 longitude,
    latitude; no ``crs`` member), one feature per line so it streams. Incidents without
    coordinates are in the tables, not here: a point at (0, 0) would be a lie."""
    import polars as pl

    located = incidents.filter(pl.col("latitude").is_not_null() & pl.col("longitude").is_not_null())
    feature = _feature_text()
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write('{"type":"FeatureCollection","features":[\n')
        for start in range(0, located.height, _FEATURES_AT_ONCE):
            part = located.slice(start, _FEATURES_AT_ONCE).select(feature.str.join(",\n")).item()
            handle.write(part if start == 0 else ",\n" + part)
        handle.write("\n]}\n")


def _yaml_safe(char: str) -> str:
    code = ord(char)
    printable = (
        0x20 <= code <= 0x7E
        or (0xA0 <= code <= 0xD7FF and code not in (0x2028, 0x2029))
        or 0xE000 <= code <= 0xFFFD
        or code >= 0x10000
    )
    return char if printable else f"\\u{code:04x}"


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar. JSON's string syntax is a subset of it, but YAML also
    refuses C1 controls and folds its own line breaks (U+0085, U+2028, U+2029), so every
    character YAML does not print as itself is escaped."""
    return "".join(map(_yaml_safe, json.dumps(text, ensure_ascii=False)))


def citation_cff(meta: DatasetMetadata, version: str, date: str) -> str:
    """A CITATION.cff (Citation File Format 1.2.0) from the dataset's metadata.

    Authors are the contributors whose role is author (all contributors when none is);
    a dataset that names no contributor is cited under its own title, as an entity,
    rather than under a name nobody gave."""
    people = meta.contributors or []
    authors = [c for c in people if (c.role or "").lower() == "author"] or people
    lines = [
        "cff-version: 1.2.0",
        f"message: {_yaml_string('If you use this dataset, please cite it as below.')}",
        "type: dataset",
        f"title: {_yaml_string(meta.title)}",
        f"version: {_yaml_string(version)}",
        f"date-released: {_yaml_string(date)}",
        "authors:",
    ]
    if not authors:
        lines.append(f"  - name: {_yaml_string(meta.title)}")
    for author in authors:
        lines.append(f"  - name: {_yaml_string(author.title)}")
        if author.email:
            lines.append(f"    email: {_yaml_string(author.email)}")
        if author.path:
            lines.append(f"    website: {_yaml_string(author.path)}")
    optional = (
        ("abstract", meta.description),
        ("license", meta.licenses[0].name if meta.licenses else None),
        ("url", meta.homepage),
    )
    lines.extend(f"{key}: {_yaml_string(value)}" for key, value in optional if value)
    if meta.keywords:
        lines.append("keywords:")
        lines.extend(f"  - {_yaml_string(word)}" for word in meta.keywords)
    if meta.citation:
        lines.append(f"notes: {_yaml_string('Preferred citation: ' + meta.citation)}")
    return "\n".join(lines) + "\n"


def extra_resources(tables: dict[str, Any]) -> list[dict[str, Any]]:
    """The analyst files as a release's descriptor lists them, under
    ``conflictschema.files`` (sizes and hashes are added by the caller)."""
    parquet = [
        {
            "name": f"{table}-parquet",
            "path": parquet_path(table),
            "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            "description": f"The {table} table as Parquet, typed, with each field's description.",
        }
        for table in tables
    ]
    return [
        *parquet,
        {
            "name": "incidents-geojson",
            "path": GEOJSON_FILE,
            "format": "geojson",
            "mediatype": "application/geo+json",
            "description": "Incidents with coordinates, as an RFC 7946 FeatureCollection.",
        },
        {
            "name": "citation",
            "path": CITATION_FILE,
            "format": "cff",
            "mediatype": "application/x-yaml",
            "description": "How to cite this release (Citation File Format 1.2.0).",
        },
    ]
