"""download(), load() and versions(): published releases, verified, cached, offline-capable.

The release index (``index.json`` written by ``conflictschema release``) comes from
a URL or a local directory, named by the caller or by $CONFLICTSCHEMA_INDEX; no host
is built in. A zip is verified against the index's sha256 before anything else uses
it, kept in the user's cache, and unpacked safely; every unpacked file is then checked
against the release's SHA256SUMS. The download itself is pooch's: streamed to a
temporary file beside the cache entry, hash-checked, moved into place, retried with a
growing wait.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from conflictschema.cache import cache_dir as default_cache_dir
from conflictschema.errors import ConflictSchemaError
from conflictschema.fetching.extract import safe_extract
from conflictschema.fetching.specs import VersionSpec
from conflictschema.files import atomic_write_text
from conflictschema.hashing import sha256_bytes, sha256_file
from conflictschema.models.dataset import Dataset
from conflictschema.semver import Version

INDEX_ENV = "CONFLICTSCHEMA_INDEX"
RETRIES = 3
TIMEOUT_SECONDS = 30


class DownloadError(ConflictSchemaError):
    """A release could not be fetched: no index, unknown dataset or version, network failure."""


class HashMismatchError(DownloadError, ValueError):
    """A downloaded file is not the one the index published; nothing was kept."""


@dataclass(frozen=True)
class ReleaseEntry:
    """One published version as the index lists it."""

    name: str
    version: str
    url: str
    bytes: int
    sha256: str
    standard_version: str | None
    date: str | None


def _index_location(index: str | os.PathLike[str] | None) -> str:
    location = str(index) if index is not None else os.environ.get(INDEX_ENV)
    if not location:
        raise DownloadError(
            f"no release index given: pass --index URL_OR_DIR (or index= in Python), or set {INDEX_ENV}"
        )
    return location


def _is_url(location: str) -> bool:
    return urllib.parse.urlsplit(location).scheme in ("http", "https")


def _index_url(location: str) -> str:
    return location if location.endswith(".json") else location.rstrip("/") + "/index.json"


def _http_get(url: str) -> bytes:
    import requests

    last: Exception | None = None
    for attempt in range(RETRIES + 1):
        try:
            response = requests.get(url, timeout=TIMEOUT_SECONDS)
            response.raise_for_status()
            return response.content
        except requests.RequestException as exc:
            last = exc
            if attempt < RETRIES:
                time.sleep(min(2**attempt * 0.25, 4))
    raise DownloadError(f"could not fetch {url} after {RETRIES + 1} attempts: {last}")


def _cached_index_path(cache: Path, location: str) -> Path:
    return cache / "indexes" / f"{sha256_bytes(location.encode())[:16]}.json"


def read_index(
    index: str | os.PathLike[str] | None = None,
    *,
    cache_dir: str | os.PathLike[str] | None = None,
    offline: bool = False,
) -> dict[str, Any]:
    """The release index; fetched (and cached) unless ``offline``, when the cached copy is used."""
    location = _index_location(index)
    cache = Path(cache_dir) if cache_dir else default_cache_dir()
    cached = _cached_index_path(cache, location)
    if offline:
        if not cached.exists():
            raise DownloadError(
                f"offline, and the index {location} has never been fetched into {cache}"
            )
        return dict(json.loads(cached.read_text(encoding="utf-8")))
    if _is_url(location):
        raw = _http_get(_index_url(location))
    else:
        path = Path(location)
        path = path / "index.json" if path.is_dir() else path
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise DownloadError(
                f"cannot read the release index {path}: {exc.strerror or exc}"
            ) from None
    try:
        data = json.loads(raw)
        assert isinstance(data, dict)
        assert isinstance(data.get("datasets"), dict)
    except (ValueError, AssertionError):
        raise DownloadError(
            f"{location} is not a release index (index.json written by `conflictschema release`)"
        ) from None
    with contextlib.suppress(OSError):  # the cache is an optimisation
        atomic_write_text(cached, raw.decode("utf-8"))
    return data


def list_versions(index: dict[str, Any], name: str) -> list[ReleaseEntry]:
    """The versions of ``name`` the index offers, oldest first."""
    datasets = index["datasets"]
    if name not in datasets:
        offered = ", ".join(sorted(datasets)) or "none"
        raise DownloadError(f"the index has no dataset {name!r}; it offers: {offered}")
    entries = [
        ReleaseEntry(
            name=name,
            version=v["version"],
            url=v["url"],
            bytes=int(v["bytes"]),
            sha256=str(v["sha256"]).lower(),
            standard_version=v.get("standard_version"),
            date=v.get("date"),
        )
        for v in datasets[name]["versions"]
    ]
    return sorted(entries, key=lambda e: Version.parse(e.version))


def resolve(entries: list[ReleaseEntry], spec: str | None) -> ReleaseEntry:
    """The newest entry that ``spec`` admits (the newest of all when ``spec`` is None)."""
    wanted = VersionSpec.parse(spec) if spec else None
    matching = [e for e in entries if wanted is None or wanted.matches(Version.parse(e.version))]
    if not matching:
        offered = ", ".join(e.version for e in entries) or "none"
        raise DownloadError(
            f"no version of {entries[0].name if entries else 'the dataset'} matches {spec!r}; the index offers: {offered}"
        )
    return matching[-1]


def download_action(path: Path, known_sha256: str) -> Literal["download", "update", "fetch"]:
    """What to do about a cache entry, decided without touching the network (pooch's rule).

    >>> download_action(Path("/nonexistent/x.zip"), "00")
    'download'
    """
    if not path.exists():
        return "download"
    return "fetch" if sha256_file(path) == known_sha256 else "update"


def _fetch_zip(entry: ReleaseEntry, location: str, target: Path, progressbar: Any) -> None:
    """Put the verified zip at ``target`` (pooch streams, checks the hash, moves, retries)."""
    if _is_url(location):
        import pooch

        pooch.get_logger().setLevel("WARNING")
        base = _index_url(location).rsplit("/", 1)[0] + "/"
        url = urllib.parse.urljoin(base, entry.url)
        downloader = pooch.HTTPDownloader(progressbar=progressbar, timeout=TIMEOUT_SECONDS)
        store = pooch.create(
            path=target.parent,
            base_url="",
            registry={target.name: f"sha256:{entry.sha256}"},
            urls={target.name: url},
            retry_if_failed=RETRIES,
        )
        try:
            store.fetch(target.name, downloader=downloader)
        except ValueError as exc:  # pooch's hash mismatch after its retries
            raise HashMismatchError(
                f"{url}: the download does not match the index: expected sha256 {entry.sha256}; {exc}; nothing was kept"
            ) from None
        except Exception as exc:  # requests' errors after pooch's retries
            raise DownloadError(f"could not download {url}: {exc}") from None
        return
    source = (Path(location) if Path(location).is_dir() else Path(location).parent) / entry.url
    if not source.exists():
        raise DownloadError(f"{source} is listed in the index but missing")
    actual = sha256_file(source)
    if actual != entry.sha256:
        raise HashMismatchError(
            f"{source}: expected sha256 {entry.sha256} (from the index), got {actual}; nothing was kept"
        )
    staging = target.with_name(target.name + ".part")
    shutil.copyfile(source, staging)
    os.replace(staging, target)


def download(
    name: str,
    version: str | None = None,
    *,
    index: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    offline: bool = False,
    progressbar: Any = False,
) -> Path:
    """Fetch release ``name`` at ``version`` (exact, a range like ``~1.2``, or None for the
    latest), verified, and return the folder holding its files.

    The zip and its unpacked files live in the cache (``cache_dir``,
    $CONFLICTSCHEMA_CACHE_DIR, or the user cache directory); a version already there
    is used without the network, and ``offline=True`` never touches it. With ``out``
    the files are also copied there.

    Raises
    ------
    DownloadError, HashMismatchError, UnsafeArchiveError, ChecksumError
    """
    cache = Path(cache_dir) if cache_dir else default_cache_dir()
    location = _index_location(index)
    entries = list_versions(read_index(location, cache_dir=cache, offline=offline), name)
    entry = resolve(entries, version)
    folder = cache / "releases" / name / entry.version
    zip_path = folder / f"{name}-{entry.version}.zip"
    action = download_action(zip_path, entry.sha256)
    if action != "fetch":
        if offline:
            raise DownloadError(f"offline, and {name} {entry.version} is not in the cache {cache}")
        folder.mkdir(parents=True, exist_ok=True)
        if action == "update":
            zip_path.unlink()
        _fetch_zip(entry, location, zip_path, progressbar)
    files = folder / "files"
    if action != "fetch" or not (files / "SHA256SUMS").exists():
        try:
            safe_extract(zip_path, files)
        except ConflictSchemaError:
            zip_path.unlink(missing_ok=True)  # a bad archive never stays in the cache
            raise
    if out is not None:
        destination = Path(out)
        if destination.exists() and any(destination.iterdir()):
            raise DownloadError(f"{destination} exists and is not empty; choose a new folder")
        shutil.copytree(files, destination, dirs_exist_ok=True)
        return destination
    return files


def load(
    name: str,
    version: str | None = None,
    *,
    index: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    offline: bool = False,
) -> Dataset:
    """Download (or reuse) a release and return it as a Dataset."""
    from conflictschema.validation.reader import read

    return read(
        download(name, version, index=index, cache_dir=cache_dir, offline=offline) / "dataset.json"
    )


def versions(
    name: str,
    *,
    index: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    offline: bool = False,
) -> list[ReleaseEntry]:
    """The published versions of ``name``, oldest first."""
    return list_versions(read_index(index, cache_dir=cache_dir, offline=offline), name)
