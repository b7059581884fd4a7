"""Validation: every problem in a dataset as a located, coded finding."""

from conflictschema.validation.findings import Finding, Report, Severity
from conflictschema.validation.runner import datasets_touched, validate

__all__ = ["Finding", "Report", "Severity", "datasets_touched", "validate"]
