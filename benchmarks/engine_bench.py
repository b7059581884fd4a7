"""Benchmark: every command at a million incidents, each beside its reference in the same run.

Each measurement is a fresh process timed whole (wall seconds) with its peak resident
memory, by GNU time. References, measured on the same files in the same run:

* validate -> a bare Polars parse of the same CSV files (every cell as text);
* ``conflictschema --version`` -> ``python -c "import typer"``;
* release, convert, read() -> their targets (no tool does the same job).

Also: validate of the bundled dataset, and validate of a 3 MB dataset JSON holding a
million empty incidents (hostile input; memory must stay bounded).

    python benchmarks/engine_bench.py --sizes 100000 1000000 [--python OTHER_PYTHON]

``--python`` runs the conflictschema commands with another interpreter (for example a
virtual environment with an earlier version installed), for before/after figures.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.generate import generate_package  # noqa: E402  (after the path is set)

DATA = Path(__file__).resolve().parent / "data"
TIME = shutil.which("time") or "/usr/bin/time"


@dataclass
class Measured:
    wall: float
    peak_mb: float
    ok: bool
    detail: str = ""


def measure(argv: list[str], timeout: float = 900) -> Measured:
    """Run ``argv`` under GNU time: wall seconds and peak RSS of the whole process."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as stats:
        try:
            completed = subprocess.run(
                [TIME, "-f", "%e %M", "-o", stats.name, *argv],
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return Measured(timeout, 0.0, False, "timed out")
        wall, peak_kb = stats.read().split()[-2:]
    detail = (completed.stdout.strip().splitlines() or [""])[-1][:100]
    if completed.returncode not in (0, 1):
        detail = (completed.stderr.strip().splitlines() or ["failed"])[-1][:100]
    return Measured(float(wall), int(peak_kb) / 1024, completed.returncode in (0, 1), detail)


def best_of(argv: list[str], runs: int) -> Measured:
    results = [measure(argv) for _ in range(runs)]
    walls = [r.wall for r in results]
    median = statistics.median(walls)
    return Measured(median, max(r.peak_mb for r in results), all(r.ok for r in results))


PARSE = """
import sys, polars as pl, pathlib
for path in sorted(pathlib.Path(sys.argv[1], "data").glob("*.csv")):
    pl.read_csv(path, infer_schema=False)
"""

READ = """
import sys, time, conflictschema
start = time.perf_counter()
dataset = conflictschema.read(sys.argv[1])
print(f"{time.perf_counter() - start:.2f} s in read(), {len(dataset.incidents)} incidents")
"""


def line(what: str, size: int | str, m: Measured, note: str = "") -> None:
    status = "" if m.ok else " FAILED"
    print(f"{what:<34} {size!s:>9} {m.wall:8.2f} s {m.peak_mb:8.0f} MB{status}  {note}")


def hostile_json(folder: Path, count: int) -> Path:
    """A dataset document with ``count`` empty incidents: 3 bytes each."""
    path = folder / "hostile.json"
    meta = {
        "name": "hostile",
        "title": "Hostile",
        "version": "1.0.0",
        "licenses": [{"name": "CC0-1.0"}],
        "actors": [],
        "sources": [],
    }
    with path.open("w") as handle:
        handle.write(json.dumps(meta)[:-1] + ', "incidents": [' + ",".join(["{}"] * count) + "]}")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--python", default=sys.executable, help="interpreter for conflictschema")
    parser.add_argument("--read-size", type=int, default=100_000)
    parser.add_argument("--skip-release-above", type=int, default=10**9)
    parser.add_argument(
        "--json-read-max",
        type=int,
        default=10**9,
        help="largest size at which JSON -> package runs (at a million incidents: about 2 min)",
    )
    args = parser.parse_args()
    ours = [args.python, "-m", "conflictschema"]
    work = Path(tempfile.mkdtemp(prefix="engine-bench-"))
    print(f"interpreter: {args.python}")
    print(f"{'what':<34} {'incidents':>9} {'wall':>10} {'peak':>11}")
    try:
        version = best_of([*ours, "--version"], 7)
        typer = best_of([args.python, "-c", "import typer"], 7)
        line("conflictschema --version", "-", version)
        line("python -c 'import typer'", "-", typer, f"ratio {version.wall / typer.wall:.2f}x")
        bundled = best_of([*ours, "validate", str(REPO / "datasets" / "contested-incidents")], 5)
        line("validate bundled dataset", 4, bundled)
        hostile = measure([*ours, "validate", str(hostile_json(work, 1_000_000))])
        line("validate 3 MB JSON, 1M empty incidents", 1_000_000, hostile, hostile.detail)

        for size in args.sizes:
            package = generate_package(size, DATA / f"engine-{size}")
            parse = measure([args.python, "-c", PARSE, str(package)])
            validate = measure([*ours, "validate", str(package)])
            line("validate", size, validate, validate.detail)
            line(
                "bare Polars parse (reference)",
                size,
                parse,
                f"validate / parse {validate.wall / parse.wall:.2f}x",
            )
            out = work / f"json-{size}"
            out.mkdir()
            to_json = measure([*ours, "convert", str(package), str(out / "dataset.json")])
            line("convert package -> JSON", size, to_json)
            if size <= args.json_read_max:
                back = measure([*ours, "convert", str(out / "dataset.json"), str(out / "package")])
                line("convert JSON -> package", size, back)
                same = back.ok and all(
                    (out / "package" / "data" / p.name).read_bytes() == p.read_bytes()
                    for p in (package / "data").glob("*.csv")
                )
                print(f"{'  round trip byte-identical':<34} {size:>9} {same}")
            shutil.rmtree(out)
            if size <= args.skip_release_above:
                released = measure(
                    [
                        *ours,
                        "release",
                        str(package),
                        "--version",
                        "1.0.0",
                        "--out",
                        str(work / f"rel-{size}"),
                        "--date",
                        "2024-03-01",
                    ]
                )
                line("release", size, released)
                shutil.rmtree(work / f"rel-{size}", ignore_errors=True)
        reading = generate_package(args.read_size, DATA / f"engine-{args.read_size}")
        read = measure([args.python, "-c", READ, str(reading)])
        line("read() into models", args.read_size, read, read.detail)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
