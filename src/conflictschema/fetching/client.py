"""download(), load() and versions(): published releases, verified, cached, offline-capable.

The release index (``index.json`` written by ``conflictschema release``) comes from
a URL or a local directory, named by the caller or by $CONFLICTSCHEMA_INDEX; no host
is built in. Every transfer is bounded: the index by ``MAX_INDEX_BYTES``, a zip by the
size the index lists for it, and the whole download by a deadline (``timeout``).

The cache holds, per version, the zip (checked against the index's sha256 before
anything uses it), the unpacked files, and the index entry they were checked against.
The zip is the truth: on every use it is hashed again and the unpacked files are
checked against the release's SHA256SUMS, and files that were changed are unpacked
again from the zip. One process at a time works on a version (a file lock); pooch
streams each zip to a uniquely named temporary file, checks its hash and moves it into
place, so concurrent downloads neither collide nor see a part. A cached exact version
needs no network; when the index cannot be reached, its cached copy is used with a
warning.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import time
import urllib.parse
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from conflictschema.archive import ChecksumError, safe_extract, verify_tree
from conflictschema.cache import cache_dir as default_cache_dir
from conflictschema.errors import ConflictSchemaError, ConflictSchemaWarning
from conflictschema.fetching.http import Deadline, DeadlineError, FetchError, get
from conflictschema.fetching.specs import VersionSpec
from conflictschema.files import (
    atomic_write,
    atomic_write_bytes,
    atomic_write_dir,
    atomic_write_text,
    file_lock,
    new_or_empty,
)
from conflictschema.hashing import sha256_bytes, sha256_file
from conflictschema.models.dataset import DATASET_NAME_PATTERN, Dataset
from conflictschema.semver import Version, VersionError

INDEX_ENV = "CONFLICTSCHEMA_INDEX"
RETRIES = 3
#: The whole download, index and retries included, must finish within this.
DEADLINE_SECONDS = 600.0
#: An index of every version of many datasets stays far below this.
MAX_INDEX_BYTES = 32 * 1024**2
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


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
    if not location or not location.strip():
        raise DownloadError(
            f"no release index given: pass --index URL_OR_DIR (or index= in Python), or set {INDEX_ENV}"
        )
    return location


def _is_url(location: str) -> bool:
    return urllib.parse.urlsplit(location).scheme in ("http", "https")


def _index_url(location: str) -> str:
    return location if location.endswith(".json") else location.rstrip("/") + "/index.json"


def check_name(name: str) -> str:
    """``name`` if it is a dataset name; it becomes a folder in the cache, so nothing else is."""
    if not re.fullmatch(DATASET_NAME_PATTERN, name):
        raise DownloadError(
            f"{name!r} is not a dataset name (lower-case letters, digits, '.', '_' and '-', starting with a letter or digit)"
        )
    return name


class IndexUnreachableError(DownloadError):
    """The index could not be fetched for a network failure, a server error or the
    deadline: a cached copy of it may stand in."""


def _get_with_retries(url: str, deadline: Deadline, max_bytes: int) -> bytes:
    """The body of ``url``, tried again after a network failure or a server error."""
    import requests

    last: Exception | None = None
    for attempt in range(RETRIES + 1):
        received = bytearray()
        try:
            get(url, max_bytes=max_bytes, deadline=deadline, write=received.extend)
            return bytes(received)
        except DeadlineError as exc:
            raise IndexUnreachableError(str(exc)) from None
        except FetchError as exc:
            raise DownloadError(str(exc)) from None
        except requests.RequestException as exc:
            last = exc
            if attempt < RETRIES:
                time.sleep(min(0.25 * 2**attempt, max(0.0, deadline.at - time.monotonic())))
    raise IndexUnreachableError(f"could not fetch {url} after {RETRIES + 1} attempts: {last}")


def _cached_index_path(cache: Path, location: str) -> Path:
    return cache / "indexes" / f"{sha256_bytes(location.encode())[:16]}.json"


def _parse_index(raw: bytes, location: str) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("datasets"), dict):
        raise DownloadError(
            f"{location} is not a release index (index.json written by `conflictschema release`)"
        )
    return data


def _index_bytes(location: str, deadline: Deadline) -> bytes:
    if _is_url(location):
        return _get_with_retries(_index_url(location), deadline, MAX_INDEX_BYTES)
    path = Path(location)
    path = path / "index.json" if path.is_dir() else path
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_INDEX_BYTES + 1)
    except OSError as exc:
        raise DownloadError(
            f"cannot read the release index {path}: {exc.strerror or exc}"
        ) from None
    if len(raw) > MAX_INDEX_BYTES:
        raise DownloadError(
            f"{path} holds more than {MAX_INDEX_BYTES} bytes, too many for a release index"
        )
    return raw


def read_index(
    index: str | os.PathLike[str] | None = None,
    *,
    cache_dir: str | os.PathLike[str] | None = None,
    offline: bool = False,
    timeout: float = DEADLINE_SECONDS,
) -> dict[str, Any]:
    """The release index; fetched (and cached) unless ``offline``, when the cached copy
    is used. When the index cannot be reached, the cached copy is used with a
    :class:`ConflictSchemaWarning` saying how old it is."""
    return _read_index(
        _index_location(index),
        Path(cache_dir) if cache_dir else default_cache_dir(),
        offline,
        Deadline.after(timeout),
    )


def _read_index(location: str, cache: Path, offline: bool, deadline: Deadline) -> dict[str, Any]:
    cached = _cached_index_path(cache, location)
    if offline:
        if not cached.exists():
            raise DownloadError(
                f"offline, and the index {location} has never been fetched into {cache}"
            )
        return _parse_index(cached.read_bytes(), str(cached))
    try:
        raw = _index_bytes(location, deadline)
    except IndexUnreachableError as exc:
        if not cached.exists():
            raise DownloadError(
                f"{exc}; no copy of this index is cached in {cache} to fall back on"
            ) from None
        fetched = time.strftime("%Y-%m-%d %H:%M", time.localtime(cached.stat().st_mtime))
        warnings.warn(
            f"{exc}; using the copy of the index cached on {fetched} (pass --offline to skip the network)",
            ConflictSchemaWarning,
            stacklevel=3,
        )
        return _parse_index(cached.read_bytes(), str(cached))
    data = _parse_index(raw, location)
    with contextlib.suppress(OSError):  # the cache is an optimisation
        atomic_write_bytes(cached, raw)
    return data


def _entry_problem(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "it is not an object"
    try:
        Version.parse(str(value.get("version")))
    except VersionError:
        return f"version {value.get('version')!r} is not MAJOR.MINOR.PATCH"
    url, size, digest = value.get("url"), value.get("bytes"), value.get("sha256")
    if not isinstance(url, str) or not url.strip():
        return "it has no url"
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        return f"bytes {size!r} is not a size"
    if not isinstance(digest, str) or not _SHA256.match(digest.lower()):
        return f"sha256 {digest!r} is not a SHA-256 digest"
    return None


def _entry(name: str, number: int, value: Any) -> ReleaseEntry:
    """One index entry, checked: it names folders in the cache and what to trust."""
    problem = _entry_problem(value)
    if problem is not None:
        raise DownloadError(f"the index's entry {number} for {name} is malformed: {problem}")

    def text(key: str) -> str | None:
        found = value.get(key)
        return found if isinstance(found, str) else None

    return ReleaseEntry(
        name=name,
        version=str(Version.parse(str(value["version"]))),
        url=value["url"],
        bytes=value["bytes"],
        sha256=value["sha256"].lower(),
        standard_version=text("standard_version"),
        date=text("date"),
    )


def list_versions(index: dict[str, Any], name: str) -> list[ReleaseEntry]:
    """The versions of ``name`` the index offers, oldest first."""
    datasets = index["datasets"]
    if name not in datasets:
        offered = ", ".join(sorted(map(str, datasets))) or "none"
        raise DownloadError(f"the index has no dataset {name!r}; it offers: {offered}")
    listed = datasets[name].get("versions") if isinstance(datasets[name], dict) else None
    if not isinstance(listed, list):
        raise DownloadError(f"the index's entry for {name} has no list of versions")
    entries = [_entry(name, number, value) for number, value in enumerate(listed, 1)]
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


def _fetch_zip(
    entry: ReleaseEntry, location: str, target: Path, progressbar: Any, deadline: Deadline
) -> None:
    """Put the verified zip at ``target``: pooch gives each attempt its own temporary
    file, checks the hash, moves it into place and retries; the transfer is ours, so that
    it stops at the size the index lists and at the deadline."""
    if not _is_url(location):
        _copy_local_zip(entry, location, target)
        return
    import pooch

    pooch.get_logger().setLevel("WARNING")
    url = urllib.parse.urljoin(_index_url(location).rsplit("/", 1)[0] + "/", entry.url)
    if not _is_url(url):
        raise DownloadError(
            f"the index lists {entry.url!r} for {entry.name} {entry.version}: not a web address"
        )

    def transfer(url: str, output_file: str, _: object) -> None:
        with open(output_file, "wb") as sink:
            try:
                get(
                    url,
                    max_bytes=entry.bytes,
                    deadline=deadline,
                    write=sink.write,
                    progress=_progress(progressbar),
                )
            except FetchError as exc:
                raise DownloadError(f"{exc}; nothing was kept") from None

    store = pooch.create(
        path=target.parent,
        base_url="",
        registry={target.name: f"sha256:{entry.sha256}"},
        urls={target.name: url},
        retry_if_failed=RETRIES,
    )
    try:
        store.fetch(target.name, downloader=transfer)
    except DownloadError:
        raise
    except ValueError as exc:  # pooch's hash mismatch after its retries
        raise HashMismatchError(
            f"{url}: the download does not match the index: expected sha256 {entry.sha256}; {exc}; nothing was kept"
        ) from None
    except Exception as exc:  # requests' errors after pooch's retries
        raise DownloadError(f"could not download {url}: {exc}") from None


def _progress(bar: Any) -> Any:
    if not bar:
        return None

    def advance(size: int, total: int | None) -> None:
        bar.total = total or 0
        bar.update(size)

    return advance


def _copy_local_zip(entry: ReleaseEntry, location: str, target: Path) -> None:
    folder = Path(location) if Path(location).is_dir() else Path(location).parent
    source = folder / entry.url
    if not source.is_file():
        raise DownloadError(f"{source} is listed in the index but missing")
    if source.stat().st_size != entry.bytes:
        raise HashMismatchError(
            f"{source}: {source.stat().st_size} bytes, the index lists {entry.bytes}; nothing was kept"
        )
    actual = sha256_file(source)
    if actual != entry.sha256:
        raise HashMismatchError(
            f"{source}: expected sha256 {entry.sha256} (from the index), got {actual}; nothing was kept"
        )
    atomic_write(target, lambda staged: shutil.copyfile(source, staged))


def _read_only(root: Path) -> None:
    """Mark unpacked files read-only: they are the cache's, checked on every use; an
    editable copy comes from ``out=``."""
    for path in root.rglob("*"):
        if path.is_file():
            path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)


def _unpacked(zip_path: Path, files: Path) -> Path:
    """The release's files, unpacked from the verified zip and matching its SHA256SUMS;
    unpacked again when they were changed or are missing."""
    with contextlib.suppress(ChecksumError, OSError):
        verify_tree(files)
        return files
    try:
        safe_extract(zip_path, files)
    except ConflictSchemaError:
        zip_path.unlink(missing_ok=True)  # a bad archive never stays in the cache
        raise
    _read_only(files)
    return files


def _cached_entry(folder: Path, name: str, version: str) -> ReleaseEntry | None:
    """The index entry a cached version was checked against, if its zip still matches it."""
    entry = _recorded_entry(folder, name)
    zip_path = folder / f"{name}-{version}.zip"
    if entry is None or entry.version != version:
        return None
    return entry if download_action(zip_path, entry.sha256) == "fetch" else None


def _recorded_entry(folder: Path, name: str) -> ReleaseEntry | None:
    """The index entry kept beside a cached version (``entry.json``), if it reads."""
    try:
        return _entry(name, 1, json.loads((folder / "entry.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, DownloadError):
        return None


def _exact(version: str | None) -> str | None:
    try:
        return str(Version.parse(version)) if version else None
    except VersionError:
        return None


def download(
    name: str,
    version: str | None = None,
    *,
    index: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    offline: bool = False,
    progressbar: Any = False,
    timeout: float = DEADLINE_SECONDS,
) -> Path:
    """Fetch release ``name`` at ``version`` (exact, a range like ``~1.2``, or None for the
    latest), verified, and return the folder holding its files.

    The zip and its unpacked files live in the cache (``cache_dir``,
    $CONFLICTSCHEMA_CACHE_DIR, or the user cache directory). A cached exact version is
    used without the network; ``offline=True`` never touches it; an unreachable index
    falls back to its cached copy with a warning. Every use checks the cached files
    again. The returned cache folder is read-only: with ``out`` the files are copied
    into that new folder instead, and it is returned. ``timeout`` bounds the whole
    download in seconds.

    Raises
    ------
    DownloadError, HashMismatchError, UnsafeArchiveError, ChecksumError
    """
    check_name(name)
    cache = Path(cache_dir) if cache_dir else default_cache_dir()
    deadline = Deadline.after(timeout)
    destination = Path(out) if out is not None else None
    if destination is not None and not new_or_empty(destination):
        raise DownloadError(f"{destination} exists and is not empty; choose a new folder")
    exact = _exact(version)
    entry = _cached_entry(cache / "releases" / name / exact, name, exact) if exact else None
    zip_checked = entry is not None  # its zip was hashed just now: once is enough
    location = None
    if entry is None:
        location = _index_location(index)
        entries = list_versions(_read_index(location, cache, offline, deadline), name)
        entry = resolve(entries, version)
    folder = cache / "releases" / name / entry.version
    zip_path = folder / f"{name}-{entry.version}.zip"
    try:
        lock = folder.parent / f".{entry.version}.lock"
        with file_lock(
            lock,
            deadline.remaining("waiting for another download"),
            lambda: DownloadError(
                f"another download of the same version holds {lock}; waited {deadline.seconds:g} s"
            ),
        ):
            if not zip_checked and download_action(zip_path, entry.sha256) != "fetch":
                if offline or location is None:
                    raise DownloadError(
                        f"offline, and {name} {entry.version} is not in the cache {cache}"
                    )
                folder.mkdir(parents=True, exist_ok=True)
                zip_path.unlink(missing_ok=True)
                _fetch_zip(entry, location, zip_path, progressbar, deadline)
            if _recorded_entry(folder, name) != entry:
                atomic_write_text(folder / "entry.json", json.dumps(asdict(entry), indent=2) + "\n")
            files = _unpacked(zip_path, folder / "files")
            if destination is None:
                return files
            atomic_write_dir(  # a plain copy (no read-only modes), placed whole
                destination,
                lambda staged: shutil.copytree(
                    files, staged, dirs_exist_ok=True, copy_function=shutil.copyfile
                ),
            )
            return destination
    except OSError as exc:
        raise DownloadError(
            f"cannot write to {exc.filename or cache}: {exc.strerror or exc}"
        ) from None


def load(
    name: str,
    version: str | None = None,
    *,
    index: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    offline: bool = False,
    timeout: float = DEADLINE_SECONDS,
) -> Dataset:
    """Download (or reuse) a release and return it as a Dataset."""
    from conflictschema.validation.reader import read

    return read(
        download(name, version, index=index, cache_dir=cache_dir, offline=offline, timeout=timeout)
        / "dataset.json"
    )


def versions(
    name: str,
    *,
    index: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    offline: bool = False,
    timeout: float = DEADLINE_SECONDS,
) -> list[ReleaseEntry]:
    """The published versions of ``name``, oldest first."""
    check_name(name)
    return list_versions(
        read_index(index, cache_dir=cache_dir, offline=offline, timeout=timeout), name
    )
