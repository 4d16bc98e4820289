"""`parley.code_files`, the one entry point of a run, driven directly: what it stores,
what its callbacks hear, what a second run adds, and the same database from every
runner on one corpus."""

from __future__ import annotations

import pytest

import parley
from parley.coding import Settings
from parley.ingest.discover import discover
from parley.limits import Limits
from tests.conftest import EXAMPLES, contents
from tests.runners.test_processes import corpus


def test_a_run_stores_what_its_callbacks_hear(tmp_path, dictionaries):
    coded, rejected, progress = [], [], []
    report = parley.code_files(
        [EXAMPLES],
        tmp_path / "p.duckdb",
        dictionaries=dictionaries,
        on_document=coded.append,
        on_rejection=rejected.append,
        on_progress=lambda done, total, c: progress.append((done, total, c.documents)),
    )
    stored = contents(tmp_path / "p.duckdb")
    c = report.counters
    assert c.coded + c.copies == len(coded) > 0 and not report.failed  # each stored one
    assert report.counters.events == sum(1 for e in stored["events"]) > 0
    assert {doc.id for doc in coded} <= {row.split("'")[1] for row in stored["documents"]}
    assert rejected == [] and report.where == str(tmp_path / "p.duckdb")
    files = sum(1 for _ in discover([EXAMPLES]))
    assert progress[-1][:2] == (files, files)  # every input file, of all of them


def test_a_second_run_adds_nothing(tmp_path, dictionaries):
    db = tmp_path / "p.duckdb"
    first = parley.code_files([EXAMPLES], db, dictionaries=dictionaries)
    before = contents(db)
    again = parley.code_files([EXAMPLES], db, dictionaries=dictionaries)
    assert again.counters.coded == 0 and again.counters.unchanged == first.counters.documents
    assert contents(db) == before


def test_a_rejected_input_is_stored_heard_and_the_run_goes_on(tmp_path, dictionaries):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "fine.txt").write_text("Japan accused China on Monday.", encoding="utf-8")
    (folder / "big.txt").write_text("Japan met China. " * 200, encoding="utf-8")
    heard = []
    report = parley.code_files(
        [folder],
        tmp_path / "p.duckdb",
        settings=Settings(limits=Limits(text_mb=0.001)),  # 1,000 characters at most
        dictionaries=dictionaries,
        on_rejection=heard.append,
    )
    assert report.failed and report.counters.coded == 1
    assert [r.origin for r in heard] == [str(folder / "big.txt")]
    assert contents(tmp_path / "p.duckdb")["rejections"] != []


def test_a_rerun_stores_a_rejection_once_and_hears_what_was_stored(tmp_path, dictionaries):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "fine.txt").write_text("Japan accused China on Monday.", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.docx").write_bytes(b"PK")  # of a type parley does not read
    db = tmp_path / "p.duckdb"
    first = parley.code_files([folder], db, dictionaries=dictionaries)
    assert first.skipped == [str(folder / "notes.docx")] and first.counters.rejected == 1
    unchanged = []
    again = parley.code_files(
        [folder], db, dictionaries=dictionaries, on_unchanged=unchanged.append
    )
    assert again.failed and again.skipped == first.skipped  # still told, every run
    assert [d.id for d in unchanged] == [str(folder / "fine.txt")]
    rejections = contents(db)["rejections"]
    assert len(rejections) == 1 and "empty.txt" in rejections[0]


def test_negated_events_are_counted_apart(tmp_path, dictionaries):
    story = tmp_path / "story.txt"
    story.write_text("Japan did not attack China. Russia accused Iran.", encoding="utf-8")
    report = parley.code_files([story], tmp_path / "p.duckdb", dictionaries=dictionaries)
    assert report.counters.events == 2 and report.counters.negated == 1


def test_an_unknown_runner_is_refused(tmp_path):
    with pytest.raises(ValueError, match="runner 'threads'"):
        parley.code_files([EXAMPLES], tmp_path / "p.duckdb", runner="threads")


def test_every_runner_gives_the_same_database(tmp_path, dictionaries):
    folder = corpus(tmp_path / "in", n=12)
    for runner in ("local", "processes", "dask"):
        parley.code_files(
            [folder], tmp_path / f"{runner}.duckdb", dictionaries=dictionaries, runner=runner,
            workers=2, parquet=tmp_path / f"{runner}-dataset",
        )  # fmt: skip
    local = contents(tmp_path / "local.duckdb")
    assert local["events"] and local["rejections"]  # the empty file
    assert contents(tmp_path / "processes.duckdb") == local
    assert contents(tmp_path / "dask.duckdb") == local
