"""How the models report a broken record rule: each breach at its own field, under its code.

The codes and their meanings live in :mod:`conflictschema.findingcodes`; this module
only turns breaches into one Pydantic ``ValidationError`` that names them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from conflictschema.findingcodes import Code


@dataclass(frozen=True)
class RuleBreach:
    """One broken rule, located by a path relative to the model being validated."""

    code: Code
    loc: tuple[str | int, ...]
    message: str
    value: Any = None


def raise_breaches(title: str, breaches: Iterable[RuleBreach]) -> None:
    """Raise every breach at once, each at its own field, so none hides another."""
    details = [
        InitErrorDetails(
            type=PydanticCustomError(b.code.value, b.message),
            loc=b.loc,
            input=b.value,
        )
        for b in breaches
    ]
    if details:
        raise ValidationError.from_exception_data(title, details)


#: Pydantic's error types -> the finding code users see, so that nobody's CI depends on
#: the naming of a third-party library. The models' own rules raise their codes directly.
CODE_BY_PYDANTIC_TYPE: dict[str, Code] = {
    "missing": Code.REQUIRED,
    "too_short": Code.REQUIRED,
    "enum": Code.UNKNOWN_CODE,
    "string_pattern_mismatch": Code.PATTERN,
    "string_too_short": Code.LENGTH,
    "string_too_long": Code.LENGTH,
    "greater_than_equal": Code.OUT_OF_RANGE,
    "less_than_equal": Code.OUT_OF_RANGE,
    "finite_number": Code.TYPE_ERROR,
    "int_type": Code.TYPE_ERROR,
    "int_parsing": Code.TYPE_ERROR,
    "int_from_float": Code.TYPE_ERROR,
    "float_type": Code.TYPE_ERROR,
    "float_parsing": Code.TYPE_ERROR,
    "date_type": Code.TYPE_ERROR,
    "date_parsing": Code.TYPE_ERROR,
    "date_from_datetime_parsing": Code.TYPE_ERROR,
    "string_type": Code.TYPE_ERROR,
    "list_type": Code.TYPE_ERROR,
    "model_type": Code.JSON_ERROR,
    "model_attributes_type": Code.JSON_ERROR,
    "dict_type": Code.JSON_ERROR,
    "json_invalid": Code.JSON_ERROR,
    "extra_forbidden": Code.EXTRA_COLUMN,
}


def code_of(error: Any) -> Code | None:
    """The finding code for a Pydantic error (as ``ValidationError.errors()`` gives it);
    None for an error type no code stands for. A null where a value is required is
    ``required``, as an empty cell is."""
    error_type = error["type"]
    if error_type.endswith("_type") and error.get("input", ...) is None:
        return Code.REQUIRED
    if error_type in CODE_BY_PYDANTIC_TYPE:
        return CODE_BY_PYDANTIC_TYPE[error_type]
    try:
        return Code(error_type)
    except ValueError:
        return None
