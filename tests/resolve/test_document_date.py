"""Dates inferred for undated documents, on texts written for these tests."""

import datetime as dt

import parley
from parley.api import coding_stages
from parley.document import Document
from parley.pipeline import Pipeline
from parley.resolve.document_date import INFERRED, InferDate, text_date

TODAY = dt.date(2020, 1, 1)


def doc(name, text, date=None, source=None):
    found = Document(id=name, origin=name, format="text", raw=text, text=text)
    found.date, found.date_source = date, source
    return found


def test_the_latest_time_named_with_its_year_not_one_still_to_come():
    text = "The pact of March 3, 2011 was renewed in 2014. Elections are due in 2031."
    assert text_date(text, TODAY) == dt.date(2014, 1, 1)
    assert text_date("The pact was renewed in May.", TODAY) is None


def test_only_an_undated_document_takes_its_texts_date():
    stage = InferDate(today=lambda: TODAY)
    given = stage(doc("a", "The treaty was signed in 2003.", dt.date(2010, 5, 1), "user"))
    assert (given.date, given.date_source) == (dt.date(2010, 5, 1), "user")
    guessed = stage(doc("b", "The treaty was signed in 2003."))
    assert (guessed.date, guessed.date_source) == (dt.date(2003, 1, 1), INFERRED)
    undated = stage(doc("c", "Talks resumed on Monday."))
    assert (undated.date, undated.date_source) == (None, None)


def test_events_of_an_inferred_date_say_so(dictionaries):
    text = "The border dispute began in 2004. Japan accused China of violating its airspace."
    events = parley.code_text(text, dictionaries=dictionaries)
    assert [(e.code, e.event_date, e.date_source) for e in events] == [
        ("112", dt.date(2004, 1, 1), INFERRED)
    ]


def test_the_run_counts_undated_and_inferred_documents(dictionaries):
    pipeline = Pipeline(coding_stages(dictionaries))
    texts = ["Japan protested in 2012.", "Japan protested again.", "China protested."]
    raw = [Document(id=str(i), origin=str(i), format="text", raw=t) for i, t in enumerate(texts)]
    list(pipeline.run(raw))
    assert (pipeline.counters.undated, pipeline.counters.inferred) == (3, 1)
