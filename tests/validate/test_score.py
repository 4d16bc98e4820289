from parley.validate.gold import GoldRecord
from parley.validate.score import Scores, Tally, below_floors


def record(expected, category="C", error=False):
    return GoldRecord("r", None, "text", frozenset(expected), category, not expected, error)


def test_tally_precision_recall_f1():
    tally = Tally()
    tally.add({("A", "B", "042"), ("A", "C", "111")}, {("A", "B", "042"), ("B", "A", "043")})
    assert (tally.tp, tally.fp, tally.fn) == (1, 1, 1)
    assert tally.precision == tally.recall == tally.f1 == 0.5
    assert Tally().f1 == 0.0


def test_levels_exact_categories_confusion_and_errors():
    scores = Scores()
    scores.add(record({("USAGOV", "JPN", "042")}, "X"), {("USAGOV", "JPN", "043")})
    scores.add(record(set(), "Y"), set())
    scores.add(record({("A", "B", "111")}, error=True), set())
    assert (scores.records, scores.exact, scores.skipped_errors) == (2, 1, 1)
    assert scores.levels["event"].f1 == 0.0
    assert scores.levels["root"].f1 == 1.0  # same root 04
    assert scores.levels["country"].f1 == 0.0  # code differs
    assert scores.categories["Y"][:2] == (1, 1)
    assert scores.confusion == {("04", "04"): 1}
    scores.add(record({("A", "B", "111")}), {("C", "D", "190")})
    assert scores.confusion[("11", "none")] == 1 and scores.confusion[("none", "19")] == 1


def test_below_floors_names_what_fell():
    summary = {"exact": 0.5, "event_f1": 0.3}
    assert below_floors(summary, {"exact": 0.4, "event_f1": 0.3}) == []
    assert below_floors(summary, {"event_f1": 0.31}) == ["event_f1 0.300 < floor 0.310"]
