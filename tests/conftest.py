"""Shared fixtures. `shared` is the project's sibling data folder, present in CI only."""

from __future__ import annotations

import importlib.util
import json
import os
import random
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import duckdb
import pytest

from parley.api import read_paths
from parley.coding import code_items
from parley.config import Dictionaries
from parley.document import Document, Rejection
from parley.pipeline import Counters
from parley.store.duckdb_store import DuckDBStore

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


def pytest_configure(config: pytest.Config) -> None:
    """Compiled dictionaries go to a fresh folder, never the user's own cache."""
    os.environ["PARLEY_CACHE_DIR"] = tempfile.mkdtemp(prefix="parley-test-cache-")


@pytest.fixture(scope="session")
def dictionaries() -> Dictionaries:
    """The bundled default dictionaries, loaded once for the whole test session."""
    return Dictionaries.load()


@pytest.fixture
def shared() -> Path:
    """`../shared`, or a skip with the reason when this clone has none (a user's clone)."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found: the shared data folder exists only in CI")
    return SHARED


def load_tool(name: str) -> ModuleType:
    """A script of `tools/` (not a package) as a module, to test what it computes."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def code_into(
    db: Path, dictionaries: Dictionaries, paths: list[Path], batch_size: int = 2
) -> tuple[Counters, list[Document | Rejection]]:
    """Code `paths` into the database `db` as `parley code` does (small batches, so that
    several transactions are written)."""
    results: list[Document | Rejection] = []
    with DuckDBStore(db, batch_size=batch_size) as store:
        counters = code_items(
            read_paths(paths), store, dictionaries,
            on_document=results.append, on_rejection=results.append,
        )  # fmt: skip
    return counters, results


# A database coded from examples/ plus a near copy of one article (so that some events
# are repeats), built once for the query and export tests.
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


def counted(event: dict) -> bool:
    """What a query sees by default: an event not negated and not a repeat."""
    return not event["negated"] and event["repeat_of"] is None


def contents(db: Path) -> dict[str, list[str]]:
    """Every row a database holds, table by table, less the times rows were written at:
    two runs that should give the same data compare equal."""
    rejections = "SELECT origin, document_id, stage, reason FROM rejections"
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            table: sorted(map(repr, con.execute(query).fetchall()))
            for table, query in {
                "events": "SELECT * EXCLUDE (added_at) FROM events",
                "documents": "SELECT * EXCLUDE (added_at) FROM documents",
                "stories": "SELECT * FROM stories",
                "sentences": "SELECT * FROM sentences",
                "mentions": "SELECT * FROM mentions",
                "rejections": rejections,
            }.items()
        }


def write_corpus(folder: Path, count: int) -> None:
    """`count` articles made of the examples' paragraphs in a seeded order, every
    tenth an exact copy of an earlier one, and one file that is rejected."""
    paragraphs = [
        p.strip()
        for path in sorted(EXAMPLES.glob("*.txt"))
        for p in path.read_text(encoding="utf-8").split("\n\n")
        if len(p.split()) > 8
    ]
    rng = random.Random(13)
    texts: list[str] = []
    for n in range(count):
        if n % 10 == 9:
            texts.append(texts[rng.randrange(len(texts))])
        else:
            picked = rng.sample(paragraphs, k=min(4, len(paragraphs)))
            texts.append(f"Article {n}.\n\n" + "\n\n".join(picked))
    for n, text in enumerate(texts):
        sub = folder / f"part{n // 50}"
        sub.mkdir(exist_ok=True)
        (sub / f"article{n:04d}.txt").write_text(text, encoding="utf-8")
    (folder / "part0" / "empty.txt").write_bytes(b"")


@pytest.fixture
def hold() -> Iterator[Callable[..., Callable[[], None]]]:
    """`hold(db, read_only)` keeps the DuckDB file `db` open from another process, as a
    program that is not parley could, until the test ends or the function it returns
    lets go."""
    processes: list[subprocess.Popen] = []

    def let_go(process: subprocess.Popen) -> None:
        if not process.stdin.closed:
            process.stdin.close()
            process.wait(timeout=30)

    def start(db: Path, read_only: bool) -> Callable[[], None]:
        script = textwrap.dedent(f"""
            import duckdb, sys
            con = duckdb.connect({str(db)!r}, read_only={read_only})
            print("holding", flush=True)
            sys.stdin.read()
        """)
        process = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, text=True)  # fmt: skip
        processes.append(process)
        assert process.stdout.readline().strip() == "holding"
        return lambda: let_go(process)

    yield start
    for process in processes:
        let_go(process)
