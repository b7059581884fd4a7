"""load(path): any supported input, as tables ready for the checks."""

from __future__ import annotations

import os
from pathlib import Path

from conflictschema.findingcodes import Code
from conflictschema.findings import FindingLog
from conflictschema.io.csv_package import DESCRIPTOR
from conflictschema.validation.json_tables import load_json, load_jsonl
from conflictschema.validation.tables import Loaded, finding, load_package, load_single_csv

#: How deep below a folder to look for the datasets it holds.
SEARCH_DEPTH = 4


def packages_below(folder: Path) -> list[str]:
    """The data packages (folders with a datapackage.json) below ``folder``, as paths
    relative to it, sorted; hidden folders are skipped."""
    found = []
    for root, dirs, files in os.walk(folder):
        depth = len(Path(root).relative_to(folder).parts)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and depth < SEARCH_DEPTH)
        if DESCRIPTOR in files and depth > 0:
            found.append(Path(root).relative_to(folder).as_posix())
            dirs[:] = []  # a package's own folders hold no other package
    return sorted(found)


def load(path: Path, log: FindingLog) -> Loaded:
    """Load any supported input; a Loaded with ``readable=False`` when nothing can be checked.

    Findings go to ``log``, which keeps a bounded number per code.
    """
    if path.is_dir() or path.name == DESCRIPTOR:
        if path.is_dir() and not (path / DESCRIPTOR).exists():
            loaded = Loaded(root=path, readable=False, findings=log)
            found = packages_below(path)
            listed = ", ".join(found[:10]) + (
                f" and {len(found) - 10} more" if len(found) > 10 else ""
            )
            loaded.findings.append(
                finding(
                    Code.MISSING_FILE,
                    DESCRIPTOR,
                    f"directory has no {DESCRIPTOR}; a CSV dataset is a data package"
                    + (
                        f". It holds these datasets, validate each by name: {listed}"
                        if found
                        else ""
                    ),
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
