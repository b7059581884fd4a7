"""Fetching published releases: resolve, download, verify, cache, unpack."""

from conflictschema.archive import ChecksumError, UnsafeArchiveError
from conflictschema.fetching.client import (
    DownloadError,
    HashMismatchError,
    ReleaseEntry,
    download,
    load,
    versions,
)

__all__ = [
    "ChecksumError",
    "DownloadError",
    "HashMismatchError",
    "ReleaseEntry",
    "UnsafeArchiveError",
    "download",
    "load",
    "versions",
]
