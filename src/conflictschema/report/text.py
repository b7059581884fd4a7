"""The default report for people: grouped by file, counted by code, one summary line."""

from __future__ import annotations

from collections import defaultdict

from conflictschema.findings import Finding, Report
from conflictschema.report.base import Reporter, printable, summary_line

#: How many findings of each code to list per file at the default verbosity.
PER_CODE = 5


def _line(finding: Finding) -> str:
    """``row N, field: message``, or the message alone for a finding about a whole file."""
    parts = []
    if finding.row is not None:
        parts.append(f"row {finding.row}")
    if finding.field:
        parts.append(finding.field)
    return f"{', '.join(parts)}: {finding.message}" if parts else finding.message


class TextReporter(Reporter):
    def render(self, report: Report) -> str:
        lines: list[str] = []
        by_file: dict[str, list[Finding]] = defaultdict(list)
        for finding in report.findings:
            by_file[finding.file].append(finding)
        listed = 0
        for file, findings in by_file.items():
            lines.append(f"{file}")
            by_code: dict[str, list[Finding]] = defaultdict(list)
            for finding in findings:
                by_code[finding.code].append(finding)
            for code, group in by_code.items():
                total = report.counts_by_file.get((file, group[0].code), len(group))
                lines.append(f"  {group[0].severity} {code}: {total}")
                candidates = group if self.verbosity > 1 else group[:PER_CODE]
                shown = candidates
                if self.max_findings is not None:
                    shown = candidates[: max(0, self.max_findings - listed)]
                for finding in shown:
                    if self.verbosity > 0:
                        value = (
                            f" [value: {finding.value!r}]"
                            if finding.value is not None and self.verbosity > 1
                            else ""
                        )
                        lines.append(f"    {_line(finding)}{value}")
                listed += len(shown)
                hidden = total - len(shown)
                if hidden > 0 and self.verbosity > 0:
                    if len(shown) < len(candidates):
                        more = "over --max-findings"
                    elif total == len(group):
                        more = "use -v to list all"
                    else:
                        more = "over the per-code limit"
                    lines.append(f"    ... {hidden} more ({more})")
        lines.append(self.summary(report))
        return printable("\n".join(lines)) + "\n"

    @staticmethod
    def summary(report: Report) -> str:
        return summary_line(report)
