"""Every version of the standard this package reads, and the way from each to the next.

The current version is defined by the models. Each earlier version is kept as it was
published: its columns frozen in ``standard-<version>.json`` (written once, from the
models of that version, by ``scripts/freeze_standard.py``, and never edited since;
a test holds the 0.1.0 file to the Table Schemas published in release 1.0.0), the
rules that later versions changed in ``v<major>_<minor>.py``, and an upgrader to the
next version. Data declaring an older version is checked by its own version's columns
and rules, then upgraded step by step, so everything after the loader sees the
current standard only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from conflictschema.models.codes import CodeList
from conflictschema.models.columns import TABLE_MODELS, Column, columns
from conflictschema.version import KNOWN_STANDARDS, STANDARD_VERSION, standard_key


def version_key(version: str) -> tuple[int, int]:
    """(major, minor): within one of them a patch only clarifies wording."""
    key = standard_key(version)
    if key is None:
        raise KeyError(version)
    return key


@dataclass(frozen=True)
class Standard:
    """One version of the standard: the columns of each table, as published."""

    version: str
    tables: dict[str, tuple[Column, ...]] = field(repr=False)

    def columns(self, table: str) -> tuple[Column, ...]:
        return self.tables[table]

    def column_names(self, table: str) -> list[str]:
        return [c.name for c in self.tables[table]]

    @property
    def is_current(self) -> bool:
        return version_key(self.version) == version_key(STANDARD_VERSION)


def column_record(column: Column) -> dict[str, Any]:
    """A column as JSON: what a frozen version keeps of it."""
    record: dict[str, Any] = {
        k: v
        for k, v in vars(column).items()
        if k != "codes" and v is not None and not (k == "required" and v is False)
    }
    if column.codes is not None:
        record["codes"] = {
            "list": column.codes.__name__,
            "codes": [[m.value, m.description] for m in column.codes],
        }
    return record


def freeze_current() -> dict[str, Any]:
    """The current standard's columns as the JSON document a frozen version is kept in."""
    return {
        "standard_version": STANDARD_VERSION,
        "tables": {t: [column_record(c) for c in columns(t)] for t in TABLE_MODELS},
    }


def _thaw(record: dict[str, Any], code_lists: dict[str, type[CodeList]]) -> Column:
    values = {"required": False, **record}
    codes = values.pop("codes", None)
    if codes is not None:
        name = codes["list"]
        if name not in code_lists:
            # the functional Enum API: each member's value tuple goes to CodeList.__new__
            members = [(value.upper(), (value, text)) for value, text in codes["codes"]]
            code_lists[name] = CodeList(name, members)  # type: ignore[arg-type,assignment]
        values["codes"] = code_lists[name]
    return Column(**values)


@cache
def standard_for(version: str) -> Standard:
    """The standard ``version`` names (any patch of a known major.minor).

    Raises
    ------
    KeyError
        For a version this package does not know.
    """
    key = version_key(version)
    if key == version_key(STANDARD_VERSION):
        return Standard(STANDARD_VERSION, {t: columns(t) for t in TABLE_MODELS})
    known = next((v for v in KNOWN_STANDARDS if version_key(v) == key), None)
    if known is None:
        raise KeyError(version)
    text = resources.files(__name__).joinpath(f"standard-{known}.json").read_text("utf-8")
    frozen = json.loads(text)
    code_lists: dict[str, type[CodeList]] = {}
    return Standard(
        known,
        {
            table: tuple(_thaw(record, code_lists) for record in records)
            for table, records in frozen["tables"].items()
        },
    )


def current() -> Standard:
    return standard_for(STANDARD_VERSION)


#: What each version changed, in words; the codebook adds the column and code changes
#: it computes from the versions themselves (:func:`changes_between`).
NOTES: dict[str, tuple[str, ...]] = {
    "0.4.0": (
        "The dataset's metadata takes the Data Package properties keywords and contributors "
        "(title, path, email, role, organization), so a descriptor keeps them through convert "
        "and release and a dataset document may state them. No table changed.",
        "Upgrading 0.3.0 data: conflictschema upgrade (only the declared version changes).",
    ),
    "0.3.0": (
        "Participants (a new table) record who took part as a source states it (side_a, "
        "side_b, initiator, target, associated), without saying who did it; they never change "
        "the attribution status.",
        "Incidents record what happened in event_type (the method code list, extended with "
        "armed_clash, indirect_fire, abduction, arrest, looting, protest, riot and more) and "
        "each source's own categories in classifications (scheme:value).",
        "Casualty reports (a new table) give counts by category (civilians, combatants, each "
        "side, perpetrators, prisoners), of killed, injured and missing, by whom and as of "
        "when, and say whether a 0 means none or 'none or unknown'.",
        "Places: geo precisions approximate (about 25 km), region, several_sites and at_sea; "
        "maritime_zone; jurisdictions for sites spanning states; admin2_code and admin3; "
        "Kosovo (XK) and formerly used codes (SU, YU, ...) for events before their withdrawal.",
        "Dates: approximate_day precision, and date_span telling a duration from uncertainty.",
        "Targets: residential, healthcare, education, humanitarian, displacement_camp, police, "
        "and infrastructure_type; sources: dataset_record; long text up to 100,000 characters.",
        "Extension columns named x_<name> are carried unchanged and checked by no rule.",
        "Upgrading 0.2.0 data: conflictschema upgrade (every span becomes date_span uncertain).",
    ),
    "0.2.0": (
        "Claims may name several perpetrators jointly (attributed_to is a list), reject other "
        "claims (disputes), replace an earlier claim of the same claimant (supersedes) or be "
        "withdrawn (retracted_on); superseded and retracted claims stay but no longer count.",
        "A claimant may claim, attribute to or deny for itself and the actors above or below "
        "it through actors.parent (a ministry speaks for its forces).",
        "Methods form a hierarchy: two methods disagree only when neither lies above the other.",
        "Two derived statuses: attribution_status (unattributed, single_account, consistent, "
        "contested; parties are the roots of the claimants' actors.parent chains, and actors "
        "agree when one is the other or lies above it) and responsibility_status (unclaimed, "
        "claimed, competing_claims). 0.1's unclaimed is now unattributed.",
        "Incidents may give local times (time_start, time_end); a day-precision incident may "
        "end on the next date when the times cross midnight.",
        "Upgrading 0.1.0 data: conflictschema upgrade.",
    ),
}


def changes_between(old: Standard, new: Standard) -> list[str]:
    """The column and code changes from ``old`` to ``new``, one line each."""
    lines: list[str] = []
    for table in new.tables:
        before = {c.name: c for c in old.tables.get(table, ())}
        after = {c.name: c for c in new.tables[table]}
        added = [n for n in after if n not in before]
        removed = [n for n in before if n not in after]
        if added:
            lines.append(f"{table}: new columns {', '.join(added)}")
        if removed:
            lines.append(f"{table}: columns removed {', '.join(removed)}")
        for name in after:
            if name not in before:
                continue
            was, now = before[name], after[name]
            if was.kind != now.kind:
                lines.append(f"{table}.{name}: {was.kind} -> {now.kind}")
            if was.codes is not None and now.codes is not None:
                gained = [c for c in now.codes.codes() if c not in was.codes.codes()]
                lost = [c for c in was.codes.codes() if c not in now.codes.codes()]
                if gained:
                    lines.append(f"{table}.{name}: new codes {', '.join(gained)}")
                if lost:
                    lines.append(f"{table}.{name}: codes removed {', '.join(lost)}")
    return lines


def _steps() -> dict[tuple[int, int], tuple[str, Any]]:
    """(major, minor) of a version -> (the next version, its upgrader)."""
    from conflictschema.models.history import v0_1, v0_2, v0_3

    return {
        version_key(v0_1.VERSION): (v0_2.VERSION, v0_1.upgrade),
        version_key(v0_2.VERSION): (v0_3.VERSION, v0_2.upgrade),
        version_key(v0_3.VERSION): (STANDARD_VERSION, v0_3.upgrade),
    }


def upgrade_tables(typed: dict[str, Any], version: str) -> tuple[dict[str, Any], list[str]]:
    """Tables of standard ``version`` -> the same tables in the current standard, and
    what each step changed (``"0.1.0 -> 0.2.0: ..."``). Lossless: every value of the
    old version has its place in the new one.

    The tables are Polars frames, typed as the validator leaves them (flag and row
    columns are carried along); each code column comes out as the current code list.
    """
    import polars as pl

    notes: list[str] = []
    steps = _steps()
    while version_key(version) != version_key(STANDARD_VERSION):
        target, step = steps[version_key(version)]
        typed, said = step(typed)
        notes += [f"{version} -> {target}: {line}" for line in said]
        version = target
    result: dict[str, pl.DataFrame] = {}
    for table, frame in typed.items():
        ordered: list[str] = [k for k in ("__row", "__loc") if k in frame.columns]
        casts = []
        for column in columns(table):
            ordered.append(column.name)
            if f"{column.name}__bad" in frame.columns:
                ordered.append(f"{column.name}__bad")
            if column.codes is not None:
                casts.append(
                    pl.col(column.name).cast(pl.String).cast(pl.Enum(column.codes.codes()))
                )
        rest = [n for n in frame.columns if n not in ordered]
        result[table] = frame.with_columns(casts).select(*ordered, *rest)
    return result, notes
