"""`parley query` and `parley export` run as a user runs them, on a database coded from
examples/ (plus a near copy of one article)."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq

from tests.cli.test_code_command import parley
from tests.conftest import counted


def test_query_filters_to_csv(examples_db, stored):
    run = parley("query", "--db", examples_db, "--country", "CHN", "--quad", "3,4",
                 "--columns", "event_id,source,target,code", "--format", "csv")  # fmt: skip
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    expected = [e["event_id"] for e in stored if counted(e) and e["quad_class"] in (3, 4)
                and "CHN" in (e["source_country"], e["target_country"])]  # fmt: skip
    assert [r["event_id"] for r in rows] == expected and expected
    assert list(rows[0]) == ["event_id", "source", "target", "code"]


def test_query_by_dyad_and_month_as_json_lines(examples_db, stored):
    run = parley("query", "--db", examples_db, "--by", "country-dyad,month", "--code", "11,12")
    assert run.returncode == 0, run.stderr  # piped: JSON Lines
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert sum(r["events"] for r in rows) == sum(
        1 for e in stored if counted(e) and e["code"][:2] in ("11", "12")
    )
    assert set(rows[0]) >= {"source_country", "target_country", "month", "goldstein_sum"}


def test_query_table_says_how_to_see_the_rest(examples_db):
    run = parley("query", "--db", examples_db, "--format", "table", "--limit", "2")
    assert run.returncode == 0, run.stderr
    assert "first 2 rows; --limit 0 shows all" in run.stdout and "source" in run.stdout


def test_query_to_parquet_file(examples_db, tmp_path, stored):
    out = tmp_path / "top.parquet"
    run = parley("query", "--db", examples_db, "--by", "actor", "--limit", "3", "-o", out)
    assert run.returncode == 0, run.stderr
    table = pq.read_table(out)
    assert table.num_rows == 3 and table.column_names[:2] == ["actor", "events"]


def test_export_to_stdout_and_to_a_file_are_the_same(examples_db, tmp_path):
    out = tmp_path / "e.tsv"
    to_file = parley("export", "--db", examples_db, "--format", "gdelt", "-o", out)
    to_pipe = parley("export", "--db", examples_db, "--format", "gdelt")
    assert to_file.returncode == to_pipe.returncode == 0
    assert to_pipe.stdout == out.read_text(encoding="utf-8") and to_pipe.stdout.count("\n") > 20


def test_user_mistakes_are_one_line_errors(examples_db, tmp_path):
    for args, message in [
        (("query", "--db", tmp_path / "none.duckdb"), "none.duckdb: no such database"),
        (("query", "--db", examples_db, "--code", "4x"), "code: '4X' is not a CAMEO code"),
        (("query", "--db", examples_db, "--by", "colour"), "cannot group by colour"),
        (("query", "--db", examples_db, "--format", "parquet"), "Parquet is binary"),
        (("export", "--db", examples_db, "--format", "gdelt", "-o", tmp_path / "no" / "x"),
         "cannot write (No such file or directory)"),
        (("export", "--db", examples_db, "--format", "icews", "--memory-limit", "2MB"),
         "ran out of memory (2MB); raise --memory-limit"),
    ]:  # fmt: skip
        run = parley(*args)
        assert run.returncode == 2 and message in run.stderr, (args, run.stderr)
        assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr
