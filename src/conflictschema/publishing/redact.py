"""What a public release may show: restricted sources stripped, formulas defused in CSV."""

from __future__ import annotations

from conflictschema.io.cells import format_cell
from conflictschema.io.csv_package import csv_line
from conflictschema.models.codes import Access
from conflictschema.models.columns import Column, columns
from conflictschema.models.dataset import Dataset
from conflictschema.models.flat import table_rows
from conflictschema.models.source import Source

#: What a restricted source keeps in public: enough for references to hold, nothing that identifies it.
RESTRICTED_KEEPS = ("id", "source_type", "reliability", "access")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def redact_source(source: Source) -> Source:
    """A restricted source with every identifying field emptied; a public one unchanged."""
    if source.access != Access.RESTRICTED:
        return source
    return Source.model_validate({k: getattr(source, k) for k in RESTRICTED_KEEPS})


def public_dataset(dataset: Dataset) -> Dataset:
    """The dataset as it may be published."""
    return dataset.model_copy(update={"sources": [redact_source(s) for s in dataset.sources]})


def _defuse(column: Column, text: str) -> str:
    """Prefix text a spreadsheet would run as a formula with ' (OWASP's advice for CSV)."""
    free_text = column.free_text or column.kind == "list"
    return "'" + text if free_text and text.startswith(FORMULA_STARTS) else text


def release_csv(dataset: Dataset) -> dict[str, str]:
    """table -> CSV text for a release: the normal form, with formula-like text defused.

    Only CSV is defused; dataset.json and incidents.jsonl keep the true text.
    """
    tables = {}
    for table, rows in table_rows(dataset).items():
        cols = columns(table)
        lines = [csv_line([c.name for c in cols])]
        lines += [
            csv_line([_defuse(c, format_cell(getattr(row, c.name))) for c in cols]) for row in rows
        ]
        tables[table] = "".join(lines)
    return tables
