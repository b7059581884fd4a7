"""Reading and writing files so that bad bytes become clear errors and writes are atomic."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from conflictschema.errors import Problem, ReadError

#: Larger inputs are refused before reading, so a hostile file cannot exhaust memory.
MAX_FILE_BYTES = 2 * 1024**3


def read_text(path: Path) -> str:
    """The file's text as UTF-8 (a leading BOM is dropped), or a ReadError saying where it broke."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadError(
                Problem(
                    str(path),
                    f"the file is {size} bytes, more than the {MAX_FILE_BYTES} this reader accepts",
                    code="file-too-large",
                )
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(Problem(str(path), "no such file", code="missing-file")) from None
    except IsADirectoryError:
        raise ReadError(
            Problem(str(path), "is a directory, not a file", code="missing-file")
        ) from None
    except OSError as exc:
        raise ReadError(
            Problem(str(path), f"cannot be read: {exc.strerror}", code="missing-file")
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ReadError(
            Problem(
                str(path),
                f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start} (line {line}); save the file as UTF-8",
                row=line,
                code="encoding-error",
            )
        ) from None


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` so that readers see the old file or the new one, never a part."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes files private; published files are for everyone
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
