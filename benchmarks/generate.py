"""Generate a valid contested-incidents package of any size, and a copy with seeded errors.

Columns are built with Polars, not with the models, so a million incidents take
seconds. Every rule holds by construction (the generated package validates with no
errors); ``seed_errors`` then breaks a known 1% of rows in known ways.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from conflictschema.generate.table_schema import generate_datapackage
from conflictschema.models.columns import columns
from conflictschema.models.dataset import DatasetMetadata

# Real places (nearest GeoNames place lies in the stated country), so coordinates are plausible.
PLACES = [
    ("Nova Kakhovka", "Kherson Oblast", "UA-65", "UA", 46.7547, 33.3474),
    ("Polohy", "Zaporizhzhia Oblast", "UA-23", "UA", 47.4846, 36.2561),
    ("Melitopol", "Zaporizhzhia Oblast", "UA-23", "UA", 46.8489, 35.3653),
    ("Berdiansk", "Zaporizhzhia Oblast", "UA-23", "UA", 46.7568, 36.7987),
    ("Mariupol", "Donetsk Oblast", "UA-14", "UA", 47.0971, 37.5434),
    ("Skadovsk", "Kherson Oblast", "UA-65", "UA", 46.1161, 32.9113),
    ("Enerhodar", "Zaporizhzhia Oblast", "UA-23", "UA", 47.4989, 34.6558),
    ("Luhansk", "Luhansk Oblast", "UA-09", "UA", 48.5740, 39.3078),
]
ACTORS = 200
METHODS = ["drone_strike", "ied", "car_bomb", "arson", "shooting", "explosion_unspecified"]


@dataclass(frozen=True)
class Seeded:
    """How many errors ``seed_errors`` planted, by code."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _write(frame: pl.DataFrame, table: str, root: Path) -> None:
    names = [c.name for c in columns(table)]
    frame.select(names).write_csv(
        root / "data" / f"{table}.csv", line_terminator="\n", quote_style="necessary"
    )


def generate_package(n: int, root: Path) -> Path:
    """A valid package of ``n`` incidents, 2 claims, 1 target and 1 participant each, a
    casualty report for every other one, shared actors and sources."""
    (root / "data").mkdir(parents=True, exist_ok=True)
    sources_n = max(10, n // 20)
    i = pl.int_range(0, n, eager=True).alias("i")
    base = pl.DataFrame(i)
    place = pl.DataFrame(
        PLACES,
        schema=["location_name", "admin1", "admin1_code", "country", "lat0", "lon0"],
        orient="row",
    ).with_row_index("p")
    incidents = (
        base.with_columns((c("i") % len(PLACES)).cast(pl.UInt32).alias("p"))
        .join(place, on="p")
        .sort("i")
        .with_columns(
            pl.format("inc-{}", c("i").cast(pl.String).str.zfill(8)).alias("id"),
            pl.format("Explosion at an office in {} ({})", c("location_name"), c("i")).alias(
                "title"
            ),
            pl.lit(
                "An explosion damaged the entrance of a party office; the parties give different accounts."
            ).alias("summary"),
            (pl.date(2022, 3, 1) + pl.duration(days=c("i") % 900)).alias("date_start"),
            pl.lit("day").alias("date_precision"),
            pl.lit("uncertain").alias("date_span"),
            pl.when(c("i") % 2 == 0)
            .then(pl.lit("explosion_unspecified"))
            .otherwise(None)
            .alias("event_type"),
            pl.lit("acled-sub-event:remote-explosive-landmine-ied").alias("classifications"),
            # a distinct point per incident, within about a kilometre of the place
            (c("lat0") + (c("i") % 1000 - 500) * 0.00002).round(5).alias("latitude"),
            (c("lon0") + (c("i") // 1000 % 1000 - 500) * 0.00002).round(5).alias("longitude"),
            pl.lit("settlement").alias("geo_precision"),
            pl.lit("ru").alias("controlled_by"),
            pl.when(c("i") % 3 == 0).then(None).otherwise(c("i") % 4).alias("killed_best"),
            pl.lit("contested").alias("attribution_status"),
            pl.lit("claimed").alias("responsibility_status"),
            pl.lit("active").alias("status"),
            pl.lit("election;occupied-territory").alias("tags"),
            pl.format("acled:UKR{}", c("i")).alias("external_ids"),
            pl.format("src-{}", (c("i") % sources_n).cast(pl.String).str.zfill(6)).alias(
                "source_ids"
            ),
            pl.lit("2024-03-01").alias("created"),
        )
        .with_columns(
            c("date_start").alias("date_end"),
            c("date_start").cast(pl.String).alias("date_edtf"),
            c("killed_best").alias("killed_low"),
            c("created").alias("modified"),
        )
    )
    for name in (
        "admin2",
        "killed_high",
        "injured_low",
        "injured_best",
        "injured_high",
        "withdrawn_reason",
        "superseded_by",
        "previous_ids",
        "time_start",
        "time_end",
        "admin3",
        "admin2_code",
        "jurisdictions",
        "maritime_zone",
    ):
        incidents = incidents.with_columns(pl.lit(None, dtype=pl.String).alias(name))
    _write(incidents, "incidents", root)

    actor = lambda k: pl.format("actor-{}", (k % ACTORS).cast(pl.String).str.zfill(4))  # noqa: E731
    claims = (
        pl.concat(
            [
                base.with_columns(
                    pl.format("clm-{}-a", c("i").cast(pl.String).str.zfill(8)).alias("id"),
                    actor(c("i")).alias("claimant"),
                    pl.lit("responsibility_claim").alias("claim_type"),
                    actor(c("i")).alias("attributed_to"),
                    pl.lit("explosion_unspecified").alias("method"),
                    pl.lit("To oppose the occupation authorities' election.").alias(
                        "stated_motive"
                    ),
                ),
                base.with_columns(
                    pl.format("clm-{}-b", c("i").cast(pl.String).str.zfill(8)).alias("id"),
                    pl.lit("ru").alias("claimant"),
                    pl.lit("attribution").alias("claim_type"),
                    pl.lit("ua").alias("attributed_to"),
                    pl.lit("drone_strike").alias("method"),
                    pl.lit(None, dtype=pl.String).alias("stated_motive"),
                ),
            ]
        )
        .with_columns(
            pl.format("inc-{}", c("i").cast(pl.String).str.zfill(8)).alias("incident_id"),
            pl.lit("The claimant's account, paraphrased.").alias("statement"),
            pl.lit(None, dtype=pl.String).alias("made_on"),
            *(
                pl.lit(None, dtype=pl.String).alias(n)
                for n in ("disputes", "supersedes", "retracted_on")
            ),
            pl.lit("cannot_be_judged").alias("credibility"),
            pl.format("src-{}", (c("i") % sources_n).cast(pl.String).str.zfill(6)).alias(
                "source_ids"
            ),
        )
        .sort("id")
    )
    _write(claims, "claims", root)

    targets = base.with_columns(
        pl.format("tgt-{}", c("i").cast(pl.String).str.zfill(8)).alias("id"),
        pl.format("inc-{}", c("i").cast(pl.String).str.zfill(8)).alias("incident_id"),
        pl.lit("party_office").alias("target_type"),
        pl.lit(None, dtype=pl.String).alias("infrastructure_type"),
        pl.lit("Party office").alias("name"),
        pl.lit("united-russia").alias("affiliation"),
        pl.when(c("i") % 2 == 0)
        .then(pl.lit("Entrance damaged."))
        .otherwise(None)
        .alias("description"),
    )
    _write(targets, "targets", root)

    incident_id = pl.format("inc-{}", c("i").cast(pl.String).str.zfill(8)).alias("incident_id")
    participants = base.with_columns(
        pl.format("par-{}", c("i").cast(pl.String).str.zfill(8)).alias("id"),
        incident_id,
        pl.lit("united-russia").alias("actor"),
        pl.lit("target").alias("role"),
        pl.format("src-{}", (c("i") % sources_n).cast(pl.String).str.zfill(6)).alias("source_ids"),
    )
    _write(participants, "participants", root)

    reports = base.filter(c("i") % 2 == 1).with_columns(
        pl.format("cas-{}", c("i").cast(pl.String).str.zfill(8)).alias("id"),
        incident_id,
        pl.lit("civilians").alias("category"),
        (c("i") % 4).alias("killed_best"),
        *(
            pl.lit(None, dtype=pl.Int64).alias(f"{m}_{p}")
            for m in ("killed", "injured", "missing")
            for p in ("low", "best", "high")
            if (m, p) != ("killed", "best")
        ),
        pl.lit("none_or_unknown").alias("zeros"),
        pl.lit("ru").alias("reported_by"),
        pl.lit("2024-03-02").alias("as_of"),
        pl.format("src-{}", (c("i") % sources_n).cast(pl.String).str.zfill(6)).alias("source_ids"),
    )
    _write(reports, "casualty_reports", root)

    s = pl.DataFrame(pl.int_range(0, sources_n, eager=True).alias("i")).with_columns(
        pl.format("src-{}", c("i").cast(pl.String).str.zfill(6)).alias("id"),
        pl.format("https://news.example/report/{}", c("i")).alias("url"),
        pl.format("Report {}", c("i")).alias("title"),
        pl.lit("Example News").alias("publisher"),
        pl.lit("2024-03-01").alias("published_on"),
        pl.lit("en").alias("language"),
        pl.lit("news_media").alias("source_type"),
        pl.lit("fairly_reliable").alias("reliability"),
        pl.lit("public").alias("access"),
        *(
            pl.lit(None, dtype=pl.String).alias(n)
            for n in ("relays", "archive_url", "archived_at", "content_sha256")
        ),
    )
    _write(s, "sources", root)

    fixed = pl.DataFrame(
        [
            ("ru", "Russian Federation", "state", "RU"),
            ("ua", "Ukraine", "state", "UA"),
            ("united-russia", "United Russia", "political_party", "RU"),
        ],
        schema=["id", "name", "kind", "country"],
        orient="row",
    )
    groups = (
        pl.DataFrame(pl.int_range(0, ACTORS, eager=True).alias("i"))
        .with_columns(
            actor(c("i")).alias("id"),
            pl.format("Resistance group {}", c("i")).alias("name"),
            pl.lit("resistance_movement").alias("kind"),
            pl.lit("UA").alias("country"),
        )
        .drop("i")
    )
    actors = (
        pl.concat([fixed, groups])
        .with_columns(
            pl.lit(None, dtype=pl.String).alias("aliases"),
            pl.lit(None, dtype=pl.String).alias("parent"),
        )
        .sort("id")
    )
    _write(actors, "actors", root)

    meta = DatasetMetadata(
        name="benchmark",
        title=f"Generated benchmark dataset of {n} incidents",
        version="1.0.0",
        licenses=[{"name": "CC0-1.0"}],
    )  # type: ignore[list-item]
    (root / "datapackage.json").write_text(json.dumps(generate_datapackage(meta), indent=2) + "\n")
    return root


c = pl.col


def seed_errors(source: Path, target: Path, rate: float = 0.01) -> Seeded:
    """Copy ``source`` to ``target`` and break ``rate`` of incident rows (one error each) in four ways."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    incidents = pl.read_csv(target / "data" / "incidents.csv", infer_schema=False)
    n = incidents.height
    step = max(1, round(1 / rate))
    kind = (pl.int_range(0, n) // step) % 4
    chosen = pl.int_range(0, n) % step == step // 2
    broken = incidents.with_columns(
        pl.when(chosen & (kind == 0))
        .then(pl.lit("about 3"))
        .otherwise(c("killed_best"))
        .alias("killed_best"),
        pl.when(chosen & (kind == 1))
        .then(pl.lit("7"))
        .otherwise(c("geo_precision"))
        .alias("geo_precision"),
        pl.when(chosen & (kind == 2))
        .then(pl.lit("nobody"))
        .otherwise(c("controlled_by"))
        .alias("controlled_by"),
        pl.when(chosen & (kind == 3))
        .then(pl.lit("1899-12-31"))
        .otherwise(c("date_end"))
        .alias("date_end"),
    )
    mask = incidents.select(chosen.alias("chosen"), kind.alias("kind"))
    counts = mask.filter(c("chosen")).group_by("kind").len()
    names = {0: "type-error", 1: "unknown-code", 2: "fk-missing", 3: "date-order"}
    broken.write_csv(
        target / "data" / "incidents.csv", line_terminator="\n", quote_style="necessary"
    )
    return Seeded({names[k]: v for k, v in counts.iter_rows()})
