"""Downloads against a real HTTP server on 127.0.0.1 serving a release built by `release`."""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

import conflictschema
from conflictschema import Dataset, DownloadError, HashMismatchError
from conflictschema.fetching import UnsafeArchiveError
from conflictschema.fetching.client import download_action
from conflictschema.fetching.specs import VersionSpec
from conflictschema.io import write_package
from conflictschema.semver import Version
from tests.conftest import BUNDLED


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the release folder; the test sets failures: 500s, truncation, tampering."""

    failures_left = 0
    truncate = False
    tamper = False
    requests: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        if self.path.endswith(".zip") and type(self).failures_left > 0:
            type(self).failures_left -= 1
            self.send_error(500, "try again")
            return
        path = Path(self.translate_path(self.path))
        if (
            self.path.endswith(".zip")
            and (type(self).truncate or type(self).tamper)
            and path.exists()
        ):
            data = path.read_bytes()
            if type(self).tamper:
                data = data[:-10] + bytes(10)
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2] if type(self).truncate else data)
            return
        super().do_GET()


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four releases, built once: the tests read them and change only what the server sends."""
    root = tmp_path_factory.mktemp("served")
    conflictschema.release(BUNDLED, "1.0.0", root)
    document = conflictschema.read(BUNDLED).model_dump(mode="json")
    document["incidents"][0]["summary"] += " Corrected."
    for version in ("1.0.1", "1.1.0", "2.0.0"):
        if version == "1.1.0":
            document["incidents"][3].update(status="withdrawn", withdrawn_reason="Counted twice.")
        if version == "2.0.0":
            document["incidents"].pop(3)
        source = tmp_path_factory.mktemp("source") / "pkg"
        write_package(Dataset.model_validate(document), source)
        conflictschema.release(source, version, root)
    return root


@pytest.fixture
def server(releases: Path) -> Iterator[str]:
    Handler.failures_left, Handler.truncate, Handler.tamper, Handler.requests = 0, False, False, []
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: Handler(*a, directory=str(releases))
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_latest_by_name_verified_and_cached(server: str, tmp_path: Path) -> None:
    path = conflictschema.download(
        "contested-incidents", index=server, cache_dir=tmp_path / "cache"
    )
    assert json.loads((path / "datapackage.json").read_text())["version"] == "2.0.0"
    assert conflictschema.validate(path).valid


def test_exact_version_and_ranges(server: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for spec, expected in (
        ("1.0.0", "1.0.0"),
        ("~1.0", "1.0.1"),
        ("^1.0", "1.1.0"),
        (">=1.0,<2", "1.1.0"),
        ("1", "1.1.0"),
    ):
        path = conflictschema.download("contested-incidents", spec, index=server, cache_dir=cache)
        assert json.loads((path / "datapackage.json").read_text())["version"] == expected, spec


def test_load_returns_the_models(server: str, tmp_path: Path) -> None:
    dataset = conflictschema.load("contested-incidents", "1.1.0", index=server, cache_dir=tmp_path)
    assert dataset.version == "1.1.0"
    assert {i.id: i.status.value for i in dataset.incidents}["inc-0004"] == "withdrawn"


def test_offline_reuse_from_the_cache(server: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    conflictschema.download("contested-incidents", "1.0.0", index=server, cache_dir=cache)
    Handler.requests.clear()
    path = conflictschema.download(
        "contested-incidents", "1.0.0", index=server, cache_dir=cache, offline=True
    )
    assert Handler.requests == []
    assert (path / "dataset.json").exists()
    with pytest.raises(DownloadError, match="not in the cache"):
        conflictschema.download(
            "contested-incidents", "2.0.0", index=server, cache_dir=cache, offline=True
        )
    # online again: the cached zip is used, only the index is fetched
    conflictschema.download("contested-incidents", "1.0.0", index=server, cache_dir=cache)
    assert [r for r in Handler.requests if r.endswith(".zip")] == []


@pytest.fixture
def no_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Failures that retrying cannot mend, without pooch's waits between attempts."""
    from conflictschema.fetching import client

    monkeypatch.setattr(client, "RETRIES", 0)


def test_tampered_zip_is_refused_and_nothing_kept(server: str, tmp_path: Path, no_retries) -> None:
    Handler.tamper = True
    cache = tmp_path / "cache"
    with pytest.raises(HashMismatchError) as caught:
        conflictschema.download("contested-incidents", "1.0.0", index=server, cache_dir=cache)
    assert "expected sha256" in str(caught.value)
    assert not list(cache.rglob("*.zip"))
    assert not list(cache.rglob("dataset.json"))


def test_truncated_transfer_leaves_no_cache_entry(server: str, tmp_path: Path, no_retries) -> None:
    Handler.truncate = True
    cache = tmp_path / "cache"
    with pytest.raises(DownloadError):
        conflictschema.download("contested-incidents", "1.0.0", index=server, cache_dir=cache)
    assert not list(cache.rglob("*.zip"))
    assert not list(cache.rglob("dataset.json"))


def test_server_error_then_success(server: str, tmp_path: Path) -> None:
    Handler.failures_left = 2
    path = conflictschema.download("contested-incidents", "1.0.0", index=server, cache_dir=tmp_path)
    assert (path / "SHA256SUMS").exists()
    assert sum(r.endswith(".zip") for r in Handler.requests) == 3


def test_unknown_dataset_or_version_lists_what_is_offered(server: str, tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match=r"offers: 1\.0\.0, 1\.0\.1, 1\.1\.0, 2\.0\.0"):
        conflictschema.download("contested-incidents", "3.0.0", index=server, cache_dir=tmp_path)
    with pytest.raises(DownloadError, match="offers: contested-incidents"):
        conflictschema.download("no-such-dataset", index=server, cache_dir=tmp_path)


def test_no_index_says_how_to_set_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:
    monkeypatch.delenv("CONFLICTSCHEMA_INDEX", raising=False)
    with pytest.raises(DownloadError, match="CONFLICTSCHEMA_INDEX"):
        conflictschema.download("contested-incidents", cache_dir=tmp_path)
    result = cli("download", "contested-incidents", "--cache-dir", tmp_path)
    assert result.code == 2
    assert "--index" in result.stderr


def test_local_directory_index_and_cli(releases: Path, tmp_path: Path, cli) -> None:
    out = tmp_path / "copy"
    result = cli(
        "download",
        "contested-incidents@~1.0",
        "--index",
        releases,
        "--cache-dir",
        tmp_path / "cache",
        "-o",
        out,
    )
    assert result.code == 0, result
    assert json.loads((out / "datapackage.json").read_text())["version"] == "1.0.1"
    listing = cli(
        "versions", "contested-incidents", "--index", releases, "--cache-dir", tmp_path / "cache"
    )
    assert [line.split("\t")[0] for line in listing.stdout.splitlines()] == [
        "1.0.0",
        "1.0.1",
        "1.1.0",
        "2.0.0",
    ]


def _evil_zip(member: str, *, link: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo(member)
        if link:
            info.external_attr = 0o120777 << 16
        archive.writestr(info, b"x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("member", "link"),
    [("../escape.txt", False), ("/etc/evil", False), ("pkg/../../x", False), ("pkg/link", True)],
)
def test_unsafe_zip_is_refused(releases: Path, tmp_path: Path, member: str, link: bool) -> None:
    served = tmp_path / "served"
    shutil.copytree(releases, served)
    data = _evil_zip(member, link=link)
    zip_path = served / "contested-incidents" / "contested-incidents-1.0.0.zip"
    zip_path.write_bytes(data)
    index = json.loads((served / "index.json").read_text())
    entry = index["datasets"]["contested-incidents"]["versions"][0]
    entry.update(sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    (served / "index.json").write_text(json.dumps(index))
    with pytest.raises(UnsafeArchiveError, match="refused"):
        conflictschema.download(
            "contested-incidents", "1.0.0", index=served, cache_dir=tmp_path / "cache"
        )
    assert not (tmp_path / "escape.txt").exists()
    assert not list((tmp_path / "cache").rglob("*.zip"))


def test_download_action_is_pure(tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    assert download_action(path, "0" * 64) == "download"
    path.write_bytes(b"abc")
    assert download_action(path, "0" * 64) == "update"
    assert download_action(path, hashlib.sha256(b"abc").hexdigest()) == "fetch"


@pytest.mark.parametrize(
    ("spec", "inside", "outside"),
    [
        ("~1.2", ["1.2.0", "1.2.9"], ["1.3.0", "1.1.9"]),
        ("^1.2", ["1.2.0", "1.9.0"], ["2.0.0", "1.1.0"]),
        (">=1.0,<2", ["1.0.0", "1.99.0"], ["2.0.0", "0.9.9"]),
        ("1.2.3", ["1.2.3"], ["1.2.4"]),
        ("^0.3", ["0.3.5"], ["0.4.0"]),
    ],
)
def test_version_specs(spec: str, inside: list[str], outside: list[str]) -> None:
    parsed = VersionSpec.parse(spec)
    assert all(parsed.matches(Version.parse(v)) for v in inside)
    assert not any(parsed.matches(Version.parse(v)) for v in outside)
