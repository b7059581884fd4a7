"""Validation: every problem in a dataset as a located, coded finding."""

from conflictschema.findingcodes import Severity
from conflictschema.findings import Finding, Report
from conflictschema.validation.runner import datasets_touched, validate

__all__ = ["Finding", "Report", "Severity", "datasets_touched", "validate"]
