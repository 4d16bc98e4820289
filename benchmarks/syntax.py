"""Tagging + parsing speed on one core, and model load time.

Sentences are news sentences: those of the GSR gold records in `../shared/gold/` when the
folder exists (19.5 tokens each), else the bundled `examples/` articles, segmented and
tokenised beforehand and repeated up to the requested count. Timed: the network alone
(tags, heads and relations for sentences already split into words; the default int8
network, run a sentence at a time, and the float32 one, batched), and the whole
analysis the coder gets (`NetworkAnalyser.analyse`: UD word splitting, the network,
lemmas, clauses, `Word` objects), in batches and one 25-sentence document at a time.
Importing parley holds BLAS to one thread (`parley/blas_threads.py`), so the figures are
one core's. Load time is measured in a fresh subprocess, as a new `parley` run pays it.

    python benchmarks/syntax.py             # 5,000 sentences
    python benchmarks/syntax.py 20000
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from parley.syntax.analysis import NetworkAnalyser
from parley.syntax.network import Network
from parley.text.segment import segment

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold" / "petrarch_gsr.dev.jsonl"
LOAD = """
import time
start = time.perf_counter()
from parley.syntax.analysis import NetworkAnalyser
NetworkAnalyser.load()
print(time.perf_counter() - start)
"""


def texts() -> tuple[str, list[str]]:
    if GOLD.is_file():
        lines = GOLD.read_text(encoding="utf-8").splitlines()
        return str(GOLD), [json.loads(line)["text"] for line in lines if line.strip()]
    folder = ROOT / "examples"
    return str(folder), [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    source, found = texts()
    sentences = [s for text in found for s in segment(text) if s.tokens]
    corpus = (sentences * (count // len(sentences) + 1))[:count]
    words = sum(len(s.tokens) for s in corpus)
    loads = [float(subprocess.run([sys.executable, "-c", LOAD], capture_output=True,
                                  text=True, check=True).stdout) for _ in range(3)]  # fmt: skip
    analyser = NetworkAnalyser.load()
    analyser.analyse(corpus[:50])
    start = time.perf_counter()
    for at in range(0, len(corpus), 25):  # documents of 25 sentences
        analyser.analyse(corpus[at : at + 25])
    doc_rate = len(corpus) / (time.perf_counter() - start)
    start = time.perf_counter()
    analyser.analyse(corpus)
    seconds = time.perf_counter() - start
    forms = sorted(([t.text for t in s.tokens] for s in corpus), key=len)
    network_rates = {}
    for name, network in (("int8", analyser.network), ("float32", Network.load())):
        start = time.perf_counter()
        for at in range(0, len(forms), analyser.batch):
            network.analyse(forms[at : at + analyser.batch])
        network_rates[name] = len(forms) / (time.perf_counter() - start)
    print(f"corpus: {len(corpus)} sentences from {source}, {words / len(corpus):.1f} tokens each")
    print(f"load (fresh process, best of 3): {min(loads):.2f} s")
    for name, rate in network_rates.items():
        print(f"tag + parse (the {name} network alone): {rate:,.0f} sentences/s")
    print(f"whole analysis, one batch: {len(corpus) / seconds:,.0f} sentences/s, "
          f"{words / seconds:,.0f} tokens/s")  # fmt: skip
    print(f"whole analysis, 25-sentence documents: {doc_rate:,.0f} sentences/s")


if __name__ == "__main__":
    main()
