"""load(path): any supported input, as tables ready for the checks."""

from __future__ import annotations

from pathlib import Path

from conflictschema.findingcodes import Code
from conflictschema.findings import FindingLog
from conflictschema.io.csv_package import DESCRIPTOR
from conflictschema.validation.json_tables import load_json, load_jsonl
from conflictschema.validation.tables import Loaded, finding, load_package, load_single_csv


def load(path: Path, log: FindingLog) -> Loaded:
    """Load any supported input; a Loaded with ``readable=False`` when nothing can be checked.

    Findings go to ``log``, which keeps a bounded number per code.
    """
    if path.is_dir() or path.name == DESCRIPTOR:
        if path.is_dir() and not (path / DESCRIPTOR).exists():
            loaded = Loaded(root=path, readable=False, findings=log)
            loaded.findings.append(
                finding(
                    Code.MISSING_FILE,
                    DESCRIPTOR,
                    f"directory has no {DESCRIPTOR}; a CSV dataset is a data package",
                )
            )
            return loaded
        return load_package(path, log)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return load_jsonl(path, log)
    if suffix == ".json":
        return load_json(path, log)
    if suffix == ".csv":
        return load_single_csv(path, log)
    loaded = Loaded(root=path.parent, readable=False, findings=log)
    exists = path.exists()
    loaded.findings.append(
        finding(
            Code.MISSING_FILE if not exists else Code.UNKNOWN_FORMAT,
            path.name,
            "no such file or directory"
            if not exists
            else "give a data package directory, a datapackage.json, a table .csv, a dataset .json or a .jsonl file",
        )
    )
    return loaded
