"""convert(SRC, DST): any serialisation in, the one DST names out, in the normal form.

The checked tables go straight to the writers (``conflictschema.io.tables``): no
object per row, the JSON written as a stream, so converting a million incidents takes
seconds and memory for the tables only. Every file is written beside its target and
moved into place, so a failed conversion leaves no half-written file.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from conflictschema.errors import ConflictSchemaError
from conflictschema.files import atomic_write_dir
from conflictschema.io.tables import sorted_tables, write_tables
from conflictschema.models.dataset import DatasetMetadata
from conflictschema.validation.reader import read_tables

#: What a destination may be, said once for every refusal.
DESTINATIONS = (
    "a .json file (one dataset document), a .jsonl file (one incident per line), or a new "
    "directory for a CSV data package"
)
#: A suffix of letters names a file format; ``pkg-1.0.0`` is still a directory.
_FILE_SUFFIX = re.compile(r"^\.[A-Za-z]+$")


class ConvertError(ConflictSchemaError, ValueError):
    """The destination cannot be written: it exists, names another format, or is not writable."""


def check_destination(destination: Path) -> None:
    """Refuse a destination that would overwrite anything or that names another format."""
    suffix = destination.suffix
    if suffix not in (".json", ".jsonl") and _FILE_SUFFIX.match(suffix):
        raise ConvertError(f"{destination}: cannot write a {suffix} file; write {DESTINATIONS}")
    if destination.is_symlink() or destination.is_file():
        raise ConvertError(
            f"{destination} exists; convert never overwrites a file, choose a new name"
        )
    if destination.is_dir() and any(destination.iterdir()):
        raise ConvertError(
            f"{destination} is a directory that is not empty; convert writes a package only into a new or empty one"
        )


def convert(source: str | os.PathLike[str], destination: str | os.PathLike[str]) -> Path:
    """Read ``source`` (any input ``read`` takes) and write it where ``destination`` says:
    a ``.json`` document, a ``.jsonl`` file, or else a CSV data package directory.

    Nothing is ever overwritten: not the input, not any existing file. A package is
    written into a hidden folder beside the destination and moved into place whole.

    Raises
    ------
    ConvertError
        The destination exists (and is not an empty directory), names another file
        format, or cannot be written; nothing is written then.
    ReadError
        When ``source`` has an error; nothing is written then.
    """
    target = Path(destination)
    check_destination(target)
    metadata, typed = read_tables(source)
    meta = DatasetMetadata.model_validate(metadata)
    tables = sorted_tables(typed)
    check_destination(target)  # again: reading a large dataset takes a while
    try:
        if target.suffix in (".json", ".jsonl"):
            return write_tables(meta, tables, target)
        atomic_write_dir(target, lambda folder: write_tables(meta, tables, folder))
    except OSError as exc:
        raise ConvertError(
            f"cannot write {exc.filename or target}: {exc.strerror or exc}; nothing was written"
        ) from None
    return target
