"""The release page as a person uses it, in headless Chromium (Debian's, driven by
Playwright): the map, the filters, an incident's accounts, and what must never show."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright

import conflictschema
from tests.browser import chromium_path
from tests.pagecases import (
    DATED_INCIDENT,
    HOSTILE_SUMMARY,
    HOSTILE_TITLE,
    RESTRICTED,
    TIMELINE,
    write_page_dataset,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def release_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("page")
    return conflictschema.release(write_page_dataset(root), "1.0.0", root / "out").directory


@pytest.fixture(scope="module")
def incidents(release_dir: Path) -> pl.DataFrame:
    return pl.read_csv(release_dir / "data" / "incidents.csv", infer_schema=False)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield launched
        launched.close()


class Problems:
    """Console errors, uncaught exceptions and dialogs the page raised."""

    def __init__(self, page: Page) -> None:
        self.seen: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.seen.append(f"page error: {error}"))
        page.on("dialog", lambda dialog: self.seen.append(f"dialog: {dialog.message}"))
        page.on("requestfailed", lambda request: self.seen.append(f"request: {request.url}"))

    def _console(self, message: ConsoleMessage) -> None:
        # Chromium's advice on reading pixels back concerns the tests' own getImageData.
        if message.type in ("error", "warning") and "willReadFrequently" not in message.text:
            self.seen.append(f"console {message.type}: {message.text}")


@pytest.fixture
def opened(browser: Browser, release_dir: Path) -> Iterator[tuple[Page, Problems]]:
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    problems = Problems(page)
    page.goto((release_dir / "index.html").as_uri())
    page.wait_for_selector("body[data-ready=true]")
    yield page, problems
    assert problems.seen == [], "the page ran without console errors, dialogs or requests"
    page.close()


def visible_ids(page: Page) -> list[str]:
    return page.locator("#rows tr").evaluate_all("rows => rows.map(r => r.dataset.id)")


def pixel(page: Page, latitude: float, longitude: float) -> list[int]:
    return page.evaluate(
        """([lat, lon]) => {
            const canvas = document.getElementById('map');
            const [west, south, east, north] = canvas.dataset.view.split(',').map(Number);
            const x = Math.round((lon - west) / (east - west) * canvas.width);
            const y = Math.round((north - lat) / (north - south) * canvas.height);
            return Array.from(canvas.getContext('2d').getImageData(x, y, 1, 1).data);
        }""",
        [latitude, longitude],
    )


def hex_colour(rgba: list[int]) -> str:
    return "#" + "".join(f"{v:02x}" for v in rgba[:3])


def test_the_map_shows_one_marker_per_located_incident(
    opened: tuple[Page, Problems], incidents: pl.DataFrame
) -> None:
    page, _ = opened
    located = incidents.filter(pl.col("latitude").is_not_null())
    assert page.get_attribute("#map", "data-markers") == str(len(located))
    assert f"{len(located)} of the {len(incidents)} incidents shown" in page.inner_text(
        "#map-caption"
    )
    # An exactly located incident is a solid dot in its status colour...
    assert hex_colour(pixel(page, 47.1, 37.5)) == "#7a7f87"
    # ...one known only to its province is a translucent area, not a point.
    province = pixel(page, 48.57, 39.3)
    assert hex_colour(province) != "#7a7f87"
    assert hex_colour(province) != "#f6f3ec", "the area is tinted"
    unmapped = page.inner_text("#unmapped")
    assert "Explosion aboard a tanker" in unmapped
    assert "at sea (eez)" in unmapped
    assert "Russian soldiers die after drinking poisoned alcohol" in unmapped


def test_filters_change_the_rows_and_the_map(
    opened: tuple[Page, Problems], incidents: pl.DataFrame
) -> None:
    page, _ = opened
    assert len(visible_ids(page)) == len(incidents)
    page.select_option("#f-status", "contested")
    contested = incidents.filter(pl.col("attribution_status") == "contested")
    assert sorted(visible_ids(page)) == sorted(contested.get_column("id").to_list())
    located = contested.filter(pl.col("latitude").is_not_null())
    assert page.get_attribute("#map", "data-markers") == str(len(located))
    page.click("#f-reset")
    expect(page.locator("#rows tr")).to_have_count(len(incidents))
    page.select_option("#f-event", "sabotage")
    assert visible_ids(page) == ["inc-province"]
    page.click("#f-reset")
    page.select_option("#f-target", "party_office")
    expect(page.locator("#rows tr")).to_have_count(2)
    assert sorted(visible_ids(page)) == ["inc-0001", "inc-0002"]
    page.click("#f-reset")
    page.fill("#f-from", "2024-04-01")
    page.dispatch_event("#f-from", "change")
    assert visible_ids(page) == [DATED_INCIDENT]
    page.click("#f-reset")
    page.fill("#f-text", "TANKER")
    expect(page.locator("#rows tr")).to_have_count(1)
    assert visible_ids(page) == ["inc-at-sea"]
    assert "1 of 8 incidents match" in page.inner_text("#shown")


def test_an_incidents_accounts_are_listed_in_date_order_with_their_sources(
    opened: tuple[Page, Problems],
) -> None:
    page, _ = opened
    page.get_by_role("button", name="Drone strike on a depot near Enerhodar").click()
    entries = page.locator("#detail .timeline > li")
    listed = entries.evaluate_all(
        "items => items.map(i => [i.querySelector('.when').textContent, i.dataset.claim, i.dataset.kind])"
    )
    assert [tuple(entry) for entry in listed] == TIMELINE
    first = entries.nth(0).inner_text()
    assert "Russian Federation attributed it to Ukraine" in first
    assert "Statements by the Russian side" in first
    claimed = entries.nth(2)
    archived = claimed.get_by_role("link", name=re.compile("^archived copy"))
    assert archived.get_attribute("href") == "https://archive.example/report"
    assert "relaying: Statement on the website of the Ukrainian Resistance Movement" in (
        claimed.inner_text()
    )
    assert "1 restricted source(s), not published" in claimed.inner_text()
    assert "disputes Russian Federation's account clm-a2" in entries.nth(1).inner_text()
    assert page.evaluate("document.activeElement.id") == "detail"


def test_a_restricted_source_appears_nowhere(opened: tuple[Page, Problems]) -> None:
    page, _ = opened
    page.get_by_role("button", name="Drone strike on a depot near Enerhodar").click()
    shown = page.content() + page.inner_text("body")
    for value in RESTRICTED.values():
        assert value not in shown


def test_markup_in_a_title_is_shown_as_text(opened: tuple[Page, Problems]) -> None:
    page, _ = opened
    button = page.locator("#rows button.open", has_text="window.pwned")
    assert button.text_content() == HOSTILE_TITLE
    button.click()
    assert page.inner_text("#detail h3") == HOSTILE_TITLE
    assert HOSTILE_SUMMARY.split("\u2028")[0] in page.text_content("#detail")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert page.locator("#detail b").count() == 0


def test_the_table_and_map_work_from_the_keyboard_and_the_mouse(
    opened: tuple[Page, Problems],
) -> None:
    page, _ = opened
    page.focus("#f-text")
    page.keyboard.type("Enerhodar")
    expect(page.locator("#rows tr")).to_have_count(1)
    page.keyboard.press("Tab")  # the status filter, then on through the form to the row
    for _ in range(20):
        if page.evaluate("document.activeElement.classList.contains('open')"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.inner_text("#detail h3") == "Drone strike on a depot near Enerhodar"
    page.click("#f-reset")
    expect(page.locator("#rows tr")).to_have_count(8)
    box = page.locator("#map").bounding_box()
    assert box is not None
    view = [float(v) for v in (page.get_attribute("#map", "data-view") or "").split(",")]
    west, south, east, north = view
    page.locator("#map").click(
        position={
            "x": (33.3474 - west) / (east - west) * box["width"],
            "y": (north - 46.7547) / (north - south) * box["height"],
        }
    )
    assert "Nova Kakhovka" in page.inner_text("#detail h3")


def test_the_page_works_from_a_static_web_server(
    browser: Browser, release_dir: Path, incidents: pl.DataFrame
) -> None:
    handler: Any = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(release_dir)
    )
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        page = browser.new_page()
        problems = Problems(page)
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"http://127.0.0.1:{server.server_port}/index.html")
        page.wait_for_selector("body[data-ready=true]")
        located = incidents.filter(pl.col("latitude").is_not_null())
        assert page.get_attribute("#map", "data-markers") == str(len(located))
        assert requests == [f"http://127.0.0.1:{server.server_port}/index.html"], (
            "the page loads nothing else"
        )
        assert problems.seen == []
        page.close()
    finally:
        server.shutdown()
        server.server_close()
