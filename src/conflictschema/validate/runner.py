"""validate(path) -> Report: read the input and turn every problem into a finding.

This first version reports what the models and readers find: structure (encoding,
CSV, header, cell types), record rules and the rules across records.
"""

from __future__ import annotations

import os
from pathlib import Path

from conflictschema.errors import Problem, ReadError
from conflictschema.io import read
from conflictschema.models.rules import RULES
from conflictschema.validate.findings import Finding, Report
from conflictschema.validate.structure import stable_code

#: Reader problems after which nothing else in the input can be checked.
UNREADABLE_CODES = frozenset({"missing-file", "unknown-format", "file-too-large"})


def _relative(file: str, root: Path) -> str:
    try:
        return Path(file).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(file).name


def finding_from_problem(problem: Problem, root: Path) -> Finding:
    code = stable_code(problem.code)
    rule = RULES.get(code)
    return Finding(
        code=code if rule else "invalid",
        severity=rule.severity if rule else "error",
        message=problem.message,
        file=_relative(problem.file, root),
        row=problem.row,
        field=problem.field,
        value=problem.value,
    )


def validate(path: str | os.PathLike[str], *, strict: bool = False) -> Report:
    """Validate a dataset and report every problem found.

    Parameters
    ----------
    path
        A CSV data package directory or its datapackage.json, a dataset JSON
        document, or a JSONL file of nested incidents.
    strict
        Count warnings as failures in :attr:`Report.passed`.

    Returns
    -------
    Report
        Never raises for bad data: unreadable input gives ``readable=False``.
    """
    source = Path(path)
    root = source if source.is_dir() else source.parent
    report = Report(source=str(path), strict=strict)
    try:
        read(source)
    except ReadError as exc:
        report.findings.extend(finding_from_problem(p, root) for p in exc.problems)
        report.readable = not any(p.code in UNREADABLE_CODES for p in exc.problems)
    return report
