"""Benchmark: rows per second of `conflictschema import acled` on a generated export.

The export has the columns and value forms of ACLED's codebook (no ACLED data): dyadic
rows, a few outlets each, numeric actor types, half the fatalities 0.

    python benchmarks/import_bench.py --rows 20000

The issue's target is 50,000 source rows per second on a 2-core machine; the figure
printed is measured around the call, and for the whole command as a process.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HEADER = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
SUB_EVENTS = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Protests", "Peaceful protest"),
]


def write_export(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        for n in range(rows):
            event, sub_event = SUB_EVENTS[n % len(SUB_EVENTS)]
            writer.writerow(
                [
                    f"UKR{n:07d}", f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}", "2024",
                    str(1 + n % 3), "Political violence", event, sub_event,
                    f"Group {n % 300}", "", str(1 + n % 8), f"Group {(n + 7) % 300}", "",
                    str(1 + (n + 3) % 8), "13", "", "804", "Europe", "Ukraine",
                    "Donetska", "Pokrovskyi", "", f"Place {n % 900}",
                    f"{47 + (n % 100) / 100:.4f}", f"{37 + (n % 100) / 100:.4f}",
                    str(1 + n % 3), "Outlet A; Outlet B", "National",
                    f"Event {n}, in the keeper's words.", str(n % 2 * (n % 7)), "",
                    str(1709251200 + n),
                ]
            )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[20_000])
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    from conflictschema.importers import import_

    print(f"{'rows':>8} {'call s':>8} {'rows/s':>9} {'process s':>10}  (target 50,000 rows/s)")
    for rows in args.rows:
        with tempfile.TemporaryDirectory() as tmp:
            export = Path(tmp, "acled.csv")
            write_export(export, rows)
            start = time.perf_counter()
            import_("acled", [export], Path(tmp, "in-call"))
            call = time.perf_counter() - start
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "conflictschema", "import", "acled", str(export),
                 "-o", str(Path(tmp, "process"))],
                check=True, capture_output=True,
            )  # fmt: skip
            process = time.perf_counter() - start
            print(f"{rows:>8} {call:>8.2f} {rows / call:>9.0f} {process:>10.2f}")


if __name__ == "__main__":
    main()
