"""The Reporter interface: a pure function from a Report to text."""

from __future__ import annotations

from abc import ABC, abstractmethod

from conflictschema.findings import Report


class Reporter(ABC):
    """Renders a Report; never prints, never decides the exit status.

    ``max_findings`` limits how many findings are listed, never how many are counted.
    """

    def __init__(self, *, verbosity: int = 1, max_findings: int | None = None) -> None:
        self.verbosity = verbosity
        self.max_findings = max_findings

    @abstractmethod
    def render(self, report: Report) -> str: ...


def verdict(report: Report) -> str:
    """``valid``, ``invalid`` or ``could not be read``: the word every reporter uses."""
    if not report.readable:
        return "could not be read"
    return "valid" if report.valid else "invalid"


def summary_line(report: Report) -> str:
    """The one-line summary that ends the text and GitHub reports."""
    strict = " (strict: warnings fail)" if report.strict and report.warnings else ""
    line = f"{report.source}: {verdict(report)}, {report.errors} error(s), {report.warnings} warning(s){strict}"
    if report.not_listed:
        line += f"; {report.not_listed} finding(s) counted but not listed (over the per-code limit)"
    return line
