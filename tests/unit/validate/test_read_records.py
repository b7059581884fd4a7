"""Records built by read() share what is the same for every row of a table, and no
record's change shows in another."""

from __future__ import annotations

import copy
import pickle

import pytest
from pydantic import ValidationError

import conflictschema
from conflictschema.models.dataset import Dataset
from tests.conftest import BUNDLED


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return conflictschema.read(BUNDLED)


def test_records_of_a_table_share_one_fields_set(dataset: Dataset) -> None:
    first, second = dataset.incidents[:2]
    assert first.model_fields_set is second.model_fields_set
    assert first.model_fields_set == set(type(first).model_fields)
    claims = [claim for incident in dataset.incidents for claim in incident.claims]
    assert len({id(claim.model_fields_set) for claim in claims}) == 1


@pytest.mark.parametrize("name", ["title", "x_reviewer_note"])
def test_a_value_assigned_to_one_record_is_set_on_that_record_alone(name: str) -> None:
    dataset = conflictschema.read(BUNDLED)
    first, second = dataset.incidents[:2]
    before = second.model_dump()
    fields_before = set(second.model_fields_set)

    setattr(first, name, "Changed by hand")

    assert getattr(first, name) == "Changed by hand"
    assert name in first.model_fields_set
    assert second.model_fields_set == fields_before
    assert second.model_dump() == before


def test_a_nested_record_assigned_to_leaves_its_siblings_alone() -> None:
    dataset = conflictschema.read(BUNDLED)
    claims = [claim for incident in dataset.incidents for claim in incident.claims]
    claims[0].x_checked_by = "desk"
    assert "x_checked_by" in claims[0].model_fields_set
    assert all("x_checked_by" not in claim.model_fields_set for claim in claims[1:])


def test_assignment_is_still_validated(dataset: Dataset) -> None:
    incident = dataset.incidents[0].model_copy()
    with pytest.raises(ValidationError):
        incident.date_start = "not a date"  # type: ignore[assignment]


def test_copies_and_pickles_keep_to_themselves(dataset: Dataset) -> None:
    original = dataset.incidents[0]
    fields_before = set(original.model_fields_set)
    for twin in (
        copy.copy(original),
        copy.deepcopy(original),
        original.model_copy(),
        pickle.loads(pickle.dumps(original)),
    ):
        assert twin == original
        twin.x_copy_note = "only here"
        assert "x_copy_note" in twin.model_fields_set
        assert original.model_fields_set == fields_before
    updated = original.model_copy(update={"title": "Other"})
    assert updated.title == "Other"
    assert original.title != "Other"
    assert original.model_fields_set == fields_before
