"""`--replace` leaves the database a fresh run of the same inputs would give: the copies
of the old version, and the repeats that counted its events, are derived again."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from parley.cli.main import cli
from tests.conftest import contents

ARTICLE = (
    "Leaders meet over river dispute. "
    "Egypt accused Ethiopia of endangering its water supply on Monday. "
    "Sudan urged Ethiopia to share data on the dam before the rainy season. "
    "The African Union praised Egypt and Sudan for joining the talks in Kinshasa. "
    "Officials in Addis Ababa said the filling of the reservoir would go ahead. "
    "Ethiopia rejected the criticism from Cairo as interference in its affairs."
)
REPOST = ARTICLE + " Reporting by a staff correspondent; editing by the desk."
NEW_VERSIONS = {
    # a correction: the same article, lightly edited (a near copy of its old copies)
    "edited": ARTICLE.replace("on Monday", "on Tuesday").replace("before", "ahead of"),
    # another article altogether under the same id
    "unrelated": (
        "Talks on trade resume. Japan criticized China over export controls on rare "
        "earths. China warned Japan against joining new chip restrictions. South Korea "
        "welcomed the resumption of talks between Tokyo and Beijing."
    ),
}


_ORIGIN = re.compile(r"'[^']*\.jsonl:\d+'")


def feed(path: Path, records: list[tuple[str, str]]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for document_id, text in records:
            record = {"id": document_id, "date": "2024-03-04", "text": text}
            out.write(json.dumps(record) + "\n")
    return path


def code(db: Path, *args: str | Path) -> None:
    command = ["code", *map(str, args), "--db", str(db), "--format", "jsonl"]
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 0, result.output


def rows(db: Path) -> dict[str, list[str]]:
    """Every row, less the input file a document was read from (the runs compared read
    the same records from other files)."""
    return {
        table: sorted(_ORIGIN.sub("'FILE'", row) for row in found)
        for table, found in contents(db).items()
    }


def counted(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        sql = "SELECT count(*) FROM events WHERE repeat_of IS NULL AND NOT negated"
        return con.execute(sql).fetchone()[0]


OTHER = NEW_VERSIONS["unrelated"].replace("Talks on trade resume.", "Trade talks go on.")
CORPORA = {
    # the replaced document first, then its exact and its near copy
    "first": [("a", ARTICLE), ("b-exact", ARTICLE), ("c-near", REPOST)],
    # the replaced document a near copy of an earlier one, with copies of its own, an
    # article of another story between them, and a document after that copies it
    "middle": [("p", REPOST), ("z", OTHER), ("a", ARTICLE), ("b-exact", ARTICLE),
               ("e", ARTICLE.replace("Monday", "Sunday"))],
}  # fmt: skip


@pytest.mark.parametrize("corpus", CORPORA)
@pytest.mark.parametrize("kind", NEW_VERSIONS)
def test_replacing_a_document_with_copies_equals_a_fresh_run(tmp_path, kind, corpus):
    first = CORPORA[corpus]
    db = tmp_path / "replaced.duckdb"
    code(db, feed(tmp_path / "first.jsonl", first))
    with duckdb.connect(str(db), read_only=True) as con:  # copies are linked to "a"
        links = con.execute("SELECT count(*) FROM documents WHERE similar_to = 'a'").fetchone()
    assert links[0] >= 1
    code(db, feed(tmp_path / "new.jsonl", [("a", NEW_VERSIONS[kind])]), "--replace")

    fresh = tmp_path / "fresh.duckdb"
    inputs = [(i, NEW_VERSIONS[kind] if i == "a" else text) for i, text in first]
    code(fresh, feed(tmp_path / "fresh.jsonl", inputs))
    assert rows(db) == rows(fresh)
    assert counted(db) == counted(fresh) > 0
    with duckdb.connect(str(db), read_only=True) as con:
        dangling = con.execute(
            "SELECT count(*) FROM events e WHERE repeat_of IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM events f WHERE f.event_id = e.repeat_of)"
        ).fetchone()
        pending = con.execute("SELECT count(*) FROM meta WHERE key = 'replaced'").fetchone()
    assert dangling == (0,) and pending == (0,)


def test_a_run_killed_before_relinking_is_relinked_by_the_next_run(tmp_path, dictionaries):
    """The documents to relink are written with the batch that replaced them."""
    from parley.api import coding_stages, read_paths
    from parley.pipeline import Pipeline
    from parley.store.duckdb_store import DuckDBStore

    first = [("a", ARTICLE), ("b-exact", ARTICLE), ("c-near", REPOST)]
    db = tmp_path / "killed.duckdb"
    code(db, feed(tmp_path / "first.jsonl", first))
    new = feed(tmp_path / "new.jsonl", [("a", NEW_VERSIONS["unrelated"])])
    with DuckDBStore(db) as store:  # a run that stops after storing, before relinking
        pipeline = Pipeline([*coding_stages(dictionaries, store, replace=True), store])
        list(pipeline.run(read_paths([new])))
    code(db, feed(tmp_path / "other.jsonl", [("z", "Nothing happened here today.")]))

    fresh = tmp_path / "fresh.duckdb"
    records = [("a", NEW_VERSIONS["unrelated"]), *first[1:], ("z", "Nothing happened here today.")]
    code(fresh, feed(tmp_path / "fresh.jsonl", records))
    assert rows(db) == rows(fresh)


@pytest.mark.long  # Dask: a separate CI step, `pytest -m long`
def test_a_replacement_merged_from_a_dask_dataset_is_relinked(tmp_path):
    first = CORPORA["middle"]
    db = tmp_path / "merged.duckdb"
    code(db, feed(tmp_path / "first.jsonl", first))
    new = feed(tmp_path / "new.jsonl", [("a", NEW_VERSIONS["edited"])])
    run = subprocess.run(
        [sys.executable, "-m", "parley", "code", str(new), "--db", str(db), "--replace",
         "--runner", "dask", "--workers", "1", "--parquet", str(tmp_path / "dataset")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr

    fresh = tmp_path / "fresh.duckdb"
    inputs = [(i, NEW_VERSIONS["edited"] if i == "a" else text) for i, text in first]
    code(fresh, feed(tmp_path / "fresh.jsonl", inputs))
    assert rows(db) == rows(fresh)


BASES = [
    ARTICLE,
    NEW_VERSIONS["unrelated"],
    "Border talks stall. India accused Pakistan of shelling villages near the border. "
    "Pakistan denied the charge and blamed India for the escalation. The United Nations "
    "urged both countries to respect the ceasefire agreed in February.",
    "Sanctions widen. The European Union imposed sanctions on Iran over drone sales. Iran "
    "condemned the decision and threatened to review its cooperation with inspectors. "
    "Germany welcomed the move and called for talks to resume in Vienna.",
]
TAILS = ["", " Reporting by a staff correspondent.", " This story has been updated.",
         " Additional reporting by wire services; editing by the desk."]  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_replacing_documents_of_a_mixed_corpus_equals_a_fresh_run(tmp_path, seed):
    """Exact copies, near copies (another tail) and single articles in a seeded order;
    three of them replaced by other texts (a copy of another story, a new article, a
    near copy), in one run."""
    rng = random.Random(seed)
    first = [(f"d{n}", rng.choice(BASES) + rng.choice(TAILS)) for n in range(14)]
    db = tmp_path / "mixed.duckdb"
    code(db, feed(tmp_path / "first.jsonl", first))
    news = {
        identifier: rng.choice([rng.choice(BASES) + rng.choice(TAILS), "Nothing happened."])
        for identifier, _ in rng.sample(first, 3)
    }
    news = {i: text for i, text in news.items() if text != dict(first)[i]}
    code(db, feed(tmp_path / "new.jsonl", list(news.items())), "--replace")

    fresh = tmp_path / "fresh.duckdb"
    code(fresh, feed(tmp_path / "fresh.jsonl", [(i, news.get(i, text)) for i, text in first]))
    assert rows(db) == rows(fresh)
