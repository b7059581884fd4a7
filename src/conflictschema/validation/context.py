"""What every check receives: the loaded tables, their typed values, and where to put findings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from conflictschema.findingcodes import Code
from conflictschema.findings import Finding, FindingLog
from conflictschema.validation.tables import LOC, ROW, Loaded, join_loc

#: A finding's message: a ``str.format`` template over the hit's columns, or a function of them.
Message = str | Callable[[dict[str, Any]], str]


def bad(column: str) -> str:
    """Name of the flag column that marks cells of ``column`` that broke a structure rule."""
    return f"{column}__bad"


@dataclass
class CheckContext:
    """Shared state of one validation run.

    ``typed`` holds, per table, every column of the standard as a typed value (null
    where the cell is empty, missing or broken), a ``<column>__bad`` flag per column,
    and the row number. Rules read only cells whose flag is false, so a broken cell is
    reported once, by the structure layer, and never again as a rule breach.
    """

    loaded: Loaded
    typed: dict[str, pl.DataFrame] = field(default_factory=dict)
    findings: FindingLog = field(default_factory=FindingLog)
    known_ids: dict[str, pl.DataFrame] = field(default_factory=dict)
    #: Keep every column's values in ``typed`` (for building records), not only those
    #: the later layers read.
    keep_values: bool = False
    #: The data declared an earlier standard: checked by its own version's rules, then
    #: ``typed`` was upgraded to the current standard (see checks/versions.py).
    upgraded: bool = False
    #: The stored statuses were checked by the rules of the version the data declares.
    statuses_checked: bool = False
    #: What the upgrade changed, in words (empty for data in the current standard).
    upgrade_notes: list[str] = field(default_factory=list)

    def file(self, table: str) -> str:
        return self.loaded.tables[table].file

    def emit(
        self,
        table: str,
        hits: pl.DataFrame,
        code: Code,
        column: str | None,
        message: Message,
        value: str | None = None,
    ) -> None:
        """One finding per row of ``hits`` (which carries ROW, and LOC for JSON inputs).

        A template message names the hit's columns in braces (``"{id!r} is unknown"``);
        literal braces are doubled. Hits beyond the log's room for ``code`` are counted
        without building a finding, so memory does not grow with the number of hits.
        """
        if hits.is_empty():
            return
        room = self.findings.room(code)
        file = self.file(table)
        excess = 0
        if room is not None and hits.height > room:
            excess = hits.height - room
            hits = hits.head(room)
        has_loc = LOC in hits.columns
        for row in hits.iter_rows(named=True):
            text = message(row) if callable(message) else message.format_map(row)
            shown = row.get(value) if value else None
            if shown is not None and not isinstance(shown, (str, list)):
                shown = str(shown)
            self.findings.append(
                Finding(
                    code=code,
                    message=text,
                    file=file,
                    row=row[ROW],
                    field=join_loc(row[LOC], column) if has_loc and column else column,
                    value=shown,
                )
            )
        if excess:
            self.findings.count_only(code, file, excess)

    def ok(self, table: str, *columns: str) -> pl.Expr:
        """True where none of ``columns`` holds a broken cell."""
        expr = pl.lit(True)
        for column in columns:
            expr = expr & ~pl.col(bad(column))
        return expr


def keep(*columns: str) -> list[str]:
    """The columns a finding needs besides its own: row number and JSON location."""
    return [ROW, LOC, *columns]


def select_hits(frame: pl.DataFrame, mask: pl.Expr | pl.Series, *columns: str) -> pl.DataFrame:
    wanted = [c for c in keep(*columns) if c in frame.columns]
    return frame.lazy().filter(mask).select(list(dict.fromkeys(wanted))).collect()
