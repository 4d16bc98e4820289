"""Who acts, who is acted on, and how firmly it is said, read from the dependency tree.

A careful coder reads a sentence by its grammar, not its word order: the subject of a
verb acts (`Blair visited Washington`), the agent of a passive acts (`was rejected by
Kim`), a verb without a subject of its own takes its governor's (`Kim headed to
Vladivostok to huddle with Putin`: Kim huddles), and a relative clause's subject is the
noun it describes. The target is the first actor inside the verb's object, else inside
its prepositional dependents (`met with Putin`, `ties with Gondor`). Negation and
modality come from the verb's own dependents (`did not`, `will`, `if`) and from the
verb governing it (`is certain to ask`: a forecast; `officials said`: reported).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

from parley.actors.entries import PLACE_KINDS
from parley.dates import MONTHS, WEEKDAYS
from parley.document import Mention, Word
from parley.errors import ParleyError
from parley.events.rules import RuleSet
from parley.tables import table_kinds, table_rows, tables_folder

# Gives a mention a composed code, naming the rule that composed it.
Recode = Callable[[Mention, str, str], Mention]

# Dependents that open another clause: an actor inside one belongs to its own verb.
_CLAUSES = frozenset({"acl", "acl:relcl", "advcl", "ccomp", "csubj", "parataxis", "xcomp"})
_NOT_INSIDE = frozenset(
    {"punct", "case", "det", "cc", "mark", "cop", "aux", "aux:pass", "nsubj", "nsubj:pass"}
)
_RELATIVE = frozenset({"who", "which", "that", "whom"})
# Verbs and nouns whose infinitive, done by the same subject, is only intended: CAMEO
# codes `pledged to send aid` as an intention (03), `threatened to attack` as a threat (13).
_PLEDGES = frozenset(
    "pledge promise vow offer plan intend want seek aim hope wish agree commit threaten "
    "warn volunteer".split()
)
_PLEDGE_NOUNS = frozenset(
    "pledge promise vow offer plan intention commitment threat proposal readiness "
    "willingness".split()
)
THREATS = frozenset({"threaten", "vow", "warn", "threat"})
# Speech verbs whose subject, saying what it will do, states an intention.
_ANNOUNCING = frozenset("say announce declare state confirm warn vow".split())
_PERSONAL = frozenset("it they he she we i".split())
_FAILURE = frozenset({"fail", "refuse", "decline"})
# A word before a `to` infinitive that may sit between it and the noun it completes.
_PHRASE_TAGS = frozenset({"ADP", "PROPN", "DET", "ADJ", "NUM", "PART", "PRON"})
_SPEECH = frozenset(
    "say tell claim report announce state add argue insist allege believe think note "
    "warn confirm deny suggest write".split()
)


# Where an agent's country hangs: `mayor of Nablus`, `Syria's government`, `US Deputy Secretary`.
_OF_AGENT = frozenset({"nmod", "nmod:poss", "compound", "amod"})
# Clauses through which a verb's doer is the governing clause's (`grammar_has_doer`), and
# through which a verb is part of what its governor blames (`alleged`).
_DOER_FROM = frozenset({"xcomp", "advcl", "conj"})
_ALLEGED_FROM = frozenset({"xcomp", "advcl", "acl", "conj", "ccomp"})
_NOMINAL = frozenset({"compound", "nmod", "nmod:poss", "amod", "flat", "appos"})
# Nouns whose possessor (or `by` agent) does what the infinitive after them says:
# `Gondor's decision to reject`, `an offer by Rohan to disarm`, `Arnor's refusal to engage`.
_CONTROL_NOUNS = frozenset(
    "decision refusal plan offer bid attempt effort pledge promise threat vow move "
    "agreement failure readiness willingness intention proposal call request demand "
    "determination resolve commitment permission authorization approval consent "
    "mandate".split()
)
# Nouns whose infinitive is what one side asks of another or allows it (`pressure from
# Congress to help Iran`, `a call by the UN to stop the fighting`, `permission to Russia
# to help Israel`): asked or allowed, not done.
_DEMAND_NOUNS = frozenset(
    "pressure call demand request appeal ultimatum order plea urging invitation "
    "permission authorization approval consent mandate".split()
)
_FAILURE_NOUNS = frozenset({"refusal", "failure"})
# Prepositions of whom an act reaches (`gave training to AMISOM`, `sanctions on firms`).
_RECIPIENTS = frozenset({"to", "toward", "towards", "against", "on", "upon", "with"})
# Relations inside a phrase that leave it (`the ban imposed on X`, `Y, a town`, `, and`).
_LEAVES_PHRASE = _CLAUSES | {"appos", "conj", "cc", "parataxis"}
# Prepositions that say where, not who (`met in Geneva`, `the crash in Ukraine`).
_PLACES = frozenset({"in", "at"})
# Prepositions of where one goes or what something reaches (`headed to Vladivostok`):
# what they govern is never the doer (rule `destinations-never-act`).
_DESTINATIONS = frozenset({"to", "toward", "towards", "into", "onto"})


_TIME_MARKS = frozenset({"after", "before", "since", "while", "when", "until", "as", "because"})
# Words that may measure the time before a time mark (`almost five years after`).
_DURATIONS = frozenset("year month week day hour minute decade".split())
_DURATION_TAGS = frozenset({"PUNCT", "ADV", "NUM", "ADJ", "DET"})


def _nearest(
    words: Sequence[Word],
    children: list[list[int]],
    start: int,
    marks: Mapping[int, int],
    follow: Callable[[Sequence[Word], list[list[int]], int], bool],
) -> int | None:
    """`marks[i]` for the marked word nearest the top of the phrase at `start` (left
    first among equals), going down only to the words `follow` accepts. Each word is
    visited once, so a parse holding a cycle (a user's analyser) cannot trap the walk."""
    level = [start]
    seen = {start}
    while level:
        for i in level:
            if i in marks:
                return marks[i]
        level = sorted(
            c for i in level for c in children[i] if c not in seen and follow(words, children, c)
        )
        seen.update(level)
    return None


def _nominal(words: Sequence[Word], children: list[list[int]], word: int) -> bool:
    return words[word].relation in _NOMINAL


def _inside_phrase(words: Sequence[Word], children: list[list[int]], word: int) -> bool:
    """Not into the clauses a phrase holds, nor into its function words, nor into a
    place it names (`the crash in east Ukraine` is no Ukrainian act)."""
    relation = words[word].relation
    if relation in _CLAUSES or relation in _NOT_INSIDE:
        return False
    if relation == "nmod":
        return not any(
            words[c].relation == "case" and words[c].lemma.lower() in _PLACES
            for c in children[word]
        )
    return True


def _names_occasion(words: Sequence[Word], head: int, kind: str, nouns: PhraseNouns) -> bool:
    """A place naming a gathering or accord held there (`the Geneva summit`, `the Minsk
    accords`): part of a name, not a party to it."""
    word = words[head]
    if kind not in PLACE_KINDS or word.relation != "compound" or word.head < 0:
        return False
    return nouns.occasion(words[word.head])


def _modifier(words: Sequence[Word], head: int) -> bool:
    """An agent that only describes something: an adjective (`diplomatic ties`) or the
    first half of one (`a government-held town`, `rebel-controlled areas`)."""
    word = words[head]
    if word.upos == "ADJ" or word.relation == "amod":
        return True
    return word.relation == "compound" and words[word.head].upos in ("VERB", "ADJ")


def _phrase(children: list[list[int]], top: int) -> list[int]:
    """The words of the phrase `top` heads, in order."""
    found, level = {top}, [top]
    while level:  # `found`: another analyser's parse may hold a cycle
        level = [c for i in level for c in children[i] if c not in found]
        found.update(level)
    return sorted(found)


def _compose(actor: str, agent: str) -> str:
    """`PSE` + `---GOV` → `PSEGOV`; an actor that already has the sector keeps its code."""
    sector = agent[3:]
    return actor if sector in actor[3:] else actor + sector


# What may follow a closing speech verb (`said here Wednesday.`, `said in a statement.`)
# and stand between it and the comma before (`…, US Deputy Secretary Jeffrey Kupfer`).
_AFTER_SPEECH = frozenset({"ADV", "ADP", "DET", "ADJ", "NOUN", "PROPN", "NUM", "PUNCT"})
_REPORTER = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PUNCT", "PART", "ADP", "CCONJ"})


def _reporting_tail(words: Sequence[Word]) -> range:
    """The words of a closing `…, US Deputy Secretary Jeffrey Kupfer said here Wednesday.`
    (from the comma on), however the parser hung them: the last verb is a speech verb,
    only adverbials follow it and only noun phrases and commas lie back to a comma; or,
    inverted, the verb right after the comma and a noun phrase after it (`…, said
    President Garcia.`, which the parser reads as a second verb of the first subject). Who
    says it is no one's target, even where the parser made it an object of the clause
    before (as it does when it reads `Wednesday` as the subject of `said`)."""
    verb = next((i for i in range(len(words) - 1, -1, -1) if words[i].upos == "VERB"), None)
    if verb is None or words[verb].lemma.lower() not in _SPEECH:
        return range(0)
    inverted = (
        verb > 0
        and words[verb - 1].text == ","
        and any(w.upos == "VERB" for w in words[: verb - 1])  # a clause before, no apposition
        and all(w.upos in _AFTER_SPEECH | _REPORTER for w in words[verb + 1 :])
    )
    if inverted:
        return range(verb - 1, len(words))  # `…, said President Garcia.`
    if any(w.upos not in _AFTER_SPEECH for w in words[verb + 1 :]):
        return range(0)
    start = None
    for i in range(verb - 1, -1, -1):
        if words[i].upos not in _REPORTER:
            break
        if words[i].text == "," and i < verb - 1:
            start = i
    return range(start, len(words)) if start is not None else range(0)


# What a clause said or thought (`ccomp`) keeps of the clauses above it: `Bush could
# explain that he agreed` asserts no agreeing, `officials will say that Kim agreed` does.
_UNASSERTED = frozenset({"hypothetical", "prescribed"})
# Clauses as firm as the clause they hang on (`will visit Tokyo to meet Koizumi`).
_SAME_FIRMNESS = frozenset({"conj", "advcl", "xcomp", "csubj"})
_MODALITIES = frozenset({"asserted", "future", "hypothetical", "prescribed", "forecast"})
_PLACES_OF_MODAL = ("aux", "mark", "governor", "predicate", "taker")


@dataclass(slots=True, frozen=True)
class Manner:
    """The words that say how firmly a verb's event is said: the negations
    (`data/tables/negations.tsv`) and the modality words by where they stand
    (`data/tables/modalities.tsv`: `aux`, `mark`, `governor`, `predicate`, `taker`).
    Kept in tables so that a reader can see, and extend, what parley takes as an
    opinion rather than a fact."""

    negations: frozenset[str]
    modal: Mapping[str, Mapping[str, str]]  # where → word → modality
    negation_tokens: frozenset[str] = frozenset()  # the negations as tokens (upper case)

    @classmethod
    def read(cls, folder: Path) -> Manner:
        """The two tables in `folder`; a row naming no known place or modality is an
        error, not a word silently ignored."""
        negations = frozenset(row[0] for row in table_rows(folder / "negations.tsv"))
        modal: dict[str, dict[str, str]] = {place: {} for place in _PLACES_OF_MODAL}
        for word, place, modality in table_rows(folder / "modalities.tsv"):
            if place not in modal or modality not in _MODALITIES:
                raise ParleyError(
                    f"modalities.tsv: '{word}' has place '{place}' and "
                    f"modality '{modality}'; places are {', '.join(modal)}"
                )
            modal[place][word] = modality
        return cls(negations, modal, frozenset(word.upper() for word in negations))

    @classmethod
    def bundled(cls) -> Manner:
        """parley's own tables (`Coder` reads them once, and hands them to each tree)."""
        return cls.read(tables_folder())


@dataclass(slots=True, frozen=True)
class PhraseNouns:
    """Nouns that decide whether a place in their phrase acts
    (`data/tables/phrase_nouns.tsv`): an occasion a place names (`the Geneva summit`),
    and an act done to what its `of` phrase names (`the occupation of Crimea`). Kept in
    a table so that a reader can see, and extend, which phrases parley reads so."""

    occasions: frozenset[str] = frozenset()
    acts: frozenset[str] = frozenset()

    @classmethod
    def read(cls, folder: Path) -> PhraseNouns:
        """The table in `folder`; a row of another kind is an error, not a word ignored."""
        kinds = table_kinds(folder / "phrase_nouns.tsv", ("occasion", "act"))
        return cls(kinds["occasion"], kinds["act"])

    @classmethod
    def bundled(cls) -> PhraseNouns:
        """parley's own table (`Coder` reads it once, and hands it to each tree)."""
        return cls.read(tables_folder())

    def _named(self, word: Word, words: frozenset[str]) -> bool:
        return word.lemma.lower() in words or word.text.lower() in words

    def occasion(self, word: Word) -> bool:
        """`summit`, `talks`, `accords`: a gathering or accord a place may name."""
        return self._named(word, self.occasions)

    def act(self, word: Word) -> bool:
        """`occupation`, `invasion`: an act done to what its `of` phrase names."""
        return self._named(word, self.acts)


@dataclass(slots=True, frozen=True)
class HarmMeans:
    """The words by which a harm names its doer in a phrase (`killed in an Israeli
    airstrike`, `data/tables/harm_means.tsv`): nouns of acts of force (`means`), and
    verbs whose subject suffers the harm (`undergo`: `died`)."""

    means: frozenset[str] = frozenset()
    undergo: frozenset[str] = frozenset()

    @classmethod
    def read(cls, folder: Path) -> HarmMeans:
        """The table in `folder`; a row of another kind is an error, not a word ignored."""
        kinds = table_kinds(folder / "harm_means.tsv", ("means", "undergo"))
        return cls(kinds["means"], kinds["undergo"])

    @classmethod
    def bundled(cls) -> HarmMeans:
        """parley's own table (`Coder` reads it once)."""
        return cls.read(tables_folder())


# Prepositions of a phrase naming the act a harm came in (`killed in an airstrike`).
_MEANS_MARKS = frozenset({"in", "during"})
# The most words between such a preposition and its act noun (`in an Israeli tank shelling`).
_MEANS_REACH = 5


@dataclass(slots=True)
class Roles:
    """Actor groups (indexes into `Tree.groups`) a verb's grammar gives; None if none."""

    source: int | None
    target: int | None


@dataclass(slots=True)
class Tree:
    """One analysed sentence: words, their dependents, and where the actors hang."""

    words: Sequence[Word]
    children: list[list[int]]
    groups: list[list[Mention]]
    group_at: dict[int, int]  # head word of an actor → its group
    reporters: frozenset[int] = frozenset()  # groups in a closing `…, X said` (no targets)
    tail: range = range(0)  # the words of a closing `…, X said` (`_reporting_tail`)
    rules: RuleSet = field(default_factory=RuleSet)
    manner: Manner = field(default_factory=Manner.bundled)
    nouns: PhraseNouns = field(default_factory=PhraseNouns.bundled)
    # Groups that where they stand say where one goes or what an act is done to, never
    # who acts (`headed to Vladivostok`, `the occupation of Crimea`) → the rule saying so.
    not_doers: Mapping[int, str] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        words: Sequence[Word],
        mentions: Sequence[Mention],
        recode: Recode | None = None,
        rules: RuleSet | None = None,
        manner: Manner | None = None,
        nouns: PhraseNouns | None = None,
    ) -> Tree:
        """Actors hung on the tree, read as a careful coder reads noun phrases:

        - an agent alone that is an adjective (`diplomatic ties`, `government-held`) is
          no actor at all;
        - an agent alone takes the country of the phrase it governs (`the mayor of the
          West Bank city of Nablus`: PSEGOV; `ministers from the Georgian government`);
        - coordinated actors (`Gondor and Osgiliath`: `conj`) form one group, a country
          coordinated inside a phrase too (`lawmakers in Fornost and Gondor`);
        - mentions of the same words (a compound actor, `[FRO/BIL/SAM]`) are one group:
          each member acts, as coordinated actors do;
        - a place naming a gathering or accord (`the Geneva summit`), where one goes
          (`headed to Vladivostok`) or what an act is done to (`the occupation of
          Crimea`) stays an actor, one may go to or act on, but never acts there
          (`not_doers`).

        `recode(mention, code, rule)` gives a mention a composed code (with its country
        and sector facts); without it, mentions keep their codes. Each reading is a rule
        of `rules` (`parley.events.rules`), read only where it is on.
        """
        rules = rules if rules is not None else RuleSet()
        nouns = nouns if nouns is not None else PhraseNouns.bundled()
        children: list[list[int]] = [[] for _ in words]
        by_token: dict[int, list[int]] = {}
        for i, word in enumerate(words):
            if word.head >= 0:
                children[word.head].append(i)
            by_token.setdefault(word.token, []).append(i)
        heads: dict[int, int] = {}  # head word → index into `found`
        owner: dict[int, int] = {}  # every word of a mention → index into `found`
        found: list[Mention] = []
        head_of: list[int] = []  # index into `found` → head word
        loose: list[list[Mention]] = []  # mentions the analysis does not cover
        same: dict[tuple[int, int], list[Mention]] = {}  # the codes of a compound actor
        for mention in mentions:
            same.setdefault((mention.token_start, mention.token_end), []).append(mention)
        twins: dict[int, list[Mention]] = {}  # index into `found` → its compound's others
        for mention, *others in same.values():
            inside = [
                i
                for t in range(mention.token_start, mention.token_end)
                for i in by_token.get(t, ())
            ]
            members = set(inside)
            head = next((i for i in inside if words[i].head not in members), None)
            if head is None:
                loose.append([mention, *others])
                continue
            descriptive = mention.code.startswith("---") and _modifier(words, head)
            if descriptive and "descriptive-agent-no-actor" in rules:
                continue
            twins[len(found)] = others
            heads[head] = len(found)
            owner.update((i, len(found)) for i in inside)
            found.append(mention)
            head_of.append(head)
        absorbed: set[int] = set()
        if recode is not None and "agent-takes-owner-country" in rules:
            for head, index in heads.items():
                mention = found[index]
                if not mention.code.startswith("---"):
                    continue
                for child in children[head]:
                    if words[child].relation not in _OF_AGENT:
                        continue
                    inner = _nearest(words, children, child, heads, _nominal)
                    if inner is not None and not found[inner].code.startswith("---"):
                        composed = []  # one per code of a compound owner
                        for owner_mention in (found[inner], *twins[inner]):
                            owner_code = owner_mention.code
                            country = owner_mention.country
                            if (
                                words[child].relation != "nmod"
                                and country
                                and owner_code.startswith(country)
                            ):
                                owner_code = country  # `US Deputy Secretary`: a US official
                            code = _compose(owner_code, mention.code)
                            composed.append(recode(mention, code, "agent-takes-owner-country"))
                        found[index], *twins[index] = composed
                        absorbed.add(inner)
                        break
        tree = cls(
            words, children, [], {}, rules=rules, manner=manner or Manner.bundled(), nouns=nouns
        )
        tail = _reporting_tail(words) if "reporting-tail" in rules else range(0)
        reporters: set[int] = set()
        not_doers: dict[int, str] = {}
        for head, index in sorted(heads.items(), key=lambda item: found[item[1]].token_start):
            if index in absorbed:
                continue
            members = [found[index], *twins[index]]
            word = words[head]
            if word.relation == "conj" and word.head in tree.group_at:
                group = tree.group_at[word.head]
            elif word.relation == "conj" and word.head in owner and word.head not in heads:
                group = tree.group_at.get(head_of[owner[word.head]], -1)  # `in X and Y`
            else:
                group = -1
            if head in tail and group not in reporters:
                group = -1  # `…, Gondor and Dagolath, the Osgiliath newspaper said`: no list
            if group < 0:
                group = len(tree.groups)
                tree.groups.append([])
                if head in tail:
                    reporters.add(group)
                rule = tree._never_acts(head, found[index].kind)
                if rule is not None:
                    not_doers[group] = rule
            tree.groups[group] += members
            tree.group_at[head] = group
        tree.groups += loose
        tree.reporters = frozenset(reporters)
        tree.not_doers = not_doers
        tree.tail = tail
        return tree

    def _never_acts(self, head: int, kind: str) -> str | None:
        """The rule by which the actor at `head` (an entry of `kind`) never acts where it
        stands, if any: it is a place naming a gathering (`the Geneva summit`), where one
        goes or what something reaches (`headed to Vladivostok`), or what an act is done
        to (`the occupation of Crimea`)."""
        word = self.words[head]
        occasion = _names_occasion(self.words, head, kind, self.nouns)
        if occasion and "place-names-an-occasion" in self.rules:
            return "place-names-an-occasion"
        if word.relation not in ("obl", "nmod") or word.head < 0:
            return None
        case = self._case(head)
        place = kind in PLACE_KINDS
        if place and case in _DESTINATIONS and "destinations-never-act" in self.rules:
            return "destinations-never-act"
        done_to = case == "of" and self.nouns.act(self.words[word.head])
        if done_to and "act-noun-of-is-done-to" in self.rules:
            return "act-noun-of-is-done-to"
        return None

    def doer_in(self, start: int) -> int | None:
        """The actor nearest the top of the phrase headed by `start` that may act there
        (`actor_in`, passing over `not_doers`: `the occupation of Crimea by Russia`)."""
        marks = {h: g for h, g in self.group_at.items() if g not in self.not_doers}
        return _nearest(self.words, self.children, start, marks, _inside_phrase)

    def set_aside(self, verb: int) -> tuple[str, ...]:
        """The rules that set aside an actor in the verb's own subject as no doer (`the
        occupation of Crimea by Russia`: Russia acts, not Crimea), for the event's list."""
        subjects = self.dependents(verb, "nsubj", "nsubj:pass")
        inside = set(_phrase(self.children, subjects[0])) if subjects else set()
        heads = sorted(inside & self.group_at.keys())
        found = (self.not_doers.get(self.group_at[h]) for h in heads)
        return tuple(dict.fromkeys(rule for rule in found if rule is not None))

    def actor_in(self, start: int) -> int | None:
        """The actor nearest the top of the phrase headed by `start` (left first among
        equals), not looking into clauses the phrase holds."""
        return _nearest(self.words, self.children, start, self.group_at, _inside_phrase)

    def groups_below(self, verb: int) -> set[int]:
        """Actor groups whose head hangs anywhere below `verb`, but not in a clause that
        reports it (`…, Deputy Secretary Kupfer said`) or dates it (`after … burned`):
        the only ones a target may be guessed from when the grammar names none."""
        seen: set[int] = set()
        level = [verb]
        while level:
            seen.update(level)
            level = [
                c for i in level for c in self.children[i] if c not in seen and not self._aside(c)
            ]  # `seen`: another analyser's parse may hold a cycle
        return {
            group
            for head, group in self.group_at.items()
            if head in seen and group not in self.reporters
        }

    def _aside(self, word: int) -> bool:
        """A clause no target is guessed from: one beside another that says who said it
        (`…, officials said`), or one that says when or why (`…, after crowds burned`,
        `…, five years after crowds burned`)."""
        found = self.words[word]
        if found.relation == "advcl" and self._opens_with_time_mark(word):
            return True
        if found.relation == "conj" and self.dependents(word, "nsubj", "nsubj:pass"):
            return True  # `…, and the US and Japan also criticized Pyongyang`: their own act
        return found.relation == "parataxis" and found.lemma.lower() in _SPEECH

    def _opens_with_time_mark(self, word: int) -> bool:
        """Whether the phrase `word` heads opens (punctuation and a length of time aside:
        `several years`, `only days`) with a word such as `after`, even where the parser
        hung `after crowds burned…` on the subject, or `years` as the clause's subject."""
        for i in _phrase(self.children, word):
            found = self.words[i]
            lemma = found.lemma.lower()
            if lemma in _TIME_MARKS:
                return True
            if found.upos in _DURATION_TAGS or lemma in _DURATIONS:
                continue
            return False
        return False

    def dependents(self, verb: int, *relations: str) -> list[int]:
        return [c for c in self.children[verb] if self.words[c].relation in relations]

    def is_passive(self, verb: int) -> bool:
        """`was condemned by X`, or a participle describing a noun (`a missile fired by X`)."""
        word = self.words[verb]
        if self.dependents(verb, "aux:pass", "nsubj:pass", "obl:agent"):
            return True
        return word.relation == "acl" and word.xpos == "VBN"

    def _clause_chain(self, verb: int, through: frozenset[str]) -> Iterator[int]:
        """`verb`, then the verbs governing it for as long as each is joined to the next
        by one of the relations `through` (at most 8 steps: a parse may hold a cycle)."""
        current = verb
        for _ in range(8):
            yield current
            word = self.words[current]
            if word.relation not in through or word.head < 0:
                return
            current = word.head

    def grammar_has_doer(self, verb: int) -> bool:
        """The verb's doer is the grammar's to name, and no nearby actor stands in for
        it: a passive's agent (`was blown up by a missile`; `was attacked`, by whom is
        not said), or the noun a clause describes (`a trip aimed at pushing for X`,
        `victims killed by the crash`)."""
        if self.is_passive(verb):
            return True
        return any(
            self.words[v].relation in ("acl", "acl:relcl") or self.dependents(v, "obl:agent")
            for v in self._clause_chain(verb, _DOER_FROM)
        )

    def frames_report(self, verb: int) -> bool:
        """The verb frames what another clause says (`officials said Kim attacked`,
        `Kim attacked, officials said`): what it reports is the event, not the saying."""
        if self.dependents(verb, "ccomp") or verb in self.tail:
            return True
        return self.words[verb].relation == "parataxis"

    def alleged(self, verb: int) -> bool:
        """The verb says what someone is blamed or punished for (`accused China of
        helping North Korea`, `jailed a student for helping militants join a group`):
        the reason for another event, alleged, not an event the sentence reports."""
        for v in self._clause_chain(verb, _ALLEGED_FROM):
            word = self.words[v]
            if word.relation in ("advcl", "acl") and word.xpos == "VBG":
                marks = self.dependents(v, "mark", "case")
                if any(self.words[m].lemma.lower() in ("of", "for") for m in marks):
                    return True
        return False

    def considers(self, verb: int, verbs: AbstractSet[str], nouns: AbstractSet[str]) -> bool:
        """Whether `verb`, one of `verbs`, has an act it considers: a clause
        (`considering sending`) or a noun of `nouns` with one (`the possibility of
        sending`)."""
        if self.words[verb].lemma.lower() not in verbs:
            return False
        if self.dependents(verb, "xcomp", "advcl", "ccomp"):
            return True
        return any(
            self.words[o].lemma.lower() in nouns and self.dependents(o, "acl")
            for o in self.dependents(verb, "obj")
        )

    def considered_by(
        self, verb: int, verbs: AbstractSet[str], nouns: AbstractSet[str]
    ) -> int | None:
        """The verb of `verbs` under which `verb` is only considered (`is considering
        sending`, `is weighing whether to send`, `is exploring the possibility of
        sending`: a noun of `nouns` between), if any."""
        word = self.words[verb]
        head = word.head
        if head < 0:
            return None
        if word.relation in ("xcomp", "advcl", "ccomp"):
            return head if self.words[head].lemma.lower() in verbs else None
        if word.relation == "acl" and self.words[head].lemma.lower() in nouns:
            governor = self.words[head].head
            if governor >= 0 and self.words[governor].lemma.lower() in verbs:
                return governor
        return None

    def infinitive(self, verb: int) -> bool:
        """A `to` infinitive (`pledged to send`, `urged Kim to talk`)."""
        return any(self.words[m].lemma.lower() == "to" for m in self.dependents(verb, "mark"))

    def obliges_only(self, verb: int) -> bool:
        """A verb that only says its `to` infinitive ought to happen (`need to act`,
        `are required to report`, `data/tables/modalities.tsv`: a `governor` whose
        modality is `prescribed`): the infinitive is the event, prescribed, and the
        verb no act of its own (CAMEO.2.0 codes NEED as DEMAND, 100)."""
        lemma = self.words[verb].lemma.lower()
        if self.manner.modal["governor"].get(lemma) != "prescribed":
            return False
        return any(self.infinitive(c) for c in self.dependents(verb, "xcomp"))

    def _agents(self, verb: int) -> list[int]:
        """A passive's `by` phrases (`was rejected by Kim`), actors or not."""
        return self.dependents(verb, "obl:agent") or [
            c
            for c in self.dependents(verb, "obl")
            if any(self.words[k].lemma == "by" for k in self.children[c])
        ]

    def agentless(self, verb: int) -> bool:
        """A passive that names no doer at all (`five men were arrested`), not even one
        that is no actor (`were arrested by masked men`)."""
        return self.is_passive(verb) and not self._agents(verb)

    def means_doer(self, verb: int, means: AbstractSet[str]) -> int | None:
        """The actor group doing the act of force in an `in`/`during` phrase on `verb`
        (`killed in an Israeli airstrike`, `died in police firing`): the first actor
        between the preposition and the act noun, or the noun's `by` phrase. Read by
        word order within the phrase, as a parser often splits `in police firing`."""
        words = self.words
        for i, word in enumerate(words):
            if word.relation != "case" or word.lemma.lower() not in _MEANS_MARKS:
                continue
            if word.head < 0 or words[word.head].head != verb:
                continue
            for j in range(i + 1, min(len(words), i + 1 + _MEANS_REACH)):
                if words[j].upos not in ("NOUN", "VERB", "ADJ", "PROPN", "DET", "NUM"):
                    break
                if words[j].text.lower() not in means and words[j].lemma.lower() not in means:
                    continue
                found = next(
                    (self.group_at[k] for k in range(i + 1, j) if k in self.group_at), None
                )
                if found is None and words[j].upos == "NOUN":
                    found = self.noun_agent(j)
                if found is not None and found not in self.not_doers:
                    return found
                break
        return None

    def roles(self, verb: int) -> Roles:
        """Source and target groups of `verb`, from its dependents or its governor's."""
        if self.is_passive(verb):
            agents = self._agents(verb)
            source = self.actor_in(agents[0]) if agents else None
            subjects = self.dependents(verb, "nsubj:pass")
            if subjects:
                target = self.actor_in(subjects[0])
            elif self.words[verb].relation == "acl":
                target = self.actor_in(self.words[verb].head)
            else:
                target = None
            return Roles(source, target)
        return Roles(self.subject(verb), self.object(verb))

    def subject(self, verb: int, depth: int = 0) -> int | None:
        """The verb's subject actor; a verb with no subject of its own takes one from
        the verb governing it (`wants to attack`, `condemned … and promised`)."""
        subjects = self.dependents(verb, "nsubj", "nsubj:pass")
        word = self.words[verb]
        noun = None if subjects else self.controller(verb)
        if noun is not None and (agent := self.noun_agent(noun)) is not None:
            return agent  # `Trump's decision to reject`: Trump rejects
        if subjects:
            found = self.doer_in(subjects[0])
            relative = self.words[subjects[0]].lemma.lower() in _RELATIVE
            if found is None and relative and word.relation == "acl:relcl":
                return self.actor_in(word.head)  # `Syria, which welcomed X`
            return found
        governor = word.head
        if governor < 0 or depth > 8:
            return None
        if word.relation == "csubj":  # `Bush is certain to ask`, read as a clausal subject
            return self.subject(governor, depth + 1)
        if word.relation == "xcomp":
            objects = self.dependents(governor, "obj", "iobj")
            controls = "object-controls-infinitive" in self.rules
            if controls and objects and (found := self.actor_in(objects[0])) is not None:
                return found  # `urged Kim to talk`: Kim talks
            return self.subject(governor, depth + 1)
        if word.relation in ("conj", "advcl"):
            return self.subject(governor, depth + 1)
        if word.relation in ("acl:relcl", "acl"):
            return self.actor_in(governor)
        return None

    def object_controls(self, verb: int) -> bool:
        """An infinitive whose doer is its governor's object (`urged Kim to talk`)."""
        word = self.words[verb]
        if word.head < 0:
            return False
        objects = self.dependents(word.head, "obj", "iobj")
        return bool(objects) and self.actor_in(objects[0]) is not None

    def intended_by(self, verb: int) -> int | None:
        """The word saying that `verb` is only pledged, offered, planned or threatened by
        its own subject (`pledged to send`, `Kim's offer to dismantle`), or announced by
        it as what it will do (`Israel announced it would free prisoners`), if any."""
        word = self.words[verb]
        if word.relation == "ccomp" and self._announced_by_doer(verb):
            return word.head
        if word.relation not in ("xcomp", "advcl", "acl") or word.head < 0:
            return None
        if not self.infinitive(verb):
            return None
        noun = self.controller(verb)
        if noun is not None:
            return noun if self.words[noun].lemma.lower() in _PLEDGE_NOUNS else None
        governor = word.head
        if word.relation == "acl" or self.object_controls(verb) or self.is_passive(governor):
            return None
        return governor if self.words[governor].lemma.lower() in _PLEDGES else None

    def _announced_by_doer(self, verb: int) -> bool:
        """A `will`/`would` complement of a speech verb whose subject is the speaker,
        named again or as a pronoun (`X said it will`, `X warned they would`)."""
        governor = self.words[verb].head
        if governor < 0 or self.words[governor].lemma.lower() not in _ANNOUNCING:
            return False
        modals = {self.words[c].lemma.lower() for c in self.dependents(verb, "aux")}
        if not modals & {"will", "would", "shall", "'ll", "'d"}:
            return False
        speaker = self.subject(governor)
        if speaker is None:
            return False
        subjects = self.dependents(verb, "nsubj")
        if not subjects:
            return False
        doer = self.actor_in(subjects[0])
        if doer is None:
            return self.words[subjects[0]].lemma.lower() in _PERSONAL
        return {m.code for m in self.groups[doer]} == {m.code for m in self.groups[speaker]}

    def demanded_by_noun(self, verb: int) -> bool:
        """An infinitive completing a demand noun (`pressure from Congress to help`)."""
        head = self.words[verb].head
        noun = self.controller(verb)
        if noun is None and head >= 0 and self.words[head].upos == "NOUN":
            noun = head
        return noun is not None and self.words[noun].lemma.lower() in _DEMAND_NOUNS

    def controller(self, verb: int) -> int | None:
        """The control noun an infinitive completes (`decision … to reject`, `Kim's offer
        to dismantle`), if the noun it completes (`completed_noun`) is one."""
        noun = self.completed_noun(verb)
        if noun is None or self.words[noun].lemma.lower() not in _CONTROL_NOUNS:
            return None
        return noun

    def completed_noun(self, verb: int) -> int | None:
        """The noun an infinitive completes (`decision … to reject`, `an opportunity to
        press`), whether the parser hung it there (`acl`) or, as it often does, on the
        clause's verb: then the nearest noun before `to`, past a short phrase (`decision
        in Vietnam to`)."""
        word = self.words[verb]
        head = word.head
        if head < 0:
            return None
        if word.relation == "acl":
            return head
        if word.relation not in ("advcl", "xcomp"):
            return None
        marks = self.dependents(verb, "mark")
        if not marks or self.words[marks[0]].lemma.lower() != "to":
            return None
        for i in range(marks[0] - 1, max(-1, marks[0] - 6), -1):
            tag = self.words[i].upos
            if tag == "NOUN":
                return i
            if tag not in _PHRASE_TAGS:
                return None
        return None

    def noun_agent(self, noun: int) -> int | None:
        """Who does what a noun names: its possessor (`Washington's refusal`) or its
        `by` phrase (`an offer by Kim`)."""
        for child in self.children[noun]:
            relation = self.words[child].relation
            if relation == "nmod:poss" or (relation == "nmod" and self._case(child) == "by"):
                found = self.actor_in(child)
                if found is not None:
                    return found
        return None

    def _case(self, word: int) -> str | None:
        return next((self.words[c].lemma.lower() for c in self.dependents(word, "case")), None)

    def object(self, verb: int) -> int | None:
        """The first actor in the verb's objects, else in its prepositional dependents
        other than `in`/`at` phrases, which say where (`met in Geneva`), not whom."""
        word = self.words[verb]
        for relations in (("obj", "iobj"), ("obl", "obl:npmod", "nmod")):
            for child in self.dependents(verb, *relations):
                if word.relation == "acl:relcl" and self.words[child].lemma.lower() in _RELATIVE:
                    return self.actor_in(word.head)  # `Japan, which Russia supports`
                if self._case(child) in _PLACES and "places-say-where" in self.rules:
                    continue
                found = self.actor_in(child)
                if found is not None and found not in self.reporters:
                    return self._destination(verb, child, found)
        return None

    def unnamed_side(self, verb: int) -> tuple[int, int] | None:
        """The first and last word of the phrase naming whom the verb acts on, where no
        actor of the dictionaries does: a `to`/`on`/`against`/`with` phrase, else the
        object, headed by a name the dictionaries lack (`gave training to AMISOM`,
        `lifted the ban on Telekom`). What a one-sided event's `---` stands for, in the
        text's words: a user can see whom it was, and add the name to a dictionary.
        (Common nouns are left out: `imposed sanctions`, `redoubled its efforts` name
        what is done, not to whom.)"""
        obliques = [c for c in self.dependents(verb, "obl") if self._case(c) in _RECIPIENTS]
        for child in (*obliques, *self.dependents(verb, "iobj", "obj")):
            word = self.words[child]
            if word.upos != "PROPN" or word.text.upper() in MONTHS or word.text.upper() in WEEKDAYS:
                continue  # `on Thursday`: when, not whom
            return self._phrase_words(child)
        return None

    def unnamed_subject(self, verb: int) -> tuple[int, int] | None:
        """The first and last word of the verb's own subject where it is a plural noun
        phrase or a number with no actor in it (`taxi drivers`, `thousands`), else None."""
        subjects = self.dependents(verb, "nsubj")
        if not subjects or self.actor_in(subjects[0]) is not None:
            return None
        if self.words[subjects[0]].xpos not in ("NNS", "NNPS", "CD"):
            return None  # people, many: not `they` (named before), not `the decision`
        return self._phrase_words(subjects[0])

    def _phrase_words(self, head: int) -> tuple[int, int]:
        """The first and last word of the noun phrase `head` heads, without clauses,
        appositions or what is coordinated with it, nor a leading preposition or article
        or trailing punctuation."""
        inside = {head}
        level = [head]
        while level:
            level = [
                c
                for i in level
                for c in self.children[i]
                if c not in inside and self.words[c].relation not in _LEAVES_PHRASE
            ]
            inside.update(level)
        first = last = head
        while first - 1 in inside:
            first -= 1
        while last + 1 in inside:
            last += 1
        while first < head and self.words[first].relation in ("case", "det", "punct"):
            first += 1
        while last > head and self.words[last].upos == "PUNCT":
            last -= 1
        return first, last

    def _destination(self, verb: int, child: int, found: int) -> int:
        """Where what the doer sends goes, if the verb's target `found` (at `child`) is
        only what is sent: an agent with no country of its own (`deployed troops to
        Mali`, `sent police into the town`: Mali and the town are acted on, not the
        troops; rule `destination-over-what-is-sent`)."""
        if "destination-over-what-is-sent" not in self.rules:
            return found
        if not all(m.code.startswith("---") for m in self.groups[found]):
            return found
        phrases = [*self.dependents(verb, "obl"), *self.dependents(child, "nmod")]
        for phrase in phrases:
            if self._case(phrase) not in _DESTINATIONS:
                continue
            where = self.actor_in(phrase)
            if where is not None and where != found and where not in self.reporters:
                return where
        return found

    def negated(self, verb: int) -> bool:
        """`did not materialize`, `has yet to commit`, `failed to reach`: not asserted.
        A verb coordinated with a refused or failed one, without a subject of its own,
        is refused too (`refused to talk and to offer aid`, `failed to reach or call`)."""
        negations = self.manner.negations
        if any(self.words[c].lemma.lower() in negations for c in self.dependents(verb, "advmod")):
            return True
        word = self.words[verb]
        if (
            word.relation == "conj"
            and word.head >= 0
            and not self.dependents(verb, "nsubj", "nsubj:pass")
            and self._refused(word.head)
        ):
            return True
        return self._refused(verb)

    def _refused(self, verb: int) -> bool:
        """Negated by what governs it: a failure noun or verb, or a negated governor."""
        negations = self.manner.negations
        word = self.words[verb]
        noun = self.controller(verb)
        if noun is not None and self.words[noun].lemma.lower() in _FAILURE_NOUNS:
            return True  # `Washington's refusal to engage`: it did not engage
        if word.relation == "xcomp" and word.head >= 0:
            governor = word.head
            if self.words[governor].lemma.lower() in _FAILURE:
                return True
            adverbs = self._adverbs(governor)
            return bool(adverbs & negations) or "yet" in adverbs
        return False

    def _adverbs(self, word: int) -> set[str]:
        return {self.words[c].lemma.lower() for c in self.dependents(word, "advmod")}

    def modality(self, verb: int) -> str:
        """asserted, future (`will`, or an intention: `plans to`), hypothetical (`could`,
        `if`, `an opportunity to`), prescribed (`should`, `needs to`, `it is time for X
        to`: someone says it ought to happen), forecast (`is certain to`), or reported
        (said by someone), from the words of `data/tables/modalities.tsv`. The word
        nearest the verb wins, going up through the clauses whose firmness it shares
        (`conj`, `advcl`, `xcomp`, `csubj`, and `seized the chance to`: as firm as the
        seizing). Above a clause said or thought (`ccomp`), only a hypothetical or a
        prescription still counts: `Bush could explain that he agreed` asserts no
        agreeing, `Kim will say that he agreed` reports one."""
        said: str | None = None  # once past a `ccomp`: reported, or asserted
        current, depth = verb, 0
        while current >= 0 and depth < 8:
            found = self._modal_mark(current) or self._completed_modality(current)
            if found is not None and (said is None or found in _UNASSERTED):
                return found
            word = self.words[current]
            governor = word.head
            if governor < 0:
                break
            if word.relation == "acl" and self._taken(governor):
                governor = self.words[governor].head
            elif word.relation == "ccomp":
                if said is None:
                    speech = self.words[governor].lemma.lower() in _SPEECH
                    said = "reported" if speech else "asserted"
            elif word.relation not in _SAME_FIRMNESS:
                break
            current, depth = governor, depth + 1
        if said == "reported":
            return said
        if any(self.words[c].lemma.lower() in _SPEECH for c in self.dependents(verb, "parataxis")):
            return "reported"
        return "asserted"

    def asked_of(self, verb: int, words: Mapping[str, str]) -> tuple[int, int, str] | None:
        """(speaker group, addressee group, auxiliary) where `verb` is what a speech verb's
        subject says another must or should do (`Assad said Turkey must mediate`: Turkey
        is asked; an auxiliary of `words`), else None. The speaker asks only of
        another: `Peru said it must act` is no demand."""
        word = self.words[verb]
        if word.relation != "ccomp" or word.head < 0:
            return None
        if self.words[word.head].lemma.lower() not in _SPEECH:
            return None
        aux = next(
            (
                self.words[c].lemma.lower()
                for c in self.dependents(verb, "aux")
                if self.words[c].lemma.lower() in words
            ),
            None,
        )
        if aux is None:
            return None
        speaker = self.subject(word.head)
        subjects = self.dependents(verb, "nsubj", "nsubj:pass")
        addressee = self.doer_in(subjects[0]) if subjects else None
        if speaker is None or addressee is None or speaker == addressee:
            return None
        return speaker, addressee, aux

    def _modal_mark(self, clause: int) -> str | None:
        """The modality an auxiliary (`should`, `will`) or subordinator (`if`) of the
        clause gives it, if any."""
        modal = self.manner.modal
        for c in self.dependents(clause, "aux", "mark"):
            found = modal[self.words[c].relation].get(self.words[c].lemma.lower())
            if found is not None:
                return found
        return None

    def _completed_modality(self, clause: int) -> str | None:
        """The modality a clause takes from the word whose infinitive it is: the noun it
        completes (`an opportunity to press`) unless that is taken (`seized the
        opportunity to`), else its governing verb or adjective (`needs to`, `is certain
        to`, `is essential for Japan to`), however the parser hung it (`xcomp`, `csubj`,
        or a `to` clause as `advcl` or `acl`). `time` counts only as a copula's bare
        predicate (`it is time for X to`, not `it was the first time for X to`), and a
        governor with `yet` says the act is not done (`has yet to commit`: `negated`),
        not that it must be."""
        word = self.words[clause]
        infinitive = self.infinitive(clause)
        if word.head < 0 or not (
            word.relation in ("xcomp", "csubj")
            or (infinitive and word.relation in ("advcl", "acl"))
        ):
            return None
        modal = self.manner.modal
        noun = self.completed_noun(clause) if infinitive else None
        for head in dict.fromkeys(h for h in (noun, word.head) if h is not None):
            if self._taken(head) or "yet" in self._adverbs(head):
                continue
            lemma = self.words[head].lemma.lower()
            if lemma in modal["governor"]:
                return modal["governor"][lemma]
            bare = self.dependents(head, "cop") and not self.dependents(head, "det")
            if lemma in modal["predicate"] and bare:
                return modal["predicate"][lemma]
        return None

    def _taken(self, noun: int) -> bool:
        """An object noun of a verb that takes it (`seized the chance`, `used the
        opportunity`): what the noun allows is then done, not only possible."""
        head = self.words[noun].head
        return (
            self.words[noun].relation == "obj"
            and head >= 0
            and self.words[head].lemma.lower() in self.manner.modal["taker"]
        )
