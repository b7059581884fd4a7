"""upgrade(PATH): a dataset of an earlier standard, rewritten in the current one.

The data is read as every command reads it: checked by the rules of the version it
declares, then upgraded step by step (:mod:`conflictschema.models.history`). What
comes out is the same data in the current standard's normal form, and the result
says, step by step, what changed. Upgrading is deterministic and loses nothing: each
value of the old version has its place in the new one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from conflictschema.errors import ConflictSchemaError
from conflictschema.io.csv_package import DESCRIPTOR
from conflictschema.io.tables import sorted_tables, write_tables
from conflictschema.models.dataset import DatasetMetadata
from conflictschema.validation.reader import read_checked
from conflictschema.version import STANDARD_VERSION


@dataclass
class UpgradeResult:
    """What :func:`upgrade` did."""

    source: Path
    from_version: str
    to_version: str = STANDARD_VERSION
    #: What changed, one line per change, each starting ``FROM -> TO:``.
    changes: list[str] = field(default_factory=list)
    #: Where the upgraded dataset was written; None when nothing needed writing.
    written: Path | None = None

    @property
    def upgraded(self) -> bool:
        return bool(self.changes)


def upgrade(
    path: str | os.PathLike[str], out: str | os.PathLike[str] | None = None
) -> UpgradeResult:
    """Rewrite the dataset at ``path`` in the current standard.

    Parameters
    ----------
    path
        A data package (directory or datapackage.json) or a dataset ``.json``; a
        ``.jsonl`` needs ``out``, since its metadata lives in another file.
    out
        Where to write (``.json``, ``.jsonl`` or a package directory, as ``convert``
        takes). Without it the dataset is rewritten where it is, each file replaced
        whole (the descriptor last), and only when it declared an earlier standard.

    Raises
    ------
    ReadError
        When the data has an error by the rules of its own version; nothing is written.
    ConflictSchemaError
        For an in-place upgrade of a ``.jsonl`` file.
    """
    source = Path(path)
    checked = read_checked(source)
    result = UpgradeResult(
        source=source, from_version=checked.declared_standard, changes=checked.upgrade_notes
    )
    meta = DatasetMetadata.model_validate(checked.metadata)
    tables = sorted_tables(checked.typed)
    if out is not None:
        result.written = write_tables(meta, tables, Path(out))
        return result
    if not result.upgraded:
        return result
    if source.suffix == ".jsonl":
        raise ConflictSchemaError(
            "a .jsonl file keeps its metadata in the dataset beside it: give -o OUT "
            "(a package directory or a .json) to write the upgraded dataset"
        )
    if source.suffix == ".json" and source.name != DESCRIPTOR:
        result.written = write_tables(meta, tables, source)
        return result
    result.written = _replace_package(source if source.is_dir() else source.parent, meta, tables)
    return result


def _replace_package(root: Path, meta: DatasetMetadata, tables: dict) -> Path:  # type: ignore[type-arg]
    """Write the package beside ``root``, then move each file over its old self, the
    descriptor last, so a reader never sees a new descriptor over old tables."""
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}.upgrade-", dir=root.parent))
    try:
        write_tables(meta, tables, staging)
        files = sorted(
            (p for p in staging.rglob("*") if p.is_file()), key=lambda p: p.name == DESCRIPTOR
        )
        for file in files:
            target = root / file.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(file, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return root
