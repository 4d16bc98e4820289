"""Speed of the whole coding stage on one core: sentences → actors → analysis → events.

Documents of 25 news sentences (the GSR gold records in `../shared/gold/` when the folder
exists, else the bundled `examples/`), each with its own id so none is a copy, go through
clean, describe, segment, find actors, analyse (only sentences with two actors or more
are parsed, a wave of documents at once, as in `parley code`) and code events; no
store. Documents are made a wave at a time and let go after it, as `parley code` reads
and stores them: kept alive to the end, they would add work for the garbage collector
that no run has. Each stage is timed, and the sentences per second of the whole run are
printed, for the default analyser or for the one named (`--analyser module:factory`, as
`parley code` takes).

    python benchmarks/coding.py                    # 5,000 sentences
    python benchmarks/coding.py 20000 --analyser mypkg.spacy:load
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict

from syntax import texts  # benchmarks/syntax.py, beside this file

from parley import heap
from parley.api import coding_stages
from parley.config import Dictionaries
from parley.document import Document
from parley.pipeline import Pipeline


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=5000)
    parser.add_argument("--analyser", default="parley")
    args = parser.parse_args()
    source, found = texts()
    dictionaries = Dictionaries.load(analyser=args.analyser)
    dictionaries.gazetteer.get()  # loaded once per run (0.4-0.6 s), like the dictionaries
    stages = coding_stages(dictionaries, deduplicate=False)
    per_doc = 25
    sentences = [t for t in found if t.strip()]

    def document(n: int) -> Document:
        picked = [sentences[(n * per_doc + k) % len(sentences)] for k in range(per_doc)]
        return Document(id=f"bench-{n}", origin="bench", format="text", raw="\n\n".join(picked))

    count = args.count // per_doc
    spent: dict[str, float] = defaultdict(float)
    counted = events = 0
    with heap.frozen():  # as `Pipeline.run` does while `parley code` runs
        start = time.perf_counter()
        wave = Pipeline(stages).wave  # as `parley code` runs: a wave of documents a stage
        for first in range(0, count, wave):
            # made and let go a wave at a time, as `parley code` reads and stores them
            current = [document(n) for n in range(first, min(first + wave, count))]
            for stage in stages:
                began = time.perf_counter()
                many = getattr(stage, "many", None)
                current = many(current) if many is not None else [stage(doc) for doc in current]
                spent[stage.name] += time.perf_counter() - began
            counted += sum(len(doc.sentences) for doc in current)
            events += sum(len(doc.events) for doc in current)
    total = time.perf_counter() - start
    print(f"{source}: {counted} sentences in {count} documents, {events} events")
    print(f"analyser {args.analyser}: {counted / total:,.0f} sentences/s ({total:.1f} s)")
    for name, seconds in spent.items():
        print(f"  {name:<14} {seconds:6.2f} s  {100 * seconds / total:4.1f}%")


if __name__ == "__main__":
    main()
