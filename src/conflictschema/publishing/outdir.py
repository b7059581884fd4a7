"""The release folder as a whole: one writer at a time, and every derived file rebuilt
from what is published on disk.

A release folder ``OUT`` holds one folder per dataset, each with its published version
folders, their zips and a ``CHANGELOG.md``, and ``OUT/index.json`` over all of them.
The version folders and zips are the truth; the changelogs and the index are derived
from them, so a run interrupted at any point is repaired by rebuilding those from disk
(:func:`repair`, which every release also does before and after its own work).

Writers are serialised by an OS file lock on ``OUT/.release.lock`` (filelock's
``flock``): the kernel drops it when its process dies, so a killed release never leaves
the folder locked.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from conflictschema.archive import ChecksumError, verify_tree
from conflictschema.errors import ConflictSchemaError
from conflictschema.files import atomic_write_text, file_lock
from conflictschema.publishing.bundle import write_zip
from conflictschema.publishing.changelog import render_changelog
from conflictschema.publishing.index import (
    INDEX_NAME,
    published_versions,
    rebuild_index,
    zip_name,
)

LOCK_NAME = ".release.lock"
STAGING_PREFIX = ".staging-"
#: How long a release waits for another one on the same folder before giving up.
LOCK_TIMEOUT_SECONDS = 600.0
#: Dataset names that would collide with the folder's own files.
RESERVED_NAMES = frozenset({INDEX_NAME})


class ReleaseError(ConflictSchemaError):
    """The release was refused; nothing was written."""


class ReleaseExistsError(ReleaseError, FileExistsError):
    """The version is already published; published versions are never overwritten."""


class ReleaseFolderError(ReleaseError):
    """The release folder cannot be written (busy, read-only, full); what is published stays."""


@contextlib.contextmanager
def locked(out: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold the release folder's lock for the block; wait up to ``timeout`` seconds."""

    def busy() -> ReleaseFolderError:
        return ReleaseFolderError(
            f"another release is writing to {out} (it holds {out / LOCK_NAME}); waited {timeout:g} s"
        )

    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(file_lock(out / LOCK_NAME, timeout, busy))
        except OSError as exc:  # only acquiring maps to this error, not the block's own
            raise ReleaseFolderError(f"cannot write to {out}: {exc.strerror or exc}") from None
        yield


def clear_interrupted(base: Path) -> list[str]:
    """Remove what an interrupted release left in a dataset's folder: staging folders,
    and zips of versions that never got their folder. Call only under :func:`locked`."""
    removed: list[str] = []
    if not base.is_dir():
        return removed
    published = {str(v) for v in published_versions(base)}
    for child in sorted(base.iterdir()):
        if child.name.startswith(STAGING_PREFIX) and child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
            removed.append(child.name)
        elif child.name.startswith(f".{base.name}-") and child.name.endswith(".zip.part"):
            child.unlink(missing_ok=True)
            removed.append(child.name)
        elif (
            child.suffix == ".zip"
            and child.name.startswith(f"{base.name}-")
            and child.name[len(base.name) + 1 : -len(".zip")] not in published
        ):
            child.unlink()
            removed.append(child.name)
    return removed


def release_zip_members(name: str, version: str, folder: Path) -> dict[str, Path]:
    """The zip's members (``<name>-<version>/<file>``) for a version folder's files, sorted."""
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    return {f"{name}-{version}/{file}": folder / file for file in files}


def place_new_file(staged: Path, target: Path) -> None:
    """Move ``staged`` to ``target``, failing if ``target`` exists: a hard link cannot
    replace a file, so even a writer that ignores the lock cannot overwrite a release."""
    try:
        os.link(staged, target)
    except FileExistsError:
        raise ReleaseExistsError(f"{target} already exists; it is never replaced") from None
    except OSError:  # a file system without hard links: the lock alone protects the check
        if target.exists():
            raise ReleaseExistsError(f"{target} already exists; it is never replaced") from None
        os.replace(staged, target)
        return
    staged.unlink()


def place_new_folder(staged: Path, target: Path) -> None:
    """Move the folder ``staged`` to ``target``, failing if anything is there already."""
    if target.exists() or target.is_symlink():
        raise ReleaseExistsError(f"{target} already exists; it is never replaced")
    os.rename(staged, target)


@dataclass
class RepairReport:
    """What :func:`repair` found and did."""

    #: dataset -> its published versions, as now listed in index.json.
    published: dict[str, list[str]] = field(default_factory=dict)
    #: Leftovers of interrupted releases that were removed.
    removed: list[str] = field(default_factory=list)
    #: Zips rebuilt, byte for byte, from version folders that verify.
    rebuilt: list[str] = field(default_factory=list)
    #: Published files that fail their checksums: never rewritten, only reported.
    problems: list[str] = field(default_factory=list)


def rebuild_derived(out: Path, *, verify: bool = False) -> RepairReport:
    """Clear leftovers, restore missing zips, and rewrite every changelog and the index
    from the version folders on disk. Call only under :func:`locked`.

    With ``verify`` every published file is hashed and checked, as :func:`repair` does;
    without, a zip the index already lists at its size keeps its recorded sha256, so a
    release does not re-read every earlier version.
    """
    report = RepairReport()
    datasets = (
        sorted(p for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))
        if out.is_dir()
        else []
    )
    for base in datasets:
        report.removed += [f"{base.name}/{name}" for name in clear_interrupted(base)]
        versions = published_versions(base)
        for version in versions:
            folder = base / str(version)
            zip_path = base / zip_name(base.name, version)
            if not (verify or not zip_path.exists()):
                continue
            try:
                verify_tree(folder)
            except ChecksumError as exc:
                report.problems.append(f"{base.name} {version}: {exc}")
                continue
            if not zip_path.exists():
                staged = base / f".{zip_path.name}.part"
                write_zip(staged, release_zip_members(base.name, str(version), folder))
                place_new_file(staged, zip_path)
                report.rebuilt.append(f"{base.name}/{zip_path.name}")
        if versions:
            atomic_write_text(base / "CHANGELOG.md", render_changelog(base, versions))
            report.published[base.name] = [str(v) for v in versions]
    report.problems += rebuild_index(out, verify=verify)
    return report


def repair(
    out: str | os.PathLike[str], *, lock_timeout: float = LOCK_TIMEOUT_SECONDS
) -> RepairReport:
    """Bring a release folder back to a consistent state after an interruption.

    Removes staging folders and stray zips, rebuilds a missing zip from a version
    folder that verifies against its SHA256SUMS (the zip is reproducible, so the bytes
    are the published ones), and rewrites each dataset's CHANGELOG.md and the index
    from the version folders. Published files are never changed; those that fail their
    checksums are reported in ``problems``.

    Raises
    ------
    ReleaseFolderError
        ``out`` is not a folder, or cannot be written or locked.
    """
    folder = Path(out)
    if not folder.is_dir():
        raise ReleaseFolderError(f"{folder} is not a release folder (no such directory)")
    with locked(folder, lock_timeout):
        try:
            return rebuild_derived(folder, verify=True)
        except OSError as exc:
            raise ReleaseFolderError(
                f"cannot repair {folder}: {exc.strerror or exc} ({exc.filename or folder})"
            ) from None
