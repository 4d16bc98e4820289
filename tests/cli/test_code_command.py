"""End-to-end tests of the `parley` command, run as a user runs it (a real subprocess)."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import click
import duckdb
import pytest

from parley.cli.main import cli
from tests.conftest import EXAMPLES


def parley(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "parley", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def errors(stderr: str) -> list[str]:
    """The lines of stderr that name a rejected input: not the run's warnings and notes
    (how many documents had no date, which files were passed over)."""
    notes = ("parley: warning:", "parley: note:")
    return [x for x in stderr.strip().splitlines() if not x.startswith(notes)]


def test_codes_examples_to_jsonl_and_stores_them(tmp_path):
    db = tmp_path / "ex.duckdb"
    run = parley("code", EXAMPLES, "--db", db, "--format", "jsonl")
    assert run.returncode == 0, run.stderr
    events = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(events) > 10
    required = {
        "event_id",
        "document_id",
        "story_id",
        "sentence_index",
        "sentence_text",
        "source",
        "target",
        "code",
        "root",
        "quad_class",
        "goldstein",
        "plover_type",
        "negated",
        "modality",
        "event_date",
        "source_start",
        "source_end",
        "verb_start",
        "verb_end",
        "target_start",
        "target_end",
    }
    assert required <= set(events[0])
    ids = {e["document_id"] for e in events}
    assert "wire-2024-0001" in ids  # JSON Lines records keep their own id
    assert str(EXAMPLES / "tokyo_beijing_protest.txt") in ids  # files keep their path
    assert str(EXAMPLES / "tokyo_beijing_protest_copy.txt") not in ids  # a copy is not recounted
    assert not any(e["negated"] for e in events)  # negated events are no events...
    with duckdb.connect(str(db), read_only=True) as con:
        count = "SELECT count(*) FROM events WHERE NOT negated"
        assert con.execute(count).fetchone()[0] == len(events)
        assert con.execute("SELECT count(*) FROM events WHERE negated").fetchone()[0] > 0
        # ...but they are stored, flagged; 3 txt, 1 pdf, 1 html and 5 JSON Lines records
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 10


def test_negated_flag_prints_negated_events(tmp_path):
    run = parley("code", EXAMPLES, "--db", tmp_path / "n.duckdb", "--format", "jsonl", "--negated")
    events = [json.loads(line) for line in run.stdout.splitlines()]
    assert any(e["negated"] for e in events)


def test_rerun_prints_and_adds_nothing_and_says_so(tmp_path):
    db = tmp_path / "ex.duckdb"
    first = parley("code", EXAMPLES, "--db", db, "--format", "jsonl")
    assert first.returncode == 0 and first.stdout
    again = parley("code", EXAMPLES, "--db", db, "--format", "jsonl")
    assert again.returncode == 0 and again.stdout == ""
    with duckdb.connect(str(db), read_only=True) as con:
        documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert f"0 new documents, {documents} already stored in {db}" in again.stderr
    assert "--all" in again.stderr
    every = parley("code", EXAMPLES, "--db", db, "--format", "jsonl", "--all")
    assert every.returncode == 0 and every.stdout == first.stdout  # the same lines, in order
    assert "already stored" not in every.stderr


def test_csv_tsv_and_output_file(tmp_path):
    feed = EXAMPLES / "wire_feed.jsonl"
    run = parley("code", feed, "--db", tmp_path / "a.duckdb", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert rows and rows[0]["document_id"].startswith("wire-")
    out = tmp_path / "events.tsv"
    run = parley("code", feed, "--db", tmp_path / "b.duckdb", "-o", out)
    assert run.returncode == 0 and run.stdout == ""
    rows_tsv = list(csv.DictReader(out.open(encoding="utf-8"), delimiter="\t"))
    assert [r["event_id"] for r in rows_tsv] == [r["event_id"] for r in rows]


def test_bad_inputs_one_line_each_run_continues_exit_1(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff\x00")
    (tmp_path / "garbled.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 20)
    (tmp_path / "feed.jsonl").write_text(
        '{"id": "ok", "text": "Japan condemned China."}\n{broken\n', encoding="utf-8"
    )
    notes = tmp_path / "notes.docx"
    notes.write_bytes(b"PK")
    db = tmp_path / "bad.duckdb"
    run = parley("code", tmp_path, notes, tmp_path / "missing.txt", "--db", db, "--format", "jsonl")
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = errors(run.stderr)
    assert len(lines) == 6, run.stderr
    for fragment in (
        "empty.txt: empty file",
        "binary.txt: binary file",
        "garbled.txt: not text in UTF-8 or Windows-1252",
        "feed.jsonl:2: invalid JSON",
        "notes.docx: unsupported file type",
        "missing.txt: no such file",
    ):
        assert sum(fragment in line for line in lines) == 1, fragment
    assert [json.loads(line)["document_id"] for line in run.stdout.splitlines()] == ["ok"]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM rejections").fetchone()[0] == 6
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def code_with_actors(tmp_path: Path, actors_text: str, story: str, option: str = "--actors"):
    """Code one story with an actor file given by `option`; returns the run and the file."""
    actors = tmp_path / "actors.txt"
    actors.write_text(actors_text, encoding="utf-8")
    text = tmp_path / "story.txt"
    text.write_text(story, encoding="utf-8")
    run = parley("code", text, option, actors, "--db", tmp_path / "d.duckdb", "--format", "jsonl")
    return run, actors


def triples(run: subprocess.CompletedProcess[str]) -> list[tuple[str, str, str]]:
    events = map(json.loads, run.stdout.splitlines())
    return [(e["source"], e["code"], e["target"]) for e in events]


def test_user_dictionaries_replace_the_defaults(tmp_path):
    run, _ = code_with_actors(
        tmp_path, "ARNOR_ [ARN]\nGONDOR_ [GON]\n", "Arnor condemned Gondor. Japan condemned China."
    )
    assert run.returncode == 0, run.stderr
    assert triples(run) == [("ARN", "111", "GON")]


def test_extra_actors_add_to_and_override_the_defaults(tmp_path):
    story = "Arnor condemned Japan. Japan condemned China."
    run, _ = code_with_actors(
        tmp_path, "ARNOR_ [ARN]\nJAPAN_ [JPNXYZ]\n", story, option="--extra-actors"
    )
    assert run.returncode == 0, run.stderr
    assert triples(run) == [("ARN", "111", "JPNXYZ"), ("JPNXYZ", "111", "CHN")]


def test_malformed_user_dictionary_lines_are_warned_with_file_and_line(tmp_path):
    run, actors = code_with_actors(
        tmp_path, "ARNOR_ [ARN]\nGONDOR_ [GON 2004017-20061201]\n", "Arnor condemned Gondor."
    )
    assert run.returncode == 0
    assert f"{actors}:2: bad date '2004017'" in run.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--actors", "nope.txt"], "nope.txt: dictionary file not found"),
        (["--date", "yesterday"], "bad date 'yesterday'"),
        (["--db-memory", "lots"], "bad memory limit 'lots'"),
    ],
)
def test_fatal_user_errors_are_one_line(tmp_path, args, message):
    run = parley("code", EXAMPLES, "--db", tmp_path / "d.duckdb", *args)
    assert run.returncode == 2
    assert message in run.stderr and "Traceback" not in run.stderr


def test_explain_names_the_dictionary_entries(tmp_path):
    db = tmp_path / "ex.duckdb"
    feed = EXAMPLES / "wire_feed.jsonl"
    run = parley("code", feed, "--db", db, "--format", "jsonl")
    event = json.loads(run.stdout.splitlines()[0])
    shown = parley("explain", event["event_id"][:10], "--db", db)
    assert shown.returncode == 0, shown.stderr
    assert event["sentence_text"].split()[0] in shown.stdout
    assert event["verb_entry"] in shown.stdout
    assert f"date={event['event_date']} (" in shown.stdout
    placed = [e["event_id"] for e in map(json.loads, run.stdout.splitlines())
              if e["location_name"] == "Brasília"]  # fmt: skip
    where = parley("explain", placed[0], "--db", db).stdout
    assert "where   Brasília (city, Federal District, BRA;" in where and "'Brasilia'" in where
    assert parley("explain", "ffffffffff", "--db", db).returncode == 1
    assert parley("explain", event["event_id"][:10].upper(), "--db", db).returncode == 0
    mistyped = parley("explain", event["event_id"][:9] + "z", "--db", db)
    assert mistyped.returncode == 1 and "is no event id" in mistyped.stderr


def test_explain_codes_a_sentence_now():
    text = "Blair visited Washington on Thursday and Bush is certain to press Koizumi to help."
    shown = parley("explain", text, "--date", "2004-11-18")
    assert shown.returncode == 0, shown.stderr
    assert "042" in shown.stdout and "VISIT" in shown.stdout  # code and dictionary entry
    assert "modality=forecast" in shown.stdout  # `is certain to ask`
    assert "date=2004-11-18 (day, from 'Thursday')" in shown.stdout  # the visit's day
    history = parley("explain", "In 1995 Japan attacked China.", "--date", "2004-11-18")
    assert "date=1995-01-01 (year, from '1995')" in history.stdout  # an event of 1995
    none = parley("explain", "The weather was fine.")
    assert none.returncode == 0 and "no event coded" in none.stdout
    assert parley("explain", "Japan met China.", "--date", "soon").returncode == 2


@pytest.mark.parametrize(
    ("sentence", "code", "name"),
    [
        # a code the GDELT name table lacked: it showed its parent's (121) name
        ("Japan blocked extradition to China.", "1213", "Reject judicial cooperation"),
        # a code whose row the GDELT table had run into 1056's
        ("China demanded talks with Japan.", "106", "Demand meeting, negotiation"),
    ],
)
def test_explain_names_the_code_itself(sentence, code, name):
    shown = parley("explain", sentence, "--date", "2020-01-01")
    assert shown.returncode == 0, shown.stderr
    assert f"verb    {code} " in shown.stdout and f"means   {name} ·" in shown.stdout


@pytest.mark.parametrize("command", cli.list_commands(click.Context(cli)))
def test_every_command_has_help_with_an_example(command):
    run = parley(command, "--help")
    assert run.returncode == 0 and "Example" in run.stdout and f"parley {command}" in run.stdout


def test_hostile_files_are_rejected_and_the_run_goes_on(tmp_path):
    good = (EXAMPLES / "eu_sanctions_statement.pdf").read_bytes()
    (tmp_path / "truncated.pdf").write_bytes(good[: len(good) // 3])
    (tmp_path / "login.html").write_text("<html><body><script>x()</script></body></html>")
    (tmp_path / "zero.txt").write_bytes(b"")
    (tmp_path / "noise.txt").write_bytes(random.Random(7).randbytes(50 * 1024 * 1024))
    (tmp_path / "story.txt").write_text("Japan condemned China on Monday.", encoding="utf-8")
    db = tmp_path / "h.duckdb"
    run = parley("code", tmp_path, "--db", db, "--format", "jsonl")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    reasons = dict(line.split(": ", 2)[1:] for line in errors(run.stderr))
    assert set(reasons) == {
        str(tmp_path / n) for n in ("truncated.pdf", "login.html", "zero.txt", "noise.txt")
    }
    assert "no article text" in reasons[str(tmp_path / "login.html")]
    assert "binary" in reasons[str(tmp_path / "noise.txt")]
    assert [json.loads(line)["source"] for line in run.stdout.splitlines()] == ["JPN"]


def test_date_option_dates_undated_documents_only(tmp_path):
    db = tmp_path / "d.duckdb"
    run = parley("code", EXAMPLES, "--db", db, "--date", "2024-12-01", "--format", "jsonl")
    assert run.returncode == 0, run.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        rows = dict(con.execute(
            "SELECT regexp_extract(document_id, '[^/]+$'), date_source FROM documents"
        ).fetchall())  # fmt: skip
        assert rows["tokyo_beijing_protest.txt"] == "user"
        assert rows["nato_summit_report.pdf_extract.txt"] == "title block"
        assert rows["cairo_talks.html"] == "metadata" and rows["wire-2024-0001"] == "metadata"


def test_validate_prints_scores_and_writes_the_report(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"id": "g1", "date": "20240301", "text": "Japan condemned China.", '
        '"expected": [{"source": "JPN", "target": "CHN", "code": "111"}]}\n'
        '{"id": "g2", "date": "20240301", "text": "Russia praised India.", '
        '"expected": [{"source": "IND", "target": "RUS", "code": "051"}]}\n',
        encoding="utf-8",
    )
    run = parley("validate", gold, "--report", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    assert "0.500 (1/2)" in run.stdout  # one record of two exactly right
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["summary"]["event_f1"] == 0.5
    (wrong,) = [r for r in report["records"] if r["missing"]]
    assert wrong["id"] == "g2" and wrong["extra"] == [["RUS", "IND", "051"]]
    assert "praised" in wrong["traces"][0]
    assert "### g2" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


def test_validate_xml_without_its_dictionaries_is_a_one_line_error(tmp_path):
    gold = tmp_path / "records.xml"
    gold.write_text(
        "<Sentences><Environment><Verbfile>v.txt</Verbfile></Environment></Sentences>",
        encoding="utf-8",
    )
    run = parley("validate", gold)
    assert run.returncode == 2 and "--dictionary-dir" in run.stderr
    assert "Traceback" not in run.stderr


def test_actors_shows_each_mention_and_how_it_was_resolved(tmp_path):
    text = "Prime Minister Koizumi met Bush in Santiago. He thanked Japanese officials."
    run = parley("actors", text, "--date", "2004-11-20", "--format", "jsonl")
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert [(r["text"], r["code"], r["role"]) for r in rows] == [
        ("Prime Minister Koizumi", "JPNGOV", "actor"),
        ("Bush", "USAGOV", "actor"),
        ("Santiago", "CHLGOV", "place"),
        ("He", "USAGOV", "actor"),
        ("Japanese officials", "JPNGOV", "actor"),
    ]
    assert rows[0]["country"] == "JPN" and rows[0]["sector"] == "GOV"
    assert text[rows[1]["start"] : rows[1]["end"]] == "Bush"
    assert rows[3]["entries"][0] == "pronoun HE → Bush (sentence 0)"
    table = parley("actors", text, "--date", "2004-11-20", "--format", "table")
    assert "JUNICHIRO KOIZUMI" in table.stdout and "place" in table.stdout


def test_actors_reads_files_and_rejects_bad_ones_in_one_line(tmp_path):
    (tmp_path / "a.txt").write_text("Tokyo protested.", encoding="utf-8")
    run = parley("actors", tmp_path / "a.txt", "--date", "2020-01-01")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["code"] == "JPNGOV"
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4 broken")
    bad = parley("actors", tmp_path / "b.pdf")
    assert bad.returncode == 1
    assert len(bad.stderr.strip().splitlines()) == 1 and "b.pdf" in bad.stderr
    assert "Traceback" not in bad.stderr
    missing = parley("actors", tmp_path / "typo.pdf")
    assert missing.returncode == 1 and missing.stdout == ""
    assert missing.stderr.strip().endswith("typo.pdf: no such file")


def test_size_limits_reject_with_a_recorded_reason_and_long_sentences_are_cut(tmp_path):
    (tmp_path / "big.txt").write_text("Japan condemned China. " * 100, encoding="utf-8")  # 2.3 kB
    (tmp_path / "small.txt").write_text("Japan condemned China.", encoding="utf-8")
    huge = "Russia criticised Ukraine. " * 80  # 2.2k characters
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "huge", "text": huge}) + "\n"
        + json.dumps({"id": "ok", "text": "France praised Germany."}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    words = ", ".join(["Iran accused Iraq"] * 100) + "."  # one 400-word sentence
    (tmp_path / "long.txt").write_text(words, encoding="utf-8")
    db = tmp_path / "l.duckdb"
    run = parley(
        "code", tmp_path, "--db", db, "--format", "jsonl", "--max-file-mb", "0.002",
        "--max-text-mb", "0.002", "--max-sentence-words", "40",
    )  # fmt: skip
    assert run.returncode == 1 and "Traceback" not in run.stderr
    lines = errors(run.stderr)
    assert len(lines) == 2, run.stderr
    too_big = "big.txt: file too large (0.00219 MB; limit 0.002 MB, --max-file-mb)"
    assert any(too_big in x for x in lines)
    assert any("feed.jsonl:1: text too large" in x and "--max-text-mb" in x for x in lines)
    with duckdb.connect(str(db), read_only=True) as con:
        reasons = [r[0] for r in con.execute("SELECT reason FROM rejections ORDER BY 1").fetchall()]
        assert [r.split(" (")[0] for r in reasons] == ["file too large", "text too large"]
        ids = {r[0] for r in con.execute("SELECT document_id FROM documents").fetchall()}
        assert {"ok", str(tmp_path / "small.txt"), str(tmp_path / "long.txt")} <= ids
        pieces = con.execute(
            "SELECT count(*), max(length(text)) FROM sentences WHERE document_id = ?",
            [str(tmp_path / "long.txt")],
        ).fetchall()[0]
    assert pieces[0] == 10 and pieces[1] < len(words) / 5  # cut into pieces of 40 words
    assert any(t[0] == "IRN" and t[2] == "IRQ" for t in triples(run))


def test_summary_counts_negated_events_and_files_passed_over(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text(
        "Japan did not attack China. Russia accused Iran.", encoding="utf-8"
    )
    (folder / "notes.docx").write_bytes(b"PK")
    run = subprocess.run(
        [sys.executable, "-m", "parley", "code", folder, "--db", tmp_path / "s.duckdb",
         "--format", "jsonl"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "FORCE_COLOR": "1"},  # stderr as on a terminal: the summary
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    shown = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", run.stderr)
    assert "2 events (1 negated, not printed: --negated)" in shown
    assert f"1 file of other types passed over ({folder / 'notes.docx'})" in shown
    assert len(run.stdout.splitlines()) == 1  # the one event said to have happened
