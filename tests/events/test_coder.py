import re

import pytest

import parley
from parley.config import Dictionaries, DictionaryPaths
from parley.events.rules import RuleSet


def triples(dictionaries, text, date="2024-03-01"):
    events = parley.code_text(text, date, dictionaries=dictionaries)
    return sorted((e.source, e.code, e.target) for e in events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan accused China of violating its airspace.", [("JPN", "112", "CHN")]),
        ("China was condemned by the United States.", [("USA", "111", "CHN")]),
        ("Russia praised India on Monday.", [("RUS", "051", "IND")]),
        # [042:043]: the visitor visits, the host hosts
        (
            "The French president visited Germany.",
            [("DEU", "043", "FRAGOV"), ("FRAGOV", "042", "DEU")],
        ),
        # coordination: one event per source
        ("France and Germany condemned Iran.", [("DEU", "111", "IRN"), ("FRA", "111", "IRN")]),
        # a verb pattern refines the verb's code
        ("Egypt met Israel for talks.", [("EGY", "036", "ISR"), ("ISR", "036", "EGY")]),
    ],
)
def test_who_did_what_to_whom(dictionaries, text, expected):
    assert triples(dictionaries, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The attack on Iraq was reported.",  # no source
        "Japan and China.",  # no verb
    ],
)
def test_no_event_without_source_verb_and_target(dictionaries, text):
    assert triples(dictionaries, text) == []


def test_negation_and_modality(dictionaries):
    (negated,) = parley.code_text(
        "Russia did not condemn Iran.", "2024-01-01", dictionaries=dictionaries
    )
    assert negated.negated and negated.modality == "asserted"
    (future,) = parley.code_text(
        "Russia will condemn Iran.", "2024-01-01", dictionaries=dictionaries
    )
    assert future.modality == "future" and not future.negated
    (maybe,) = parley.code_text(
        "Russia could condemn Iran.", "2024-01-01", dictionaries=dictionaries
    )
    assert maybe.modality == "hypothetical"


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Russia should condemn Iran.", "prescribed"),
        ("Russia needs to condemn Iran.", "prescribed"),
        ("It is time for Russia to condemn Iran.", "prescribed"),
        ("It is important for Russia to condemn Iran.", "prescribed"),
        ("The summit will be an opportunity for Russia to condemn Iran.", "hypothetical"),
        ("It was the first time for Russia to condemn Iran.", "asserted"),
    ],
)
def test_advice_and_opportunities_are_not_asserted(dictionaries, text, modality):
    (event,) = parley.code_text(text, "2024-01-01", dictionaries=dictionaries)
    assert (event.source, event.code, event.target) == ("RUS", "111", "IRN")
    assert event.modality == modality and not event.negated


def test_an_op_ed_advice_and_hypotheticals_keep_their_modality(shared, dictionaries):
    """The seed op-ed (`../shared/seeds/000_*`) says what its author thinks should or
    could happen: those events must not read as asserted."""
    (path,) = (shared / "seeds").glob("000_*.txt")
    events = parley.code_text(
        path.read_text(encoding="utf-8"), "2004-11-18", dictionaries=dictionaries
    )

    def before_verb(words: str) -> list[str]:
        """The modalities of the events whose verb `words` introduce (a regex)."""
        return [
            e.modality
            for e in events
            if re.search(rf"\b{words}\b{re.escape(e.verb_text)}\b", e.sentence_text)
        ]

    assert set(before_verb(r"it is time for \w+ to ")) == {"prescribed"}
    assert set(before_verb(r"opportunity to ")) == {"hypothetical"}
    assert set(before_verb(r"could (\w+ )?")) == {"hypothetical"}


def test_event_fields_and_provenance(dictionaries):
    text = "A first sentence. Japan accused China of lying."
    (event,) = parley.code_text(text, "20240301", dictionaries=dictionaries)
    assert (event.root, event.quad_class, event.plover_type) == ("11", 3, "ACCUSE")
    assert event.goldstein == -4.0  # CAMEO.goldstein.json, code 112
    assert event.sentence_index == 1 and event.sentence_text == "Japan accused China of lying."
    assert text[event.source_span.start : event.source_span.end] == "Japan"
    assert text[event.verb_span.start : event.verb_span.end] == "accused"
    assert text[event.target_span.start : event.target_span.end] == "China"
    assert event.verb_entry.startswith("CAMEO.2.0.txt:") and "ACCUSE" in event.verb_entry
    assert str(event.event_date) == "2024-03-01" and event.date_source == "document"


def test_one_event_per_distinct_triple_in_a_sentence(dictionaries):
    text = "Japan condemned China, and Japan condemned China again."
    assert triples(dictionaries, text) == [("JPN", "111", "CHN")]


def test_the_coder_reads_verbs_and_passives_from_the_analysis(dictionaries):
    # the analysis, not a word-order rule, says "demands" is a noun and "hosted" passive
    assert triples(dictionaries, "Japan's demands angered China.") == []
    assert triples(dictionaries, "Israel was hosted by Egypt for talks.") == [
        ("EGY", "043", "ISR"), ("ISR", "042", "EGY"),
    ]  # fmt: skip


def test_a_plugged_in_analyser_changes_what_the_coder_sees(dictionaries):
    from dataclasses import replace

    from tests.syntax.test_analysis import FirstWordHeads

    text = "Japan accused China of violating its airspace."
    assert triples(dictionaries, text) == [("JPN", "112", "CHN")]
    no_verbs = replace(dictionaries, analyser=FirstWordHeads())  # tags every word X
    assert triples(no_verbs, text) == []


class NoTrees:
    """An analyser that gives no sentence a tree: the coder reads word order alone."""

    name = "no-trees"

    def analyse(self, sentences, pretokenised=False):
        return [[] for _ in sentences]


def test_negation_before_a_passive_verb_is_kept(dictionaries):
    events = parley.code_text("China was not condemned by the United States.", "2024-03-01",
                              dictionaries=dictionaries)  # fmt: skip
    assert [(e.source, e.target, e.negated) for e in events] == [("USA", "CHN", True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject acts, though another actor is nearer the verb
        (
            "Japan, which Russia supports, condemned China.",
            [("JPN", "111", "CHN"), ("RUS", "050", "JPN")],
        ),
        # transformations: saying that another attacked is an accusation
        ("France said that Iraq had attacked Kuwait.", [("FRA", "112", "IRQ")]),
        # wanting another to attack is an appeal to it; the attack itself is not coded
        ("Obama wants Putin to attack Switzerland.", [("USAGOV", "021", "RUSGOV")]),
    ],
)
def test_constructions(dictionaries, text, expected):
    assert triples(dictionaries, text, "2015-06-01") == expected


def test_a_verb_without_subject_takes_its_governors(dictionaries):
    text = "North Korea's Kim Jong Un travelled to Vladivostok to praise Putin."
    assert ("PRKGOV", "051", "RUSGOV") in triples(dictionaries, text, "2019-04-20")


def asserted(dictionaries, text, date="2019-04-20"):
    events = parley.code_text(text, date, dictionaries=dictionaries)
    return sorted((e.source, e.code, e.target) for e in events if not e.negated)


def test_one_thing_said_twice_is_one_event(dictionaries):
    # `prepared to attend`: the attending is the event, in the future
    events = parley.code_text(
        "The US president prepared to attend talks in Japan.", "2008-08-01",
        dictionaries=dictionaries,
    )  # fmt: skip
    assert {e.verb_text for e in events} == {"attend"}
    assert all(e.modality == "future" for e in events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # coordinated actors that meet no one else meet each other
        ("Brazil and Argentina met on Monday.", [("ARG", "040", "BRA"), ("BRA", "040", "ARG")]),
        # `in Geneva` says where, not whom they met
        (
            "Brazil and Argentina met in Geneva on Monday.",
            [("ARG", "040", "BRA"), ("BRA", "040", "ARG")],
        ),
        ("India and Pakistan fought on Monday.", [("IND", "190", "PAK"), ("PAK", "190", "IND")]),
        # a conflictual verb with an object of its own: they acted together, not on
        # each other
        (
            "India and Pakistan shelled the village on Monday.",
            [("IND", "190", "---CVL"), ("PAK", "190", "---CVL")],
        ),
    ],
)
def test_coordinated_actors_with_no_other_side_act_on_each_other(dictionaries, text, expected):
    assert asserted(dictionaries, text, "2014-09-16") == expected


def test_a_negated_cooperation_is_also_a_refusal(dictionaries):
    events = parley.code_text(
        "Israel refused to release Egypt's prisoners.", "2014-09-16", dictionaries=dictionaries
    )
    found = {(e.source, e.code, e.target, e.negated) for e in events}
    assert found == {("ISR", "0841", "EGY", True), ("ISR", "1243", "EGY", False)}
    (refusal,) = [e for e in events if not e.negated]
    assert "refusals.tsv 0841 → 1243" in refusal.verb_entry
    # a negated attack is no refusal: nothing is asserted
    assert asserted(dictionaries, "Japan did not attack Iran.", "2014-09-16") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what one side asks another to do has not happened: the asking is the event
        ("Egypt asked Israel to attack Hamas.", [("EGY", "020", "ISR")]),
        ("Russia was pressured by Germany to help Iran.", [("DEU", "170", "RUS")]),
        ("Russia faces pressure from Germany to help Iran.", [("DEU", "100", "RUS")]),
        # allowed is not done either
        ("Japan gave permission to Russia to help Iran.", [("JPN", "080", "RUS")]),
    ],
)
def test_what_is_asked_of_another_is_not_coded_as_done(dictionaries, text, expected):
    assert asserted(dictionaries, text, "2014-07-20") == expected


@pytest.mark.parametrize(
    "text",
    [
        # the one who reports an act is not its target
        "Russia will help, Iraqi officials said on Monday.",
        # the victims were killed by a crash, not by Ukraine, where it happened
        "Interpol will send experts to identify victims killed by the crash in Ukraine.",
    ],
)
def test_no_actor_is_guessed_where_the_grammar_names_another(dictionaries, text):
    assert [e for e in asserted(dictionaries, text, "2014-07-20") if e[2] != "---"] == []


def test_a_country_before_a_title_is_the_officials_country(dictionaries):
    text = "US Deputy Secretary of Energy John Smith met the Iranian president."
    assert asserted(dictionaries, text, "2014-07-20") == [("USAGOV", "040", "IRNGOV")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an act only pledged, agreed or threatened is CAMEO's intention (03) or threat (13)
        ("Japan pledged to send aid to Haiti.", [("JPN", "033", "HTI")]),
        ("China agreed to release the Japanese sailors.", [("CHN", "0353", "JPN")]),
        ("Iran threatened to attack Israel.", [("IRN", "138", "ISR")]),
        # what the speaker says it will do is its intention; a warning of an attack a threat
        ("Israel said it will send aid to Lebanon.", [("ISR", "033", "LBN")]),
        ("Israel warned it would attack Lebanon.", [("ISR", "130", "LBN"), ("ISR", "138", "LBN")]),
    ],
)
def test_an_intended_act_is_coded_as_the_intention(dictionaries, text, expected):
    assert asserted(dictionaries, text, "2014-07-20") == expected


def test_what_a_speaker_says_another_will_do_is_not_the_speakers_intention(dictionaries):
    found = asserted(dictionaries, "Israel said Egypt will send aid to Lebanon.", "2014-07-20")
    assert ("EGY", "070", "LBN") in found
    assert not [e for e in found if e[1].startswith("03") and e[0] == "ISR" and e[2] == "LBN"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what someone is blamed for is alleged, not reported
        ("Japan accused China of helping North Korea.", [("JPN", "112", "CHN")]),
        # meeting to discuss is one meeting
        ("Egypt met with Israel on Monday to discuss the militants.", [("EGY", "040", "ISR")]),
    ],
)
def test_a_reason_or_a_purpose_is_not_another_event(dictionaries, text, expected):
    assert asserted(dictionaries, text, "2014-07-20") == expected


def test_an_agent_that_only_describes_is_no_actor(dictionaries):
    # `government-held` says whose the town is, not who was shelled
    text = "Rebels shelled a government-held town in Syria."
    assert asserted(dictionaries, text, "2014-07-20") == [("---REB", "190", "SYR")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a passive names its doer only by its agent: no actor nearby stands in
        ("In Syria, the Iraqi embassy was attacked on Monday.", []),
        ("The Japanese Boeing airliner was shot down over Ukraine.", []),
        # so saying it was shot down is a statement, not a claim of having done it
        (
            "Russia said the Malaysian airliner was shot down over Ukraine.",
            [("RUS", "010", "MYSCVL")],
        ),
    ],
)
def test_a_passive_without_agent_has_no_guessed_source(dictionaries, text, expected):
    assert asserted(dictionaries, text, "2014-07-20") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # `- * AIRSTRIKE [195]` under LAUNCH, whose own code is no event
        ("Turkey launched airstrikes on Syria.", [("TUR", "195", "SYR")]),
        ("Turkey launched an airstrike on Syria.", [("TUR", "195", "SYR")]),
    ],
)
def test_a_plural_noun_meets_a_pattern_naming_its_lemma(dictionaries, text, expected):
    assert asserted(dictionaries, text, "2020-01-01") == expected


@pytest.fixture(scope="module")
def with_compound(tmp_path_factory):
    """The bundled dictionaries and an invented compound actor, in PETRARCH's syntax."""
    path = tmp_path_factory.mktemp("compound") / "vale.txt"
    path.write_text("THE_VALE_  [VLA/VLB]\n+VALE_\n", encoding="utf-8")
    return Dictionaries.load(DictionaryPaths(extra_actors=(path,)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Vale condemned Japan.", [("VLA", "111", "JPN"), ("VLB", "111", "JPN")]),
        ("Japan condemned the Vale.", [("JPN", "111", "VLA"), ("JPN", "111", "VLB")]),
        ("Vale officials condemned Japan.", [("VLAGOV", "111", "JPN"), ("VLBGOV", "111", "JPN")]),
        (
            "The officials of the Vale condemned Japan.",
            [("VLAGOV", "111", "JPN"), ("VLBGOV", "111", "JPN")],
        ),
    ],
)
def test_each_code_of_a_compound_actor_acts(with_compound, text, expected):
    assert triples(with_compound, text) == expected


def test_a_compound_actor_is_one_mention_per_code_over_the_same_words(with_compound):
    mentions = parley.find_actors("The Vale protested.", "2024-03-01", dictionaries=with_compound)
    assert [(m.text, m.code) for m in mentions] == [("The Vale", "VLA"), ("The Vale", "VLB")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the doer is named, no actor receives the act: its other side is `---`
        ("Japan protested.", [("JPN", "140", "---")]),
        ("Russian troops shelled the town overnight.", [("RUSMIL", "190", "---")]),
        # a statement to no one only frames what is said
        ("The Japanese government said on Monday that talks would resume.", []),
        # a statement of a kind needs no addressee
        ("Japanese officials declined to comment.", [("JPNGOV", "011", "---")]),
        ("The rebels claimed responsibility for the attack.", [("---REB", "015", "---")]),
        # who closes the sentence saying it does nothing of its own
        ("Russian troops shelled the town, Japanese officials said.", [("RUSMIL", "190", "---")]),
        # inverted: the parser reads `said` as a second verb of the first subject
        ("Chile attacked Peru on Monday, said the Bolivian minister.", [("CHL", "190", "PER")]),
        # no doer named by the grammar: nothing stands in for a one-sided event
        ("The town was shelled, Japan said.", []),
        ("Japan said it would consider the proposal.", []),
    ],
)
def test_an_act_no_actor_receives_is_coded_with_an_unnamed_target(dictionaries, text, expected):
    assert asserted(dictionaries, text, "2020-01-01") == expected


def test_a_one_sided_event_says_which_rule_made_it(dictionaries):
    (event,) = parley.code_text("Japan protested.", "2020-01-01", dictionaries=dictionaries)
    assert "one-sided-events" in event.rules and event.target_text == ""
    without = Dictionaries.load(rules=RuleSet.without(["one-sided-events"]))
    assert parley.code_text("Japan protested.", "2020-01-01", dictionaries=without) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # a name no dictionary holds: its words stand beside the `---`
        ("Peru lifted its ban on Telekom on Monday.", "Telekom"),
        ("Peru gave military training to the Zorgon Brigade.", "Zorgon Brigade"),
        # what is done, or when, is no one acted on
        ("Peruvian troops shelled the town on Monday.", ""),
        ("Japan protested.", ""),
    ],
)
def test_an_unnamed_target_keeps_the_words_naming_it(dictionaries, text, words):
    events = parley.code_text(text, "2020-01-01", dictionaries=dictionaries)
    assert [(e.target, e.target_text) for e in events] == [("---", words)]
    if words:
        assert events[0].target_entries and text[events[0].target_span.start :].startswith(words)


def test_a_predicate_noun_does_not_hold_its_subject(dictionaries):
    # `Japan is a place to visit`: Japan is no visitor
    assert asserted(dictionaries, "Japan is a difficult place to visit.", "2020-01-01") == []


def test_a_verb_coordinated_with_a_refused_one_is_refused_too(dictionaries):
    text = "Japan refused to meet China and to offer aid to Korea."
    events = parley.code_text(text, "2020-01-01", dictionaries=dictionaries)
    offered = [e for e in events if e.verb_text == "offer" and "refusals" not in e.rules]
    assert offered and all(e.negated for e in offered)
    # refusing to offer aid (033) is rejecting it (refusals.tsv: 122)
    assert any(e.code == "122" for e in events if e.verb_text == "offer")


@pytest.mark.parametrize(
    ("text", "rule", "expected", "without"),
    [
        # a place naming a gathering held there is not a party to it …
        (
            "The Geneva summit will allow Iran and France to talk.",
            "place-names-an-occasion",
            [],
            [("CHE", "080", "FRA"), ("CHE", "080", "IRN")],
        ),
        # … though one may go there
        (
            "The United States will attend the Geneva summit.",
            "place-names-an-occasion",
            [("USA", "044", "CHE")],
            [("USA", "044", "CHE")],
        ),
        # where one goes does not stand in for a doer no dictionary knows
        (
            "Boris Vantarov headed to Vladivostok to meet Putin.",
            "destinations-never-act",
            [],
            [("RUS", "040", "RUSGOV")],
        ),
        # what an act is done to is not its doer
        (
            "The occupation of Crimea by Russia has spread the insurgency to the east.",
            "act-noun-of-is-done-to",
            [("RUS", "010", "---REB")],
            [("UKR", "010", "---REB")],
        ),
        ("The siege of Aleppo helped the rebels.", "act-noun-of-is-done-to", [],
         [("SYR", "070", "---REB")]),
    ],
)  # fmt: skip
def test_a_place_in_a_name_or_where_one_goes_is_no_doer(
    dictionaries, text, rule, expected, without
):
    assert asserted(dictionaries, text) == expected
    off = Dictionaries.load(rules=RuleSet.without([rule]))
    assert asserted(off, text) == without


def test_the_event_names_the_rule_that_set_a_place_aside(dictionaries):
    text = "The occupation of Crimea by Russia has spread the insurgency to the east."
    (event,) = parley.code_text(text, "2019-04-20", dictionaries=dictionaries)
    assert "act-noun-of-is-done-to" in event.rules


@pytest.mark.parametrize(
    ("text", "rule", "loose", "on_tree"),
    [
        # `- * TALKS` [111] (attacked the talks) from another clause with its own subject
        (
            "Peru attacked Chile, and a spokesman said the talks had ended.",
            "pattern-in-clause",
            ("PER", "111", "CHL"),
            ("PER", "190", "CHL"),
        ),
        # `- * &NEGOTIATION` [036] from a relative clause describing the object
        (
            "Lima prefers the approach of Quito, which emphasizes negotiations.",
            "pattern-in-clause",
            ("PERGOV", "036", "ECUGOV"),
            ("PERGOV", "051", "ECUGOV"),
        ),
        # `(WITH OFFICIALS)` [110] from a word outside the `with` phrase
        (
            "Peru attacked Chile with missiles, killing officials.",
            "pattern-prepositions",
            ("PER", "110", "CHL"),
            ("PER", "194", "CHL"),
        ),
        # `- * ON` [190] (press on) from a preposition further on, not the verb's particle
        (
            "Peru wants back in on the talks with Chile.",
            "pattern-particles",
            ("PER", "190", "CHL"),
            ("PER", "030", "CHL"),
        ),
        # `- * INTO` [190] (advancing into a country) on a phrase saying when
        (
            "Peru will continue its aid to Chile into the foreseeable future.",
            "pattern-time-phrases",
            ("PER", "190", "CHL"),
            None,
        ),
    ],
)
def test_a_pattern_is_met_by_the_verbs_own_phrases(dictionaries, text, rule, loose, on_tree):
    without = Dictionaries.load(rules=RuleSet.without([rule]))
    assert loose in triples(without, text)
    events = parley.code_text(text, "2024-03-01", dictionaries=dictionaries)
    found = [(e.source, e.code, e.target) for e in events]
    assert loose not in found
    if on_tree is not None:
        assert on_tree in found
        assert rule in next(e for e in events if (e.source, e.code, e.target) == on_tree).rules


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a passive naming no doer of a verb only police do: police arrest
        ("Three Peruvian students were arrested on Monday.", [("---COP", "173", "PEREDU")]),
        # with no actor in the sentence at all: still analysed, for its participle
        ("Dozens were arrested overnight.", [("---COP", "173", "---")]),
        # the doer named, actor or not: nothing is implied
        ("Two Chilean men were detained by masked gunmen.", [("---UAF", "173", "CHLPPL")]),
        ("Two Chilean men were detained by strangers.", []),
        # a verb others do too (`held`) implies no one
        ("Two Chilean men were held overnight.", []),
    ],
)
def test_a_passive_naming_no_doer_may_imply_one(dictionaries, text, expected):
    assert asserted(dictionaries, text, "2020-01-01") == expected


def test_an_implied_doer_says_where_it_comes_from(dictionaries):
    text = "Three Peruvian students were arrested on Monday."
    (event,) = parley.code_text(text, "2020-01-01", dictionaries=dictionaries)
    assert event.rules == ("implied-doers",) and event.source_text == ""
    assert (event.source_sector, event.source_country) == ("COP", None)
    assert any("implied_doers.tsv" in entry for entry in event.source_entries)
    without = Dictionaries.load(rules=RuleSet.without(["implied-doers"]))
    assert parley.code_text(text, "2020-01-01", dictionaries=without) == []


def test_a_pattern_word_in_a_phrase_on_the_verb_needs_its_preposition(dictionaries):
    # `- * &TOWN` [192] (seized the town) is not met by an `in` phrase saying where
    text = "The opposition leader was arrested in the town."
    without = Dictionaries.load(rules=RuleSet.without(["pattern-prepositions"]))
    assert triples(without, text) == [("---COP", "192", "---OPP")]
    assert triples(dictionaries, text) == [("---COP", "173", "---OPP")]
    assert triples(dictionaries, "Peruvian troops seized the town.") == [("PERMIL", "192", "---")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peruvian civilians were killed in a Chilean airstrike.", [("CHL", "190", "PERCVL")]),
        ("Two Peruvian soldiers died in a rebel attack.", [("---REB", "190", "PERMIL")]),
        ("Ninety persons have been killed in police firing.", [("---COP", "190", "---PPL")]),
        # the `by` phrase of the act noun
        ("Two Peruvian soldiers died in an attack by rebels.", [("---REB", "190", "PERMIL")]),
        # a doer named by the passive itself wins
        ("Peruvian soldiers were attacked by Chile in a raid.", [("CHL", "190", "PERMIL")]),
    ],
)
def test_the_act_a_harm_came_in_names_its_doer(dictionaries, text, expected):
    assert asserted(dictionaries, text, "2020-01-01") == expected


def test_without_the_means_rule_the_dead_are_no_doers_of_an_unnamed_harm(dictionaries):
    text = "Three Peruvian civilians were killed in a Chilean airstrike."
    (event,) = parley.code_text(text, "2020-01-01", dictionaries=dictionaries)
    assert event.rules == ("means-names-doer",) and event.source_text == "Chilean"
    without = Dictionaries.load(rules=RuleSet.without(["means-names-doer"]))
    assert ("CHL", "190", "PERCVL") not in triples(without, text)


def test_parleys_verb_additions_code_what_the_codebook_names(dictionaries):
    # `urge` is CAMEO 02 (appeal); the CAMEO.2.0 verb dictionary lacks it
    text = "Peru urged Chile to negotiate."
    (event,) = parley.code_text(text, "2020-01-01", dictionaries=dictionaries)
    assert (event.source, event.code, event.target) == ("PER", "026", "CHL")
    assert event.verb_entry.startswith("parley.verbs.txt:")


def test_a_consultation_with_no_other_side_is_no_event(dictionaries):
    text = "Peruvian officials met on Monday to discuss the budget."
    assert asserted(dictionaries, text, "2020-01-01") == []
    without = Dictionaries.load(rules=RuleSet.without(["consultations-name-both-sides"]))
    assert [code[:2] for _, code, _ in asserted(without, text, "2020-01-01")] == ["04"]
    text = "Peruvian officials met Chilean officials on Monday."
    assert [code[:2] for _, code, _ in asserted(dictionaries, text, "2020-01-01")] == ["04"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what is sent is no target: where it goes is
        ("Peru is deploying 300 troops to Chile.", [("PER", "154", "CHL")]),
        # an object with a country of its own stays the target
        ("Peru attacked Chilean troops near Bolivia.", [("PER", "190", "CHLMIL")]),
    ],
)
def test_where_what_is_sent_goes_is_the_target(dictionaries, text, expected):
    assert asserted(dictionaries, text, "2020-01-01") == expected
    without = Dictionaries.load(rules=RuleSet.without(["destination-over-what-is-sent"]))
    if expected[0][2] == "CHL":
        assert asserted(without, text, "2020-01-01") == [("PER", "154", "---MIL")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what one says another must do is demanded of it; the act keeps its own event
        ("Peru said Chile must end its attacks on Bolivia.", ("PER", "100", "CHL")),
        # `should`: an appeal
        ("Peru said Chile should withdraw its troops.", ("PER", "020", "CHL")),
    ],
)
def test_what_a_speaker_says_another_must_do_is_a_demand(dictionaries, text, expected):
    events = parley.code_text(text, "2020-01-01", dictionaries=dictionaries)
    found = {(e.source, e.code, e.target): e for e in events}
    assert expected in found and found[expected].rules == ("said-must-is-a-demand",)
    assert not any(code == "010" for _, code, _ in found)


def test_what_a_speaker_says_it_must_do_itself_is_no_demand(dictionaries):
    assert not any(
        code[:2] in ("02", "10")
        for _, code, _ in asserted(dictionaries, "Peru said it must act.", "2020-01-01")
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a light verb's block default (TAKE: 171, seize) codes nothing alone
        ("Peru is taking steps to calm the border.", []),
        ("Peru faces serious challenges.", []),
        # its patterns still code
        ("Peruvian troops took control of the town.", [("PERMIL", "192", "---")]),
        ("Rebels took three Chilean hostages.", [("---REB", "181", "CHL")]),
        # `- POLICE *` [173] (police held someone) needs an actor as the object
        ("Peruvian police held 20 protesters overnight.", [("PERCOP", "173", "---OPP")]),
        ("Peruvian police will hold a meeting on Friday.", []),
        # a light verb the dictionary lists by one of its forms (CAMEO.2.0: SAW, 010) is
        # known by its lemma; a particle verb (TAKE_OVER, 171) is a verb of its own
        ("Peru saw Chilean troops near the border.", []),
        ("Peruvian rebels took over the Chilean embassy.", [("PERREB", "171", "CHLGOV")]),
    ],
)
def test_a_light_verb_codes_only_through_a_pattern(dictionaries, text, expected):
    assert asserted(dictionaries, text, "2020-01-01") == expected


def test_without_the_light_verb_rule_take_is_a_seizure(dictionaries):
    without = Dictionaries.load(rules=RuleSet.without(["light-verbs-need-a-pattern"]))
    text = "Peru is taking steps to calm the border."
    assert asserted(without, text, "2020-01-01") == [("PER", "171", "---")]


@pytest.mark.parametrize(
    "text",
    [
        "Japan is considering sending aid to Peru.",
        "Japan is weighing whether to send aid to Peru.",
    ],
)
def test_an_act_only_considered_is_the_considering(dictionaries, text):
    events = parley.code_text(text, "2020-01-01", dictionaries=dictionaries)
    assert {(e.source, e.code, e.target) for e in events} == {("JPN", "014", "PER")}
    assert all("considered-not-done" in e.rules for e in events)
    without = Dictionaries.load(rules=RuleSet.without(["considered-not-done"]))
    assert ("JPN", "070", "PER") in triples(without, text)


def test_a_purpose_is_done_by_the_subject_not_the_object(dictionaries):
    # the object controls a directive's infinitive (`urged Chile to attack`), not a
    # purpose: Peru complains, not the ambassador
    text = "Peru summoned the Chilean ambassador to complain about the raid."
    found = asserted(dictionaries, text, "2020-01-01")
    assert ("PER", "040", "CHLGOV") in found
    assert any(s == "PER" and code.startswith("11") for s, code, _ in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # [+] blocks of parley.verbs.txt: codebook objects CAMEO.2.0's verbs lacked
        ("Peru reduced military aid to Chile.", ("PER", "1622", "CHL")),
        ("The Peruvian president defended Peru's immigration policy.", ("PERGOV", "052", "PER")),
        # to begin, hold or continue a protest act is to conduct it (CAMEO 14)
        ("Peruvian nurses began an indefinite strike.", ("PERHLH", "143", "---")),
        ("Peruvian farmers continued their agitation.", ("PERAGR", "140", "---")),
        ("Peruvian students held a rally on the campus.", ("PEREDU", "141", "---")),
        ("Peruvian protestors blocked the highway.", ("PEROPP", "144", "---")),
        # arrests CAMEO.2.0 coded as seizures of property (171), or not at all
        ("Peruvian police nabbed three suspects.", ("PERCOP", "173", "---")),
        ("Peruvian students were arrested and taken away.", ("---COP", "173", "PEREDU")),
        ("Peruvian police made several arrests.", ("PERCOP", "173", "---")),
        ("Peruvian police sent the suspect to jail.", ("PERCOP", "173", "---")),
        # a transformation with no other side: claiming one's own attack on no actor
        ("Peruvian rebels claimed that they had attacked a convoy.", ("PERREB", "015", "---")),
        # relations broken, embargoes imposed, threats of force, blockades (161, 163,
        # 1312, 138, 191), which CAMEO.2.0 coded 130, 170 or not at all
        ("Peru broke off diplomatic relations with Chile.", ("PER", "161", "CHL")),
        ("Peru imposed an embargo on Chile.", ("PER", "163", "CHL")),
        ("Peru threatened Chile with sanctions.", ("PER", "1312", "CHL")),
        ("Peru threatened Chile with military force.", ("PER", "138", "CHL")),
        ("Peru blockaded the Chilean port.", ("PER", "191", "CHL")),
        ("Peru recognized the new Chilean government.", ("PER", "054", "CHLGOV")),
        ("Peru halted negotiations with Chile.", ("PER", "164", "CHL")),
        ("Peru negotiated with Chile over the border.", ("PER", "046", "CHL")),
        ("Peru pledged economic aid to Chile.", ("PER", "0331", "CHL")),
        # accusations of a kind, not a legal charge (CAMEO.2.0: `(OF &CRIME)` 173)
        ("Peru accused Chile of war crimes.", ("PER", "1124", "CHL")),
        ("Peru allowed humanitarian access to the region.", ("PER", "0863", "---")),
        ("Peru accused Chile of human rights violations.", ("PER", "1122", "CHL")),
        ("Peru used chemical weapons against the rebels.", ("PER", "2041", "---REB")),
        # a state of emergency declared is imposed (1724), no pessimistic comment
        ("Peru declared a state of emergency in the south.", ("PER", "1724", "---")),
        # cultural property returned (CAMEO.2.0 returns ARTWORK, not paintings)
        ("Chile returned two paintings to Peru.", ("CHL", "0842", "PER")),
        # the verb's own patterns still code
        ("Peruvian troops defended the town.", ("PERMIL", "152", "---")),
    ],
)
def test_parleys_patterns_join_those_of_cameos_verbs(dictionaries, text, expected):
    assert expected in asserted(dictionaries, text, "2020-01-01")


@pytest.mark.parametrize(
    "text",
    [
        "Chile launched a strike on the Peruvian base.",  # a military strike: no 143
        "The talks began in March.",  # the month: no march
        "The Peruvian striker scored twice.",  # a footballer: no labour
    ],
)
def test_protest_words_keep_to_their_sense(dictionaries, text):
    assert not any(code.startswith("14") for _, code, _ in asserted(dictionaries, text))


def test_a_verb_that_only_obliges_is_no_act(dictionaries):
    # `need to`: what is needed is the event, prescribed; NEED is no demand of its own
    events = parley.code_text(
        "Peru needs to condemn Chile.", "2020-01-01", dictionaries=dictionaries
    )
    assert [(e.source, e.code, e.target, e.modality) for e in events] == [
        ("PER", "111", "CHL", "prescribed")
    ]
    assert asserted(dictionaries, "Peru and Chile need to be more flexible.") == []
    without = Dictionaries.load(rules=RuleSet.without(["obligations-are-no-acts"]))
    assert any(code == "100" for _, code, _ in asserted(without, "Peru needs to be flexible."))


def test_states_in_diplomatic_english_are_governments(dictionaries):
    # `calls upon all States`, `States Parties`: sovereign states, ~GOV
    assert asserted(dictionaries, "All States condemned the attack on Peru.") == [
        ("---GOV", "112", "PER")
    ]


def test_states_in_small_letters_is_no_agent(dictionaries):
    # `Article 5 states that …`: the verb names no government, nor takes Peru's place
    text = "Article 5 states that Chile must protect Peru."
    events = parley.code_text(text, "2020-01-01", dictionaries=dictionaries)
    assert [(e.source, e.code, e.target) for e in events] == [("CHL", "074", "PER")]


@pytest.mark.parametrize(
    ("text", "expected", "words"),
    [
        # who protests, named by no actor: unnamed civilians, with the subject's words
        ("Taxi drivers went on strike in Nairobi.", [("---CVL", "143", "---")], "Taxi drivers"),
        ("Thousands protested in Lima on Sunday.", [("---CVL", "140", "---")], "Thousands"),
        # someone named before, or a thing, is no protester
        ("They protested in Lima on Sunday.", [], ""),
        ("The decision annoyed Peru.", [], ""),
    ],
)
def test_who_protests_unnamed_is_a_civilian(dictionaries, text, expected, words):
    events = parley.code_text(text, "2020-01-01", dictionaries=dictionaries)
    assert [(e.source, e.code, e.target) for e in events] == expected
    if events:
        assert events[0].source_text == words and "protesters-unnamed" in events[0].rules
    without = Dictionaries.load(rules=RuleSet.without(["protesters-unnamed"]))
    assert parley.code_text(text, "2020-01-01", dictionaries=without) == []


def test_a_sentence_the_parser_reads_as_one_noun_phrase_is_coded_as_a_clause(dictionaries):
    # `used` read as in `used cars`, `police` as a modifier of `gas` (analysis repair)
    text = "Peruvian police used tear gas against protesters."
    assert ("PERCOP", "175", "---OPP") in asserted(dictionaries, text)
