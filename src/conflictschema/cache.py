"""Where conflictschema keeps files it can rebuild: downloaded releases, the place index."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

CACHE_ENV = "CONFLICTSCHEMA_CACHE_DIR"


def cache_dir() -> Path:
    """$CONFLICTSCHEMA_CACHE_DIR, else the user cache directory of this platform."""
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else platformdirs.user_cache_path("conflictschema")
