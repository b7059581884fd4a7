"""Reporters, looked up by name: the CLI's --format choices come from REPORTER_BY_NAME."""

from conflictschema.report.base import Reporter
from conflictschema.report.github import GithubReporter
from conflictschema.report.json_ import JsonReporter
from conflictschema.report.markdown import MarkdownReporter
from conflictschema.report.sarif import SarifReporter
from conflictschema.report.text import TextReporter

REPORTER_BY_NAME: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
    "sarif": SarifReporter,
    "markdown": MarkdownReporter,
}

__all__ = [
    "REPORTER_BY_NAME",
    "GithubReporter",
    "JsonReporter",
    "MarkdownReporter",
    "Reporter",
    "SarifReporter",
    "TextReporter",
]
