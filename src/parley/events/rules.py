"""The coder's named rules, and which of them a run uses.

Beyond a verb's subject, object and dictionary entry, the coder reads sentences with
rules, each naming one construction of English or of a dictionary format
(`data/tables/coding_rules.tsv`). A `RuleSet` says which are on: all of them in a run,
all but some when measuring what one rule is worth (`parley validate --suite --without
NAME`, docs/ablation.md). The rules that chose an event's actors and code are listed
on the event (`Event.rules`), so that a user asking "why?" sees them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from parley.errors import ParleyError
from parley.tables import table_rows, tables_folder


@dataclass(slots=True, frozen=True)
class Rule:
    """One rule: its name, the stage it acts in, and the construction it names."""

    name: str
    stage: str
    construction: str


def coding_rules() -> tuple[Rule, ...]:
    """Every rule of the coder, in the order of the table."""
    return tuple(Rule(*row[:3]) for row in table_rows(tables_folder() / "coding_rules.tsv"))


@dataclass(slots=True, frozen=True)
class RuleSet:
    """The rules switched off (none by default)."""

    off: frozenset[str] = frozenset()

    @classmethod
    def without(cls, names: Iterable[str]) -> RuleSet:
        """All rules but `names`; a name that is no rule is an error naming the rules."""
        known = {rule.name for rule in coding_rules()}
        wanted = frozenset(names)
        unknown = sorted(wanted - known)
        if unknown:
            raise ParleyError(
                f"no coding rule named {', '.join(unknown)}; the rules are: "
                + ", ".join(sorted(known))
            )
        return cls(wanted)

    def __contains__(self, name: str) -> bool:
        """Whether rule `name` is on."""
        return name not in self.off
