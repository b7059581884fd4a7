"""Fetching published releases: resolve, download, verify, cache, unpack."""

from conflictschema.fetching.client import (
    DownloadError,
    HashMismatchError,
    ReleaseEntry,
    download,
    load,
    versions,
)
from conflictschema.fetching.extract import ChecksumError, UnsafeArchiveError

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
