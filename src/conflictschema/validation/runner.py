"""validate(path) -> Report: load the input, then run the four layers in order.

1. structure: encoding, CSV syntax, header, ragged rows, types, required cells,
   code lists, patterns, lengths, ranges (checks/structure.py, tables.py);
2. record rules: the models' rules on every row (checks/records.py);
   data of an earlier standard is then held to that version's own changed rules and
   upgraded to the current standard (checks/versions.py);
3. across records: ids, references, attribution status, duplicates (checks/references.py);
4. plausibility warnings (checks/plausibility.py).

Each layer skips only what an earlier one could not read, so one run reports every
problem. The checks are vectorised with Polars; the Pydantic models are the
reference semantics, and the property tests hold the two to the same verdicts.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from pathlib import Path

from conflictschema.findings import FINDINGS_PER_CODE, Finding, FindingLog, Report
from conflictschema.validation.checks.metadata import check_metadata
from conflictschema.validation.checks.records import check_records
from conflictschema.validation.checks.references import check_references
from conflictschema.validation.checks.structure import check_cells
from conflictschema.validation.checks.versions import check_own_version_and_upgrade
from conflictschema.validation.context import CheckContext
from conflictschema.validation.json_tables import locate_in_documents
from conflictschema.validation.loading import load

_FILE_ORDER = {"datapackage.json": 0, "dataset.json": 0}


def _sort_key(finding: Finding) -> tuple[int, str, int, str, str]:
    return (
        _FILE_ORDER.get(finding.file, 1),
        finding.file,
        finding.row or 0,
        finding.field or "",
        finding.code,
    )


def validate(
    path: str | os.PathLike[str],
    *,
    strict: bool = False,
    today: dt.date | None = None,
    per_code: int | None = FINDINGS_PER_CODE,
) -> Report:
    """Validate a dataset and report every problem found.

    Parameters
    ----------
    path
        A CSV data package directory or its datapackage.json, one table's CSV (named
        after its table, or recognised by its header), a dataset JSON document, or a
        JSONL file of nested incidents (with the dataset.json or datapackage.json
        beside it supplying actors and sources).
    strict
        Count warnings as failures in :attr:`Report.passed`.
    today
        The date that "in the future" is measured against; the system date by default.
    per_code
        Keep at most this many findings of each code (None: all); the rest are counted
        in :attr:`Report.counts`, so memory stays bounded whatever the input holds.

    Returns
    -------
    Report
        Never raises for bad data: input that cannot be read at all gives a report
        with ``readable=False`` whose findings say why.
    """
    return run_checks(path, strict=strict, today=today, per_code=per_code)[0]


def run_checks(
    path: str | os.PathLike[str],
    *,
    strict: bool = False,
    today: dt.date | None = None,
    per_code: int | None = FINDINGS_PER_CODE,
    keep_values: bool = False,
    plausibility: bool = True,
) -> tuple[Report, CheckContext]:
    """The report, and the checked tables behind it (``ctx.typed``) for building records.

    ``keep_values`` keeps every column in the typed tables; ``plausibility=False``
    skips the warnings-only last layer (reading needs only the errors).
    """
    source = Path(path)
    loaded = load(source, FindingLog(per_code))
    root = source if source.is_dir() else source.parent
    report = Report(source=str(path), root=root.as_posix(), strict=strict, readable=loaded.readable)
    ctx = CheckContext(loaded=loaded, findings=loaded.findings, keep_values=keep_values)
    if loaded.readable:
        # the place index behind layer 4 loads NumPy and SciPy: only when layer 4 runs
        from conflictschema.validation.checks.plausibility import check_plausibility, prepare

        check_metadata(ctx)
        check_cells(ctx, on_typed=prepare if plausibility else None)
        check_own_version_and_upgrade(ctx)
        check_records(ctx)
        check_references(ctx)
        if plausibility:
            check_plausibility(ctx, today or dt.date.today())
    report.findings = sorted(locate_in_documents(ctx.findings.kept, root), key=_sort_key)
    report.counts = Counter(ctx.findings.counts)
    report.counts_by_file = Counter(ctx.findings.by_file)
    report.checked = sorted(t.file for t in loaded.tables.values())
    return report, ctx


#: How much of a standalone .json or .jsonl is read to tell whether it is a dataset.
SNIFF_BYTES = 64 * 1024
_DATASET_KEYS = re.compile(rb'"(standard_version|incidents)"\s*:')
_INCIDENT_KEYS = (re.compile(rb'"id"\s*:'), re.compile(rb'"date_start"\s*:'))


def declares_standard(path: Path) -> bool:
    """Whether a standalone document is a dataset: a ``.json`` whose opening names
    ``standard_version`` or ``incidents``, or a ``.jsonl`` whose first line is an
    incident. ``renovate.json`` and ``.vscode/settings.json`` are not."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    if path.suffix == ".json":
        return _DATASET_KEYS.search(head) is not None
    first = head.lstrip().split(b"\n", 1)[0]
    return all(key.search(first) for key in _INCIDENT_KEYS)


def datasets_touched(files: list[Path]) -> list[Path]:
    """The datasets that changed files belong to, each once, in order.

    A file inside a data package (a folder with datapackage.json, looked for upwards)
    stands for the package; a ``.json`` or ``.jsonl`` document that declares the
    standard (:func:`declares_standard`) stands for itself; other files are ignored,
    so a repository's other JSON files never fail a commit.
    """
    roots: dict[Path, None] = {}
    for file in files:
        path = Path(file).resolve()
        for folder in (path if path.is_dir() else path.parent, *path.parents):
            if (folder / "datapackage.json").exists():
                roots[folder] = None
                break
        else:
            if path.suffix in (".json", ".jsonl") and path.is_file() and declares_standard(path):
                roots[path] = None
    return list(roots)
