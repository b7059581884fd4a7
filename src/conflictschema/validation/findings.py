"""Findings and the Report that collects them: plain data, no formatting.

A Finding holds only builtin values, so every reporter (text, JSON, GitHub,
SARIF) reads the same fields and none needs to know Pydantic's or Frictionless's
error types.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]

#: Offending values are shown up to this many characters, so a huge cell never floods a report.
MAX_VALUE_CHARS = 100


def shown_value(value: Any) -> Any:
    """The value as a report shows it: lists joined, long text cut with an ellipsis."""
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
        return value[: MAX_VALUE_CHARS - 1] + "…"
    return value


@dataclass(frozen=True)
class Finding:
    """One problem in a dataset.

    ``file`` is relative to the dataset root; ``row`` is the spreadsheet row (header
    = 1, first record = 2), the line for JSONL, or ``None`` where no row applies.
    """

    code: str
    severity: Severity
    message: str
    file: str
    row: int | None = None
    field: str | None = None
    value: Any = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Report:
    """Everything one validation run found.

    ``readable`` is False when the input could not be read at all (exit status 2);
    ``findings`` then says why. ``root`` is the dataset directory as the caller named
    it; finding files are relative to it, so ``root/file`` is a path the caller can open.
    """

    source: str
    root: str = "."
    findings: list[Finding] = field(default_factory=list)
    readable: bool = True
    strict: bool = False
    checked: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def valid(self) -> bool:
        return self.readable and self.errors == 0

    def path_of(self, finding: Finding) -> str:
        """The finding's file as a path from where the caller stands."""
        return finding.file if self.root in ("", ".") else f"{self.root.rstrip('/')}/{finding.file}"

    def counts_by_code(self) -> Counter[str]:
        return Counter(f.code for f in self.findings)

    @property
    def passed(self) -> bool:
        """No errors, and under ``strict`` no warnings either: what a CI gate asks."""
        return self.valid and not (self.strict and self.warnings)
