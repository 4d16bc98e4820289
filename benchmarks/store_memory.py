"""Does `parley code` with default settings store every document of an ordinary corpus?

DuckDB checkpoints (writes its log into the file) every 16 MB of writes; a checkpoint
that ran out of the memory cap invalidated the database, and with the old default
("auto" began at 24 MB) a corpus of 4,000 articles of 25 sentences lost documents. This
script writes N generated articles of S sentences (each sentence an event between two
countries) as one JSON Lines file, runs `parley code` on it with default settings in a
subprocess, and reports the documents stored, the exit status, the time, the peak RSS
and the memory cap the store ended with.

    python benchmarks/store_memory.py                 # 4,000 articles of 25 sentences
    python benchmarks/store_memory.py 20000 25        # N articles of S sentences
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from flat_memory import COUNTRIES, FILLER, VERBS
from measure import _MEASURED


def write_corpus(path: Path, n: int, sentences: int) -> None:
    """N articles of S sentences, each "A verbed B filler in case i-k." with A, B, verb
    and filler drawn with a fixed seed."""
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            parts = []
            for k in range(sentences):
                a, b = rng.sample(COUNTRIES, 2)
                parts.append(f"{a} {rng.choice(VERBS)} {b} {rng.choice(FILLER)} in case {i}-{k}.")
            record = {"id": f"a{i}", "text": " ".join(parts), "date": "2024-03-01"}
            out.write(json.dumps(record) + "\n")


def main(n: int, sentences: int) -> None:
    import duckdb

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus, db, peak = folder / "corpus.jsonl", folder / "corpus.duckdb", folder / "peak"
        write_corpus(corpus, n, sentences)
        began = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-c", _MEASURED, str(peak), "code", str(corpus), "--db", str(db),
             "--format", "jsonl", "-o", str(folder / "events.jsonl")],
            capture_output=True, text=True,
        )  # fmt: skip
        seconds = time.perf_counter() - began
        with duckdb.connect(str(db), read_only=True) as con:
            stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            events = con.execute("SELECT count(*) FROM events").fetchone()[0]
        peak_mb = int(peak.read_text()) / 1024 if peak.exists() else float("nan")
        errors = run.stderr.strip().splitlines()
    print(
        "| articles × sentences | stored | events | exit | error lines | seconds | peak RSS (MB) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {n:,} × {sentences} | {stored:,} | {events:,} | {run.returncode} | {len(errors)} | "
        f"{seconds:.0f} | {peak_mb:.0f} |"
    )
    if errors:
        print("first error line:", errors[0][:300])


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(*(args + [4000, 25][len(args) :]))
