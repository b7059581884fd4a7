"""Reading and writing datasets in every serialisation of the standard.

``read`` and ``write`` pick the format from the path, so the CLI's ``convert`` and
a Python user do the same thing with one call each.
"""

from __future__ import annotations

import os
from pathlib import Path

from conflictschema.errors import Problem, ReadError
from conflictschema.io.csv_package import DESCRIPTOR, read_package, write_package
from conflictschema.io.json_ import read_json, read_jsonl, write_json, write_jsonl
from conflictschema.models.dataset import Dataset

__all__ = [
    "read",
    "read_json",
    "read_jsonl",
    "read_package",
    "write",
    "write_json",
    "write_jsonl",
    "write_package",
]


def read(path: str | os.PathLike[str]) -> Dataset:
    """Read a dataset from a CSV package directory, its datapackage.json, a dataset JSON
    document or a JSONL file of nested incidents.

    Raises
    ------
    ReadError
        When the input is missing, unreadable or breaks a rule of the standard; its
        ``problems`` name the file, row and field of each.
    """
    source = Path(path)
    if source.is_dir() or source.name == DESCRIPTOR:
        if source.is_dir() and not (source / DESCRIPTOR).exists():
            raise ReadError(
                Problem(
                    str(source),
                    f"directory has no {DESCRIPTOR}; a CSV dataset is a data package",
                    code="missing-file",
                )
            )
        return read_package(source)
    if source.suffix == ".jsonl":
        return read_jsonl(source)
    if source.suffix == ".json":
        return read_json(source)
    if not source.exists():
        raise ReadError(Problem(str(source), "no such file or directory", code="missing-file"))
    raise ReadError(
        Problem(
            str(source),
            "unknown input: give a data package directory, a datapackage.json, a .json dataset document or a .jsonl file",
            code="unknown-format",
        )
    )


def write(dataset: Dataset, path: str | os.PathLike[str]) -> Path:
    """Write ``dataset`` in the format ``path`` names: ``.json``, ``.jsonl``, else a CSV package directory."""
    target = Path(path)
    if target.suffix == ".json":
        write_json(dataset, target)
    elif target.suffix == ".jsonl":
        write_jsonl(dataset, target)
    else:
        write_package(dataset, target)
    return target
