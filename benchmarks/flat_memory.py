"""Peak memory and throughput of `parley code` over generated corpora of growing size.

Streams must keep peak RSS flat as the number of documents grows. This script writes N
small generated articles (distinct texts, a few sentences each, real actors and verbs)
into a temporary folder, runs `parley code` on them in a subprocess, and reports peak
RSS, documents/s and sentences/s for each N.

    python benchmarks/flat_memory.py            # N = 1000 and 10000
    python benchmarks/flat_memory.py 500 5000   # other sizes
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

from measure import run_parley

COUNTRIES = [
    "Japan",
    "China",
    "Russia",
    "India",
    "Germany",
    "France",
    "Brazil",
    "Iran",
    "Israel",
    "Egypt",
    "South Korea",
    "North Korea",
    "the United States",
    "Turkey",
]
VERBS = [
    "accused",
    "condemned",
    "praised",
    "criticized",
    "met",
    "visited",
    "urged",
    "warned",
    "welcomed",
    "rejected",
]
FILLER = [
    "on Tuesday",
    "after talks",
    "in a statement",
    "over the border dispute",
    "during the summit",
    "amid rising tension",
]


def article(rng: random.Random, number: int) -> str:
    sentences = [f"Report {number}: regional update"]
    for _ in range(rng.randint(3, 6)):
        a, b = rng.sample(COUNTRIES, 2)
        sentences.append(f"{a} {rng.choice(VERBS)} {b} {rng.choice(FILLER)}.")
    sentences.append(f"Officials said the matter, case {number}, remains open.")
    return sentences[0] + "\n\n" + " ".join(sentences[1:]) + "\n"


def run(n: int, workdir: Path) -> dict[str, float]:
    corpus = workdir / f"corpus_{n}"
    rng = random.Random(n)
    for i in range(n):
        folder = corpus / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"doc_{i:06d}.txt").write_text(article(rng, i), encoding="utf-8")
    db = workdir / f"bench_{n}.duckdb"
    events_file = workdir / f"events_{n}.jsonl"
    elapsed, peak_mb, _ = run_parley(
        "code", str(corpus), "--db", str(db), "--format", "jsonl", "-o", str(events_file)
    )
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        sentences = con.execute("SELECT count(*) FROM sentences").fetchone()[0]
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    return {
        "n": n,
        "seconds": elapsed,
        "peak_rss_mb": peak_mb,
        "docs_per_s": n / elapsed,
        "sentences": sentences,
        "sentences_per_s": sentences / elapsed,
        "events": events,
    }


def main(sizes: list[int]) -> None:
    print("| documents | seconds | peak RSS (MB) | docs/s | sentences/s | events |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            r = run(n, Path(tmp))
        print(
            f"| {r['n']} | {r['seconds']:.1f} | {r['peak_rss_mb']:.0f} | "
            f"{r['docs_per_s']:.0f} | {r['sentences_per_s']:.0f} | {r['events']} |",
            flush=True,
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
