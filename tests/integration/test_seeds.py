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
        printed = con.execute(
            "SELECT count(*) FROM events WHERE NOT negated AND repeat_of IS NULL"
        ).fetchone()[0]
        assert printed == len(events)  # negated events and repeats are stored, not printed
        assert con.execute("SELECT count(*) FROM rejections").fetchone()[0] == 0
    by_doc = {e["document_id"] for e in events}
    assert any("004_" in d for d in by_doc)


def test_the_pdf_and_the_text_of_one_op_ed_are_one_story(tmp_path, shared):
    seeds = shared / "seeds"
    db = tmp_path / "seeds.duckdb"
    assert parley("code", seeds, "--format", "jsonl", "--db", db).returncode == 0
    run = parley("stories", "--all", "--db", db)
    assert run.returncode == 0, run.stderr
    stories = [json.loads(line) for line in run.stdout.splitlines()]
    grouped = sorted(sorted(d["document_id"][-30:-21] for d in s["documents"]) for s in stories)
    assert grouped == [["seeds/000", "seeds/001"], ["seeds/004"]]
    (pair,) = [s for s in stories if len(s["documents"]) == 2]
    first, copy = pair["documents"]
    assert (first["copy"], copy["copy"]) == ("first", "near copy") and copy["similarity"] > 0.8
    with duckdb.connect(str(db), read_only=True) as con:
        counted, repeats = con.execute(
            "SELECT count(*) FILTER (WHERE repeat_of IS NULL), count(repeat_of) FROM events "
            "WHERE story_id = ? AND NOT negated",
            [pair["story_id"]],
        ).fetchone()
    # the undated text took the PDF's date, so both copies code the same events: each
    # is counted once, and the copy's sightings are kept as repeats
    assert counted == pair["events"] and repeats == counted
    with duckdb.connect(str(db), read_only=True) as con:
        (first_id,) = con.execute(
            "SELECT event_id FROM events WHERE story_id = ? AND repeat_of IS NULL LIMIT 1",
            [pair["story_id"]],
        ).fetchone()
    why = parley("explain", first_id, "--db", db)
    assert why.returncode == 0, why.stderr
    copies = why.stdout[why.stdout.index("copies") :]
    assert "(first)" in copies and "(repeat)" in copies and "001_24e7bd9fa" in copies


def _coded(tmp_path, path, *options):
    run = parley("code", path, "--format", "jsonl", "--db", tmp_path / "s.duckdb", *options)
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in run.stdout.splitlines()]


def test_the_summit_events_are_in_santiago_chile(tmp_path, shared):
    events = _coded(tmp_path, next((shared / "seeds").glob("001_*")))
    located = {(e["source"], e["code"], e["target"], e["location_name"], e["location_country"],
                e["geonames_id"]) for e in events if e["location_name"]}  # fmt: skip
    # the seed's request made at the summit, and only it, is located there
    assert ("USAGOV", "020", "JPNGOV", "Santiago", "CHL", 3871336) in located
    assert {place[3:] for place in located} == {("Santiago", "CHL", 3871336)}
    # the document's date comes from its title block: November 20, 2004
    assert {e["event_date"] for e in events} == {"2004-11-20"}


def test_the_kim_putin_meeting_is_in_vladivostok(tmp_path, shared):
    events = _coded(tmp_path, next((shared / "seeds").glob("004_*")), "--date", "2019-04-26")
    (meeting,) = [
        e for e in events
        if (e["source"], e["target"]) == ("PRKGOV", "RUSGOV") and e["code"].startswith("04")
    ]  # fmt: skip
    assert (meeting["location_name"], meeting["location_country"]) == ("Vladivostok", "RUS")
    assert meeting["location_admin1"] == "Primorskiy" and meeting["geonames_id"] == 2013348
    assert abs(meeting["latitude"] - 43.1) < 0.1 and abs(meeting["longitude"] - 131.9) < 0.1
