"""What an importer collects from a source's rows before it writes a package: incidents,
the actors and sources they share, and the rows it could not take, with reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from conflictschema.errors import ConflictSchemaError
from conflictschema.importers.sourcefile import slug
from conflictschema.models.actor import Actor
from conflictschema.models.attribution import derive_statuses
from conflictschema.models.dataset import Dataset, DatasetMetadata, IncidentRecord
from conflictschema.models.source import Source


@dataclass(frozen=True)
class Skip:
    """A source row that was not imported, and why."""

    line: int
    reason: str
    file: str = ""


def dataset_claims(
    incident_id: str, claims: list[dict[str, Any]], record_source: str
) -> list[dict[str, Any]]:
    """Claims as a source dataset's record reports them: numbered ``<incident>-k1``...,
    read in that record, saying nothing of the method (``unknown``) and judged by no one
    (``cannot_be_judged``): the importer adds no judgement the source did not make."""
    return [
        {
            "id": f"{incident_id}-k{n}",
            "method": "unknown",
            "credibility": "cannot_be_judged",
            "source_ids": [record_source],
            **claim,
        }
        for n, claim in enumerate(claims, start=1)
    ]


@dataclass
class Collector:
    """Incidents by id, with the actors and sources they name, built row by row.

    Each incident is checked by the models as it comes in, so a row that breaks a rule
    is skipped with the reason; the rules across records are checked when the written
    package is validated. An event met again (an actor-centric export lists an event
    once per actor) is merged: its participants are added to the first row's, nothing
    else changes.
    """

    prefix: str
    incidents: dict[str, IncidentRecord] = field(default_factory=dict)
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
        """Add a mapped row (checked by the models first), or say why it cannot be.
        The statuses are derived from the row's claims, as validation will derive them."""
        try:
            incident = IncidentRecord.model_validate(
                {"attribution_status": "unattributed", "responsibility_status": "unclaimed"}
                | record
            )
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(part) for part in error["loc"])
            return Skip(line, f"{where}: {error['msg']}")
        if incident.claims:
            attribution, responsibility = derive_statuses(incident.claims)
            incident = incident.model_copy(
                update={
                    "attribution_status": attribution,
                    "responsibility_status": responsibility,
                }
            )
        known = self.incidents.get(incident.id)
        if known is None:
            self.incidents[incident.id] = incident
            self.imported += 1
            return None
        present = {(p.actor, p.role) for p in known.participants}
        added = [p for p in incident.participants if (p.actor, p.role) not in present]
        renumbered = [
            p.model_copy(update={"id": f"{known.id}-p{len(known.participants) + n}"})
            for n, p in enumerate(added, start=1)
        ]
        self.incidents[known.id] = known.model_copy(
            update={"participants": [*known.participants, *renumbered]}
        )
        self.merged += 1
        return None

    def dataset(self, metadata: dict[str, Any]) -> Dataset:
        """The dataset of what was collected, actors and sources in id order; its
        incidents were checked one by one already."""
        try:
            meta = DatasetMetadata.model_validate(metadata)
            actors = [Actor.model_validate(self.actors[k]) for k in sorted(self.actors)]
            sources = [Source.model_validate(self.sources[k]) for k in sorted(self.sources)]
        except ValidationError as exc:  # a mapping that built a bad actor or source
            error = exc.errors()[0]
            raise ConflictSchemaError(
                f"the import built an invalid {exc.title} ({error['input']!r}): {error['msg']}"
            ) from None
        return Dataset.model_construct(
            **{name: getattr(meta, name) for name in DatasetMetadata.model_fields},
            actors=actors,
            sources=sources,
            incidents=list(self.incidents.values()),
        )
