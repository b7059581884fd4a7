"""Data Package's keywords and contributors (standard 0.4.0) survive every command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import conflictschema
from tests.conftest import BUNDLED

CONTRIBUTORS = [
    {"title": "A. Keeper", "email": "keeper@example.org", "role": "maintainer"},
    {"title": "Field team", "organization": "Example Monitoring", "role": "author"},
]


def _stated(contributors: list[dict[str, object]]) -> list[dict[str, object]]:
    """Contributors as stated; the dataset document writes absent properties as null."""
    return [{k: v for k, v in c.items() if v is not None} for c in contributors]


def _described(tmp_path: Path) -> Path:
    package = tmp_path / "pkg"
    shutil.copytree(BUNDLED, package)
    descriptor = json.loads((package / "datapackage.json").read_text())
    descriptor["contributors"] = CONTRIBUTORS
    (package / "datapackage.json").write_text(json.dumps(descriptor))
    return package


def test_convert_and_release_keep_keywords_and_contributors(tmp_path: Path) -> None:
    package = _described(tmp_path)
    assert conflictschema.validate(package).passed
    document = conflictschema.convert(package, tmp_path / "d.json")
    stated = json.loads(document.read_text())
    assert _stated(stated["contributors"]) == CONTRIBUTORS
    assert "Ukraine" in stated["keywords"]
    back = conflictschema.convert(document, tmp_path / "back")
    descriptor = json.loads((back / "datapackage.json").read_text())
    assert descriptor["contributors"] == CONTRIBUTORS
    assert descriptor["keywords"] == stated["keywords"]
    result = conflictschema.release(package, "1.0.0", tmp_path / "out")
    for name in ("datapackage.json", "dataset.json"):
        released = json.loads((result.directory / name).read_text())
        assert _stated(released["contributors"]) == CONTRIBUTORS, name


def test_a_contributor_without_a_name_is_a_finding(tmp_path: Path) -> None:
    package = _described(tmp_path)
    descriptor = json.loads((package / "datapackage.json").read_text())
    descriptor["contributors"] = [{"email": "x@example.org"}]
    (package / "datapackage.json").write_text(json.dumps(descriptor))
    report = conflictschema.validate(package)
    assert not report.valid
    assert any(f.field == "contributors.0.title" for f in report.findings)
