import datetime as dt
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from parley.dedup.minhash import MinHasher, bands_for, similarity
from parley.dedup.near import NearIndex
from parley.dedup.stage import Deduplicate, MemoryIndex
from parley.document import Document

ARTICLES = [
    json.loads(line)
    for line in (Path(__file__).parent / "same_event.jsonl").read_text().splitlines()
]
DAY = dt.date(2026, 3, 2)


def doc(ident: str, text: str, date: dt.date | None = DAY) -> Document:
    return Document(id=ident, origin=ident, format="txt", raw=text, text=text, date=date)


def as_pdf(text: str) -> str:
    """What a PDF extraction of the article looks like: a title block, a byline, lines
    cut at 70 characters, and a word lost at a page break."""
    words = text.split()
    del words[len(words) // 2]
    wrapped = "\n".join(textwrap.wrap(" ".join(words), 70))
    return f"Diplomacy Weekly — March 2, 2026\n\nBy A. Correspondent\n\n{wrapped}\n\nPage 1 of 1"


def test_signatures_are_the_same_in_another_process():
    text = ARTICLES[0]["text"]
    code = (
        "import sys; from parley.dedup.minhash import MinHasher; "
        "sys.stdout.write(MinHasher().signature(sys.stdin.read()).tobytes().hex())"
    )
    other = subprocess.run(
        [sys.executable, "-c", code],
        input=text,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
    )
    assert other.stdout == MinHasher().signature(text).tobytes().hex()


def test_copies_score_high_and_articles_on_the_same_event_low():
    hasher = MinHasher()
    signatures = [hasher.signature(a["text"]) for a in ARTICLES]
    for article, signature in zip(ARTICLES, signatures, strict=True):
        assert similarity(signature, hasher.signature(as_pdf(article["text"]))) > 0.6
    others = [
        similarity(signatures[i], signatures[j])
        for i in range(len(signatures))
        for j in range(i + 1, len(signatures))
    ]
    assert max(others) < 0.1


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.7, 0.9])
def test_bands_make_a_pair_at_the_threshold_a_candidate(threshold):
    bands, rows = bands_for(threshold)
    assert 1 - (1 - threshold**rows) ** bands >= 0.99
    # one more row per band would miss such pairs more often than 1 time in 100
    wider = 128 // (rows + 1)
    assert rows == 8 or 1 - (1 - threshold ** (rows + 1)) ** wider < 0.99


def test_no_false_merges_among_distinct_articles_and_every_pdf_copy_joins_its_story():
    stage = Deduplicate(MemoryIndex())
    firsts = [stage(doc(a["id"], a["text"])) for a in ARTICLES]
    assert len({d.story_id for d in firsts}) == len(ARTICLES)
    assert all(d.similar_to is None for d in firsts)
    for article, first in zip(ARTICLES, firsts, strict=True):
        copy = stage(doc(article["id"] + ".pdf", as_pdf(article["text"])))
        assert (copy.story_id, copy.similar_to) == (first.story_id, article["id"])
        assert copy.duplicate_of is None and copy.similarity > 0.6


def test_copies_far_apart_in_time_are_other_reports_and_an_undated_copy_takes_the_date():
    stage = Deduplicate(MemoryIndex())
    first = stage(doc("a", ARTICLES[0]["text"]))
    later = stage(doc("b", as_pdf(ARTICLES[0]["text"]), DAY + dt.timedelta(days=30)))
    assert later.story_id != first.story_id
    undated = stage(doc("c", as_pdf(ARTICLES[0]["text"]) + " Updated.", None))
    assert undated.similar_to in ("a", "b") and undated.date is not None
    assert undated.date_source.startswith("copy ")


def test_a_dated_copy_dates_an_undated_earlier_copy_not_yet_coded():
    stage = Deduplicate(MemoryIndex())
    first = stage(doc("a", ARTICLES[1]["text"], None))
    stage(doc("b", as_pdf(ARTICLES[1]["text"])))
    assert (first.date, first.date_source) == (DAY, "copy b")


def test_the_index_finds_documents_before_and_after_a_merge():
    hasher = MinHasher()
    index = NearIndex(0.5)
    signatures = [hasher.signature(a["text"]) for a in ARTICLES]
    for n, signature in enumerate(signatures[:4]):
        index.add(f"d{n}", f"s{n}", DAY, signature)
    index.merge()
    for n, signature in enumerate(signatures[4:], start=4):
        index.add(f"d{n}", f"s{n}", DAY, signature)
    assert len(index.pending) > 0 and len(index.keys) > 0
    for n, article in enumerate(ARTICLES):
        match = index.best(hasher.signature(as_pdf(article["text"])), DAY)
        assert match is not None and (match.document_id, match.story_id) == (f"d{n}", f"s{n}")
    unrelated = hasher.signature("Brazil and Argentina signed a trade agreement in Brasilia.")
    assert index.best(unrelated, DAY) is None
    assert np.array_equal(index.keys, np.sort(index.keys))


def test_threshold_must_be_a_share():
    with pytest.raises(ValueError, match="threshold"):
        NearIndex(1.5)


def test_indexing_stored_documents_at_once_finds_what_one_at_a_time_finds():
    hasher = MinHasher()
    rng = np.random.default_rng(3)
    words = [f"w{n}" for n in range(400)]
    texts = [" ".join(rng.choice(words, 60)) for _ in range(300)]
    stored = [
        (f"d{n}", f"s{n}", dt.date(2024, 1, 1 + n % 28) if n % 3 else None,
         hasher.signature(text).tobytes())
        for n, text in enumerate(texts)
    ]  # fmt: skip
    one, many = NearIndex(0.5), NearIndex(0.5)
    for document_id, story_id, date, signature in stored:
        one.add(document_id, story_id, date, np.frombuffer(signature, np.uint16))
    one.merge()
    many.extend(iter(stored))
    for text in texts[::7]:
        copy = hasher.signature(text + " and one more sentence of words w1 w2 w3")
        found = many.best(copy, dt.date(2024, 1, 10), 400)
        assert found == one.best(copy, dt.date(2024, 1, 10), 400) and found is not None
    assert (many.keys == one.keys).all() and sorted(many.owners) == sorted(one.owners)
