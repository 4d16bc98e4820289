"""Shards: big JSON Lines and Parquet files cut into windows read back exactly what
reading them whole gives, with the same line and row numbers."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq

from parley.document import Document
from parley.ingest.discover import Source
from parley.ingest.readers import read
from parley.runners.shards import fingerprint, plan


def items(stream):
    return [
        (i.id, i.origin, i.raw, i.date) if isinstance(i, Document) else (i.origin, i.reason)
        for i in stream
    ]


def test_windows_read_what_the_whole_file_reads(tmp_path):
    lines = [json.dumps({"id": f"r{i}", "text": f"Text {i}.", "date": "2024-01-02"})
             for i in range(23)]  # fmt: skip
    lines[6], lines[11] = "", "[1, 2]"  # a blank line and a bad record
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = [{"id": f"p{i}", "text": f"Row {i}." if i != 9 else ""} for i in range(22)]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "rows.parquet", row_group_size=3)
    (tmp_path / "one.txt").write_text("One.", encoding="utf-8")
    shards = plan([str(tmp_path)], None, 5)
    whole = [item for f in ("feed.jsonl", "one.txt", "rows.parquet")
             for item in items(read(Source(tmp_path / f, f.split(".")[1])))]  # fmt: skip
    assert [item for shard in shards for item in items(shard.items())] == whole
    assert len(shards) == 5 + 4  # 23 lines by 5, then 22 rows by 6 (the text file joins)
    rejected = [item for item in whole if len(item) == 2]
    assert [(o.rsplit("/", 1)[1], r) for o, r in rejected] == [
        ("feed.jsonl:12", "a record must be a JSON object"),
        ("rows.parquet:10", "missing or empty 'text'"),
    ]
    before = fingerprint(shards)
    assert fingerprint(plan([str(tmp_path)], None, 5)) == before
    (tmp_path / "one.txt").write_text("One, changed.", encoding="utf-8")
    assert fingerprint(plan([str(tmp_path)], None, 5)) != before


def test_a_parquet_file_without_text_is_rejected_in_one_line(tmp_path):
    pq.write_table(pa.table({"id": ["a"], "body": ["x"]}), tmp_path / "bad.parquet")
    (tmp_path / "fake.parquet").write_bytes(b"not parquet at all")
    got = items(read(Source(tmp_path / "bad.parquet", "parquet")))
    assert got == [(str(tmp_path / "bad.parquet"), "a Parquet input needs columns 'id' and 'text'")]
    [(origin, reason)] = items(read(Source(tmp_path / "fake.parquet", "parquet")))
    assert origin.endswith("fake.parquet") and reason.startswith("not a Parquet file")
    assert [i for s in plan([str(tmp_path)], None, 5) for i in items(s.items())] == [
        *got,
        (origin, reason),
    ]
