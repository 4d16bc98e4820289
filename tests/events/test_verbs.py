from pathlib import Path

import pytest

from parley.events.patterns import choose_codes
from parley.events.verbs import Codes, PatternIndex, parse_codes, read_verbs, regular_forms


@pytest.mark.parametrize(
    ("body", "codes"),
    [
        ("042", Codes("042", None)),
        ("042:043", Codes("042", "043")),
        (":173", Codes(None, "173")),
        ("---", Codes(None, None)),
        ("1722", Codes("1722", None)),
    ],
)
def test_parse_codes(body, codes):
    assert parse_codes(body) == codes


def test_bad_code_is_an_error():
    with pytest.raises(ValueError, match="bad event code"):
        parse_codes("080!")


def test_regular_forms():
    assert {"VISITS", "VISITED", "VISITING"} <= set(regular_forms("VISIT"))
    assert {"ACCUSES", "ACCUSED", "ACCUSING"} <= set(regular_forms("ACCUSE"))
    assert {"DENIES", "DENIED", "DENYING"} <= set(regular_forms("DENY"))
    assert {"STOPPED", "STOPPING"} <= set(regular_forms("STOP"))


def test_read_verbs_blocks_forms_patterns_and_defects(tmp_path: Path):
    path = tmp_path / "verbs.txt"
    path.write_text(
        """\
&TALK
+TALKS
+NEGOTIATIONS

---  MEET   [040]  ---
MEET {MEETS MET MEETING}
+MEET_WITH {+MET_WITH +MEETS_WITH}
- * (FOR &TALK)                  [046:046]  # MEET
- * BROKEN                       [080!]
---  VISIT   [042:043]  ---
VISIT
REPORT [---]
""",
        encoding="utf-8",
    )
    forms, _, issues = read_verbs(path)
    by_key = {f.key: f.verb for f in forms}
    assert by_key[("MET",)].lemma == "MEET"
    assert by_key[("MET", "WITH")].codes == Codes("040", None)
    assert by_key[("VISITED",)].codes == Codes("042", "043")
    assert by_key[("REPORTED",)].codes == Codes(None, None)
    (pattern,) = by_key[("MET",)].patterns.patterns
    assert pattern.codes == Codes("046", "046")
    assert pattern.after[1].alternatives == (("TALKS",), ("NEGOTIATIONS",))
    assert [(i.line, i.message) for i in issues] == [(9, "bad event code '[080!]'")]


def test_markers_joined_synsets_and_transformations(tmp_path: Path):
    path = tmp_path / "verbs.txt"
    path.write_text(
        """\
&TIETYPES_
+MILITARY
+ECONOMIC

&NEG
+DID N'T

--- WELCOME  [041] ---
WELCOME
- * MEMOS_ON_&TIETYPES FROM $ [912]
- &NEG * [904]
- % HAVE * [031]

--- REPORT [025?] ---
REPORT

&LATE
+&TIETYPES
+CULTURAL

~ a (b . ATTACK) SAY = a b 112
~ a (a b Q) SAY = a b
""",
        encoding="utf-8",
    )
    forms, transformations, issues = read_verbs(path)
    by_key = {f.key: f.verb for f in forms}
    memos, negative, compound = by_key[("WELCOMED",)].patterns.patterns
    assert memos.after[0].alternatives == (("MEMOS", "ON", "MILITARY"), ("MEMOS", "ON", "ECONOMIC"))
    assert memos.after[-1] == "$" and memos.size == 2
    assert ("DIDN'T",) in negative.before[0].alternatives  # the tokeniser keeps "didn't" whole
    assert compound.before[0] == "%"
    # a block whose code is bad codes nothing, rather than lending its verbs to the last
    assert by_key[("REPORTED",)].codes == Codes(None, None)
    assert [
        (t.inner_source, t.inner_target, t.kind, t.governor, t.code) for t in transformations
    ] == [("b", ".", "ATTACK", "SAY", "112")]
    assert sorted(i.line for i in issues) == [14, 22]  # the bad block code, the bad rule


def pattern_index(tmp_path: Path, text: str) -> PatternIndex:
    """The patterns of the first verb of a verb file holding `text`."""
    path = tmp_path / "verbs.txt"
    path.write_text(text, encoding="utf-8")
    forms, _, _ = read_verbs(path)
    return forms[0].verb.patterns


def test_pattern_index_offers_only_patterns_the_words_can_match(tmp_path: Path):
    index = pattern_index(
        tmp_path,
        "--- MEET [040] ---\nMEET\n- * FOR TALKS [046]\n- * NEGOTIATORS [045]\n- $ * [041]\n"
        "- * NEGOTIATOR [044]\n- * WITH ECONOMIC TEAMS [047]\n",
    )
    texts = [p.text for p in index.candidates(["TALKS", "NEGOTIATORS", "ECONOMIC"])]
    assert texts == ["* NEGOTIATORS", "$ *"]  # FOR is missing: its pattern is not offered
    # a word is itself only, as in PETRARCH: NEGOTIATOR is not offered for NEGOTIATORS
    assert [p.text for p in index.candidates(["WITH", "FOR"])] == [
        "* WITH ECONOMIC TEAMS",
        "* FOR TALKS",
        "$ *",
    ]  # most words first


def test_a_pattern_written_again_later_replaces_the_earlier_one(tmp_path: Path):
    index = pattern_index(
        tmp_path,
        "--- APPROVE [---] ---\nAPPROVE\nRATIFY\n- * TREATY [031:031]  # APPROVE\n"
        "- * DEAL [051]\n- * TREATY [057]  # RATIFY\n",
    )
    assert [(p.text, p.codes) for p in index.candidates(["TREATY", "DEAL"])] == [
        ("* DEAL", Codes("051", None)),
        ("* TREATY", Codes("057", None)),
    ]


def test_plus_marks_the_word_of_a_multi_word_verb_that_inflects(tmp_path: Path):
    path = tmp_path / "verbs.txt"
    path.write_text(
        "--- CONFISCATE [1711] ---\nCONFISCATE\nWIRE_+TAP\n+CALL_OFF\n"
        "EAVES_+DROP {EAVES_+DROPPED}\n- WILL NOT * [081]\n",
        encoding="utf-8",
    )
    forms, _, issues = read_verbs(path)
    by_key = {f.key: f.verb for f in forms}
    assert issues == []
    assert {("WIRE", "TAPPED"), ("WIRE", "TAPS"), ("CALLED", "OFF"), ("EAVES", "DROPPED")} <= set(
        by_key
    )
    assert ("WIRED", "TAP") not in by_key and by_key[("WIRE", "TAP")].lemma == "WIRE_TAP"


def test_a_noun_matches_the_pattern_word_that_is_its_lemma(tmp_path: Path):
    index = pattern_index(
        tmp_path, "--- MEET [040] ---\nMEET\n- * NEGOTIATOR [044]\n- * TALKS [046]\n"
    )
    # `negotiators`, a noun whose lemma is NEGOTIATOR, is offered the singular pattern
    assert [p.text for p in index.candidates(["NEGOTIATORS"], ["NEGOTIATOR"])] == ["* NEGOTIATOR"]
    assert index.candidates(["NEGOTIATORS"]) == []  # not without the lemma


def _choose(tmp_path: Path, block: str, sentence: str, nouns: dict[str, str]) -> str | None:
    """The forward code `choose_codes` gives the verb MEET in `sentence`, whose nouns
    have the lemmas `nouns` (word → lemma, upper case)."""
    path = tmp_path / "verbs.txt"
    path.write_text(block, encoding="utf-8")
    forms, _, _ = read_verbs(path)
    norms = sentence.upper().split()
    bases = [nouns.get(word, "") for word in norms]
    at = norms.index("MET")
    choice = choose_codes(forms[0].verb, norms, (at, at + 1), (0, len(norms)), {}, bases)
    return choice.codes.forward


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("gondor met negotiators", "044"),  # the plural noun meets the lemma
        ("gondor met the negotiator", "044"),
        ("gondor met envoys", "045"),  # a plural written out: that plural only
        ("gondor met the envoy", "040"),
        ("gondor met the efforts", "047"),  # written as in the text: it wins
    ],
)
def test_lemmas_meet_pattern_words_after_the_words_as_written(tmp_path, sentence, expected):
    block = (
        "--- MEET [040] ---\nMEET\n- * NEGOTIATOR [044]\n- * ENVOYS [045]\n"
        "- * EFFORT [046]\n- * EFFORTS [047]\n"
    )
    nouns = {"NEGOTIATORS": "NEGOTIATOR", "NEGOTIATOR": "NEGOTIATOR", "ENVOY": "ENVOY"}
    nouns |= {"ENVOYS": "ENVOY", "EFFORTS": "EFFORT"}
    assert _choose(tmp_path, block, sentence, nouns) == expected


def test_synonym_sets_generate_regular_plurals_unless_marked(tmp_path: Path):
    # The rules of PETRARCH2's dictionary documentation (PETRARCH.dictionaries.rst, MIT):
    # regular plurals by 'S', 'IES' after 'Y', 'ES' after 'SS'; none for a phrase or a
    # label that ends in `_`.
    path = tmp_path / "verbs.txt"
    path.write_text(
        """\
&AID
+LOAN
+SUBSIDY
+ADDRESS
+CASH_
+FOOD_AID
+TALKS

&AUXVERB1_
+WAS

--- OFFER [030] ---
OFFER
- * &AID [033]
- &AUXVERB1 * [030]
""",
        encoding="utf-8",
    )
    forms, _, issues = read_verbs(path)
    assert issues == []
    aid, aux = forms[0].verb.patterns.patterns
    assert set(aid.after[0].alternatives) == {
        ("LOAN",), ("LOANS",), ("SUBSIDY",), ("SUBSIDIES",), ("ADDRESS",), ("ADDRESSES",),
        ("CASH",), ("FOOD", "AID"), ("FOOD", "AIDS"), ("TALKS",),
    }  # fmt: skip
    assert aux.before[0].alternatives == (("WAS",),)


def test_a_block_without_a_code_has_the_null_code(tmp_path: Path):
    # PETRARCH2's dictionary documentation (PETRARCH.dictionaries.rst, MIT): a block opens
    # with `--- <GENERAL DESCRIPTION> [<CODE>] ---`; "if no code is present, this defaults
    # to the null code".
    path = tmp_path / "verbs.txt"
    path.write_text(
        "--- BEEF UP ---\n+BEEF_UP\n- * (FOR AID) [070]\n"
        "--- CORDON OFF [190] ---\n+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF +CORDONING_OFF}\n",
        encoding="utf-8",
    )
    forms, _, issues = read_verbs(path)
    assert issues == []
    by_key = {f.key: f.verb for f in forms}
    assert by_key[("BEEFED", "UP")].codes == Codes(None, None)
    assert by_key[("BEEFED", "UP")].block == "BEEF UP"
    assert by_key[("CORDONED", "OFF")].codes == Codes("190", None)


def test_a_parenthesised_group_is_read_as_one_prepositional_phrase(tmp_path: Path):
    index = pattern_index(
        tmp_path,
        "--- EXERCISE [062] ---\nEXERCISE\n- * TROOPS (IN {JOINT DRILLS}) (WITH +) [062]\n",
    )
    (pattern,) = index.candidates(["TROOPS"])
    # TROOPS stands alone; IN JOINT DRILLS is one phrase, WITH + another
    assert pattern.phrases == ((1, 4), (4, 6))


def test_a_block_headed_plus_adds_patterns_to_an_earlier_files_verbs(tmp_path: Path):
    from parley.actors.entries import Phrase
    from parley.events.coder import VerbLexicon

    base, more = tmp_path / "base.txt", tmp_path / "more.txt"
    base.write_text(
        "---  HALT   [---]  ---\nHALT\n- * TALKS                [087]\n", encoding="utf-8"
    )
    more.write_text(
        "---  HALT   [+]  ---\nHALT\nPAUSE\n- * AID                  [162]\n", encoding="utf-8"
    )
    lexicon = VerbLexicon.load([base, more])
    halt = lexicon.verbs.get(Phrase(("HALTED",), False))
    assert halt is not None and halt.codes == Codes(None, None) and not halt.extends
    assert {p.text for p in halt.patterns.patterns} == {"* TALKS", "* AID"}
    assert halt.where.startswith("base.txt")
    # a verb no earlier file defines gains nothing from an extending block
    assert lexicon.verbs.get(Phrase(("PAUSE",), False)) is None


def test_a_verb_one_file_lists_in_two_blocks_has_the_patterns_of_both(tmp_path: Path):
    from parley.actors.entries import Phrase
    from parley.events.coder import VerbLexicon

    path = tmp_path / "verbs.txt"
    path.write_text(
        "---  WAGE   [---]  ---\n+CARRY_OUT\n- * RAID                 [190]\n\n"
        "---  USE   [---]  ---\n+CARRY_OUT\n- * SEARCH               [090]\n\n"
        "---  BLAME   [112]  ---\nCHIDE\n\n"
        "---  SCOLD   [---]  ---\nCHIDE\n- * HARSHLY              [111]\n",
        encoding="utf-8",
    )
    lexicon = VerbLexicon.load([path])
    carry = lexicon.verbs.get(Phrase(("CARRIED", "OUT"), False))
    assert carry is not None
    assert {p.text for p in carry.patterns.patterns} == {"* RAID", "* SEARCH"}
    # the later block gives no code of its own: the earlier block's stands
    chide = lexicon.verbs.get(Phrase(("CHIDED",), False))
    assert chide is not None and chide.codes.forward == "112"
