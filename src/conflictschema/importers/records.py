"""What an importer collects from a source's rows before it writes a package: incidents,
the actors and sources they share, and the rows it could not take, with reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conflictschema.importers.sourcefile import slug


@dataclass(frozen=True)
class Skip:
    """A source row that was not imported, and why."""

    line: int
    reason: str
    file: str = ""


@dataclass
class Collector:
    """Incidents by id, with the actors and sources they name, built row by row.

    An event met again (an actor-centric export lists an event once per actor) is
    merged: its participants are added to the first row's, nothing else changes.
    """

    prefix: str
    incidents: dict[str, dict[str, Any]] = field(default_factory=dict)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    imported: int = 0
    merged: int = 0

    def actor(self, name: str, kind: str) -> str:
        """The id of the actor called ``name``, added on first use with ``kind``."""
        actor_id = f"{self.prefix}-actor-{slug(name)}"
        self.actors.setdefault(actor_id, {"id": actor_id, "name": name[:500], "kind": kind})
        return actor_id

    def source(self, source_id: str, **fields: Any) -> str:
        self.sources.setdefault(
            source_id,
            {
                "id": source_id,
                "reliability": "cannot_be_judged",
                "access": "public",
                **fields,
            },
        )
        return source_id

    def incident(self, line: int, record: dict[str, Any]) -> Skip | None:
        """Add a mapped row (checked by the models first), or say why it cannot be."""
        from pydantic import ValidationError

        from conflictschema.models.dataset import IncidentRecord

        try:
            IncidentRecord.model_validate(record)
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(part) for part in error["loc"])
            return Skip(line, f"{where}: {error['msg']}")
        known = self.incidents.get(record["id"])
        if known is None:
            self.incidents[record["id"]] = record
            self.imported += 1
            return None
        present = {(p["actor"], p["role"]) for p in known["participants"]}
        for participant in record["participants"]:
            if (participant["actor"], participant["role"]) not in present:
                n = len(known["participants"]) + 1
                known["participants"].append({**participant, "id": f"{record['id']}-p{n}"})
        self.merged += 1
        return None

    def document(self, metadata: dict[str, Any]) -> dict[str, Any]:
        """The dataset document, actors and sources in id order."""
        return {
            **metadata,
            "actors": [self.actors[k] for k in sorted(self.actors)],
            "sources": [self.sources[k] for k in sorted(self.sources)],
            "incidents": list(self.incidents.values()),
        }
