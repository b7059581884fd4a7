"""What a public release may show: restricted sources stripped (formulas are defused
in the CSV by the writer, ``conflictschema.io.tables``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conflictschema.models.codes import Access

if TYPE_CHECKING:
    import polars as pl

#: What a restricted source keeps in public: enough for references to hold, nothing that identifies it.
RESTRICTED_KEEPS = ("id", "source_type", "reliability", "access")


def restricted() -> pl.Expr:
    """True for a sources row that is restricted."""
    import polars as pl

    is_restricted: pl.Expr = pl.col("access").cast(pl.String) == Access.RESTRICTED.value
    return is_restricted


def redact_sources(sources: pl.DataFrame) -> pl.DataFrame:
    """The sources table as it may be published: restricted rows keep only RESTRICTED_KEEPS."""
    import polars as pl

    return sources.with_columns(
        pl.when(restricted())
        .then(pl.lit([], dtype=dtype) if isinstance(dtype, pl.List) else pl.lit(None, dtype=dtype))
        .otherwise(pl.col(name))
        .alias(name)
        for name, dtype in sources.schema.items()
        if name not in RESTRICTED_KEEPS
    )
