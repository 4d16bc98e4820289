"""Exports stream: peak memory of `parley export` as the number of events grows.

    python benchmarks/export.py                    # 100,000 / 300,000 / 1,000,000 events
    python benchmarks/export.py 20000 50000 --formats gdelt,csv

Coding a million events would take hours, so the database is filled by SQL with events
shaped like parley's (the real schema, five events a document, a fifth of them located,
sentences of news length). Each export then runs in a fresh `parley export` process,
whose peak resident memory (ru_maxrss of the child) and time are printed: flat memory
means the peak does not grow with the number of events.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import duckdb
from measure import run_parley

from parley.store.duckdb_store import DuckDBStore

EVENTS_PER_DOCUMENT = 5
FORMATS = ("gdelt", "icews", "plover", "csv", "jsonl", "parquet")


def fill(path: Path, events: int) -> None:
    """A database of `events` synthetic events in parley's schema."""
    DuckDBStore(path).close()  # the schema, as parley makes it
    documents = events // EVENTS_PER_DOCUMENT
    con = duckdb.connect(str(path))
    con.execute(
        """
        INSERT INTO documents BY NAME
        SELECT 'doc-' || i AS document_id, 'feed.jsonl:' || i AS origin, 'jsonl' AS format,
               'https://news.example.org/' || i AS url, 'Title ' || i AS title,
               'Wire ' || (i % 40) AS source, DATE '2020-01-01' + (i % 1500)::INTEGER AS date,
               'metadata' AS date_source, md5(i::VARCHAR) AS content_hash,
               'st-' || i AS story_id, 2400 AS n_chars, 20 AS n_sentences, 5 AS n_events,
               repeat('Text of a news article. ', 100) AS text, now()::TIMESTAMP AS added_at
        FROM range(?) t(i)
        """,
        [documents],
    )
    con.execute(
        """
        INSERT INTO events BY NAME
        SELECT md5(i::VARCHAR)[:16] AS event_id, 'doc-' || (i // 5) AS document_id,
               'st-' || (i // 5) AS story_id, (i % 20)::INTEGER AS sentence_index,
               'Officials of one country said on Monday that they had met envoys of '
               || 'another to discuss the ceasefire proposal, sentence ' || i AS sentence_text,
               ['USAGOV', 'CHN', 'RUSMIL', 'IRNGOV', 'EGY'][i % 5 + 1] AS source,
               ['JPN', 'UKRGOV', 'ISR', 'IGOUNO', 'PRK'][i % 5 + 1] AS target,
               ['USA', 'CHN', 'RUS', 'IRN', 'EGY'][i % 5 + 1] AS source_country,
               ['GOV', NULL, 'MIL', 'GOV', NULL][i % 5 + 1] AS source_sector,
               ['JPN', 'UKR', 'ISR', NULL, 'PRK'][i % 5 + 1] AS target_country,
               [NULL, 'GOV', NULL, NULL, NULL][i % 5 + 1] AS target_sector,
               ['042', '111', '190', '036', '1721'][i % 7 % 5 + 1] AS code,
               ['04', '11', '19', '03', '17'][i % 7 % 5 + 1] AS root,
               [1, 3, 4, 1, 4][i % 7 % 5 + 1] AS quad_class,
               [1.9, -2.0, -10.0, 4.5, -5.0][i % 7 % 5 + 1] AS goldstein,
               ['CONSULT', 'ACCUSE', 'ASSAULT', 'COOPERATE', 'COERCE'][i % 7 % 5 + 1]
                   AS plover_type,
               NULL AS plover_mode, i % 11 = 0 AS negated,
               ['asserted', 'reported', 'future'][i % 3 + 1] AS modality,
               DATE '2020-01-01' + (i // 5 % 1500)::INTEGER AS event_date,
               'document' AS date_source, 0 AS source_start, 9 AS source_end,
               30 AS verb_start, 33 AS verb_end, 50 AS target_start, 56 AS target_end,
               'Officials' AS source_text, 'met' AS verb_text, 'envoys' AS target_text,
               ['USA / country'] AS source_entries, 'MEET: * [042]' AS verb_entry,
               ['JPN / country'] AS target_entries, 'se-' || i AS story_event_id,
               'day' AS date_granularity, '' AS date_text,
               CASE WHEN i % 5 = 0 THEN 'Geneva' END AS location_name,
               CASE WHEN i % 5 = 0 THEN 'city' END AS location_kind,
               CASE WHEN i % 5 = 0 THEN 'CHE' END AS location_country,
               CASE WHEN i % 5 = 0 THEN 'Geneva' END AS location_admin1,
               CASE WHEN i % 5 = 0 THEN 46.20222 END AS latitude,
               CASE WHEN i % 5 = 0 THEN 6.14569 END AS longitude,
               CASE WHEN i % 5 = 0 THEN 2660646 END AS geonames_id,
               CASE WHEN i % 5 = 0 THEN 'in Geneva' ELSE '' END AS location_text
        FROM range(?) t(i)
        """,
        [events],
    )
    con.close()


def export(db: Path, fmt: str, out: Path, memory: str) -> tuple[float, float, int]:
    """Seconds, peak MB of the `parley export` process, and bytes written."""
    seconds, peak, _ = run_parley(
        "export", "--db", str(db), "--format", fmt, "-o", str(out), "--negated", "include",
        "--memory-limit", memory,
    )  # fmt: skip
    return seconds, peak, out.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument(
        "--memory-limit", default="128MB", help="the engine's cap (parley's default)"
    )
    args = parser.parse_args()
    formats = args.formats.split(",")
    print(
        f"{'events':>10} {'format':>8} {'seconds':>8} {'events/s':>9} {'peak MB':>8} {'MB out':>8}"
    )
    for size in sorted(args.sizes):
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "events.duckdb"
            fill(db, size)
            for fmt in formats:
                out = Path(folder) / f"out.{fmt}"
                seconds, peak, written = export(db, fmt, out, args.memory_limit)
                print(
                    f"{size:>10,} {fmt:>8} {seconds:>8.1f} {size / seconds:>9,.0f} "
                    f"{peak:>8.0f} {written / 2**20:>8.1f}",
                    flush=True,
                )
                out.unlink()


if __name__ == "__main__":
    main()
