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
    incidents = sorted(dataset.incidents, key=lambda i: i.id)
    return {
        "incidents": [i.incident() for i in incidents],
        "targets": sorted((t for i in incidents for t in i.flat_targets()), key=lambda t: t.id),
        "claims": sorted((c for i in incidents for c in i.flat_claims()), key=lambda c: c.id),
        "sources": sorted(dataset.sources, key=lambda s: s.id),
        "actors": sorted(dataset.actors, key=lambda a: a.id),
    }
