"""Deterministic zip archives: the same files always give the same bytes.

Members are sorted, stamped with a fixed time (1980-01-01, the earliest a zip can
hold), given fixed permissions and compressed at a fixed level, so a release rebuilt
on another day or machine has the same sha256. Files are copied in blocks, so a large
release never sits in memory whole.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Mapping
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def write_zip(path: Path, members: Mapping[str, Path]) -> None:
    """Write ``members`` (archive name -> file on disk) into a reproducible zip at ``path``."""
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(members):
            source = members[name]
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the building machine is
            info.file_size = source.stat().st_size
            _set_level(info, 9)
            with source.open("rb") as data, archive.open(info, "w") as member:
                shutil.copyfileobj(data, member, 1 << 20)


def _set_level(info: zipfile.ZipInfo, level: int) -> None:
    """The deflate level of one member (``compress_level`` from Python 3.13 on)."""
    if hasattr(info, "compress_level"):
        info.compress_level = level
    else:
        info._compresslevel = level  # type: ignore[attr-defined]
