"""Validation: every problem in a dataset as a located, coded finding."""

from conflictschema.validate.findings import Finding, Report, Severity
from conflictschema.validate.runner import validate

__all__ = ["Finding", "Report", "Severity", "validate"]
