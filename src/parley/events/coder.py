"""Turn a sentence with actor mentions into events: who did what to whom.

This is still mostly a word-order coder: a dictionary verb takes the nearest actor group
before it as source and the first after it as target, passives (`was condemned by X`)
swap them, verb patterns refine the code by the words around the verb, and
`not`/`never` and modal verbs set the negated flag and modality. From the syntactic
analysis (`Sentence.words`) it takes which dictionary matches are verbs at all and
which are passive; a sentence without analysis falls back to word-order rules.
Coordinated actors (`Brazil and the United States`) give one event per pair.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from parley.actors.entries import Issue, Phrase
from parley.actors.matcher import PhraseMatcher
from parley.document import Document, Event, Mention, Sentence, Span, Word
from parley.events.ontology import Ontology
from parley.events.verbs import Codes, Element, Pattern, Verb, read_verbs

WINDOW = 15
_SUBJECTS = frozenset({"HE", "SHE", "THEY", "WE", "I"})
_COORDINATORS = frozenset({",", "AND", "THE", "BOTH"})
_DETERMINERS = frozenset({"THE", "A", "AN", "ITS", "HIS", "HER", "THEIR", "OUR", "THIS", "THAT"})
_BE = frozenset({"IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "GET", "GOT"})
_NEGATIONS = frozenset({"NOT", "NEVER", "NO", "CANNOT"})
_MODALS = {
    "WILL": "future",
    "SHALL": "future",
    "'LL": "future",
    "WOULD": "hypothetical",
    "COULD": "hypothetical",
    "MIGHT": "hypothetical",
    "MAY": "hypothetical",
    "SHOULD": "hypothetical",
    "CAN": "hypothetical",
}
_INTENT = frozenset(
    {
        "PLANS",
        "PLANNED",
        "PLAN",
        "INTENDS",
        "INTENDED",
        "EXPECTED",
        "CERTAIN",
        "LIKELY",
        "SET",
        "GOING",
        "AIMS",
        "HOPES",
        "WANTS",
        "SEEKS",
        "THREATENED",
    }
)


@dataclass(slots=True)
class _Choice:
    codes: Codes
    entry: str


@dataclass(slots=True)
class VerbLexicon:
    """Compiled verb dictionaries: inflected forms → verbs with their patterns."""

    verbs: PhraseMatcher[Verb] = field(default_factory=PhraseMatcher)
    issues: list[Issue] = field(default_factory=list)

    @classmethod
    def load(cls, verb_files: Sequence[Path]) -> VerbLexicon:
        lexicon = cls()
        for path in verb_files:
            forms, issues = read_verbs(path)
            lexicon.issues += issues
            for form in forms:
                lexicon.verbs.add(Phrase(form.key, False), form.verb)
        return lexicon


def _element_at(element: Element, norms: Sequence[str], i: int) -> int:
    """Length of the alternative of `element` matching at `i` (0 when none does)."""
    for alternative in element:
        if i + len(alternative) > len(norms):
            continue
        if all(
            norms[i + k].startswith(w[:-1]) if w.endswith("*") else norms[i + k] == w
            for k, w in enumerate(alternative)
        ):
            return len(alternative)
    return 0


def _in_order(elements: Sequence[Element], norms: Sequence[str], start: int, end: int) -> bool:
    i = start
    for element in elements:
        while i < end and not _element_at(element, norms, i):
            i += 1
        if i >= end:
            return False
        i += _element_at(element, norms, i)
    return True


def choose_codes(verb: Verb, norms: Sequence[str], start: int, end: int) -> _Choice:
    """The most specific matching pattern's codes, else the verb's own."""
    best: Pattern | None = None
    for pattern in verb.patterns:
        size = len(pattern.before) + len(pattern.after)
        if best is not None and size <= len(best.before) + len(best.after):
            continue
        if _in_order(pattern.after, norms, end, min(len(norms), end + WINDOW)) and _in_order(
            pattern.before, norms, max(0, start - WINDOW), start
        ):
            best = pattern
    if best is not None:
        return _Choice(best.codes, f"{best.where} {verb.lemma}: - {best.text}")
    return _Choice(verb.codes, f"{verb.where} {verb.lemma} ({verb.block})")


def _groups(mentions: Sequence[Mention], norms: Sequence[str]) -> list[list[Mention]]:
    """Coordinated mentions (`A, B and C`) form one group."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        if groups:
            gap = norms[groups[-1][-1].token_end : mention.token_start]
            if (gap and all(tok in _COORDINATORS for tok in gap) and "AND" in gap) or gap == [","]:
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups


def _verb_words(sentence: Sentence) -> dict[int, int]:
    """Token index → index of the word tagged VERB in that token (analysed sentences)."""
    return {w.token: i for i, w in enumerate(sentence.words) if w.upos == "VERB"}


def _is_passive(words: Sequence[Word], verb: int) -> bool:
    """A passive auxiliary or a `by` agent hangs on the verb (`was condemned by X`)."""
    return any(w.head == verb and w.relation in ("aux:pass", "obl:agent") for w in words)


def _head_word(words: Sequence[Word], mention: Mention) -> int | None:
    """The word by which a mention hangs from the rest of the sentence."""
    inside = [i for i, w in enumerate(words) if mention.token_start <= w.token < mention.token_end]
    members = set(inside)
    return next((i for i in inside if words[i].head not in members), None)


def _tree_roles(
    words: Sequence[Word], verb: int, groups: Sequence[list[Mention]]
) -> tuple[list[Mention], list[Mention]] | None:
    """Source and target groups read from the verb's dependents: its subject (or the
    agent of a passive) acts, its object (or a passive's subject, or an oblique like
    `with X`) is acted on. None when the tree does not give both, and word order decides."""
    sources: list[list[Mention]] = []
    targets: list[list[Mention]] = []
    for group in groups:
        head = _head_word(words, group[0])
        if head is None or words[head].head != verb:
            continue
        relation = words[head].relation
        if relation in ("nsubj", "csubj", "obl:agent"):
            sources.append(group)
        elif relation in ("obj", "iobj", "nsubj:pass") or relation.startswith("obl"):
            targets.append(group)
    if not sources or not targets:
        return None
    return sources[0], targets[0]


def _subject_pronouns(group: Sequence[Mention]) -> bool:
    """`he`/`she`/`they` after a verb start a new clause; they are not its object."""
    return all(m.kind == "pronoun" and m.text.upper() in _SUBJECTS for m in group)


def _modality(between: Sequence[str]) -> str:
    for i, tok in enumerate(between):
        if tok in _MODALS:
            return _MODALS[tok]
        if tok in _INTENT and i + 1 < len(between) and between[i + 1] == "TO":
            return "intended"
    return "asserted"


@dataclass(slots=True)
class Coder:
    """Codes sentences with a verb lexicon and the CAMEO tables."""

    verbs: VerbLexicon
    ontology: Ontology

    def code_sentence(
        self, doc: Document, sentence: Sentence, mentions: Sequence[Mention]
    ) -> list[Event]:
        norms = [t.norm for t in sentence.tokens]
        taken = [False] * len(norms)
        for mention in mentions:
            for i in range(mention.token_start, mention.token_end):
                taken[i] = True
        groups = _groups([m for m in mentions if m.role == "actor"], norms)
        events: dict[tuple[str, str, str], Event] = {}
        if len(groups) < 2:
            return []
        verbs = _verb_words(sentence)
        for match in self.verbs.verbs.find_all(norms, taken):
            verb = next((verbs[i] for i in range(match.start, match.end) if i in verbs), None)
            if sentence.words and verb is None:
                continue  # the analysis reads it as a noun ("the attack", "talks")
            if not sentence.words and match.start > 0 and norms[match.start - 1] in _DETERMINERS:
                continue  # not analysed: "the attack" is a noun
            before = [
                g
                for g in groups
                if g[-1].token_end <= match.start and match.start - g[-1].token_end <= WINDOW
            ]
            after = [
                g
                for g in groups
                if g[0].token_start >= match.end
                and g[0].token_start - match.end <= WINDOW
                and not _subject_pronouns(g)
            ]
            roles = _tree_roles(sentence.words, verb, groups) if verb is not None else None
            if roles is None and (not before or not after):
                continue  # no event possible: skip the (costly) pattern matching
            choice = choose_codes(match.payload, norms, match.start, match.end)
            if choice.codes.forward is None and choice.codes.reverse is None:
                continue
            if roles is not None:
                subject, obj = roles
                ends = [g[-1].token_end for g in roles if g[-1].token_end <= match.start]
                between = norms[max(ends, default=max(0, match.start - 4)) : match.start]
            else:
                subject, obj = before[-1], after[0]
                between = norms[subject[-1].token_end : match.start]
                if verb is not None:
                    passive = _is_passive(sentence.words, verb)
                else:
                    passive = any(tok in _BE for tok in between[-3:]) and norms[
                        match.start
                    ].endswith(("ED", "EN", "WN", "T"))
                if passive and obj[0].token_start > 0 and norms[obj[0].token_start - 1] == "BY":
                    subject, obj = obj, subject
            negated = any(tok in _NEGATIONS or tok.endswith("N'T") for tok in between)
            modality = _modality(between)
            verb_span = Span(sentence.tokens[match.start].start, sentence.tokens[match.end - 1].end)
            for source in subject:
                for target in obj:
                    for code, s, t in (
                        (choice.codes.forward, source, target),
                        (choice.codes.reverse, target, source),
                    ):
                        if code is None or s.code == t.code:
                            continue
                        key = (s.code, t.code, code)
                        if key not in events:
                            events[key] = self._event(
                                doc,
                                sentence,
                                s,
                                t,
                                code,
                                verb_span,
                                choice.entry,
                                negated,
                                modality,
                            )
        return list(events.values())

    def _event(
        self,
        doc: Document,
        sentence: Sentence,
        source: Mention,
        target: Mention,
        code: str,
        verb_span: Span,
        verb_entry: str,
        negated: bool,
        modality: str,
    ) -> Event:
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
            negated=negated,
            modality=modality,
            event_date=doc.date,
            date_source="document" if doc.date else "none",
            source_span=source.span,
            verb_span=verb_span,
            target_span=target.span,
            source_text=source.text,
            verb_text=doc.text[verb_span.start : verb_span.end],
            target_text=target.text,
            source_entries=source.entries,
            verb_entry=verb_entry,
            target_entries=target.entries,
        )
