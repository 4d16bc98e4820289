"""Near-duplicate detection at scale: planted copies found, time and peak memory.

Generates N documents of 150–450 words drawn from a Zipf vocabulary (so common words
repeat as in news), of which a known share are planted copies of an earlier document:
near copies (a title block and byline added, 1–10% of the words dropped or replaced,
lines re-wrapped, as a PDF extraction, a re-post or a lightly edited version looks) and
exact copies (case and spacing changed). Runs the deduplicate stage over the stream (no
store) and reports recall (the planted copies that joined their original's story) and
precision (of all documents that joined an earlier story, those planted), with the time
per document at each quarter of the run, to show that cost grows near-linearly.

    python benchmarks/dedup.py              # 100,000 documents
    python benchmarks/dedup.py 20000 --threshold 0.7
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import textwrap
import time

import numpy as np

from parley.dedup.stage import DEFAULT_THRESHOLD, Deduplicate, MemoryIndex
from parley.document import Document

NEAR_RATE = 0.10
EXACT_RATE = 0.02


def vocabulary(rng: np.random.Generator, size: int = 30_000) -> list[str]:
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    lengths = rng.integers(2, 11, size)
    return ["".join(rng.choice(letters, n)) for n in lengths]


def generate(count: int, seed: int = 7):
    """(document, id of the original it copies or None, share of words edited), lazily."""
    rng = np.random.default_rng(seed)
    words = vocabulary(rng)
    ranks = np.arange(1, len(words) + 1)
    weights = 1 / ranks**1.1
    weights /= weights.sum()
    originals: list[tuple[str, list[str]]] = []
    day = dt.date(2026, 1, 1)
    for n in range(count):
        roll = rng.random()
        if originals and roll < NEAR_RATE + EXACT_RATE:
            source_id, text_words = originals[int(rng.integers(len(originals)))]
            if roll < NEAR_RATE:
                changed = list(text_words)
                edited = float(rng.uniform(0.01, 0.10))
                for i in rng.choice(len(changed), max(1, int(len(changed) * edited)), False):
                    changed[i] = words[int(rng.integers(len(words)))] if rng.random() < 0.5 else ""
                body = textwrap.wrap(" ".join(w for w in changed if w), 70)
                text = f"WORLD DESK {n}\nBy a correspondent\n\n" + "\n".join(body)
            else:
                text, edited = "  ".join(text_words).upper(), 0.0
            yield Document(id=f"d{n}", origin="bench", format="text", raw=text, text=text,
                           date=day), source_id, edited  # fmt: skip
            continue
        size = int(rng.integers(150, 451))
        text_words = [words[i] for i in rng.choice(len(words), size, p=weights)]
        originals.append((f"d{n}", text_words))
        if len(originals) > 5_000:  # copies come from recent articles, as in a news feed
            originals.pop(0)
        text = " ".join(text_words)
        yield Document(id=f"d{n}", origin="bench", format="text", raw=text, text=text,
                       date=day), None, 0.0  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=100_000)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    args = parser.parse_args()
    stage = Deduplicate(MemoryIndex(), threshold=args.threshold)
    story_of: dict[str, str] = {}
    planted = found = joined = 0
    by_edit: dict[str, list[int]] = {"exact": [0, 0], "≤5%": [0, 0], ">5%": [0, 0]}
    spent = 0.0
    quarter = max(1, args.count // 4)
    for n, (doc, original, edited) in enumerate(generate(args.count), start=1):
        began = time.perf_counter()
        stage(doc)
        spent += time.perf_counter() - began
        story_of[doc.id] = doc.story_id
        if original is not None:
            planted += 1
            hit = story_of[original] == doc.story_id
            found += hit
            bucket = by_edit["exact" if not edited else "≤5%" if edited <= 0.05 else ">5%"]
            bucket[0] += 1
            bucket[1] += hit
        joined += doc.similar_to is not None  # right only if planted, into the right story
        if n % quarter == 0:
            print(f"  {n:>7,} documents: {1000 * spent / n:.3f} ms/document so far")
    wrong = joined - found
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.count:,} documents, threshold {args.threshold}: {spent:.1f} s in the stage "
          f"({args.count / spent:,.0f} docs/s), peak RSS {peak:.0f} MB")  # fmt: skip
    print(f"planted copies {planted:,}: recall {found / planted:.4f}, "
          f"precision {found / max(joined, 1):.4f} ({wrong:,} wrong merges)")  # fmt: skip
    for name, (total, hits) in by_edit.items():
        print(f"  {name:>5} copies: {hits:,} of {total:,} found ({hits / max(total, 1):.4f})")


if __name__ == "__main__":
    main()
