"""Deriving an incident's two statuses from its claims, in both forms side by side.

:func:`derive_statuses` reads one incident's claims (the models' form);
:func:`derived_statuses` derives every incident's statuses from whole tables at once
(the validator's form). ``tests/unit/models/test_rule_forms.py`` feeds both the same
generated claims and actors and requires the same statuses for every incident.

The statuses are stored on the incident so that a CSV user can filter on them without
joining tables, and derived here so that they can never drift from the claims: a
stored value that disagrees is an ``attribution-status`` or ``responsibility-status``
error. The rules, as docs/standard.md states them:

- A claim is *standing* when it was made (by ``as_of``, if given: a claim whose
  ``made_on`` is unknown is then left out), is not retracted (by then), and no claim
  made (by then) supersedes it.
- A claim's *party* is the root of its claimant's ``actors.parent`` chain: organs of
  one state speak as one party.
- Two actors are *compatible* when one is the other or lies above it through
  ``actors.parent``. Two claims' perpetrators *agree* when each actor either names is
  compatible with an actor the other names. Two methods agree when one is the other
  or lies above it in the method hierarchy; ``unknown`` agrees with every method.
- ``attribution_status``: ``unattributed`` when no standing claim names a perpetrator
  or disputes a claim; ``single_account`` when all that do come from one party;
  otherwise ``contested`` when a standing claim disputes another standing claim, two
  claims naming perpetrators disagree on them or on the method, or a denial names an
  actor compatible with one a claim names; else ``consistent``.
- ``responsibility_status``: ``unclaimed`` without a standing responsibility claim;
  ``competing_claims`` when two come from different parties and their perpetrators do
  not agree; else ``claimed``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from typing import TYPE_CHECKING, Protocol

from conflictschema.models.codes import (
    AttributionStatus,
    ClaimType,
    Method,
    ResponsibilityStatus,
)

if TYPE_CHECKING:
    import polars as pl

_DENIAL = ClaimType.DENIAL.value
_RESPONSIBILITY = ClaimType.RESPONSIBILITY_CLAIM.value
_UNKNOWN = Method.UNKNOWN.value


class ClaimLike(Protocol):
    """What the derivation reads of a claim (a model, or any object with these fields)."""

    @property
    def id(self) -> str: ...
    @property
    def claimant(self) -> str: ...
    @property
    def claim_type(self) -> ClaimType | str: ...
    @property
    def attributed_to(self) -> Sequence[str]: ...
    @property
    def disputes(self) -> Sequence[str]: ...
    @property
    def supersedes(self) -> str | None: ...
    @property
    def method(self) -> Method | str: ...
    @property
    def made_on(self) -> dt.date | None: ...
    @property
    def retracted_on(self) -> dt.date | None: ...


def lineages(parents: Mapping[str, str | None]) -> dict[str, list[str]]:
    """actor -> the actor and every actor above it through ``parent``, nearest first
    (a cycle, which the validator reports, is cut where it closes)."""
    result: dict[str, list[str]] = {}
    for actor in parents:
        chain: list[str] = []
        current: str | None = actor
        while current is not None and current not in chain:
            chain.append(current)
            current = parents.get(current)
        result[actor] = chain
    return result


def standing_claims(claims: Iterable[ClaimLike], as_of: dt.date | None = None) -> list[ClaimLike]:
    """The claims that count: made (by ``as_of``), not retracted, not superseded."""
    made = [c for c in claims if as_of is None or (c.made_on is not None and c.made_on <= as_of)]
    superseded = {c.supersedes for c in made if c.supersedes is not None}
    return [
        c
        for c in made
        if c.id not in superseded
        and not (c.retracted_on is not None and (as_of is None or c.retracted_on <= as_of))
    ]


def derive_statuses(
    claims: Iterable[ClaimLike],
    parents: Mapping[str, str | None] | None = None,
    as_of: dt.date | None = None,
) -> tuple[AttributionStatus, ResponsibilityStatus]:
    """The attribution and responsibility status that one incident's claims imply.

    Parameters
    ----------
    claims
        The incident's claims, standing or not.
    parents
        actor id -> its ``parent`` (``None`` for a root); actors not in it stand alone.
    as_of
        Derive the statuses as they stood on this date: only claims made by then count,
        and retractions and supersessions made later do not yet.
    """
    chains = lineages(parents or {})

    def line(actor: str) -> list[str]:
        return chains.get(actor, [actor])

    def compatible(a: str, b: str) -> bool:
        return a in line(b) or b in line(a)

    def agree(left: Sequence[str], right: Sequence[str]) -> bool:
        return all(any(compatible(a, b) for b in right) for a in left) and all(
            any(compatible(b, a) for a in left) for b in right
        )

    def methods_agree(m: str, n: str) -> bool:
        return _UNKNOWN in (m, n) or m in Method.lineage(n) or n in Method.lineage(m)

    standing = standing_claims(claims, as_of)
    relevant = [c for c in standing if c.attributed_to or c.disputes]
    parties = {line(c.claimant)[-1] for c in relevant}
    if not relevant:
        attribution = AttributionStatus.UNATTRIBUTED
    elif len(parties) == 1:
        attribution = AttributionStatus.SINGLE_ACCOUNT
    else:
        ids = {c.id for c in standing}
        naming = [c for c in relevant if str(c.claim_type) != _DENIAL and c.attributed_to]
        denials = [c for c in relevant if str(c.claim_type) == _DENIAL and c.attributed_to]
        contested = (
            any(d in ids and d != c.id for c in relevant for d in c.disputes)
            or any(not agree(a.attributed_to, b.attributed_to) for a, b in combinations(naming, 2))
            or any(
                not methods_agree(str(a.method), str(b.method)) for a, b in combinations(naming, 2)
            )
            or any(
                compatible(x, y)
                for d in denials
                for a in naming
                for x in d.attributed_to
                for y in a.attributed_to
            )
        )
        attribution = AttributionStatus.CONTESTED if contested else AttributionStatus.CONSISTENT

    taking = [c for c in standing if str(c.claim_type) == _RESPONSIBILITY]
    if not taking:
        responsibility = ResponsibilityStatus.UNCLAIMED
    elif any(
        line(a.claimant)[-1] != line(b.claimant)[-1] and not agree(a.attributed_to, b.attributed_to)
        for a, b in combinations([c for c in taking if c.attributed_to], 2)
    ):
        responsibility = ResponsibilityStatus.COMPETING_CLAIMS
    else:
        responsibility = ResponsibilityStatus.CLAIMED
    return attribution, responsibility


def derive_attribution_status(
    claims: Iterable[ClaimLike],
    parents: Mapping[str, str | None] | None = None,
    as_of: dt.date | None = None,
) -> AttributionStatus:
    """The attribution status alone (see :func:`derive_statuses`)."""
    return derive_statuses(claims, parents, as_of)[0]


# ---------------------------------------------------------------- whole tables

#: The claim columns :func:`derived_statuses` reads.
CLAIM_COLUMNS = (
    "incident_id",
    "id",
    "claimant",
    "claim_type",
    "attributed_to",
    "disputes",
    "supersedes",
    "method",
    "made_on",
    "retracted_on",
)


def _actor_tables(actors: pl.DataFrame) -> tuple[pl.DataFrame, pl.LazyFrame]:
    """(actor -> party, compatible actor pairs) from an actors table with id and parent."""
    import polars as pl

    named = actors.filter(pl.col("id").is_not_null())
    chains = lineages(
        dict(
            zip(named.get_column("id").to_list(), named.get_column("parent").to_list(), strict=True)
        )
    )
    party = pl.DataFrame(
        {"actor": list(chains), "party": [chain[-1] for chain in chains.values()]},
        schema={"actor": pl.String, "party": pl.String},
    )
    pairs = {(a, above) for a, chain in chains.items() for above in chain}
    pairs |= {(b, a) for a, b in pairs}
    compatible = pl.DataFrame(
        sorted(pairs), schema={"x": pl.String, "y": pl.String}, orient="row"
    ).with_columns(pl.lit(True).alias("__ok"))
    return party, compatible.lazy()


def _disagreeing(
    naming: pl.LazyFrame, compatible: pl.LazyFrame, different_parties: bool = False
) -> pl.LazyFrame:
    """Incidents where two claims of ``naming`` (__i, __k, party, attributed_to)
    name perpetrators that do not agree (only pairs from different parties, if asked)."""
    import polars as pl

    c = pl.col
    # a pair of claims naming one actor each agrees when the two are compatible; only
    # pairs naming more need every name matched both ways
    claims = naming.select(
        "__i",
        "__k",
        "party",
        c("attributed_to").list.len().alias("__n"),
        c("attributed_to").list.first().alias("x"),
    )
    pairs = claims.join(
        claims.select(
            "__i",
            c("__k").alias("__k_b"),
            c("party").alias("party_b"),
            c("__n").alias("__n_b"),
            c("x").alias("y"),
        ),
        on="__i",
    ).filter(c("__k") < c("__k_b"))
    if different_parties:
        pairs = pairs.filter(c("party") != c("party_b"))
    pairs = pairs.collect().lazy()  # read twice below
    one = (c("__n") == 1) & (c("__n_b") == 1)
    single = (
        pairs.filter(one & (c("x") != c("y")))
        .join(compatible, on=["x", "y"], how="left")
        .filter(~c("__ok").fill_null(False))
        .select("__i")
    )
    several = pairs.filter(~one).select("__i", "__k", "__k_b").collect()
    if several.is_empty():  # no pair names more than one actor: no names to cross
        return single.unique()
    names = (
        naming.join(several.lazy().select("__i"), on="__i", how="semi")
        .select("__i", "__k", c("attributed_to").alias("x"))
        .explode("x")
    )
    crossed = (
        several.lazy()
        .join(names, on=["__i", "__k"])
        .join(
            names.select("__i", c("__k").alias("__k_b"), c("x").alias("y")),
            on=["__i", "__k_b"],
        )
        .join(compatible, on=["x", "y"], how="left")
        .with_columns(((c("x") == c("y")) | c("__ok").fill_null(False)).alias("__ok"))
    )
    pair = ["__i", "__k", "__k_b"]
    uncovered = pl.concat(
        [
            crossed.group_by([*pair, side]).agg(c("__ok").any()).filter(~c("__ok")).select(pair)
            for side in ("x", "y")
        ]
    )
    return pl.concat([single, uncovered.select("__i")]).unique()


def derived_statuses(
    claims: pl.DataFrame, actors: pl.DataFrame, as_of: dt.date | None = None
) -> pl.DataFrame:
    """incident_id -> derived ``attribution`` and ``responsibility`` status, for every
    incident with a claim; the twin of :func:`derive_statuses`. ``claims`` needs
    :data:`CLAIM_COLUMNS`; ``actors`` needs id and parent. An incident without a claim
    is ``unattributed`` and ``unclaimed``."""
    import polars as pl

    c = pl.col
    party, compatible = _actor_tables(actors)
    # incidents (dense ranks) and parties (categorical codes: no sort of two million
    # texts) are numbered, so every join and group-by below is on integers, not on the
    # text of ids
    made = (
        claims.lazy()
        .select(CLAIM_COLUMNS)
        .filter(c("incident_id").is_not_null())
        .with_columns(c("incident_id").rank("dense").alias("__i"))
    )
    if as_of is not None:
        made = made.filter(c("made_on") <= as_of)
    retracted = c("retracted_on").is_not_null()
    if as_of is not None:
        retracted = retracted & (c("retracted_on") <= as_of)
    codes = [
        c(name) if isinstance(claims.schema[name], pl.Enum) else c(name).cast(pl.String)
        for name in ("claim_type", "method")
    ]
    if claims.get_column("supersedes").null_count() < claims.height:
        superseded = made.select("__i", c("supersedes").alias("id")).drop_nulls()
        made = made.join(superseded, on=["__i", "id"], how="anti", nulls_equal=False)
    # a claimant's party: the top of its line of parents; a claimant that is no actor
    # (reported elsewhere) stands for itself
    claimant_party = c("claimant").replace(party.get_column("actor"), party.get_column("party"))
    standing = (
        made.filter(~retracted)
        .select(
            "__i",
            "incident_id",
            "id",
            *codes,
            claimant_party.cast(pl.Categorical).to_physical().alias("party"),
            c("attributed_to").fill_null([]),
            c("disputes").fill_null([]),
            pl.int_range(pl.len()).alias("__k"),
        )
        .collect()
        .lazy()
    )
    has_names = c("attributed_to").list.len() > 0
    relevant = standing.filter(has_names | (c("disputes").list.len() > 0))
    parties = (
        relevant.group_by("__i").agg(c("party").n_unique().alias("__parties")).collect().lazy()
    )  # read twice: to find the incidents with several parties, and in the result
    several = relevant.join(parties.filter(c("__parties") > 1).select("__i"), on="__i", how="semi")
    naming = (
        several.filter((c("claim_type") != _DENIAL) & has_names)
        .select("__i", "__k", "party", "attributed_to", "method")
        .collect()
        .lazy()
    )  # the claims naming someone are read by three checks below: computed once
    denials = several.filter((c("claim_type") == _DENIAL) & has_names)

    disputed = (
        several.filter(c("disputes").list.len() > 0)
        .select("__i", "id", c("disputes").alias("__d"))
        .explode("__d")
        .filter(c("__d") != c("id"))
        .join(standing.select("__i", c("id").alias("__d")), on=["__i", "__d"])
        .select("__i")
    )
    methods = naming.filter(c("method") != _UNKNOWN).select("__i", "__k", "method")
    method = standing.collect_schema()["method"]  # an Enum of the data's own standard
    related_methods = (
        pl.DataFrame(
            Method.related_pairs(),
            schema={"method": pl.String, "method_b": pl.String},
            orient="row",
        )
        .cast({"method": method, "method_b": method}, strict=False)
        .drop_nulls()
        .lazy()
    )
    method_clash = (
        methods.join(
            methods.select("__i", c("__k").alias("__k_b"), c("method").alias("method_b")),
            on="__i",
        )
        .filter(c("__k") < c("__k_b"))
        .join(related_methods, on=["method", "method_b"], how="anti")
        .select("__i")
    )
    named = naming.select("__i", c("attributed_to").alias("y")).explode("y")
    denied_met = (
        denials.select("__i", c("attributed_to").alias("x"))
        .explode("x")
        .join(named, on="__i")
        .join(compatible, on=["x", "y"], how="left")
        .filter((c("x") == c("y")) | c("__ok").fill_null(False))
        .select("__i")
    )
    # each way of contesting is worked out on its own, down to its incidents: worked
    # out at once, their joins would all be held together
    contested = (
        pl.concat(
            [
                way.unique().collect().lazy()
                for way in (disputed, _disagreeing(naming, compatible), method_clash, denied_met)
            ]
        )
        .unique()
        .with_columns(pl.lit(True).alias("__contested"))
    )

    taking = standing.filter(c("claim_type") == _RESPONSIBILITY)
    competing = (
        _disagreeing(taking.filter(has_names), compatible, different_parties=True)
        .unique()
        .collect()
        .lazy()
        .with_columns(pl.lit(True).alias("__competing"))
    )
    incidents = standing.select("__i", "incident_id").unique("__i")
    return (
        incidents.join(parties, on="__i", how="left")
        .join(contested, on="__i", how="left")
        .join(
            taking.select("__i").unique().with_columns(pl.lit(True).alias("__taken")),
            on="__i",
            how="left",
        )
        .join(competing, on="__i", how="left")
        .select(
            "incident_id",
            pl.when(c("__parties").is_null())
            .then(pl.lit(AttributionStatus.UNATTRIBUTED.value))
            .when(c("__parties") == 1)
            .then(pl.lit(AttributionStatus.SINGLE_ACCOUNT.value))
            .when(c("__contested").fill_null(False))
            .then(pl.lit(AttributionStatus.CONTESTED.value))
            .otherwise(pl.lit(AttributionStatus.CONSISTENT.value))
            .alias("attribution"),
            pl.when(c("__taken").is_null())
            .then(pl.lit(ResponsibilityStatus.UNCLAIMED.value))
            .when(c("__competing").fill_null(False))
            .then(pl.lit(ResponsibilityStatus.COMPETING_CLAIMS.value))
            .otherwise(pl.lit(ResponsibilityStatus.CLAIMED.value))
            .alias("responsibility"),
        )
        .collect()
    )
