"""The byte scans under the CSV readers' fast paths give the answers of their plain
definitions, whatever the text and wherever a block ends."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictschema.validation import tables
from conflictschema.validation.tables import byte_positions, has_bare_cr

texts = st.lists(st.sampled_from([b"a", b",", b'"', b"\r", b"\n", b"\r\n", b"\xc3\xa9"])).map(
    b"".join
)


@settings(max_examples=500, deadline=None)
@given(texts, st.sampled_from([ord(","), ord('"'), ord("\n")]), st.integers(1, 9))
def test_positions_found_a_block_at_a_time_are_every_position_of_the_byte(
    raw: bytes, byte: int, block: int
) -> None:
    data = np.frombuffer(raw, dtype=np.uint8)
    found = byte_positions(data, byte, block)
    assert found.tolist() == [i for i, b in enumerate(raw) if b == byte]
    assert found.dtype == np.int64


@given(texts)
def test_a_bare_cr_is_a_cr_no_lf_follows(raw: bytes) -> None:
    assert has_bare_cr(raw) == any(
        b == ord("\r") and raw[i + 1 : i + 2] != b"\n" for i, b in enumerate(raw)
    )


def test_a_cr_at_the_end_is_bare_and_crlf_is_not() -> None:
    assert has_bare_cr(b"a\r\nb\r")
    assert not has_bare_cr(b"a\r\nb\r\n")
    assert not has_bare_cr(b"")
    assert has_bare_cr(b"a\rb\r\n")


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(1, 9))
def test_a_file_read_a_block_at_a_time_has_a_bare_cr_where_its_bytes_do(
    raw: bytes, block: int
) -> None:
    """A CRLF may be cut between two blocks, a CR may end one."""
    saved = tables.LINES_BLOCK
    tables.LINES_BLOCK = block
    try:
        with TemporaryDirectory() as folder:
            path = Path(folder) / "t.csv"
            path.write_bytes(raw)
            assert tables._has_bare_cr(path) == has_bare_cr(raw)
    finally:
        tables.LINES_BLOCK = saved
