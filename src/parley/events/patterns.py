"""Choose a verb's code by the words around it, as PETRARCH's verb patterns do.

A pattern (`- $ * (AS NEGOTIATOR) (WITH +) [045]`) lists words that must appear, in
order, before and after the verb; other words may come between them. A word matches
itself, and a noun whose lemma it is (`NEGOTIATOR` is met by `negotiators`): news writes
its objects in the plural as often as not, and a dictionary names a noun by its lemma.
Patterns are first tried on the words as written, so a pattern spelling out the plural
(`- * EFFORTS`) wins over one naming the lemma (`- * EFFORT`) where both would match.
A marker stands for an actor at that place: `$` the source, `+` the target, `%` a
compound actor whose members act on each other. The most specific matching pattern wins
(most words); the places its markers matched override the roles read from the parse.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from parley.events.verbs import Codes, Pattern, Step, Verb


@dataclass(slots=True)
class Choice:
    """The codes chosen for one verb, the entry that gave them, and where markers hit."""

    codes: Codes
    entry: str
    places: dict[str, int] = field(default_factory=dict)  # marker → actor's first token
    negation: bool = False  # the pattern spells out a negation: it is part of the code
    by_lemma: bool = False  # a pattern word met a noun by its lemma (`pattern-lemmas`)


def _negative(pattern: Pattern, negations: AbstractSet[str]) -> bool:
    """Whether the pattern spells out a negation (a word of `negations`, upper case)."""
    return any(
        word.rstrip("*") in negations
        for step in (*pattern.before, *pattern.after)
        if not isinstance(step, str)
        for alternative in step.alternatives
        for word in alternative
    )


def _steps_match(
    steps: Sequence[Step],
    norms: Sequence[str],
    start: int,
    end: int,
    actors: Mapping[int, int],
    places: dict[str, int],
    bases: Sequence[str] = (),
) -> bool:
    """Find `steps` in order in `norms[start:end]`; a marker takes the next actor.
    `bases`: each token's lemma if it is a noun, else "" (none where not analysed)."""
    i = start
    for step in steps:
        if isinstance(step, str):
            found = next((k for k in range(i, end) if k in actors), None)
            if found is None:
                return False
            places[step] = found
            i = actors[found]
            continue
        size = 0  # most words start no alternative: `starts` skips them cheaply
        while i < end and not (
            step.starts(norms, bases, i) and (size := step.length_at(norms, i, bases))
        ):
            i += 1
        if i >= end:
            return False
        i += size
    return True


def choose_codes(
    verb: Verb,
    norms: Sequence[str],
    verb_at: tuple[int, int],
    window: tuple[int, int],
    actors: Mapping[int, int],
    bases: Sequence[str] = (),
    negations: AbstractSet[str] = frozenset(),
) -> Choice:
    """The most specific pattern matching around the verb at tokens `verb_at`, looking
    no further than `window`; else the verb's own codes. `actors` maps each actor
    mention's first token to its end; `bases` each token's lemma if it is a noun. Only
    the patterns the nearby words can match are tried (`PatternIndex`), most specific
    first."""
    start, end = verb_at
    nearby = [*norms[window[0] : start], *norms[end : window[1]]]
    nouns = [*bases[window[0] : start], *bases[end : window[1]]] if bases else []
    for lemmas in ((), bases) if bases else ((),):
        for pattern in verb.patterns.candidates(nearby, nouns if lemmas else ()):
            places: dict[str, int] = {}
            after = (pattern.after, norms, end, window[1], actors, places, lemmas)
            before = (pattern.before, norms, window[0], start, actors, places, lemmas)
            if _steps_match(*after) and _steps_match(*before):
                entry = f"{pattern.where} {verb.lemma}: - {pattern.text}"
                negative = _negative(pattern, negations)
                return Choice(pattern.codes, entry, places, negative, bool(lemmas))
    return Choice(verb.codes, f"{verb.where} {verb.lemma} ({verb.block})")
