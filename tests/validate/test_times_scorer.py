"""The time-expression scorer on a gold set written for this test, whose figures are
worked out by hand below."""

from __future__ import annotations

import json

import pytest

from parley.validate.times import TimesScorer


def timex(text: str, words: str, kind: str, value: str) -> dict:
    start = text.index(words)
    return {"start": start, "end": start + len(words), "text": words, "type": kind,
            "value": value}  # fmt: skip


WEEK = "They met last week and will meet in September 2005. Three years ago it rained."
FRIDAY = "Officials will say they met on Friday for a while."
TODAY = "Prices fell today and will rise tomorrow."

GOLD = [
    # all three dated right; gold's span `in September 2005` holds one more word
    {"id": "week", "dct": "2004-11-18", "text": WEEK, "timexes": [
        timex(WEEK, "last week", "DATE", "2004-W46"),
        timex(WEEK, "in September 2005", "DATE", "2005-09"),
        timex(WEEK, "Three years ago", "DATE", "2001"),
    ]},
    # the last Friday (1998-10-23) by the past tense of `met`; parley, without a
    # parser, reads the sentence's `will` and takes the next, 1998-10-30: a wrong value.
    # `a while` (a duration of no count) is missed.
    {"id": "friday", "dct": "1998-10-27", "text": FRIDAY, "timexes": [
        timex(FRIDAY, "Friday", "DATE", "1998-10-23"),
        timex(FRIDAY, "a while", "DURATION", "PXX"),
    ]},
    # dated by the date part of a creation time; `tomorrow` is not in gold: an extra
    {"id": "today", "dct": "1998-10-27T09:00:00", "text": TODAY, "timexes": [
        timex(TODAY, "today", "DATE", "1998-10-27"),
    ]},
]  # fmt: skip


def test_scores_spans_and_values_as_worked_out_by_hand(tmp_path, dictionaries):
    path = tmp_path / "times.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in GOLD), encoding="utf-8")
    scorer = TimesScorer()
    assert all(scorer.matches(r) for r in GOLD)
    score = scorer.score("times", path, GOLD, dictionaries)
    assert (score.kind, score.records, score.headline, score.event_set) == (
        "times", 3, "timex_f1", False,
    )  # fmt: skip
    m = score.metrics
    # gold 6, parley 6 (last week, September 2005, Three years ago, Friday, today,
    # tomorrow), 5 paired; 4 of them on the very same span
    assert (m["gold_timexes"], m["found_timexes"], m["matched_timexes"]) == (6, 6, 5)
    assert m["timex_precision"] == pytest.approx(5 / 6)
    assert m["timex_recall"] == pytest.approx(5 / 6)
    assert score.value == pytest.approx(5 / 6)
    assert m["timex_strict_f1"] == pytest.approx(4 / 6)
    # paired DATEs: 5, all right but Friday
    assert (m["matched_dates"], m["value_accuracy"]) == (5, pytest.approx(4 / 5))
    misses = {miss["id"]: miss for miss in score.misses}
    assert sorted(misses) == ["friday", "today"]
    (wrong,) = misses["friday"]["wrong_value"]
    assert (wrong["text"], wrong["value"], wrong["found"]["value"]) == (
        "Friday", "1998-10-23", "1998-10-30",
    )  # fmt: skip
    assert [t["text"] for t in misses["friday"]["missed"]] == ["a while"]
    (extra,) = misses["today"]["extra"]
    assert (extra["text"], extra["start"], extra["value"]) == ("tomorrow", 32, "1998-10-28")


def test_a_record_without_a_valid_dct_resolves_only_dated_times(tmp_path, dictionaries):
    text = "They met on Monday and in 2003."
    record = {"id": "nodate", "dct": "", "text": text,
              "timexes": [timex(text, "Monday", "DATE", "2003-06-02"),
                          timex(text, "2003", "DATE", "2003")]}  # fmt: skip
    score = TimesScorer().score("times", tmp_path / "t.jsonl", [record], dictionaries)
    assert (score.metrics["matched_timexes"], score.metrics["value_accuracy"]) == (1, 1.0)
    assert score.notes and "no valid dct" in score.notes[0]


def test_matches_records_with_timexes_and_a_creation_time():
    scorer = TimesScorer()
    assert scorer.matches({"id": "a", "dct": "1998-10-27", "text": "x", "timexes": []})
    assert not scorer.matches({"id": "a", "text": "x", "timexes": []})
    assert not scorer.matches({"id": "a", "text": "x", "toponyms": []})
