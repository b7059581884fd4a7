"""Data of an earlier standard: its own version's changed rules, then the upgrade.

Runs after layer 1, which read the tables by the columns of the version the data
declares. The rules a later version changed are checked here as that version stated
them (:mod:`conflictschema.models.history`), and the typed tables are then upgraded
to the current standard, so the later layers, ``read`` and every command see current
tables only. For data in the current standard this does nothing.
"""

from __future__ import annotations

from conflictschema.findingcodes import Code
from conflictschema.models.history import upgrade_tables, v0_1, v0_2, v0_3
from conflictschema.validation.checks.references import (
    check_claimant_lineage,
    check_stored_statuses,
)
from conflictschema.validation.context import CheckContext


def _check_v0_1(ctx: CheckContext) -> None:
    check_claimant_lineage(ctx, descendants=v0_1.SPEAKS_FOR_DESCENDANTS)
    if "incidents" in ctx.typed and "claims" in ctx.typed:
        reads = ("incident_id", "claimant", "claim_type", "attributed_to", "method")
        claims = ctx.typed["claims"].filter(ctx.ok("claims", *reads)).select(reads)
        check_stored_statuses(
            ctx,
            v0_1.derived_attribution_statuses(claims),
            (("attribution_status", "derived", v0_1.NO_CLAIMS, Code.ATTRIBUTION_STATUS),),
            reads,
        )
    ctx.statuses_checked = True  # 0.1's statuses are re-derived by the upgrade


def _check_v0_2(ctx: CheckContext) -> None:
    """0.3 changed none of 0.2's rules: the current rules check the upgraded tables."""


def _check_v0_3(ctx: CheckContext) -> None:
    """0.4 changed no rule of the tables: the current rules check them as they are."""


OWN_RULES = {
    v0_1.VERSION: _check_v0_1,
    v0_2.VERSION: _check_v0_2,
    v0_3.VERSION: _check_v0_3,
}


def check_own_version_and_upgrade(ctx: CheckContext) -> None:
    standard = ctx.loaded.standard
    if standard.is_current:
        return
    OWN_RULES[standard.version](ctx)
    typed, notes = upgrade_tables(ctx.typed, standard.version)
    ctx.typed = typed
    ctx.upgraded = True
    ctx.upgrade_notes = notes
    ctx.known_ids.clear()  # collected from the old tables: collect again from the new
