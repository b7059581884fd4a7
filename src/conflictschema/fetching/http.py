"""One bounded HTTP GET: a size cap, a deadline for the whole transfer, and errors that
say whether trying again can help.

``requests`` times out each socket read, not the transfer: a server that sends one
byte every few seconds would hold a download for ever, and one that never stops would
fill memory or disk. Every byte here is read with ``read1`` (one socket read at a
time), so the deadline and the cap are checked however slowly or fast data arrives.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from conflictschema.errors import ConflictSchemaError

CHUNK_BYTES = 1 << 16
#: The longest a single connect or read may take, within the deadline.
READ_TIMEOUT_SECONDS = 30.0


class FetchError(ConflictSchemaError):
    """A transfer failed in a way that trying again will not mend."""


class TooLargeError(FetchError):
    """The server sent, or announced, more bytes than allowed."""


class DeadlineError(FetchError):
    """The transfer did not finish before its deadline."""


@dataclass(frozen=True)
class Deadline:
    """A point in time every step of one download must finish by."""

    at: float
    seconds: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds, seconds)

    def remaining(self, what: str) -> float:
        left = self.at - time.monotonic()
        if left <= 0:
            raise DeadlineError(
                f"{what}: not finished within {self.seconds:g} s (raise the limit with --timeout)"
            )
        return left


def get(
    url: str,
    *,
    max_bytes: int,
    deadline: Deadline,
    write: Callable[[bytes], Any],
    progress: Callable[[int, int | None], None] | None = None,
) -> int:
    """Stream ``url`` into ``write``; return the number of bytes.

    Raises
    ------
    TooLargeError, DeadlineError, FetchError
        Not worth retrying: too much data, too slow, a client error such as 404, or a
        redirect to something other than http(s).
    requests.RequestException
        A connection failure, a read time-out or a server error (5xx): worth retrying.
    """
    import requests
    import urllib3

    timeout = min(READ_TIMEOUT_SECONDS, deadline.remaining(url))
    try:
        response = requests.get(url, stream=True, timeout=(timeout, timeout))
    except requests.exceptions.InvalidSchema as exc:
        raise FetchError(
            f"{url} redirects to an address that is not http or https ({exc}); only web addresses are followed"
        ) from None
    with response:
        if 400 <= response.status_code < 500:
            raise FetchError(f"{url}: {response.status_code} {response.reason} (not retried)")
        response.raise_for_status()
        length = response.headers.get("Content-Length", "")
        announced = int(length) if length.isdigit() else None
        if announced is not None and announced > max_bytes:
            raise TooLargeError(
                f"{url} announces {announced} bytes, more than the {max_bytes} allowed"
            )
        size = 0
        raw = response.raw
        while True:
            deadline.remaining(url)
            try:
                chunk = raw.read1(CHUNK_BYTES, decode_content=True)
            except urllib3.exceptions.HTTPError as exc:  # a read time-out, a cut connection
                raise requests.exceptions.ConnectionError(f"{url}: {exc}") from None
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise TooLargeError(f"{url} sent more than the {max_bytes} bytes allowed")
            write(chunk)
            if progress is not None:
                progress(len(chunk), announced)
    return size
