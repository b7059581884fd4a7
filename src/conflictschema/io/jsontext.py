"""JSON text built column-wise with Polars, byte for byte as Python's ``json.dumps`` writes it.

Python's encoder is pure Python once ``indent`` is set, which makes a million nested
incident documents take minutes. Here each field's JSON text is one Polars string
expression, and each record's text one concatenation of them, so the work runs over
whole columns. The output equals ``json.dumps(record, indent=2, ensure_ascii=False)``
(or, compact, ``separators=(",", ":")``); ``tests/unit/io/test_jsontext.py`` holds the
two to the same bytes on generated records with hostile text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conflictschema.models.columns import Column

if TYPE_CHECKING:
    import polars as pl

#: What json.dumps(ensure_ascii=False) writes for each character it escapes.
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
    **{chr(c): f"\\u{c:04x}" for c in range(0x20) if chr(c) not in "\n\r\t\b\f"},
}


def json_string(text: pl.Expr) -> pl.Expr:
    """The JSON string literal of each value (quotes included): one pass over the text,
    every escape at once (Aho-Corasick), so nothing is escaped twice."""
    import polars as pl

    body = text.str.replace_many(list(_ESCAPES), list(_ESCAPES.values()))
    return pl.lit('"') + body + pl.lit('"')


def number_text(cell: pl.Expr) -> pl.Expr:
    """A float as Python writes it (``repr``, the shortest text that reads back the
    same). Polars writes the same text for 0 and for magnitudes from 1e-4 to 1e16,
    where Python uses no exponent; only the other values are written by Python."""
    import polars as pl

    plain = ((cell.abs() >= 1e-4) & (cell.abs() < 1e16)) | (cell == 0)
    by_python = pl.when(~plain).then(cell).map_elements(repr, return_dtype=pl.String)
    return pl.when(plain).then(cell.cast(pl.String)).otherwise(by_python)


def _scalar(column: Column, cell: pl.Expr) -> pl.Expr:
    import polars as pl

    if column.kind == "integer":
        text = cell.cast(pl.String)
    elif column.kind == "number":
        text = number_text(cell)
    elif column.kind == "date":
        text = pl.lit('"') + cell.dt.to_string("%Y-%m-%d") + pl.lit('"')
    else:
        text = json_string(cell.cast(pl.String))
    return text.fill_null("null")


def value_text(column: Column, depth: int, indent: bool) -> pl.Expr:
    """The JSON text of ``column``'s value in a record whose fields sit at ``depth``."""
    import polars as pl

    cell = pl.col(column.name)
    if column.kind != "list":
        return _scalar(column, cell)
    items = cell.list.eval(json_string(pl.element()))
    if indent:
        inner = ",\n" + "  " * (depth + 1)
        joined = (
            pl.lit("[\n" + "  " * (depth + 1))
            + items.list.join(inner)
            + pl.lit("\n" + "  " * depth + "]")
        )
    else:
        joined = pl.lit("[") + items.list.join(",") + pl.lit("]")
    return pl.when(cell.list.len() > 0).then(joined).otherwise(pl.lit("[]"))


def object_text(fields: list[tuple[str, pl.Expr]], depth: int, indent: bool) -> pl.Expr:
    """A JSON object from (key, value text) pairs, its braces at ``depth``."""
    import polars as pl

    if not fields:
        return pl.lit("{}")
    if indent:
        pad = "  " * (depth + 1)
        parts: list[pl.Expr] = []
        for n, (key, value) in enumerate(fields):
            lead = "{\n" if n == 0 else ",\n"
            parts += [pl.lit(f'{lead}{pad}"{key}": '), value]
        parts.append(pl.lit("\n" + "  " * depth + "}"))
    else:
        parts = []
        for n, (key, value) in enumerate(fields):
            lead = "{" if n == 0 else ","
            parts += [pl.lit(f'{lead}"{key}":'), value]
        parts.append(pl.lit("}"))
    return pl.concat_str(parts)


def array_text(items: pl.Expr, depth: int, indent: bool) -> pl.Expr:
    """A JSON array from already-rendered item texts (a List(String)), brackets at ``depth``."""
    import polars as pl

    if indent:
        pad = "  " * (depth + 1)
        joined = (
            pl.lit("[\n" + pad) + items.list.join(",\n" + pad) + pl.lit("\n" + "  " * depth + "]")
        )
    else:
        joined = pl.lit("[") + items.list.join(",") + pl.lit("]")
    return pl.when(items.list.len() > 0).then(joined).otherwise(pl.lit("[]"))
