"""Writing files atomically, holding a file lock, and the size limit every reader applies."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

#: Larger inputs are refused before reading, so a hostile file cannot exhaust memory.
MAX_FILE_BYTES = 2 * 1024**3


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` so that readers see the old file or the new one, never a part."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    def write(tmp: Path) -> None:
        with tmp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    atomic_write(path, write)


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then move it into place, so
    readers see the old file or the new one, never a part; a failure leaves no file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o644)  # mkstemp makes files private; published files are for everyone
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_dir(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write`` on a new hidden folder beside ``path``, then move it into place, so
    ``path`` appears whole or not at all. ``path`` must not exist or be an empty folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        write(staging)
        os.chmod(staging, 0o755)  # mkdtemp makes folders private; a package is for everyone
        if path.is_dir():
            path.rmdir()  # only an empty one: rmdir refuses any other
        os.rename(staging, path)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def new_or_empty(path: Path) -> bool:
    """Whether a folder can be written at ``path`` without replacing anything: nothing
    is there, or an empty folder (see :func:`atomic_write_dir`)."""
    return not (path.is_file() or (path.is_dir() and any(path.iterdir())))


@contextlib.contextmanager
def file_lock(path: Path, timeout: float, busy: Callable[[], Exception]) -> Iterator[None]:
    """Hold an OS lock on ``path`` (filelock's ``flock``) for the block, creating its
    folder; the kernel drops the lock if the process dies, so a killed writer never
    leaves it held. After ``timeout`` seconds of waiting, ``busy()`` is raised."""
    from filelock import FileLock, Timeout

    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path, timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise busy() from None
    try:
        yield
    finally:
        lock.release()
