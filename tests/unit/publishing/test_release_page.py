"""The release page as text: every value escaped, the embedded data intact, restricted
sources absent, only its own script and style allowed to run, and the preview command."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conflictschema
from conflictschema.io.tables import sorted_tables
from conflictschema.models.dataset import DatasetMetadata
from conflictschema.publishing import release_page
from conflictschema.publishing.redact import redact_sources
from conflictschema.publishing.release_page import (
    _script_json,
    page_data_pieces,
    page_pieces,
    page_tables,
    write_page,
)
from conflictschema.validation.reader import read_tables
from tests.conftest import BUNDLED
from tests.pagecases import (
    HOSTILE_SUMMARY,
    HOSTILE_TITLE,
    RESTRICTED,
    page_data,
    page_dataset,
    write_page_dataset,
)
from tests.strategies import datasets


def render_page(meta: DatasetMetadata, tables: dict[str, pl.DataFrame], **kwargs: Any) -> str:
    """The page as one text."""
    return "".join(page_pieces(meta, tables, **kwargs))


SCRIPT_ELEMENT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def _bundled() -> tuple[DatasetMetadata, dict[str, pl.DataFrame]]:
    metadata, typed = read_tables(BUNDLED)
    return DatasetMetadata.model_validate(metadata), sorted_tables(typed)


META, TABLES = _bundled()


def _embedded(page: str) -> list[str]:
    return SCRIPT_ELEMENT.findall(page)


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(min_size=1, max_size=60),
    summary=st.text(max_size=200),
    place=st.text(max_size=40),
)
def test_any_text_stays_inside_its_element_and_reads_back_whole(
    title: str, summary: str, place: str
) -> None:
    tables = dict(TABLES)
    tables["incidents"] = tables["incidents"].with_columns(
        pl.lit(title).alias("title"),
        pl.lit(summary).alias("summary"),
        pl.lit(place).alias("location_name"),
    )
    meta = META.model_copy(update={"title": title, "description": summary})
    page = render_page(meta, tables, date="2024-01-01", changes=None)
    scripts = _embedded(page)
    assert len(scripts) == 3, "two JSON blocks and the page's script, whatever the text holds"
    assert page.lower().count("<script") == 3
    assert scripts[0] == _script_json(page_data(tables))
    assert f"<h1>{html.escape(title)} " in page
    assert page.count("<title>") == 1


def test_markup_in_values_is_text_in_the_static_parts() -> None:
    meta = META.model_copy(update={"title": HOSTILE_TITLE, "citation": HOSTILE_SUMMARY})
    page = render_page(meta, TABLES, date="2024-01-01", changes=None)
    assert HOSTILE_TITLE not in page
    assert html.escape(HOSTILE_TITLE) in page
    assert "<img" not in page
    assert "{{" not in page.replace(html.escape(HOSTILE_TITLE), "")


def test_only_the_pages_own_script_and_style_may_run() -> None:
    page = render_page(META, TABLES, date="2024-01-01", changes=None)
    policy = html.unescape(
        re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1]
    )
    script = _embedded(page)[2]
    style = re.search(r"<style>(.*?)</style>", page, re.DOTALL)[1]

    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert f"script-src 'sha256-{digest(script)}'" in policy
    assert f"style-src 'sha256-{digest(style)}'" in policy
    assert "default-src 'none'" in policy
    assert "connect-src" not in policy, "the page fetches nothing"


def test_a_restricted_source_is_nowhere_in_a_released_page(tmp_path: Path) -> None:
    dataset = write_page_dataset(tmp_path)
    result = conflictschema.release(dataset, "1.0.0", tmp_path / "out")
    page = (result.directory / "index.html").read_text(encoding="utf-8")
    for value in RESTRICTED.values():
        assert value not in page
        assert json.dumps(value)[1:-1] not in page
    data = json.loads(_embedded(page)[0])
    assert RESTRICTED["id"] not in data["sources"][0]


def test_the_page_drops_restricted_rows_even_of_redacted_tables() -> None:
    sources = TABLES["sources"].with_columns(
        pl.when(pl.col("id") == "src-0001")
        .then(pl.lit("restricted"))
        .otherwise(pl.col("access").cast(pl.String))
        .cast(TABLES["sources"].schema["access"])
        .alias("access")
    )
    tables = {**TABLES, "sources": redact_sources(sources)}
    ids = set(page_data(tables)["sources"][0])
    assert "src-0001" not in ids
    assert "src-0002" in ids


def test_page_previews_a_dataset_and_replaces_only_its_own_page(tmp_path: Path, cli) -> None:
    out = tmp_path / "preview"
    result = cli("page", str(BUNDLED), "-o", str(out))
    assert result.code == 0, result
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "not released: a preview" in page
    assert cli("page", str(BUNDLED), "-o", str(out)).code == 0, "a preview replaces a preview"
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "index.html").write_text("<p>someone's own page</p>")
    refused = cli("page", str(BUNDLED), "-o", str(tmp_path / "other"))
    assert refused.code == 1
    assert "is not a conflictschema page" in refused.stderr
    assert (tmp_path / "other" / "index.html").read_text() == "<p>someone's own page</p>"


def test_page_into_a_file_is_a_clear_refusal(tmp_path: Path, cli) -> None:
    (tmp_path / "taken").write_text("mine")
    result = cli("page", str(BUNDLED), "-o", str(tmp_path / "taken"))
    assert result.code == 1, result
    assert "is a file" in result.stderr
    assert (tmp_path / "taken").read_text() == "mine"


def test_page_refuses_an_invalid_dataset_without_writing(tmp_path: Path, cli) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": "x"}')
    result = cli("page", str(broken), "-o", str(tmp_path / "out"))
    assert result.code == 1
    assert "is not valid" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_python_call_is_the_command(tmp_path: Path) -> None:
    written = conflictschema.page(BUNDLED, tmp_path)
    assert written == tmp_path / "index.html"
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x"])
def test_only_web_addresses_become_links_in_the_static_parts(url: str) -> None:
    from conflictschema.publishing.release_page import _link

    assert "href" not in _link(url, "text")
    assert 'href="https://example.org/?a=1&amp;b=&quot;2&quot;"' in _link(
        'https://example.org/?a=1&b="2"', "t"
    )


def test_a_page_past_its_limit_holds_the_latest_incidents_and_says_how_many_in_all() -> None:
    data = page_data(TABLES, limit=2)
    fields = data["incident_fields"]
    dates = sorted(TABLES["incidents"].get_column("date_start").to_list(), reverse=True)[:2]
    kept = data["incidents"][fields.index("date_start")]
    assert sorted(kept, reverse=True) == [d.isoformat() for d in dates]
    assert data["total_incidents"] == len(TABLES["incidents"])
    ids = set(data["incidents"][0])
    assert len(ids) == 2
    assert set(data["claims"][0]) <= {0, 1}, "claims point at the rows kept"
    claimed = TABLES["claims"].filter(pl.col("incident_id").is_in(list(ids)))
    assert len(data["claims"][0]) == len(claimed)


def _tables_of(dataset: conflictschema.Dataset, folder: Path) -> dict[str, pl.DataFrame]:
    conflictschema.write(dataset, folder / "package")
    return sorted_tables(read_tables(folder / "package")[1])


@settings(max_examples=15, deadline=None)
@given(datasets(), st.integers(1, 6))
def test_the_pages_json_is_what_json_dumps_writes_of_its_values(
    dataset: conflictschema.Dataset, limit: int
) -> None:
    """Polars writes the page's data column by column; the bytes are those of
    ``json.dumps`` of the values, escaped for a script element, for any dataset and any
    number of incidents left out past the page's limit."""
    with tempfile.TemporaryDirectory() as folder:
        tables = _tables_of(dataset, Path(folder))
    assert "".join(page_data_pieces(page_tables(tables, limit))) == _script_json(
        page_data(tables, limit)
    )


def test_the_page_datasets_json_is_what_json_dumps_writes(tmp_path: Path) -> None:
    """Markup, a line separator, a restricted source, an incident with no target or
    coordinates: the hand-made cases of the page's tests."""
    tables = _tables_of(page_dataset(), tmp_path)
    tables["incidents"] = tables["incidents"].with_columns(
        pl.concat_str(pl.col("summary"), pl.lit(" \u2029 & \u2028"))
    )
    text = "".join(page_data_pieces(page_tables(tables)))
    assert text == _script_json(page_data(tables))
    assert HOSTILE_TITLE in json.loads(text)["incidents"][1]
    assert not {"<", ">", "&", "\u2028", "\u2029"} & set(text), "escaped for a script element"
    assert "".join(page_data_pieces(page_tables(TABLES))) == _script_json(page_data(TABLES))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",))), max_size=4),
    st.integers(1, 5),
    st.booleans(),
)
def test_a_page_is_written_as_its_text_encoded_whatever_the_pieces(
    pieces: list[str], chars: int, whole: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "index.html"
        saved = release_page.WRITE_CHARS
        release_page.WRITE_CHARS = chars
        try:
            write_page(path, ["".join(pieces)] if whole else iter(pieces))
        finally:
            release_page.WRITE_CHARS = saved
        assert path.read_bytes() == "".join(pieces).encode("utf-8")


def test_a_page_written_in_pieces_is_the_page_joined(tmp_path: Path) -> None:
    tables = _tables_of(page_dataset(), tmp_path)
    meta = META.model_copy(update={"title": HOSTILE_TITLE})
    whole = render_page(meta, tables, date="2024-01-01", changes=None)
    write_page(tmp_path / "index.html", page_pieces(meta, tables, date="2024-01-01", changes=None))
    assert (tmp_path / "index.html").read_bytes() == whole.encode("utf-8")
    assert whole.count(HOSTILE_TITLE) == 0, "the title is escaped wherever it is shown"
