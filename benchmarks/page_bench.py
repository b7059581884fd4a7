"""Benchmark: the release page of a large release, loaded in headless Chromium.

Builds a package of N incidents with the benchmark generator, renders its release page
(timed), and opens it from ``file://`` in Debian's Chromium (Playwright) several times:
the figure is the time from navigation start until the page is usable (its map drawn
and first table page shown, ``data-ready-ms``). The reference, measured in the same
run and browser, is a bare page that holds the same embedded data and only parses it:
the floor for any page that carries the data itself.

    python benchmarks/page_bench.py --incidents 100000 [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser import chromium_path  # noqa: E402

from benchmarks.generate import generate_package  # noqa: E402

BARE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<script type="application/json" id="page-data">{data}</script>
<script>JSON.parse(document.getElementById("page-data").textContent);
document.body.setAttribute("data-ready-ms", String(Math.round(performance.now())));
document.body.setAttribute("data-ready", "true");</script></body></html>"""


def load_ms(browser: object, path: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(path.as_uri(), timeout=120_000)
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
        times.append(float(page.get_attribute("body", "data-ready-ms")))
        page.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from conflictschema.publishing.publish import public_tables
    from conflictschema.publishing.release_page import _script_json, page_data, render_page

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        package = generate_package(args.incidents, folder / "package")
        meta, tables = public_tables(package)
        started = time.perf_counter()
        page = render_page(meta, tables, date="2024-01-01", changes=None)
        rendered = time.perf_counter() - started
        (folder / "index.html").write_text(page, encoding="utf-8")
        (folder / "bare.html").write_text(
            BARE.format(data=_script_json(page_data(tables))), encoding="utf-8"
        )
        size_mb = (folder / "index.html").stat().st_size / 1e6
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page_ms = load_ms(browser, folder / "index.html", args.runs)
            bare_ms = load_ms(browser, folder / "bare.html", args.runs)
            browser.close()
    page_median, bare_median = statistics.median(page_ms), statistics.median(bare_ms)
    print(
        f"incidents: {args.incidents:,}; index.html {size_mb:.1f} MB, rendered in {rendered:.2f} s"
    )
    print(f"page usable after   {page_median / 1000:.2f} s (median of {page_ms})")
    print(f"bare parse of data  {bare_median / 1000:.2f} s (median of {bare_ms})")
    print(f"ratio page / bare   {page_median / bare_median:.2f}x")


if __name__ == "__main__":
    main()
