"""Output files appear whole or not at all (`parley.atomic`): an export, a query or a
coding run stopped part-way (an exception, Ctrl-C, a real SIGKILL) leaves the previous
file byte for byte, and never part of a file under the final name; a Dask dataset
rewritten and stopped at any step leaves each table whole, old or new, or not there."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from parley.atomic import atomic_binary, atomic_path, atomic_text
from parley.cli.main import cli
from parley.cli.output import DelimitedWriter
from parley.document import Rejection
from parley.query.database import EventDatabase
from parley.runners import dataset
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.long  # a separate CI step: `pytest -m long`

# --- the helper --------------------------------------------------------------------------


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_a_failed_write_keeps_the_previous_file_and_leaves_no_temporary(tmp_path, error):
    target = tmp_path / "events.csv"
    target.write_bytes(b"old,complete\n")
    with pytest.raises(error), atomic_text(target) as stream:
        stream.write("new,partial\n" * 1000)
        stream.flush()
        assert _names(tmp_path) != ["events.csv"]  # the new content is beside it...
        raise error
    assert target.read_bytes() == b"old,complete\n"  # ...and gone with the failure
    assert _names(tmp_path) == ["events.csv"]


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_a_failed_first_write_creates_no_file(tmp_path, error):
    with pytest.raises(error), atomic_binary(tmp_path / "events.parquet") as stream:
        stream.write(b"PAR1")
        raise error
    assert _names(tmp_path) == []


def test_a_finished_write_replaces_the_file_and_keeps_its_mode(tmp_path):
    target = tmp_path / "events.jsonl"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    with atomic_text(target) as stream:
        stream.write("new\n")
        assert target.read_text(encoding="utf-8") == "old\n"  # not before the end
    assert target.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _names(tmp_path) == ["events.jsonl"]


def test_a_new_file_gets_the_mode_open_would_give(tmp_path):
    with atomic_text(tmp_path / "new.csv") as stream:
        stream.write("a\n")
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o666 & ~_umask()


def test_a_path_for_writers_that_take_one(tmp_path):
    target = tmp_path / "t.parquet"
    with atomic_path(target) as temporary:
        assert temporary.parent == tmp_path and temporary.name.startswith(".t.parquet.parley-")
        pq.write_table(pa.table({"n": [1, 2, 3]}), temporary)
    assert pq.read_table(target)["n"].to_pylist() == [1, 2, 3]
    assert _names(tmp_path) == ["t.parquet"]


def test_through_a_link_the_file_it_points_to_is_replaced(tmp_path):
    (tmp_path / "real.csv").write_text("old\n", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to("real.csv")
    with atomic_text(tmp_path / "link.csv") as stream:
        stream.write("new\n")
    assert (tmp_path / "link.csv").is_symlink()
    assert (tmp_path / "real.csv").read_text(encoding="utf-8") == "new\n"


def test_a_pipe_is_written_in_place(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    with atomic_binary(pipe) as stream:
        stream.write(b"through the pipe\n")
    reader.join(timeout=10)
    assert got == [b"through the pipe\n"] and _names(tmp_path) == ["pipe"]


def test_dev_stdout_is_written_in_place_even_when_it_is_a_file(examples_db, tmp_path):
    """`parley export -o /dev/stdout > FILE`: FILE is written through the stream, not
    replaced by a file beside it."""
    log = tmp_path / "log.csv"
    with log.open("wb") as stdout:
        inode = os.fstat(stdout.fileno()).st_ino
        run = subprocess.run(
            [sys.executable, "-m", "parley", "export", "--db", str(examples_db),
             "--format", "csv", "-o", "/dev/stdout"],
            stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=60,
        )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert _names(tmp_path) == ["log.csv"] and log.stat().st_ino == inode
    assert log.read_text(encoding="utf-8").startswith('"event_id",')


# --- `parley query -o` and `parley code -o` stopped part-way ------------------------------


def _raise_midway(error: type[BaseException]):
    def write(reader, sink, *args):
        sink.write(b"event_id,partial\n")
        sink.flush()
        raise error("stopped part-way")

    return write


@pytest.mark.parametrize("previous", [None, b"event_id\nold\n"])
@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_query_output_stopped_part_way(examples_db, tmp_path, monkeypatch, previous, error):
    out = tmp_path / "q.csv"
    if previous is not None:
        out.write_bytes(previous)
    monkeypatch.setattr("parley.query.database.write_delimited", _raise_midway(error))
    run = CliRunner().invoke(cli, ["query", "--db", str(examples_db), "-o", str(out)])
    assert run.exit_code != 0
    assert _names(tmp_path) == (["q.csv"] if previous else [])
    if previous is not None:
        assert out.read_bytes() == previous


@pytest.mark.parametrize("previous", [None, "old\n"])
def test_code_output_stopped_part_way(tmp_path, monkeypatch, previous):
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    out = out_folder / "events.csv"
    if previous is not None:
        out.write_text(previous, encoding="utf-8")
    real = DelimitedWriter.write

    def write_then_stop(self, doc):
        real(self, doc)
        raise KeyboardInterrupt  # Ctrl-C after the first document's events

    monkeypatch.setattr(DelimitedWriter, "write", write_then_stop)
    args = ["code", str(EXAMPLES / "wire_feed.jsonl"), "--db", str(tmp_path / "c.duckdb")]
    run = CliRunner().invoke(cli, [*args, "-o", str(out)])
    assert run.exit_code != 0
    assert _names(out_folder) == (["events.csv"] if previous else [])
    if previous is not None:
        assert out.read_text(encoding="utf-8") == previous


def test_code_output_of_a_run_with_rejected_inputs_is_kept(tmp_path):
    """Exit status 1 (an input rejected) is a run that finished: its file is written."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(EXAMPLES / "wire_feed.jsonl", inputs)
    (inputs / "empty.txt").write_bytes(b"")
    out = tmp_path / "events.csv"
    out.write_text("old\n", encoding="utf-8")
    args = ["code", str(inputs), "--db", str(tmp_path / "c.duckdb"), "-o", str(out)]
    run = CliRunner().invoke(cli, args)
    assert run.exit_code == 1
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("event_id,") and len(rows) > 2
    assert _names(tmp_path) == ["c.duckdb", "events.csv", "in"]


# --- `parley export` killed with SIGKILL ----------------------------------------------------

COPIES = 5000  # of each counted event of examples_db: ~230,000 events, ~1 s to export


@pytest.fixture(scope="module")
def big_db(examples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples_db with each counted event copied COPIES times (new ids), so that an
    export is still writing when it is killed."""
    db = tmp_path_factory.mktemp("atomic") / "big.duckdb"
    shutil.copy(examples_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute(
            "INSERT INTO events SELECT e.* REPLACE (event_id || '-' || r.range AS event_id, "
            "story_event_id || '-' || r.range AS story_event_id) "
            f"FROM events e, range(1, {COPIES}) r WHERE repeat_of IS NULL AND NOT negated"
        )
    return db


def _writing(target: Path, before: os.stat_result, bytes_in: int) -> bool:
    """The export has begun to write: a temporary file beside `target` holds at least
    `bytes_in` bytes, or `target` itself was touched (as a writer without
    `parley.atomic` does: it truncates the file at once)."""
    try:
        now = target.stat()
    except FileNotFoundError:
        return True
    if (now.st_ino, now.st_size, now.st_mtime_ns) != (
        before.st_ino, before.st_size, before.st_mtime_ns
    ):  # fmt: skip
        return True
    for path in target.parent.glob(f".{target.name}.parley-*.tmp"):
        try:
            if path.stat().st_size >= bytes_in:
                return True
        except FileNotFoundError:
            pass
    return False


# Kill points: as soon as the temporary file is there; once it holds part of the export.
KILL_POINTS = (0, 64 * 1024)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet", "gdelt"])
def test_an_export_killed_mid_way_leaves_the_previous_file_whole(
    examples_db, big_db, tmp_path, fmt
):
    target = tmp_path / f"events.{fmt}"
    with EventDatabase(examples_db) as db:
        db.export(fmt, target)  # the previous export, complete
    previous = target.read_bytes()
    assert len(previous) > 1000
    for bytes_in in KILL_POINTS:
        before = target.stat()
        process = subprocess.Popen(
            [sys.executable, "-m", "parley", "export", "--db", str(big_db), "--format", fmt,
             "-o", str(target)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while not _writing(target, before, bytes_in) and process.poll() is None:
            assert time.monotonic() < deadline, "the export never began to write"
            time.sleep(0.002)
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL, "the export ended before the kill"
        assert target.read_bytes() == previous  # byte for byte, under its name
        left = [n for n in _names(tmp_path) if n != target.name]
        assert all(n.startswith(f".{target.name}.parley-") and n.endswith(".tmp") for n in left)
        for name in left:  # what a kill leaves: hidden, and never the final name
            (tmp_path / name).unlink()


# --- the Dask dataset rewritten and stopped at each step -----------------------------------


def _table_state(out: Path, name: str) -> tuple[tuple[str, int], ...] | None:
    """A table of a dataset as its files and their rows; None when it is not there."""
    for path in (out / name, out / f"{name}.parquet"):
        if path.is_file():
            return ((path.name, pq.read_metadata(path).num_rows),)
        if path.is_dir():
            files = sorted(path.rglob("*.parquet"))
            return tuple((str(f.relative_to(out)), pq.read_metadata(f).num_rows) for f in files)
    return None


def _old_dataset(out: Path) -> None:
    """An earlier run's dataset: partitioned tables of several files."""
    table = pa.table({"n": [1, 2]})
    for name in ("events", "documents", "stories"):
        for year in (2023, 2024):
            (out / name / f"year={year}").mkdir(parents=True)
            pq.write_table(table, out / name / f"year={year}" / "data_0.parquet")
    for name in dataset.SINGLE:
        pq.write_table(table, out / f"{name}.parquet")


def _crash_at(step: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A KeyboardInterrupt at the `step`-th rename or file removal of the swap."""
    steps = itertools.count(1)
    real_rename = Path.rename

    def count() -> None:
        if next(steps) == step:
            raise KeyboardInterrupt

    def rename(self: Path, target: Path) -> Path:
        count()
        return real_rename(self, target)

    def rmtree(path: Path, ignore_errors: bool = False) -> None:  # a file at a time
        for found in sorted(Path(path).rglob("*"), key=lambda p: -len(p.parts)):
            count()
            if found.is_dir():
                found.rmdir()
            else:
                found.unlink()
        count()
        Path(path).rmdir()

    monkeypatch.setattr(Path, "rename", rename)
    monkeypatch.setattr(shutil, "rmtree", rmtree)


def test_a_dataset_rewrite_stopped_at_any_step_leaves_each_table_whole(tmp_path, monkeypatch):
    rejections = [Rejection(f"bad{n}.txt", "empty file", "read") for n in range(3)]
    started = dt.datetime(2024, 1, 1)
    old_out, new_out = tmp_path / "old", tmp_path / "new"
    _old_dataset(old_out)
    dataset.write_dataset(new_out, [], rejections, None, started)
    old = {name: _table_state(old_out, name) for name in dataset.NAMES}
    new = {name: _table_state(new_out, name) for name in dataset.NAMES}
    assert all(old[name] != new[name] for name in dataset.NAMES)
    for step in itertools.count(1):
        out = tmp_path / f"run{step}"
        _old_dataset(out)
        with monkeypatch.context() as patched:
            _crash_at(step, patched)
            try:
                dataset.write_dataset(out, [], rejections, None, started)
            except KeyboardInterrupt:
                stopped = True
            else:
                stopped = False
        for name in dataset.NAMES:
            assert _table_state(out, name) in (old[name], new[name], None), (step, name)
        dataset.write_dataset(out, [], rejections, None, started)  # the run again
        assert {name: _table_state(out, name) for name in dataset.NAMES} == new
        if not stopped:
            break
    assert step > 20  # every rename and removal was a crash point
