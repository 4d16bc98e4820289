"""Reader for PETRARCH-format verb dictionaries (`CAMEO.2.0.txt`).

A verb block (`--- NAME [code] ---`) lists verbs (with irregular forms in `{…}` and
multi-word verbs as `+CALL_OFF`) and patterns (`- * (FOR TALKS) [036:036]`) that refine the
block's code by the words around the verb. `&NAME` synonym sets expand inside patterns.
A code `[a:b]` means the source does `a` to the target and the target does `b` to the
source (`VISIT [042:043]`); `[---]` means "no event".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from parley.actors.entries import Issue
from parley.actors.petrarch import petrarch_lines, plurals
from parley.compiled import quick_state
from parley.text.tokens import phrase_key

# `--- NAME [code] ---`; the name may be a description of several words, and a block
# without a code has the null code, as PETRARCH's documentation says.
_HEADER_RE = re.compile(r"^---\s*([^\[]*?)\s*(?:\[([^\]]*)\])?\s*---")
_CODE_RE = re.compile(r"\[([^\]]*)\]")
_CAMEO_RE = re.compile(r"\d{2,4}")
_MARKERS = frozenset("$+^%")

ROLE_MARKERS = frozenset("$+%")


@quick_state
@dataclass(slots=True, frozen=True)
class FirstWords:
    """Numbers (of alternatives, of patterns) by the word each starts with, so that the
    numbers a word can match are one dictionary lookup, not a comparison with each."""

    exact: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, keyed: Iterable[tuple[str, int]]) -> FirstWords:
        exact: dict[str, list[int]] = {}
        for word, number in keyed:
            exact.setdefault(word, []).append(number)
        return cls({k: tuple(v) for k, v in exact.items()})

    def numbers(self, word: str) -> tuple[int, ...]:
        """The numbers whose first word `word` is."""
        return self.exact.get(word, ())


@quick_state
@dataclass(slots=True, frozen=True, eq=False)
class Element:
    """One pattern word: alternative token sequences, indexed by their first token so
    that finding one at a position is a dictionary lookup, not a comparison with every
    alternative of a synonym set.

    A dictionary names a noun by its lemma: `- * AIRSTRIKE` is met by `launched
    airstrikes` too, so a sentence's nouns may match by their lemmas (`bases`). A
    plural the dictionary writes out is meant as one (`- * AGREEMENTS`, formal
    agreements): it matches that plural only."""

    alternatives: tuple[tuple[str, ...], ...]
    first: FirstWords

    @classmethod
    def of(cls, alternatives: Sequence[tuple[str, ...]]) -> Element:
        keyed = ((alternative[0], n) for n, alternative in enumerate(alternatives))
        return cls(tuple(alternatives), FirstWords.of(keyed))

    def starts(self, norms: Sequence[str], bases: Sequence[str], i: int) -> bool:
        """Whether an alternative may begin at `i` (a cheap test before `length_at`)."""
        exact = self.first.exact
        return norms[i] in exact or (bool(bases) and bases[i] in exact)

    def length_at(self, norms: Sequence[str], i: int, bases: Sequence[str] = ()) -> int:
        """Length of the first alternative matching at `i` (0 when none does). `bases`,
        where given, holds each token's lemma if it is a noun ("" if not), which a
        word may match instead of the token."""
        numbers = self.first.numbers(norms[i])
        if bases and bases[i] and bases[i] != norms[i]:
            numbers = tuple(sorted({*numbers, *self.first.numbers(bases[i])}))
        for number in numbers:  # ascending: built in order
            alternative = self.alternatives[number]
            if i + len(alternative) > len(norms):
                continue
            if all(
                norms[i + k] == w or (bool(bases) and bases[i + k] == w)
                for k, w in enumerate(alternative)
            ):
                return len(alternative)
        return 0


# A pattern step: words to find, or a marker for an actor in that place (`$` the
# source, `+` the target, `%` a compound actor whose members act on each other).
Step = Element | str


@quick_state
@dataclass(slots=True, frozen=True)
class Codes:
    """`forward`: source → target; `reverse`: target → source. None means no event."""

    forward: str | None
    reverse: str | None


@quick_state
@dataclass(slots=True, frozen=True)
class Pattern:
    """Words (and actor markers) that must appear before and after the verb, in order,
    to select `codes`; `size` counts the words, the measure of how specific it is."""

    before: tuple[Step, ...]
    after: tuple[Step, ...]
    codes: Codes
    where: str
    text: str
    size: int = 0
    # The `(…)` groups after the verb, as spans of `after`: each a prepositional phrase
    # whose first step is the preposition (`(WITH &WEAPON)`).
    phrases: tuple[tuple[int, int], ...] = ()
    # Every word the pattern writes after the verb, in any alternative (set once: each
    # search of the pattern on the tree asks for them).
    words: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        written = frozenset(
            word
            for step in self.after
            if not isinstance(step, str)
            for alternative in step.alternatives
            for word in alternative
        )
        object.__setattr__(self, "words", written)


@quick_state
@dataclass(slots=True, frozen=True)
class PatternIndex:
    """A block's patterns by one word each must contain (the first of its words), so
    that a sentence looks up the few patterns its words can match instead of trying them
    all (CAMEO's SAY block has hundreds); `free` patterns hold markers only. Patterns
    are kept most specific first (file order among equals), so that their numbers sort
    in the order they are tried."""

    patterns: tuple[Pattern, ...]
    first: FirstWords
    free: tuple[int, ...]

    @classmethod
    def build(cls, patterns: Sequence[Pattern]) -> PatternIndex:
        """A pattern written again later in its block replaces the earlier one, as in
        PETRARCH (`- * &TREATY [031]` then `- * &TREATY [057]`: 057)."""
        last = {pattern.text: pattern for pattern in patterns}
        patterns = sorted((p for p in patterns if last[p.text] is p), key=lambda p: -p.size)
        keyed: list[tuple[str, int]] = []
        free: list[int] = []
        for number, pattern in enumerate(patterns):
            element = next(
                (e for e in (*pattern.after, *pattern.before) if not isinstance(e, str)), None
            )
            if element is None:
                free.append(number)
                continue
            keyed += ((alternative[0], number) for alternative in element.alternatives)
        return cls(tuple(patterns), FirstWords.of(keyed), tuple(free))

    def candidates(self, words: Sequence[str], bases: Sequence[str] = ()) -> list[Pattern]:
        """Patterns that may match among `words` (or among the nouns' lemmas
        `bases`), most specific first (file order among equals)."""
        found = set(self.free)
        exact = self.first.exact
        for word in (*words, *bases):
            if word in exact:
                found.update(exact[word])
        return [self.patterns[n] for n in sorted(found)]


@quick_state
@dataclass(slots=True, frozen=True)
class Verb:
    """One verb of a block: the code it gives alone and the block's patterns."""

    lemma: str
    block: str
    codes: Codes
    where: str
    patterns: PatternIndex
    # Written in a block headed `[+]`: adds its patterns to the verb an earlier file
    # defines (`VerbLexicon.load`), its own code unused.
    extends: bool = False


@dataclass(slots=True, frozen=True)
class Transformation:
    """`~ a (b . ATTACK) SAY = a b 112`: when `a` says that `b` attacked, code `a`
    accusing `b`. Inside the brackets: the reported event's source and target (`a` the
    governing verb's subject, `b` another actor, `_` none named, `.` any) and its kind
    (a verb, standing for its block's root code, or `Q`, any event); then the governing
    verb; after `=`, the source, target and code (`Q`: the reported event's) to code, a
    target `_` coding an event with no other side named."""

    source: str
    inner_source: str
    inner_target: str
    kind: str  # a verb (`ATTACK`) or `Q`
    governor: str
    result_source: str
    result_target: str
    code: str
    where: str


_TRANSFORMATION_RE = re.compile(
    r"~\s*(\w)\s*\(\s*([\w.])\s+([\w.])\s+(\w+)\s*\)\s*(\w+)\s*=\s*(\w)\s+(\w)\s+(\w+)\s*$"
)


def _transformation(line: str, where: str) -> Transformation:
    found = _TRANSFORMATION_RE.match(line.split("#")[0].strip())
    if found is None:
        raise ValueError("bad transformation: want '~ a (b c VERB) VERB = a b CODE'")
    code = found.group(8)
    if code != "Q" and not _CAMEO_RE.fullmatch(code):
        raise ValueError(f"bad event code '{code}'")
    return Transformation(*found.groups(), where=where)  # type: ignore[call-arg]


@quick_state
@dataclass(slots=True, frozen=True)
class VerbForm:
    """An inflected form (`MET`, `CALLED OFF`) pointing to its verb."""

    key: tuple[str, ...]
    verb: Verb


def parse_codes(body: str) -> Codes:
    """`042`, `042:043`, `:173`, `---`, `050:---`; raises ValueError when malformed."""
    parts = body.strip().split(":")
    if len(parts) > 2:
        raise ValueError(f"bad event code '[{body}]'")
    found: list[str | None] = []
    for part in parts:
        part = part.strip()
        if part.strip("-") == "":
            found.append(None)
        elif _CAMEO_RE.fullmatch(part):
            found.append(part)
        else:
            raise ValueError(f"bad event code '[{body}]'")
    return Codes(found[0], found[1] if len(found) == 2 else None)


def regular_forms(word: str) -> list[str]:
    """Regular inflections of a verb; impossible extras (`VISITTED`) never match, harmlessly."""
    forms = [word]
    if word.endswith("E"):
        forms += [word + "S", word + "D", word[:-1] + "ING"]
    elif word.endswith("Y") and word[-2:-1] not in ("A", "E", "O", "U"):
        forms += [word[:-1] + "IES", word[:-1] + "IED", word + "ING"]
    else:
        plural = word + "ES" if word.endswith(("S", "SH", "CH", "X", "Z", "O")) else word + "S"
        forms += [plural, word + "ED", word + "ING"]
        if len(word) >= 3 and word[-1] not in "AEIOUWXY" and word[-2] in "AEIOU":
            forms += [word + word[-1] + "ED", word + word[-1] + "ING"]
    return forms


def _verb_forms(head: str, braces: str | None) -> list[tuple[str, ...]]:
    """The word keys of a verb's forms. In a multi-word verb `+` marks the word that
    inflects (`+CALL_OFF`: CALLED OFF; `WIRE_+TAP`: WIRE TAPPED), the first by default."""
    words = head.strip("_").split("_")
    inflected = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    words = [w.lstrip("+") for w in words]
    if braces is not None:
        extra = [phrase_key(f.replace("+", "")) for f in re.split(r"[\s,]+", braces) if f]
        return [phrase_key(" ".join(words)), *extra]
    return [
        phrase_key(" ".join([*words[:inflected], form, *words[inflected + 1 :]]))
        for form in regular_forms(words[inflected])
    ]


def _synset_member(text: str, label: str) -> list[tuple[str, ...]]:
    """The phrases a synonym set's `+` line adds: the phrase and, as PETRARCH generates
    them, the regular plural of its last word (`+LOAN`: LOANS, `+SUBSIDY`: SUBSIDIES),
    so that `- * &AID` codes `offered loans`. A phrase ending in `_`, any phrase of a
    label ending in `_` (`&AUXVERB1_`, sets of words that are no nouns), and a word that
    already ends in a single S (`TALKS`) get none."""
    key = phrase_key(text.rstrip("_"))
    if not key:
        return []
    last = key[-1]
    if text.endswith("_") or label.endswith("_") or (last.endswith("S") and last[-2:] != "SS"):
        return [key]
    return [key, *((*key[:-1], plural) for plural in plurals(last))]


def _words(text: str) -> list[tuple[str, int]]:
    """Split a pattern half into words and markers (`SUGGESTED_+` is `SUGGESTED` then
    `+`), each with the number of the `(…)` group it lies in (0 outside any): PETRARCH
    writes a prepositional phrase so, its first word the preposition (`(WITH
    &WEAPON)`), and the coder checks on the tree that the words form one
    (`Pattern.phrases`). Braces, a noun phrase's words (`{JOINT MANOEUVRES}`), drop."""
    out: list[tuple[str, int]] = []
    depth = groups = 0
    for piece in re.split(r"([()])", text):
        if piece == "(":
            groups += depth == 0
            depth += 1
        elif piece == ")":
            depth = max(0, depth - 1)
        else:
            words = re.sub(r"_?([$+%^])_?", r" \1 ", re.sub(r"[{}]", " ", piece)).split()
            out += [(word, groups if depth else 0) for word in words]
    return out


def _joined(alternative: tuple[str, ...]) -> tuple[str, ...] | None:
    """`DID N'T` as the tokeniser writes it: `DIDN'T`, one token."""
    if "N'T" not in alternative[1:]:
        return None
    out: list[str] = []
    for word in alternative:
        if word == "N'T" and out:
            out[-1] += word
        else:
            out.append(word)
    return tuple(out)


def _element(word: str, synsets: dict[str, list[tuple[str, ...]]]) -> Step | None:
    """One pattern word: a plain word, a synonym set, or words joined by `_` that must
    follow each other, synonym sets among them (`MEMOS_ON_&TIETYPES`). A word matches
    that word, or a noun of which it is the lemma (`EFFORT` is met by `efforts`, see
    `Element`), not every word it begins (`ARM` is not `army`, as TABARI's stems were)."""
    if word in ROLE_MARKERS:
        return word
    if word in _MARKERS or word == "*":
        return None
    parts = [p for p in word.split("_") if p]
    if not parts:
        return None
    alternatives: list[tuple[str, ...]] = [()]
    for part in parts:
        if part.startswith("&"):
            members = synsets.get(part)
            if members is None:
                raise ValueError(f"undefined synonym set {part}")
        else:
            members = [phrase_key(part)]
        alternatives = [a + m for a in alternatives for m in members if m]
    found: list[tuple[str, ...]] = []
    for alternative in alternatives:
        found.append(alternative)
        if (joined := _joined(alternative)) is not None:
            found.append(joined)
    return Element.of(found) if found else None


def _pattern(line: str, where: str, synsets: dict[str, list[tuple[str, ...]]]) -> Pattern | None:
    bodies = _CODE_RE.findall(line)
    if len(bodies) != 1:
        raise ValueError("pattern needs exactly one [code]")
    codes = parse_codes(bodies[0])
    text = _CODE_RE.split(line)[0].lstrip("-").strip()
    if "*" not in text.split():
        raise ValueError("pattern has no '*' for the verb")
    before_text, _, after_text = text.partition("*")
    before = tuple(e for w, _ in _words(before_text) if (e := _element(w, synsets)))
    after: list[Step] = []
    groups: dict[int, list[int]] = {}  # `(…)` group → its steps
    for word, group in _words(after_text):
        if (element := _element(word, synsets)) is not None:
            if group:
                groups.setdefault(group, []).append(len(after))
            after.append(element)
    phrases = tuple(
        (steps[0], steps[-1] + 1)
        for steps in groups.values()
        if not isinstance(after[steps[0]], str)
    )
    size = sum(not isinstance(e, str) for e in (*before, *after))
    return Pattern(before, tuple(after), codes, where, text, size, phrases)


def read_verbs(path: Path) -> tuple[list[VerbForm], list[Transformation], list[Issue]]:
    """Read a verb dictionary into inflected forms, each pointing to its verb and
    patterns, and its transformations."""
    issues: list[Issue] = []
    transformations: list[Transformation] = []
    synsets: dict[str, list[tuple[str, ...]]] = {}
    blocks: list[tuple[str, Codes, list[tuple[str, str | None, Codes | None, str]], list[Pattern]]]
    blocks = []
    current_synset: str | None = None
    extending: set[int] = set()  # blocks headed `[+]`
    label = ""  # the current synonym set as written, `_` and all
    for number, line, _ in petrarch_lines(path):
        where = f"{path.name}:{number}"
        stripped = line.strip()
        try:
            if stripped.startswith("~"):
                transformations.append(_transformation(stripped, where))
                continue
            header = _HEADER_RE.match(stripped)
            if header:
                current_synset = None
                # A block with a bad code still owns its verbs: they code nothing.
                blocks.append((header.group(1), Codes(None, None), [], []))
                if (header.group(2) or "").strip() == "+":
                    extending.add(len(blocks) - 1)
                else:
                    blocks[-1] = (header.group(1), parse_codes(header.group(2) or "---"), [], [])
            elif stripped.startswith("&"):
                label = stripped.split()[0]
                current_synset = label.rstrip("_")
                synsets[current_synset] = []
            elif current_synset is not None and stripped.startswith("+"):
                member = stripped[1:].split("#")[0].strip()
                if member.startswith("&"):  # a set inside a set
                    synsets[current_synset] += synsets.get(member.rstrip("_"), [])
                else:
                    synsets[current_synset] += _synset_member(member, label)
            elif not blocks:
                raise ValueError("line outside any verb block")
            elif stripped.startswith("-"):
                pattern = _pattern(stripped, where, synsets)
                if pattern is not None:
                    blocks[-1][3].append(pattern)
            else:
                head = _CODE_RE.split(stripped)[0]
                braces = None
                if "{" in head:
                    head, _, braces = head.partition("{")
                    braces = braces.partition("}")[0]
                if not re.fullmatch(r"\+?[A-Z][A-Z0-9'-]*(?:_\+?[A-Z0-9'-]*)*", head.strip()):
                    raise ValueError(f"bad verb '{head.strip()}'")
                bodies = _CODE_RE.findall(stripped)
                codes = parse_codes(bodies[0]) if bodies else None
                blocks[-1][2].append((head.strip(), braces, codes, where))
        except ValueError as exc:
            issues.append(Issue(str(path), number, str(exc)))
    forms: list[VerbForm] = []
    for number, (name, block_codes, verbs, patterns) in enumerate(blocks):
        index = PatternIndex.build(patterns)
        extends = number in extending
        for head, braces, codes, where in verbs:
            lemma = head.replace("+", "").strip("_")
            verb = Verb(lemma, name, codes or block_codes, where, index, extends)
            forms += [VerbForm(key, verb) for key in _verb_forms(head, braces) if key]
    return forms, transformations, issues
