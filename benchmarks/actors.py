"""Actor recognition speed and dictionary load time, with the full default dictionaries.

Builds a corpus of generated news sentences (countries, capitals, leaders, titles,
demonyms with agents, pronouns, filler), segments and tokenises it beforehand, then times
on one core (1) recognition: the actor and agent phrase matching every sentence needs,
and (2) recognition plus resolution in context (`find_mentions`: composition, surnames,
places, pronouns, codes by date, provenance). Load time is measured cold
(reading and compiling the bundled dictionaries) and warm (from the compiled cache), each
in a fresh subprocess so the figures include what a new `parley` run pays.

    python benchmarks/actors.py              # 100,000 sentences
    python benchmarks/actors.py 20000        # another size
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time

SUBJECTS = [
    "Japan", "China", "Russia", "the United States", "North Korea", "South Korea", "Iran",
    "Tokyo", "Beijing", "Moscow", "Washington", "Pyongyang", "the Kremlin",
    "Prime Minister Koizumi", "President Bush", "Tony Blair", "Vladimir Putin",
    "Japanese officials", "Chinese officials", "the Japanese public", "Indian troops",
    "the United Nations", "NATO", "the European Union", "Foreign Minister Taro Kono",
    "Kim Jong Un", "Iraqi insurgents", "German diplomats", "the French military",
]  # fmt: skip
VERBS = ["accused", "met", "criticized", "praised", "warned", "urged", "thanked", "threatened"]
FILLER = [
    "on Tuesday", "after talks that lasted into the night", "in a statement",
    "according to a spokesman", "over the disputed islands", "despite earlier promises",
    "while markets fell sharply", "in Santiago, Chile", "as he had promised",
    "before its deadline expired", "at a press conference in the capital",
]  # fmt: skip

LOAD = """
import time, sys
start = time.perf_counter()
from parley.actors.cache import load_lexicon
from parley.config import DictionaryPaths
imported = time.perf_counter()
load_lexicon(DictionaryPaths().resolved())
print(imported - start, time.perf_counter() - imported)
"""


def sentences(count: int, rng: random.Random) -> list[str]:
    out = []
    for _ in range(count):
        source, target = rng.sample(SUBJECTS, 2)
        words = [source, rng.choice(VERBS), target, rng.choice(FILLER)]
        if rng.random() < 0.5:
            words.append(rng.choice(FILLER))
        text = " ".join(words) + "."
        out.append(text[0].upper() + text[1:])
    return out


def load_times(cache: str) -> tuple[float, float]:
    env = {**os.environ, "PARLEY_CACHE_DIR": cache}
    result = subprocess.run(
        [sys.executable, "-c", LOAD], env=env, capture_output=True, text=True, check=True
    )
    imports, load = result.stdout.split()
    return float(imports), float(load)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as cache:
        cold = load_times(cache)
        warm = [load_times(cache) for _ in range(3)]
    print(f"dictionary load, cold (read + compile + write cache): {cold[1]:.2f} s")
    print(
        f"dictionary load, warm (compiled cache): {min(w[1] for w in warm):.3f} s "
        f"(best of 3; importing parley first takes {min(w[0] for w in warm):.2f} s)"
    )

    from parley.actors.find import DocumentContext, find_mentions
    from parley.config import Dictionaries
    from parley.text.segment import segment

    dictionaries = Dictionaries.load()
    rng = random.Random(4)
    texts = sentences(count, rng)
    documents = [segment(" ".join(texts[i : i + 20])) for i in range(0, count, 20)]
    total = sum(len(doc) for doc in documents)
    tokens = sum(len(s.tokens) for doc in documents for s in doc)
    lexicon = dictionaries.actors
    start = time.perf_counter()
    matches = 0
    for doc in documents:
        for sentence in doc:
            norms = [t.norm for t in sentence.tokens]
            found = lexicon.actors.find_all(norms)
            taken = [False] * len(norms)
            for match in found:
                taken[match.start : match.end] = [True] * (match.end - match.start)
            matches += len(found) + len(lexicon.agents.find_all(norms, taken))
    seconds = time.perf_counter() - start
    print(
        f"recognition: {total} sentences, {matches} phrase matches, {seconds:.2f} s: "
        f"{total / seconds:,.0f} sentences/s (one core)"
    )
    start = time.perf_counter()
    mentions = 0
    for doc in documents:
        context = DocumentContext(None, dictionaries.words.words)
        for sentence in doc:
            mentions += len(find_mentions(dictionaries.actors, sentence, context))
    seconds = time.perf_counter() - start
    print(
        f"recognition + resolution: {total} sentences ({tokens / total:.1f} tokens each), "
        f"{mentions} mentions, "
        f"{seconds:.2f} s: {total / seconds:,.0f} sentences/s, "
        f"{mentions / seconds:,.0f} mentions/s (one core)"
    )


if __name__ == "__main__":
    main()
