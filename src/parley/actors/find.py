"""Actor mentions in context: the rules that turn dictionary matches into coded actors.

A dictionary match is not yet an actor. Within a document parley also resolves:

- agents composed with actors: `Japanese officials`, `officials in Tokyo`, `Britain's
  Prime Minister Blair` are one mention each (`JPNGOV`, `JPNGOV`, `GBRGOV`);
- case: in text that capitalises words, an actor name in small letters that is spelled
  like English words (`pole`, `turkey`) is not the name (`Pole`, `Turkey`);
- agent nouns owned by a country: an actor name that is also an agent noun (`Senate`,
  which the dictionaries give to the United States) takes its possessor's or modifier's
  country (`Brazil's Senate`, `the Brazilian Senate`: `BRALEG`);
- surnames: after `Junichiro Koizumi` or `Prime Minister Koizumi`, a bare `Koizumi` is
  the same person. A surname never seen in the document resolves when it follows a title
  (`President Bush`, `Mr Abe`) or, untitled, when the dictionaries say exactly one code for
  the people of that surname who are in office on the document's date;
- titles with names the dictionaries do not know: `Foreign Minister Taro Kono` is coded
  from the title (and any country before it), and `Kono` later in the document follows;
- titles of people the dictionaries place in no office on a document date that is a
  guess (inferred, or none known: then today): the text's title is better evidence
  than a guessed date, so the person is coded as the title says, with their country
  (`Foreign Minister Taro Kono` is `JPNGOV`, not the `JPNELI` of his years out of
  office), unless the title was `former`; a titled person is never dropped. On a date
  the data gave, the dictionaries' dates stand (`President Bush` in 2015 is a former
  president, addressed by courtesy);
- places: a country, capital or city after `in`/`at`/`near`... is where something
  happens, not who acts (`talks in Santiago, Chile`), and is kept with role `place`;
  capitals and seats of government that act (`Tokyo protested`, `the Kremlin said`) are
  coded as governments by their dictionary entries;
- pronouns: `he`/`his`/`she`/`her` refer to the nearest person (or singular title),
  `its` to the nearest country or organisation, `they`/`their` to the nearest plural
  group, in the same sentence or the one before. A possessive (`his licence`, `its
  embassy`) is kept with role `reference`: it says whose, not who acts, unless it
  makes an actor with the noun after it (`its troops`: that country's military).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from parley.actors.entries import COMPOUND, PLACE_KINDS, code_parts, is_current
from parley.actors.lexicon import ActorLexicon, surname
from parley.actors.matcher import Match
from parley.dates import MONTH_ABBREVIATIONS, MONTHS
from parley.document import Mention, Sentence, Span, Token
from parley.ingest.hyphens import known_word

_LINKS = frozenset({"OF", "IN", "FROM", "AT"})
_DATELINE_ENDS = frozenset({"—", "–", "-", "--", ":"})
_LOCATIVES = frozenset(
    {"IN", "AT", "NEAR", "OUTSIDE", "INSIDE", "ACROSS", "THROUGHOUT", "AROUND", "WITHIN"}
)
# Capitalised words that start sentences and headlines but never names.
_NOT_NAMES = frozenset(
    "THE A AN AND BUT OR IF IN ON AT BY FOR OF TO AS WHILE WHEN AFTER BEFORE SINCE WITH "
    "IT HE SHE THEY WE I YOU THIS THAT THESE THOSE ALSO YET SO NOW THEN BOTH MEANWHILE "
    "HOWEVER THERE HIS HER ITS THEIR OUR MY".split()
)
_CITY_KINDS = frozenset({"capital", "place"})
_HONORIFICS = frozenset({"MR", "MRS", "MS", "DR", "MADAM", "SIR"})
_FORMER = frozenset({"FORMER", "LATE", "EX"})  # a title that no longer holds
_CALENDAR = frozenset(
    "JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER "
    "MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUNDAY".split()
)
_PRONOUNS = {
    "HE": "person",
    "HIM": "person",
    "HIS": "person",
    "SHE": "person",
    "HER": "person",
    "ITS": "thing",
    "THEY": "group",
    "THEM": "group",
    "THEIR": "group",
}
# Codes of organisations, not countries: `IGOUNO` is the UN, with no role yet.
_ORGANISATION_TYPES = frozenset({"IGO", "NGO", "IMG", "MNC"})
_POSSESSIVES = frozenset({"HIS", "HER", "ITS", "THEIR"})
_NAME_RUN = 3
_PERSON_ENDINGS = (
    "ER", "OR", "IST", "ANT", "ENT", "MAN", "WOMAN", "PERSON", "CHIEF", "KING", "QUEEN",
    "PRINCE", "GENERAL", "OFFICIAL", "ENVOY", "DIPLOMAT", "DEPUTY", "CANDIDATE", "MONARCH",
)  # fmt: skip  # at most this many unknown capitalised words are taken as a title's name


def compose(actor: str, agent: str) -> str:
    """Add an agent's sector (`~GOV`, `IGO~`) to a bare country code.

    Named actors (codes longer than a country) keep their own role: `US Congress` stays
    `USALEG` when followed by `officials`. Each code of a compound actor is composed.
    """
    if COMPOUND in actor:
        return COMPOUND.join(compose(part, agent) for part in code_parts(actor))
    sector = agent.strip("~")
    bare = len(actor) == 3 or (len(actor) == 6 and actor[:3] in _ORGANISATION_TYPES)
    if not bare or sector in actor:
        return actor
    return sector + actor if agent.endswith("~") else actor + sector


@dataclass(slots=True)
class _Alias:
    """What a surname stands for in this document."""

    row: int  # actor row, or -1 when the code came from a title
    code: str
    entries: tuple[str, ...]


@dataclass(slots=True)
class DocumentContext:
    """What the sentences of one document have established so far."""

    day: dt.date | None
    words: AbstractSet[str] = frozenset()  # English words, to tell them from names
    guessed: bool = False  # `day` was inferred (`parley.resolve.document_date`)
    aliases: dict[str, _Alias] = field(default_factory=dict)
    previous: list[Mention] = field(default_factory=list)
    # An undated document's countries (`named_countries`): who its bare surnames are.
    countries: AbstractSet[str] = frozenset()


@dataclass(slots=True)
class _Piece:
    start: int
    end: int
    code: str | None
    entries: list[str]
    kind: str  # an entry kind, "agent" (a title or sector noun), or "pronoun"
    row: int = -1  # actor row behind the code
    agent: str = ""  # the agent's code (`~GOV`) while not yet joined to an actor
    plural: bool = False
    titled: bool = False  # a title or sector noun is part of it
    name: tuple[str, ...] = ()  # the unknown name a title introduced
    role: str = "actor"
    # A person in no office on the day: their country, for a title to compose with.
    resting: str = ""
    by_title: bool = False  # coded by the title the text gives, not by the dictionaries


def find_mentions(
    lexicon: ActorLexicon, sentence: Sentence, context: DocumentContext
) -> list[Mention]:
    """Coded mentions of one sentence, left to right; updates `context`."""
    tokens = sentence.tokens
    norms = [t.norm for t in tokens]
    day = context.day
    pieces: list[_Piece] = []
    taken = [False] * len(norms)
    matches = lexicon.actors.find_all(norms)
    cased = _is_cased(tokens)
    if cased:
        matches = _names_by_case(tokens, matches, context.words)
    for k, match in enumerate(matches):
        if _owned_agent(lexicon, norms, matches, k):
            continue  # left for the agents: `Brazil's Senate` is Brazil's
        row = match.payload
        piece = _Piece(
            match.start,
            match.end,
            lexicon.code_on(row, day),
            [lexicon.wheres[row]],
            lexicon.kinds[row],
            row,
            resting=_resting(lexicon, row, context),
        )
        pieces.append(_titled_name(lexicon, norms, piece))
        taken[match.start : match.end] = [True] * (match.end - match.start)
    titles: dict[int, _Piece] = {}
    for match in lexicon.agents.find_all(norms, taken):
        row, plural = divmod(match.payload, 2)
        small = cased and not _capitalised(tokens[match.start : match.end])
        if small and lexicon.agent_capitalised[row]:
            continue  # `the report states`: no `States`
        piece = _Piece(
            match.start,
            match.end,
            None,
            [lexicon.agent_wheres[row]],
            "agent",
            agent=lexicon.agent_codes[row],
            plural=bool(plural),
            titled=True,
        )
        pieces.append(piece)
        titles[match.end] = piece
        taken[match.start : match.end] = [True] * (match.end - match.start)
    pieces += _names(lexicon, context, tokens, norms, taken, titles)
    pieces.sort(key=lambda p: p.start)
    merged = _merge(pieces, norms)
    _mark_places(merged, norms)
    _mark_dateline(merged, tokens)
    _mark_modifiers(merged, tokens, taken)
    merged += _pronouns(sentence, norms, merged, taken, context)
    merged.sort(key=lambda p: p.start)
    merged = _merge(merged, norms)  # `its troops`: the antecedent's military
    _remember(lexicon, merged, context)
    mentions = [
        _mention(lexicon, sentence, p, code)
        for p in merged
        if p.code
        for code in code_parts(p.code)
    ]
    context.previous = mentions
    return mentions


def _is_cased(tokens: list[Token]) -> bool:
    """Whether a sentence capitalises words at all. Text kept all in lower case (as some
    corpora are) cannot tell names from words by their case. (In all capitals, a
    headline, every match is capitalised: the case rule keeps them all.)"""
    return any(t.text[:1].isupper() for t in tokens)


def _names_by_case(
    tokens: list[Token], matches: list[Match[int]], words: AbstractSet[str]
) -> list[Match[int]]:
    """The actor matches of a cased sentence that read as names.

    Actor dictionaries hold proper nouns, some spelled like common words (`pole`,
    `turkey`, `youth`, `foundation`); where names are capitalised only the capitalised
    spelling is the name (`Pole`, `al-Qaeda`, `the Kremlin`; a word that starts
    sentences whatever it is, `The`, does not count). But a match in small letters
    that is no English word (`delhi`) can only be a name, and shows that this text
    does not capitalise names (a lower-case story under a cased heading): then its case
    says nothing and every match stands. With no word list every match stands.
    """
    small = [m for m in matches if not _capitalised(tokens[m.start : m.end])]
    for match in small:
        if not all(known_word(t.norm.lower(), words) for t in tokens[match.start : match.end]):
            return matches
    return [m for m in matches if m not in small]


def _capitalised(tokens: list[Token]) -> bool:
    return any(t.norm not in _NOT_NAMES and any(c.isupper() for c in t.text) for t in tokens)


def _owned_agent(
    lexicon: ActorLexicon, norms: list[str], matches: list[Match[int]], k: int
) -> bool:
    """Whether actor match `k` is an agent noun that a country next to it owns.

    Actor dictionaries give some agent nouns a default country (`SENATE` is an alias of
    the United States Congress), but a possessor or modifier says whose it is:
    `Brazil's Senate`, `the Brazilian Senate`, `the Senate of Brazil`. When the agents
    dictionary has the same words, the agent reading is taken and composes with that
    country.
    """
    match = matches[k]
    agent = lexicon.agents.match_at(norms, match.start)
    if agent is None or agent.end != match.end:
        return False
    owners = []
    before = matches[k - 1] if k > 0 else None
    if before is not None and before.end == match.start and "-" not in norms[before.end - 1]:
        owners.append(before)  # not `Brazil-based`: see `_joins`
    if k + 1 < len(matches):
        after = matches[k + 1]
        between = norms[match.end : after.start]
        if between in (["OF"], ["OF", "THE"]):
            owners.append(after)
    return any(lexicon.kinds[owner.payload] == "country" for owner in owners)


def _is_name(text: str, taken: bool) -> bool:
    """A capitalised word that can be part of a person's name."""
    if taken or not text[:1].isupper():
        return False
    word = text.removesuffix("'s").removesuffix("’s").replace("-", "")
    if not word.isalpha():
        return False
    return text.upper() not in _CALENDAR and text.upper() not in _NOT_NAMES


def _names(
    lexicon: ActorLexicon,
    context: DocumentContext,
    tokens: list[Token],
    norms: list[str],
    taken: list[bool],
    titles: dict[int, _Piece],
) -> list[_Piece]:
    """People named by runs of capitalised words the dictionaries did not match.

    The last word of a run is the surname (`Jeffrey Kupfer`: `Kupfer`); a longer run
    resolves only after a title or through this document's earlier mentions, since
    `Jeb Bush` is not the `Bush` of the dictionaries. A title whose name resolves to no
    one takes the name into its own mention (`Foreign Minister Taro Kono`).
    """
    found: list[_Piece] = []
    i = 0
    while i < len(tokens):
        text = tokens[i].text
        if not (text[:1].isupper() and _is_name(text, taken[i])):  # most words: no call
            i += 1
            continue
        end = i + 1
        while end < min(len(tokens), i + _NAME_RUN) and _is_name(tokens[end].text, taken[end]):
            end += 1
        if i == 0 and end > 1 and tokens[0].text.lower() in context.words:
            i = 1  # a capitalised first word may be any word: `Later Koizumi said`
        titled = i in titles or (i > 0 and norms[i - 1] in _HONORIFICS)
        last = norms[end - 1]
        piece = None
        if end - i == 1 or titled or last in context.aliases:
            piece = _surname(lexicon, context, last, end - 1, titled)
        if piece is not None:
            piece.start = i
            found.append(piece)
        elif (title := titles.get(i)) is not None and not title.plural:
            title.name = tuple(norms[i:end])
            title.end = end
        else:
            i = end
            continue
        taken[i:end] = [True] * (end - i)
        i = end
    return found


def _surname(
    lexicon: ActorLexicon, context: DocumentContext, norm: str, i: int, titled: bool
) -> _Piece | None:
    """A bare surname: this document's person of that name, or the one in office."""
    alias = context.aliases.get(norm)
    if alias is not None:
        code = lexicon.code_on(alias.row, context.day) if alias.row >= 0 else alias.code
        return _Piece(i, i + 1, code, list(alias.entries), "person", alias.row)
    if not titled and norm in _CALENDAR:
        return None
    candidates = lexicon.surnames.get(norm, [])
    holders = [row for row in candidates if lexicon.in_office(row, context.day)]
    if not holders and context.day is None and not titled:
        holders = [row for row in candidates if _leader_of(lexicon, row) in context.countries]
    pool = holders if holders or not titled else candidates
    row = _most_likely(lexicon, pool, context.day)
    if row is None:
        return None
    code = lexicon.code_on(row, context.day)
    entries = [f"{lexicon.wheres[row]} [surname {norm}]"]
    resting = _resting(lexicon, row, context)
    return _Piece(i, i + 1, code, entries, "person", row, resting=resting)


def _leader_of(lexicon: ActorLexicon, row: int) -> str | None:
    """The country a person governs now (a plain `XXXGOV` office begun and not ended,
    as an undated document is read: `code_on`), if any."""
    for dated in lexicon.entry_codes(row):
        if is_current(dated) and len(dated.code) == 6 and dated.code.endswith("GOV"):
            return dated.code[:3]
    return None


def named_countries(lexicon: ActorLexicon, sentences: Sequence[Sentence]) -> frozenset[str]:
    """The countries a document names by their names or capitals.

    A document with no date, not even one inferred, cannot say who was in office, and a
    bare surname waits for a title (`in_office`). Read as recent news, as `code_on` reads
    it, its countries can say whom it means: in an undated page on the United States and
    North Korea, `Trump` and `Kim` are the people who govern them now, as a reader takes
    them; an `Anderson` who governs no country the page names stays no one."""
    found = set()
    for sentence in sentences:
        for match in lexicon.actors.find_all([t.norm for t in sentence.tokens]):
            row = match.payload
            if lexicon.kinds[row] in ("country", "capital"):
                code = lexicon.code_on(row, None)
                if code:
                    found.add(code[:3])
    return frozenset(found)


def _resting(lexicon: ActorLexicon, row: int, context: DocumentContext) -> str:
    """A person's country when the dictionaries give them no office on a guessed day,
    else ''. (Not for people coded by an organisation, `IGOUNO`: its code is not a
    country.)"""
    day = context.day
    known = day is not None and not context.guessed
    if known or lexicon.kinds[row] != "person" or lexicon.in_office(row, day):
        return ""
    code = lexicon.code_on(row, day)
    if not code or any(part[:3] in _ORGANISATION_TYPES for part in code_parts(code)):
        return ""
    return COMPOUND.join(part[:3] for part in code_parts(code))


def _titled_name(lexicon: ActorLexicon, norms: list[str], piece: _Piece) -> _Piece:
    """A dictionary name that holds its title (`FOREIGN MINISTER TARO KONO`) of a
    person out of office on the day: coded by the title, as a title before the name is
    (`_join`)."""
    if not piece.resting or _former(norms, piece.start):
        return piece
    title = lexicon.agents.match_at(norms, piece.start)
    if title is None or title.end >= piece.end:
        return piece
    agent = lexicon.agent_codes[title.payload // 2]
    piece.code = compose(piece.resting, agent)
    piece.entries = [*piece.entries, _by_title(agent)]
    piece.titled, piece.resting, piece.by_title = True, "", True
    return piece


def _former(norms: list[str], start: int) -> bool:
    """`former`, `the late`, `ex-` before a title: it no longer holds."""
    before = norms[start - 1] if start > 0 else ""
    return before in _FORMER or before.startswith("EX-")


def _by_title(agent: str) -> str:
    return f"[in no office on the day: {agent} by the title]"


def _most_likely(lexicon: ActorLexicon, rows: list[int], day: dt.date | None) -> int | None:
    """The person a bare surname means: all candidates agree on the code, or one stands out.

    National leaders (a plain `XXXGOV` code) come before lesser offices; among people
    whose codes differ, the one the dictionaries give clearly more names wins (`Bush` in
    2004 is George W. Bush, not the Cayman Islands premier); otherwise it is left alone.
    """
    coded = [(row, lexicon.code_on(row, day)) for row in rows]
    coded = [(row, code) for row, code in coded if code]
    leaders = [(row, code) for row, code in coded if len(code) == 6 and code.endswith("GOV")]
    coded = leaders or coded
    if not coded:
        return None
    ranked = sorted(coded, key=lambda rc: lexicon.names_count[rc[0]], reverse=True)
    if len({code for _, code in coded}) == 1:
        return ranked[0][0]
    first, second = ranked[0], ranked[1]
    if lexicon.names_count[first[0]] > 2 * lexicon.names_count[second[0]]:
        return first[0]
    return None


def _merge(pieces: list[_Piece], norms: list[str]) -> list[_Piece]:
    """Join titles and sector nouns to the actor next to them: neighbours first
    (`Georgian` + `government`), then across a link (`ministers from the` + that)."""
    out: list[_Piece] = []
    for adjacent in (True, False):
        out = []
        for piece in pieces:
            previous = out[-1] if out else None
            if (
                previous is not None
                and (not adjacent or piece.start == previous.end)
                and _joins(previous, piece, norms)
            ):
                out[-1] = _join(previous, piece, norms)
            else:
                out.append(piece)
        pieces = out
    for piece in out:
        if piece.kind == "agent" and piece.code is None:
            piece.code = lone_agent(piece.agent)
    return out


def lone_agent(agent: str) -> str:
    """An agent with no actor (`officials said`): `---GOV`, the CAMEO way of writing
    "a government, country unknown", so it never reads as a country code."""
    sector = agent.strip("~")
    return sector + "---" if agent.endswith("~") else "---" + sector


def _linked(left: _Piece, right: _Piece, norms: list[str]) -> bool:
    """`officials in` + `Tokyo`, `ministers from the` + `Georgian government`."""
    gap = right.start - left.end
    if not gap or norms[left.end] not in _LINKS:
        return False
    return gap == 1 or (gap == 2 and norms[left.end + 1] == "THE")


def _joins(left: _Piece, right: _Piece, norms: list[str]) -> bool:
    gap = right.start - left.end
    country_agency = right.kind == "agent" and right.code and not right.code.startswith("---")
    if left.agent and left.code is None and country_agency and _linked(left, right, norms):
        return True  # a lone agent of a country's agency: `ministers from the …`
    if left.kind == "agent" and right.kind == "agent":
        return False
    if left.agent and right.agent:
        return False
    if left.kind == "pronoun" and norms[left.start] not in _POSSESSIVES:
        return False
    if not left.agent and "-" in norms[left.end - 1]:
        return False  # `Russian-backed rebels` are not Russian rebels
    if left.agent or right.agent:
        if gap == 0:
            return not (left.agent and left.name)  # `Minister Kono officials`: two
        return bool(left.agent) and _linked(left, right, norms)
    # `Britain's Prime Minister` + `Blair`: the person is the title's holder.
    if gap or not left.titled or left.name or not left.code or not right.code:
        return False
    return right.kind == "person" or right.code[:3] == left.code[:3]


def _join(left: _Piece, right: _Piece, norms: list[str]) -> _Piece:
    entries = left.entries + right.entries
    if not left.agent and not right.agent:  # country title + person
        code, by_title = right.code, right.by_title
        if left.code and code and left.code.startswith(code) and len(left.code) > len(code):
            code = left.code  # `Bree Prime Minister` (BREGOV) + a person coded BRE
        elif right.resting and left.titled and left.code and not _former(norms, left.start):
            code, by_title = left.code, True  # `Japan's Foreign Minister` + one out of office
            entries.append(_by_title(left.code))
        return _Piece(
            left.start, right.end, code, entries, "person", right.row, titled=True,
            by_title=by_title,
        )  # fmt: skip
    actor, agent = (right, left) if left.agent else (left, right)
    code = compose(actor.code, agent.agent) if actor.code else None
    by_title = actor.by_title
    if actor.resting and agent is left and not agent.plural and not _former(norms, left.start):
        code, by_title = compose(actor.resting, agent.agent), True  # `Prime Minister` + one
        entries.append(_by_title(agent.agent))  # the dictionaries have out of office
    kind = "person" if actor.kind == "person" else "agent"
    return _Piece(
        left.start,
        right.end,
        code,
        entries,
        kind,
        actor.row,
        plural=agent.plural,
        titled=True,
        name=agent.name,
        by_title=by_title,
    )


def _mark_places(pieces: list[_Piece], norms: list[str]) -> None:
    """`talks in Santiago, Chile`: both say where it happens, not who acts.

    Only cities (capitals included) after a locative preposition are places, and a
    country in apposition to such a city. A country after `in` stays an actor: news
    and the CAMEO coding tradition treat `shootings in South Carolina` or `refineries
    in Iran` as done to that country.
    """
    previous: _Piece | None = None
    for piece in pieces:
        if piece.kind in _CITY_KINDS and not piece.titled:
            before = piece.start - 1
            if before >= 0 and norms[before] == "THE":
                before -= 1
            if before >= 0 and norms[before] in _LOCATIVES:
                piece.role = "place"
        elif (
            piece.kind in PLACE_KINDS
            and previous is not None
            and previous.role == "place"
            and piece.start - previous.end == 1
            and norms[previous.end] == ","
        ):
            piece.role = "place"
        previous = piece


def _mark_dateline(pieces: list[_Piece], tokens: list[Token]) -> None:
    """`TOKYO, Oct. 17 — Japan protested`, `GAZA CITY, Palestinian Territories: …`: the
    places a report opens with, before a dash or a colon, say where it was filed from,
    not who acts. Between them only places, commas and a date may stand."""
    if not pieces or pieces[0].start != 0 or pieces[0].kind not in PLACE_KINDS:
        return
    places = {p.start: p for p in pieces if p.kind in PLACE_KINDS}
    named: list[_Piece] = []
    at = 0
    while at < min(len(tokens), 12):
        if at in places:
            named.append(places[at])
            at = places[at].end
            continue
        text = tokens[at].text
        if text in _DATELINE_ENDS:
            for piece in named:
                piece.role = "place"
            return
        norm = tokens[at].norm
        if not (
            text in (",", ".") or norm.isdigit() or norm in MONTHS or norm in MONTH_ABBREVIATIONS
        ):
            return
        at += 1


def _mark_modifiers(pieces: list[_Piece], tokens: list[Token], taken: list[bool]) -> None:
    """`the Beijing Olympics`: a capital naming a thing is its country, not its government."""
    for piece in pieces:
        after = piece.end
        if (
            piece.kind == "capital"
            and piece.role == "actor"
            and not piece.titled
            and piece.code
            and after < len(tokens)
            and not taken[after]
            and tokens[after].text[:1].isupper()
        ):
            piece.code = piece.code[:3]
            piece.entries = [*piece.entries, "[a capital naming a thing: its country]"]


def _personal(text: str) -> bool:
    """Whether a title or sector noun names a person (`minister`), not a body (`university`)."""
    return text.upper().rstrip("'S").endswith(_PERSON_ENDINGS)


def _compatible(want: str, kind: str, plural: bool, text: str) -> bool:
    if kind == "pronoun":
        return _PRONOUNS.get(text.upper()) == want
    if want == "person":
        return kind == "person" or (kind == "agent" and not plural and _personal(text))
    if want == "group":
        return kind == "agent" and plural
    return kind in ("country", "capital", "organisation")


def _pronouns(
    sentence: Sentence,
    norms: list[str],
    pieces: list[_Piece],
    taken: list[bool],
    context: DocumentContext,
) -> list[_Piece]:
    found: list[_Piece] = []
    for i, norm in enumerate(norms):
        want = _PRONOUNS.get(norm)
        if want is None or taken[i]:
            continue
        here = [
            p
            for p in pieces
            if p.end <= i
            and p.role != "place"
            and p.code
            and _compatible(want, p.kind, p.plural, " ".join(norms[p.start : p.end]))
        ]
        if here:
            antecedent = here[-1]
            text = sentence.surface(antecedent.start, antecedent.end)
            found.append(
                _refer(i, norm, antecedent.code, antecedent.entries, text, "this sentence")
            )
            continue
        before = [
            m
            for m in context.previous
            if m.role != "place" and _compatible(want, m.kind, m.plural, m.text)
        ]
        if before:
            m = before[-1]
            where = f"sentence {m.sentence_index}"
            span = (m.token_start, m.token_end)  # all codes of a compound actor
            code = COMPOUND.join(b.code for b in before if (b.token_start, b.token_end) == span)
            found.append(_refer(i, norm, code, list(m.entries), m.text, where))
    return found


def _refer(
    i: int, pronoun: str, code: str | None, entries: list[str], text: str, where: str
) -> _Piece:
    """A pronoun piece; a pronoun referring to a pronoun names the first antecedent."""
    if entries and entries[0].startswith("pronoun "):
        note = f"pronoun {pronoun} → {entries[0].split(' → ', 1)[1]}"
        entries = entries[1:]
    else:
        note = f"pronoun {pronoun} → {text} ({where})"
    role = "reference" if pronoun in _POSSESSIVES else "actor"
    return _Piece(i, i + 1, code, [note, *entries], "pronoun", role=role)


def _remember(lexicon: ActorLexicon, pieces: list[_Piece], context: DocumentContext) -> None:
    """Record the surnames this sentence introduced, for the sentences after it. A person
    coded by their title keeps that code (`Kono` after `Foreign Minister Taro Kono`)."""
    for piece in pieces:
        if not piece.code:
            continue
        word = lexicon.surname_of.get(piece.row) if piece.row >= 0 else None
        if word is not None:
            row = -1 if piece.by_title else piece.row
            context.aliases.setdefault(word, _Alias(row, piece.code, tuple(piece.entries)))
        elif piece.name:
            word = surname(piece.name, piece.code) or piece.name[-1]
            context.aliases.setdefault(word, _Alias(-1, piece.code, tuple(piece.entries)))


def _mention(lexicon: ActorLexicon, sentence: Sentence, piece: _Piece, code: str) -> Mention:
    """The mention of `piece` as the actor `code`: one of several over the same words
    when the piece is a compound actor (`FRO/BIL/SAM`), each of which acts."""
    first = sentence.tokens[piece.start]
    last = sentence.tokens[piece.end - 1]
    facts = lexicon.book.facts(code)
    return Mention(
        sentence_index=sentence.index,
        token_start=piece.start,
        token_end=piece.end,
        span=Span(first.start, last.end),
        text=sentence.surface(piece.start, piece.end),
        code=code,
        entries=tuple(piece.entries),
        kind=piece.kind,
        role=piece.role,
        country=facts.country,
        sector=facts.plover_sector,
        plural=piece.plural,
    )
