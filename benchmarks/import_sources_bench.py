"""Benchmark: rows per second of every importer, on exports made of the tests' own
fixture rows (no source data), each row with its own id and a place of its own.

    python benchmarks/import_sources_bench.py --rows 5000 [--sources acled gtd]

The issue's target is 50,000 source rows per second on a 2-core machine. The rows of
one source are alike but for id and place, so the figures show the importer's cost per
row, not the cost of an export's variety. Each row is printed with its export's size
and the time of a bare read of the export (Polars' CSV reader, or the JSON module),
measured in the same run: an Airwars row carries a long assessment, so its rate is
bound by bytes, not rows. The package's modules are loaded before the first import is
timed.

A second table shows what of each import's time is not mapping, measured after it on
the package it wrote: the engine's check of that package (the check the import runs
before it moves the package into place), a bare write and a bare parse of its tables
by Polars, and the floor those make with the export's bare read. Against the time the
target allows (rows / 50,000), the floor says how much is left for mapping; a floor
above the target's time is a bound the mapping cannot beat.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.unit.importers import test_acled as acled  # noqa: E402
from tests.unit.importers import test_airwars as airwars  # noqa: E402
from tests.unit.importers import test_bellingcat as bellingcat  # noqa: E402
from tests.unit.importers import test_gtd as gtd  # noqa: E402
from tests.unit.importers import test_ucdp_ged as ucdp  # noqa: E402
from tests.unit.importers.support import write_export, write_records  # noqa: E402

import conflictschema  # noqa: E402


def _place(n: int) -> tuple[str, str]:
    return f"{44 + (n % 700) / 100:.4f}", f"{30 + (n // 700) / 10:.4f}"


def _acled(folder: Path, places: list[tuple[str, str]]) -> Path:
    rows = [
        acled.ROWS[1].replace("UKR100002", f"UKR{n:07d}").replace("48.1394,37.7497", ",".join(p))
        for n, p in enumerate(places)
    ]
    return write_export(folder / "acled.csv", acled.HEADER, rows)


def _ucdp_ged(folder: Path, places: list[tuple[str, str]]) -> Path:
    rows = [
        ucdp.ONE_SIDED.replace("500001", str(600000 + n), 1).replace("49.9935,36.2304", ",".join(p))
        for n, p in enumerate(places)
    ]
    return write_export(folder / "ucdp.csv", ucdp.HEADER, rows)


def _gtd(folder: Path, places: list[tuple[str, str]]) -> Path:
    # a GTD id is 12 digits (date and number): these stay 12 up to 99,800,000 rows
    records = [
        {**gtd.BOMBING, "eventid": str(201402200000 + n), "latitude": p[0], "longitude": p[1]}
        for n, p in enumerate(places)
    ]
    return write_records(folder / "gtd.csv", gtd.COLUMNS, records)


def _airwars(folder: Path, places: list[tuple[str, str]]) -> Path:
    records = [
        {**airwars.LIKELY, "Incident code": f"x{n}", "Latitude": p[0], "long": p[1]}
        for n, p in enumerate(places)
    ]
    return write_records(folder / "airwars.csv", airwars.COLUMNS, records)


def _bellingcat(folder: Path, places: list[tuple[str, str]]) -> Path:
    records = [
        {**bellingcat.RECORDS[0], "id": f"C{n}", "latitude": p[0], "longitude": p[1],
         "sources": [{**s, "id": f"{s['id']}{n}"} for s in bellingcat.RECORDS[0]["sources"]]}
        for n, p in enumerate(places)
    ]  # fmt: skip
    path = folder / "bellingcat.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


EXPORTS: dict[str, Callable[[Path, list[tuple[str, str]]], Path]] = {
    "acled": _acled,
    "ucdp-ged": _ucdp_ged,
    "gtd": _gtd,
    "airwars": _airwars,
    "bellingcat": _bellingcat,
}


def exports(folder: Path, rows: int, sources: Iterable[str] = EXPORTS) -> dict[str, Path]:
    """An export of ``rows`` rows for each of ``sources``, written in ``folder``."""
    places = [_place(n) for n in range(rows)]
    return {source: EXPORTS[source](folder, places) for source in sources}


def bare_read(export: Path) -> float:
    """Seconds for the reference: the export read as it is, with no mapping (Polars'
    CSV reader, all text; the JSON module for a JSON export, with Python's cycle
    collector paused as the importer pauses it, or its passes over the records already
    decoded take longer than the decoding)."""
    import polars as pl

    from conflictschema.collector import collector_paused

    start = time.perf_counter()
    if export.suffix == ".json":
        with collector_paused():
            json.loads(export.read_bytes())
    else:
        pl.read_csv(export, infer_schema=False)
    return time.perf_counter() - start


#: The rows a second the issue asks of every importer.
TARGET = 50_000


def package_floor(package: Path, scratch: Path) -> dict[str, float]:
    """What the import did after mapping, measured on the package it wrote: its rows
    and megabytes, the engine's check of it (as the import runs it), and a bare write
    and bare parse of its tables by Polars (all text)."""
    import polars as pl

    from conflictschema.validation.runner import run_checks

    tables = sorted((package / "data").glob("*.csv"))
    start = time.perf_counter()
    frames = [pl.read_csv(table, infer_schema=False) for table in tables]
    parsed = time.perf_counter() - start
    scratch.mkdir()
    start = time.perf_counter()
    for table, frame in zip(tables, frames, strict=True):
        frame.write_csv(scratch / table.name)
    written = time.perf_counter() - start
    start = time.perf_counter()
    report, _ = run_checks(package, per_code=None, plausibility=False)
    checked = time.perf_counter() - start
    assert not [f for f in report.findings if f.severity == "error"], package
    return {
        "rows": sum(frame.height for frame in frames),
        "megabytes": sum(table.stat().st_size for table in tables) / 1e6,
        "check": checked,
        "write": written,
        "parse": parsed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument(
        "--sources",
        nargs="+",
        choices=conflictschema.importers.SOURCES,
        default=conflictschema.importers.SOURCES,
        help="the importers to time (all by default); a million Airwars rows is 5.7 GB",
    )
    arguments = parser.parse_args()
    rows = arguments.rows
    # the package's modules are loaded before any import is timed: starting up is not
    # a row's cost (``conflictschema --version`` measures it), and the first source
    # timed would otherwise pay it alone
    import importlib

    for module in ("importers", "validation.runner", "io.tables"):
        importlib.import_module(f"conflictschema.{module}")
    for source in conflictschema.importers.SOURCES:
        importlib.import_module(f"conflictschema.importers.{source.replace('-', '_')}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(
            f"{'source':>12} {'rows':>7} {'MB':>6} {'seconds':>8} {'rows/s':>8} {'MB/s':>6}"
            f" {'bare read':>9} {'ratio':>6}  (target 50,000 rows/s)"
        )
        floors: dict[str, tuple[float, dict[str, float]]] = {}
        for source, export in exports(folder, rows, arguments.sources).items():
            megabytes = export.stat().st_size / 1e6
            reference = bare_read(export)
            start = time.perf_counter()
            result = conflictschema.import_(source, [export], folder / f"out-{source}")
            seconds = time.perf_counter() - start
            assert result.imported == rows, (source, result.skipped[:3])
            print(
                f"{source:>12} {rows:>7} {megabytes:>6.1f} {seconds:>8.2f} {rows / seconds:>8,.0f}"
                f" {megabytes / seconds:>6.1f} {reference:>8.2f}s {seconds / reference:>5.1f}x"
            )
            floors[source] = (reference, package_floor(result.out, folder / f"bare-{source}"))
        budget = rows / TARGET
        print(
            f"\n{'source':>12} {'out rows':>9} {'out MB':>7} {'check':>6} {'write':>6}"
            f" {'parse':>6} {'floor':>6} {'target':>7} {'left':>6}"
            "  (floor: bare read + check + bare write; left: target - floor, for mapping)"
        )
        for source, (reference, floor) in floors.items():
            least = reference + floor["check"] + floor["write"]
            print(
                f"{source:>12} {floor['rows']:>9,.0f} {floor['megabytes']:>7.1f}"
                f" {floor['check']:>5.2f}s {floor['write']:>5.2f}s {floor['parse']:>5.2f}s"
                f" {least:>5.2f}s {budget:>6.2f}s {budget - least:>5.2f}s"
            )


if __name__ == "__main__":
    main()
