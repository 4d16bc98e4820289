"""`parley code` end to end, as a user runs it: read, clean, deduplicate, code, store.

The stage benchmark (`coding.py`) times the coding stages alone; a user waits for the
whole command. This script writes two corpora into a temporary folder and runs `parley
code CORPUS --db DB -o events.jsonl` on each in a child process:

- `records`: N distinct one-sentence JSON Lines records, dated (a feed of headlines or
  wire snippets: per-document costs dominate);
- `articles`: N/25 articles of 25 sentences (JSON Lines too, dated).

Sentences come from the GSR gold records in `../shared/gold/` where that folder exists,
else from the bundled `examples/` (as `coding.py` takes them); each record gets a number
so that no two texts are the same. Start-up (interpreter, imports, dictionaries: a run
on one record) is measured apart and subtracted. On Linux the runs are pinned to one
core (`taskset -c 0`) unless `--cores all`. Prints seconds, sentences/s, documents/s and
the child's peak memory.

    python benchmarks/end_to_end.py                    # 20,000 sentences, one core
    python benchmarks/end_to_end.py 5000 --runner processes --cores all
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from measure import run_parley
from syntax import texts  # benchmarks/syntax.py, beside this file

PER_ARTICLE = 25


def write_corpora(folder: Path, sentences: int) -> dict[str, tuple[Path, int, int]]:
    """The two corpora: name → (file, documents, sentences)."""
    _, found = texts()
    pool = [t.strip() for t in found if t.strip()]
    records, articles = folder / "records.jsonl", folder / "articles.jsonl"
    with records.open("w", encoding="utf-8") as out:
        for n in range(sentences):
            text = f"{pool[n % len(pool)]} (Report {n}.)"
            out.write(json.dumps({"id": f"r{n}", "date": "2024-03-01", "text": text}) + "\n")
    count = sentences // PER_ARTICLE
    with articles.open("w", encoding="utf-8") as out:
        for n in range(count):
            picked = [pool[(n * PER_ARTICLE + k) % len(pool)] for k in range(PER_ARTICLE)]
            text = f"Report {n}.\n\n" + "\n\n".join(picked)
            out.write(json.dumps({"id": f"a{n}", "date": "2024-03-01", "text": text}) + "\n")
    one = folder / "one.jsonl"
    one.write_text(json.dumps({"id": "x", "date": "2024-03-01", "text": pool[0]}) + "\n")
    return {
        "one": (one, 1, 1),
        "records": (records, sentences, sentences),
        "articles": (articles, count, count * PER_ARTICLE),
    }


def run(corpus: Path, folder: Path, options: list[str], pin: bool) -> tuple[float, float]:
    """Seconds and peak MB of one `parley code` run into a fresh database."""
    db = folder / "run.duckdb"
    for leftover in (db, db.with_name(db.name + ".wal")):
        leftover.unlink(missing_ok=True)
    args = ["code", str(corpus), "--db", str(db), "-o", str(folder / "events.jsonl"), *options]
    elapsed, peak_mb, _ = run_parley(*args, pin_core=pin)
    return elapsed, peak_mb


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sentences", nargs="?", type=int, default=20_000)
    parser.add_argument("--runner", default="local", choices=["local", "processes"])
    parser.add_argument("--cores", default="one", choices=["one", "all"])
    args = parser.parse_args()
    pin = args.cores == "one" and shutil.which("taskset") is not None
    options = ["--runner", args.runner] if args.runner != "local" else []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpora = write_corpora(folder, args.sentences)
        startup, _ = run(corpora.pop("one")[0], folder, options, pin)
        print(f"runner {args.runner}, {args.cores} core(s); start-up {startup:.2f} s "
              "(subtracted below)")  # fmt: skip
        print("| corpus | documents | sentences | seconds | sentences/s | documents/s | peak MB |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, (path, documents, sentences) in corpora.items():
            elapsed, peak = run(path, folder, options, pin)
            work = max(elapsed - startup, 1e-9)
            print(
                f"| {name} | {documents:,} | {sentences:,} | {work:.1f} | "
                f"{sentences / work:,.0f} | {documents / work:,.0f} | {peak:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    sys.exit(main())
