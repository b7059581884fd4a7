"""Downloads are bounded, verified on every use, safe to run at once, and work offline:
against real HTTP servers on 127.0.0.1 that misbehave on purpose."""

from __future__ import annotations

import http.server
import json
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import ClassVar

import pytest

import conflictschema
from conflictschema import ConflictSchemaWarning, DownloadError
from conflictschema.fetching.client import DEADLINE_SECONDS, MAX_INDEX_BYTES
from tests.unit.fetching.test_download import Handler, releases, server

NAME = "contested-incidents"
__all__ = ["releases", "server"]  # fixtures shared with test_download


class Misbehaving(http.server.SimpleHTTPRequestHandler):
    """Serves the release folder, except where the test asks for one misbehaviour."""

    mode: ClassVar[str] = ""
    requests: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:
        pass

    def _endless(self, piece: bytes, pause: float = 0.0) -> None:
        self.send_response(200)
        self.end_headers()  # no Content-Length: the body ends when the server says
        try:
            while True:
                self.wfile.write(piece)
                self.wfile.flush()
                if pause:
                    time.sleep(pause)
        except OSError:  # the client gave up, as it should
            return

    def do_GET(self) -> None:
        cls = type(self)
        cls.requests.append(self.path)
        if cls.mode == "endless-index" and self.path.endswith("index.json"):
            return self._endless(b'{"datasets": {' + b" " * 65536)
        if cls.mode == "endless-zip" and self.path.endswith(".zip"):
            return self._endless(b"PK" * 32768)
        if cls.mode == "trickle" and self.path.endswith(".zip"):
            return self._endless(b"P", pause=0.2)
        if cls.mode == "redirect-to-file" and self.path.endswith("index.json"):
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return None
        if cls.mode == "down":
            self.send_error(503, "down for maintenance")
            return None
        return super().do_GET()


@pytest.fixture
def misbehaving(releases: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A server over a copy of the releases the test may edit."""
    served = tmp_path / "served"
    shutil.copytree(releases, served)
    Misbehaving.mode, Misbehaving.requests = "", []
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: Misbehaving(*a, directory=str(served))
    )
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", served
    httpd.shutdown()


def _cache_leftovers(cache: Path) -> list[str]:
    """Files a failed download must not leave: zips, parts, unpacked data."""
    return sorted(
        p.name
        for p in cache.rglob("*")
        if p.is_file()
        and not p.name.endswith((".lock", "entry.json"))
        and p.parent.name != "indexes"
    )


# --- 4. limits ---------------------------------------------------------------------------


def test_an_endless_index_is_cut_off_at_the_cap(
    misbehaving: tuple[str, Path], tmp_path: Path
) -> None:
    url, _ = misbehaving
    Misbehaving.mode = "endless-index"
    with pytest.raises(DownloadError, match=f"more than the {MAX_INDEX_BYTES} bytes allowed"):
        conflictschema.download(NAME, index=url, cache_dir=tmp_path / "cache")
    assert len(Misbehaving.requests) == 1  # too much data is not worth a retry


def test_an_endless_zip_stops_at_the_size_the_index_lists(
    misbehaving: tuple[str, Path], tmp_path: Path
) -> None:
    url, served = misbehaving
    Misbehaving.mode = "endless-zip"
    listed = json.loads((served / "index.json").read_text())["datasets"][NAME]["versions"][0]
    cache = tmp_path / "cache"
    with pytest.raises(DownloadError, match=f"more than the {listed['bytes']} bytes allowed"):
        conflictschema.download(NAME, "1.0.0", index=url, cache_dir=cache)
    assert _cache_leftovers(cache) == []
    assert sum(r.endswith(".zip") for r in Misbehaving.requests) == 1


def test_a_trickling_server_meets_the_deadline(
    misbehaving: tuple[str, Path], tmp_path: Path, cli
) -> None:
    url, _ = misbehaving
    Misbehaving.mode = "trickle"
    cache = tmp_path / "cache"
    result = cli(
        "download", f"{NAME}@1.0.0", "--index", url, "--cache-dir", cache, "--timeout", "1.5"
    )
    assert result.code == 2, result
    assert "not finished within 1.5 s" in result.stderr
    assert "--timeout" in result.stderr
    assert _cache_leftovers(cache) == []


def test_the_cli_and_library_deadlines_agree() -> None:
    from conflictschema.cli.download import DEADLINE_SECONDS as CLI_DEADLINE

    assert CLI_DEADLINE == DEADLINE_SECONDS


def test_an_endless_local_index_is_refused(tmp_path: Path, cli) -> None:
    result = cli("versions", NAME, "--index", "/dev/zero", "--cache-dir", tmp_path)
    assert result.code == 2, result
    assert "too many for a release index" in result.stderr


# --- 5. the cache is checked on every use ------------------------------------------------


def test_an_edited_cache_is_never_handed_out(server: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    path = conflictschema.download(NAME, "1.0.0", index=server, cache_dir=cache)
    title = conflictschema.load(NAME, "1.0.0", index=server, cache_dir=cache).incidents[0].title
    for edited in (path / "data" / "incidents.csv", path / "dataset.json"):
        edited.chmod(0o644)
        edited.write_text(edited.read_text().replace(title, "EDITED"))
    (path / "CHANGES.json").unlink()
    again = conflictschema.download(NAME, "1.0.0", index=server, cache_dir=cache)
    checked = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=again, capture_output=True)
    assert checked.returncode == 0, checked.stdout
    assert (
        conflictschema.load(NAME, "1.0.0", index=server, cache_dir=cache).incidents[0].title
        == title
    )
    (again / "dataset.json").chmod(0o644)
    (again / "dataset.json").write_text("{}")
    copy = conflictschema.download(
        NAME, "1.0.0", index=server, cache_dir=cache, out=tmp_path / "copy"
    )
    assert (
        subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=copy, capture_output=True).returncode
        == 0
    )
    # the cache is read-only; the copy is the one to work on
    assert not (again / "dataset.json").stat().st_mode & 0o222
    assert (copy / "dataset.json").stat().st_mode & 0o200


def test_a_replaced_cached_zip_is_fetched_again(server: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    path = conflictschema.download(NAME, "1.0.0", index=server, cache_dir=cache)
    zip_path = cache / "releases" / NAME / "1.0.0" / f"{NAME}-1.0.0.zip"
    zip_path.write_bytes(b"not the release")
    Handler.requests.clear()
    assert conflictschema.download(NAME, "1.0.0", index=server, cache_dir=cache) == path
    assert sum(r.endswith(".zip") for r in Handler.requests) == 1


# --- 6. concurrent downloads --------------------------------------------------------------


def test_concurrent_downloads_of_one_version_all_get_whole_folders(
    server: str, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"

    def fetch(number: int) -> Path:
        return conflictschema.download(
            NAME, "1.1.0", index=server, cache_dir=cache, out=tmp_path / f"copy-{number}"
        )

    with ThreadPoolExecutor(max_workers=6) as pool:
        folders = list(pool.map(fetch, range(6)))
    for folder in folders:
        checked = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True)
        assert checked.returncode == 0, (folder, checked.stdout)
    assert sum(r.endswith(".zip") for r in Handler.requests) == 1  # the others waited, then reused
    assert not [p for p in cache.rglob("*") if p.name.startswith(".extract-") or ".part" in p.name]


@pytest.mark.slow
def test_concurrent_download_processes_share_one_cache(server: str, tmp_path: Path) -> None:
    import sys

    cache = tmp_path / "cache"
    command = ["download", f"{NAME}@2.0.0", "--index", server, "--cache-dir", str(cache)]
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "conflictschema", *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    for stdout, _ in outputs:
        folder = Path(stdout.strip())
        assert (
            subprocess.run(
                ["sha256sum", "-c", "SHA256SUMS"], cwd=folder, capture_output=True
            ).returncode
            == 0
        )


# --- 7. offline, for real -----------------------------------------------------------------


def test_a_cached_exact_version_needs_no_network(
    misbehaving: tuple[str, Path], tmp_path: Path, cli
) -> None:
    url, _ = misbehaving
    cache = tmp_path / "cache"
    conflictschema.download(NAME, "1.0.0", index=url, cache_dir=cache)
    Misbehaving.mode, Misbehaving.requests = "down", []
    result = cli("download", f"{NAME}@1.0.0", "--index", url, "--cache-dir", cache)
    assert result.code == 0, result
    assert Misbehaving.requests == []
    assert result.stderr == ""


def test_an_unreachable_index_falls_back_to_its_cached_copy_with_a_warning(
    misbehaving: tuple[str, Path], tmp_path: Path, cli
) -> None:
    url, _ = misbehaving
    cache = tmp_path / "cache"
    conflictschema.download(NAME, "~1.0", index=url, cache_dir=cache)
    Misbehaving.mode = "down"
    with pytest.warns(ConflictSchemaWarning, match="using the copy of the index cached on"):
        path = conflictschema.download(NAME, "~1.0", index=url, cache_dir=cache)
    assert json.loads((path / "datapackage.json").read_text())["version"] == "1.0.1"
    result = cli("download", f"{NAME}@~1.0", "--index", url, "--cache-dir", cache)
    assert result.code == 0, result
    assert result.stderr.startswith("warning: ")
    assert "--offline" in result.stderr
    # nothing cached to fall back on: the error says so
    missing = cli("download", f"{NAME}@~1.0", "--index", url, "--cache-dir", tmp_path / "empty")
    assert missing.code == 2, missing
    assert "no copy of this index is cached" in missing.stderr


def test_a_missing_zip_is_not_retried(misbehaving: tuple[str, Path], tmp_path: Path) -> None:
    url, served = misbehaving
    (served / NAME / f"{NAME}-1.0.0.zip").unlink()
    with pytest.raises(DownloadError, match="404"):
        conflictschema.download(NAME, "1.0.0", index=url, cache_dir=tmp_path / "cache")
    assert sum(r.endswith(".zip") for r in Misbehaving.requests) == 1


def test_a_redirect_to_a_local_file_has_its_own_message(
    misbehaving: tuple[str, Path], tmp_path: Path
) -> None:
    url, _ = misbehaving
    Misbehaving.mode = "redirect-to-file"
    with pytest.raises(DownloadError, match="not http or https"):
        conflictschema.download(NAME, index=url, cache_dir=tmp_path / "cache")


@pytest.mark.parametrize("name", ["../escape", "a/b", "Contested", "", "x\n", ".hidden"])
def test_a_dataset_name_that_is_not_a_name_is_refused(
    name: str, releases: Path, tmp_path: Path
) -> None:
    with pytest.raises(DownloadError, match="is not a dataset name"):
        conflictschema.download(name, index=releases, cache_dir=tmp_path / "cache")
    assert not (tmp_path / "escape").exists()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ({"version": "../../x"}, "version '../../x' is not MAJOR.MINOR.PATCH"),
        ({"version": "1.0.0\n"}, "is not MAJOR.MINOR.PATCH"),
        ({"bytes": "many"}, "bytes 'many' is not a size"),
        ({"sha256": "abc"}, "sha256 'abc' is not a SHA-256 digest"),
        ({"url": None}, "it has no url"),
    ],
)
def test_malformed_index_entries_are_clear_errors(
    edit: dict[str, object], message: str, releases: Path, tmp_path: Path, cli
) -> None:
    served = tmp_path / "served"
    shutil.copytree(releases, served)
    index = json.loads((served / "index.json").read_text())
    index["datasets"][NAME]["versions"][0].update(edit)
    (served / "index.json").write_text(json.dumps(index))
    result = cli("download", NAME, "--index", served, "--cache-dir", tmp_path / "cache")
    assert result.code == 2, result
    assert "entry 1 for contested-incidents is malformed" in result.stderr
    assert message in result.stderr
