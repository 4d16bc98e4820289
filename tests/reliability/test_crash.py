"""A `parley code` run killed with SIGKILL (a real subprocess, a real kill) and started
again ends with exactly the documents, stories, sentences, mentions and events of a run
that was never interrupted: each batch is one transaction, and a rerun codes only what
no committed batch holds."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import contents, write_corpus

pytestmark = pytest.mark.long  # a separate CI step: `pytest -m long`

KILLS = 3
ROUNDS = 4  # at most, until a round kills a run mid-way


def _run(corpus: Path, db: Path, kill_after: float | None = None) -> int | None:
    """Run `parley code` on `corpus`; with `kill_after`, SIGKILL it after that many
    seconds if it is still running (None when it finished first, else the signal)."""
    command = [sys.executable, "-m", "parley", "code", str(corpus), "--db", str(db)]
    process = subprocess.Popen(
        [*command, "-o", str(db.with_suffix(".jsonl"))], stderr=subprocess.DEVNULL
    )
    if kill_after is None:
        assert process.wait(timeout=600) in (0, 1)
        return None
    time.sleep(kill_after)
    if process.poll() is not None:
        return None
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    return signal.SIGKILL


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM documents").fetchall()[0][0]


def test_runs_killed_with_sigkill_and_restarted_lose_and_double_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_corpus(corpus, 700)
    reference = tmp_path / "reference.duckdb"
    began = time.perf_counter()
    _run(corpus, reference)
    seconds = time.perf_counter() - began
    expected = contents(reference)
    assert len(expected["documents"]) == 700 and len(expected["events"]) > 500

    rng = random.Random(7)
    for round_ in range(ROUNDS):
        # Each kill lands at a random point of what is left to do. On a loaded machine
        # the kills may all land before the first commit or after the end, which tests
        # nothing: then a new round starts on a fresh database, at other points.
        killed = tmp_path / f"killed-{round_}.duckdb"
        partial = []
        for _ in range(KILLS):
            if _run(corpus, killed, kill_after=rng.uniform(0.3, 0.9) * seconds) is not None:
                partial.append(_stored(killed))
        if any(0 < n < 700 for n in partial):
            break
    _run(corpus, killed)  # and once more, to the end
    assert partial and any(0 < n < 700 for n in partial), partial  # killed mid-run
    assert contents(killed) == expected
