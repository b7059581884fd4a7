"""The machine report: one stable JSON object, versioned by its ``version`` key."""

from __future__ import annotations

import json

from conflictschema.findings import Report
from conflictschema.report.base import Reporter

#: Bumped only when a key is removed or changes meaning; new keys may appear.
JSON_REPORT_VERSION = 1


class JsonReporter(Reporter):
    def render(self, report: Report) -> str:
        findings = (
            report.findings if self.max_findings is None else report.findings[: self.max_findings]
        )
        document = {
            "version": JSON_REPORT_VERSION,
            "source": report.source,
            "valid": report.valid,
            "passed": report.passed,
            "strict": report.strict,
            "readable": report.readable,
            "errors": report.errors,
            "warnings": report.warnings,
            "counts": dict(sorted(report.counts_by_code().items())),
            "not_listed": report.not_listed,
            "findings": [f.as_dict() for f in findings],
        }
        return json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n"
