"""Python's cycle collector, paused while a reader makes millions of objects at once."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused for the block: a reader decoding a large
    document or export makes millions of new dicts and lists, none in a cycle, and each
    pass of the collector walks every one still held (the passes come more often the
    more are made, and cost more the more are held). Reference counting still frees
    everything let go; the collector runs as before once the block ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
