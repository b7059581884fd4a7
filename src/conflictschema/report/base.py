"""The Reporter interface: a pure function from a Report to text."""

from __future__ import annotations

import re
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


#: C0 and C1 control characters other than the line break and the tab: an escape
#: sequence in a cell must not reach a terminal, where it could move the cursor,
#: recolour or retitle it, or hide the lines before it.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    r"""``text`` with each control character shown as its escape (``\x1b``), never raw.

    >>> printable("title\x1b[2J")
    'title\\x1b[2J'
    """
    return _CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


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
