"""A JSON document read a block at a time says what the json module says of it whole."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conflictschema
from conflictschema import Dataset, ReadError
from conflictschema.validation import json_stream, json_tables
from conflictschema.validation.json_stream import (
    Item,
    JsonStreamError,
    JsonText,
    NotAnObjectError,
    TooLargeError,
    walk_document,
)
from tests.acceptance.test_fuzz_one_engine import DEEP, PLACEHOLDER, _objects, mutate_json
from tests.strategies import datasets

LISTS = frozenset(("actors", "sources", "incidents"))

values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=8,
)
members = st.dictionaries(
    st.sampled_from(["name", "title", "standard_version", "actors", "sources", "incidents", "é"]),
    st.lists(values, max_size=4) | values,
    max_size=5,
)


def mutated(text: bytes, data: st.DataObject) -> bytes:
    raw = bytearray(text)
    for _ in range(data.draw(st.integers(0, 3), label="edits")):
        at = data.draw(st.integers(0, max(0, len(raw) - 1)), label="at")
        byte = data.draw(st.sampled_from(b'\x00\n\r ",:[]{}\\u9e-.\xff\xc3'), label="byte")
        kind = data.draw(st.sampled_from(["flip", "insert", "delete"]), label="kind")
        if kind == "insert":
            raw[at:at] = bytes([byte])
        elif raw and kind == "flip":
            raw[at] = byte
        elif raw:
            del raw[at]
    return bytes(raw)


def walked(raw: bytes, block: int) -> dict[str, Any]:
    """The document as walk_document reads it: each member, the lists rebuilt."""
    found: dict[str, Any] = {}
    text = JsonText(io.BytesIO(raw), block=block)
    for event in walk_document(text, LISTS, on_list=lambda key: found.update({key: []})):
        if isinstance(event, Item):
            assert event.index == len(found[event.key])
            found[event.key].append(event.value)
        else:
            found[event[0]] = event[1]
    return found


def twice_given_list(text: str) -> bool:
    """Whether a top-level list member is given twice (the json module keeps the last)."""
    twice = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal twice
        keys = [k for k, v in items if k in LISTS and isinstance(v, list)]
        twice = twice or len(keys) != len(set(keys))
        return dict(items)

    json.loads(text, object_pairs_hook=pairs)  # nested objects too: a superset is fine
    return twice


def read_whole(raw: bytes) -> tuple[str, Any]:
    """What the json module makes of the whole text: ("utf-8", the offset of the first
    byte that is not UTF-8), ("json", (message, line)), or ("document", the value)."""
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return "utf-8", exc.start + bom
    try:
        return "document", json.loads(text)
    except json.JSONDecodeError as exc:
        return "json", (exc.msg, exc.lineno)


def read_in_blocks(raw: bytes, block: int) -> tuple[str, Any]:
    """The same, read by walk_document ``block`` bytes at a time; ("object", message)
    for a document that is not an object or gives a list twice."""
    try:
        return "document", walked(raw, block)
    except NotAnObjectError as exc:
        return "object", exc.message
    except JsonStreamError as exc:
        if exc.offset is not None:
            return "utf-8", exc.offset
        if "given twice" in exc.message:
            return "object", exc.message
        return "json", (exc.message, exc.line)


@given(
    document=members,
    indent=st.none() | st.integers(0, 3),
    block=st.integers(1, 40),
    data=st.data(),
)
@settings(max_examples=400)
def test_any_text_is_accepted_or_refused_as_the_json_module_would_whole(
    document: dict[str, Any], indent: int | None, block: int, data: st.DataObject
) -> None:
    raw = mutated(json.dumps(document, indent=indent, ensure_ascii=False).encode(), data)
    if data.draw(st.booleans(), label="bom"):
        raw = b"\xef\xbb\xbf" + raw
    whole, in_blocks = read_whole(raw), read_in_blocks(raw, block)
    if whole[0] == "utf-8" and in_blocks[0] == "json":
        # a fault of JSON before the first byte that is not UTF-8 is met first
        assert in_blocks[1][1] <= raw[: whole[1]].count(b"\n") + 1
    elif whole[0] == "document" and not isinstance(whole[1], dict):
        assert in_blocks == ("object", "a dataset document must be a JSON object")
    elif whole[0] == "document" and twice_given_list(raw.decode("utf-8-sig")):
        assert in_blocks[0] == "object"
    else:
        assert in_blocks == whole


def test_a_number_cut_by_a_block_end_is_read_whole() -> None:
    text = b'{"incidents": [12345, 678]}'
    assert walked(text, 1) == {"incidents": [12345, 678]}
    assert walked(text, 17) == {"incidents": [12345, 678]}  # the block ends inside 12345


def test_a_value_longer_than_the_limit_is_refused_without_reading_on() -> None:
    raw = b'{"incidents": ["' + b"x" * 10_000 + b'"]}'
    handle = io.BytesIO(raw)
    with pytest.raises(TooLargeError, match="longer than 1000 characters"):
        list(walk_document(JsonText(handle, block=64, max_value=1000), LISTS))
    assert handle.tell() < 3000  # read about twice the limit, not the whole text


def test_an_early_fault_is_reported_without_reading_the_rest() -> None:
    raw = b'{"name": tru, "incidents": [' + b'{"id": "x"},' * 100_000 + b"{}]}"
    handle = io.BytesIO(raw)
    with pytest.raises(JsonStreamError) as raised:
        list(walk_document(JsonText(handle, block=64), LISTS))
    assert raised.value.message == "Expecting value"
    assert handle.tell() <= 128


def test_a_document_larger_than_a_block_validates_as_one_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundled dataset as a document, broken in a few records, read 97 bytes at a
    time: the same findings, on the same lines, as read in one block."""
    document = tmp_path / "dataset.json"
    conflictschema.convert("datasets/contested-incidents", document)
    data = json.loads(document.read_text(encoding="utf-8"))
    data["incidents"][0]["killed_low"] = "many"
    claimed = [incident for incident in data["incidents"] if incident["claims"]]
    claimed[-1]["claims"][0]["method"] = "magic"
    data["actors"][1]["aliases"] = None
    document.write_text(json.dumps(data, indent=1), encoding="utf-8")
    whole = conflictschema.validate(document)
    monkeypatch.setattr(json_stream, "READ_BLOCK", 97)
    in_blocks = conflictschema.validate(document)
    assert {f.code for f in whole.findings} >= {"type-error", "unknown-code"}
    assert in_blocks.findings == whole.findings
    assert all(f.row for f in whole.findings if f.field and f.field.startswith("incidents["))


@settings(max_examples=20, deadline=None)
@given(dataset=datasets(), batch=st.integers(1, 3), data=st.data())
def test_records_taken_a_few_at_a_time_give_the_findings_and_records_of_one_batch(
    dataset: Dataset, batch: int, data: st.DataObject
) -> None:
    """A table's records become columns a batch at a time (``_Rows.BATCH``): with
    batches of 1-3 records, a document with a hostile value in one record (a wrong
    type, an extension only some records have) gives the same report, and the same
    dataset, as read in one batch."""
    document = json.loads(dataset.model_dump_json())
    if data.draw(st.booleans(), label="extension"):
        target = data.draw(st.sampled_from(_objects(document, skip_top=True)), label="extended")
        target["x_note"] = data.draw(st.none() | st.text(max_size=3) | st.just(5))
    mutate_json(document, data)
    text = json.dumps(document, allow_nan=True).replace(f'"{PLACEHOLDER}"', DEEP)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dataset.json"
        path.write_text(text, encoding="utf-8")
        whole = conflictschema.validate(path)
        one_batch = _read_or_refusal(path)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(json_tables._Rows, "BATCH", batch)
            in_batches = conflictschema.validate(path)
            assert _read_or_refusal(path) == one_batch
    assert in_batches.findings == whole.findings
    assert in_batches.counts == whole.counts


def _read_or_refusal(path: Path) -> Any:
    try:
        return conflictschema.read(path).model_dump()
    except ReadError as exc:
        return sorted(map(str, exc.findings))


def test_a_record_or_line_over_the_limit_is_a_file_too_large_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over the limits (lowered here), the document or JSONL file is unreadable, with
    the line of the record that is too long; nothing else is reported about it."""
    document = tmp_path / "dataset.json"
    lines = tmp_path / "package" / "incidents.jsonl"  # beside the package's actors, sources
    conflictschema.convert("datasets/contested-incidents", document)
    conflictschema.convert("datasets/contested-incidents", lines.parent)
    conflictschema.convert("datasets/contested-incidents", lines)
    monkeypatch.setattr(json_stream, "MAX_VALUE_CHARS", 1000)
    monkeypatch.setattr(json_tables, "MAX_LINE_BYTES", 1000)
    for path in (document, lines):
        report = conflictschema.validate(path)
        assert not report.readable
        assert [(f.code, f.file) for f in report.findings] == [("file-too-large", path.name)]
        assert report.findings[0].row is not None


@pytest.mark.parametrize("version", ["1.0.0", "4.0.1"])
def test_a_standard_version_given_after_the_records_is_the_one_they_are_read_by(
    tmp_path: Path, version: str
) -> None:
    """A release's document (standard 0.1 in 1.0.0, the current one in 4.0.1), its
    members reordered so that the records come before ``standard_version`` and
    the lists are broken in a few places: the report is the one of the normal order."""
    given = json.loads(
        Path(f"releases/contested-incidents/{version}/dataset.json").read_text(encoding="utf-8")
    )
    given["incidents"][0]["killed_low"] = "many"
    given["actors"][0]["x_note"] = 5
    lists = {k: given.pop(k) for k in ("actors", "sources", "incidents")}
    normal, records_first = tmp_path / "normal", tmp_path / "records-first"
    for folder, document in ((normal, {**given, **lists}), (records_first, {**lists, **given})):
        folder.mkdir()
        (folder / "dataset.json").write_text(json.dumps(document, indent=2), encoding="utf-8")
    expected = conflictschema.validate(normal / "dataset.json")
    found = conflictschema.validate(records_first / "dataset.json")
    assert {"type-error", "extension-column"} <= {f.code for f in expected.findings}
    # the same findings, but for the lines, which the reordering moved
    assert sorted((f.code, f.field, f.message) for f in found.findings) == sorted(
        (f.code, f.field, f.message) for f in expected.findings
    )
    assert found.counts == expected.counts


def test_a_jsonl_file_takes_only_actors_and_sources_from_the_document_beside_it(
    tmp_path: Path,
) -> None:
    """The document's own incidents are read as JSON but become no rows: a broken one
    is not the JSONL's finding, and the JSONL's incidents are the dataset read."""
    conflictschema.convert("datasets/contested-incidents", tmp_path / "incidents.jsonl")
    conflictschema.convert("datasets/contested-incidents", tmp_path / "dataset.json")
    document = json.loads((tmp_path / "dataset.json").read_text(encoding="utf-8"))
    document["incidents"][0]["killed_low"] = "many"
    document["incidents"].append({"id": 5})
    (tmp_path / "dataset.json").write_text(json.dumps(document), encoding="utf-8")
    report = conflictschema.validate(tmp_path / "incidents.jsonl")
    assert report.valid, [str(f) for f in report.findings if f.severity == "error"]
    assert conflictschema.read(tmp_path / "incidents.jsonl") == conflictschema.read(
        "datasets/contested-incidents"
    )
    (tmp_path / "dataset.json").write_text(json.dumps(document)[:-2], encoding="utf-8")
    cut = conflictschema.validate(tmp_path / "incidents.jsonl")  # still read whole, as JSON
    assert [(f.code, f.file) for f in cut.findings] == [("json-error", "dataset.json")]
