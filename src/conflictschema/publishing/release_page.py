"""The release page: one self-contained ``index.html`` that shows what a release holds.

Static parts (what the release is, its files, what changed, the codebook) are rendered
here with every value escaped, so they read without JavaScript; the map, the incident
table and each incident's timeline are drawn by the packaged script from the data
embedded as JSON. Everything the page uses is inside it: no network, works from
``file://``. A Content-Security-Policy admits only the page's own script and style (by
hash), so even a value that slipped past escaping could not run. The same inputs give
the same bytes, like every release file.

Restricted sources are not in the page at all: the data comes from the redacted
tables, and the page drops restricted rows even of those.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictschema.generate.codebook import TABLE_INTROS, constraints_text
from conflictschema.io.jsontext import value_text
from conflictschema.models.codes import CodeList
from conflictschema.models.columns import TABLE_MODELS, Column, Kind, columns
from conflictschema.models.dataset import DatasetMetadata
from conflictschema.publishing.redact import restricted

if TYPE_CHECKING:
    import polars as pl

#: Incident fields the page's script reads, in the order of each row it is given.
INCIDENT_FIELDS = (
    "id",
    "title",
    "summary",
    "date_start",
    "date_end",
    "date_precision",
    "location_name",
    "admin1",
    "country",
    "event_type",
    "latitude",
    "longitude",
    "geo_precision",
    "maritime_zone",
    "attribution_status",
    "responsibility_status",
    "status",
    "killed_best",
    "injured_best",
    "source_ids",
)
CLAIM_FIELDS = (
    "id",
    "claimant",
    "claim_type",
    "attributed_to",
    "disputes",
    "supersedes",
    "method",
    "stated_motive",
    "statement",
    "made_on",
    "retracted_on",
    "credibility",
    "source_ids",
)
SOURCE_FIELDS = (
    "id",
    "title",
    "publisher",
    "url",
    "published_on",
    "source_type",
    "relays",
    "archive_url",
    "archived_at",
)
TARGET_TYPES = "target_types"
WITHHELD = "withheld_sources"
PAGE_FILE = "index.html"


@dataclass(frozen=True)
class ReleaseFile:
    """A file of the release as the download table lists it."""

    path: str
    size: int
    sha256: str


def _asset(name: str) -> str:
    return (resources.files("conflictschema.publishing") / "assets" / name).read_text(
        encoding="utf-8"
    )


def _cell_json(frame: pl.DataFrame, name: str) -> pl.Expr:
    """One column's cells as compact JSON text, as ``json.dumps`` writes the value
    Polars' ``to_list`` gives (dates as ISO text, codes as their names, a missing list
    as null)."""
    import polars as pl

    dtype = frame.schema[name]
    kind: Kind
    if isinstance(dtype, pl.List):
        kind = "list"
    elif dtype.is_integer():
        kind = "integer"
    elif dtype.is_float():
        kind = "number"
    elif dtype == pl.Date:
        kind = "date"
    else:
        kind = "string"
    column = Column(name=name, kind=kind, description="", required=False)
    text = value_text(column, 0, indent=False)
    if kind == "list":  # value_text writes a missing list as [], json.dumps as null
        text = pl.when(pl.col(name).is_null()).then(pl.lit("null")).otherwise(text)
    return text


def _columns_json(frame: pl.DataFrame, fields: Sequence[str]) -> Iterator[str]:
    """The table column by column as one JSON array of arrays, escaped for the page's
    script element, in pieces. Each column's text is built by Polars, one column at a
    time: a page of 200,000 incidents as Python values took more memory than the whole
    page, and a piece can be written and let go before the next is built."""
    import polars as pl

    yield "["
    for n, name in enumerate(fields):
        array = (
            pl.lit("[") + _cell_json(frame, name).str.join(",") + pl.lit("]")
        ).str.replace_many(list(_SCRIPT_ESCAPES), list(_SCRIPT_ESCAPES.values()))
        yield ("," if n else "") + frame.select(array).item()
    yield "]"


#: The most incidents a page holds. A page of 200,000 is about 150 MB and opens in a few
#: seconds; past that a browser struggles, so a larger release's page holds the latest
#: PAGE_LIMIT incidents and says so, and the files hold them all.
PAGE_LIMIT = 200_000


@dataclass(frozen=True)
class PageTables:
    """What the page's script draws, as tables: incidents (with their target types),
    claims of those incidents (``_row``: their incident's row), public sources, and
    actor names."""

    incidents: pl.DataFrame
    claims: pl.DataFrame
    sources: pl.DataFrame
    actors: dict[str, str]
    total_incidents: int


INCIDENT_COLUMNS = (*INCIDENT_FIELDS, TARGET_TYPES, WITHHELD)
CLAIM_COLUMNS = ("_row", *CLAIM_FIELDS, WITHHELD)


def page_tables(tables: dict[str, pl.DataFrame], limit: int = PAGE_LIMIT) -> PageTables:
    """The page's tables from a release's: the latest ``limit`` incidents, restricted
    sources left out, and of each public source only the public ones it relays."""
    import polars as pl

    incidents = tables["incidents"]
    total = len(incidents)
    if total > limit:
        latest = incidents.select(
            pl.int_range(pl.len()).sort_by("date_start", "id", descending=True, nulls_last=True)
        ).to_series()[:limit]
        incidents = incidents[latest.sort()]
    incidents = incidents.with_row_index("_row")
    target_types = (
        tables["targets"]
        .group_by("incident_id", maintain_order=True)
        .agg(pl.col("target_type").cast(pl.String).unique(maintain_order=True))
        .rename({"target_type": TARGET_TYPES})
    )
    incidents = incidents.join(
        target_types, left_on="id", right_on="incident_id", how="left", maintain_order="left"
    )
    claims = (
        tables["claims"]
        .join(
            incidents.select("id", "_row"),
            left_on="incident_id",
            right_on="id",
            how="inner",
            maintain_order="left",
        )
        .sort("_row", maintain_order=True)
    )
    hidden = tables["sources"].filter(restricted()).get_column("id").implode()

    def public_only(column: str) -> pl.Expr:
        return pl.col(column).list.eval(pl.element().filter(~pl.element().is_in(hidden)))

    # A restricted source's id is not shown either: only how many a record cites, and
    # nothing of a public source's relaying it.
    sources = tables["sources"].filter(~restricted()).with_columns(public_only("relays"))
    public = public_only("source_ids")
    withheld = pl.col("source_ids").list.len() - public.list.len()
    incidents = incidents.with_columns(public, withheld.alias(WITHHELD))
    claims = claims.with_columns(public, withheld.alias(WITHHELD))
    return PageTables(
        incidents=incidents.select(INCIDENT_COLUMNS),
        claims=claims.select(CLAIM_COLUMNS),
        sources=sources.select(SOURCE_FIELDS),
        actors=dict(tables["actors"].select("id", "name").iter_rows()),
        total_incidents=total,
    )


def page_data_pieces(page: PageTables) -> Iterator[str]:
    """The data the page's script reads, as the JSON text inside its script element, in
    pieces: each table column by column (the script turns the columns back into rows)."""
    parts: dict[str, Iterable[str]] = {
        "incident_fields": [_script_json(list(INCIDENT_COLUMNS))],
        "incidents": _columns_json(page.incidents, INCIDENT_COLUMNS),
        "claim_fields": [_script_json(["incident", *CLAIM_FIELDS, WITHHELD])],
        "claims": _columns_json(page.claims, CLAIM_COLUMNS),
        "source_fields": [_script_json(list(SOURCE_FIELDS))],
        "sources": _columns_json(page.sources, SOURCE_FIELDS),
        "actors": [_script_json(page.actors)],
        "total_incidents": [_script_json(page.total_incidents)],
    }
    for n, (key, pieces) in enumerate(parts.items()):
        yield ("{" if n == 0 else ",") + _script_json(key) + ":"
        yield from pieces
    yield "}"


#: What may not appear inside a script element's JSON as itself, and its escape.
_SCRIPT_ESCAPES = {
    "&": "\\u0026",
    "<": "\\u003c",
    ">": "\\u003e",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def _script_json(value: Any) -> str:
    """JSON that cannot end the ``<script>`` element it sits in, whatever the strings hold."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


def _csp_hash(text: str) -> str:
    return (
        "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
    )


def h(value: object) -> str:
    """Text as HTML: every value that reaches the page's markup goes through here."""
    return html.escape("" if value is None else str(value), quote=True)


def _link(url: str | None, text: str) -> str:
    """A link only for web addresses: a ``javascript:`` or ``data:`` URL stays text."""
    if url and url.lower().startswith(("https://", "http://")):
        return f'<a href="{h(url)}">{h(text)}</a>'
    return h(text)


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000  # type: ignore[assignment]
    raise AssertionError("unreachable")


def _about(meta: DatasetMetadata, date: str | None) -> str:
    licences = ", ".join(_link(lic.path, lic.title or lic.name) for lic in meta.licenses)
    citation = meta.citation or f"{meta.title}, version {meta.version}" + (
        f" ({date})." if date else "."
    )
    released = f"released {h(date)}" if date else "not released: a preview"
    rows = [
        ("Version", f"{h(meta.version)}, {released}"),
        ("Data package", f"<code>{h(meta.name)}</code>"),
        ("Standard", f"conflictschema standard {h(meta.standard_version)}"),
        ("Licence", licences),
        ("Citation", h(citation)),
    ]
    if meta.homepage:
        rows.append(("Homepage", _link(meta.homepage, meta.homepage)))
    if meta.keywords:
        rows.append(("Keywords", h(", ".join(meta.keywords))))
    if meta.contributors:
        rows.append(("Contributors", h("; ".join(c.title for c in meta.contributors))))
    listed = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    description = f"<p>{h(meta.description)}</p>" if meta.description else ""
    return f'<section id="about" aria-labelledby="about-h"><h2 id="about-h">About</h2>{description}<dl>{listed}</dl></section>'


def _downloads(name: str, version: str, files: Sequence[ReleaseFile], zip_name: str | None) -> str:
    if not files:
        return (
            '<section id="downloads" aria-labelledby="downloads-h"><h2 id="downloads-h">Files</h2>'
            "<p>This is a preview: the files and their checksums are listed once the dataset is released.</p></section>"
        )
    rows = "".join(
        f'<tr><td><a href="{h(f.path)}">{h(f.path)}</a></td><td class="num">{h(_size(f.size))}</td>'
        f"<td><code>{h(f.sha256)}</code></td></tr>"
        for f in files
    )
    whole = (
        f"<p>All files in one archive: <code>{h(zip_name)}</code>, beside this release's folder. "
        "Its sha256 is listed in the releases' <code>index.json</code>, not here: "
        "a file cannot hold its own checksum, and the archive holds this page.</p>"
        if zip_name
        else ""
    )
    return (
        '<section id="downloads" aria-labelledby="downloads-h"><h2 id="downloads-h">Files</h2>'
        f"{whole}<table><caption>The release's files with their size and sha256; this page's own "
        "checksum is in <code>SHA256SUMS</code></caption>"
        '<thead><tr><th scope="col">file</th><th scope="col">size</th><th scope="col">sha256</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        "<p>Verify a downloaded release in its folder with <code>sha256sum -c SHA256SUMS</code>, "
        f"or fetch it verified with <code>conflictschema download {h(name)}@{h(version)}</code>.</p></section>"
    )


_CHANGE_KINDS = ("added", "modified", "withdrawn", "removed", "reused")


def _changes(changes: dict[str, Any] | None) -> str:
    head = '<section id="changes" aria-labelledby="changes-h"><h2 id="changes-h">What changed</h2>'
    if changes is None:
        return head + "<p>A preview has no previous version to compare with.</p></section>"
    previous = changes.get("previous")
    if previous is None:
        added = len(changes.get("tables", {}).get("incidents", {}).get("added", []))
        return head + f"<p>The first version: {added} incident(s).</p></section>"
    reasons = "".join(
        f'<li>{h(r.get("reason"))} <span class="bump">({h(r.get("bump"))})</span></li>'
        for r in changes.get("reasons", [])
    )
    counts = []
    for table, kinds in changes.get("tables", {}).items():
        cells = [len(kinds.get(kind, [])) for kind in _CHANGE_KINDS]
        if any(cells):
            counts.append(
                f'<tr><th scope="row">{h(table)}</th>'
                + "".join(f'<td class="num">{c}</td>' for c in cells)
                + "</tr>"
            )
    table = (
        '<table><caption>Records changed, by table</caption><thead><tr><th scope="col">table</th>'
        + "".join(f'<th scope="col">{kind}</th>' for kind in _CHANGE_KINDS)
        + f"</tr></thead><tbody>{''.join(counts)}</tbody></table>"
        if counts
        else "<p>No record was added, changed, withdrawn or removed.</p>"
    )
    return (
        head
        + f"<p>Since version {h(previous)} (a {h(changes.get('required_bump'))} step):</p>"
        + f"<ul>{reasons}</ul>{table}</section>"
    )


def _code_list(codes: type[CodeList]) -> str:
    rows = "".join(
        f"<tr><td><code>{h(member.value)}</code></td><td>{h(member.description)}"
        + (f" (a kind of <code>{h(member.parent)}</code>)" if member.parent else "")
        + "</td></tr>"
        for member in codes
    )
    return (
        f'<details id="codes-{h(codes.__name__.lower())}"><summary>{h(codes.__name__)}</summary>'
        f"<table><tbody>{rows}</tbody></table></details>"
    )


def _codebook(standard: str) -> str:
    parts = []
    lists: dict[str, type[CodeList]] = {}
    for table in TABLE_MODELS:
        rows = []
        for column in columns(table):
            if column.codes is not None:
                lists[column.codes.__name__] = column.codes
            rows.append(
                f"<tr><td><code>{h(column.name)}</code></td><td>{h(column.kind)}</td>"
                f"<td>{h(constraints_text(column))}</td><td>{h(column.description)}</td></tr>"
            )
        parts.append(
            f"<details><summary>{h(table)}</summary><p>{h(TABLE_INTROS[table])}</p>"
            '<table><thead><tr><th scope="col">field</th><th scope="col">type</th>'
            '<th scope="col">constraints</th><th scope="col">meaning</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></details>"
        )
    code_lists = "".join(_code_list(lists[name]) for name in sorted(lists))
    return (
        '<section id="codebook" aria-labelledby="codebook-h"><h2 id="codebook-h">Codebook</h2>'
        f"<p>The tables and codes of conflictschema standard {h(standard)}, which this data follows.</p>"
        f"<h3>Tables</h3>{''.join(parts)}<h3>Code lists</h3>{code_lists}</section>"
    )


def _options(codes: Iterable[str]) -> str:
    return "".join(f'<option value="{h(code)}">{h(code)}</option>' for code in codes)


def page_pieces(
    meta: DatasetMetadata,
    tables: dict[str, pl.DataFrame],
    *,
    date: str | None,
    changes: dict[str, Any] | None,
    files: Sequence[ReleaseFile] = (),
    zip_name: str | None = None,
) -> Iterator[str]:
    """The whole page's text in order, in pieces: the template's text and each value put
    into it, the data column by column, so that a large page is written without being
    held whole (``"".join`` gives the page as one text). The same arguments always give
    the same text."""
    from conflictschema.models.codes import AttributionStatus, Method, TargetType

    page = page_tables(tables)
    countries = sorted(set(page.incidents.get_column("country").drop_nulls().to_list()))
    script = _asset("page.js")
    style = _asset("page.css")
    basemap = _asset("basemap.json").strip()
    policy = (
        f"default-src 'none'; script-src {_csp_hash(script)}; style-src {_csp_hash(style)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    replacements = {
        "policy": h(policy),
        "title": h(meta.title),
        "version": h(meta.version),
        "style": style,
        "about": _about(meta, date),
        "changes": _changes(changes),
        "downloads": _downloads(meta.name, meta.version, files, zip_name),
        "codebook": _codebook(meta.standard_version),
        "status_options": _options(AttributionStatus.codes()),
        "country_options": _options(countries),
        "event_options": _options(Method.codes()),
        "target_options": _options(TargetType.codes()),
        "basemap": _script_json(json.loads(basemap)),
        "script": script,
    }
    # One pass over the template: a value that happens to contain "{{data}}" stays text.
    template = _asset("page.html")
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        yield template[position : match.start()]
        if match.group(1) == "data":
            yield from page_data_pieces(page)
        else:
            yield replacements[match.group(1)]
        position = match.end()
    yield template[position:]


_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


GENERATOR_MARK = '<meta name="generator" content="conflictschema">'


#: Characters of the page encoded and written at a time: a large piece of the page is
#: not copied whole into bytes.
WRITE_CHARS = 1 << 22


def write_page(path: Path, pieces: Iterable[str]) -> None:
    """Write the page's text, in the pieces :func:`page_pieces` gives."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for piece in pieces:
            for start in range(0, len(piece), WRITE_CHARS):
                handle.write(piece[start : start + WRITE_CHARS])


def is_page(path: Path) -> bool:
    """Whether ``path`` is a page this module wrote (so a new preview may replace it)."""
    with path.open("rb") as handle:
        return GENERATOR_MARK.encode() in handle.read(4096)
