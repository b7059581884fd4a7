"""Tests that open pages in a real browser: Debian's Chromium, driven by Playwright."""

from __future__ import annotations

import os
import shutil

import pytest

INSTALL_HINT = (
    "the page tests need Chromium: run `sh scripts/install-browser` (Debian's chromium "
    "package), or set CONFLICTSCHEMA_CHROMIUM to a Chromium or Chrome binary"
)


def chromium_path() -> str:
    """The browser the page tests drive; a missing browser fails the tests, never skips them."""
    found = os.environ.get("CONFLICTSCHEMA_CHROMIUM") or shutil.which("chromium")
    if not found or not os.access(found, os.X_OK):
        pytest.fail(INSTALL_HINT)
    return found
