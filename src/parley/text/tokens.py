"""Tokenisation for matching: words with offsets and a normalised form.

Dictionaries from the PETRARCH tradition are upper-case and written without possessives
or the dots of abbreviations (`US`, `JAPAN`), so `normalise` maps the text's `U.S.`,
`Japan’s` and `Japan's` to the same keys as the dictionary phrases.
"""

from __future__ import annotations

import re

from parley.document import Token

ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt sen rep gov pres amb
    rev fr st sr jr mt ft ave blvd rd no nos vol fig approx est dept univ corp inc ltd co
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri
    sat sun vs etc al op cf ca
    """.split()
)
"""Words written with a period that does not end the sentence (`Dr.`, `Jan.`, `Gen.`),
when capitalised (`he said no.` ends one), or always, for those written in lower case."""
LOWER_CASE_ABBREVIATIONS = ("vs", "etc", "al", "approx", "cf")

_LONGEST = max(len(w) for w in ABBREVIATIONS)
_TITLED = "|".join(sorted((w.capitalize() for w in ABBREVIATIONS), key=len, reverse=True))
_TOKEN_RE = re.compile(
    rf"""
    (?:[A-Za-z]\.){{2,}}                 # U.S., U.N., e.g.
    | (?=[A-Za-z]{{1,{_LONGEST}}}\.)  # (most words have no period this near: skip fast)
      (?:{_TITLED}|{"|".join(LOWER_CASE_ABBREVIATIONS)})\.(?!\w)  # Dr., Jan., Gen., etc.
    | -{{2,}}                            # a dash typed as --
    | [A-Z]\.(?=\s+[A-Z])               # an initial: George W. Bush
    | \d+(?:[.,:]\d+)+                  # 3.5, 1,000, 10:30
    | [^\W_]+(?:[-'’][^\W_]+)*['’]?    # words, inner hyphens and apostrophes, Allies'
    | [^\s_]                           # any other single character; `_` joins as a space
    """,
    re.VERBOSE,
)
_POSSESSIVE_RE = re.compile(r"(?:'S|')$")


def normalise(word: str) -> str:
    """Upper-case, straight apostrophes, no possessive suffix, no abbreviation dots."""
    if word.isalpha():
        return word.upper()  # most words: nothing else to do
    norm = word.upper()
    if "’" in norm:
        norm = norm.replace("’", "'")
    if len(norm) > 2 and norm[-1] in "'S":
        norm = _POSSESSIVE_RE.sub("", norm)
    if "." in norm and any(c.isalpha() for c in norm):
        norm = norm.replace(".", "")
    return norm


def tokenise(text: str, offset: int = 0) -> list[Token]:
    """Split `text` into tokens whose offsets are shifted by `offset` (a sentence start)."""
    out = []
    for found in _TOKEN_RE.finditer(text):
        word = found.group()
        start, end = found.span()
        out.append(Token(word, start + offset, end + offset, normalise(word)))
    return out


def phrase_key(phrase: str) -> tuple[str, ...]:
    """Normalise a dictionary phrase (`U.S._PRESIDENT`, `Prime Minister`) into token keys."""
    text = " ".join(phrase.replace("_", " ").split())
    return tuple(normalise(tok.group()) for tok in _TOKEN_RE.finditer(text))
