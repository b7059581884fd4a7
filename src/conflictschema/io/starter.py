"""init(): an empty, valid data package to fill, so a keeper starts from the standard's
own headers rather than from a copy of someone else's data."""

from __future__ import annotations

import os
import re
from pathlib import Path

from conflictschema.errors import ConflictSchemaError
from conflictschema.files import atomic_write_dir, new_or_empty
from conflictschema.io import write
from conflictschema.models.dataset import DATASET_NAME_PATTERN, Dataset

#: The licence a new package starts with until its keeper chooses: the one most open
#: data of this kind is published under.
DEFAULT_LICENSE = "CC-BY-4.0"
LICENSE_TITLES = {"CC-BY-4.0": "Creative Commons Attribution 4.0 International"}
LICENSE_PATHS = {"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/"}


class InitError(ConflictSchemaError, ValueError):
    """The package cannot be started there: the folder holds files, or the name is not one."""


def name_from(folder: Path) -> str:
    """A dataset name from a folder's name: lower case, other characters made '-'.

    >>> name_from(Path("My Incidents (2024)"))
    'my-incidents-2024'
    """
    slug = re.sub(r"[^a-z0-9._-]+", "-", folder.name.lower()).strip("-._")
    return slug[:100]


def init(
    path: str | os.PathLike[str],
    *,
    name: str | None = None,
    title: str | None = None,
    license: str = DEFAULT_LICENSE,
) -> Path:
    """Write an empty data package at ``path``: ``datapackage.json`` with the metadata,
    and each table's CSV with its header only. It validates as it stands.

    Raises
    ------
    InitError
        ``path`` exists and is not an empty folder, or the name is not a dataset name.
    """
    target = Path(path)
    if not new_or_empty(target):
        raise InitError(f"{target} exists and is not an empty folder; choose a new one")
    chosen = name if name is not None else name_from(target.resolve())
    if not re.fullmatch(DATASET_NAME_PATTERN, chosen):
        raise InitError(
            f"{chosen!r} is not a dataset name (lower-case letters, digits, '.', '_' and '-'); give one with --name"
        )
    dataset = Dataset.model_validate(
        {
            "name": chosen,
            "title": title or chosen,
            "version": "0.1.0",
            "licenses": [
                {
                    "name": license,
                    **({"title": LICENSE_TITLES[license]} if license in LICENSE_TITLES else {}),
                    **({"path": LICENSE_PATHS[license]} if license in LICENSE_PATHS else {}),
                }
            ],
            "incidents": [],
            "actors": [],
            "sources": [],
        }
    )
    try:
        atomic_write_dir(target, lambda folder: write(dataset, folder))
    except OSError as exc:
        raise InitError(f"cannot write {exc.filename or target}: {exc.strerror or exc}") from None
    return target
