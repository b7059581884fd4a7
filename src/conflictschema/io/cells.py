"""CSV cell text <-> values, one rule per column kind.

Parsing is strict and explicit so that a cell means the same to us as to
Frictionless: ``3.0`` is not an integer, ``27.02.2024`` is not a date, and an empty
cell is a missing value (an empty list for list columns), never an empty string.
Formatting is the one normal form every writer uses, which is what makes the round
trips byte-identical.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from enum import Enum
from typing import Any

from conflictschema.models.columns import Column

_INTEGER = re.compile(r"^-?[0-9]+$")
_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class CellError(ValueError):
    """A cell's text is not a value of its column's type."""


def parse_cell(column: Column, text: str) -> Any:
    """The value a cell holds; ``None`` (or ``[]`` for lists) for an empty cell."""
    if column.kind == "list":
        return [] if text == "" else text.split(column.delimiter)
    if text == "":
        return None
    if column.kind == "integer":
        if not _INTEGER.match(text):
            raise CellError(f"{text[:40]!r} is not an integer (digits only, no decimal point)")
        return int(text)
    if column.kind == "number":
        if not _NUMBER.match(text):
            raise CellError(f"{text[:40]!r} is not a number (use '.' as the decimal point)")
        return float(text)
    if column.kind == "date":
        if not _DATE.match(text):
            raise CellError(f"{text[:40]!r} is not a date in YYYY-MM-DD form")
        try:
            return dt.date.fromisoformat(text)
        except ValueError as exc:
            raise CellError(f"{text!r} is not a real calendar date ({exc})") from None
    return text


def format_cell(value: Any) -> str:
    """The normal text of a value in a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list):
        return ";".join(format_cell(v) for v in value)
    if isinstance(value, bool):
        raise TypeError("the standard has no boolean columns")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} cannot be written to a CSV cell")
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
