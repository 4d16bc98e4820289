"""Issue: a scraped page with no date (`../shared/seeds/004_…`) keeps its office holders."""

from __future__ import annotations

from parley.api import actor_stages, read_paths
from parley.document import Document
from parley.pipeline import Pipeline


def test_the_undated_page_keeps_its_titled_and_current_office_holders(shared, dictionaries):
    (path,) = (shared / "seeds").glob("004_*")
    (doc,) = [d for d in Pipeline(actor_stages(dictionaries)).run(read_paths([path]))]
    assert isinstance(doc, Document) and doc.date is None  # its text names no year
    people = {(m.text, m.code) for m in doc.mentions if m.kind == "person"}
    assert ("Foreign Minister Taro Kono", "JPNGOV") in people
    assert ("Kono", "JPNGOV") in people
    assert ("Putin", "RUSGOV") in people
    assert not [p for p in people if p[1].endswith("ELI")], people
