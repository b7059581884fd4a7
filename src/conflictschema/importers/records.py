"""What an importer collects from a source's rows before it writes a package: incidents,
the actors and sources they share, and the rows it could not take, with reasons."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from conflictschema.errors import ConflictSchemaError
from conflictschema.importers.mapped import Mapped, Skip, origins_frame
from conflictschema.importers.sourcefile import slug
from conflictschema.models.attribution import derived_statuses
from conflictschema.models.codes import AttributionStatus, ResponsibilityStatus
from conflictschema.models.columns import CHILD_TABLES
from conflictschema.models.frames import rows_frame

if TYPE_CHECKING:
    import polars as pl


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
    """Incidents by id, with the actors and sources they name, built row by row as
    plain values.

    Nothing is checked per row here: the rows become the standard's tables
    (:meth:`tables`), which the validator checks in one pass, and an incident it finds
    an error in is left out with the finding as the reason
    (:func:`conflictschema.importers.settle.write_valid`). An event met again (an
    actor-centric export lists an event once per actor) is merged: its participants
    are added to the first row's, nothing else changes.
    """

    prefix: str
    incidents: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: (incident id, file, line) of each source row: the incident it made or joined.
    origins: list[tuple[str, str, int]] = field(default_factory=list)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    imported: int = 0
    merged: int = 0
    #: The file whose rows are being read, named in the lines above.
    file: str = ""

    def actor(self, name: str, kind: str) -> str:
        """The id of the actor called ``name``, added on first use with ``kind``."""
        actor_id = f"{self.prefix}-actor-{slug(name)}"
        if actor_id not in self.actors:
            self.actors[actor_id] = {"id": actor_id, "name": name[:500], "kind": kind}
        return actor_id

    def source(self, source_id: str, **fields: Any) -> str:
        if source_id not in self.sources:
            self.sources[source_id] = {
                "id": source_id,
                "reliability": "cannot_be_judged",
                "access": "public",
                **fields,
            }
        return source_id

    def incident(self, line: int, record: dict[str, Any]) -> Skip | None:
        """Add a mapped row, or merge it into the incident of the same id."""
        incident_id = record.get("id")
        if not isinstance(incident_id, str) or not incident_id:
            return Skip(line, "the row gives the incident no id")
        known = self.incidents.get(incident_id)
        self.origins.append((incident_id, self.file, line))
        if known is None:
            self.incidents[incident_id] = record
            self.imported += 1
            return None
        participants = known.setdefault("participants", [])
        present = {(p["actor"], p["role"]) for p in participants}
        for participant in record.get("participants", []):
            if (participant["actor"], participant["role"]) not in present:
                participants.append(
                    {**participant, "id": f"{incident_id}-p{len(participants) + 1}"}
                )
        self.merged += 1
        return None

    def mapped(self) -> Mapped:
        """What was collected, as the tables and origins every importer hands on."""
        ids, files, lines = zip(*self.origins, strict=True) if self.origins else ((), (), ())
        return Mapped(
            self.tables(),
            origins_frame(ids, files, lines),
            imported=self.imported,
            merged=self.merged,
        )

    def tables(self) -> dict[str, pl.DataFrame]:
        """The standard's tables of what was collected (codes as text)."""
        import polars as pl

        rows: dict[str, list[dict[str, Any]]] = {table: [] for table in CHILD_TABLES}
        incidents = []
        for incident in self.incidents.values():
            flat = dict(incident)
            for table in CHILD_TABLES:
                rows[table].extend(
                    {"incident_id": flat["id"], **child} for child in flat.pop(table, [])
                )
            incidents.append(flat)
        rows["incidents"] = incidents
        rows["actors"] = list(self.actors.values())
        rows["sources"] = list(self.sources.values())
        try:
            return {table: rows_frame(table, found, enums=False) for table, found in rows.items()}
        except (TypeError, ValueError, pl.exceptions.PolarsError) as exc:
            raise ConflictSchemaError(
                f"the import built a value of the wrong type: {exc}"
            ) from None


def with_derived_statuses(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """``tables`` with each incident's attribution and responsibility status the ones
    its claims imply (:func:`conflictschema.models.attribution.derived_statuses`;
    an incident without a standing claim is unattributed and unclaimed)."""
    import polars as pl

    c = pl.col
    claims = tables["claims"].with_columns(c("claim_type", "method").cast(pl.String))
    derived = derived_statuses(claims, tables["actors"].select("id", "parent"))
    incidents = (
        tables["incidents"]
        .join(derived, left_on="id", right_on="incident_id", how="left")
        .with_columns(
            c("attribution")
            .fill_null(AttributionStatus.UNATTRIBUTED.value)
            .alias("attribution_status"),
            c("responsibility")
            .fill_null(ResponsibilityStatus.UNCLAIMED.value)
            .alias("responsibility_status"),
        )
        .drop("attribution", "responsibility")
    )
    return {**tables, "incidents": incidents}
