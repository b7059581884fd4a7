"""Deterministic zip archives: the same files always give the same bytes.

Members are sorted, stamped with a fixed time (1980-01-01, the earliest a zip can
hold), given fixed permissions and compressed at a fixed level, so a release rebuilt
on another day or machine has the same sha256.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def write_zip(path: Path, members: Mapping[str, bytes]) -> None:
    """Write ``members`` (archive name -> bytes) into a reproducible zip at ``path``."""
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the building machine is
            archive.writestr(
                info, members[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=9
            )
