"""The cycle collector is paused only for the block, and restored as it was."""

from __future__ import annotations

import gc

import pytest

from conflictschema.collector import collector_paused


def test_the_collector_is_paused_in_the_block_and_runs_again_after_it() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_runs_again_after_a_block_that_raises() -> None:
    with pytest.raises(ValueError, match="reader"), collector_paused():
        raise ValueError("a reader's error")
    assert gc.isenabled()


def test_a_collector_paused_before_stays_paused() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_function_it_decorates_runs_with_the_collector_paused_each_call() -> None:
    @collector_paused()
    def reading() -> bool:
        return gc.isenabled()

    assert reading() is False
    assert reading() is False
    assert gc.isenabled()
