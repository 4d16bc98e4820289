"""A batch's rows go in as bound values when they are few and as one Arrow table when
they are many: both paths store the same rows, and a run of one short document never
turns Python rows into Arrow (PyArrow would import pandas, 0.3 s)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import parley
from parley.store import duckdb_store
from tests.conftest import EXAMPLES, contents


def test_bound_values_and_arrow_tables_store_the_same_rows(tmp_path, monkeypatch, dictionaries):
    inputs = tmp_path / "in"
    shutil.copytree(EXAMPLES, inputs)
    (inputs / "empty.txt").write_bytes(b"")  # a rejection too
    stored = {}
    for path, few in (("values", 10**9), ("arrow", 0)):
        monkeypatch.setattr(duckdb_store, "_FEW_ROWS", few)
        db = tmp_path / f"{path}.duckdb"
        parley.code_files([inputs], db, dictionaries=dictionaries)
        parley.code_files([inputs], db, dictionaries=dictionaries)  # the rejection again
        stored[path] = contents(db)
    assert stored["values"]["events"] and len(stored["values"]["rejections"]) == 1
    assert stored["values"] == stored["arrow"]


def test_a_run_of_one_short_document_does_not_import_pandas(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Japan accused China of violating its airspace.", encoding="utf-8")
    probe = (
        "import sys, parley\n"
        f"report = parley.code_files([{str(story)!r}], {str(tmp_path / 'p.duckdb')!r})\n"
        "print(report.counters.events, 'pandas' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         timeout=120)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["1", "False"]
