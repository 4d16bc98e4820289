"""Throughput of `parley code` with the local runner and with worker processes.

Writes N generated articles (as benchmarks/flat_memory.py writes them) and codes them
into a fresh database with each runner: local (one process), processes with 1 worker
(the cost of shipping documents to a worker) and processes with 2 workers. It prints
documents/s, sentences/s and the speed-up over the local runner. Peak memory is the
parent's alone (the workers are separate processes).

    python benchmarks/runners.py            # N = 3000
    python benchmarks/runners.py 10000
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

import duckdb
from flat_memory import article
from measure import run_parley

RUNS = [
    ("local", ()),
    ("processes, 1 worker", ("--runner", "processes", "--workers", "1")),
    ("processes, 2 workers", ("--runner", "processes", "--workers", "2")),
]


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        rng = random.Random(n)
        for i in range(n):
            (corpus / f"doc_{i:06d}.txt").write_text(article(rng, i), encoding="utf-8")
        print(f"{n:,} documents")
        print("| runner | seconds | documents/s | sentences/s | speed-up | parent peak MB |")
        print("|---|---:|---:|---:|---:|---:|")
        base = None
        for number, (label, options) in enumerate(RUNS):
            db = Path(folder) / f"run-{number}.duckdb"  # a fresh database for each
            command = ("code", str(corpus), "--db", str(db), "-o", "/dev/null", *options)
            elapsed, peak, _ = run_parley(*command, "--format", "jsonl")
            with duckdb.connect(str(db), read_only=True) as con:
                sentences = con.execute("SELECT count(*) FROM sentences").fetchall()[0][0]
            base = base or elapsed
            print(f"| {label} | {elapsed:.1f} | {n / elapsed:,.0f} | {sentences / elapsed:,.0f} "
                  f"| {base / elapsed:.2f} | {peak:.0f} |")  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
