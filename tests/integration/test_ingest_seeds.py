"""Issue 3's promises on the first users' articles (`../shared/seeds`)."""

from __future__ import annotations

import datetime as dt
import difflib
import re

import pytest

from parley.api import coding_stages, read_paths
from parley.document import Document
from parley.pipeline import Pipeline


@pytest.fixture
def seeds(shared, dictionaries) -> dict[str, Document]:
    """The seeds read, cleaned and described (no coding needed), by file prefix."""
    pipeline = Pipeline(coding_stages(dictionaries)[:2])
    docs = [d for d in pipeline.run(read_paths([shared / "seeds"])) if isinstance(d, Document)]
    return {d.id.rsplit("/", 1)[1][:3]: d for d in docs}


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_pdf_extraction_cleans_to_the_clean_copy(seeds):
    clean, extracted = words(seeds["000"].text), words(seeds["001"].text)
    matcher = difflib.SequenceMatcher(None, clean, extracted, autojunk=False)
    in_order = sum(block.size for block in matcher.get_matching_blocks())
    assert in_order / len(clean) >= 0.99
    extra = [extracted[j1:j2] for op, _, _, j1, j2 in matcher.get_opcodes() if op != "equal"]
    assert extra == [["The", "Bush", "Koizumi", "Santiago", "Summit"]]  # the title stays
    assert "re-election" in seeds["001"].text and "re-\n" not in seeds["001"].text


def test_title_block_metadata(seeds):
    doc = seeds["001"]
    assert doc.title == "The Bush-Koizumi Santiago Summit"
    assert doc.author == "C. Kenneth Quinones"
    assert doc.affiliation == "Retired U.S. Diplomat"
    assert (doc.date, doc.date_source) == (dt.date(2004, 11, 20), "title block")


def test_undated_seeds_get_no_date(seeds):
    assert seeds["000"].date is None and seeds["004"].date is None


def test_scraped_page_loses_its_chrome_and_keeps_the_article(seeds, shared):
    raw = next((shared / "seeds").glob("004_*")).read_text(encoding="utf-8")
    text = seeds["004"].text
    chrome = ["0 69", "Source link", "You might also like", "Thanks !"]
    lines = [line.strip() for line in raw.splitlines()]
    for line in chrome:
        assert line in lines  # the chrome was really there
        assert not any(p.strip() == line for p in text.split("\n\n"))
    # the article's paragraphs: long lines, not the readers' exclamations below it
    article = [ln for ln in lines if len(ln.split()) >= 8 and not ln.endswith("!")]
    assert len(article) >= 7
    normalised = text.replace("China—North", "ChinaNorth")
    for paragraph in article:
        assert paragraph.replace("“", '"').replace("”", '"').replace("’", "'") in normalised
    assert "China—North Korea's only military ally" in text
    title = seeds["004"].title
    assert title and title in lines and title not in text.split("\n\n")[1:]  # its own line
