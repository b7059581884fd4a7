"""Dataset: the records of one dataset with its metadata, and the rules across records.

In memory an incident holds its targets and claims (as in the nested JSON), while
actors and sources are shared tables referred to by id. The rules that need more
than one record (unique ids, references, who may claim for whom) live here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Annotated, Any

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from conflictschema.findingcodes import Code
from conflictschema.models._base import CSModel
from conflictschema.models.actor import Actor
from conflictschema.models.attribution import derive_statuses, lineages
from conflictschema.models.casualties import NestedCasualtyReport
from conflictschema.models.claim import Claim, NestedClaim
from conflictschema.models.codes import AttributionStatus, ClaimType, ResponsibilityStatus
from conflictschema.models.columns import CHILD_TABLES, TABLE_MODELS, columns
from conflictschema.models.incident import Incident
from conflictschema.models.participant import NestedParticipant
from conflictschema.models.rules import RuleBreach, raise_breaches
from conflictschema.models.source import Source
from conflictschema.models.target import NestedTarget, Target
from conflictschema.models.types import SEMVER_PATTERN, ShortText, Text
from conflictschema.version import STANDARD_VERSION, standard_readable

DATASET_NAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,99}$"


class IncidentRecord(Incident):
    """An incident with the rows of its child tables embedded: one nested JSON document."""

    targets: Annotated[list[NestedTarget], Field(description="What the incident struck.")] = []
    claims: Annotated[
        list[NestedClaim], Field(description="Every recorded statement about who did it.")
    ] = []
    participants: Annotated[
        list[NestedParticipant],
        Field(description="Who took part, as the sources state it, without saying who did it."),
    ] = []
    casualty_reports: Annotated[
        list[NestedCasualtyReport],
        Field(description="Each source's or party's count of the casualties."),
    ] = []

    def statuses(
        self, parents: dict[str, str | None] | None = None, as_of: dt.date | None = None
    ) -> tuple[AttributionStatus, ResponsibilityStatus]:
        """The attribution and responsibility status the claims imply (as they stood on
        ``as_of``, if given); ``parents`` maps actor ids to their parent
        (:meth:`Dataset.parents`), without which every actor stands alone."""
        return derive_statuses(self.claims, parents, as_of)

    def incident(self) -> Incident:
        """The incident alone, as a row of incidents.csv."""
        values: dict[str, Any] = {k: getattr(self, k) for k in Incident.model_fields}
        values.update(self.extensions)
        return Incident.model_construct(**values)

    def flat(self, table: str) -> list[Any]:
        """The rows of child table ``table`` (targets, claims, ...) as rows of its CSV."""
        model = TABLE_MODELS[table]
        return [
            model.model_construct(incident_id=self.id, **dict(row)) for row in getattr(self, table)
        ]

    def flat_targets(self) -> list[Target]:
        return self.flat("targets")

    def flat_claims(self) -> list[Claim]:
        return self.flat("claims")


class License(CSModel):
    """The licence the dataset is published under (Data Package ``licenses`` entry)."""

    name: Annotated[
        str,
        Field(pattern=r"^[A-Za-z0-9.+-]{1,64}$", description="SPDX identifier, e.g. CC-BY-4.0."),
    ]
    path: Annotated[str | None, Field(description="URL of the licence text.")] = None
    title: Annotated[ShortText | None, Field(description="Human title of the licence.")] = None


class Contributor(CSModel):
    """Someone who made the dataset (Data Package ``contributors`` entry)."""

    title: Annotated[ShortText, Field(description="Name of the person or organisation.")]
    path: Annotated[str | None, Field(description="A web page of theirs.")] = None
    email: Annotated[ShortText | None, Field(description="How to reach them.")] = None
    role: Annotated[
        ShortText | None,
        Field(
            description="What they did, in Data Package's words: author, publisher, maintainer, wrangler or contributor."
        ),
    ] = None
    organization: Annotated[
        ShortText | None, Field(description="The organisation they made it for.")
    ] = None


class DatasetMetadata(CSModel):
    """What a dataset is, which version, and which version of the standard it follows."""

    name: Annotated[
        str,
        Field(
            pattern=DATASET_NAME_PATTERN,
            description="Machine name: lower case, digits, '.', '_', '-' (data package name).",
        ),
    ]
    title: Annotated[ShortText, Field(description="Human title of the dataset.")]
    description: Annotated[
        Text | None, Field(description="What the dataset covers and how it was compiled.")
    ] = None
    version: Annotated[
        str,
        Field(
            pattern=SEMVER_PATTERN,
            description="Version of the data, MAJOR.MINOR.PATCH (data-package-version rules).",
        ),
    ]
    standard_version: Annotated[
        str,
        Field(
            pattern=SEMVER_PATTERN,
            description="Version of the conflictschema standard the data conforms to.",
        ),
    ] = STANDARD_VERSION
    licenses: Annotated[
        list[License], Field(min_length=1, description="Licences the data is published under.")
    ]
    homepage: Annotated[str | None, Field(description="Where the dataset is maintained.")] = None
    citation: Annotated[Text | None, Field(description="How to cite the dataset.")] = None
    keywords: Annotated[
        list[ShortText] | None,
        Field(description="Words to find the dataset by (Data Package keywords)."),
    ] = None
    contributors: Annotated[
        list[Contributor] | None,
        Field(description="Who made the dataset and in what role (Data Package contributors)."),
    ] = None

    @field_validator("standard_version")
    @classmethod
    def _check_standard_readable(cls, value: str) -> str:
        if not standard_readable(value):
            raise PydanticCustomError(
                Code.UNSUPPORTED_STANDARD.value,
                "standard_version {value} is not a version this conflictschema reads "
                "({supported}); upgrade conflictschema, or correct the version",
                {"value": value, "supported": STANDARD_VERSION},
            )
        return value


class Dataset(DatasetMetadata):
    """A whole dataset: metadata, shared actors and sources, and nested incidents."""

    actors: Annotated[
        list[Actor], Field(description="Every actor referred to by the records.")
    ] = []
    sources: Annotated[list[Source], Field(description="Every source the claims cite.")] = []
    incidents: Annotated[
        list[IncidentRecord], Field(description="The incidents, each with its targets and claims.")
    ] = []

    def to_polars(self) -> dict[str, Any]:
        """table -> Polars DataFrame (see conflictschema.models.frames)."""
        from conflictschema.models.frames import to_polars

        return to_polars(self)

    def to_pandas(self) -> dict[str, Any]:
        """table -> pandas DataFrame; needs the optional pandas extra."""
        from conflictschema.models.frames import to_pandas

        return to_pandas(self)

    def parents(self) -> dict[str, str | None]:
        """actor id -> the id of the actor it belongs to (None for a root)."""
        return {a.id: a.parent for a in self.actors}

    def statuses(
        self, as_of: dt.date | None = None
    ) -> dict[str, tuple[AttributionStatus, ResponsibilityStatus]]:
        """incident id -> the statuses its claims imply, as they stood on ``as_of`` if given.

        >>> dataset.statuses(as_of=dt.date(2023, 6, 30))["inc-1"]  # doctest: +SKIP
        (<AttributionStatus.SINGLE_ACCOUNT: 'single_account'>, <ResponsibilityStatus...>)
        """
        parents = self.parents()
        return {i.id: i.statuses(parents, as_of) for i in self.incidents}

    @property
    def metadata(self) -> DatasetMetadata:
        return DatasetMetadata.model_construct(
            **{k: getattr(self, k) for k in DatasetMetadata.model_fields}
        )

    @model_validator(mode="after")
    def _check_references(self) -> Dataset:
        raise_breaches(type(self).__name__, self._reference_breaches())
        return self

    def _reference_breaches(self) -> Iterator[RuleBreach]:
        yield from _duplicates("actors", [a.id for a in self.actors])
        yield from _duplicates("sources", [s.id for s in self.sources])
        yield from _duplicates("incidents", [i.id for i in self.incidents])
        for kind in CHILD_TABLES:
            rows = [
                (n, m, row.id)
                for n, i in enumerate(self.incidents)
                for m, row in enumerate(getattr(i, kind))
            ]
            for breach in _duplicates(kind, [row_id for _, _, row_id in rows]):
                n, m, _ = rows[int(breach.loc[1])]
                yield RuleBreach(
                    breach.code, ("incidents", n, kind, m, "id"), breach.message, breach.value
                )

        actor_ids = {a.id for a in self.actors}
        source_ids = {s.id for s in self.sources}
        incident_ids = {i.id for i in self.incidents}
        known = {"actors": actor_ids, "sources": source_ids}
        foreign_keys = {
            table: [(c, c.references) for c in columns(table) if c.references in known]
            for table in CHILD_TABLES
        }
        parents = self.parents()
        chains = lineages(parents)
        claim_homes = {
            claim.id: (incident.id, claim.claimant)
            for incident in self.incidents
            for claim in incident.claims
        }

        def missing(
            loc: tuple[str | int, ...], value: str | None, known: set[str], table: str
        ) -> Iterator[RuleBreach]:
            if value is not None and value not in known:
                yield RuleBreach(Code.FK_MISSING, loc, f"{value!r} is not an id in {table}", value)

        for n, actor in enumerate(self.actors):
            yield from missing(("actors", n, "parent"), actor.parent, actor_ids, "actors")
        for n, source in enumerate(self.sources):
            for k, relayed in enumerate(source.relays):
                yield from missing(("sources", n, "relays", k), relayed, source_ids, "sources")
        yield from _cycles(
            "actors", "parent", [(a.id, [a.parent] if a.parent else []) for a in self.actors]
        )
        yield from _cycles("sources", "relays", [(s.id, s.relays) for s in self.sources])

        for n, incident in enumerate(self.incidents):
            here: tuple[str | int, ...] = ("incidents", n)
            yield from missing(
                (*here, "controlled_by"), incident.controlled_by, actor_ids, "actors"
            )
            yield from missing(
                (*here, "superseded_by"), incident.superseded_by, incident_ids, "incidents"
            )
            for k, source_id in enumerate(incident.source_ids):
                yield from missing((*here, "source_ids", k), source_id, source_ids, "sources")
            for k, old in enumerate(incident.previous_ids):
                if old in incident_ids and old != incident.id:
                    yield RuleBreach(
                        Code.ID_REUSED,
                        (*here, "previous_ids", k),
                        f"previous id {old!r} is the current id of another incident",
                        old,
                    )
            for table in CHILD_TABLES:
                for m, row in enumerate(getattr(incident, table)):
                    at: tuple[str | int, ...] = (*here, table, m)
                    for column, target in foreign_keys[table]:
                        value = getattr(row, column.name)
                        if column.kind != "list":
                            yield from missing((*at, column.name), value, known[target], target)
                            continue
                        for k, item in enumerate(value):
                            yield from missing((*at, column.name, k), item, known[target], target)
            for m, claim in enumerate(incident.claims):
                at = (*here, "claims", m)
                yield from _claim_references(claim, incident.id, at, claim_homes)
                if claim.claimant in actor_ids:
                    yield from _speaks_for(claim, at, chains)
            yield from _status_breaches(incident, here, parents)


def _speaks_for(
    claim: NestedClaim, at: tuple[str | int, ...], chains: dict[str, list[str]]
) -> Iterator[RuleBreach]:
    """A denial names only actors the claimant may speak for (itself, above or below it);
    a responsibility claim names at least one of them, and may name partners besides."""
    own = [
        claim.claimant in chains.get(named, [named])
        or named in chains.get(claim.claimant, [claim.claimant])
        for named in claim.attributed_to
    ]
    kind = claim.claim_type.value
    if claim.claim_type == ClaimType.DENIAL:
        for k, named in enumerate(claim.attributed_to):
            if not own[k]:
                yield RuleBreach(
                    Code.CLAIM_SELF_ATTRIBUTION,
                    (*at, "attributed_to", k),
                    f"a {kind} by {claim.claimant!r} must name {claim.claimant!r} or an actor above or below it, not only {named!r}",
                    named,
                )
    elif claim.claim_type == ClaimType.RESPONSIBILITY_CLAIM and own and not any(own):
        named = ";".join(claim.attributed_to)
        yield RuleBreach(
            Code.CLAIM_SELF_ATTRIBUTION,
            (*at, "attributed_to"),
            f"a {kind} by {claim.claimant!r} must name {claim.claimant!r} or an actor above or below it, not only {named!r}",
            named,
        )


def _claim_references(
    claim: NestedClaim,
    incident_id: str,
    at: tuple[str | int, ...],
    homes: dict[str, tuple[str, str]],
) -> Iterator[RuleBreach]:
    """disputes and supersedes name other claims of the same incident (supersedes, of the
    same claimant); a name that is no claim at all is an fk-missing."""
    named: list[tuple[str, int | None, str]] = [
        ("disputes", k, ref) for k, ref in enumerate(claim.disputes)
    ]
    if claim.supersedes is not None:
        named.append(("supersedes", None, claim.supersedes))
    for field, k, ref in named:
        loc = (*at, field) if k is None else (*at, field, k)
        if ref not in homes:
            yield RuleBreach(Code.FK_MISSING, loc, f"{ref!r} is not an id in claims", ref)
            continue
        home, by = homes[ref]
        if ref == claim.id:
            if field == "disputes":  # supersedes itself is the claim's own rule
                yield RuleBreach(
                    Code.CLAIM_REFERENCE, loc, f"disputes names {ref!r}, the claim itself", ref
                )
        elif home != incident_id:
            yield RuleBreach(
                Code.CLAIM_REFERENCE,
                loc,
                f"{field} names {ref!r}, a claim about another incident ({home})",
                ref,
            )
        elif field == "supersedes" and by != claim.claimant:
            yield RuleBreach(
                Code.CLAIM_REFERENCE,
                loc,
                f"supersedes {ref!r}, a claim by another claimant ({by})",
                ref,
            )


def _status_breaches(
    incident: IncidentRecord, here: tuple[str | int, ...], parents: dict[str, str | None]
) -> Iterator[RuleBreach]:
    attribution, responsibility = incident.statuses(parents)
    for field, code, stored, derived in (
        ("attribution_status", Code.ATTRIBUTION_STATUS, incident.attribution_status, attribution),
        (
            "responsibility_status",
            Code.RESPONSIBILITY_STATUS,
            incident.responsibility_status,
            responsibility,
        ),
    ):
        if stored != derived:
            yield RuleBreach(
                code,
                (*here, field),
                f"{field} is {stored.value!r} but the incident's claims make it {derived.value!r}",
                stored.value,
            )


def _duplicates(table: str, ids: Sequence[str]) -> Iterator[RuleBreach]:
    """Every repeat of an id after its first use, the way Frictionless reports a primary key."""
    seen: set[str] = set()
    for n, value in enumerate(ids):
        if value in seen:
            yield RuleBreach(
                Code.DUPLICATE_ID,
                (table, n, "id"),
                f"{table} id {value!r} is already used by an earlier record",
                value,
            )
        seen.add(value)


def _cycles(table: str, field: str, rows: list[tuple[str, list[str]]]) -> Iterator[RuleBreach]:
    """Rows whose ``field`` references lead back to themselves, directly or not."""
    edges = dict(rows)
    for n, (start, first) in enumerate(rows):
        seen: set[str] = set()
        stack = list(first)
        while stack:
            current = stack.pop()
            if current == start:
                yield RuleBreach(
                    Code.REFERENCE_CYCLE,
                    (table, n, field),
                    f"{table}.{field} of {start!r} leads back to itself",
                    start,
                )
                break
            if current not in seen:
                seen.add(current)
                stack.extend(edges.get(current, []))
