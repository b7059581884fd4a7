"""A short Markdown summary: one table of counts per file and code, for a CI step summary."""

from __future__ import annotations

from collections import Counter

from conflictschema.report.base import Reporter
from conflictschema.validation.findings import Report


class MarkdownReporter(Reporter):
    def render(self, report: Report) -> str:
        verdict = (
            "could not be read" if not report.readable else ("valid" if report.valid else "invalid")
        )
        icon = "✅" if report.passed else "❌"
        lines = [
            f"### {icon} conflictschema: `{report.source}` is {verdict}",
            "",
            f"{report.errors} error(s), {report.warnings} warning(s).",
            "",
        ]
        counts = Counter((f.file, f.severity, f.code) for f in report.findings)
        if counts:
            lines += ["| file | severity | code | count |", "| --- | --- | --- | ---: |"]
            lines += [
                f"| `{file}` | {severity} | `{code}` | {n} |"
                for (file, severity, code), n in sorted(counts.items())
            ]
            lines.append("")
        return "\n".join(lines) + "\n"
