"""Releases: reproducible, immutable, atomic, redacted, verifiable, and versioned by the rules."""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from frictionless import Package
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import conflictschema
from conflictschema import Dataset, ReleaseError, ReleaseExistsError
from conflictschema.hashing import parse_manifest, sha256_file
from conflictschema.io import write_package
from conflictschema.publishing import Bump, diff_datasets
from tests.conftest import BUNDLED, REPO
from tests.strategies import datasets


def released_files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_first_release_layout_and_checksums(tmp_path: Path) -> None:
    result = conflictschema.release(BUNDLED, "1.0.0", tmp_path)
    version_dir = tmp_path / "contested-incidents" / "1.0.0"
    assert result.directory == version_dir
    names = sorted(released_files(version_dir))
    tables = [
        "actors",
        "casualty_reports",
        "claims",
        "incidents",
        "participants",
        "sources",
        "targets",
    ]
    assert names == sorted(
        [
            "CHANGES.json",
            "CITATION.cff",
            "README.md",
            "SHA256SUMS",
            *(f"data/{table}.{kind}" for table in tables for kind in ("csv", "parquet")),
            "datapackage.json",
            "dataset.json",
            "incidents.geojson",
            "incidents.jsonl",
            "index.html",
        ]
    )
    completed = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=version_dir, capture_output=True, text=True
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    descriptor = json.loads((version_dir / "datapackage.json").read_text())
    assert descriptor["version"] == "1.0.0"
    assert descriptor["created"] == "2024-03-01T00:00:00Z"
    for resource in descriptor["resources"]:
        path = version_dir / resource["path"]
        assert resource["bytes"] == path.stat().st_size
        assert resource["hash"] == "sha256:" + sha256_file(path)
    with zipfile.ZipFile(result.zip_path) as archive:
        members = archive.namelist()
        assert members == sorted(members)
        assert {m.split("/", 1)[1] for m in members} == set(names)
        assert all(m.startswith("contested-incidents-1.0.0/") for m in members)
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    index = json.loads((tmp_path / "index.json").read_text())
    [entry] = index["datasets"]["contested-incidents"]["versions"]
    assert entry == {
        "version": "1.0.0",
        "url": "contested-incidents/contested-incidents-1.0.0.zip",
        "bytes": result.zip_path.stat().st_size,
        "sha256": result.zip_sha256,
        "standard_version": conflictschema.STANDARD_VERSION,
        "date": "2024-03-01",
    }


def test_release_passes_frictionless_and_our_validator(tmp_path: Path) -> None:
    result = conflictschema.release(BUNDLED, "1.0.0", tmp_path)
    report = Package(str(result.directory / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])
    assert conflictschema.validate(result.directory).valid
    assert conflictschema.validate(result.directory / "dataset.json").valid
    assert conflictschema.validate(result.directory / "incidents.jsonl").valid


def test_same_dataset_and_version_give_identical_bytes(tmp_path: Path) -> None:
    first = conflictschema.release(BUNDLED, "1.0.0", tmp_path / "a")
    copy = tmp_path / "elsewhere" / "dataset"
    shutil.copytree(BUNDLED, copy)
    second = conflictschema.release(copy, "1.0.0", tmp_path / "b")
    assert first.zip_sha256 == second.zip_sha256
    assert released_files(tmp_path / "a") == released_files(tmp_path / "b")


def test_a_published_version_is_never_overwritten(tmp_path: Path, cli) -> None:
    conflictschema.release(BUNDLED, "1.0.0", tmp_path)
    before = released_files(tmp_path)
    with pytest.raises(ReleaseExistsError):
        conflictschema.release(BUNDLED, "1.0.0", tmp_path)
    result = cli("release", BUNDLED, "--version", "1.0.0", "--out", tmp_path)
    assert result.code == 1, result
    assert "already published" in result.stderr
    assert released_files(tmp_path) == before


def _edited(tmp_path: Path, edit) -> Path:
    dataset = conflictschema.read(BUNDLED)
    document = dataset.model_dump(mode="json")
    edit(document)
    target = tmp_path / "edited"
    write_package(Dataset.model_validate(document), target)
    return target


def bare_copy(incident: dict, **changes: object) -> dict:
    """A copy of ``incident`` without its records (so unattributed), with ``changes``."""
    new = json.loads(json.dumps(incident))
    new.update(
        targets=[],
        claims=[],
        participants=[],
        casualty_reports=[],
        attribution_status="unattributed",
        responsibility_status="unclaimed",
        **changes,
    )
    return new


def add_incident(document: dict) -> None:
    """A new incident, inc-0005, copied from the second one without its records."""
    document["incidents"].append(
        bare_copy(document["incidents"][1], id="inc-0005", title="Another attack")
    )


def test_under_bump_is_refused_and_writes_nothing(tmp_path: Path, cli) -> None:
    conflictschema.release(BUNDLED, "1.0.0", tmp_path / "out")
    edited = _edited(tmp_path, add_incident)
    before = released_files(tmp_path / "out")
    result = cli("release", edited, "--version", "1.0.1", "--out", tmp_path / "out")
    assert result.code == 1, result
    assert "need a minor step" in result.stderr
    assert "1 incidents added" in result.stderr
    assert released_files(tmp_path / "out") == before
    assert cli("release", edited, "--version", "1.1.0", "--out", tmp_path / "out").code == 0
    changes = json.loads(
        (tmp_path / "out" / "contested-incidents" / "1.1.0" / "CHANGES.json").read_text()
    )
    assert changes["tables"]["incidents"]["added"] == ["inc-0005"]
    assert "inc-0005" in (tmp_path / "out" / "contested-incidents" / "CHANGELOG.md").read_text()


def test_invalid_dataset_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(BUNDLED, broken)
    path = broken / "data" / "incidents.csv"
    path.write_text(
        path.read_text().replace(",contested,claimed,active", ",unattributed,claimed,active")
    )
    with pytest.raises(ReleaseError, match="not valid"):
        conflictschema.release(broken, "1.0.0", tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.zip"))


def test_diff_cli_says_what_changed(tmp_path: Path, cli) -> None:
    def withdraw(document):
        document["incidents"][3].update(status="withdrawn", withdrawn_reason="Counted twice.")

    result = cli("diff", BUNDLED, _edited(tmp_path, withdraw))
    assert result.code == 0, result
    assert "required version step: minor" in result.stdout
    assert "1 incidents withdrawn" in result.stdout
    parsed = json.loads(cli("diff", BUNDLED, tmp_path / "edited", "--json").stdout)
    assert parsed["tables"]["incidents"]["withdrawn"] == ["inc-0004"]


def test_restricted_sources_never_appear_in_any_released_byte(tmp_path: Path) -> None:
    secrets = ["SECRET-TITLE-4f1c", "https://secret.example/leak-9a7b", "SECRET-PUBLISHER-77e2"]
    document = conflictschema.read(BUNDLED).model_dump(mode="json")
    document["sources"][2].update(
        access="restricted",
        title=secrets[0],
        url=secrets[1],
        publisher=secrets[2],
        archive_url=secrets[1] + "/archive",
    )
    source = tmp_path / "source"
    write_package(Dataset.model_validate(document), source)
    result = conflictschema.release(source, "1.0.0", tmp_path / "out")
    blobs = list(released_files(tmp_path / "out").values())
    with zipfile.ZipFile(result.zip_path) as archive:
        blobs += [archive.read(name) for name in archive.namelist()]
    for blob in blobs:
        for secret in secrets:
            assert secret.encode() not in blob
    released = conflictschema.read(result.directory / "dataset.json")
    kept = next(s for s in released.sources if s.id == document["sources"][2]["id"])
    assert (kept.source_type.value, kept.access.value, kept.url, kept.title) == (
        document["sources"][2]["source_type"],
        "restricted",
        None,
        None,
    )


def test_formula_cells_are_defused_in_csv_only(tmp_path: Path) -> None:
    document = conflictschema.read(BUNDLED).model_dump(mode="json")
    document["incidents"][0]["title"] = '=HYPERLINK("http://x")'
    source = tmp_path / "source"
    write_package(Dataset.model_validate(document), source)
    result = conflictschema.release(source, "1.0.0", tmp_path / "out")
    assert "'=HYPERLINK" in (result.directory / "data" / "incidents.csv").read_text()
    assert json.loads((result.directory / "dataset.json").read_text())["incidents"][0][
        "title"
    ].startswith("=HYPERLINK")


@pytest.mark.slow
def test_killed_release_leaves_no_published_files(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO))
    from benchmarks.generate import generate_package

    source = generate_package(6_000, tmp_path / "big")
    out = tmp_path / "out"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "conflictschema",
            "release",
            str(source),
            "--version",
            "1.0.0",
            "--out",
            str(out),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    base = out / "benchmark"
    deadline = time.monotonic() + 120
    while (
        time.monotonic() < deadline and not any(base.glob(".staging-*")) and process.poll() is None
    ):
        time.sleep(0.005)
    assert process.poll() is None, "the release finished before it could be interrupted"
    time.sleep(0.2)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not (base / "1.0.0").exists()
    assert not (base / "benchmark-1.0.0.zip").exists()
    assert json.loads((out / "index.json").read_text())["datasets"] == {}
    # the next release clears what the interruption left and publishes normally
    result = conflictschema.release(source, "1.0.0", out)
    assert result.directory.exists()
    assert not list(base.glob(".staging-*"))


EDITS = ["add", "modify", "withdraw", "remove", "add_column", "drop_column"]
EXPECTED = {
    "add": Bump.MINOR,
    "modify": Bump.PATCH,
    "withdraw": Bump.MINOR,
    "remove": Bump.MAJOR,
    "add_column": Bump.MINOR,
    "drop_column": Bump.MAJOR,
}


@given(
    dataset=datasets(),
    edits=st.lists(st.sampled_from(EDITS), min_size=1, max_size=4),
    data=st.data(),
)
@settings(max_examples=40)
def test_edit_sequences_need_exactly_the_bump_the_rules_say(
    dataset: Dataset, edits: list[str], data: st.DataObject
) -> None:
    active = [i for i in dataset.incidents if i.status.value == "active"]
    assume(len(dataset.incidents) >= 2 and active)
    document = dataset.model_dump(mode="json")
    columns = {
        name: [c.name for c in conflictschema.models.columns(name)]
        for name in conflictschema.models.TABLE_MODELS
    }
    original_ids = {i["id"] for i in document["incidents"]}
    old_columns = {k: list(v) for k, v in columns.items()}
    new_columns = {k: list(v) for k, v in columns.items()}
    for edit in edits:
        incidents = document["incidents"]
        if not incidents and edit in ("add", "modify"):  # every incident removed already
            continue
        if edit == "add":
            new = bare_copy(
                incidents[0],
                id=f"new-{len(incidents)}-{data.draw(st.integers(0, 10**6))}",
                previous_ids=[],
            )
            if new["id"] in {i["id"] for i in incidents}:
                continue
            incidents.append(new)
        elif edit == "modify":
            incidents[0]["summary"] = (incidents[0]["summary"] or "") + " (corrected)"
        elif edit == "withdraw":
            target = next((i for i in incidents if i["status"] == "active"), None)
            if target is None:
                continue
            target.update(status="withdrawn", withdrawn_reason="duplicate", superseded_by=None)
        elif edit == "remove":
            originals = [n for n, i in enumerate(incidents) if i["id"] in original_ids]
            if not originals:
                continue
            gone = incidents.pop(originals[-1])
            for other in incidents:
                if other.get("superseded_by") == gone["id"]:
                    other["superseded_by"] = None
        elif edit == "add_column":
            new_columns["incidents"].append(f"extra_{len(new_columns['incidents'])}")
        elif edit == "drop_column":
            old_columns["incidents"].append(f"dropped_{len(old_columns['incidents'])}")
    edited = Dataset.model_validate(document)
    expected = max(EXPECTED[e] for e in edits)
    result = diff_datasets(dataset, edited, old_columns=old_columns, new_columns=new_columns)
    assert result.required == expected, (edits, result.reasons)


def test_releasing_twice_from_generated_data_gives_identical_bytes() -> None:
    @given(datasets(max_incidents=3))
    @settings(max_examples=6)
    def run(dataset: Dataset) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "src"
            write_package(dataset, source)
            a = conflictschema.release(source, "1.0.0", Path(tmp) / "a", date="2024-01-01")
            b = conflictschema.release(source, "1.0.0", Path(tmp) / "b", date="2024-01-01")
            assert a.zip_sha256 == b.zip_sha256
            assert conflictschema.validate(a.directory).valid
            manifest = parse_manifest((a.directory / "SHA256SUMS").read_text())
            assert all(
                sha256_file(a.directory / name) == digest for name, digest in manifest.items()
            )
            assert Package(str(a.directory / "datapackage.json")).validate().valid

    run()


@pytest.mark.parametrize("n", [0, 1, 2, 3], ids=["1.0.0", "2.0.0", "3.0.0", "4.0.0"])
def test_each_committed_release_verifies_and_reads(n: int) -> None:
    """Published releases are never rewritten: each keeps verifying, and those of earlier
    standards (0.1.0 to 0.3.0) read through the upgrade."""
    index = json.loads((REPO / "releases" / "index.json").read_text())
    entry = index["datasets"]["contested-incidents"]["versions"][n]
    zip_path = REPO / "releases" / entry["url"]
    assert sha256_file(zip_path) == entry["sha256"]
    assert zip_path.stat().st_size == entry["bytes"]
    folder = f"contested-incidents-{entry['version']}"
    with zipfile.ZipFile(zip_path) as archive:
        sums = parse_manifest(archive.read(f"{folder}/SHA256SUMS").decode())
        for name, digest in sums.items():
            assert hashlib.sha256(archive.read(f"{folder}/{name}")).hexdigest() == digest
        with tempfile.TemporaryDirectory() as tmp:
            archive.extractall(tmp)
            dataset = conflictschema.read(Path(tmp) / folder / "dataset.json")
    assert dataset.standard_version == conflictschema.STANDARD_VERSION
    assert {i.id for i in dataset.incidents} == {"inc-0001", "inc-0002", "inc-0003", "inc-0004"}


def test_the_latest_committed_release_is_reproducible_from_the_bundled_dataset() -> None:
    index = json.loads((REPO / "releases" / "index.json").read_text())
    entry = index["datasets"]["contested-incidents"]["versions"][-1]
    with tempfile.TemporaryDirectory() as tmp:
        previous = (
            Path(tmp)
            / "contested-incidents"
            / index["datasets"]["contested-incidents"]["versions"][-2]["version"]
        )
        shutil.copytree(REPO / "releases" / "contested-incidents" / previous.name, previous)
        rebuilt = conflictschema.release(BUNDLED, entry["version"], tmp)
        assert rebuilt.zip_sha256 == entry["sha256"], (
            "the committed release is reproducible from the bundled dataset"
        )
