"""`parley code --runner dask`: on a loopback `LocalCluster` of two worker processes, the
same events, documents and stories as the local runner, with copies spread over shards;
a worker killed mid-run loses and duplicates nothing; a rerun skips finished shards."""

from __future__ import annotations

import json
import os
import signal

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from parley.coding import Settings
from parley.config import DictionaryPaths
from parley.dedup.stage import MemoryIndex
from parley.runners.cluster import DaskRun, connect
from parley.runners.shards import plan
from tests.cli.test_code_command import parley
from tests.conftest import contents
from tests.runners.test_processes import ACTORS, VERBS, corpus

pytestmark = pytest.mark.long  # a separate CI step: `pytest -m long`

def records(rng_seed: int, n: int, prefix: str) -> list[dict[str, str]]:
    """Dated records; some repeat an earlier one under another id, or nearly."""
    import random

    rng = random.Random(rng_seed)
    rows = []
    for i in range(n):
        said = " ".join(f"{a} {rng.choice(VERBS)} {b} on Monday." for a, b in
                        (rng.sample(ACTORS, 2) for _ in range(3)))  # fmt: skip
        rows.append({"id": f"{prefix}{i}", "text": said, "date": f"2024-03-{1 + i % 28:02d}"})
    for i in range(0, n - 10, 9):  # copies land in other windows, often other shards
        rows.append({**rows[i], "id": f"{prefix}{i}-copy"})
        rows.append({"id": f"{prefix}{i}-near", "text": rows[i]["text"] + " Read more."})
    # An undated text whose dated near copy follows in the same wave of 16 documents
    # dates it; one whose copy comes waves later is coded undated, in either runner.
    for name, gap in (("soon", 2), ("late", 20)):
        text = f"Brazil praised Egypt on Monday. Egypt thanked Brazil {name}."
        rows.insert(len(rows) - gap - 1, {"id": f"{prefix}{name}", "text": text})
        rows.append({"id": f"{prefix}{name}-near", "text": text + " Read more.",
                     "date": "2024-04-02"})  # fmt: skip
    return rows


def inputs(folder):
    """Text files with copies and an empty file, a JSON Lines file with a bad line, and
    a Parquet file of several row groups (both cut into windows by --shard-size 5)."""
    corpus(folder, n=30)
    rows = records(11, 30, "j")
    lines = [json.dumps(r) for r in rows]
    lines.insert(17, "{not json")
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = pa.Table.from_pylist(records(12, 24, "p"))
    pq.write_table(table, folder / "feed.parquet", row_group_size=4)
    return folder


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The local runner and the dask runner over the same inputs."""
    tmp = tmp_path_factory.mktemp("dask")
    articles = inputs(tmp / "articles")
    local = parley("code", str(articles), "--db", str(tmp / "local.duckdb"), "-o", os.devnull)
    spread = parley("code", str(articles), "--db", str(tmp / "dask.duckdb"), "--runner",
                    "dask", "--workers", "2", "--parquet", str(tmp / "out"),
                    "--shard-size", "5")  # fmt: skip
    return tmp, local, spread


def test_dask_gives_what_the_local_runner_gives(runs):
    tmp, local, spread = runs
    assert local.returncode == spread.returncode == 1, spread.stderr  # the empty file
    assert "Traceback" not in spread.stderr
    assert "empty.txt: empty file" in spread.stderr
    assert "feed.jsonl:18: invalid JSON" in spread.stderr
    got, expected = contents(tmp / "dask.duckdb"), contents(tmp / "local.duckdb")
    for table in expected:
        assert got[table] == expected[table], table
    with duckdb.connect(str(tmp / "local.duckdb"), read_only=True) as con:
        kinds = con.execute(
            "SELECT count(*) FILTER (WHERE duplicate_of IS NOT NULL), "
            "count(*) FILTER (WHERE similar_to IS NOT NULL AND duplicate_of IS NULL), "
            "count(*) FILTER (WHERE date_source LIKE 'copy %') FROM documents"
        ).fetchall()[0]
        dated = dict(con.execute(
            "SELECT document_id, date_source FROM documents WHERE document_id IN "
            "('jsoon', 'jlate', 'psoon', 'plate')"
        ).fetchall())  # fmt: skip
        repeats = con.execute("SELECT count(*) FROM events WHERE repeat_of IS NOT NULL")
        assert repeats.fetchall()[0][0] > 10  # near copies' events, counted once
    assert kinds[0] >= 6 and kinds[1] >= 6 and kinds[2] >= 6  # exact, near, dated by a copy
    assert dated["jsoon"] == "copy jsoon-near"  # (a wave may end between psoon and its copy)
    assert dated["jlate"] is None and dated["plate"] is None
    shards = len(list((tmp / "out" / ".work" / "prepared").glob("*.parquet")))
    assert shards > 10  # copies and their originals were coded by different tasks


def test_the_dataset_holds_the_database_rows(runs):
    tmp, _, _ = runs
    out = tmp / "out"
    with duckdb.connect(str(tmp / "local.duckdb"), read_only=True) as con:
        events = con.execute("SELECT * EXCLUDE (added_at) FROM events").fetchall()
        stories = con.execute("SELECT * FROM stories").fetchall()
    with duckdb.connect() as con:
        parquet = con.execute(
            f"SELECT * EXCLUDE (added_at, year) FROM read_parquet('{out}/events/**/*.parquet', "
            "hive_partitioning = true)"
        ).fetchall()
        years = con.execute(
            f"SELECT DISTINCT year FROM read_parquet('{out}/documents/**/*.parquet', "
            "hive_partitioning = true)"
        ).fetchall()
        told = con.execute(
            f"SELECT * EXCLUDE (year) FROM read_parquet('{out}/stories/**/*.parquet', "
            "hive_partitioning = true)"
        ).fetchall()
    assert sorted(map(repr, parquet)) == sorted(map(repr, events))
    assert sorted(map(repr, told)) == sorted(map(repr, stories))
    assert (2024,) in years and (None,) in years  # dated records, undated files


def test_a_rerun_adds_nothing_and_redoes_only_missing_shards(runs):
    tmp, _, _ = runs
    out, db = tmp / "out", tmp / "dask.duckdb"
    before = contents(db)
    again = parley("code", str(tmp / "articles"), "--db", str(db), "--runner", "dask",
                   "--workers", "1", "--parquet", str(out), "--shard-size", "5")  # fmt: skip
    assert again.returncode == 0 and contents(db) == before  # complete: nothing to do
    # A crash before the end: two coded shards lost, the dataset not yet written.
    coded = sorted((out / ".work" / "coded").iterdir())
    kept = {p.name: p.stat().st_mtime_ns for p in coded[2:]}
    for lost in coded[:2]:
        for file in lost.iterdir():
            file.unlink()
        lost.rmdir()
    manifest = json.loads((out / "parley-run.json").read_text())
    (out / "parley-run.json").write_text(json.dumps({**manifest, "complete": False}))
    fresh = tmp / "fresh.duckdb"
    resumed = parley("code", str(tmp / "articles"), "--db", str(fresh), "--runner", "dask",
                     "--workers", "1", "--parquet", str(out), "--shard-size", "5")  # fmt: skip
    assert resumed.returncode == 1  # the same rejections, reported again
    assert contents(fresh) == before
    now = {p.name: p.stat().st_mtime_ns for p in (out / ".work" / "coded").iterdir()}
    assert {name: now[name] for name in kept} == kept  # finished shards were not redone
    assert len(now) == len(coded)


def test_a_folder_of_another_run_is_refused(runs, tmp_path):
    tmp, _, _ = runs
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text("Japan accused China of spying.", encoding="utf-8")
    result = parley("code", str(other), "--no-merge", "--runner", "dask", "--workers", "1",
                    "--parquet", str(tmp / "out"))  # fmt: skip
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "holds the output of a run over other inputs" in result.stderr


def test_options_that_do_not_go_with_dask_are_refused(tmp_path):
    no_folder = parley("code", "examples", "--runner", "dask")
    assert no_folder.returncode == 2 and "--parquet DIR" in no_folder.stderr
    no_runner = parley("code", "examples", "--parquet", str(tmp_path / "x"))
    assert no_runner.returncode == 2 and "--runner dask" in no_runner.stderr
    printed = parley("code", "examples", "--runner", "dask", "--parquet", str(tmp_path / "x"),
                     "-o", str(tmp_path / "e.csv"))  # fmt: skip
    assert printed.returncode == 2 and "parley export" in printed.stderr


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(tmp_path):
    articles = corpus(tmp_path / "articles", n=60)
    expected_db = tmp_path / "local.duckdb"
    parley("code", str(articles), "--db", str(expected_db), "-o", os.devnull)
    with duckdb.connect(str(expected_db), read_only=True) as con:
        expected = sorted(con.execute("SELECT * EXCLUDE (added_at) FROM events").fetchall())
    shards = plan([str(articles)], None, 3)
    settings = Settings(DictionaryPaths().absolute())
    killed: list[int] = []
    with connect(None, 2) as client:
        pids = client.run(os.getpid)

        def kill_one(done, counters):
            if killed:
                return
            busy = [address for address, keys in client.processing().items() if keys]
            if busy:  # a worker in the middle of a shard
                killed.append(pids[busy[0]])
                os.kill(killed[0], signal.SIGKILL)

        run = DaskRun(client, settings, tmp_path / "out", MemoryIndex(), on_progress=kill_one)
        counters = run.run(shards)
        alive = client.run(os.getpid)
    assert killed and killed[0] not in alive.values()  # a new worker took its place
    assert counters.rejected == 1  # the empty file, and nothing else
    with duckdb.connect() as con:
        got = sorted(
            con.execute(
                f"SELECT * EXCLUDE (added_at, year) FROM read_parquet("
                f"'{tmp_path}/out/events/**/*.parquet', hive_partitioning = true)"
            ).fetchall()
        )
        ids = con.execute(
            f"SELECT count(*), count(DISTINCT document_id) FROM read_parquet("
            f"'{tmp_path}/out/documents/**/*.parquet', hive_partitioning = true)"
        ).fetchall()[0]
    assert got == expected
    assert ids[0] == ids[1] == 66  # every document, once


def test_a_run_into_a_database_with_stories_counts_their_events_once(tmp_path):
    """Near copies of articles an earlier run stored join their stories, and the events
    they share with them are repeats, as with the local runner; stored documents met
    again are unchanged."""
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    rows = records(21, 20, "s")
    originals = [r for r in rows if "-" not in r["id"]]
    copies = [{**r, "id": r["id"] + "-again", "text": r["text"] + " Read more."}
              for r in originals[:12]]  # fmt: skip
    for folder, chosen in ((first, originals), (later, originals + copies)):
        lines = "\n".join(json.dumps(r) for r in chosen) + "\n"
        (folder / "feed.jsonl").write_text(lines, encoding="utf-8")
    dbs = {name: tmp_path / f"{name}.duckdb" for name in ("local", "dask")}
    for db in dbs.values():
        assert parley("code", str(first), "--db", str(db), "-o", os.devnull).returncode == 0
    local = parley("code", str(later), "--db", str(dbs["local"]), "-o", os.devnull)
    spread = parley("code", str(later), "--db", str(dbs["dask"]), "--runner", "dask",
                    "--workers", "2", "--parquet", str(tmp_path / "O'Brien's dataset"),
                    "--shard-size", "5")  # fmt: skip  (a quote in the folder name is data)
    assert local.returncode == spread.returncode == 0, spread.stderr
    got, expected = contents(dbs["dask"]), contents(dbs["local"])
    for table in expected:
        assert got[table] == expected[table], table
    with duckdb.connect(str(dbs["local"]), read_only=True) as con:
        joined = con.execute(
            "SELECT count(DISTINCT e.document_id) FROM events e JOIN documents d "
            "USING (document_id) WHERE e.repeat_of IS NOT NULL AND d.document_id LIKE '%-again'"
        ).fetchall()[0][0]
    assert joined >= 10  # copies whose events repeat a stored story's
