"""Standard 0.3 and the upgrade to 0.4.

0.4 changed no table: it gave the dataset's metadata the Data Package properties
``keywords`` and ``contributors``, so a package's descriptor keeps them through
``convert`` and ``release`` and a dataset document may state them. Every 0.3 table and
value is a 0.4 one as it stands, so the upgrade changes nothing but the version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

VERSION = "0.3.0"


def upgrade(typed: dict[str, pl.DataFrame]) -> tuple[dict[str, pl.DataFrame], list[str]]:
    """0.3 tables -> 0.4 tables (the same), and what changed, in words."""
    return dict(typed), ["tables unchanged; the metadata may now give keywords and contributors"]
