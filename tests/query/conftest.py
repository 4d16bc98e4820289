"""A database coded from examples/ plus a near copy of one article (so that some events
are repeats), built once for the query and export tests."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from parley.config import Dictionaries
from tests.conftest import EXAMPLES, code_into

REPOST_ID = "repost-cairo"


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory, dictionaries: Dictionaries) -> Path:
    folder = tmp_path_factory.mktemp("query")
    db = folder / "examples.duckdb"
    code_into(db, dictionaries, [EXAMPLES])
    with duckdb.connect(str(db), read_only=True) as con:
        (text,) = con.execute(
            "SELECT text FROM documents WHERE document_id LIKE '%cairo_talks.html'"
        ).fetchone()
    repost = {
        "id": REPOST_ID,
        "text": "Reposted with permission.\n\n" + text + "\n\nShare this story with a friend.",
        "date": "2024-06-11",
        "source": "Gulf Wire",
        "url": "https://gulfwire.example.net/cairo",
    }
    feed = folder / "repost.jsonl"
    feed.write_text(json.dumps(repost) + "\n", encoding="utf-8")
    code_into(db, dictionaries, [feed])
    return db


@pytest.fixture(scope="session")
def stored(examples_db: Path) -> list[dict]:
    """Every stored event row, as dicts, in stored order."""
    with duckdb.connect(str(examples_db), read_only=True) as con:
        cursor = con.execute("SELECT * FROM events")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
