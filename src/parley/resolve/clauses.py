"""Which event a phrase of its sentence (a time, a place) belongs to, read on the parse.

A phrase belongs to the clause it hangs from and to the clauses that go on from it
(`met on Wednesday in Geneva to discuss…`, `met … and agreed…`), but not to what a
speaker reports (`Japan said in Tokyo that China had attacked`: the attack did not
happen in Tokyo)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from parley.document import Word
from parley.syntax.analysis import span_words

# Clauses that go on with the clause that governs them: its phrases are theirs too
# (`csubj`: `Bush is certain to ask`, as the parser often reads it).
_CONTINUING = frozenset({"xcomp", "advcl", "conj", "csubj"})


def clause_chain(words: Sequence[Word], verb: int) -> list[int]:
    """The clause heads whose phrases may belong to `verb`: its own clause, then each
    clause it continues (at most 8 steps: a parse may hold a cycle)."""
    chain = [words[verb].clause]
    for _ in range(8):
        head = words[chain[-1]]
        if head.relation not in _CONTINUING or head.head < 0:
            break
        chain.append(words[head.head].clause)
    return chain


def phrase_rank(
    words: Sequence[Word], start: int, end: int, verb: int, chain: list[int]
) -> int | None:
    """How near the phrase at tokens `[start, end)` is to `verb`: hanging from it (0),
    elsewhere in its clause (1, as a dateline is), then the same for each clause it
    continues; None when the phrase belongs to another clause."""
    inside = span_words(words, start, end)
    if not inside:
        return None
    top = next((i for i in inside if words[i].head not in inside), inside[0])
    anchor = words[top].head if words[top].head >= 0 else top
    clause = words[anchor].clause
    if clause not in chain:
        return None
    return 2 * chain.index(clause) + (anchor not in (verb, clause))


class Spanned(Protocol):
    """A phrase of a sentence: tokens `[start, end)`."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


P = TypeVar("P", bound=Spanned)


def closest(
    words: Sequence[Word], verb: int, found: Sequence[P], rank: Callable[[P, list[int]], int | None]
) -> P | None:
    """The phrase of `found` that `rank(phrase, clause_chain)` puts nearest `verb`, the
    nearer in the text among equals; None when it ranks none."""
    chain = clause_chain(words, verb)
    at = words[verb].token
    ranked = [
        (r, abs(p.start - at), n) for n, p in enumerate(found) if (r := rank(p, chain)) is not None
    ]
    return found[min(ranked)[2]] if ranked else None


def verb_word(words: Sequence[Word], char_start: int) -> int | None:
    """The word an event's verb span starts at, if the sentence was analysed."""
    return next((i for i, w in enumerate(words) if w.start == char_start), None)
