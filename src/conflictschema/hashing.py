"""Checksums as ``sha256:hex`` strings and SHA256SUMS manifests that ``sha256sum -c`` reads."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path


def sha256_bytes(data: bytes) -> str:
    """
    >>> sha256_bytes(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def hash_string(hexdigest: str) -> str:
    """The Data Package form of a hash, naming its algorithm.

    >>> hash_string("ab" * 32)[:10]
    'sha256:aba'
    """
    return f"sha256:{hexdigest}"


def sums_manifest(digests: Mapping[str, str]) -> str:
    """A SHA256SUMS file: ``<hex>  <relative path>`` per line, sorted by path.

    >>> sums_manifest({"b.csv": "2" * 64, "a.csv": "1" * 64}).splitlines()[0].endswith("  a.csv")
    True
    """
    return "".join(f"{digests[name]}  {name}\n" for name in sorted(digests))


def parse_manifest(text: str) -> dict[str, str]:
    """path -> hex digest, from a SHA256SUMS file."""
    result = {}
    for line in text.splitlines():
        if line.strip():
            digest, _, name = line.partition("  ")
            result[name.lstrip("*")] = digest.lower()
    return result
