"""Findings and the Report that collects them: plain data, no formatting.

A Finding holds only builtin values (its code is a ``str`` enum), so every reporter
(text, JSON, GitHub, SARIF) reads the same fields and none needs to know Pydantic's
or Polars' error types. ``validate`` returns a Report; ``read`` raises a ReadError
carrying the same findings.

Memory stays bounded under hostile input: a :class:`FindingLog` keeps at most
``per_code`` findings of each code and only counts the rest, so a million broken
rows cost a counter, not a million objects, and the counts stay exact.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from dataclasses import field as dataclass_field
from typing import Any

from conflictschema.findingcodes import Code, Severity

#: Offending values are shown up to this many characters, so a huge cell never floods a report.
MAX_VALUE_CHARS = 100

#: How many findings of one code a run keeps by default; the rest are counted, not kept.
FINDINGS_PER_CODE = 1000


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

    ``code`` must be a registered :class:`Code` (a plain string naming one is
    accepted and converted; any other string is refused), and the severity is the
    code's. ``file`` is relative to the dataset root; ``row`` is the spreadsheet row
    (header = 1, first record = 2), the line for JSONL, the line its record starts on in
    a dataset .json document, or ``None`` where no row applies.
    """

    code: Code
    message: str
    file: str
    row: int | None = None
    field: str | None = None
    value: Any = None
    severity: Severity = dataclass_field(init=False)

    def __post_init__(self) -> None:
        code = Code(self.code)  # ValueError for an unregistered code
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "severity", code.severity)
        object.__setattr__(self, "value", shown_value(self.value))

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["code"] = self.code.value
        return {key: data[key] for key in FINDING_KEYS}

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", {self.field}"
        return f"{where}: {self.code}: {self.message}"


#: The keys of a finding in the JSON report, in a stable order.
FINDING_KEYS = ("code", "severity", "message", "file", "row", "field", "value")


class FindingLog:
    """Collects findings, keeping at most ``per_code`` of each code and counting all.

    It has ``append`` and ``extend`` so that code written for a list works with it.
    """

    def __init__(self, per_code: int | None = FINDINGS_PER_CODE) -> None:
        self.per_code = per_code
        self.kept: list[Finding] = []
        self.counts: Counter[Code] = Counter()
        self.by_file: Counter[tuple[str, Code]] = Counter()

    def room(self, code: Code) -> int | None:
        """How many more findings of ``code`` would be kept (None: no limit)."""
        if self.per_code is None:
            return None
        return max(0, self.per_code - self.counts[code])

    def append(self, finding: Finding) -> None:
        room = self.room(finding.code)
        self.counts[finding.code] += 1
        self.by_file[finding.file, finding.code] += 1
        if room is None or room > 0:
            self.kept.append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.append(finding)

    def absorb(self, other: FindingLog) -> None:
        """Take what ``other`` found, as if each finding had been appended here: its
        kept findings (while there is room) and its counts, the unkept ones too."""
        for finding in other.kept:
            self.append(finding)
        kept = Counter(f.code for f in other.kept)
        kept_by_file = Counter((f.file, f.code) for f in other.kept)
        self.counts.update(other.counts - kept)
        self.by_file.update(other.by_file - kept_by_file)

    def count_only(self, code: Code, file: str, number: int) -> None:
        """Count ``number`` findings of ``code`` in ``file`` that were found but not built."""
        self.counts[code] += number
        self.by_file[file, code] += number

    def __iter__(self) -> Any:
        return iter(self.kept)


@dataclass
class Report:
    """Everything one validation run found.

    ``readable`` is False when the input could not be read at all (exit status 2);
    ``findings`` then says why. ``root`` is the dataset directory as the caller named
    it; finding files are relative to it, so ``root/file`` is a path the caller can open.
    ``counts`` holds every finding found per code; ``findings`` lists at most the
    per-code limit of each, so ``not_listed`` says how many were counted only.
    """

    source: str
    root: str = "."
    findings: list[Finding] = dataclass_field(default_factory=list)
    readable: bool = True
    strict: bool = False
    checked: list[str] = dataclass_field(default_factory=list)
    counts: Counter[Code] = dataclass_field(default_factory=Counter)
    counts_by_file: Counter[tuple[str, Code]] = dataclass_field(default_factory=Counter)

    def __post_init__(self) -> None:
        if not self.counts:
            self.counts = Counter(f.code for f in self.findings)
        if not self.counts_by_file:
            self.counts_by_file = Counter((f.file, f.code) for f in self.findings)

    def _total(self, severity: Severity) -> int:
        return sum(n for code, n in self.counts.items() if code.severity == severity)

    @property
    def errors(self) -> int:
        return self._total("error")

    @property
    def warnings(self) -> int:
        return self._total("warning")

    @property
    def not_listed(self) -> int:
        """Findings counted but not kept (beyond the per-code limit)."""
        return sum(self.counts.values()) - len(self.findings)

    @property
    def valid(self) -> bool:
        return self.readable and self.errors == 0

    def path_of(self, finding: Finding) -> str:
        """The finding's file as a path from where the caller stands."""
        return finding.file if self.root in ("", ".") else f"{self.root.rstrip('/')}/{finding.file}"

    def counts_by_code(self) -> Counter[str]:
        return Counter({code.value: n for code, n in self.counts.items()})

    @property
    def passed(self) -> bool:
        """No errors, and under ``strict`` no warnings either: what a CI gate asks."""
        return self.valid and not (self.strict and self.warnings)
