"""Stories across runs: the store keeps signatures, and later copies find their story."""

import textwrap

import duckdb

from parley.api import coding_stages
from parley.document import Document
from parley.pipeline import Pipeline
from parley.store.duckdb_store import DuckDBStore

ARTICLE = (
    "Japan accused China on Monday of violating its airspace over the East China Sea, "
    "the second such complaint this month. Tokyo said two Chinese surveillance aircraft "
    "had crossed into Japanese airspace near the Senkaku islands. Russia praised India "
    "for its restraint in a separate border dispute, the Kremlin said. France and Germany "
    "condemned Iran over its latest missile test, calling it a threat to regional "
    "security. Officials in Seoul said they were monitoring the situation closely."
)


def code(db, dictionaries, *docs):
    with DuckDBStore(db) as store:
        pipeline = Pipeline([*coding_stages(dictionaries, store), store])
        results = list(pipeline.run(docs))
    return pipeline.counters, results


def test_a_later_run_finds_the_story_among_stored_documents(tmp_path, dictionaries):
    db = tmp_path / "p.duckdb"
    web = Document(id="web", origin="web.html", format="html", raw=ARTICLE, date=None)
    first_counters, (first,) = code(db, dictionaries, web)
    assert first_counters.events >= 3 and first.similar_to is None
    wrapped = "\n".join(textwrap.wrap(ARTICLE, 72))
    pdf_text = f"EAST ASIA BRIEFING\n\nBy Staff Writers\n\n{wrapped}\n"
    pdf = Document(id="pdf", origin="brief.pdf", format="pdf", raw=pdf_text)
    counters, (copy,) = code(db, dictionaries, pdf)
    assert (copy.story_id, copy.similar_to) == (first.story_id, "web")
    assert counters.near_copies == 1 and counters.events == 0  # nothing new to count
    firsts = {e.event_id for e in first.events}
    assert copy.events and all(e.repeat_of in firsts for e in copy.events)
    with DuckDBStore(db, read_only=True) as store:
        (story,) = list(store.stories())
    assert [c.kind for c in story.copies] == ["first", "near copy"]
    assert story.events == len({e.story_event_id for e in first.events if not e.negated})
    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute("SELECT count(*) FROM documents WHERE signature IS NOT NULL")
        assert stored.fetchone()[0] == 2


def test_without_near_duplicate_detection_a_copy_is_its_own_story(tmp_path, dictionaries):
    db = tmp_path / "p.duckdb"
    with DuckDBStore(db) as store:
        stages = [*coding_stages(dictionaries, store, threshold=0), store]
        docs = [
            Document(id="a", origin="a", format="text", raw=ARTICLE),
            Document(id="b", origin="b", format="text", raw=ARTICLE + " More follows."),
        ]
        a, b = Pipeline(stages).run(docs)
    assert a.story_id != b.story_id and b.similar_to is None
    assert all(e.repeat_of is None for e in b.events)


def test_a_story_and_its_documents_count_events_alike(tmp_path, dictionaries):
    db = tmp_path / "p.duckdb"
    text = "Japan did not attack China. Russia accused Iran."
    code(db, dictionaries, Document(id="one", origin="one", format="text", raw=text))
    with DuckDBStore(db, read_only=True) as store:
        (story,) = list(store.stories(everything=True))
    (only,) = story.copies
    assert story.events == only.events == 1  # the accusation once; the negated attack not
