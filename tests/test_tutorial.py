"""docs/tutorial.md: every command, in order, with the statuses and output it shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.docrun import blocks, run_in_order

TUTORIAL = (REPO / "docs" / "tutorial.md").read_text(encoding="utf-8")


def test_the_tutorial_is_read_as_a_sequence_of_commands() -> None:
    found = blocks(TUTORIAL)
    assert len(found) >= 10
    assert [b.status for b in found].count(1) == 2
    assert all(b.commands.strip() for b in found)


@pytest.mark.slow
def test_every_tutorial_command_runs_in_order(tmp_path: Path) -> None:
    run_in_order(blocks(TUTORIAL), tmp_path)
    assert (tmp_path / "releases" / "harbour-incidents" / "1.1.0" / "SHA256SUMS").exists()
    assert not (tmp_path / "releases" / "harbour-incidents" / "1.0.1").exists()
    assert (tmp_path / "harbour-1.1" / "dataset.json").exists()
