"""A short Markdown summary: one table of counts per file and code, for a CI step summary."""

from __future__ import annotations

from conflictschema.findings import Report
from conflictschema.report.base import Reporter, printable, verdict


class MarkdownReporter(Reporter):
    def render(self, report: Report) -> str:
        icon = "✅" if report.passed else "❌"
        lines = [
            f"### {icon} conflictschema: `{report.source}` is {verdict(report)}",
            "",
            f"{report.errors} error(s), {report.warnings} warning(s).",
            "",
        ]
        counts = report.counts_by_file
        if counts:
            lines += ["| file | severity | code | count |", "| --- | --- | --- | ---: |"]
            lines += [
                f"| `{file}` | {code.severity} | `{code}` | {n} |"
                for (file, code), n in sorted(
                    counts.items(),
                    key=lambda item: (item[0][0], item[0][1].severity, item[0][1].value),
                )
            ]
            lines.append("")
        return printable("\n".join(lines)) + "\n"
