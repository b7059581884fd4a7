"""Running the shell examples of a Markdown page in order, as a reader would paste them.

A ```sh block is run with bash (``set -e``); a ```console block's ``$ `` lines are run
and its other lines are the output expected. A ```text block right after a command
block lists lines its output must contain. ``<!-- exit status N -->`` just before a
block says the block is meant to end with that status. Where a page also holds
reference blocks (usage lines with placeholders), only blocks after
``<!-- example -->`` are run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

_FENCE = re.compile(
    r"(?:<!--\s*(?P<mark>[^>]*?)\s*-->\s*\n)?```(?P<lang>\w*)\n(?P<body>.*?)```", re.S
)


@dataclass
class Block:
    commands: str
    status: int = 0
    expected: list[str] = field(default_factory=list)


def blocks(markdown: str, *, marked_only: bool = False) -> list[Block]:
    found: list[Block] = []
    previous_was_command = False
    for match in _FENCE.finditer(markdown):
        mark, lang, body = match["mark"] or "", match["lang"], match["body"]
        if lang == "text" and previous_was_command and found:
            found[-1].expected += [line.strip() for line in body.splitlines() if line.strip()]
            previous_was_command = False
            continue
        previous_was_command = False
        if lang not in ("sh", "console") or (marked_only and "example" not in mark):
            continue
        status = re.search(r"exit status (\d+)", mark)
        if lang == "console":
            lines = body.splitlines()
            commands = "\n".join(line[2:] for line in lines if line.startswith("$ "))
            expected = [
                line.strip() for line in lines if line.strip() and not line.startswith("$ ")
            ]
        else:
            commands, expected = body, []
        found.append(Block(commands, int(status[1]) if status else 0, expected))
        previous_was_command = True
    return found


def environment() -> dict[str, str]:
    """This interpreter's scripts (conflictschema) first on PATH, plain output."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return {**os.environ, "PATH": path, "NO_COLOR": "1", "COLUMNS": "200"}


def run_in_order(found: list[Block], cwd: Path) -> None:
    """Run each block in ``cwd`` (downloads cached in ``cwd/.cache``, not the user's
    cache); fail naming the block whose status or output differs."""
    for number, block in enumerate(found, 1):
        done = subprocess.run(
            ["bash", "-e", "-c", block.commands],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=300,
            env={**environment(), "CONFLICTSCHEMA_CACHE_DIR": str(cwd / ".cache")},
        )
        said = done.stdout + done.stderr
        assert done.returncode == block.status, (number, block.commands, said)
        assert "Traceback" not in said, (number, said)
        for line in block.expected:
            assert line in said, (number, block.commands, line, said)
