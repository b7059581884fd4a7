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


def zip_name(name: str, version: str | Version) -> str:
    """The file name of a published version's zip, beside its folder."""
    return f"{name}-{version}.zip"


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


def _recorded(out: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """(dataset, version) -> the entry the current index.json lists, if it can be read."""
    try:
        index = json.loads((out / INDEX_NAME).read_text(encoding="utf-8"))
        return {
            (name, str(entry["version"])): entry
            for name, dataset in index["datasets"].items()
            for entry in dataset["versions"]
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def rebuild_index(out: Path, *, verify: bool = True) -> list[str]:
    """Rebuild index.json from the versions published under ``out``; sorted, written
    atomically. Returns the problems found.

    A zip's sha256 is the one the index already records for it when the size agrees
    and ``verify`` is off (a release does not re-read every earlier zip). With
    ``verify``, each zip is hashed; one that no longer matches its recorded hash is a
    problem, and the index keeps the recorded hash, so downloads refuse the changed zip
    instead of the index blessing it.
    """
    recorded = _recorded(out)
    problems: list[str] = []
    datasets: dict[str, Any] = {}
    for base in sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")):
        versions = []
        for version in published_versions(base):
            zip_path = base / zip_name(base.name, version)
            if not zip_path.exists():
                continue
            size = zip_path.stat().st_size
            known = recorded.get((base.name, str(version)), {})
            digest = known.get("sha256") if known.get("bytes") == size else None
            if verify or not isinstance(digest, str):
                actual = sha256_file(zip_path)
                if isinstance(known.get("sha256"), str) and known["sha256"] != actual:
                    problems.append(
                        f"{base.name} {version}: {zip_path.name} has sha256 {actual}, but the index published {known['sha256']}; the index keeps the published hash"
                    )
                    digest, size = known["sha256"], int(known.get("bytes", size))
                else:
                    digest = actual
            try:
                descriptor = json.loads(
                    (base / str(version) / "datapackage.json").read_text(encoding="utf-8")
                )
                assert isinstance(descriptor, dict)
            except (ValueError, AssertionError):
                problems.append(f"{base.name} {version}: datapackage.json is not a JSON object")
                descriptor = {}
            versions.append(
                {
                    "version": str(version),
                    "url": f"{base.name}/{zip_path.name}",
                    "bytes": size,
                    "sha256": digest,
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
    return problems
