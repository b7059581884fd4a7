"""Reporters are pure functions of a Report built by hand."""

from __future__ import annotations

import json

import pytest

from conflictschema.report import REPORTER_BY_NAME
from conflictschema.validation import Finding, Report


def sample(strict: bool = False) -> Report:
    return Report(
        source="datasets/x",
        root="datasets/x",
        strict=strict,
        findings=[
            Finding(
                "date-order",
                "date_end 2024-01-01 is before date_start 2024-02-01",
                "data/incidents.csv",
                5,
                "date_end",
                "2024-01-01",
            ),
            Finding(
                "date-order",
                "again, with a comma, and: colon\nand a newline 100%",
                "data/incidents.csv",
                9,
                "date_end",
                "2023-01-01",
            ),
            Finding(
                "orphan-actor",
                "no record refers to actor 'x'",
                "data/actors.csv",
                3,
                "id",
                "x",
            ),
            Finding(
                "attribution-status",
                "stored value differs",
                "dataset.json",
                None,
                "incidents[0].attribution_status",
                None,
            ),
        ],
    )


@pytest.mark.parametrize("verbosity", [0, 1, 2])
def test_text_groups_by_file_and_counts_by_code(verbosity: int) -> None:
    text = REPORTER_BY_NAME["text"](verbosity=verbosity).render(sample())
    assert "data/incidents.csv\n  error date-order: 2" in text
    assert "  warning orphan-actor: 1" in text
    assert text.rstrip().endswith("datasets/x: invalid, 3 error(s), 1 warning(s)")
    assert ("row 5, date_end: date_end 2024-01-01" in text) == (verbosity > 0)
    assert ("[value: '2024-01-01']" in text) == (verbosity > 1)


def test_json_has_stable_keys_and_max_findings_limits_only_the_list() -> None:
    document = json.loads(REPORTER_BY_NAME["json"](max_findings=1).render(sample()))
    assert document["version"] == 1
    assert (document["valid"], document["errors"], document["warnings"]) == (False, 3, 1)
    assert document["counts"] == {"attribution-status": 1, "date-order": 2, "orphan-actor": 1}
    assert document["findings"] == [
        {
            "code": "date-order",
            "severity": "error",
            "message": "date_end 2024-01-01 is before date_start 2024-02-01",
            "file": "data/incidents.csv",
            "row": 5,
            "field": "date_end",
            "value": "2024-01-01",
        }
    ]


def test_github_annotations_escape_and_locate() -> None:
    lines = REPORTER_BY_NAME["github"]().render(sample()).splitlines()
    assert (
        lines[0]
        == "::error file=datasets/x/data/incidents.csv,line=5,title=date-order::date_end: date_end 2024-01-01 is before date_start 2024-02-01 (value: '2024-01-01')"
    )
    assert lines[1].startswith(
        "::error file=datasets/x/data/incidents.csv,line=9,title=date-order::date_end: again, with a comma, and: colon%0Aand a newline 100%25"
    )
    assert lines[2].startswith(
        "::warning file=datasets/x/data/actors.csv,line=3,title=orphan-actor::"
    )
    assert lines[3].startswith("::error file=datasets/x/dataset.json,title=attribution-status::")
    assert len(lines) == 5  # and a summary line


def test_sarif_lists_each_code_once_with_located_results() -> None:
    document = json.loads(REPORTER_BY_NAME["sarif"]().render(sample()))
    assert document["version"] == "2.1.0"
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["attribution-status", "date-order", "orphan-actor"]
    assert rules[2]["defaultConfiguration"]["level"] == "warning"
    first = run["results"][0]
    assert first["ruleId"] == "date-order"
    assert rules[first["ruleIndex"]]["id"] == "date-order"
    location = first["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {"uri": "datasets/x/data/incidents.csv"},
        "region": {"startLine": 5},
    }
    assert "region" not in run["results"][3]["locations"][0]["physicalLocation"]


def test_reporters_never_decide_pass_or_fail() -> None:
    report = sample(strict=True)
    for reporter in REPORTER_BY_NAME.values():
        assert isinstance(reporter().render(report), str)
    assert report.passed is False
    assert Report(source="x", findings=[Finding("orphan-actor", "m", "f")]).passed is True
    assert (
        Report(source="x", strict=True, findings=[Finding("orphan-actor", "m", "f")]).passed
        is False
    )
