"""Scores of produced events against gold: exact records, P/R/F1 at three levels,
a confusion table of root codes and a breakdown by category."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from parley.validate.gold import GoldRecord, Triple


@dataclass(slots=True)
class Tally:
    """True positives, false positives and false negatives, and the derived scores."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, got: set[Triple], want: set[Triple]) -> None:
        self.tp += len(got & want)
        self.fp += len(got - want)
        self.fn += len(want - got)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.f1}  # fmt: skip


def _root(t: Triple) -> Triple:
    return (t[0], t[1], t[2][:2])


def _country(t: Triple) -> Triple:
    return (t[0][:3], t[1][:3], t[2])


LEVELS: dict[str, Callable[[Triple], Triple]] = {
    "event": lambda t: t,
    "root": _root,
    "country": _country,
}


@dataclass(slots=True)
class Scores:
    """Everything `parley validate` reports, for records not marked as input errors."""

    records: int = 0
    exact: int = 0
    skipped_errors: int = 0
    levels: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in LEVELS})
    categories: dict[str, tuple[int, int, Tally]] = field(default_factory=dict)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def exact_share(self) -> float:
        return self.exact / self.records if self.records else 0.0

    def add(self, record: GoldRecord, produced: set[Triple]) -> None:
        if record.error:
            self.skipped_errors += 1
            return
        want = set(record.expected)
        self.records += 1
        right = produced == want
        self.exact += right
        for name, level in LEVELS.items():
            self.levels[name].add({level(t) for t in produced}, {level(t) for t in want})
        n, ok, tally = self.categories.get(record.category, (0, 0, Tally()))
        tally.add(produced, want)
        self.categories[record.category] = (n + 1, ok + right, tally)
        self._confuse(produced, want)

    def _confuse(self, produced: Iterable[Triple], want: Iterable[Triple]) -> None:
        """Pair expected and produced events by dyad; compare their root codes."""
        got_by_dyad: dict[tuple[str, str], list[str]] = {}
        for s, t, c in produced:
            got_by_dyad.setdefault((s, t), []).append(c[:2])
        for s, t, c in want:
            roots = got_by_dyad.get((s, t))
            self.confusion[(c[:2], roots.pop(0) if roots else "none")] += 1
        for roots in got_by_dyad.values():
            for root in roots:
                self.confusion[("none", root)] += 1

    def summary(self) -> dict[str, float]:
        """The numbers CI floors guard."""
        out = {"exact": self.exact_share}
        for name, tally in self.levels.items():
            out[f"{name}_f1"] = tally.f1
        return out


def below_floors(summary: dict[str, float], floors: dict[str, float]) -> list[str]:
    """The scores that fell below their floor, as readable lines (empty when all hold)."""
    return [
        f"{name} {summary.get(name, 0.0):.3f} < floor {floor:.3f}"
        for name, floor in floors.items()
        if summary.get(name, 0.0) < floor
    ]
