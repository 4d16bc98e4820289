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

Words in order are not yet the verb's words. On an analysed sentence the words a pattern
names after the verb must lie in the verb's own clause, a `(…)` group must be a
prepositional phrase on the verb or its object, and a phrase saying when is no phrase a
pattern meets by a stray word (`Reach`): `continue … into the foreseeable future` is no
advance `- * INTO`, `attacked X with missiles, officials said` no clash `(WITH
OFFICIALS)`.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from parley.document import Word
from parley.events.verbs import Codes, Pattern, Step, Verb


@dataclass(slots=True)
class Choice:
    """The codes chosen for one verb, the entry that gave them, and where markers hit."""

    codes: Codes
    entry: str
    places: dict[str, int] = field(default_factory=dict)  # marker → actor's first token
    negation: bool = False  # the pattern spells out a negation: it is part of the code
    by_lemma: bool = False  # a pattern word met a noun by its lemma (`pattern-lemmas`)
    refused: tuple[str, ...] = ()  # rules that turned down a pattern the words match
    pattern: bool = False  # a pattern chose the codes, not the verb's own


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
    `bases`: each token's lemma if it is a noun, else "" (empty: words as written)."""
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


_CLAUSE_HEADS = frozenset({"VERB", "AUX"})
# The particles of phrasal verbs (`press on`, `clamp down`, `reach out`).
PARTICLES = frozenset("ON OFF UP DOWN OUT IN BACK AWAY OVER ALONG AROUND THROUGH".split())
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "expl"})
_PREPOSITIONS = frozenset({"case", "mark"})
_TIME_RELATIONS = frozenset(
    {"obl", "obl:tmod", "obl:npmod", "nmod", "nmod:tmod", "nmod:npmod", "advmod"}
)


def _below(children: Sequence[Sequence[int]], top: int, words: Sequence[Word] = ()) -> list[int]:
    """`top` and the words hanging below it (a parse may hold a cycle: each word once);
    given `words`, not the clauses inside (`for two hours, forcing police to fire`)."""
    seen, found = [top], {top}
    for word in seen:
        more = [
            c
            for c in children[word]
            if c not in found and not (words and words[c].upos in _CLAUSE_HEADS)
        ]
        seen += more
        found.update(more)
    return seen


@dataclass(slots=True, frozen=True)
class Reach:
    """Where a verb pattern's words after the verb may lie, read on the tree, so that a
    pattern is met by the verb's own phrases and not by words that merely follow it.

    - `clause` (rule `pattern-in-clause`): the tokens of the verb's own clause, the
      words hanging below it but not in a clause with its own subject beside it
      (`condemned the meeting, and a spokesman said …`) or set off to report it
      (`attacked X with missiles, officials said`); None where not checked. A clause
      without a subject stays (a parser often hangs an object as `parataxis`).
    - `phrases` (rule `pattern-prepositions`): each preposition heading a phrase on the
      verb or on its object, to the tokens of that phrase (clauses inside it left
      out): a `(WITH &WEAPON)` group opens at one and lies inside it; None where not
      checked. `obliques` (the same rule): each token of a phrase on the verb itself
      to its preposition's: a pattern's word outside a group meets none of them unless
      the pattern writes that preposition (`- * &TOWN` is `seized the town`, not
      `arrested in the town`).
    - `particles` (rule `pattern-particles`): the tokens of the verb's own particles
      (`compound:prt`: `clamped down`); a pattern that is one particle and nothing else
      (`- * ON`: press on, `- * DOWN`: clamp down) names a phrasal verb, met by the
      verb's particle or the word right after it, not by a preposition further on
      (`want back in on the talks` is no `press on`); None where not checked.
    - `times` (rule `pattern-time-phrases`): each token of a phrase saying when
      (`into the foreseeable future`), to the token of its time noun: none of it meets a
      pattern word unless a `(…)` group opens on it, or the word is the noun itself.
    """

    clause: frozenset[int] | None = None
    phrases: Mapping[int, frozenset[int]] | None = None
    times: Mapping[int, int] = field(default_factory=dict)
    obliques: Mapping[int, int] = field(default_factory=dict)
    particles: frozenset[int] | None = None

    @classmethod
    def read(
        cls,
        words: Sequence[Word],
        children: Sequence[Sequence[int]],
        verb: int,
        rules: Container[str],
        time_nouns: AbstractSet[str] = frozenset(),
    ) -> Reach:
        """The reach of the verb at word `verb`, for the rules of `rules` that are on."""

        def tokens(found: Sequence[int]) -> frozenset[int]:
            return frozenset(words[i].token for i in found)

        def own_clause(word: int) -> bool:
            """A clause beside the verb's, not part of it, or one describing a noun of it
            (`the approach of Quito, which emphasizes negotiations`)."""
            found = words[word]
            if found.relation == "acl:relcl":
                return True
            if found.relation not in ("parataxis", "conj", "ccomp"):
                return False
            if not any(words[c].relation in _SUBJECTS for c in children[word]):
                return False
            if found.relation != "ccomp":
                return True
            return words[min(_below(children, word))].upos == "PUNCT"

        clause = None
        if "pattern-in-clause" in rules:
            # A verb the parser took for an adjective (`submitted petitions` read as
            # `amod`) has its object above it: its clause is the noun's phrase.
            top = words[verb].head if words[verb].relation == "amod" else verb
            seen = [top if top >= 0 else verb]
            found = set(seen)
            for word in seen:
                more = [c for c in children[word] if c not in found and not own_clause(c)]
                seen += more
                found.update(more)
            clause = tokens(seen)
        phrases = None
        obliques: dict[int, int] = {}
        if "pattern-prepositions" in rules:
            phrases = {}
            for word in words:
                if word.relation not in _PREPOSITIONS or word.head < 0:
                    continue
                if cls._on_verb(words, word.head, verb):
                    inside = tokens(_below(children, word.head, words))
                    phrases[word.token] = inside
                    if words[word.head].head == verb and word.relation == "case":
                        obliques.update((t, word.token) for t in inside)
        times: dict[int, int] = {}
        if "pattern-time-phrases" in rules:
            for i, word in enumerate(words):
                if (
                    word.upos in ("NOUN", "PROPN")
                    and word.relation in _TIME_RELATIONS
                    and word.lemma.lower() in time_nouns
                ):
                    times.update((t, word.token) for t in tokens(_below(children, i, words)))
        particles = None
        if "pattern-particles" in rules:
            particles = tokens([c for c in children[verb] if words[c].relation == "compound:prt"])
        return cls(clause, phrases, times, obliques, particles)

    @staticmethod
    def _on_verb(words: Sequence[Word], noun: int, verb: int) -> bool:
        """Whether the phrase of `noun` hangs on `verb`, directly or through nouns (its
        object's), no other clause between (`attacked the town with missiles`)."""
        current = noun
        for _ in range(8):  # a parse may hold a cycle
            head = words[current].head
            if head == verb:
                return True
            if head < 0 or words[head].upos in _CLAUSE_HEADS:
                return False
            current = head
        return False


@dataclass(slots=True)
class _Search:
    """A backtracking search for a pattern's steps after the verb within its `Reach`:
    the words may be met at several places, and only some lie where the tree allows.
    `refused` collects the rules that turned down a place the words alone matched."""

    steps: Sequence[Step]
    phrases: Mapping[int, tuple[int, int]]  # step opening a `(…)` group → the group's span
    norms: Sequence[str]
    end: int
    actors: Mapping[int, int]
    bases: Sequence[str]
    reach: Reach
    places: dict[str, int]
    written: frozenset[str] = frozenset()  # the pattern's words (`IN` of `- * IN &TOWN`)
    start: int = -1  # the token right after the verb
    refused: set[str] = field(default_factory=set)
    failed: set[tuple[int, int, int]] = field(default_factory=set)

    def _size(self, step: Step, k: int) -> int:
        """How many tokens `step` takes at `k` (0 where it does not match there)."""
        if isinstance(step, str):
            return self.actors[k] - k if k in self.actors else 0
        if not step.starts(self.norms, self.bases, k):
            return 0
        return step.length_at(self.norms, k, self.bases)

    def _fault(self, n: int, k: int, size: int, group: tuple[int, int, int] | None) -> str:
        """The rule that refuses step `n` at tokens `k…k+size`, "" where none does."""
        taken = range(k, k + 1) if isinstance(self.steps[n], str) else range(k, k + size)
        clause = self.reach.clause
        if clause is not None and any(t not in clause for t in taken):
            return "pattern-in-clause"
        phrases = self.reach.phrases
        if phrases is not None:
            if n in self.phrases and k not in phrases:
                return "pattern-prepositions"
            if group is not None and n not in self.phrases:
                inside = phrases.get(group[2], frozenset())
                if any(t not in inside for t in taken):
                    return "pattern-prepositions"
            if group is None and not isinstance(self.steps[n], str):
                opened = (self.reach.obliques.get(t) for t in taken)
                if any(p is not None and self.norms[p] not in self.written for p in opened):
                    return "pattern-prepositions"  # `- * &TOWN` on `arrested in the town`
        particles = self.reach.particles
        lone = len(self.steps) == 1 and not self.phrases and self.written <= PARTICLES
        if particles is not None and lone and k != self.start and k not in particles:
            return "pattern-particles"  # `want back in on the talks`: no `- * ON`
        names = n in self.phrases and self.phrases[n][1] - n > 1  # `(TO FUTURE)`
        if not (names or group) and any(
            self.reach.times.get(t, t) != t for t in taken
        ):  # `- * INTO` on `into the foreseeable future`
            return "pattern-time-phrases"
        return ""

    def find(self, n: int, i: int, group: tuple[int, int, int] | None = None) -> bool:
        """Whether steps `n…` match from token `i`; `group`: the `(…)` group step `n` is
        inside (its span and the token its preposition met)."""
        if n == len(self.steps):
            return True
        if group is not None and n >= group[1]:
            group = None
        state = (n, i, group[2] if group else -1)
        if state in self.failed:
            return False
        step = self.steps[n]
        for k in range(i, self.end):
            size = self._size(step, k)
            if not size:
                continue
            fault = self._fault(n, k, size, group)
            if fault:
                self.refused.add(fault)
            elif self.find(n + 1, k + size, (*self.phrases[n], k) if n in self.phrases else group):
                if isinstance(step, str):
                    self.places[step] = k
                return True
            if isinstance(step, str):
                break  # a marker takes the next actor, as without a tree
        self.failed.add(state)
        return False


def choose_codes(
    verb: Verb,
    norms: Sequence[str],
    verb_at: tuple[int, int],
    window: tuple[int, int],
    actors: Mapping[int, int],
    bases: Sequence[str] = (),
    negations: AbstractSet[str] = frozenset(),
    reach: Callable[[], Reach] | None = None,
    need_after: bool = False,
) -> Choice:
    """The most specific pattern matching around the verb at tokens `verb_at`, looking
    no further than `window`, its words after the verb where `reach()` allows (read
    only when a pattern has words after the verb to place: most verbs try none); else the
    verb's own codes. `actors` maps each actor mention's first token to its end; `bases`
    each token's lemma if it is a noun. Only the patterns the nearby words can match
    are tried (`PatternIndex`), most specific first. A pattern the words alone match
    but the tree turns down names the rules that did (`Choice.refused`)."""
    start, end = verb_at
    read: Reach | None = None
    nearby = [*norms[window[0] : start], *norms[end : window[1]]]
    nouns = [*bases[window[0] : start], *bases[end : window[1]]] if bases else []
    refused: set[str] = set()
    for lemmas in ((), bases) if bases else ((),):
        for pattern in verb.patterns.candidates(nearby, nouns if lemmas else ()):
            if need_after and not pattern.after:
                continue  # `- POLICE *` on `police held a meeting`
            places: dict[str, int] = {}
            before = (pattern.before, norms, window[0], start, actors, places, lemmas)
            if not _steps_match(*before):
                continue
            if not _steps_match(pattern.after, norms, end, window[1], actors, {}, lemmas):
                continue  # the words alone do not follow (found at their first places)
            phrases = {first: (first, last) for first, last in pattern.phrases}
            after = (pattern.after, phrases, norms, window[1], actors, lemmas)
            if read is None:
                read = reach() if reach is not None else Reach()
            search = _Search(*after, read, places, pattern.words, end)
            if search.find(0, end):
                entry = f"{pattern.where} {verb.lemma}: - {pattern.text}"
                negative = _negative(pattern, negations)
                return Choice(
                    pattern.codes,
                    entry,
                    places,
                    negative,
                    bool(lemmas),
                    tuple(sorted(refused)),
                    pattern=True,
                )
            refused |= search.refused  # the words follow; the tree turned them down
    entry = f"{verb.where} {verb.lemma} ({verb.block})"
    return Choice(verb.codes, entry, refused=tuple(sorted(refused)))
