"""A dataset as flat tables: the rows of each CSV table, sorted by id.

Kept apart from :mod:`conflictschema.models.dataset` so that both the writers and the
frame conversions can use it without importing each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conflictschema.models.dataset import Dataset


def table_rows(dataset: Dataset) -> dict[str, list[Any]]:
    """Each table's rows as models, sorted by id."""
    from conflictschema.models.columns import CHILD_TABLES

    incidents = sorted(dataset.incidents, key=lambda i: i.id)
    return {
        "incidents": [i.incident() for i in incidents],
        **{
            table: sorted((row for i in incidents for row in i.flat(table)), key=lambda r: r.id)
            for table in CHILD_TABLES
        },
        "sources": sorted(dataset.sources, key=lambda s: s.id),
        "actors": sorted(dataset.actors, key=lambda a: a.id),
    }
