"""UCDP GED event exports -> the standard (mapping in docs/importers/ucdp-ged.md).

A GED event is a day (or span) of organised violence between two sides. In state-based
and non-state violence (types 1 and 2) the sides are a dyad with no direction: they
become participants ``side_a`` and ``side_b``, and no claim. In one-sided violence
(type 3) UCDP codes side A as the actor that killed civilians: that is UCDP's own
judgement of who did it, so it becomes an assessment claim by UCDP naming side A,
cited to the event's record. The deaths by side are casualty reports whose 0 means
none (UCDP's estimate), and the articles UCDP cites are sources the record relays.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictschema.importers.columnar import (
    SourceTable,
    by_value,
    by_values,
    cell,
    classifications,
    coordinate,
    extensions,
    mapped,
    mentioned,
    numbered,
    quoted,
    record_sources,
    region_codes,
    skips,
    source_frame,
    stripped,
    text,
    whole_number,
    with_columns_present,
)
from conflictschema.importers.crosswalks import country_by_name, gleditsch_ward_table
from conflictschema.importers.mapped import Mapped
from conflictschema.importers.sourcefile import (
    Export,
    csv_export,
    parse_date,
    precision_of_span,
    slug,
)
from conflictschema.models.classifications import slug as category

if TYPE_CHECKING:
    import polars as pl

NAME = "ucdp-ged"
LABEL = "UCDP GED"
#: Columns every GED export has; a file without them is not one.
REQUIRED = ("id", "type_of_violence", "side_a", "side_b", "date_start", "date_end", "best")
#: Columns mapped to fields; every other column goes to an x_ucdp_ged_<column> extension.
MAPPED = {
    "id", "code_status", "type_of_violence", "side_a", "side_b", "source_article",
    "source_office", "source_date", "source_headline", "where_prec", "where_coordinates",
    "adm_1", "adm_2", "latitude", "longitude", "country", "country_id", "event_clarity",
    "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "best", "high", "low",
}  # fmt: skip

VIOLENCE = {"1": "state-based", "2": "non-state", "3": "one-sided"}
CLARITY = {"1": "high", "2": "low"}
#: where_prec -> geo precision: 1 the place named, 2 within 25 km of it, 3 the admin2
#: unit, 4 the admin1 unit, 5 a linear feature or other region, 6 the country, 7
#: international waters or airspace.
GEO_PRECISIONS = {
    "1": "settlement",
    "2": "approximate",
    "3": "admin2",
    "4": "admin1",
    "5": "region",
    "6": "country",
    "7": "at_sea",
}
#: deaths column -> casualty report category.
DEATHS = {
    "deaths_a": "side_a",
    "deaths_b": "side_b",
    "deaths_civilians": "civilians",
    "deaths_unknown": "unknown",
}
_ARTICLE = re.compile(r"^\s*(?P<outlet>[^,]+),\s*(?P<date>[^,]+),\s*(?P<headline>.*)$", re.S)


def read_export(path: Path) -> Export:
    return csv_export(path, label=LABEL, required=REQUIRED)


def _kind(name: str) -> str:
    """UCDP names a state's side "Government of X"; every other side is an
    organised armed group, except the civilians of one-sided violence."""
    if name.startswith("Government of"):
        return "state"
    return "group" if name.lower() == "civilians" else "non_state_armed_group"


def _packed_articles(packed: str) -> list[dict[str, Any]]:
    """The articles of a ``source_article`` cell: ``"Outlet,YYYY-MM-DD,Headline"`` items,
    ``;``-joined and each quoted (read by the csv module: this is for cells whose quoting
    is irregular; :func:`_articles` reads the regular ones with Polars)."""
    try:
        found = next(csv.reader([packed], delimiter=";", quotechar='"'), [])
    except csv.Error:  # a line break in an unquoted item: the cell is one item
        found = [packed]
    articles: list[dict[str, Any]] = []
    for item in found:
        match = _ARTICLE.match(item)
        if match is None:
            if item.strip():
                articles.append(
                    {"publisher": None, "published_on": None, "title": item.strip()[:500]}
                )
            continue
        headline = match["headline"].strip()
        articles.append(
            {
                "publisher": match["outlet"].strip()[:500] or None,
                "published_on": parse_date(match["date"], day_first=False),
                "title": headline[:500] if headline not in ("", "-") else None,
            }
        )
    return articles


#: A ``source_article`` cell of items each quoted, or unquoted and on one line.
_REGULAR = r'^(?:"(?:[^"]|"")*"|[^";\r\n]*)(?:;(?:"(?:[^"]|"")*"|[^";\r\n]*))*$'
#: _ARTICLE for Polars: Python's \s (Unicode whitespace and \x1c-\x1f) spelt out.
_ARTICLE_ITEM = r"(?s)^[\s\x1c-\x1f]*([^,]+),[\s\x1c-\x1f]*([^,]+),[\s\x1c-\x1f]*(.*)$"


def _article_type() -> pl.DataType:
    import polars as pl

    return pl.List(pl.Struct({"publisher": pl.String, "published_on": pl.Date, "title": pl.String}))


def _articles(rows: pl.DataFrame) -> pl.DataFrame:
    """Every article each row cites (``__row``, ``__id``, ``publisher``,
    ``published_on``, ``title``), in order: ``source_article`` packs items
    ``"Outlet,YYYY-MM-DD,Headline"``, ``;``-joined and each quoted; without it, the
    parallel ``;``-joined ``source_office``, ``source_date`` (day first) and
    ``source_headline`` columns hold them."""
    import polars as pl

    c = pl.col
    packed = rows.select("__row", "__id", cell("source_article").alias("packed")).filter(
        c("packed").is_not_null()
    )
    regular = c("packed").str.contains(_REGULAR)
    items = (
        packed.filter(regular)
        .select(
            "__row", "__id", c("packed").str.extract_all(r'"(?:[^"]|"")*"|[^;"]+').alias("item")
        )
        .explode("item")
        .drop_nulls("item")
        .with_columns(
            pl.when(c("item").str.starts_with('"'))
            .then(
                c("item")
                .str.slice(1, c("item").str.len_chars() - 2)
                .str.replace_all('""', '"', literal=True)
            )
            .otherwise(c("item"))
            .alias("item")
        )
        .with_columns(c("item").str.extract_groups(_ARTICLE_ITEM).alias("parts"))
        .with_columns(
            c("parts").struct.field("1").alias("outlet"),
            c("parts").struct.field("2").alias("date"),
            text(c("parts").struct.field("3").fill_null("")).alias("headline"),
        )
    )
    items = items.filter(c("outlet").is_not_null() | (stripped("item") != ""))
    items = items.with_columns(
        by_value(items.get_column("date").fill_null(""), _us_day, pl.Date).alias("published_on")
    )
    from_items = items.select(
        "__row",
        "__id",
        pl.when(c("outlet").is_not_null()).then(text(c("outlet"), 500)).alias("publisher"),
        pl.when(c("outlet").is_not_null()).then(c("published_on")).alias("published_on"),
        pl.when(c("outlet").is_null())
        .then(stripped("item").str.slice(0, 500))
        .when(c("headline") != "-")
        .then(c("headline").str.slice(0, 500))
        .alias("title"),
    )
    irregular = packed.filter(~regular)
    from_python = (
        irregular.with_columns(
            by_value(irregular.get_column("packed"), _packed_articles, _article_type()).alias("a")
        )
        .select("__row", "__id", "a")
        .explode("a")
        .drop_nulls("a")
        .unnest("a")
    )
    parallel = rows.filter(cell("source_article").is_null()).select(
        "__row",
        "__id",
        cell("source_office").fill_null("").str.split(";").alias("office"),
        cell("source_date").fill_null("").str.split(";").alias("dates"),
        cell("source_headline").fill_null("").str.split(";").alias("headlines"),
    )
    parallel = (
        parallel.with_columns(pl.int_ranges(c("office").list.len()).alias("n"))
        .explode("office", "n")
        .filter(stripped("office") != "")
        .with_columns(
            c("dates").list.get(c("n"), null_on_oob=True).fill_null("").alias("date"),
            stripped(c("headlines").list.get(c("n"), null_on_oob=True).fill_null("")).alias(
                "headline"
            ),
        )
    )
    parallel = parallel.select(
        "__row",
        "__id",
        stripped("office").str.slice(0, 500).alias("publisher"),
        by_value(parallel.get_column("date"), _day_first, pl.Date).alias("published_on"),
        pl.when(~c("headline").is_in(["", "-"]))
        .then(c("headline").str.slice(0, 500))
        .alias("title"),
    )
    return pl.concat([from_items, from_python, parallel], how="diagonal_relaxed").sort(
        "__row", maintain_order=True
    )


def _us_day(text: str) -> dt.date | None:
    return parse_date(text, day_first=False)


def _day_first(text: str) -> dt.date | None:
    return parse_date(text, day_first=True)


def _country_by_date(rows: pl.DataFrame) -> pl.Series:
    """Each row's country: its Gleditsch-Ward number on the event's first day (a state
    number names different countries over time), else its country name."""
    import polars as pl

    c = pl.col
    states = pl.DataFrame(
        [
            (number, start, until, code)
            for number, entries in gleditsch_ward_table().items()
            for start, until, code in entries
        ],
        schema={"__gw": pl.Int64, "from": pl.Date, "until": pl.Date, "code": pl.String},
        orient="row",
    ).with_row_index("__entry")  # a number's first entry that fits the date wins
    numbered_rows = rows.select(
        "__row", whole_number(cell("country_id").fill_null("")).alias("__gw"), "__start"
    )
    by_number = (
        numbered_rows.join(states, on="__gw")
        .filter(
            (c("from").is_null() | (c("__start") >= c("from")))
            & (c("until").is_null() | (c("__start") <= c("until")))
        )
        .sort("__row", "__entry")
        .unique("__row", keep="first")
        .select("__row", "code")
    )
    names = by_value(
        rows.get_column("country").fill_null(""), lambda n: country_by_name(n or ""), pl.String
    )
    return (
        rows.select(
            "__row", cell("country").is_not_null().alias("__named"), names.alias("__by_name")
        )
        .join(by_number, on="__row", how="left", maintain_order="left")
        .select(
            pl.coalesce(c("code"), pl.when(c("__named")).then(c("__by_name"))).alias("__country")
        )
        .get_column("__country")
    )


def _precision(start: dt.date, end: dt.date) -> str:
    return precision_of_span(start, end) if end >= start else "day"


def map_export(files: list[SourceTable]) -> Mapped:
    """Every GED event of ``files`` in the standard's tables, mapped column by column:
    the Python work is done once per distinct value."""
    import polars as pl

    c = pl.col
    source = with_columns_present(source_frame(files), MAPPED)
    event = cell("id")
    bad_id = event.is_null() | ~event.str.contains(r"^[A-Za-z0-9._-]{1,40}$")
    skipped = skips(source.filter(bad_id), pl.format("id {} is not a GED event id", quoted("id")))
    source = source.filter(~bad_id).with_columns(
        event.alias("__event"),
        by_value(source.filter(~bad_id).get_column("date_start"), _us_day, pl.Date).alias(
            "__start"
        ),
        by_value(source.filter(~bad_id).get_column("date_end"), _us_day, pl.Date).alias("__end"),
    )
    no_dates = c("__start").is_null() | c("__end").is_null()
    skipped += skips(
        source.filter(no_dates),
        pl.format(
            "date_start/date_end {}, {} are no dates", quoted("date_start"), quoted("date_end")
        ),
    )
    rows = (
        source.filter(~no_dates)
        .with_row_index("__row")
        .with_columns((pl.lit(f"{NAME}-") + c("__event")).alias("__id"))
        .with_columns((pl.lit("src-") + c("__id")).alias("__record"))
    )
    first = rows.unique("__id", keep="first", maintain_order=True)

    # sides, and UCDP, whose record each event is
    sides = [
        rows.select(
            "__row", "__id", "__record",
            pl.lit(order).alias("__order"),
            cell(column).alias("name"),
            pl.lit(column).alias("role"),
        )
        for order, column in enumerate(("side_a", "side_b"))
    ]  # fmt: skip
    mentions = pl.concat(sides)
    mentions = mentions.with_columns(
        by_value(mentions.get_column("name").fill_null(""), _kind, pl.String).alias("kind")
    )
    ucdp = rows.head(1).select(
        "__row", "__id", "__record",
        pl.lit(2).alias("__order"),
        pl.lit("UCDP").alias("name"),
        pl.lit(None, pl.String).alias("role"),
        pl.lit("ngo").alias("kind"),
    )  # fmt: skip
    participants, actors = mentioned(pl.concat([mentions, ucdp]), NAME)
    ucdp_id = f"{NAME}-actor-ucdp"

    # UCDP's judgement of one-sided violence: side A did it
    side_a = first.select("__id", cell("side_a").alias("name"))
    side_a = side_a.with_columns(
        by_value(
            side_a.get_column("name").fill_null(""), lambda n: f"{NAME}-actor-{slug(n)}", pl.String
        ).alias("actor")
    )
    one_sided = (cell("type_of_violence") == "3") & cell("side_a").is_not_null()
    claims = (
        first.filter(one_sided)
        .join(side_a.select("__id", "actor"), on="__id", how="left")
        .select(
            (c("__id") + "-k1").alias("id"),
            c("__id").alias("incident_id"),
            pl.lit(ucdp_id).alias("claimant"),
            pl.lit("assessment").alias("claim_type"),
            pl.concat_list("actor").alias("attributed_to"),
            pl.lit(
                "UCDP codes this event as one-sided violence by side A against civilians."
            ).alias("statement"),
            pl.lit("unknown").alias("method"),
            pl.lit("cannot_be_judged").alias("credibility"),
            pl.concat_list("__record").alias("source_ids"),
        )
    )

    # the figures: low, best and high in the standard's order, and deaths by side
    first = first.with_columns(
        whole_number(cell("low").fill_null("")).alias("__low"),
        whole_number(cell("best").fill_null("")).alias("__best"),
        whole_number(cell("high").fill_null("")).alias("__high"),
    )
    first = first.with_columns(
        pl.when(c("__best").is_not_null() & (c("__high") < c("__best")))
        .then(None)
        .otherwise(c("__high"))
        .alias("__high"),
        pl.when(c("__best").is_not_null() & (c("__low") > c("__best")))
        .then(None)
        .otherwise(c("__low"))
        .alias("__low"),
    ).with_columns(
        pl.when(c("__high") < c("__low")).then(None).otherwise(c("__high")).alias("__high")
    )
    figures = [
        first.filter(pl.any_horizontal(c("__low", "__best", "__high").is_not_null())).select(
            "__row", "__id", "__record",
            pl.lit(0).alias("__order"),
            pl.lit("all").alias("category"),
            c("__low").alias("killed_low"),
            c("__best").alias("killed_best"),
            c("__high").alias("killed_high"),
        )
    ]  # fmt: skip
    for order, (column, whose) in enumerate(DEATHS.items(), start=1):
        deaths = whole_number(cell(column).fill_null(""))
        figures.append(
            first.filter(deaths.is_not_null()).select(
                "__row", "__id", "__record",
                pl.lit(order).alias("__order"),
                pl.lit(whose).alias("category"),
                deaths.alias("killed_best"),
            )
        )  # fmt: skip
    reports = (
        pl.concat(figures, how="diagonal")
        .sort("__row", "__order", maintain_order=True)
        .select(
            numbered("__id", "c").alias("id"),
            c("__id").alias("incident_id"),
            "category", "killed_low", "killed_best", "killed_high",
            pl.lit("none").alias("zeros"),
            pl.lit(ucdp_id).alias("reported_by"),
            pl.concat_list("__record").alias("source_ids"),
        )
    )  # fmt: skip

    # the articles UCDP cites, relayed by the event's record (a merged row adds none)
    articles = _articles(first).with_columns(numbered("__id", "a").alias("__article"))
    articles = articles.with_columns(
        (pl.lit("src-") + c("__article")).alias("id"), pl.lit("other").alias("source_type")
    )
    sources = record_sources(
        first,
        pl.format("UCDP GED event {}", c("__event")),
        "UCDP",
        articles.select("__id", "id", "publisher", "published_on", "title", "source_type"),
    )
    built = {
        "incidents": _incidents(first),
        "participants": participants,
        "claims": claims,
        "casualty_reports": reports,
        "actors": actors,
        "sources": sources,
    }
    return mapped(built, rows, first, skipped)


def _incidents(first: pl.DataFrame) -> pl.DataFrame:
    """The incidents, one per event (from its first row)."""
    import polars as pl

    c = pl.col
    first = first.with_columns(
        _country_by_date(first).alias("__country"),
        coordinate("latitude", 90).alias("__latitude"),
        coordinate("longitude", 180).alias("__longitude"),
    )
    status = cell("code_status")
    first = first.with_columns(
        pl.when(c("__start") == c("__end"))
        .then(pl.lit("day"))
        .otherwise(by_values(first, _precision, pl.String, c("__start"), c("__end")))
        .alias("__precision"),
        region_codes(first, c("__country"), cell("adm_1")).alias("__region"),
        by_value(first.get_column("code_status"), lambda v: category(v.strip()), pl.String).alias(
            "__status"
        ),
    )
    located = c("__latitude").is_not_null() & c("__longitude").is_not_null()
    where = cell("where_coordinates")
    violence = cell("type_of_violence").replace_strict(
        VIOLENCE, default=None, return_dtype=pl.String
    )
    clarity = cell("event_clarity").replace_strict(CLARITY, default=None, return_dtype=pl.String)
    no_country = c("__country").is_null()
    return first.select(
        c("__id").alias("id"),
        pl.format(
            "{} - {}, {}",
            cell("side_a").fill_null("?"),
            cell("side_b").fill_null("?"),
            pl.coalesce(where, cell("country"), pl.lit("place unknown")),
        ).str.slice(0, 500).alias("title"),
        classifications(
            first,
            pl.lit("ucdp-violence:") + violence,
            pl.lit("ucdp-clarity:") + clarity,
            pl.when(status.is_not_null()).then(pl.lit("ucdp-code-status:") + c("__status")),
        ),
        c("__start").alias("date_start"),
        c("__end").alias("date_end"),
        c("__precision").alias("date_precision"),
        pl.lit("uncertain").alias("date_span"),
        where.str.slice(0, 500).alias("location_name"),
        text(cell("adm_1").fill_null(""), 500).alias("admin1"),
        text(cell("adm_2").fill_null(""), 500).alias("admin2"),
        c("__region").alias("admin1_code"),
        c("__country").alias("country"),
        pl.when(located).then(c("__latitude")).alias("latitude"),
        pl.when(located).then(c("__longitude")).alias("longitude"),
        pl.when(located)
        .then(cell("where_prec").replace_strict(GEO_PRECISIONS, default=None, return_dtype=pl.String))
        .alias("geo_precision"),
        c("__low").alias("killed_low"),
        c("__best").alias("killed_best"),
        c("__high").alias("killed_high"),
        pl.lit("active").alias("status"),
        pl.concat_list(pl.lit(f"{NAME}:") + c("__event")).alias("external_ids"),
        pl.concat_list("__record").alias("source_ids"),
        *extensions(
            first.columns,
            NAME,
            MAPPED,
            {"country": no_country, "country_id": no_country,
             "low": c("__low").is_null(), "high": c("__high").is_null()},
        ),
    )  # fmt: skip
