"""The first users' articles (`../shared/seeds`), coded end to end through the CLI."""

from __future__ import annotations

import json

import duckdb

from tests.cli.test_code_command import parley


def test_all_seeds_are_coded_and_stored(tmp_path, shared):
    seeds = shared / "seeds"
    db = tmp_path / "seeds.duckdb"
    run = parley("code", seeds, "--format", "jsonl", "--db", db)
    assert run.returncode == 0, run.stderr
    events = [json.loads(line) for line in run.stdout.splitlines()]
    with duckdb.connect(str(db), read_only=True) as con:
        docs = con.execute("SELECT document_id, n_sentences FROM documents").fetchall()
        assert sorted(d for d, _ in docs) == sorted(str(p) for p in seeds.glob("*.txt"))
        assert all(n > 5 for _, n in docs)
        printed = con.execute("SELECT count(*) FROM events WHERE NOT negated").fetchone()[0]
        assert printed == len(events)  # negated events are stored, printed with --negated
        assert con.execute("SELECT count(*) FROM rejections").fetchone()[0] == 0
    by_doc = {e["document_id"] for e in events}
    assert any("004_" in d for d in by_doc)
