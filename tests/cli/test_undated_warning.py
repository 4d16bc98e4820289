"""`parley code` on undated documents: one warning a run, and the inferred dates stored."""

from __future__ import annotations

import duckdb

from tests.cli.test_code_command import parley


def test_one_warning_names_the_undated_and_the_inferred(tmp_path):
    texts = {
        "a.txt": "The border dispute began in 2004. Japan accused China of spying.",
        "b.txt": "China accused Japan of spying.",
        "c.txt": "Talks resumed.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = tmp_path / "run.duckdb"
    run = parley("code", tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt",
                 "--db", db, "--format", "jsonl")  # fmt: skip
    assert run.returncode == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1, run.stderr
    assert "3 documents had no date: 1 dated" in warnings[0]
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT date_source, count(*) FROM documents GROUP BY 1").fetchall()
    assert sorted(rows, key=str) == sorted([("inferred", 1), (None, 2)], key=str)
