"""The line a record of a dataset document starts on, found for any layout."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from conflictschema.validation.json_stream import JsonText
from conflictschema.validation.json_tables import element_lines

records = st.lists(
    st.dictionaries(
        st.text(min_size=1, max_size=5),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=8),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=3), inner, max_size=3)
            ),
            max_leaves=6,
        ),
        max_size=4,
    ),
    max_size=6,
)


@given(
    incidents=records,
    actors=records,
    indent=st.none() | st.integers(0, 4),
    metadata=st.dictionaries(st.sampled_from(["name", "title", "x"]), st.text(max_size=5)),
    block=st.integers(1, 64),
)
@settings(max_examples=300)
def test_each_record_is_found_on_the_line_it_starts(
    incidents: list[dict[str, object]],
    actors: list[dict[str, object]],
    indent: int | None,
    metadata: dict[str, str],
    block: int,
) -> None:
    document = {**metadata, "actors": actors, "incidents": incidents}
    text = json.dumps(document, indent=indent)
    wanted = {
        name: len(items) - 1
        for name, items in (("actors", actors), ("incidents", incidents))
        if items
    }
    # read a few bytes at a time, as a large document is read a block at a time
    found = element_lines(JsonText(io.BytesIO(text.encode()), block=block), wanted)
    assert set(found) == {(name, i) for name, top in wanted.items() for i in range(top + 1)}
    if indent is None:  # one line: every record starts on it
        assert set(found.values()) <= {1}
        return
    lines = text.split("\n")
    for (name, i), line in found.items():
        # decoded from the brace that opens its line, the text is the record itself
        start = sum(len(lines[k]) + 1 for k in range(line - 1))
        decoded, _ = json.JSONDecoder().raw_decode(text, text.index("{", start))
        assert decoded == document[name][i]
