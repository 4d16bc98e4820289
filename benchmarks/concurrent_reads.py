"""What reading a database during a `parley code` run costs the run and the reader.

Generates N articles (as benchmarks/flat_memory.py does), then runs `parley code` on
them twice into fresh databases: once alone, once while this process opens the
database, counts its events and closes it every 0.2 s (a page or a script polling
progress). Prints both run times and how long each read waited for the run to make way.

    python benchmarks/concurrent_reads.py          # N = 2000
    python benchmarks/concurrent_reads.py 5000
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from flat_memory import article

from parley.query.database import EventDatabase


def timed_run(corpus: Path, db: Path, read: bool) -> tuple[float, list[float]]:
    """The run's seconds, and the seconds each read took (open, count, close)."""
    began = time.perf_counter()
    run = subprocess.Popen(
        [sys.executable, "-m", "parley", "code", str(corpus), "--db", str(db), "-o", "/dev/null"]
    )
    reads: list[float] = []
    while run.poll() is None:
        if read and db.exists():
            started = time.perf_counter()
            with EventDatabase(db) as database:
                database.sql("SELECT count(*) FROM events").fetchall()
            reads.append(time.perf_counter() - started)
        time.sleep(0.2)
    return time.perf_counter() - began, reads


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        rng = random.Random(n)
        for i in range(n):
            sub = corpus / f"{i // 1000:03d}"
            sub.mkdir(parents=True, exist_ok=True)
            (sub / f"doc_{i:06d}.txt").write_text(article(rng, i), encoding="utf-8")
        alone, _ = timed_run(corpus, Path(folder) / "alone.duckdb", read=False)
        shared, reads = timed_run(corpus, Path(folder) / "read.duckdb", read=True)
    ms = sorted(1000 * r for r in reads)
    print(f"{n} documents: run alone {alone:.1f} s; with reads {shared:.1f} s "
          f"(+{100 * (shared / alone - 1):.0f}%) for {len(reads)} reads; "
          f"each read took {statistics.median(ms):.0f} ms at the median, "
          f"{ms[int(0.9 * (len(ms) - 1))]:.0f} ms at the 90th percentile, {ms[-1]:.0f} ms "
          "at most")  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
