"""Freeze the current standard's columns before the models change to the next version.

Run once per standard version, on the commit that last defines it:

    python scripts/freeze_standard.py

It writes ``src/conflictschema/models/history/standard-<version>.json``, which from
then on is the published version's definition and is never edited.
"""

from __future__ import annotations

import json
from pathlib import Path

from conflictschema.models.history import freeze_current

frozen = freeze_current()
target = (
    Path(__file__).resolve().parent.parent
    / "src/conflictschema/models/history"
    / f"standard-{frozen['standard_version']}.json"
)
if target.exists():
    raise SystemExit(f"{target} exists: a frozen version is never rewritten")
target.write_text(json.dumps(frozen, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"wrote {target}")
