"""Release archives: unpacking a zip safely, then checking every file against its SHA256SUMS.

A member with an absolute path, a ``..`` part, a link, or a size past the limits is
refused before anything is written; the files land in a staging folder that is moved
into place only when every checksum matches.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from conflictschema.errors import ConflictSchemaError
from conflictschema.hashing import parse_manifest, sha256_file

MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 8 * 1024**3
MAX_RATIO = 200  # uncompressed / compressed: more is a zip bomb


class UnsafeArchiveError(ConflictSchemaError, ValueError):
    """A zip would write outside its folder, holds links, or is too large to unpack."""


class ChecksumError(ConflictSchemaError, ValueError):
    """A file does not match the checksum published for it."""


def check_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The archive's members, if every one is safe to write; else UnsafeArchiveError."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise UnsafeArchiveError(f"the archive has {len(members)} members, more than {MAX_MEMBERS}")
    total = 0
    for info in members:
        name = PurePosixPath(info.filename)
        if (
            info.filename.startswith(("/", "\\"))
            or name.is_absolute()
            or ".." in name.parts
            or ":" in info.filename
            or "\\" in info.filename
        ):
            raise UnsafeArchiveError(
                f"refused: member {info.filename!r} would be written outside the target folder"
            )
        if stat.S_ISLNK(info.external_attr >> 16):
            raise UnsafeArchiveError(f"refused: member {info.filename!r} is a symbolic link")
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise UnsafeArchiveError(
                f"refused: member {info.filename!r} expands {info.file_size / info.compress_size:.0f} times"
            )
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise UnsafeArchiveError(
            f"refused: the archive unpacks to {total} bytes, more than {MAX_TOTAL_BYTES}"
        )
    return members


def safe_extract(zip_path: Path, target: Path) -> Path:
    """Unpack ``zip_path`` so that ``target`` holds the release's single top folder's files.

    Verifies every file listed in the release's SHA256SUMS (and that every file is listed)
    before ``target`` appears; returns ``target``.
    """
    staging = Path(tempfile.mkdtemp(prefix=".extract-", dir=target.parent))
    try:
        with zipfile.ZipFile(zip_path) as archive:
            members = check_members(archive)
            tops = {PurePosixPath(m.filename).parts[0] for m in members}
            if len(tops) != 1:
                raise UnsafeArchiveError(
                    f"a release zip holds one top folder, this one holds {sorted(tops)}"
                )
            for info in members:
                if info.is_dir():
                    continue
                destination = staging.joinpath(*PurePosixPath(info.filename).parts[1:])
                destination.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as source, destination.open("wb") as sink:
                    shutil.copyfileobj(source, sink, 1 << 20)
        verify_tree(staging)
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    except zipfile.BadZipFile as exc:
        raise UnsafeArchiveError(f"{zip_path.name} is not a readable zip ({exc})") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def verify_tree(root: Path) -> None:
    """Every file under ``root`` matches SHA256SUMS, and SHA256SUMS lists every file."""
    sums_path = root / "SHA256SUMS"
    if not sums_path.exists():
        raise ChecksumError("the release has no SHA256SUMS")
    expected = parse_manifest(sums_path.read_text(encoding="utf-8"))
    present = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} - {
        "SHA256SUMS"
    }
    if present != set(expected):
        raise ChecksumError(
            f"SHA256SUMS and the files differ: unlisted {sorted(present - set(expected))}, missing {sorted(set(expected) - present)}"
        )
    for name, digest in expected.items():
        actual = sha256_file(root / name)
        if actual != digest:
            raise ChecksumError(f"{name}: sha256 is {actual}, SHA256SUMS says {digest}")
