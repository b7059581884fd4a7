"""Deterministic zip archives: the same files always give the same bytes.

Members are sorted, stamped with a fixed time (1980-01-01, the earliest a zip can
hold), given fixed permissions and compressed at a fixed level, so a release rebuilt
on another day or machine has the same sha256. Files are read in blocks, so a large
release never sits in memory whole: only members' deflated streams wait to be written,
at their compressed size.

Deflating at level 9 is most of a large release's time, and each member's stream is
its own: members are deflated on every core at once, block by block exactly as the
zip module would deflate them, and their streams written in order. The bytes are
those of deflating one member after another.
"""

from __future__ import annotations

import os
import shutil
import zipfile
import zlib
from collections import deque
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
LEVEL = 9
BLOCK = 1 << 20  # the blocks a member is read, deflated and written in


class Deflating:
    """Members deflated in the background (one thread per core), so a release can start
    deflating each file as soon as it is written and the zip waits only for the last.
    Holds each deflated member until the zip takes it."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(_cores())
        self._started: dict[Path, Future[_Deflated]] = {}

    def start(self, source: Path) -> None:
        if source not in self._started:
            self._started[source] = self._pool.submit(_deflate, source)

    def take(self, source: Path) -> _Deflated:
        self.start(source)
        return self._started.pop(source).result()

    def __enter__(self) -> Deflating:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def write_zip(path: Path, members: Mapping[str, Path], deflating: Deflating | None = None) -> None:
    """Write ``members`` (archive name -> file on disk) into a reproducible zip at ``path``;
    ``deflating`` may have started on some of them already."""
    if deflating is None:
        with Deflating() as own:
            write_zip(path, members, own)
        return
    names = sorted(members)
    ahead = _cores() + 1  # members deflated ahead of the one being written
    with zipfile.ZipFile(path, "w") as archive:
        for n, name in enumerate(names):
            for later in names[n : n + ahead]:
                deflating.start(members[later])
            source = members[name]
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the building machine is
            info.file_size = source.stat().st_size
            _set_level(info, LEVEL)
            deflated = deflating.take(source)
            with source.open("rb") as data, archive.open(info, "w") as member:
                replayed = hasattr(member, "_compressor")
                if replayed:  # the stream is deflated already
                    member._compressor = _Replay(deflated.blocks)  # type: ignore[attr-defined]
                shutil.copyfileobj(data, member, BLOCK)
            if replayed and deflated.crc != info.CRC:
                raise RuntimeError(f"{source} changed while it was being zipped")


@dataclass
class _Deflated:
    blocks: list[bytes]
    crc: int  # of the bytes deflated: the member's own CRC must be the same


def _deflate(source: Path) -> _Deflated:
    """What the zip module's compressor returns for each block of ``source``, then for
    its flush: the same calls, so the same bytes (zlib lets go of the GIL meanwhile)."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    out, crc = [], 0
    with source.open("rb") as data:
        while block := data.read(BLOCK):
            out.append(compressor.compress(block))
            crc = zlib.crc32(block, crc)
    out.append(compressor.flush())
    return _Deflated(out, crc)


class _Replay:
    """A compressor that hands back a member's deflated blocks in order."""

    def __init__(self, blocks: list[bytes]) -> None:
        self._blocks = deque(blocks)

    def compress(self, data: bytes) -> bytes:
        return self._next()

    def flush(self) -> bytes:
        last = self._next()
        if self._blocks:
            raise RuntimeError("a member changed while it was being zipped")
        return last

    def _next(self) -> bytes:
        if not self._blocks:
            raise RuntimeError("a member changed while it was being zipped")
        return self._blocks.popleft()


def _cores() -> int:
    """The cores this process may run on (a container's share, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _set_level(info: zipfile.ZipInfo, level: int) -> None:
    """The deflate level of one member (``compress_level`` from Python 3.13 on)."""
    if hasattr(info, "compress_level"):
        info.compress_level = level
    else:
        info._compresslevel = level  # type: ignore[attr-defined]
