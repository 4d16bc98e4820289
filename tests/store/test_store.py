import datetime as dt
import re

import duckdb
import pytest

from parley.errors import StoreError
from parley.store.duckdb_store import DuckDBStore
from parley.store.schema import SCHEMA_VERSION
from tests.conftest import EXAMPLES, ROOT, code_into


def count(db, table):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_examples_are_stored_with_spans_into_the_stored_text(tmp_path, dictionaries):
    db = tmp_path / "p.duckdb"
    counters, _ = code_into(db, dictionaries, [EXAMPLES])
    assert counters.rejected == 0 and counters.copies == 1 and counters.events > 10
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT d.text, e.source_start, e.source_end, e.source_text, e.verb_start, "
            "e.verb_end, e.verb_text, e.target_start, e.target_end, e.target_text "
            "FROM events e JOIN documents d USING (document_id)"
        ).fetchall()
        assert len(rows) == counters.events
        for text, ss, se, st, vs, ve, vt, ts, te, tt in rows:
            assert (text[ss:se], text[vs:ve], text[ts:te]) == (st, vt, tt)
        dates = con.execute(
            "SELECT d.text, e.date_start, e.date_end, e.date_text FROM events e "
            "JOIN documents d USING (document_id) WHERE e.date_source = 'text'"
        ).fetchall()
        assert dates and all(text[a:b] == said for text, a, b, said in dates)
        copy = con.execute(
            "SELECT duplicate_of, story_id, n_events FROM documents "
            "WHERE document_id LIKE '%protest_copy.txt'"
        ).fetchone()
        original = con.execute(
            "SELECT document_id, story_id FROM documents "
            "WHERE document_id LIKE '%tokyo_beijing_protest.txt'"
        ).fetchone()
        assert copy == (original[0], original[1], 0)
        version = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        assert version == (str(SCHEMA_VERSION),)


def test_rerun_adds_nothing(tmp_path, dictionaries):
    db = tmp_path / "p.duckdb"
    code_into(db, dictionaries, [EXAMPLES])
    before = {t: count(db, t) for t in ("documents", "sentences", "mentions", "events")}
    counters, results = code_into(db, dictionaries, [EXAMPLES])
    assert results == [] and counters.unchanged == counters.documents > 0
    assert {t: count(db, t) for t in before} == before


def test_changed_content_under_a_known_id_is_rejected_not_lost(tmp_path, dictionaries):
    db = tmp_path / "p.duckdb"
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "n1", "text": "Japan condemned China."}\n', encoding="utf-8")
    code_into(db, dictionaries, [feed])
    feed.write_text('{"id": "n1", "text": "Russia praised India."}\n', encoding="utf-8")
    counters, results = code_into(db, dictionaries, [feed])
    assert counters.rejected == 1 and "different content" in results[0].reason
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT text FROM documents").fetchall() == [("Japan condemned China.",)]
        assert con.execute("SELECT source, target FROM events").fetchall() == [("JPN", "CHN")]
        assert con.execute("SELECT count(*) FROM rejections").fetchone() == (1,)


def test_a_second_writer_gets_a_clear_error(tmp_path):
    db = tmp_path / "p.duckdb"
    with DuckDBStore(db):
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(1) as pool:
            message = pool.apply(_open_and_report, (str(db),))
    assert message is not None and "cannot open database" in message
    assert "another parley run is writing to it (pid" in message


def _open_and_report(path: str) -> str | None:
    try:
        DuckDBStore(path).close()
    except StoreError as exc:
        return str(exc)
    return None


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("hello")
    with pytest.raises(StoreError, match=r"notes\.duckdb"):
        DuckDBStore(path)


def test_a_failing_write_stops_the_run_and_keeps_earlier_batches(
    tmp_path, dictionaries, monkeypatch
):
    db = tmp_path / "p.duckdb"
    calls = {"n": 0}
    original = DuckDBStore._write

    def fail_second_batch(con, batch):
        calls["n"] += 1
        if calls["n"] == 2:
            raise duckdb.IOException("disk full\nsecond line")
        original(con, batch)

    monkeypatch.setattr(DuckDBStore, "_write", staticmethod(fail_second_batch))
    with pytest.raises(StoreError) as failure:
        code_into(db, dictionaries, [EXAMPLES / "wire_feed.jsonl"], batch_size=2)
    message = str(failure.value)
    assert "disk full second line" in message and "\n" not in message
    assert "wire_feed.jsonl:3" in message and "wire_feed.jsonl:4" in message
    monkeypatch.undo()
    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute("SELECT document_id FROM documents ORDER BY 1").fetchall()
    assert stored == [("wire-2024-0001",), ("wire-2024-0002",)]


def test_auto_memory_grows_with_the_document_index_only(tmp_path):
    def limit(store):
        return store.query("SELECT current_setting('memory_limit')")[0][0]

    with DuckDBStore(tmp_path / "auto.duckdb") as store:
        small = limit(store)
        store._stored = 1_000_000  # as if a million documents were stored
        store._fit_memory()
        large = limit(store)
    assert small.endswith("MiB") and float(small.split()[0]) < 70
    assert 500 < float(large.split()[0]) < 600
    with DuckDBStore(tmp_path / "fixed.duckdb", memory_limit="1GB") as store:
        store._stored = 10_000_000
        store._fit_memory()
        assert limit(store).startswith(("953", "1.0"))


def _schema_2_database(tmp_path):
    """A database as parley's schema 2 wrote it: two copies of a story, one event."""
    from parley.store.schema import DDL

    old_ddl = DDL.replace(
        "    similar_to VARCHAR,\n    similarity DOUBLE,\n    signature BLOB,\n", ""
    )
    cut = old_ddl.index(",\n    story_event_id VARCHAR")
    old_ddl = old_ddl[:cut] + old_ddl[old_ddl.index("\n", old_ddl.index("added_at TIMESTAMP\n")) :]
    assert "similar_to" not in old_ddl and "repeat_of" not in old_ddl
    assert "date_granularity" not in old_ddl and "publisher" not in old_ddl
    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(old_ddl)
        con.execute("INSERT INTO meta VALUES ('schema_version', '2')")
        for ident, copy in (("a", None), ("b", "a")):
            con.execute(
                "INSERT INTO documents (document_id, origin, format, content_hash, story_id, "
                "duplicate_of, n_chars, n_sentences, n_events, text, added_at, date, source) "
                "VALUES (?, ?, 'txt', 'h', 'st-1', ?, 1, 1, 1, 'x', now(), '2004-11-20', 'AP')",
                [ident, ident, copy],
            )
        columns = ", ".join(f"'{c}'" for c in ("e1", "a", "st-1"))
        con.execute(
            "INSERT INTO events (event_id, document_id, story_id, sentence_index, "
            "sentence_text, source, target, code, root, negated, modality, date_source, "
            "source_start, source_end, verb_start, verb_end, target_start, target_end, "
            "source_text, verb_text, target_text, source_entries, verb_entry, "
            f"target_entries) VALUES ({columns}, 0, 's', 'JPN', 'CHN', '112', '11', false, "
            "'asserted', 'document', 0, 1, 1, 2, 2, 3, 'J', 'a', 'C', [], 'v', [])"
        )
    return db


def test_a_schema_2_database_is_migrated_with_its_copies_and_events(tmp_path):
    db = _schema_2_database(tmp_path)
    with DuckDBStore(db) as store:
        assert store.query("SELECT document_id, similar_to, similarity FROM documents "
                           "ORDER BY 1") == [("a", None, None), ("b", "a", 1.0)]  # fmt: skip
        assert store.query("SELECT story_event_id, repeat_of FROM events") == [("se-e1", None)]
        assert store.query("SELECT date_granularity, date_text, date_start FROM events") == [
            ("day", "", None)
        ]
        assert store.query("SELECT location_text, geonames_id FROM events") == [("", None)]
        assert store.query("SELECT document_date, publisher, added_at IS NOT NULL FROM events") == [
            (dt.date(2004, 11, 20), "AP", True)
        ]
        (story,) = list(store.stories())
    assert [c.kind for c in story.copies] == ["first", "exact copy"] and story.events == 1


def test_a_reader_of_an_older_database_gets_a_clear_error(tmp_path):
    db = _schema_2_database(tmp_path)
    with pytest.raises(StoreError, match=r"old\.duckdb: made by an older parley"):
        DuckDBStore(db, read_only=True)
    DuckDBStore(db).close()  # a writer migrates it; then it reads
    with DuckDBStore(db, read_only=True) as store:
        assert store.query("SELECT count(*) FROM events") == [(1,)]


def test_every_table_and_column_is_documented(tmp_path):
    """docs/schema.md has a section per table and view, a row per column, and the
    version this parley writes."""
    text = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    assert f"# The database: schema {SCHEMA_VERSION}" in text
    documented: dict[str, set[str]] = {}
    for section in re.split(r"^### ", text, flags=re.M)[1:]:
        name = re.match(r"`(\w+)`", section).group(1)
        cells = re.findall(r"^\| ([^|]+) \|", section, flags=re.M)
        documented[name] = {c for cell in cells for c in re.findall(r"`(\w+)`", cell)}
    DuckDBStore(tmp_path / "fresh.duckdb").close()
    with duckdb.connect(str(tmp_path / "fresh.duckdb"), read_only=True) as con:
        tables = [
            r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        ]
        actual = {t: {r[0] for r in con.execute(f"DESCRIBE {t}").fetchall()} for t in tables}
    assert actual == documented


def test_a_document_deduplicated_but_not_yet_stored_stays_known_across_a_flush(tmp_path):
    # with worker processes, the next wave is deduplicated while this one is coded
    from parley.document import Document

    with DuckDBStore(tmp_path / "p.duckdb", batch_size=1) as store:
        first = Document(id="a", origin="a", format="text", raw="x", content_hash="h-a")
        first.story_id = "s-a"
        waiting = Document(id="b", origin="b", format="text", raw="y", content_hash="h-b")
        waiting.story_id = "s-b"
        store.remember(first)
        store.remember(waiting)
        store(first)  # stored: a batch of one is written at once
        assert store.find_by_hash("h-b") == ("b", "s-b")
        assert store.find_by_id("b") == "h-b"
        assert store.find_by_hash("h-a") == ("a", "s-a")  # from the database now
