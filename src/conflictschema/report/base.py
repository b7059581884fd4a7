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
    """The words every reporter uses: ``valid``, ``invalid``, ``could not be read``, or,
    for data with no errors whose warnings fail ``--strict``, both facts at once."""
    if not report.readable:
        return "could not be read"
    if not report.valid:
        return "invalid"
    return "valid" if report.passed else "valid, but fails --strict on its warnings"


def summary_line(report: Report) -> str:
    """The one-line summary that ends the text and GitHub reports."""
    line = f"{report.source}: {verdict(report)}, {report.errors} error(s), {report.warnings} warning(s)"
    if report.not_listed:
        line += f"; {report.not_listed} finding(s) counted but not listed (over the per-code limit)"
    return line
