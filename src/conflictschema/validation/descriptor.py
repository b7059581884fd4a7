"""Reading a data package descriptor: its metadata and where each table's CSV lies.

Every problem becomes a finding on ``datapackage.json``; a resource path that leaves
the package directory (``..``, an absolute path, a link pointing out) is refused, so
a hostile descriptor cannot make the validator read files elsewhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from conflictschema.files import MAX_FILE_BYTES
from conflictschema.findingcodes import Code
from conflictschema.findings import Finding
from conflictschema.io.csv_package import DESCRIPTOR
from conflictschema.models.columns import TABLE_MODELS
from conflictschema.models.dataset import DatasetMetadata

#: A descriptor larger than this is not a descriptor: refuse it before reading.
MAX_DESCRIPTOR_BYTES = 16 * 1024**2


def resolve_package(path: Path) -> tuple[Path, Path]:
    """(package root, descriptor path) for a package directory or its datapackage.json."""
    descriptor = path / DESCRIPTOR if path.is_dir() else path
    return descriptor.parent, descriptor


def _problem(code: Code, message: str, field: str | None = None, row: int | None = None) -> Finding:
    return Finding(code=code, message=message, file=DESCRIPTOR, field=field, row=row)


def read_descriptor(descriptor: Path) -> dict[str, Any] | Finding:
    """The descriptor as a JSON object, or the finding that says why it is not one."""
    try:
        size = descriptor.stat().st_size
        if size > min(MAX_DESCRIPTOR_BYTES, MAX_FILE_BYTES):
            return _problem(
                Code.FILE_TOO_LARGE,
                f"the descriptor is {size} bytes, more than the {MAX_DESCRIPTOR_BYTES} accepted",
            )
        raw = descriptor.read_bytes()
    except OSError as exc:
        return _problem(Code.MISSING_FILE, f"cannot be read: {exc.strerror or exc}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _problem(Code.ENCODING_ERROR, f"not UTF-8: byte offset {exc.start}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return _problem(
            Code.JSON_ERROR,
            f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
            row=exc.lineno,
        )
    except RecursionError:
        return _problem(Code.JSON_ERROR, "not valid JSON: nested too deeply")
    if not isinstance(data, dict):
        return _problem(Code.JSON_ERROR, "a datapackage.json must hold a JSON object")
    return data


def metadata_from_descriptor(data: dict[str, Any]) -> dict[str, Any]:
    """The dataset metadata a descriptor carries, in the models' field names."""
    meta = {
        k: data[k] for k in DatasetMetadata.model_fields if k in data and k != "standard_version"
    }
    standard = data.get("conflictschema", {})
    if isinstance(standard, dict) and "standard_version" in standard:
        meta["standard_version"] = standard["standard_version"]
    return meta


def resource_paths(
    root: Path, data: dict[str, Any], tables: Iterable[str] = TABLE_MODELS
) -> dict[str, Path] | Finding:
    """Where each of ``tables`` (the declared standard's) lies, or the finding that says
    why it cannot be told."""
    tables = list(tables)
    found: dict[str, Path] = {}
    resources = data.get("resources")
    if not isinstance(resources, list):
        return _problem(Code.JSON_ERROR, "'resources' must be a list of tables", "resources")
    for resource in resources:
        if not isinstance(resource, dict) or resource.get("name") not in tables:
            continue
        rel = resource.get("path")
        if not isinstance(rel, str) or rel.startswith("/") or ".." in Path(rel).parts:
            return _problem(
                Code.MISSING_FILE,
                f"resource {resource['name']!r} has an unsafe or missing path {rel!r}; use a relative path inside the package",
                "resources",
            )
        target = (root / rel).resolve()
        if not target.is_relative_to(root.resolve()):
            return _problem(
                Code.MISSING_FILE,
                f"resource {resource['name']!r} path {rel!r} points outside the package (through a link)",
                "resources",
            )
        found[resource["name"]] = root / rel
    missing = [t for t in tables if t not in found]
    if missing:
        return _problem(
            Code.MISSING_FILE,
            f"no resource for table(s) {', '.join(missing)}; a package lists all of {', '.join(tables)}",
            "resources",
        )
    return found
