"""Turn a sentence with actor mentions into events: who did what to whom.

Every dictionary verb the analysis tags VERB is coded from the tree (`events.roles`):
its subject (or a passive's agent) is the source, the first actor in its object or its
prepositional dependents the target, and a verb pattern (`events.patterns`) both refines
the code and may place source (`$`) and target (`+`) itself. Where the tree gives no
source or no target, the nearest actor group before the verb (or the first after it
that hangs below the verb, so never `…, an official said`) stands in: a parse is
sometimes wrong, and recall matters. No source stands in where the grammar names the
doer and it is no actor: a passive's agent (`was shot down`, by whom is not said) or
the noun a clause describes (`victims killed by the crash`). Coordinated actors give
one event per pair; `%` (a compound acting on itself: `Gondor and Osgiliath met`) gives
one event each way between its members. A sentence the analyser gave no tree has no
events: roles are read from grammar only. Each reading beyond a verb's subject, object
and entry is a named rule (`parley.events.rules`), listed on the events it chose.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from parley.actors.codes import CodeBook
from parley.actors.entries import Issue, Phrase
from parley.actors.matcher import Match, PhraseMatcher
from parley.document import Document, Event, Mention, Sentence, Span, Word
from parley.events.ontology import Ontology, longest_prefix
from parley.events.patterns import Choice, Reach, choose_codes
from parley.events.roles import THREATS, HarmMeans, Manner, PhraseNouns, Tree
from parley.events.rules import RuleSet
from parley.events.verbs import PatternIndex, Transformation, Verb, read_verbs
from parley.tables import table_kinds, table_map, table_rows, tables_folder

WINDOW = 15
# CAMEO's plain statement: made to no actor, the saying only frames what is said, which
# is coded on its own. A statement of a kind (011-019: declined to comment, expressed
# pessimism, claimed responsibility) is an event with no addressee.
_STATEMENT = "010"
_SUBJECTS = frozenset({"HE", "SHE", "THEY", "WE", "I"})
# CAMEO's "consider policy option": what an act only considered is coded as.
_CONSIDER = "014"


@dataclass(slots=True)
class _Raw:
    """An event before transformations and de-duplication."""

    source: Mention | None
    target: Mention | None  # None only while a transformation may still use it
    code: str
    verb: int  # the verb's word (the governor's, for a transformed event)
    verb_span: Span
    entry: str
    negated: bool
    modality: str
    transformed: bool = False
    rules: tuple[str, ...] = ()  # the rules that chose its actors and code

    def by(self, *rules: str) -> _Raw:
        """This event, chosen also by `rules`."""
        return replace(self, rules=tuple(dict.fromkeys((*self.rules, *rules))))


@dataclass(slots=True)
class VerbLexicon:
    """Compiled verb dictionaries: inflected forms → verbs with their patterns."""

    verbs: PhraseMatcher[Verb] = field(default_factory=PhraseMatcher)
    transformations: list[Transformation] = field(default_factory=list)
    governors: frozenset[str] = frozenset()  # verbs transformations apply under (`SAY`)
    roots: dict[str, str] = field(default_factory=dict)  # verb → its code's root (`ATTACK`: 19)
    refusals: dict[str, str] = field(default_factory=dict)  # negated `08` → refusal `124`
    intentions: dict[str, str] = field(default_factory=dict)  # pledged `07` → intent `033`
    time_nouns: frozenset[str] = frozenset()  # nouns of phrases saying when (`future`)
    implied: dict[str, str] = field(default_factory=dict)  # `arrest` → its doer, `---COP`
    implied_forms: frozenset[str] = frozenset()  # their participles (`ARRESTED`)
    # forms of verbs that code a protest act, and protest_nouns.tsv (`PROTESTED`, `STRIKE`)
    protest_forms: frozenset[str] = frozenset()
    two_sided: frozenset[str] = frozenset()  # roots of acts between two sides (`04`)
    demands: dict[str, str] = field(default_factory=dict)  # `must` → `100`
    light: frozenset[str] = frozenset()  # verbs that code only through a pattern (`TAKE`)
    deliberations: dict[str, frozenset[str]] = field(default_factory=dict)  # kind → words
    issues: list[Issue] = field(default_factory=list)

    @classmethod
    def load(cls, verb_files: Sequence[Path]) -> VerbLexicon:
        """The verbs of `verb_files`, and the bundled refusal, intention, time-noun,
        implied-doer, two-sided, demand, light-verb and deliberation tables."""
        lexicon = cls()
        protests: set[str] = set()
        for path in verb_files:
            forms, transformations, issues = read_verbs(path)
            lexicon.issues += issues
            lexicon.transformations += transformations
            here: set[tuple[str, ...]] = set()  # forms this file has defined so far
            for form in forms:
                verb = form.verb
                if form.key in here:
                    verb = _both_blocks(lexicon.verbs.get(Phrase(form.key, False)), verb)
                here.add(form.key)
                if verb.extends:
                    earlier = lexicon.verbs.get(Phrase(form.key, False))
                    if earlier is None:
                        continue  # extends a form no earlier file has: nothing to add to
                    patterns = [*earlier.patterns.patterns, *verb.patterns.patterns]
                    verb = replace(earlier, patterns=PatternIndex.build(patterns))
                lexicon.verbs.add(Phrase(form.key, False), verb)
                if verb.codes.forward:
                    lexicon.roots.setdefault(verb.lemma, verb.codes.forward[:2])
                protests.update(_protest_forms(form.key, verb))
        nouns = table_rows(tables_folder() / "protest_nouns.tsv")
        lexicon.protest_forms = frozenset(protests | {row[0].upper() for row in nouns})
        lexicon.governors = frozenset(t.governor for t in lexicon.transformations)
        lexicon.refusals = table_map(tables_folder() / "refusals.tsv")
        lexicon.intentions = table_map(tables_folder() / "intentions.tsv")
        lexicon.time_nouns = frozenset(
            row[0] for row in table_rows(tables_folder() / "time_nouns.tsv")
        )
        implied = table_rows(tables_folder() / "implied_doers.tsv")
        lexicon.implied = {lemma: doer for _, lemma, doer in implied}
        lexicon.implied_forms = frozenset(form for form, _, _ in implied)
        two_sided = table_rows(tables_folder() / "two_sided.tsv")
        lexicon.two_sided = frozenset(row[0] for row in two_sided)
        lexicon.demands = table_map(tables_folder() / "demands.tsv")
        lexicon.light = frozenset(table_map(tables_folder() / "light_verbs.tsv"))
        lexicon.deliberations = table_kinds(tables_folder() / "deliberations.tsv", ("verb", "noun"))
        return lexicon


def _both_blocks(earlier: Verb | None, later: Verb) -> Verb:
    """A verb one file lists in two blocks (CAMEO.2.0 has CARRY_OUT under PERPETUATE,
    with `- * ATTACK` [190], and under UTILIZE): the patterns of both, and the later
    block's code where it gives one, else the earlier's. Read as the later block alone,
    `carried out an attack` coded nothing."""
    if earlier is None:
        return later
    patterns = PatternIndex.build([*earlier.patterns.patterns, *later.patterns.patterns])
    codes = later.codes if later.codes.forward or later.codes.reverse else earlier.codes
    return replace(later, codes=codes, patterns=patterns)


def _protest_act(code: str | None) -> bool:
    """A protest act CAMEO names (141-145: demonstrate, hunger strike, strike or boycott,
    obstruct, riot), not 140, whose CAMEO.2.0 block holds verbs of annoyance too."""
    return code is not None and code[:3] in ("141", "142", "143", "144", "145")


def _protest_forms(key: tuple[str, ...], verb: Verb) -> set[str]:
    """The one-word forms of a verb that codes a protest act (`RIOTED`, `PROTESTED`)."""
    if len(key) == 1 and (_protest_act(verb.codes.forward) or verb.lemma == _PROTEST_VERB):
        return {key[0]}
    return set()


def _around(
    groups: list[list[Mention]], match: Match[Verb], norms: Sequence[str]
) -> tuple[list[int], list[int]]:
    """Groups ending within WINDOW tokens before the verb, and starting within WINDOW
    after it (pronouns like `he` after a verb start a new clause: not its object)."""
    before = [
        i
        for i, g in enumerate(groups)
        if g[-1].token_end <= match.start and match.start - g[-1].token_end <= WINDOW
    ]
    after = [
        i
        for i, g in enumerate(groups)
        if g[0].token_start >= match.end
        and g[0].token_start - match.end <= WINDOW
        and not _subject_pronouns(g)
    ]
    return before, after


def _reported(tree: Tree, verb: int, governors: frozenset[str]) -> bool:
    """The verb's clause is what a transformation's governor (`said`, `wants`) governs."""
    word = tree.words[verb]
    if word.relation not in ("ccomp", "xcomp") or word.head < 0:
        return False
    return tree.words[word.head].lemma.upper() in governors


def _without_restatements(tree: Tree, raws: list[_Raw]) -> list[_Raw]:
    """Keep one event where a sentence states one thing twice over: a verb whose own
    subject goes on to act in its complement (`prepared to attend`, `seeking to
    deepen`: the attending is the event, with modality future) codes nothing itself,
    a participle adjunct elaborating a coded verb (`held talks …, offering support`)
    codes nothing either, nor does a purpose of the same kind (`met Assad to discuss
    …`: one meeting). A refusal stands beside what was refused (`refused
    to engage Y`: a rejection, and a negated engagement), and transformed events stand."""
    words = tree.words
    roots: dict[int, set[str]] = {}  # each coded verb → the code roots it gave
    for r in raws:
        roots.setdefault(r.verb, set()).add(r.code[:2])
    asserted = {r.verb for r in raws if not r.negated}
    carried = {
        words[v].head
        for v in asserted
        if words[v].relation == "xcomp" and not tree.dependents(words[v].head, "obj", "iobj")
    }

    def restated(verb: int) -> bool:
        word = words[verb]
        adjunct = word.relation == "advcl" and word.xpos == "VBG" and word.head in roots
        purpose = (
            word.relation == "advcl"
            and tree.infinitive(verb)
            and bool(roots.get(verb, set()) & roots.get(word.head, set()))
        )
        return verb in carried or adjunct or purpose

    return [r for r in raws if r.transformed or not restated(r.verb)]


# Codes of acts that ask another to act (appeal, demand, coerce).
_DIRECTIVES = frozenset({"02", "10", "17"})


def _without_requests(tree: Tree, raws: list[_Raw]) -> list[_Raw]:
    """What one side asks, presses or makes another do has not happened: the asking is
    the event. An infinitive whose doer is its governor's object (`urged Israel to
    attack Hamas`, `asked Kim to talk`) or, under an appeal, demand or pressure, its
    governor's passive subject (`was pressured by Congress to help Iran`), or one
    completing a demand noun (`faces pressure from Gondor to help Rohan`) codes
    nothing of its own, unless a transformation made it the asking (`wants Putin to attack`:
    an appeal to Putin)."""
    words = tree.words
    asked = {r.verb for r in raws if r.code[:2] in _DIRECTIVES}

    def requested(verb: int) -> bool:
        if words[verb].relation not in ("xcomp", "advcl"):
            return False
        if not tree.infinitive(verb):
            return False
        governor = words[verb].head
        controlled = tree.object_controls(verb) and words[verb].relation == "xcomp"
        if controlled or tree.demanded_by_noun(verb):
            return True  # `urged Kim to talk`; not `summoned the envoy to complain`
        other = tree.is_passive(governor) or tree.dependents(governor, "obj", "iobj")
        return governor in asked and bool(other)  # not `wants to help`: an intention

    return [r for r in raws if r.transformed or not requested(r.verb)]


_COOPERATION = frozenset({"01", "02", "03", "04", "05", "06", "07", "08"})


def _mutual(tree: Tree, verb: int, choice: Choice) -> bool:
    """Coordinated actors that act with no one else act on each other: `the US, Russia
    and Switzerland met` (each met the others, as PETRARCH codes it), `Gondor and Rohan are
    seeking to deepen a partnership`. A cooperative code says so whatever the verb's
    object; another code only when the verb has no object at all (`Gondor and Rohan
    clashed over Ithilien`, not `… shelled the village`), and never when a clause says
    what they think or said."""
    if tree.dependents(verb, "ccomp"):
        return False  # `X and Y believe (that) …`: the other side is in the clause
    code = choice.codes.forward or choice.codes.reverse or ""
    if code[:2] in _COOPERATION:
        return True
    return not tree.dependents(verb, "obj", "iobj", "xcomp")


_PROTEST = "14"  # CAMEO's root of protest
_PROTEST_VERB = "PROTEST"
_CIVILIANS = "---CVL"
_PROTESTERS = (
    "[in no dictionary: who protests, as the text names them; protest is civilians' (CAMEO 14)]"
)
_UNNAMED = "[in no dictionary: the name the verb acts on, as the text gives it]"


def _nobody(raw: _Raw, tree: Tree, text: str) -> Mention:
    """The other side of an event no actor receives (`---`, as PETRARCH writes it): the
    words that name it where the tree has them (`Tree.unnamed_side`), else an empty
    span at the end of its verb."""
    assert raw.source is not None
    found = tree.unnamed_side(raw.verb)
    if found is None:
        at = raw.verb_span.end
        return Mention(raw.source.sentence_index, 0, 0, Span(at, at), "", "---", (), kind="none")
    return _words_mention(tree, found, raw.source.sentence_index, text, "---", _UNNAMED, "none")


def _words_mention(
    tree: Tree,
    found: tuple[int, int],
    sentence_index: int,
    text: str,
    code: str,
    entry: str,
    kind: str,
) -> Mention:
    """A side no dictionary names, over the words `found` (first and last) of the tree,
    coded `code` for the reason `entry` says (`kind`: `none`, `implied`)."""
    first, last = tree.words[found[0]], tree.words[found[1]]
    span = Span(first.start, last.end)
    return Mention(
        sentence_index, first.token, last.token + 1, span, text[span.start : span.end],
        code, (entry,), kind=kind,
    )  # fmt: skip


def _inflected(entry: str, word: Word, light: AbstractSet[str]) -> bool:
    """A light verb listed by one of its forms (`SAW`, `HELD`, as the dictionaries list
    some): the word's lemma says it is one. A particle verb (`TAKE_OVER`) is not."""
    return "_" not in entry and word.lemma.upper() in light


def _noun_bases(sentence: Sentence, size: int) -> list[str]:
    """Each token's lemma, upper-cased, where the analysis reads it as one common noun
    ("" elsewhere): what a pattern word may match by its lemma
    (`parley.events.verbs.Element`)."""
    bases = [""] * size
    counts: dict[int, int] = {}
    for word in sentence.words:
        counts[word.token] = counts.get(word.token, 0) + 1
    for word in sentence.words:
        if word.upos == "NOUN" and counts[word.token] == 1 and word.token < size:
            bases[word.token] = word.lemma.upper()
    return bases


def _subject_pronouns(group: Sequence[Mention]) -> bool:
    """`he`/`she`/`they` after a verb start a new clause; they are not its object."""
    return all(m.kind == "pronoun" and m.text.upper() in _SUBJECTS for m in group)


@dataclass(slots=True)
class Coder:
    """Codes sentences with a verb lexicon and the CAMEO tables."""

    verbs: VerbLexicon
    ontology: Ontology
    book: CodeBook = field(default_factory=CodeBook.load)
    rules: RuleSet = field(default_factory=RuleSet)
    manner: Manner = field(default_factory=Manner.bundled)
    nouns: PhraseNouns = field(default_factory=PhraseNouns.bundled)
    harms: HarmMeans = field(default_factory=HarmMeans.bundled)

    @property
    def fewest_actors(self) -> int:
        """The fewest actors a sentence needs to be coded (and so analysed): one where an
        event may have one side (`one-sided-events`), else two."""
        return 1 if "one-sided-events" in self.rules else 2

    @property
    def cues(self) -> frozenset[str]:
        """Words (as tokens are matched: upper case) that make a sentence with fewer
        actors than `fewest_actors` worth analysing and coding all the same: the
        participles of verbs whose doer is implied (`were arrested`, `implied-doers`),
        and the forms of verbs of protest, whose doers news names as no actor
        (`taxi drivers protested`, `protesters-unnamed`)."""
        implied = self.verbs.implied_forms if "implied-doers" in self.rules else frozenset()
        protests = self.verbs.protest_forms if "protesters-unnamed" in self.rules else frozenset()
        return implied | protests

    def _recode(self, mention: Mention, code: str, rule: str) -> Mention:
        """The mention under a code composed from its phrase (`mayor of Nablus`), its
        entries saying which rule composed it from which code."""
        facts = self.book.facts(code)
        entries = (*mention.entries, f"[rule {rule}: {mention.code} → {code}]")
        return replace(
            mention, code=code, country=facts.country, sector=facts.plover_sector, entries=entries
        )

    def code_sentence(
        self, doc: Document, sentence: Sentence, mentions: Sequence[Mention]
    ) -> list[Event]:
        norms = [t.norm for t in sentence.tokens]
        taken = [False] * len(norms)
        for mention in mentions:
            for i in range(mention.token_start, mention.token_end):
                taken[i] = True
        if not sentence.words:
            return []  # a sentence without analysis has no grammar to read roles from
        actors = [m for m in mentions if m.role == "actor"]
        if len(actors) < self.fewest_actors and self.cues.isdisjoint(norms):
            return []
        rules = self.rules
        tree = Tree.build(sentence.words, actors, self._recode, rules, self.manner, self.nouns)
        groups = tree.groups
        one_sided = "one-sided-events" in rules
        if len(groups) < 2 and not any(len(g) > 1 for g in groups) and not one_sided:
            return []
        starts = {m.token_start: m.token_end for g in groups for m in g}
        group_of = {m.token_start: i for i, g in enumerate(groups) for m in g}
        verb_words = {w.token: i for i, w in enumerate(sentence.words) if w.upos == "VERB"}
        bases = _noun_bases(sentence, len(norms)) if "pattern-lemmas" in rules else []
        raws: list[_Raw] = []
        for match in self.verbs.verbs.find_all(norms, taken):
            verb = next(
                (verb_words[i] for i in range(match.start, match.end) if i in verb_words), None
            )
            if verb is None:
                continue  # the analysis reads it as a noun ("the attack", "talks")
            if "obligations-are-no-acts" in rules and tree.obliges_only(verb):
                continue  # `Peru needs to act`: what it needs to do is the event
            if "blamed-not-reported" in rules and tree.alleged(verb):
                continue  # `accused China of helping Iran`: blamed, not reported
            light = "light-verbs-need-a-pattern" in rules and (
                match.payload.lemma in self.verbs.light
                or _inflected(match.payload.lemma, sentence.words[verb], self.verbs.light)
            )
            choice = choose_codes(
                match.payload,
                norms,
                (match.start, match.end),
                (max(0, match.start - WINDOW), min(len(norms), match.end + WINDOW)),
                starts,
                bases,
                self.manner.negation_tokens,
                partial(Reach.read, tree.words, tree.children, verb, rules, self.verbs.time_nouns),
                need_after=light and tree.object(verb) is None,  # `- POLICE *`: held whom?
            )
            if choice.codes.forward is None and choice.codes.reverse is None:
                continue
            if light and not choice.pattern:
                continue  # `took steps`, `faces challenges`: no seizure, no meeting
            reported = _reported(tree, verb, self.verbs.governors)
            found = (
                self._by_means(tree, verb)
                or self._implied(tree, verb, sentence.index)
                or self._pairs(tree, verb, match, choice, groups, group_of, norms, reported)
                or self._protesters(tree, verb, choice, sentence.index, doc.text)
            )
            if found is None:
                continue
            pairs, used = found
            used += ("pattern-lemmas",) if choice.by_lemma else ()
            used += choice.refused
            negated = tree.negated(verb) and not choice.negation
            modality = tree.modality(verb)
            verb_span = sentence.char_span(match.start, match.end)
            for source, target in pairs:
                for code, s, t in (
                    (choice.codes.forward, source, target),
                    (choice.codes.reverse, target, source),
                ):
                    if code is not None:
                        raw = _Raw(s, t, code, verb, verb_span, choice.entry, negated, modality)
                        raws.append(raw.by(*used))
        if "intentions" in rules:
            raws = [self._intention(tree, raw) for raw in raws]
        if "considered-not-done" in rules:
            raws = self._considered(tree, raws)
        if self.verbs.transformations and "transformations" in rules:
            raws = self._transform(tree, raws)
        if "requests-not-done" in rules:
            raws = _without_requests(tree, raws)
        if "restatements-once" in rules:
            raws = _without_restatements(tree, raws)
        if "refusals" in rules:
            raws += self._refusals(raws)
        if "said-must-is-a-demand" in rules:
            raws = self._demands(tree, raws)
        events: dict[tuple[str, str, str], Event] = {}
        for raw in raws:
            if raw.source is None or (raw.target is None and not one_sided):
                continue
            if raw.target is None and raw.code == _STATEMENT:
                continue  # `X said (on Monday) that …`: what is said is the event
            if raw.target is None and self._needs_other_side(raw.code):
                continue  # `held talks on the budget`: with whom is the event
            if raw.target is None and "nearest-actor-stands-in" in raw.rules:
                continue  # kept for a transformation, which did not take it: no doer named
            if raw.target is None:
                raw = replace(raw, target=_nobody(raw, tree, doc.text)).by("one-sided-events")
            key = (raw.source.code, raw.target.code, raw.code)
            if raw.source.code != raw.target.code and key not in events:
                events[key] = self._event(doc, sentence, raw)
        return list(events.values())

    def _demands(self, tree: Tree, raws: list[_Raw]) -> list[_Raw]:
        """What a speaker says another must or should do is asked of it (`Assad said
        Turkey must mediate`: Syria demands of Turkey, 100; `should`: an appeal, 020, as
        `data/tables/demands.tsv` says): the asking replaces the saying's own events,
        and what is asked keeps its own, prescribed."""
        out = list(raws)
        for verb, word in enumerate(tree.words):
            found = tree.asked_of(verb, self.verbs.demands)
            if found is None:
                continue
            speaker, addressee, aux = found
            code = self.verbs.demands[aux]
            governor = word.head
            span = Span(tree.words[governor].start, tree.words[governor].end)
            entry = f"'{tree.words[governor].text}' that another '{aux}' act: demands.tsv {code}"
            out = [r for r in out if r.verb != governor or r.transformed]
            out += [
                _Raw(s, t, code, governor, span, entry, tree.negated(governor),
                     tree.modality(governor), rules=("said-must-is-a-demand",))
                for s in tree.groups[speaker]
                for t in tree.groups[addressee]
            ]  # fmt: skip
        return out

    def _considered(self, tree: Tree, raws: list[_Raw]) -> list[_Raw]:
        """An act only considered is no act: the considering is the event (CAMEO 014,
        consider policy option), by its doer towards the act's other side (`Japan is
        considering sending aid to Peru`: JPN 014 PER), at the considering verb, in
        place of that verb's own events (CAMEO.2.0 codes CONSIDER 040)."""
        verbs, nouns = self.verbs.deliberations["verb"], self.verbs.deliberations["noun"]
        out: list[_Raw] = []
        considering: set[int] = set()
        for raw in raws:
            by = tree.considered_by(raw.verb, verbs, nouns)
            if by is None and tree.considers(raw.verb, verbs, nouns) and not raw.transformed:
                by = raw.verb  # `is exploring the possibility of …`: its own code is 014 too
            if by is None or raw.transformed or raw.negated:
                out.append(raw)
                continue
            considering.add(by)
            word = tree.words[by]
            entry = f"{raw.entry}, considered ('{word.text}'): deliberations.tsv → {_CONSIDER}"
            span = Span(word.start, word.end)
            out.append(
                replace(raw, code=_CONSIDER, verb=by, verb_span=span, entry=entry,
                        modality=tree.modality(by)).by("considered-not-done")
            )  # fmt: skip
        return [r for r in out if r.verb not in considering or "considered-not-done" in r.rules]

    def _needs_other_side(self, code: str) -> bool:
        """An act between two sides by what it is (`data/tables/two_sided.tsv`: a
        consultation), which no one-sided event stands for (rule
        `consultations-name-both-sides`)."""
        return "consultations-name-both-sides" in self.rules and code[:2] in self.verbs.two_sided

    def _intention(self, tree: Tree, raw: _Raw) -> _Raw:
        """The intention an act stands for when it is only pledged, offered, planned or
        threatened (`pledged to send aid`: 033), as `data/tables/intentions.tsv` maps it."""
        if raw.negated:
            return raw
        word = tree.intended_by(raw.verb)
        if word is None:
            return raw
        code = longest_prefix(self.verbs.intentions, raw.code)
        lemma = tree.words[word].lemma.lower()
        if code is None or (code.startswith("13") and lemma not in THREATS):
            return raw
        entry = (
            f"{raw.entry}, intended ('{tree.words[word].text}'): intentions.tsv {raw.code} → {code}"
        )
        return replace(raw, code=code, entry=entry, modality=tree.modality(word)).by("intentions")

    def _refusals(self, raws: Sequence[_Raw]) -> list[_Raw]:
        """A rejection beside each negated act of cooperation (`will not release the
        prisoners`: 1243), as `data/tables/refusals.tsv` maps them."""
        out = []
        for raw in raws:
            code = longest_prefix(self.verbs.refusals, raw.code) if raw.negated else None
            if code is not None:
                entry = f"{raw.entry}, negated: a refusal (refusals.tsv {raw.code} → {code})"
                out.append(replace(raw, code=code, entry=entry, negated=False).by("refusals"))
        return out

    def _same_kind(self, verb: str, code: str) -> bool:
        """An event of the kind `verb` stands for: the same CAMEO quad class as its code
        (`ATTACK`: material conflict, so a shelling or a bombing too)."""
        root = self.verbs.roots.get(verb)
        if root is None:
            return False
        return self.ontology.facts(root).quad_class == self.ontology.facts(code).quad_class

    def _transform(self, tree: Tree, raws: list[_Raw]) -> list[_Raw]:
        """Apply the dictionary's transformations to events reported or wanted by
        another verb's subject (`Israel said a bomb was fired at it from Gaza`: Israel
        accuses Gaza). The transformed event replaces the reported one and the
        governing verb's own."""
        words = tree.words
        out = list(raws)
        for raw in raws:
            if not _reported(tree, raw.verb, self.verbs.governors):
                continue
            if not any(r is raw for r in out):
                continue  # replaced by an earlier transformation
            governor = words[raw.verb].head
            lemma = words[governor].lemma.upper()
            rules = [t for t in self.verbs.transformations if t.governor == lemma]
            speaker = tree.subject(governor)
            if speaker is None:
                continue
            speakers = {m.code for m in tree.groups[speaker]}
            own_subject = bool(tree.dependents(raw.verb, "nsubj", "nsubj:pass"))
            for rule in rules:
                if rule.kind != "Q" and not self._same_kind(rule.kind, raw.code):
                    continue
                if raw.source is None or (raw.target is None and rule.inner_target != "."):
                    continue
                by_speaker = raw.source.code in speakers
                if rule.inner_source == "a" and not by_speaker:
                    continue
                if rule.inner_source == "b" and by_speaker:
                    continue
                if rule.inner_source == "_" and (own_subject or not by_speaker):
                    continue
                other = raw.source if rule.inner_source == "b" else raw.target
                made = []
                for speaker_mention in tree.groups[speaker]:
                    roles = {"a": speaker_mention, "b": other}
                    source = roles.get(rule.result_source)
                    target = roles.get(rule.result_target)
                    if source is None or (target is None and rule.result_target != "_"):
                        break  # `_`: no other side named (a one-sided event)
                    code = raw.code if rule.code == "Q" else rule.code
                    span = Span(words[governor].start, words[governor].end)
                    entry = f"{rule.where} transformation, of {raw.entry}"
                    made.append(
                        _Raw(
                            source,
                            target,
                            code,
                            governor,
                            span,
                            entry,
                            raw.negated,
                            tree.modality(governor),
                            transformed=True,
                            rules=raw.rules,
                        ).by("transformations")
                    )
                if made:
                    out = [
                        r for r in out if r is not raw and (r.verb != governor or r.transformed)
                    ] + made
                    break
        return out

    def _by_means(
        self, tree: Tree, verb: int
    ) -> tuple[list[tuple[Mention, Mention | None]], tuple[str, ...]] | None:
        """The pairs of a harm whose verb leaves its doer unnamed, done by the actor of
        the act of force in its `in`/`during` phrase (`three civilians were killed in an
        Israeli airstrike`, `two soldiers died in a rebel attack`: the rebels attack the
        soldiers), the one harmed its target; None where the phrase names no doer."""
        if "means-names-doer" not in self.rules:
            return None
        undergoes = tree.words[verb].lemma.lower() in self.harms.undergo
        if not (undergoes or tree.agentless(verb)):
            return None
        doer = tree.means_doer(verb, self.harms.means)
        if doer is None:
            return None
        target = tree.subject(verb) if undergoes else tree.roles(verb).target
        if target == doer:
            return None
        targets = tree.groups[target] if target is not None else [None]
        return [(a, b) for a in tree.groups[doer] for b in targets], ("means-names-doer",)

    def _implied(
        self, tree: Tree, verb: int, sentence_index: int
    ) -> tuple[list[tuple[Mention, Mention | None]], tuple[str, ...]] | None:
        """The pairs of a passive naming no doer of a verb only one institution does
        (`five men were arrested`: police arrest them), with the implied doer as an
        unnamed mention (`data/tables/implied_doers.tsv`); None for any other verb."""
        word = tree.words[verb]
        doer = self.verbs.implied.get(word.lemma.lower())
        if doer is None or "implied-doers" not in self.rules or not tree.agentless(verb):
            return None
        facts = self.book.facts(doer)
        entry = f"implied by '{word.text}' (implied_doers.tsv: {word.lemma.lower()} → {doer})"
        mention = Mention(
            sentence_index,
            0,
            0,
            Span(word.start, word.start),
            "",
            doer,
            (entry,),
            kind="implied",
            country=facts.country,
            sector=facts.plover_sector,
        )
        target = tree.roles(verb).target
        targets = tree.groups[target] if target is not None else [None]
        return [(mention, t) for t in targets], ("implied-doers",)

    def _protesters(
        self, tree: Tree, verb: int, choice: Choice, sentence_index: int, text: str
    ) -> tuple[list[tuple[Mention, Mention | None]], tuple[str, ...]] | None:
        """The pairs of a protest (CAMEO 14) whose subject names who protests as no
        actor (`taxi drivers went on strike`, `thousands marched`): protest is by
        definition civilians' collective action, so the doer is an unnamed civilian
        (`---CVL`) with the subject's words; None for any other verb."""
        code = choice.codes.forward or ""
        if "protesters-unnamed" not in self.rules or not code.startswith(_PROTEST):
            return None
        found = tree.unnamed_subject(verb)
        if found is None:
            return None
        facts = self.book.facts(_CIVILIANS)
        mention = replace(
            _words_mention(tree, found, sentence_index, text, _CIVILIANS, _PROTESTERS, "implied"),
            country=facts.country,
            sector=facts.plover_sector,
        )
        target = tree.roles(verb).target
        targets = tree.groups[target] if target is not None else [None]
        return [(mention, t) for t in targets], ("protesters-unnamed",)

    def _pairs(
        self,
        tree: Tree,
        verb: int,
        match: Match[Verb],
        choice: Choice,
        groups: list[list[Mention]],
        group_of: dict[int, int],
        norms: Sequence[str],
        reported: bool = False,
    ) -> tuple[list[tuple[Mention, Mention | None]], tuple[str, ...]] | None:
        """(source, target) mention pairs for one verb and the rules that chose them, or
        None when it has no event. A `reported` verb (said or wanted by someone) may lack
        a target: a transformation may still make an event of it (`X said Y attacked`)."""
        rules = self.rules
        if "%" in choice.places:
            members = groups[group_of[choice.places["%"]]]
            pairs = [(a, b) for a in members for b in members if a is not b]
            return (pairs, ()) if pairs else None
        source = group_of[choice.places["$"]] if "$" in choice.places else None
        target = group_of[choice.places["+"]] if "+" in choice.places else None
        used: tuple[str, ...] = ()
        roles = tree.roles(verb)
        if source is None and roles.source is not None:
            used += tree.set_aside(verb)  # `the occupation of Crimea by Russia`
        source = roles.source if source is None else source
        named = source  # the doer the grammar (or a pattern) names, before any stand-in
        target = roles.target if target is None else target
        members = groups[source] if source is not None else []
        mutual = "coordinated-act-on-each-other" in rules and _mutual(tree, verb, choice)
        if target is None and len(members) > 1 and not reported and mutual:
            pairs = [(a, b) for a in members for b in members if a is not b]
            return pairs, ("coordinated-act-on-each-other",)
        if (source is None or target is None) and "nearest-actor-stands-in" in rules:
            before, after = _around(groups, match, norms)
            doer = "no-stand-in-for-grammar-doer" in rules
            if source is None and doer and tree.grammar_has_doer(verb):
                return None  # `was shot down`: by whom is not said
            passed = [g for g in before if g in tree.not_doers]
            before = [g for g in before if g not in tree.not_doers]  # `headed to Vladivostok`
            if "stand-in-below-verb" in rules:
                below = tree.groups_below(verb)  # not `…, an official said` after it
                after = [g for g in after if g in below]
            stood = (source, target)
            if source is None and target is not None:
                source = next((g for g in reversed(before) if g != target), None)
            elif source is None:
                source = before[-1] if before else None
            if target is None:
                target = next((g for g in after if g != source), None)
            if (source, target) != stood:
                used += ("nearest-actor-stands-in",)
            if source != stood[0]:
                used += tuple(dict.fromkeys(tree.not_doers[g] for g in passed))
        one_sided = (
            "one-sided-events" in rules and named is not None and not tree.frames_report(verb)
        )
        if source is not None and target is None and (reported or one_sided):
            return [(a, None) for a in groups[source]], used
        if source is None or target is None or source == target:
            return None
        return [(a, b) for a in groups[source] for b in groups[target]], used

    def _event(self, doc: Document, sentence: Sentence, raw: _Raw) -> Event:
        source, target, code, verb_span = raw.source, raw.target, raw.code, raw.verb_span
        facts = self.ontology.facts(code)
        ident = f"{doc.id}|{sentence.index}|{source.code}|{target.code}|{code}|{verb_span.start}"
        return Event(
            event_id=hashlib.sha1(ident.encode()).hexdigest()[:16],
            document_id=doc.id,
            story_id=doc.story_id,
            sentence_index=sentence.index,
            sentence_text=sentence.text,
            source=source.code,
            target=target.code,
            source_country=source.country,
            source_sector=source.sector,
            target_country=target.country,
            target_sector=target.sector,
            code=code,
            root=facts.root,
            quad_class=facts.quad_class,
            goldstein=facts.goldstein,
            plover_type=facts.plover_type,
            plover_mode=facts.plover_mode,
            negated=raw.negated,
            modality=raw.modality,
            event_date=doc.date,
            date_source="document" if doc.date else "none",
            source_span=source.span,
            verb_span=verb_span,
            target_span=target.span,
            source_text=source.text,
            verb_text=doc.text[verb_span.start : verb_span.end],
            target_text=target.text,
            source_entries=source.entries,
            verb_entry=raw.entry,
            rules=raw.rules,
            target_entries=target.entries,
        )
