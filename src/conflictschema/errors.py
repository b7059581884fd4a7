"""Exceptions raised by conflictschema.

Every error the library raises on purpose derives from :class:`ConflictSchemaError`,
so a caller can catch one type; each also derives from the builtin it resembles, so
code written against the builtin keeps working. Problems found *in data* are not
exceptions: the validator reports them as findings.
"""

from __future__ import annotations

from conflictschema.findings import Finding


class ConflictSchemaError(Exception):
    """Base class for every error conflictschema raises on purpose."""


class ConflictSchemaWarning(UserWarning):
    """Base class for every warning conflictschema issues."""


class ReadError(ConflictSchemaError, ValueError):
    """The input could not be read into a Dataset.

    ``findings`` are the errors ``validate`` reports for the same input (warnings are
    left out: they do not stop a read), each naming its file, row and field, so one
    attempt shows all that needs fixing rather than only the first. ``problems`` is
    the same list under its earlier name.
    """

    def __init__(self, findings: list[Finding] | Finding, *, total: int | None = None) -> None:
        self.findings: list[Finding] = findings if isinstance(findings, list) else [findings]
        shown = "\n".join(f"  {f}" for f in self.findings[:20])
        count = max(total or 0, len(self.findings))
        more = count - min(20, len(self.findings))
        if more > 0:
            shown += f"\n  ... and {more} more"
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"could not read dataset ({count} {noun}):\n{shown}")

    @property
    def problems(self) -> list[Finding]:
        return self.findings

    @property
    def codes(self) -> set[str]:
        """The finding codes, as ``validate`` reports them."""
        return {f.code.value for f in self.findings}


class SchemaDriftError(ConflictSchemaError):
    """Committed generated files differ from what the models generate."""
