"""OUT/index.json: every published dataset version, with its zip's URL, size and sha256."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conflictschema.files import atomic_write_text
from conflictschema.hashing import sha256_file
from conflictschema.semver import Version, VersionError

INDEX_NAME = "index.json"
INDEX_FORMAT = 1


def published_versions(base: Path) -> list[Version]:
    """Versions with a published directory under ``OUT/<name>``, oldest first."""
    found = []
    for child in base.iterdir() if base.is_dir() else []:
        if (
            child.is_dir()
            and not child.name.startswith(".")
            and (child / "datapackage.json").exists()
        ):
            try:
                found.append(Version.parse(child.name))
            except VersionError:
                continue
    return sorted(found)


def rebuild_index(out: Path) -> dict[str, Any]:
    """Rebuild index.json from the versions published under ``out``; sorted, written atomically."""
    datasets: dict[str, Any] = {}
    for base in sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")):
        versions = []
        for version in published_versions(base):
            zip_path = base / f"{base.name}-{version}.zip"
            if not zip_path.exists():
                continue
            descriptor = json.loads(
                (base / str(version) / "datapackage.json").read_text(encoding="utf-8")
            )
            versions.append(
                {
                    "version": str(version),
                    "url": f"{base.name}/{zip_path.name}",
                    "bytes": zip_path.stat().st_size,
                    "sha256": sha256_file(zip_path),
                    "standard_version": descriptor.get("conflictschema", {}).get(
                        "standard_version"
                    ),
                    "date": (descriptor.get("created") or "")[:10] or None,
                }
            )
        if versions:
            datasets[base.name] = {"versions": versions}
    index = {"format": INDEX_FORMAT, "datasets": datasets}
    atomic_write_text(out / INDEX_NAME, json.dumps(index, indent=2) + "\n")
    return index
