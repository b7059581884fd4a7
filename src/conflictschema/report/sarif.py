"""SARIF 2.1.0 for code-scanning: one rule per finding code, one result per finding."""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

from conflictschema.findings import Finding, Report
from conflictschema.report.base import Reporter
from conflictschema.version import __version__

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


class SarifReporter(Reporter):
    def render(self, report: Report) -> str:
        findings = (
            report.findings if self.max_findings is None else report.findings[: self.max_findings]
        )
        codes = sorted({f.code for f in findings})
        index = {code: n for n, code in enumerate(codes)}
        rules = [
            {
                "id": code,
                "name": code,
                "shortDescription": {"text": code.info.meaning},
                "help": {"text": code.info.fix},
                "defaultConfiguration": {"level": _level(code.severity)},
            }
            for code in codes
        ]
        document = {
            "version": "2.1.0",
            "$schema": SARIF_SCHEMA,
            "runs": [
                {
                    "tool": {
                        "driver": {"name": "conflictschema", "version": __version__, "rules": rules}
                    },
                    "results": [self._result(report, f, index[f.code]) for f in findings],
                    "properties": {
                        "valid": report.valid,
                        "passed": report.passed,
                        "strict": report.strict,
                    },
                }
            ],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

    @staticmethod
    def _result(report: Report, finding: Finding, rule_index: int) -> dict[str, Any]:
        uri = urllib.parse.quote(report.path_of(finding))  # SARIF URIs are RFC 3986
        location: dict[str, Any] = {"artifactLocation": {"uri": uri}}
        if finding.row is not None:
            location["region"] = {"startLine": finding.row}
        text = f"{finding.field}: {finding.message}" if finding.field else finding.message
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": rule_index,
            "level": _level(finding.severity),
            "message": {"text": text},
            "locations": [{"physicalLocation": location}],
        }
        if finding.value is not None:
            result["properties"] = {"value": finding.value, "field": finding.field}
        return result


def _level(severity: str) -> str:
    """SARIF's level for a severity: an information note is a ``note``."""
    return "note" if severity == "info" else severity
