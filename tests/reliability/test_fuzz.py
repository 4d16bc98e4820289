"""Hostile input, generated: readers, cleaning, dictionary readers and the coder never
crash, never hang, and every span they give stays inside the text it points into.

Hypothesis runs with a fixed seed (`derandomize`) and a bounded number of examples, so
CI tries the same inputs every time; `FUZZ_EXAMPLES=2000 pytest tests/reliability`
tries more. Each test counts what it tried (docs/reliability.md quotes the figures).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from parley.actors.dictfile import read_dictionary
from parley.actors.petrarch import read_actors, read_agents, read_discards
from parley.api import coding_stages
from parley.config import Dictionaries
from parley.document import Document, Rejection
from parley.events.verbs import read_verbs
from parley.ingest.discover import Source
from parley.ingest.readers import read
from parley.pipeline import Pipeline
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.long  # a separate CI step: `pytest -m long`

EXAMPLES_PER_TEST = int(os.environ.get("FUZZ_EXAMPLES", "60"))
SECONDS_PER_DOCUMENT = 10.0  # bounded time: far above the ~5 ms an article takes

fuzz = settings(
    max_examples=EXAMPLES_PER_TEST,
    derandomize=True,
    deadline=None,  # time is checked by the tests themselves, per document
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Text a hostile or broken source gives: any Unicode (control characters, surrogates
# excluded as Python's UTF-8 cannot hold them), news words, markup, long runs.
WORDS = st.sampled_from(
    "Japan China Russia Ukraine the U.S. said accused attacked met not will , . ; \" ' "
    "— \u200b \u202e \x00 \x07 \r \n \t \ufeff Mr. Dr. 1995 _ __ Dol_Amroth <b> &amp; "
    "مرحبا 北京 Ελλάδα".split(" ")
)
TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(WORDS, max_size=300).map(" ".join),
    st.builds(lambda w, n: (w + " ") * n, WORDS, st.integers(0, 3000)),  # a huge line
)


def _spans_inside(doc: Document) -> None:
    """Every sentence, token, mention and event span lies inside the document's text."""
    size = len(doc.text)
    for sentence in doc.sentences:
        assert 0 <= sentence.start <= sentence.end <= size
        assert doc.text[sentence.start : sentence.end] == sentence.text
        for token in sentence.tokens:
            assert sentence.start <= token.start <= token.end <= sentence.end
            assert doc.text[token.start : token.end] == token.text
    for mention in doc.mentions:
        sentence = doc.sentences[mention.sentence_index]
        assert 0 <= mention.token_start < mention.token_end <= len(sentence.tokens)
    for event in doc.events:
        for span in (event.source_span, event.verb_span, event.target_span):
            if span is not None:
                assert 0 <= span.start <= span.end <= size


@pytest.fixture(scope="module")
def pipeline(dictionaries: Dictionaries) -> Pipeline:
    return Pipeline(coding_stages(dictionaries, deduplicate=False))


@fuzz
@given(raw=TEXT, fmt=st.sampled_from(["txt", "html", "pdf", "jsonl"]))
def test_the_coder_takes_any_text(pipeline, raw, fmt):
    doc = Document(id="fuzz", origin="fuzz", format=fmt, raw=raw)
    began = time.perf_counter()
    result = pipeline.process(doc)
    assert time.perf_counter() - began < SECONDS_PER_DOCUMENT
    assert isinstance(result, Document | Rejection)
    if isinstance(result, Rejection):
        assert result.reason and "\n" not in result.reason
    else:
        _spans_inside(result)


def _read_all(path: Path, kind: str) -> list[Document | Rejection]:
    began = time.perf_counter()
    found = list(read(Source(path, kind)))
    assert time.perf_counter() - began < SECONDS_PER_DOCUMENT
    assert found and all(isinstance(item, Document | Rejection) for item in found)
    return found


@fuzz
@given(data=st.binary(max_size=2000), kind=st.sampled_from(["txt", "html", "jsonl", "pdf"]))
def test_readers_take_any_bytes(tmp_path, data, kind):
    path = tmp_path / f"input.{kind}"
    path.write_bytes(data)
    _read_all(path, kind)


@fuzz
@given(text=TEXT, kind=st.sampled_from(["txt", "html"]), encoding=st.sampled_from(
    ["utf-8", "utf-16", "cp1252", "latin-1", "utf-8-sig"]
))  # fmt: skip
def test_readers_take_text_in_any_encoding(tmp_path, text, kind, encoding):
    path = tmp_path / f"input.{kind}"
    path.write_bytes(text.encode(encoding, errors="replace"))
    _read_all(path, kind)


@fuzz
@given(depth=st.integers(1, 20_000), tag=st.sampled_from(["div", "p", "b", "table"]))
def test_deeply_nested_html_is_read_or_rejected(tmp_path, depth, tag):
    path = tmp_path / "nested.html"
    inner = "<p>Japan condemned China on Monday.</p>"
    path.write_text(f"<html><body>{f'<{tag}>' * depth}{inner}{f'</{tag}>' * depth}</body></html>")
    _read_all(path, "html")


@fuzz
@given(cuts=st.lists(st.tuples(st.integers(0, 10**6), st.binary(max_size=8)), max_size=6))
def test_malformed_pdfs_are_read_or_rejected(tmp_path, cuts):
    data = bytearray((EXAMPLES / "eu_sanctions_statement.pdf").read_bytes())
    for at, junk in cuts:  # overwrite bytes, or cut the file short
        if not data:
            break
        at %= len(data)
        data[at : at + len(junk)] = junk if junk else b""
        if not junk:
            del data[at:]
    path = tmp_path / "broken.pdf"
    path.write_bytes(bytes(data))
    _read_all(path, "pdf")


DICTIONARY_LINES = st.lists(
    st.one_of(
        st.text(max_size=60),
        st.sampled_from(
            ["JAPAN [JPN]", "+NIPPON", "[JPN 19900101-20000101]", "[--- >950630]", "- * TIES [050]",
             "--- ACCUSE [112] ---", "&SYN", "+WORD", "~ a (b . ATTACK) SAY = a b 112",
             "PRESIDENT [~GOV]", "{", "}", "[", "]", "<!-- x -->", "# note", "\t", "BLAIR_",
             "actor: Japan", "code: JPN", "agent: official", "discard: x", "= [", "[ ]"]
        ),
    ),
    max_size=40,
).map("\n".join)


@fuzz
@given(text=DICTIONARY_LINES)
@example(text="\x0c0\nJAPAN [JPN] [")  # a form feed is no line end to an editor (found so)
def test_dictionary_readers_take_any_file(tmp_path, text):
    path = tmp_path / "user.txt"
    path.write_text(text, encoding="utf-8")
    for reader in (read_actors, read_agents, read_discards, read_verbs):
        *_, issues = reader(path)  # bad lines become issues naming the file and line
        lines = text.count("\n") + text.count("\r") + 1  # \r ends a line too
        assert all(issue.path == str(path) and 0 <= issue.line <= lines for issue in issues)
    found = read_dictionary(path)  # parley's own format
    assert all(issue.path == str(path) for issue in found.issues)
