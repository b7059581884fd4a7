"""Generated files are the models' and nobody else's: drift fails the suite."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import jsonschema
from hypothesis import given, settings

from conflictschema import Dataset
from conflictschema.generate import check_schemas, generate_all
from conflictschema.generate.table_schema import generate_datapackage, generate_table_schema
from conflictschema.io import write_json
from tests.conftest import BUNDLED, REPO
from tests.strategies import datasets


def test_committed_schemas_match_the_models() -> None:
    assert check_schemas(REPO / "schemas") == []


def test_schemas_check_cli_passes_on_the_repo(cli) -> None:
    result = cli("schemas", "--check", "--dir", REPO / "schemas")
    assert result.code == 0, result


def test_schemas_check_cli_names_a_drifted_file(cli, tmp_path: Path) -> None:
    copy = tmp_path / "schemas"
    shutil.copytree(REPO / "schemas", copy)
    (copy / "table-schema" / "claims.json").write_text("{}\n")
    (copy / "codebook.md").unlink()
    result = cli("schemas", "--check", "--dir", copy)
    assert result.code == 1, result
    assert "claims.json" in result.stderr
    assert "codebook.md" in result.stderr


def test_schemas_writes_every_generated_file(cli, tmp_path: Path) -> None:
    result = cli("schemas", "--dir", tmp_path / "out")
    assert result.code == 0, result
    assert check_schemas(tmp_path / "out") == []
    assert sorted(generate_all()) == sorted(
        p.relative_to(tmp_path / "out").as_posix()
        for p in (tmp_path / "out").rglob("*")
        if p.is_file()
    )


def test_bundled_package_embeds_the_generated_table_schemas() -> None:
    descriptor = json.loads((BUNDLED / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        assert resource["schema"] == generate_table_schema(resource["name"])
    assert [r["name"] for r in descriptor["resources"]] == [
        r["name"] for r in generate_datapackage()["resources"]
    ]


def test_table_schema_declares_keys() -> None:
    claims = generate_table_schema("claims")
    assert claims["primaryKey"] == ["id"]
    references = {fk["fields"]: fk["reference"]["resource"] for fk in claims["foreignKeys"]}
    # list cells (attributed_to, disputes) cannot be foreign keys in a Table Schema:
    # the validator checks them; supersedes points into the claims table itself
    assert references == {
        "incident_id": "incidents",
        "claimant": "actors",
        "supersedes": "",
    }
    actors = generate_table_schema("actors")
    assert actors["foreignKeys"] == [
        {"fields": "parent", "reference": {"resource": "", "fields": "id"}}
    ]
    method = next(f for f in claims["fields"] if f["name"] == "method")
    assert "car_bomb" in method["constraints"]["enum"]
    assert all(isinstance(code, str) for code in method["constraints"]["enum"])


def test_codebook_lists_every_code_with_its_meaning() -> None:
    codebook = generate_all()["codebook.md"]
    from conflictschema.findingcodes import CODES
    from conflictschema.models import Method

    for member in Method:
        parent = f"`{member.parent}`" if member.parent else ""
        assert f"| `{member.value}` | {parent} | {member.description} |" in codebook
    for code, info in CODES.items():
        assert f"| `{code.value}` | {info.severity} | {info.layer} |" in codebook


@given(datasets())
@settings(max_examples=25)
def test_json_schema_accepts_every_valid_dataset(dataset: Dataset) -> None:
    schema = json.loads((REPO / "schemas" / "dataset.schema.json").read_text())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.json"
        write_json(dataset, path)
        jsonschema.validate(
            json.loads(path.read_text()), schema, format_checker=jsonschema.FormatChecker()
        )
