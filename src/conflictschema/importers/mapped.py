"""What every importer hands on, having mapped the whole export at once: the
standard's tables, where each incident came from, and the rows it could not take."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl


@dataclass(frozen=True)
class Skip:
    """A source row that was not imported, and why."""

    line: int
    reason: str
    file: str = ""


@dataclass
class Mapped:
    """An export mapped into the standard's tables, before validation.

    ``origins`` has one row per source row an incident was made from (``incident_id``,
    ``file``, ``line``): an incident validation finds in error is left out, and each of
    these rows is reported as skipped.
    """

    tables: dict[str, pl.DataFrame]
    origins: pl.DataFrame
    #: Rows the mapping itself could not take (no id, no date), with reasons.
    skipped: list[Skip] = field(default_factory=list)
    #: Incidents made, and rows merged into an incident made from an earlier row.
    imported: int = 0
    merged: int = 0


def origins_frame(ids: Sequence[str], files: Sequence[str], lines: Sequence[int]) -> pl.DataFrame:
    import polars as pl

    return pl.DataFrame(
        {"incident_id": ids, "file": files, "line": lines},
        schema={"incident_id": pl.String, "file": pl.String, "line": pl.Int64},
    )
