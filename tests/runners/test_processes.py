"""`parley code --runner processes` gives the same database as the local runner: the
same events, the same stories (exact and near copies landing in different workers'
shares), the same rejections, in the same order."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import duckdb
import pytest

from tests.cli.test_code_command import parley

ACTORS = ["Japan", "China", "Russia", "India", "Germany", "France", "Brazil", "Iran",
          "Israel", "Egypt", "South Korea", "the United States", "Turkey"]  # fmt: skip
VERBS = ["accused", "condemned", "praised", "criticized", "met", "visited", "urged",
         "warned", "welcomed", "rejected"]  # fmt: skip


def corpus(folder, n=48):
    """`n` generated articles, an exact and a near copy of some, and an empty file."""
    rng = random.Random(7)
    folder.mkdir()
    texts = []
    for i in range(n):
        sentences = [f"{a} {rng.choice(VERBS)} {b} on Tuesday." for a, b in
                     (rng.sample(ACTORS, 2) for _ in range(rng.randint(2, 5)))]  # fmt: skip
        text = f"Bulletin {i}\n\n" + " ".join(sentences) + f" Case {i} remains open.\n"
        texts.append(text)
        (folder / f"doc_{i:03d}.txt").write_text(text, encoding="utf-8")
    for i in (3, n // 2, n - 7):
        (folder / f"exact_{i:03d}.txt").write_text(texts[i], encoding="utf-8")
        (folder / f"near_{i:03d}.txt").write_text(texts[i] + "Share this story.\n",
                                                  encoding="utf-8")  # fmt: skip
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    return folder


def contents(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            "events": con.execute("SELECT * EXCLUDE (added_at) FROM events").fetchall(),
            "documents": con.execute(
                "SELECT document_id, story_id, duplicate_of, similar_to, n_events, "
                "n_sentences FROM documents ORDER BY added_at, document_id"
            ).fetchall(),
            "rejections": con.execute("SELECT origin, stage, reason FROM rejections").fetchall(),
        }


def test_processes_give_what_the_local_runner_gives(tmp_path):
    articles = corpus(tmp_path / "articles")
    local = parley("code", str(articles), "--db", str(tmp_path / "local.duckdb"),
                   "--format", "jsonl")  # fmt: skip
    spread = parley("code", str(articles), "--db", str(tmp_path / "spread.duckdb"),
                    "--format", "jsonl", "--runner", "processes", "--workers", "2")  # fmt: skip
    assert local.returncode == spread.returncode == 1  # the empty file
    assert "empty.txt: empty file" in spread.stderr and "Traceback" not in spread.stderr
    assert spread.stdout == local.stdout and local.stdout.count("\n") > 60
    got, expected = contents(tmp_path / "spread.duckdb"), contents(tmp_path / "local.duckdb")
    assert got == expected
    copies = [d for d in expected["documents"] if d[2] or d[3]]
    assert len(copies) == 6  # three exact and three near copies, each in its story
    assert len({d[1] for d in expected["documents"]}) == 48  # stories


CRASHING = '''
import os

from parley.syntax.analysis import NetworkAnalyser


class Crashing:
    """parley's analyser, but its process dies on a sentence about Chernobyl."""

    name = "crashing"

    def __init__(self):
        self.inner = NetworkAnalyser.load()

    def analyse(self, sentences, pretokenised=False):
        if any("Chernobyl" in s.text for s in sentences):
            os._exit(9)
        return self.inner.analyse(sentences, pretokenised)
'''


@pytest.mark.long  # a separate CI step: `pytest -m long`
def test_a_worker_that_dies_loses_only_its_document(tmp_path):
    articles = corpus(tmp_path / "articles", n=20)
    (articles / "empty.txt").unlink()
    local = parley("code", str(articles), "--db", str(tmp_path / "local.duckdb"))
    assert local.returncode == 0, local.stderr
    (articles / "doc_010_crash.txt").write_text(
        "Plant\n\nRussia accused Ukraine over Chernobyl on Tuesday.\n", encoding="utf-8"
    )
    (tmp_path / "crashing.py").write_text(CRASHING, encoding="utf-8")
    command = [sys.executable, "-m", "parley", "code", str(articles), "--db",
               str(tmp_path / "spread.duckdb"), "--runner", "processes", "--workers", "2",
               "--analyser", "crashing:Crashing"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    spread = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert spread.returncode == 1 and "Traceback" not in spread.stderr
    (rejected,) = [x for x in spread.stderr.strip().splitlines() if "warning:" not in x]
    assert rejected.startswith(f"parley: {articles / 'doc_010_crash.txt'}: internal error")
    assert contents(tmp_path / "spread.duckdb")["events"] == contents(
        tmp_path / "local.duckdb"
    )["events"]
