"""Place resolution accuracy on the project's own test set (`tests/data/places.jsonl`:
60 place mentions in sentences written for it, ambiguous names among them, each with the
country a reader would place it in).

Each text is coded as `parley code` would (actors give the document's countries), every
place it names is resolved with the bundled gazetteer, and the mention that starts with
the record's `place` is scored: right when its country is the expected one.

    python benchmarks/places.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from parley.api import code_document
from parley.config import Dictionaries
from parley.document import Document
from parley.resolve.places import document_places

SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "places.jsonl"


def score(dictionaries: Dictionaries, path: Path = SET) -> tuple[int, int, list[str]]:
    """(right, total, a line per miss)."""
    gazetteer = dictionaries.gazetteer.get()
    right, misses = 0, []
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for n, record in enumerate(records):
        doc = Document(id=f"p{n}", origin="places", format="text", raw=record["text"])
        doc = code_document(doc, dictionaries, "2024-06-01")
        places = [p for written, p in document_places(doc, gazetteer)
                  if written.startswith(record["place"])]  # fmt: skip
        got = places[0].country if places else "none"
        if got == record["country"]:
            right += 1
        else:
            misses.append(f"{record['place']}: {got}, expected {record['country']}")
    return right, len(records), misses


def main() -> None:
    right, total, misses = score(Dictionaries.load())
    for miss in misses:
        print(f"  miss {miss}")
    print(f"place resolution: {right}/{total} = {right / total:.3f}")
    sys.exit(0)


if __name__ == "__main__":
    main()
