"""Every finding code, in one place: its severity, its layer, what it means and how to fix it.

Codes are what users' CI scripts match on, so they are stable kebab-case names, never
a third-party library's error names. This module is a leaf (standard library only):
the models, the validator, the reporters and the codebook all read the same table, and
a :class:`Code` member cannot be misspelt where mypy looks. A code is never reused for
a different rule; a retired code would stay listed as retired.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Literal

Severity = Literal["error", "warning", "info"]
Layer = Literal["structure", "record", "references", "plausibility"]

#: The layers in the order the validator runs them.
LAYERS: tuple[Layer, ...] = ("structure", "record", "references", "plausibility")


class Code(str, Enum):
    """A finding code. Its value is the name users see; its facts are in :data:`CODES`."""

    # structure: files, syntax, header and single cells
    ENCODING_ERROR = "encoding-error"
    CSV_ERROR = "csv-error"
    JSON_ERROR = "json-error"
    MISSING_FILE = "missing-file"
    UNKNOWN_FORMAT = "unknown-format"
    FILE_TOO_LARGE = "file-too-large"
    MISSING_HEADER = "missing-header"
    MISSING_COLUMN = "missing-column"
    EXTRA_COLUMN = "extra-column"
    DUPLICATE_COLUMN = "duplicate-column"
    COLUMN_ORDER = "column-order"
    RAGGED_ROW = "ragged-row"
    TYPE_ERROR = "type-error"
    REQUIRED = "required"
    UNKNOWN_CODE = "unknown-code"
    PATTERN = "pattern"
    OUT_OF_RANGE = "out-of-range"
    LENGTH = "length"
    UNKNOWN_COUNTRY = "unknown-country"
    UNKNOWN_SUBDIVISION = "unknown-subdivision"
    UNKNOWN_LANGUAGE = "unknown-language"
    URL_SCHEME = "url-scheme"
    DEFANGED_URL = "defanged-url"
    METADATA = "metadata"
    UNSUPPORTED_STANDARD = "unsupported-standard"
    OLD_STANDARD = "old-standard"
    EXTENSION_COLUMN = "extension-column"
    # record rules: several fields of one record
    DATE_ORDER = "date-order"
    DATE_PRECISION = "date-precision"
    CASUALTY_ORDER = "casualty-order"
    COORDINATES_PAIR = "coordinates-pair"
    GEO_PRECISION_MISSING = "geo-precision-missing"
    SUBDIVISION_COUNTRY = "subdivision-country"
    WITHDRAWN_REASON = "withdrawn-reason"
    SUPERSEDED_SELF = "superseded-self"
    MODIFIED_ORDER = "modified-order"
    TIME_ORDER = "time-order"
    RETRACTION_ORDER = "retraction-order"
    CLAIM_PERPETRATOR_MISSING = "claim-perpetrator-missing"
    HISTORICAL_COUNTRY = "historical-country"
    MARITIME_ZONE = "maritime-zone"
    INFRASTRUCTURE_TYPE = "infrastructure-type"
    CASUALTY_REPORT_EMPTY = "casualty-report-empty"
    # across records
    ATTRIBUTION_STATUS = "attribution-status"
    RESPONSIBILITY_STATUS = "responsibility-status"
    DUPLICATE_ID = "duplicate-id"
    FK_MISSING = "fk-missing"
    ID_REUSED = "id-reused"
    REFERENCE_CYCLE = "reference-cycle"
    CLAIM_SELF_ATTRIBUTION = "claim-self-attribution"
    CLAIM_REFERENCE = "claim-reference"
    ORPHAN_ACTOR = "orphan-actor"
    ORPHAN_SOURCE = "orphan-source"
    DUPLICATE_INCIDENT = "duplicate-incident"
    # plausibility
    COORDINATES_COUNTRY = "coordinates-country"
    FUTURE_DATE = "future-date"
    UNKNOWN_CLASSIFICATION = "unknown-classification"
    FORMULA_CELL = "formula-cell"

    def __str__(self) -> str:
        return self.value

    @property
    def info(self) -> CodeInfo:
        return CODES[self]

    @property
    def severity(self) -> Severity:
        return CODES[self].severity


@dataclass(frozen=True)
class CodeInfo:
    """What a code means, where it is found, and what usually fixes it."""

    severity: Severity
    layer: Layer
    meaning: str
    fix: str


def _error(layer: Layer, meaning: str, fix: str) -> CodeInfo:
    return CodeInfo("error", layer, meaning, fix)


def _warning(layer: Layer, meaning: str, fix: str) -> CodeInfo:
    return CodeInfo("warning", layer, meaning, fix)


def _info(layer: Layer, meaning: str, fix: str) -> CodeInfo:
    return CodeInfo("info", layer, meaning, fix)


C = Code
CODES: dict[Code, CodeInfo] = {
    C.ENCODING_ERROR: _error(
        "structure", "The file is not UTF-8 text.", "Save the file as UTF-8 (a BOM is fine)."
    ),
    C.CSV_ERROR: _error(
        "structure",
        "The file is not well-formed CSV (for example an unclosed quote).",
        "Check the quoting near the row named; a quote inside a cell is written twice.",
    ),
    C.JSON_ERROR: _error(
        "structure",
        "The file is not well-formed JSON, or a JSON value has the wrong shape.",
        "Fix the JSON syntax, or give the value the shape the standard defines.",
    ),
    C.MISSING_FILE: _error(
        "structure",
        "A file the dataset needs is missing or cannot be opened.",
        "Add the file, or correct its path in datapackage.json.",
    ),
    C.UNKNOWN_FORMAT: _error(
        "structure",
        "The input is not a data package, table, JSON document or JSONL file.",
        "Give a package directory, a datapackage.json, a table .csv, a .json or a .jsonl file.",
    ),
    C.FILE_TOO_LARGE: _error(
        "structure",
        "The file, or one line or value in it, is larger than the reader accepts.",
        "Split the dataset, or check that the file is what it claims to be.",
    ),
    C.MISSING_HEADER: _error(
        "structure", "A table has no header row.", "Write the column names as the first row."
    ),
    C.MISSING_COLUMN: _error(
        "structure",
        "A column of the table is missing from the header.",
        "Add the column; leave its cells empty where the value is unknown.",
    ),
    C.EXTRA_COLUMN: _error(
        "structure",
        "The header has a column the table does not define (often a renamed column).",
        "Rename it to the column it stands for, or remove it.",
    ),
    C.DUPLICATE_COLUMN: _error(
        "structure", "The header names a column twice.", "Keep one of the two columns."
    ),
    C.COLUMN_ORDER: _error(
        "structure",
        "The columns are all there but in another order than the table's schema; Frictionless "
        "matches columns by position, so write them in schema order.",
        "Reorder the columns as the schema lists them (`conflictschema convert` does it).",
    ),
    C.RAGGED_ROW: _error(
        "structure",
        "A row has more or fewer cells than the header.",
        "Quote cells that contain commas, or add the missing cells.",
    ),
    C.TYPE_ERROR: _error(
        "structure",
        "A value is not of its field's type (integer, number, date, text, list).",
        "Write integers as digits, numbers with '.', dates as YYYY-MM-DD.",
    ),
    C.REQUIRED: _error("structure", "A required value is empty or missing.", "Fill in the value."),
    C.UNKNOWN_CODE: _error(
        "structure",
        "A cell holds a code that is not in its code list.",
        "Use one of the codes listed in the codebook; codes are names, never numbers.",
    ),
    C.PATTERN: _error(
        "structure",
        "A value does not match its field's pattern (list items included: none may be empty).",
        "Write the value in the form the codebook gives for the field.",
    ),
    C.OUT_OF_RANGE: _error(
        "structure",
        "A number is outside its field's allowed range.",
        "Check the value; casualty counts are 0 or more, and empty means unknown.",
    ),
    C.LENGTH: _error(
        "structure",
        "A text value is empty where text is expected, or longer than allowed.",
        "Shorten the text, or leave the cell empty if there is nothing to say.",
    ),
    C.UNKNOWN_COUNTRY: _error(
        "structure",
        "A country cell is not an ISO 3166-1 alpha-2 code.",
        "Use the two-letter code, e.g. UA.",
    ),
    C.UNKNOWN_SUBDIVISION: _error(
        "structure",
        "admin1_code is not an ISO 3166-2 subdivision code.",
        "Use the full code with its country prefix, e.g. UA-65.",
    ),
    C.UNKNOWN_LANGUAGE: _error(
        "structure",
        "A language tag does not start with an ISO 639 language code.",
        "Use a BCP 47 tag such as uk, ru or en-GB.",
    ),
    C.URL_SCHEME: _error(
        "structure",
        "A URL is not an http or https URL with a host name.",
        "Write the URL as a browser would open it.",
    ),
    C.DEFANGED_URL: _error(
        "structure",
        "A URL is defanged (example[.]com, example(.)com, example[dot]com) so that it cannot "
        "be opened; the message gives the working link.",
        "Store the working link; a release is read by people and programs that follow it.",
    ),
    C.METADATA: _error(
        "structure",
        "The dataset's metadata (name, title, version, licences) is missing or malformed.",
        "Correct the field named in datapackage.json or the dataset document.",
    ),
    C.UNSUPPORTED_STANDARD: _error(
        "structure",
        "The data declares a standard version this conflictschema cannot read.",
        "Upgrade conflictschema, or correct standard_version.",
    ),
    C.OLD_STANDARD: _warning(
        "structure",
        "The data declares an earlier version of the standard: it is checked by that version's "
        "rules and read through the upgrade to the current one.",
        "Run `conflictschema upgrade PATH -o OUT` to rewrite it in the current standard.",
    ),
    C.DATE_ORDER: _error(
        "record", "date_end is before date_start.", "Swap the two dates or correct one."
    ),
    C.DATE_PRECISION: _error(
        "record",
        "The span from date_start to date_end does not match date_precision "
        "(a day, one to six days, a calendar month, a calendar year, or a range longer than one day).",
        "Choose the precision that fits the span, or correct the dates.",
    ),
    C.CASUALTY_ORDER: _error(
        "record",
        "A casualty range breaks low <= best <= high.",
        "Correct the figures; leave a figure empty when it is unknown.",
    ),
    C.COORDINATES_PAIR: _error(
        "record",
        "Only one of latitude and longitude is given; give both or neither.",
        "Add the missing coordinate or empty both.",
    ),
    C.GEO_PRECISION_MISSING: _error(
        "record",
        "Coordinates are given without geo_precision.",
        "Say how precise the coordinates are.",
    ),
    C.SUBDIVISION_COUNTRY: _error(
        "record",
        "admin1_code is not a subdivision of the country given in country.",
        "Correct country or admin1_code.",
    ),
    C.WITHDRAWN_REASON: _error(
        "record",
        "A withdrawn incident has no withdrawn_reason, or an active one has a withdrawn_reason "
        "or superseded_by.",
        "Give the reason for a withdrawal, or set the status to withdrawn.",
    ),
    C.SUPERSEDED_SELF: _error(
        "record", "An incident is superseded by itself.", "Name the incident that replaces it."
    ),
    C.MODIFIED_ORDER: _error(
        "record", "modified is before created.", "Correct one of the two dates."
    ),
    C.CLAIM_PERPETRATOR_MISSING: _error(
        "record",
        "A responsibility claim, attribution or denial does not say who it is about (attributed_to).",
        "Name the actor the claim is about.",
    ),
    C.TIME_ORDER: _error(
        "record",
        "time_end is given without time_start, or ends before time_start on the same day.",
        "Give time_start; for a night across midnight, set date_end to the next day.",
    ),
    C.RETRACTION_ORDER: _error(
        "record", "A claim is retracted before it was made.", "Correct made_on or retracted_on."
    ),
    C.EXTENSION_COLUMN: _info(
        "structure",
        "A column (or JSON key) named x_<name> carries what the standard has no field for; "
        "it is kept unchanged by every command and checked by no rule.",
        "Nothing to fix; consider proposing a field if many datasets need it.",
    ),
    C.HISTORICAL_COUNTRY: _error(
        "record",
        "A formerly used country code (ISO 3166-3, such as SU or YU) names the country of an "
        "event on or after the date ISO withdrew it.",
        "Use the code of the state the place belonged to on the event's date.",
    ),
    C.MARITIME_ZONE: _error(
        "record",
        "maritime_zone names a state's zone but no state is named, or the high seas are given "
        "a country.",
        "Name the state in country (territorial sea) or jurisdictions (exclusive economic "
        "zone); leave country empty on the high seas.",
    ),
    C.INFRASTRUCTURE_TYPE: _error(
        "record",
        "infrastructure_type is given for a target that is not of type infrastructure.",
        "Set target_type to infrastructure, or empty infrastructure_type.",
    ),
    C.CASUALTY_REPORT_EMPTY: _error(
        "record",
        "A casualty report gives no figure at all.",
        "Give the figures the source states, or remove the report.",
    ),
    C.ATTRIBUTION_STATUS: _error(
        "references",
        "The stored attribution_status differs from the one derived from the incident's "
        "standing claims and the actors they name.",
        "Store the derived status; the message names it.",
    ),
    C.RESPONSIBILITY_STATUS: _error(
        "references",
        "The stored responsibility_status differs from the one derived from the incident's "
        "standing responsibility claims.",
        "Store the derived status; the message names it.",
    ),
    C.DUPLICATE_ID: _error(
        "references",
        "An id appears more than once in its table.",
        "Give each record its own id; ids are never reused.",
    ),
    C.FK_MISSING: _error(
        "references",
        "A reference names an id that its target table does not have.",
        "Add the referenced record, or correct the id.",
    ),
    C.ID_REUSED: _error(
        "references",
        "An id listed in an incident's previous_ids is the current id of another incident.",
        "Ids are never reused; give one of the incidents a new id.",
    ),
    C.REFERENCE_CYCLE: _error(
        "references",
        "actors.parent or sources.relays forms a cycle.",
        "Break the cycle: a group cannot belong to itself, a source cannot relay itself.",
    ),
    C.CLAIM_SELF_ATTRIBUTION: _error(
        "references",
        "A denial names an actor that is neither the claimant nor above or below it through "
        "actors.parent, or a responsibility claim names no such actor at all.",
        "Make it an attribution, or set actors.parent so that the two belong together.",
    ),
    C.CLAIM_REFERENCE: _error(
        "references",
        "disputes or supersedes names the claim itself or a claim about another incident, or "
        "supersedes a claim of another claimant.",
        "Name a claim about the same incident (and, for supersedes, by the same claimant).",
    ),
    C.ORPHAN_ACTOR: _warning(
        "references",
        "No record refers to this actor.",
        "Remove the actor, or add the reference that was meant.",
    ),
    C.ORPHAN_SOURCE: _warning(
        "references",
        "No claim, incident or source cites this source.",
        "Remove the source, or cite it where it was used.",
    ),
    C.DUPLICATE_INCIDENT: _warning(
        "references",
        "Another active incident has the same dates, the same known place and a target of the "
        "same type and affiliation, and nothing tells them apart (target names that differ "
        "do): probably the same event twice.",
        "Withdraw one as a duplicate (superseded_by the other), or tell them apart.",
    ),
    C.COORDINATES_COUNTRY: _warning(
        "plausibility",
        "The nearest known place to the coordinates lies in another country than country says "
        "(often swapped latitude and longitude; near borders, a false alarm).",
        "Check the coordinates; the message says when swapping them fits.",
    ),
    C.UNKNOWN_CLASSIFICATION: _warning(
        "plausibility",
        "A classification names a scheme the codebook documents with a value that scheme "
        "does not have.",
        "Check the value against the scheme's list in the codebook (a typo, or a label "
        "slugged another way); other schemes are not checked.",
    ),
    C.FUTURE_DATE: _warning(
        "plausibility", "A date lies after the day of validation.", "Check the date."
    ),
    C.FORMULA_CELL: _warning(
        "plausibility",
        "Text starts with =, +, -, @, a tab or a carriage return, which a spreadsheet would run as "
        "a formula when the CSV is opened.",
        "Check the text is intended; releases defuse it with a leading apostrophe.",
    ),
}
del C

missing = [code for code in Code if code not in CODES]
if missing:  # pragma: no cover - a programming error caught at import
    raise RuntimeError(f"finding codes without facts: {missing}")
