"""The scenarios of docs/standard.md, row by row, as data files: CSV package, JSON, JSONL.

Each scenario is one incident. Stored with the statuses the table gives, every
serialisation validates clean and reads back with them; stored with any other status,
the validator names that incident's row and the status the claims imply.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conflictschema import Dataset, read, validate, write
from tests.scenarios import ACTORS, SCENARIOS

FORMATS = ("package", "dataset.json", "incidents.jsonl")


def _dataset(statuses: dict[str, tuple[str, str]] | None = None) -> Dataset:
    incidents = []
    for n, scenario in enumerate(SCENARIOS, start=1):
        key = f"row-{n:02d}"
        attribution, responsibility = (statuses or {}).get(
            key, (scenario.attribution, scenario.responsibility)
        )
        incidents.append(
            {
                "id": key,
                "title": scenario.name,
                "date_start": "2023-01-01",
                "date_end": "2023-01-01",
                "date_precision": "day",
                "date_span": "uncertain",
                "attribution_status": attribution,
                "responsibility_status": responsibility,
                "status": "active",
                "source_ids": ["s1"],
                "claims": [
                    {
                        **c,
                        "id": f"{key}-{c['id']}",
                        "disputes": [f"{key}-{d}" for d in c["disputes"]],
                        "supersedes": c["supersedes"] and f"{key}-{c['supersedes']}",
                        "credibility": "cannot_be_judged",
                        "source_ids": ["s1"],
                    }
                    for c in scenario.claims
                ],
            }
        )
    return Dataset.model_validate(
        {
            "name": "scenarios",
            "title": "Competing accounts",
            "version": "1.0.0",
            "licenses": [{"name": "CC-BY-4.0"}],
            "actors": ACTORS,
            "sources": [
                {
                    "id": "s1",
                    "source_type": "other",
                    "reliability": "cannot_be_judged",
                    "access": "public",
                }
            ],
            "incidents": incidents,
        }
    )


def _write(dataset: Dataset, tmp_path: Path, form: str) -> Path:
    if form == "package":
        return write(dataset, tmp_path / "package")
    if form == "dataset.json":
        return write(dataset, tmp_path / "dataset.json")
    write(dataset, tmp_path / "dataset.json")  # the companion with actors and sources
    return write(dataset, tmp_path / "incidents.jsonl")


@pytest.mark.parametrize("form", FORMATS)
def test_every_scenario_validates_and_reads_with_its_statuses(tmp_path: Path, form: str) -> None:
    path = _write(_dataset(), tmp_path, form)
    report = validate(path)
    assert report.errors == 0, [f.message for f in report.findings]
    got = {
        i.id: (i.attribution_status.value, i.responsibility_status.value)
        for i in read(path).incidents
    }
    for n, scenario in enumerate(SCENARIOS, start=1):
        assert got[f"row-{n:02d}"] == (scenario.attribution, scenario.responsibility), scenario.name


@pytest.mark.parametrize("form", FORMATS)
def test_a_wrong_stored_status_is_named_for_its_row(tmp_path: Path, form: str) -> None:
    wrong: dict[str, tuple[str, str]] = {}
    for n, scenario in enumerate(SCENARIOS, start=1):
        other_attribution = "contested" if scenario.attribution != "contested" else "consistent"
        other_responsibility = "claimed" if scenario.responsibility != "claimed" else "unclaimed"
        wrong[f"row-{n:02d}"] = (other_attribution, other_responsibility)
    dataset = _dataset()
    path = _write(dataset, tmp_path, form)
    _replace_statuses(path, form, wrong)
    report = validate(path)
    found: dict[str, set[str]] = {}
    for finding in report.findings:
        if finding.code in ("attribution-status", "responsibility-status"):
            found.setdefault(finding.code, set()).add(finding.message)
    for n, scenario in enumerate(SCENARIOS, start=1):
        expected = [
            f"make it {scenario.attribution!r}",
            f"make it {scenario.responsibility!r}",
        ]
        assert any(
            expected[0] in m and wrong[f"row-{n:02d}"][0] in m for m in found["attribution-status"]
        ), scenario.name
        assert any(expected[1] in m for m in found["responsibility-status"]), scenario.name
    assert report.counts["attribution-status"] == len(SCENARIOS)
    assert report.counts["responsibility-status"] == len(SCENARIOS)


def _replace_statuses(path: Path, form: str, wrong: dict[str, tuple[str, str]]) -> None:
    """Edit the stored statuses in the written files, as a keeper editing by hand would."""
    if form == "package":
        csv_path = path / "data" / "incidents.csv"
        import csv
        import io

        rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
        for row in rows:
            row["attribution_status"], row["responsibility_status"] = wrong[row["id"]]
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        csv_path.write_text(out.getvalue(), encoding="utf-8")
        return

    def edit(incident: dict[str, Any]) -> None:
        incident["attribution_status"], incident["responsibility_status"] = wrong[incident["id"]]

    if form == "dataset.json":
        document = json.loads(path.read_text(encoding="utf-8"))
        for incident in document["incidents"]:
            edit(incident)
        path.write_text(json.dumps(document), encoding="utf-8")
        return
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        incident = json.loads(line)
        edit(incident)
        lines.append(json.dumps(incident))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
