"""The ACLED importer on exports built from ACLED's codebook and its documented variants
(no ACLED data is committed: every row here is written for the test)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import conflictschema
from conflictschema.importers import ImportFormatError, import_

HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
    "source,source_scale,notes,fatalities,tags,timestamp"
)
ROWS = [
    # a remote explosive against civilians, 0 fatalities, two outlets, an associated actor
    "UKR100001,2024-02-27,2024,1,Political violence,Explosions/Remote violence,"
    "Remote explosive/landmine/IED,Unidentified Armed Group (Ukraine),,3,Civilians (Ukraine),"
    "United Russia,7,37,Civilian targeting,804,Europe,Ukraine,Khersonska,Kakhovskyi,,"
    'Nova Kakhovka,46.7547,33.3474,1,Kyiv Independent; Telegram,National,"An explosion '
    'damaged the entrance of a party office.",0,,1709251200',
    # a battle, time precision 2, the 2024 text labels for actor types
    "UKR100002,2024-03-05,2024,2,Political violence,Battles,Armed clash,"
    "Military Forces of Russia (2000-),,State forces,Military Forces of Ukraine (2019-),,"
    "State forces,State forces-State forces,,804,Europe,Ukraine,Donetska,Pokrovskyi,,Avdiivka,"
    "48.1394,37.7497,2,Ukrainska Pravda,National,Clashes near Avdiivka.,12,,1709856000",
    # a protest known to the month, no actor 2
    "UKR100003,2024-03-07,2024,3,Demonstrations,Protests,Peaceful protest,"
    "Protesters (Ukraine),,6,,,0,60,,804,Europe,Ukraine,Kyiv City,Kyiv,,Kyiv,50.45,30.5233,1,"
    "Suspilne,National,Protest in Kyiv.,0,crowd size=about 20,1709856000",
]


def export(path: Path, rows: list[str] = ROWS, header: str = HEADER, **write: object) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8", **write)  # type: ignore[arg-type]
    return path


def table(package: Path, name: str) -> list[dict[str, str]]:
    text = (package / "data" / f"{name}.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_an_export_becomes_a_valid_package_that_says_no_more_than_acled(tmp_path: Path) -> None:
    result = import_("acled", [export(tmp_path / "acled.csv")], tmp_path / "out")
    assert (result.read, result.imported, result.merged, result.skipped) == (3, 3, 0, [])
    report = conflictschema.validate(tmp_path / "out")
    assert report.errors == report.warnings == 0
    dataset = conflictschema.read(tmp_path / "out")
    first = next(i for i in dataset.incidents if i.id == "acled-UKR100001")
    # sides, not perpetrators: no claim, so nothing is attributed
    assert [(p.actor, p.role) for p in first.participants] == [
        ("acled-actor-unidentified-armed-group-ukraine", "side_a"),
        ("acled-actor-civilians-ukraine", "side_b"),
        ("acled-actor-united-russia", "associated"),
    ]
    assert first.claims == []
    assert first.attribution_status == "unattributed"
    # ACLED's 0 is kept as ACLED defines it, and the incident's own figure stays unknown
    [report_0] = first.casualty_reports
    assert (report_0.killed_best, report_0.zeros) == (0, "none_or_unknown")
    assert first.killed_best is None
    assert first.event_type == "explosive_charge"
    assert "acled-sub-event:remote-explosive-landmine-ied" in first.classifications
    assert first.external_ids == ["acled:UKR100001"]
    assert (first.country, first.location_name, first.geo_precision) == (
        "UA",
        "Nova Kakhovka",
        "settlement",
    )
    assert first.extensions["x_acled_civilian_targeting"] == "Civilian targeting"
    record = {s.id: s for s in dataset.sources}[first.source_ids[0]]
    assert record.source_type == "dataset_record"
    assert sorted(record.relays) == ["outlet-kyiv-independent", "outlet-telegram"]
    by_id = {i.id: i for i in dataset.incidents}
    assert by_id["acled-UKR100002"].date_precision == "approximate_day"
    assert by_id["acled-UKR100002"].killed_best == 12
    assert {a.id: a.kind for a in dataset.actors}["acled-actor-military-forces-of-russia-2000"] == (
        "armed_forces"
    )
    march = by_id["acled-UKR100003"]
    assert (str(march.date_start), str(march.date_end), march.date_precision) == (
        "2024-03-01",
        "2024-03-31",
        "month",
    )


def test_the_date_forms_of_real_exports_read_alike(tmp_path: Path) -> None:
    forms = ["2024-02-27", "27/02/2024 00:00:00", "27 February 2024"]
    packages = []
    for n, form in enumerate(forms):
        rows = [ROWS[0].replace("2024-02-27", form, 1)]
        packages.append(
            import_("acled", [export(tmp_path / f"{n}.csv", rows)], tmp_path / f"o{n}").out
        )
    texts = {(p / "data" / "incidents.csv").read_bytes() for p in packages}
    assert len(texts) == 1


def test_encodings_bom_line_ends_and_multi_line_cells(tmp_path: Path) -> None:
    rows = [
        ROWS[0].replace("An explosion damaged", "An explosion\r\ndamaged the café; it"),
        *ROWS[1:],
    ]
    text = "\n".join([HEADER, *rows]) + "\n"
    variants = {
        "utf8": text.encode("utf-8"),
        "bom-crlf": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
        "cp1252-cr": text.replace("\r\n", "\n").replace("\n", "\r").encode("cp1252"),
    }
    outputs = set()
    for name, data in variants.items():
        path = tmp_path / f"{name}.csv"
        path.write_bytes(data)
        out = import_("acled", [path], tmp_path / f"out-{name}").out
        notes = {i.id: i.summary for i in conflictschema.read(out).incidents}
        assert "café" in notes["acled-UKR100001"], name
        outputs.add((out / "data" / "participants.csv").read_bytes())
    assert len(outputs) == 1


def test_numeric_and_text_actor_types_give_the_same_kind(tmp_path: Path) -> None:
    numeric = [
        ROWS[1]
        .replace(",State forces,Military", ",1,Military")
        .replace(",,State forces,State", ",,1,State")
    ]
    a = import_("acled", [export(tmp_path / "a.csv", numeric)], tmp_path / "a").out
    b = import_("acled", [export(tmp_path / "b.csv", ROWS[1:2])], tmp_path / "b").out
    assert table(a, "actors") == table(b, "actors")


def test_an_actor_centric_export_merges_the_event_and_names_no_sides(tmp_path: Path) -> None:
    monadic_header = HEADER.replace(",actor2,assoc_actor_2,inter2", "")
    first = (
        "UKR100002,2024-03-05,2024,1,Political violence,Battles,Armed clash,"
        "Military Forces of Russia (2000-),,1,11,,804,Europe,Ukraine,Donetska,Pokrovskyi,,"
        "Avdiivka,48.1394,37.7497,1,Ukrainska Pravda,National,Clashes.,12,,1709856000"
    )
    second = first.replace(
        "Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)"
    )
    result = import_(
        "acled", [export(tmp_path / "m.csv", [first, second], monadic_header)], tmp_path / "o"
    )
    assert (result.read, result.imported, result.merged) == (2, 1, 1)
    participants = table(result.out, "participants")
    assert [(p["actor"], p["role"]) for p in participants] == [
        ("acled-actor-military-forces-of-russia-2000", "role_unknown"),
        ("acled-actor-military-forces-of-ukraine-2019", "role_unknown"),
    ]


def test_a_row_that_cannot_be_read_is_skipped_with_its_line_and_reason(tmp_path: Path) -> None:
    rows = [ROWS[0], ROWS[1].replace("2024-03-05", "sometime"), ROWS[2]]
    result = import_("acled", [export(tmp_path / "x.csv", rows)], tmp_path / "o")
    assert result.imported == 2
    [skip] = result.skipped
    assert (skip.line, "sometime" in skip.reason) == (3, True)
    assert conflictschema.validate(tmp_path / "o").errors == 0


def test_kosovo_and_numeric_country_codes(tmp_path: Path) -> None:
    kosovo = [ROWS[2].replace(",804,Europe,Ukraine,", ",0,Europe,Kosovo,")]
    out = import_("acled", [export(tmp_path / "k.csv", kosovo)], tmp_path / "o").out
    assert table(out, "incidents")[0]["country"] == "XK"


def test_importing_again_gives_the_same_bytes(tmp_path: Path) -> None:
    source = export(tmp_path / "acled.csv")
    a = import_("acled", [source], tmp_path / "a").out
    b = import_("acled", [source], tmp_path / "b").out
    for path in sorted((a / "data").iterdir()):
        assert path.read_bytes() == (b / "data" / path.name).read_bytes()
    conflictschema.convert(a, tmp_path / "a.json")
    conflictschema.convert(tmp_path / "a.json", tmp_path / "back")
    for path in sorted((a / "data").iterdir()):
        assert path.read_bytes() == (tmp_path / "back" / "data" / path.name).read_bytes()


def test_a_wrong_or_empty_file_is_refused_and_nothing_written(tmp_path: Path, cli) -> None:
    bundled = (
        Path(__file__).resolve().parents[3] / "datasets/contested-incidents/data/incidents.csv"
    )
    outcome = cli("import", "acled", str(bundled), "-o", str(tmp_path / "o"))
    assert outcome.code == 2
    assert "not an export of ACLED" in outcome.stderr
    assert not (tmp_path / "o").exists()
    missing = cli("import", "acled", str(tmp_path / "nope.csv"), "-o", str(tmp_path / "o"))
    assert missing.code == 2
    assert "cannot be read" in missing.stderr
    binary = tmp_path / "binary.csv"
    binary.write_bytes(bytes(range(256)) * 4)
    assert cli("import", "acled", str(binary), "-o", str(tmp_path / "o")).code == 2
    huge = tmp_path / "huge.csv"
    huge.write_text('"' + "x" * 200_000 + '",b\n1,2\n', encoding="utf-8")
    assert cli("import", "acled", str(huge), "-o", str(tmp_path / "o")).code == 2
    with pytest.raises(ImportFormatError, match="no rows"):
        import_("acled", [export(tmp_path / "h.csv", [])], tmp_path / "o")
    assert not (tmp_path / "o").exists()


def test_the_command_reports_in_text_and_json(tmp_path: Path, cli) -> None:
    source = export(tmp_path / "acled.csv", [ROWS[0], ROWS[1].replace("2024-03-05", "never")])
    outcome = cli("import", "acled", str(source), "-o", str(tmp_path / "o"), "--format", "json")
    assert outcome.code == 0, outcome
    summary = json.loads(outcome.stdout)
    assert (summary["read"], summary["imported"], len(summary["skipped"])) == (2, 1, 1)
    text = cli("import", "acled", str(source), "-o", str(tmp_path / "p"))
    assert "2 row(s) read, 1 incident(s) imported" in text.stdout
    assert "line 3" in text.stdout


def test_a_newer_export_over_the_previous_import_keeps_ids_and_withdraws_what_vanished(
    tmp_path: Path, cli
) -> None:
    first = import_("acled", [export(tmp_path / "v1.csv")], tmp_path / "v1", name="acled-ukr")
    newer = [
        ROWS[0].replace("damaged the entrance", "destroyed the entrance"),  # corrected
        ROWS[1],
        # ROWS[2] is gone from the source; a new event appears
        ROWS[1].replace("UKR100002", "UKR100004").replace("Avdiivka", "Marinka"),
    ]
    outcome = cli(
        "import", "acled", str(export(tmp_path / "v2.csv", newer)),
        "-o", str(tmp_path / "v2"), "--previous", str(first.out),
    )  # fmt: skip
    assert outcome.code == 0, outcome
    assert "1 withdrawn (no longer in the source)" in outcome.stdout
    after = {i.id: i for i in conflictschema.read(tmp_path / "v2").incidents}
    assert sorted(after) == [
        "acled-UKR100001",
        "acled-UKR100002",
        "acled-UKR100003",
        "acled-UKR100004",
    ]
    gone = after["acled-UKR100003"]
    assert (gone.status, gone.withdrawn_reason) == (
        "withdrawn",
        "No longer in the ACLED export this import read.",
    )
    assert "destroyed" in (after["acled-UKR100001"].summary or "")
    assert conflictschema.read(tmp_path / "v2").name == "acled-ukr"
    # releasing the two imports in turn takes the step their changes need
    conflictschema.release(first.out, "1.0.0", tmp_path / "releases")
    changes = conflictschema.diff(first.out, tmp_path / "v2")
    assert str(changes.required) == "minor"
    assert (
        conflictschema.release(tmp_path / "v2", "1.1.0", tmp_path / "releases").version == "1.1.0"
    )
