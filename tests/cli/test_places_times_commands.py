"""`parley places` and `parley times`, run as a user runs them."""

from __future__ import annotations

import json

from tests.cli.test_code_command import parley

TEXT = "Protesters gathered in Santiago, Chile on Monday. Talks followed last week."


def test_places_prints_each_toponym_with_its_geonames_place_as_jsonl():
    run = parley("places", TEXT, "--date", "2024-06-05", "--format", "jsonl")
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert [(r["text"], r["kind"], r["country"]) for r in rows] == [
        ("Santiago", "capital", "CHL"),
        ("Chile", "country", "CHL"),
    ]
    for row in rows:
        assert TEXT[row["start"] : row["end"]] == row["text"]
        assert row["document_id"] == "text" and row["sentence_index"] == 0
        assert isinstance(row["geonames_id"], int) and row["geonames_id"] > 0
        assert -90 <= row["latitude"] <= 90 and -180 <= row["longitude"] <= 180
    table = parley("places", TEXT, "--format", "table")
    assert table.returncode == 0, table.stderr
    assert "Santiago" in table.stdout and "CHL" in table.stdout


def test_times_prints_each_expression_resolved_against_the_date():
    run = parley("times", TEXT, "--date", "2024-06-05")  # piped: jsonl by default
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert [(r["text"], r["date"], r["granularity"], r["value"]) for r in rows] == [
        ("Monday", "2024-06-03", "day", "2024-06-03"),
        ("last week", "2024-05-27", "week", "2024-W22"),
    ]
    assert [r["sentence_index"] for r in rows] == [0, 1]
    assert all(TEXT[r["start"] : r["end"]] == r["text"] for r in rows)
    assert rows[0]["document_date"] == "2024-06-05"
    table = parley("times", TEXT, "--date", "2024-06-05", "--format", "table")
    assert "2024-W22" in table.stdout and "2024-06-05 (user)" in table.stdout


def test_times_reads_a_file_and_a_bad_date_is_one_line(tmp_path):
    (tmp_path / "a.txt").write_text("They met in September 2001.", encoding="utf-8")
    run = parley("times", tmp_path / "a.txt")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["value"] == "2001-09"
    bad = parley("times", "They met on Monday.", "--date", "soon")
    assert bad.returncode == 2 and "--date" in bad.stderr and "Traceback" not in bad.stderr
    missing = parley("places", tmp_path / "typo.pdf")
    assert missing.returncode == 1 and missing.stderr.strip().endswith("typo.pdf: no such file")


def test_both_commands_explain_themselves_with_examples():
    for command in ("places", "times"):
        run = parley(command, "--help")
        assert run.returncode == 0 and "Examples:" in run.stdout
        assert f"parley {command} " in run.stdout
    assert "parley places" in parley("--help").stdout
