"""Exports load where their users load them: GDELT 2.0 with the codebook's columns and
types, the ICEWS layout with its header, PLOVER records, and the plain tables."""

from __future__ import annotations

import io
import json

import duckdb
import pyarrow.parquet as pq
import pytest

from parley.export import gdelt
from parley.query.database import EventDatabase
from tests.cli.test_code_command import parley
from tests.conftest import REPOST_ID, counted

# The GDELT 2.0 event table as its codebook publishes it (GDELT-Event_Codebook-V2.0,
# and the gdeltv2.events table): 61 tab-separated fields, no header. Written out here,
# apart from parley's own layout, so the test checks the export against the published one.
_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]  # fmt: skip
_GEO = [("Type", "INTEGER"), ("FullName", "VARCHAR"), ("CountryCode", "VARCHAR"),
        ("ADM1Code", "VARCHAR"), ("ADM2Code", "VARCHAR"), ("Lat", "DOUBLE"),
        ("Long", "DOUBLE"), ("FeatureID", "VARCHAR")]  # fmt: skip
GDELT_2 = [
    ("GLOBALEVENTID", "BIGINT"), ("SQLDATE", "INTEGER"), ("MonthYear", "INTEGER"),
    ("Year", "INTEGER"), ("FractionDate", "DOUBLE"),
    *((f"Actor1{a}", "VARCHAR") for a in _ACTOR),
    *((f"Actor2{a}", "VARCHAR") for a in _ACTOR),
    ("IsRootEvent", "INTEGER"), ("EventCode", "VARCHAR"), ("EventBaseCode", "VARCHAR"),
    ("EventRootCode", "VARCHAR"), ("QuadClass", "INTEGER"), ("GoldsteinScale", "DOUBLE"),
    ("NumMentions", "INTEGER"), ("NumSources", "INTEGER"), ("NumArticles", "INTEGER"),
    ("AvgTone", "DOUBLE"),
    *((f"Actor1Geo_{g}", t) for g, t in _GEO),
    *((f"Actor2Geo_{g}", t) for g, t in _GEO),
    *((f"ActionGeo_{g}", t) for g, t in _GEO),
    ("DATEADDED", "BIGINT"), ("SOURCEURL", "VARCHAR"),
]  # fmt: skip


def load_gdelt(path) -> list[dict]:
    """Read a GDELT file as GDELT's users do: typed columns, tab-separated, no quoting.
    A value that does not fit its type fails the read."""
    columns = "{" + ", ".join(f"'{n}': '{t}'" for n, t in GDELT_2) + "}"
    with duckdb.connect() as con:
        cursor = con.execute(
            f"SELECT * FROM read_csv('{path}', delim = '\t', header = false, quote = '', "
            f"escape = '', columns = {columns}, auto_detect = false)"
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_gdelt_export_loads_with_the_published_columns_and_types(examples_db, stored, tmp_path):
    out = tmp_path / "events.gdelt.tsv"
    with EventDatabase(examples_db) as db:
        written = db.export("gdelt", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    codebook = [name.upper() for name, _type in GDELT_2]
    codebook[1] = "DAY"  # the codebook's `Day` is SQLDATE in GDELT's own tables
    assert [name.upper() for name, _sql in gdelt.COLUMNS] == codebook
    assert len(GDELT_2) == 61 and {line.count("\t") for line in lines} == {60}
    rows = load_gdelt(out)
    events = [e for e in stored if counted(e)]
    assert written == len(rows) == len(events)
    for row, event in zip(rows, events, strict=True):  # in stored order
        assert f"{row['GLOBALEVENTID']:015x}" == event["event_id"][:15]
        assert row["EventCode"] == event["code"] and row["EventRootCode"] == event["root"]
        day = event["event_date"]
        assert row["SQLDATE"] == (int(day.strftime("%Y%m%d")) if day else None)
        assert row["Actor1Code"] == event["source"].removeprefix("---")
        assert row["QuadClass"] == event["quad_class"]
    located = {r["ActionGeo_FullName"]: r for r in rows if r["ActionGeo_Type"]}
    brasilia = located["Brasília, Federal District, Brazil"]
    assert (brasilia["ActionGeo_Type"], brasilia["ActionGeo_CountryCode"]) == (4, "BR")  # FIPS
    assert brasilia["ActionGeo_Lat"] == pytest.approx(-15.78, abs=0.01)
    assert all(r["Actor1Geo_Type"] == 0 and r["AvgTone"] is None for r in rows)
    # the Cairo article was reposted: its events are reported by two articles, two sources
    repeated = {e["repeat_of"] for e in stored if e["document_id"] == REPOST_ID}
    counts = {(r["NumArticles"], r["NumSources"]) for r in rows
              if f"{r['GLOBALEVENTID']:015x}" in {i[:15] for i in repeated}}  # fmt: skip
    assert counts == {(2, 2)}
    copied = [r for r in rows if r["SOURCEURL"].endswith("tokyo_beijing_protest.txt")]
    assert copied and {r["NumArticles"] for r in copied} == {2}  # and its exact copy


def test_gdelt_export_of_the_seeds_loads_with_the_published_layout(tmp_path, shared):
    db = tmp_path / "seeds.duckdb"
    assert parley("code", shared / "seeds", "--db", db, "--format", "jsonl").returncode == 0
    out = tmp_path / "seeds.gdelt.tsv"
    run = parley("export", "--db", db, "--format", "gdelt", "-o", out)
    assert run.returncode == 0, run.stderr
    rows = load_gdelt(out)
    assert len(rows) > 20 and all(len(r) == 61 for r in rows)
    # the op-ed and its PDF are one story: each of its events is reported by two articles
    assert max(r["NumArticles"] for r in rows) == 2
    santiago = [r for r in rows if (r["ActionGeo_FullName"] or "").startswith("Santiago")]
    assert santiago and santiago[0]["ActionGeo_CountryCode"] == "CI"  # FIPS for Chile


def test_icews_export_has_the_icews_header_and_names(examples_db, tmp_path):
    out = tmp_path / "icews.tsv"
    with EventDatabase(examples_db) as db:
        db.export("icews", out, country="BRA")
    header, *lines = out.read_text(encoding="utf-8").splitlines()
    assert header.split("\t") == [
        "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
        "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
        "Target Country", "Story ID", "Sentence Number", "Publisher", "City", "District",
        "Province", "Country", "Latitude", "Longitude",
    ]  # fmt: skip
    rows = [dict(zip(header.split("\t"), line.split("\t"), strict=True)) for line in lines]
    assert rows and all("Brazil" in (r["Source Country"], r["Target Country"]) for r in rows)
    located = [r for r in rows if r["City"]]
    assert located[0]["City"] == "Brasília" and located[0]["Country"] == "Brazil"
    assert located[0]["Source Sectors"] == "Government"
    assert located[0]["Event Text"] and not located[0]["Event Text"].isupper()


def test_plover_records_have_plover_types_and_provenance(examples_db, stored, tmp_path):
    out = tmp_path / "plover.jsonl"
    with EventDatabase(examples_db) as db:
        db.export("plover", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = [e for e in stored if counted(e) and e["plover_type"]]
    assert [r["id"] for r in records] == [e["event_id"] for e in expected]
    assert len(expected) < len([e for e in stored if counted(e)])  # some codes have no type
    first = records[0]
    assert set(first) >= {"id", "date", "event_type", "mode", "context", "actor", "recipient",
                          "location", "source"}  # fmt: skip
    assert first["actor"]["code"] == expected[0]["source"]
    assert first["source"]["sentence"] == expected[0]["sentence_text"]
    places = [(r["location"] or {}).get("placename") for r in records]
    assert places == [e["location_name"] for e in expected] and any(places)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "parquet"])
def test_plain_tables_hold_every_column_and_row(examples_db, stored, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    with EventDatabase(examples_db) as db:
        db.export(fmt, out, negated="include", repeats=True)
    if fmt == "parquet":
        table = pq.read_table(out)
        assert table.column_names == list(stored[0])
        assert table.column("source_entries").to_pylist() == [e["source_entries"] for e in stored]
        return
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [r["event_id"] for r in rows] == [e["event_id"] for e in stored]
        assert rows[0]["source_entries"] == stored[0]["source_entries"]
        return
    with duckdb.connect() as con:
        delim = "," if fmt == "csv" else "\t"
        rows = con.execute(f"SELECT * FROM read_csv('{out}', delim = '{delim}')").fetchall()
        names = [d[0] for d in con.description]
    assert names == list(stored[0]) and len(rows) == len(stored)
    texts = [r[names.index("sentence_text")] for r in rows]
    assert texts == [e["sentence_text"] for e in stored]  # quotes, commas, line breaks kept


def test_export_streams_to_a_binary_stream(examples_db):
    sink = io.BytesIO()
    with EventDatabase(examples_db) as db:
        written = db.export("jsonl", sink, code="04")
    lines = sink.getvalue().decode().splitlines()
    assert written == len(lines) > 0 and all(json.loads(x)["code"].startswith("04") for x in lines)
