"""A few points are searched by brute force, more through k-d trees: the answers agree."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictschema.validation import places

T = TypeVar("T")

coordinates = st.tuples(st.floats(-90, 90, allow_nan=False), st.floats(-180, 180, allow_nan=False))
countries = st.sampled_from(["UA", "RU", "IR", "FR", "XK", "ZZ"])  # ZZ: no known place


def through_the_trees(search: Callable[[], T]) -> T:
    saved = places.FEW_POINTS
    places.FEW_POINTS = 0
    try:
        return search()
    finally:
        places.FEW_POINTS = saved


@settings(max_examples=25, deadline=None)
@given(st.lists(coordinates, min_size=1, max_size=40))
def test_brute_force_finds_the_country_the_tree_finds(points: list[tuple[float, float]]) -> None:
    array = np.array(points, dtype=np.float64)
    by_force = places.nearest_countries(array).tolist()
    assert by_force == through_the_trees(lambda: places.nearest_countries(array).tolist())


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(coordinates, countries), min_size=1, max_size=30))
def test_brute_force_measures_the_distance_the_tree_measures(
    rows: list[tuple[tuple[float, float], str]],
) -> None:
    array = np.array([point for point, _ in rows], dtype=np.float64)
    codes = [code for _, code in rows]
    by_force = places.km_to_country(array, codes)
    by_tree = through_the_trees(lambda: places.km_to_country(array, codes))
    assert [km is None for km in by_force] == [km is None for km in by_tree]
    assert all(
        a is None or b is None or abs(a - b) < 1e-6 for a, b in zip(by_force, by_tree, strict=True)
    )
    if "ZZ" in codes:
        assert by_force[codes.index("ZZ")] is None
