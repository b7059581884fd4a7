"""Exceptions raised by conflictschema.

Every error the library raises on purpose derives from :class:`ConflictSchemaError`,
so a caller can catch one type; each also derives from the builtin it resembles, so
code written against the builtin keeps working. Problems found *in data* are not
exceptions: the validator reports them as findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class ConflictSchemaError(Exception):
    """Base class for every error conflictschema raises on purpose."""


class ConflictSchemaWarning(UserWarning):
    """Base class for every warning conflictschema issues."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as the input allows.

    ``row`` is counted as a spreadsheet shows it (header = 1, first record = 2)
    for CSV, and as the line number for JSONL; it is ``None`` where no row applies.
    """

    file: str
    message: str
    row: int | None = None
    field: str | None = None
    code: str = "invalid"
    value: Any = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field {self.field!r}"
        return f"{where}: {self.message}"


class ReadError(ConflictSchemaError, ValueError):
    """The input could not be read into a Dataset.

    ``problems`` lists every problem found, each naming its file, row and field, so
    one attempt shows all that needs fixing rather than only the first.
    """

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems: list[Problem] = problems if isinstance(problems, list) else [problems]
        shown = "\n".join(f"  {p}" for p in self.problems[:20])
        more = len(self.problems) - 20
        if more > 0:
            shown += f"\n  ... and {more} more"
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"could not read dataset ({count} {noun}):\n{shown}")


class SchemaDriftError(ConflictSchemaError):
    """Committed generated files differ from what the models generate."""
