"""Benchmark: conflictschema validate against Frictionless, measured in the same run.

For each size N it generates a valid package of N incidents (2 claims and 1 target
each, shared actors and sources) and a copy with 1% of incident rows broken in four
known ways, then prints for each tool: seconds, incidents per second and peak RSS, each
measured in a fresh process. Frictionless runs with no error limit (complete runs
only), at the sizes given by --frictionless-sizes; a run that passes the time limit is
stopped and reported as such.

    python benchmarks/validate_bench.py --sizes 100000 1000000 --frictionless-sizes 100000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import Seeded, generate_package, seed_errors

DATA = Path(__file__).resolve().parent / "data"

OURS = """
import json, resource, sys, time
import conflictschema
start = time.perf_counter()
report = conflictschema.validate(sys.argv[1])
seconds = time.perf_counter() - start
# Frictionless sees only what a Table Schema states; the record rules are ours alone.
SCHEMA_CODES = {"type-error", "required", "unknown-code", "pattern", "out-of-range", "length", "duplicate-id", "fk-missing"}
rows = sorted({(f.file, f.row) for f in report.findings if f.severity == "error" and f.code in SCHEMA_CODES})
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "errors": report.errors, "warnings": report.warnings,
                  "counts": report.counts_by_code(), "rows": rows}))
"""

THEIRS = """
import json, resource, sys, time
from frictionless import Package
start = time.perf_counter()
report = Package(sys.argv[1] + "/datapackage.json").validate(limit_errors=10**9)
seconds = time.perf_counter() - start
rows = sorted({(task.place, e.row_number) for task in report.tasks for e in task.errors if getattr(e, "row_number", None)})
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "errors": sum(len(t.errors) for t in report.tasks), "rows": rows}))
"""


@dataclass
class Run:
    seconds: float
    wall: float
    peak_mb: float
    result: dict[str, object]


def measure(code: str, path: Path, timeout: float) -> Run | None:
    """Run ``code`` on ``path`` in a fresh interpreter; None when it passes ``timeout``."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return None
    wall = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(stderr)
    result = json.loads(stdout.strip().splitlines()[-1])
    return Run(
        seconds=float(result["seconds"]), wall=wall, peak_mb=float(result["peak_mb"]), result=result
    )


def packages(n: int) -> tuple[Path, Path, Seeded]:
    valid, seeded = DATA / str(n) / "valid", DATA / str(n) / "seeded"
    if not (valid / "datapackage.json").exists():
        generate_package(n, valid)
    return valid, seeded, seed_errors(valid, seeded)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--frictionless-sizes", type=int, nargs="*", default=[100_000])
    parser.add_argument(
        "--timeout", type=float, default=300.0, help="seconds before a Frictionless run is stopped"
    )
    args = parser.parse_args()

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    header = f"{'tool':<14}{'incidents':>10}{'rows':>10}{'seconds':>9}{'wall s':>8}{'incid./s':>11}{'peak MB':>9}  result"
    print(header)
    ours_rate: dict[int, float] = {}
    for n in sorted(set(args.sizes) | set(args.frictionless_sizes)):
        valid, seeded, planted = packages(n)
        rows = 4 * n  # incidents + targets + 2 claims each (actors and sources besides)
        for label, path in (("valid", valid), ("seeded", seeded)):
            if n in args.sizes:
                run = measure(OURS, path, timeout=3600)
                assert run is not None
                counts = run.result["counts"]
                verdict = f"{run.result['errors']} errors, {run.result['warnings']} warnings"
                if label == "seeded":
                    verdict += f"; planted {planted.total} ({planted.counts}), found {counts}"
                    verdict += " -> identical" if counts == planted.counts else " -> DIFFERENT"
                if label == "valid":
                    ours_rate[n] = n / run.seconds
                print(
                    f"{'conflictschema':<14}{n:>10}{rows:>10}{run.seconds:>9.2f}{run.wall:>8.2f}{n / run.seconds:>11.0f}{run.peak_mb:>9.0f}  {label}: {verdict}"
                )
            if n in args.frictionless_sizes:
                theirs = measure(THEIRS, path, timeout=args.timeout)
                if theirs is None:
                    print(
                        f"{'frictionless':<14}{n:>10}{rows:>10}{'>' + str(int(args.timeout)):>9}{'':>8}{'-':>11}{'-':>9}  {label}: stopped at the time limit"
                    )
                    continue
                note = f"{theirs.result['errors']} errors"
                if label == "seeded" and n in args.sizes:
                    ours = measure(OURS, path, timeout=3600)
                    assert ours is not None
                    same = {tuple(r) for r in ours.result["rows"]} == {
                        tuple(r) for r in theirs.result["rows"]
                    }
                    note += f"; rows flagged {'identical to' if same else 'DIFFERENT from'} conflictschema's Table Schema findings"
                print(
                    f"{'frictionless':<14}{n:>10}{rows:>10}{theirs.seconds:>9.2f}{theirs.wall:>8.2f}{n / theirs.seconds:>11.0f}{theirs.peak_mb:>9.0f}  {label}: {note}"
                )
                if label == "valid" and n in ours_rate:
                    print(
                        f"{'ratio':<14}{n:>10}{'':>10}{'':>9}{'':>8}{ours_rate[n] / (n / theirs.seconds):>10.1f}x  conflictschema / frictionless throughput, same package, same run"
                    )


if __name__ == "__main__":
    main()
