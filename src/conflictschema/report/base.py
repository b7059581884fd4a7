"""The Reporter interface: a pure function from a Report to text."""

from __future__ import annotations

from abc import ABC, abstractmethod

from conflictschema.validation.findings import Report


class Reporter(ABC):
    """Renders a Report; never prints, never decides the exit status.

    ``max_findings`` limits how many findings are listed, never how many are counted.
    """

    def __init__(self, *, verbosity: int = 1, max_findings: int | None = None) -> None:
        self.verbosity = verbosity
        self.max_findings = max_findings

    @abstractmethod
    def render(self, report: Report) -> str: ...
