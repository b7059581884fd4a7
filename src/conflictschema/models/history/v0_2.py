"""Standard 0.2 and the upgrade to 0.3.

0.3 changed no rule that 0.2 data can break: every 0.2 value keeps its meaning and
its place. It added fields and tables, so the upgrade only makes room:

- ``incidents.date_span`` is new and required: every 0.2 span was uncertainty (0.2 had
  no way to state a duration), so it becomes ``uncertain``;
- ``incidents.event_type``, ``classifications``, ``admin3``, ``admin2_code``,
  ``jurisdictions``, ``maritime_zone`` and ``targets.infrastructure_type`` are new and
  empty;
- ``participants`` and ``casualty_reports`` are new tables without rows.

Every 0.2 code is still a code of 0.3 (``missile_strike`` and ``artillery`` now sit
under the new ``indirect_fire``, which changes no verdict between 0.2 codes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conflictschema.models.codes import DateSpan

if TYPE_CHECKING:
    import polars as pl

VERSION = "0.2.0"

#: The new tables, made empty for data that had none.
NEW_TABLES = ("participants", "casualty_reports")


def upgrade(typed: dict[str, pl.DataFrame]) -> tuple[dict[str, pl.DataFrame], list[str]]:
    """0.2 tables -> 0.3 tables, and what changed, in words."""
    import polars as pl

    from conflictschema.models.history.edits import add_empty, empty_table

    out = dict(typed)
    notes: list[str] = []
    text, texts = pl.String(), pl.List(pl.String)
    if "incidents" in out:
        incidents = out["incidents"]
        for name, dtype in (
            ("event_type", text),
            ("classifications", texts),
            ("admin3", text),
            ("admin2_code", text),
            ("jurisdictions", texts),
            ("maritime_zone", text),
        ):
            incidents = add_empty(incidents, name, dtype)
        out["incidents"] = add_empty(incidents, "date_span", text, DateSpan.UNCERTAIN.value)
        notes.append(
            "incidents: new empty columns event_type, classifications, admin3, admin2_code, "
            "jurisdictions, maritime_zone"
        )
        notes.append(
            f"incidents.date_span (new): {out['incidents'].height} set to uncertain, "
            "the meaning of every 0.2 span"
        )
        for table in NEW_TABLES:
            out[table] = empty_table(table, incidents)
        notes.append("participants, casualty_reports: new tables, empty")
    if "targets" in out:
        out["targets"] = add_empty(out["targets"], "infrastructure_type", text)
        notes.append("targets: new empty column infrastructure_type")
    return out, notes
