"""Throughput of `parley code` with each runner on 1 and on 2 cores.

Writes N generated articles (as benchmarks/flat_memory.py writes them) and codes them
into a fresh database with each runner: local (one process), processes (one worker per
core) and dask (a loopback LocalCluster of one worker per core, writing a Parquet
dataset and merging it into the database). "1 core" pins the whole process tree to CPU
0 (workers included), "2 cores" to CPUs 0 and 1. It prints documents/s, sentences/s and
the scaling ratio from 1 to 2 cores. Peak memory is the parent's (the client's) alone.

    python benchmarks/runners.py            # N = 3000
    python benchmarks/runners.py 10000
    python benchmarks/runners.py 10000 dask   # one runner
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

import duckdb
from flat_memory import article
from measure import run_parley

RUNNERS = {
    "local": lambda cores, folder: (),
    "processes": lambda cores, folder: ("--runner", "processes", "--workers", str(cores)),
    "dask": lambda cores, folder: ("--runner", "dask", "--workers", str(cores),
                                   "--parquet", str(folder / f"dataset-{cores}")),
}  # fmt: skip


def main(n: int, only: list[str]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        corpus = folder / "corpus"
        corpus.mkdir()
        rng = random.Random(n)
        for i in range(n):
            (corpus / f"doc_{i:06d}.txt").write_text(article(rng, i), encoding="utf-8")
        print(f"{n:,} documents")
        print("| runner | cores | seconds | documents/s | sentences/s | 2 cores / 1 core "
              "| parent peak MB |")  # fmt: skip
        print("|---|---:|---:|---:|---:|---:|---:|")
        allowed = os.sched_getaffinity(0)
        for runner, options in RUNNERS.items():
            if only and runner not in only:
                continue
            one = None
            for cores in (1, 2):
                db = folder / f"{runner}-{cores}.duckdb"  # a fresh database for each
                command = ("code", str(corpus), "--db", str(db), *options(cores, folder))
                if runner != "dask":
                    command += ("-o", os.devnull, "--format", "jsonl")
                os.sched_setaffinity(0, set(range(cores)))  # the children inherit it
                try:
                    elapsed, peak, _ = run_parley(*command)
                finally:
                    os.sched_setaffinity(0, allowed)
                with duckdb.connect(str(db), read_only=True) as con:
                    sentences = con.execute("SELECT count(*) FROM sentences").fetchall()[0][0]
                one = one or elapsed
                rates = f"{n / elapsed:,.0f} | {sentences / elapsed:,.0f}"
                print(f"| {runner} | {cores} | {elapsed:.1f} | {rates} | {one / elapsed:.2f} "
                      f"| {peak:.0f} |")  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000, sys.argv[2:])
