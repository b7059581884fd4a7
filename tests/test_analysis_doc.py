"""docs/analysis.md: the download, then the same question in Polars, pandas and DuckDB,
each printing what the page shows, from a release downloaded as the page says."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.docrun import blocks, environment, run_in_order

ANALYSIS = (REPO / "docs" / "analysis.md").read_text(encoding="utf-8")
PYTHON_AND_OUTPUT = re.compile(r"```python\n(?P<code>.*?)```\s*```text\n(?P<output>.*?)```", re.S)


def test_each_tool_answers_the_same_question_with_the_same_figures() -> None:
    found = PYTHON_AND_OUTPUT.findall(ANALYSIS)
    assert [("polars" in code, "pandas" in code, "duckdb" in code) for code, _ in found] == [
        (True, False, False),
        (False, True, False),
        (False, False, True),
    ]
    assert len({output for _, output in found}) == 1


@pytest.mark.slow
def test_the_snippets_run_on_a_downloaded_release(tmp_path: Path) -> None:
    shutil.copytree(REPO / "releases", tmp_path / "releases")
    run_in_order(blocks(ANALYSIS), tmp_path)
    assert (tmp_path / "release" / "data" / "incidents.parquet").is_file()
    for code, output in PYTHON_AND_OUTPUT.findall(ANALYSIS):
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            env=environment(),
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout == output, code
