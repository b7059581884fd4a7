"""The release folder is never torn: one writer at a time, check-and-place, and every
derived file rebuilt from disk after any interruption."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import conflictschema
from conflictschema import ReleaseError, ReleaseExistsError, ReleaseFolderError
from conflictschema.archive import verify_tree
from conflictschema.hashing import sha256_file
from conflictschema.publishing.outdir import LOCK_NAME, locked
from tests.conftest import BUNDLED, REPO
from tests.unit.publishing.test_release import _edited, add_incident, released_files

NAME = "contested-incidents"


def assert_consistent(out: Path) -> dict[str, list[str]]:
    """What a downloader relies on: the index lists exactly the published versions, each
    zip matches its entry, each folder verifies, the changelog names every version, and
    nothing half-written is left. Returns dataset -> listed versions."""
    index = json.loads((out / "index.json").read_text())
    listed: dict[str, list[str]] = {}
    for name, dataset in index["datasets"].items():
        base = out / name
        versions = [entry["version"] for entry in dataset["versions"]]
        on_disk = sorted(
            p.name for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")
        )
        assert sorted(versions) == on_disk
        for entry in dataset["versions"]:
            zip_path = out / entry["url"]
            assert sha256_file(zip_path) == entry["sha256"]
            assert zip_path.stat().st_size == entry["bytes"]
            verify_tree(base / entry["version"])
        changelog = (base / "CHANGELOG.md").read_text()
        assert all(f"## {v} " in changelog for v in versions)
        assert not [p.name for p in base.iterdir() if p.name.startswith(".")]
        zips = sorted(p.name for p in base.glob("*.zip"))
        assert zips == sorted(f"{name}-{v}.zip" for v in versions)
        listed[name] = versions
    return listed


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _edited(tmp_path_factory.mktemp("edited"), add_incident)


@pytest.fixture(scope="module")
def first_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("first") / "out"
    conflictschema.release(BUNDLED, "1.0.0", out)
    return out


def _copy(out: Path, tmp_path: Path) -> Path:
    target = tmp_path / "out"
    shutil.copytree(out, target)
    return target


# --- 1. one writer at a time --------------------------------------------------------------


def test_a_busy_folder_makes_a_release_wait_then_give_up_with_a_message(
    tmp_path: Path, first_release: Path, edited: Path
) -> None:
    out = _copy(first_release, tmp_path)
    before = released_files(out)
    with locked(out), pytest.raises(ReleaseFolderError, match="another release is writing"):
        conflictschema.release(edited, "1.1.0", out, lock_timeout=0.3)
    assert released_files(out) == before
    assert conflictschema.release(edited, "1.1.0", out).version == "1.1.0"
    assert assert_consistent(out) == {NAME: ["1.0.0", "1.1.0"]}


@pytest.mark.slow
def test_a_killed_lock_holder_does_not_hold_the_folder(
    tmp_path: Path, first_release: Path, edited: Path
) -> None:
    out = _copy(first_release, tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from conflictschema.publishing.outdir import locked\n"
            "with locked(Path(sys.argv[1])):\n print('held', flush=True); time.sleep(60)",
            str(out),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(ReleaseFolderError):
        conflictschema.release(edited, "1.1.0", out, lock_timeout=0.2)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert conflictschema.release(edited, "1.1.0", out, lock_timeout=5).version == "1.1.0"


def _release_process(dataset: Path, version: str, out: Path) -> subprocess.Popen[str]:
    command = ["release", str(dataset), "--version", version, "--out", str(out)]
    return subprocess.Popen(
        [sys.executable, "-m", "conflictschema", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_concurrent_releases_of_one_version_publish_it_once(tmp_path: Path) -> None:
    out = tmp_path / "out"
    runs = [_release_process(BUNDLED, "1.0.0", out) for _ in range(3)]
    results = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    assert sorted(code for code, _, _ in results) == [0, 1, 1], results
    for code, _, stderr in results:
        assert "Traceback" not in stderr
        if code == 1:
            assert "already published" in stderr
    assert assert_consistent(out) == {NAME: ["1.0.0"]}


@pytest.mark.slow
def test_concurrent_releases_of_two_versions_leave_a_consistent_folder(
    tmp_path: Path, edited: Path
) -> None:
    out = tmp_path / "out"
    runs = [_release_process(BUNDLED, "1.0.0", out), _release_process(edited, "1.1.0", out)]
    results = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    assert all(code in (0, 1) for code, _, _ in results), results
    listed = assert_consistent(out)[NAME]
    # whichever ran first, 1.1.0 is published; 1.0.0 only if it came first
    assert "1.1.0" in listed
    assert listed in (["1.0.0", "1.1.0"], ["1.1.0"])


def test_placing_never_replaces_a_published_file(tmp_path: Path) -> None:
    from conflictschema.publishing.outdir import place_new_file, place_new_folder

    (tmp_path / "published.zip").write_text("published")
    (tmp_path / "staged.zip").write_text("other")
    with pytest.raises(ReleaseExistsError):
        place_new_file(tmp_path / "staged.zip", tmp_path / "published.zip")
    assert (tmp_path / "published.zip").read_text() == "published"
    (tmp_path / "1.0.0").mkdir()
    (tmp_path / "staged").mkdir()
    with pytest.raises(ReleaseExistsError):
        place_new_folder(tmp_path / "staged", tmp_path / "1.0.0")


# --- 2. interrupted after any write step ---------------------------------------------------

#: The write steps of a release, in the order they run, by the name each is called under.
STEPS = [
    ("conflictschema.publishing.outdir", "atomic_write_text"),
    ("conflictschema.publishing.outdir", "rebuild_index"),
    ("conflictschema.publishing.publish", "write_release_files"),
    ("conflictschema.publishing.publish", "write_zip"),
    ("conflictschema.publishing.publish", "place_new_file"),
    ("conflictschema.publishing.publish", "place_new_folder"),
]

KILLER = textwrap.dedent(
    """
    import importlib, os, signal, sys
    import conflictschema
    kill_at, calls = int(sys.argv[1]), [0]
    def counted(function):
        def step(*args, **kwargs):
            calls[0] += 1
            if calls[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return function(*args, **kwargs)
        return step
    for module, name in {steps!r}:
        module = importlib.import_module(module)
        setattr(module, name, counted(getattr(module, name)))
    conflictschema.release(sys.argv[2], "1.1.0", sys.argv[3])
    print(calls[0])
    """
)


@pytest.mark.slow
def test_a_release_killed_before_each_write_step_is_repaired(
    tmp_path: Path, first_release: Path, edited: Path
) -> None:
    script = KILLER.format(steps=STEPS)
    kill_at, total = 1, None
    while total is None:
        out = tmp_path / f"kill-{kill_at}"
        shutil.copytree(first_release, out)
        done = subprocess.run(
            [sys.executable, "-c", script, str(kill_at), str(edited), str(out)],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=120,
        )
        if done.returncode == 0:
            total = int(done.stdout)
            assert assert_consistent(out) == {NAME: ["1.0.0", "1.1.0"]}
            break
        assert done.returncode == -signal.SIGKILL, done.stderr
        committed = (out / NAME / "1.1.0").exists()
        # what a downloader sees at once is never torn: listed versions are whole
        listed = json.loads((out / "index.json").read_text())["datasets"][NAME]["versions"]
        for entry in listed:
            assert sha256_file(out / entry["url"]) == entry["sha256"]
        # alternately the next release and `release --repair` bring everything back
        if kill_at % 2:
            if committed:
                with pytest.raises(ReleaseExistsError):
                    conflictschema.release(edited, "1.1.0", out)
            else:
                conflictschema.release(edited, "1.1.0", out)
        else:
            report = conflictschema.repair_releases(out)
            assert report.problems == []
            if not committed:
                assert assert_consistent(out) == {NAME: ["1.0.0"]}
                conflictschema.release(edited, "1.1.0", out)
        assert assert_consistent(out) == {NAME: ["1.0.0", "1.1.0"]}
        kill_at += 1
    # two rebuilds (before and after) of changelog and index, plus the four own steps
    assert total == 8
    assert kill_at == total + 1


def test_a_failure_after_the_commit_point_says_how_to_repair(
    tmp_path: Path, first_release: Path, edited: Path, monkeypatch: pytest.MonkeyPatch, cli
) -> None:
    import errno

    from conflictschema.publishing import publish

    out = _copy(first_release, tmp_path)
    real, calls = publish.rebuild_derived, []

    def full_disk_after_commit(folder: Path, **kwargs: object) -> object:
        calls.append(folder)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(folder / "index.json"))
        return real(folder, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(publish, "rebuild_derived", full_disk_after_commit)
    result = cli("release", edited, "--version", "1.1.0", "--out", out)
    assert result.code == 2, result
    assert "1.1.0 is published" in result.stderr
    assert "--repair" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (out / NAME / "1.1.0").exists()
    assert "1.1.0" not in (out / "index.json").read_text()
    monkeypatch.setattr(publish, "rebuild_derived", real)
    repaired = cli("release", "--repair", "--out", out)
    assert repaired.code == 0, repaired
    assert f"{NAME}: 1.0.0, 1.1.0" in repaired.stdout
    assert assert_consistent(out) == {NAME: ["1.0.0", "1.1.0"]}


def test_repair_rebuilds_a_lost_zip_byte_for_byte_and_reports_tampering(
    tmp_path: Path, first_release: Path, cli
) -> None:
    out = _copy(first_release, tmp_path)
    zip_path = out / NAME / f"{NAME}-1.0.0.zip"
    published = zip_path.read_bytes()
    zip_path.unlink()
    (out / "index.json").unlink()
    (out / NAME / "CHANGELOG.md").unlink()
    report = conflictschema.repair_releases(out)
    assert report.rebuilt == [f"{NAME}/{NAME}-1.0.0.zip"]
    assert zip_path.read_bytes() == published
    assert assert_consistent(out) == {NAME: ["1.0.0"]}

    index_before = (out / "index.json").read_bytes()
    zip_path.write_bytes(published[:-1] + b"!")
    result = cli("release", "--repair", "--out", out)
    assert result.code == 1, result
    assert "index keeps the published hash" in result.stderr
    assert (out / "index.json").read_bytes() == index_before


def test_an_unwritable_folder_is_a_one_line_error_not_a_crash(tmp_path: Path, cli) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / NAME).write_text("a file where the dataset's folder goes")
    result = cli("release", BUNDLED, "--version", "1.0.0", "--out", out)
    assert result.code == 2, result
    assert str(out / NAME) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    missing = cli("release", "--repair", "--out", tmp_path / "nowhere")
    assert missing.code == 2, missing
    assert "nowhere" in missing.stderr


# --- 3. what counts as a change --------------------------------------------------------------


def test_unchanged_data_is_not_a_new_version(tmp_path: Path, first_release: Path, cli) -> None:
    out = _copy(first_release, tmp_path)
    before = released_files(out)
    result = cli("release", BUNDLED, "--version", "1.0.1", "--out", out)
    assert result.code == 1, result
    assert "nothing changed since 1.0.0" in result.stderr
    assert released_files(out) == before


def test_unchanged_data_released_by_a_newer_layout_is_a_patch(
    tmp_path: Path, first_release: Path
) -> None:
    from conflictschema.publishing.publish import RELEASE_LAYOUT, RELEASE_LAYOUTS

    out = _copy(first_release, tmp_path)
    descriptor_path = out / NAME / "1.0.0" / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text())
    assert descriptor["conflictschema"]["release_layout"] == RELEASE_LAYOUT
    del descriptor["conflictschema"]["release_layout"]  # as releases before layouts were
    descriptor_path.write_text(json.dumps(descriptor))
    result = conflictschema.release(BUNDLED, "1.0.1", out)
    assert result.diff is not None
    assert [(str(bump), reason) for bump, reason in result.diff.reasons] == [
        ("patch", f"release layout {n - 1} -> {n}: {RELEASE_LAYOUTS[n]}")
        for n in range(2, RELEASE_LAYOUT + 1)
    ]


def test_a_metadata_change_is_a_patch(tmp_path: Path, first_release: Path) -> None:
    out = _copy(first_release, tmp_path)
    dataset = tmp_path / "retitled"
    shutil.copytree(BUNDLED, dataset)
    descriptor = json.loads((dataset / "datapackage.json").read_text())
    descriptor["title"] = "Contested incidents, corrected title"
    (dataset / "datapackage.json").write_text(json.dumps(descriptor))
    result = conflictschema.release(dataset, "1.0.1", out)
    assert result.diff is not None
    assert [reason for _, reason in result.diff.reasons] == ["metadata changed: title"]


def _moved(document: dict, **changes: object) -> None:
    document["incidents"][0].update(changes)


@pytest.mark.parametrize(
    ("changes", "reused"),
    [
        # a different event in the same region: date, title and place name all change
        ({"date_start": "2023-01-05", "date_end": "2023-01-05", "title": "Another event",
          "location_name": "Another town"}, True),
        # the same, told by a point 50 km away instead of a new place name
        ({"date_start": "2023-01-05", "date_end": "2023-01-05", "title": "Another event",
          "latitude": 55.0}, True),
        # corrections of date and title at the same place: the same incident
        ({"date_start": "2023-01-05", "date_end": "2023-01-05", "title": "Corrected title"},
         False),
        # a corrected place and title on the same date
        ({"title": "Corrected title", "location_name": "Corrected place"}, False),
    ],
)  # fmt: skip
def test_an_id_reused_for_another_incident_in_the_same_region_is_major(
    tmp_path: Path, changes: dict[str, object], reused: bool
) -> None:
    document = conflictschema.read(BUNDLED).model_dump(mode="json")
    incident = document["incidents"][0]
    if "latitude" in changes:
        assert incident["latitude"] is not None
        changes["latitude"] = incident["latitude"] + 0.5
    edited = _edited(tmp_path, lambda doc: _moved(doc, **changes))
    changed = conflictschema.diff(BUNDLED, edited)
    assert (changed.tables["incidents"].reused == [incident["id"]]) is reused
    assert str(changed.required) == ("major" if reused else "patch")


def test_a_dataset_named_like_the_index_is_refused(tmp_path: Path) -> None:
    dataset = tmp_path / "named"
    shutil.copytree(BUNDLED, dataset)
    descriptor = json.loads((dataset / "datapackage.json").read_text())
    descriptor["name"] = "index.json"
    (dataset / "datapackage.json").write_text(json.dumps(descriptor))
    with pytest.raises(ReleaseError, match=r"cannot be named 'index\.json'"):
        conflictschema.release(dataset, "1.0.0", tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def risky_release(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A dataset with a formula-like title and a restricted source, and its release."""
    from conflictschema import Dataset
    from conflictschema.io import write_package

    tmp = tmp_path_factory.mktemp("risky")
    document = conflictschema.read(BUNDLED).model_dump(mode="json")
    document["incidents"][0]["title"] = "=1+1 and a formula-like title"
    document["sources"][2].update(access="restricted", title="Do not publish")
    dataset = tmp / "dataset"
    write_package(Dataset.model_validate(document), dataset)
    conflictschema.release(dataset, "1.0.0", tmp / "out")
    return dataset, tmp / "out" / NAME


def test_diff_of_a_release_and_its_dataset_shows_no_phantom_changes(
    risky_release: tuple[Path, Path], cli
) -> None:
    dataset, base = risky_release
    for published in (
        base / "1.0.0",
        base / "1.0.0" / "datapackage.json",
        base / f"{NAME}-1.0.0.zip",
    ):
        changes = conflictschema.diff(published, dataset)
        assert changes.reasons == [], (published, changes.reasons)
        result = cli("diff", published, dataset)
        assert result.code == 0, result
        assert result.stdout.startswith("required version step: none")


def test_diff_reads_release_zips(risky_release: tuple[Path, Path], tmp_path: Path, cli) -> None:
    _, base = risky_release
    newer = _edited(tmp_path, add_incident)
    changes = conflictschema.diff(base / f"{NAME}-1.0.0.zip", newer)
    assert changes.tables["incidents"].added == ["inc-0005"]
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes((base / f"{NAME}-1.0.0.zip").read_bytes()[:-40])
    result = cli("diff", damaged, newer)
    assert result.code == 2, result
    assert "damaged.zip" in result.stderr


def test_the_lock_file_is_not_a_dataset(tmp_path: Path, first_release: Path) -> None:
    out = _copy(first_release, tmp_path)
    with locked(out):
        assert (out / LOCK_NAME).exists()
    report = conflictschema.repair_releases(out)
    assert report.published == {NAME: ["1.0.0"]}
