"""GitHub workflow commands: each finding becomes an annotation on the file and line."""

from __future__ import annotations

from conflictschema.findings import Finding, Report
from conflictschema.report.base import Reporter, printable, summary_line


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """``::error file=F,line=N,title=CODE::message``, one line per finding, then a summary."""

    def annotation(self, report: Report, finding: Finding) -> str:
        properties = [f"file={_escape_property(report.path_of(finding))}"]
        if finding.row is not None:
            properties.append(f"line={finding.row}")
        properties.append(f"title={_escape_property(finding.code)}")
        where = f"{finding.field}: " if finding.field else ""
        value = f" (value: {finding.value!r})" if finding.value is not None else ""
        command = "notice" if finding.severity == "info" else finding.severity
        return (
            f"::{command} {','.join(properties)}::{_escape_data(where + finding.message + value)}"
        )

    def render(self, report: Report) -> str:
        findings = (
            report.findings if self.max_findings is None else report.findings[: self.max_findings]
        )
        lines = [self.annotation(report, f) for f in findings]
        if report.valid and not report.passed:  # only warnings, which --strict makes fail
            lines.append(
                f"::error title=strict::{_escape_data(report.source)}: {report.warnings} warning(s) fail under --strict"
            )
        lines.append(summary_line(report))
        return printable("\n".join(lines)) + "\n"
