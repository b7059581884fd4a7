"""Finding codes for structure: encoding, CSV, header and cell values.

Pydantic's own error types are mapped onto these stable names, so a user's CI
never depends on the wording or naming of a third-party library.
"""

from __future__ import annotations

from conflictschema.models.rules import define_rule

ENCODING_ERROR = define_rule("encoding-error", "The file is not UTF-8 text.", layer="structure")
CSV_ERROR = define_rule(
    "csv-error",
    "The file is not well-formed CSV (for example an unclosed quote).",
    layer="structure",
)
JSON_ERROR = define_rule(
    "json-error",
    "The file is not well-formed JSON, or a JSON value has the wrong shape.",
    layer="structure",
)
MISSING_FILE = define_rule(
    "missing-file", "A file the dataset needs is missing or cannot be opened.", layer="structure"
)
UNKNOWN_FORMAT = define_rule(
    "unknown-format",
    "The input is not a data package, table, JSON document or JSONL file.",
    layer="structure",
)
FILE_TOO_LARGE = define_rule(
    "file-too-large", "The file is larger than the reader accepts.", layer="structure"
)
MISSING_HEADER = define_rule("missing-header", "A table has no header row.", layer="structure")
MISSING_COLUMN = define_rule(
    "missing-column", "A column of the table is missing from the header.", layer="structure"
)
EXTRA_COLUMN = define_rule(
    "extra-column",
    "The header has a column the table does not define (often a renamed column).",
    layer="structure",
)
DUPLICATE_COLUMN = define_rule(
    "duplicate-column", "The header names a column twice.", layer="structure"
)
RAGGED_ROW = define_rule(
    "ragged-row", "A row has more or fewer cells than the header.", layer="structure"
)
TYPE_ERROR = define_rule(
    "type-error",
    "A cell is not a value of its column's type (integer, number, date).",
    layer="structure",
)
REQUIRED = define_rule("required", "A required cell is empty.", layer="structure")
UNKNOWN_CODE = define_rule(
    "unknown-code", "A cell holds a code that is not in its code list.", layer="structure"
)
PATTERN = define_rule("pattern", "A cell does not match its column's pattern.", layer="structure")
OUT_OF_RANGE = define_rule(
    "out-of-range", "A number is outside its column's allowed range.", layer="structure"
)
LENGTH = define_rule(
    "length",
    "A text cell is empty where text is expected, or longer than allowed.",
    layer="structure",
)
UNKNOWN_COUNTRY = define_rule(
    "unknown-country", "A country cell is not an ISO 3166-1 alpha-2 code.", layer="structure"
)
UNKNOWN_SUBDIVISION = define_rule(
    "unknown-subdivision", "admin1_code is not an ISO 3166-2 subdivision code.", layer="structure"
)
UNKNOWN_LANGUAGE = define_rule(
    "unknown-language",
    "A language tag does not start with an ISO 639 language code.",
    layer="structure",
)
URL_SCHEME = define_rule(
    "url-scheme", "A URL is not http or https, or has no host.", layer="structure"
)
INVALID = define_rule(
    "invalid",
    "A value breaks a rule of the standard not covered by a more specific code.",
    layer="structure",
)

#: Pydantic error types -> the stable finding code users see.
CODE_BY_PYDANTIC_TYPE = {
    "missing": REQUIRED,
    "too_short": REQUIRED,
    "enum": UNKNOWN_CODE,
    "string_pattern_mismatch": PATTERN,
    "string_too_short": LENGTH,
    "string_too_long": LENGTH,
    "greater_than_equal": OUT_OF_RANGE,
    "less_than_equal": OUT_OF_RANGE,
    "finite_number": TYPE_ERROR,
    "int_type": TYPE_ERROR,
    "int_parsing": TYPE_ERROR,
    "int_from_float": TYPE_ERROR,
    "float_type": TYPE_ERROR,
    "float_parsing": TYPE_ERROR,
    "date_type": TYPE_ERROR,
    "date_parsing": TYPE_ERROR,
    "date_from_datetime_parsing": TYPE_ERROR,
    "string_type": TYPE_ERROR,
    "list_type": TYPE_ERROR,
    "model_type": JSON_ERROR,
    "model_attributes_type": JSON_ERROR,
    "dict_type": JSON_ERROR,
    "json_invalid": JSON_ERROR,
    "extra_forbidden": EXTRA_COLUMN,
    "value_error": INVALID,
}


def stable_code(code: str) -> str:
    """The finding code for a reader or Pydantic error type."""
    return CODE_BY_PYDANTIC_TYPE.get(code, code)
