"""Benchmark: the duplicate-incident rule on a crowd of identical incidents (hostile
input: a pull request may add thousands of copies of one row), group-wise against the
pair-by-pair form it replaced, in the same run.

    python benchmarks/duplicates_bench.py --sizes 1000 5000 100000

The pair-by-pair form is run up to --pairs-up-to incidents (5,000 by default): at
10,000 identical rows it exhausted 24 GB here.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.unit.validate.test_duplicate_incidents import DAYS, every_pair, frames  # noqa: E402

from conflictschema.validation.checks.references import duplicate_firsts  # noqa: E402


def seconds(run: object, *args: object) -> float:
    start = time.perf_counter()
    run(*args)  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument(
        "--pairs-up-to", type=int, default=10_000, help="skip the quadratic form above this"
    )
    args = parser.parse_args()
    print(f"{'identical incidents':>20} {'group-wise s':>13} {'every pair s':>13} {'ratio':>7}")
    for n in args.sizes:
        incidents, targets = frames(
            [{"date_start": DAYS[0], "country": "UA", "__place": "polohy", "source_ids": ["s1"]}]
            * n,
            [[{"target_type": "party_office", "affiliation": "ur", "name": None}]] * n,
        )
        ours = seconds(duplicate_firsts, incidents, targets)
        if n <= args.pairs_up_to:
            theirs = seconds(every_pair, incidents, targets)
            print(f"{n:>20} {ours:13.3f} {theirs:13.3f} {theirs / ours:6.0f}x")
        else:
            print(f"{n:>20} {ours:13.3f} {'not run':>13}")


if __name__ == "__main__":
    main()
