"""Roles, negation and modality read from hand-made trees (no parser involved)."""

import threading

import pytest

from parley.document import Mention, Span, Word
from parley.errors import ParleyError
from parley.events.roles import Manner, PhraseNouns, Tree
from parley.events.rules import RuleSet


def tree(rows: str, actors: dict[int, str]) -> Tree:
    """`rows`: one `word head relation [upos] [lemma]` per line (heads 0-based, -1 root)."""
    words = []
    for i, line in enumerate(rows.strip().splitlines()):
        text, head, relation, *tags = line.split()
        upos = tags[0] if tags else "X"
        lemma = tags[1] if len(tags) > 1 else text.lower()
        words.append(Word(text, 0, 0, i, lemma, upos, "X", int(head), relation, 0))
    mentions = [
        Mention(0, i, i + 1, Span(0, 0), words[i].text, code, ()) for i, code in actors.items()
    ]
    return Tree.build(words, mentions)


def codes(t: Tree, group: int | None) -> list[str] | None:
    return None if group is None else [m.code for m in t.groups[group]]


def test_a_relative_clause_does_not_steal_the_subject():
    # Russia , which India trusts , praised Brazil
    t = tree(
        """Russia 6 nsubj
        , 0 punct
        which 4 obj
        India 4 nsubj
        trusts 0 acl:relcl
        , 0 punct
        praised -1 root
        Brazil 6 obj""",
        {0: "RUS", 3: "IND", 7: "BRA"},
    )
    roles = t.roles(6)
    assert (codes(t, roles.source), codes(t, roles.target)) == (["RUS"], ["BRA"])
    assert codes(t, t.roles(4).source) == ["IND"]


def test_a_verb_without_subject_takes_its_governors():
    # Kim travelled to Vladivostok to talk with Putin
    t = tree(
        """Kim 1 nsubj
        travelled -1 root
        to 3 case
        Vladivostok 1 obl
        to 5 mark
        talk 1 advcl
        with 7 case
        Putin 5 obl""",
        {0: "PRK", 3: "RUS", 7: "RUS"},
    )
    roles = t.roles(5)
    assert (codes(t, roles.source), codes(t, roles.target)) == (["PRK"], ["RUS"])


def test_object_control_and_the_target_inside_an_object():
    # Obama urged Putin to restore ties with Gondor
    t = tree(
        """Obama 1 nsubj
        urged -1 root
        Putin 1 obj
        to 4 mark
        restore 1 xcomp
        ties 4 obj
        with 7 case
        Gondor 5 nmod""",
        {0: "USAGOV", 2: "RUSGOV", 7: "GON"},
    )
    assert codes(t, t.roles(1).target) == ["RUSGOV"]
    roles = t.roles(4)
    assert (codes(t, roles.source), codes(t, roles.target)) == (["RUSGOV"], ["GON"])


def test_passive_agent_acts_and_coordination_makes_one_group():
    # Gondor and Arnor were condemned by Mordor
    t = tree(
        """Gondor 4 nsubj:pass
        and 2 cc
        Arnor 0 conj
        were 4 aux:pass
        condemned -1 root
        by 6 case
        Mordor 4 obl:agent""",
        {0: "GON", 2: "ARN", 6: "MOR"},
    )
    roles = t.roles(4)
    assert (codes(t, roles.source), codes(t, roles.target)) == (["MOR"], ["GON", "ARN"])


def test_an_agent_adjective_is_no_actor():
    # Arnor restored diplomatic ties with Gondor
    t = tree(
        """Arnor 1 nsubj
        restored -1 root
        diplomatic 3 amod ADJ
        ties 1 obj
        with 5 case
        Gondor 3 nmod""",
        {0: "ARN", 2: "---GOV", 5: "GON"},
    )
    assert [g[0].code for g in t.groups] == ["ARN", "GON"]
    assert codes(t, t.roles(1).target) == ["GON"]


def test_negation_and_modality_come_from_the_verb_and_its_governor():
    # Bush is certain to ask Koizumi , officials said
    t = tree(
        """Bush 2 nsubj
        is 2 cop
        certain -1 root
        to 4 mark
        ask 2 xcomp
        Koizumi 4 obj""",
        {0: "USAGOV", 5: "JPNGOV"},
    )
    assert t.modality(4) == "forecast" and not t.negated(4)
    # talks did not materialize ; Japan will meet China if Russia asks
    t = tree(
        """talks 3 nsubj
        did 3 aux
        not 3 advmod
        materialize -1 root
        Japan 6 nsubj
        will 6 aux
        meet 3 parataxis
        China 6 obj
        if 10 mark
        Russia 10 nsubj
        asks 6 advcl""",
        {4: "JPN", 7: "CHN", 9: "RUS"},
    )
    assert t.negated(3) and not t.negated(6)
    assert t.modality(6) == "future"
    assert t.modality(10) == "hypothetical"
    # Kim said Japan attacked China
    t = tree(
        """Kim 1 nsubj
        said -1 root VERB say
        Japan 3 nsubj
        attacked 1 ccomp
        China 3 obj""",
        {0: "PRK", 2: "JPN", 4: "CHN"},
    )
    assert t.modality(3) == "reported" and t.modality(1) == "asserted"


def test_a_forecast_read_as_a_clausal_subject():
    # In Minas , Aragorn is certain to ask Faramir (the parser made `ask` a csubj)
    t = tree(
        """Aragorn 2 nsubj
        is 2 cop
        certain -1 root ADJ
        to 4 mark
        ask 2 csubj VERB
        Faramir 4 iobj""",
        {0: "USAGOV", 5: "JPNGOV"},
    )
    roles = t.roles(4)
    assert (codes(t, roles.source), codes(t, roles.target)) == (["USAGOV"], ["JPNGOV"])
    assert t.modality(4) == "forecast"


def test_a_prescription_is_no_asserted_event():
    # Gondor should recognize Rohan
    t = tree(
        """Gondor 2 nsubj
        should 2 aux
        recognize -1 root VERB
        Rohan 2 obj""",
        {0: "GON", 3: "ROH"},
    )
    assert t.modality(2) == "prescribed"
    # Gondor needs to recognize Rohan ; Gondor has to recognize Rohan
    for verb, lemma in (("needs", "need"), ("has", "have")):
        t = tree(
            f"""Gondor 1 nsubj
            {verb} -1 root VERB {lemma}
            to 3 mark
            recognize 1 xcomp VERB
            Rohan 3 obj""",
            {0: "GON", 4: "ROH"},
        )
        assert t.modality(3) == "prescribed", verb
    # It is essential for Gondor to recognize Rohan
    t = tree(
        """It 2 nsubj PRON
        is 2 cop AUX be
        essential -1 root ADJ
        for 4 case ADP
        Gondor 2 obl PROPN
        to 6 mark PART
        recognize 2 advcl VERB
        Rohan 6 obj PROPN""",
        {4: "GON", 7: "ROH"},
    )
    assert t.modality(6) == "prescribed"


def test_has_yet_to_is_a_negation_not_an_obligation():
    # Gondor has yet to recognize Rohan
    t = tree(
        """Gondor 1 nsubj
        has -1 root VERB have
        yet 1 advmod ADV
        to 4 mark
        recognize 1 xcomp VERB
        Rohan 4 obj""",
        {0: "GON", 5: "ROH"},
    )
    assert t.negated(4) and t.modality(4) == "asserted"


def test_it_is_time_for_x_to_prescribes_only_as_a_bare_predicate():
    # It is time for Gondor to recognize Rohan
    t = tree(
        """It 2 nsubj PRON
        is 2 cop AUX be
        time -1 root NOUN
        for 4 case ADP
        Gondor 2 nmod PROPN
        to 6 mark PART
        recognize 2 acl VERB
        Rohan 6 obj PROPN""",
        {4: "GON", 7: "ROH"},
    )
    assert t.modality(6) == "prescribed"
    # It is the first time for Gondor to recognize Rohan: a description, not advice
    t = tree(
        """It 4 nsubj PRON
        is 4 cop AUX be
        the 4 det DET
        first 4 amod ADJ
        time -1 root NOUN
        for 6 case ADP
        Gondor 4 nmod PROPN
        to 8 mark PART
        recognize 4 acl VERB
        Rohan 8 obj PROPN""",
        {6: "GON", 9: "ROH"},
    )
    assert t.modality(8) == "asserted"
    # Gondor found time to recognize Rohan: no copula, no advice
    t = tree(
        """Gondor 1 nsubj PROPN
        found -1 root VERB find
        time 1 obj NOUN
        to 4 mark PART
        recognize 2 acl VERB
        Rohan 4 obj PROPN""",
        {0: "GON", 5: "ROH"},
    )
    assert t.modality(4) == "asserted"


def test_an_opportunity_to_act_is_no_act_unless_it_is_seized():
    # The summit gives Gondor an opportunity to recognize Rohan (`to` clause on the noun,
    # or, as parsers often hang it, on the verb)
    for relation, head in (("acl", 5), ("advcl", 2)):
        t = tree(
            f"""The 1 det DET
            summit 2 nsubj NOUN
            gives -1 root VERB give
            Gondor 2 iobj PROPN
            an 5 det DET
            opportunity 2 obj NOUN
            to 7 mark PART
            recognize {head} {relation} VERB
            Rohan 7 obj PROPN""",
            {3: "GON", 8: "ROH"},
        )
        assert t.modality(7) == "hypothetical", relation
    # Gondor seized the chance to recognize Rohan: as firm as the seizing
    t = tree(
        """Gondor 1 nsubj
        seized -1 root VERB seize
        the 3 det DET
        chance 1 obj NOUN
        to 5 mark PART
        recognize 3 acl VERB
        Rohan 5 obj""",
        {0: "GON", 6: "ROH"},
    )
    assert t.modality(5) == "asserted"
    # Gondor will seize the chance to recognize Rohan
    t = tree(
        """Gondor 2 nsubj
        will 2 aux
        seize -1 root VERB
        the 4 det DET
        chance 2 obj NOUN
        to 6 mark PART
        recognize 4 acl VERB
        Rohan 6 obj""",
        {0: "GON", 7: "ROH"},
    )
    assert t.modality(6) == "future"
    # The treaty allows Gondor to recognize Rohan
    t = tree(
        """The 1 det DET
        treaty 2 nsubj NOUN
        allows -1 root VERB allow
        Gondor 2 obj PROPN
        to 5 mark PART
        recognize 2 xcomp VERB
        Rohan 5 obj PROPN""",
        {3: "GON", 6: "ROH"},
    )
    assert t.modality(5) == "hypothetical"


def test_what_a_hypothetical_says_is_no_more_asserted_than_the_saying():
    # Gondor could explain that it recognized Rohan
    t = tree(
        """Gondor 2 nsubj
        could 2 aux
        explain -1 root VERB
        that 5 mark SCONJ
        it 5 nsubj PRON
        recognized 2 ccomp VERB recognize
        Rohan 5 obj""",
        {0: "GON", 6: "ROH"},
    )
    assert t.modality(5) == "hypothetical"
    # Gondor will say that it recognized Rohan: what is to be said is still reported
    t = tree(
        """Gondor 2 nsubj
        will 2 aux
        say -1 root VERB
        that 5 mark SCONJ
        it 5 nsubj PRON
        recognized 2 ccomp VERB recognize
        Rohan 5 obj""",
        {0: "GON", 6: "ROH"},
    )
    assert t.modality(5) == "reported" and t.modality(2) == "future"


def test_a_modality_table_row_naming_no_place_is_an_error(tmp_path):
    (tmp_path / "negations.tsv").write_text("# negations\nword\nnot\n", encoding="utf-8")
    (tmp_path / "modalities.tsv").write_text(
        "# modalities\nword\twhere\tmodality\nshould\tauxiliary\tprescribed\n",
        encoding="utf-8",
    )
    with pytest.raises(ParleyError, match="'should' has place 'auxiliary'"):
        Manner.read(tmp_path)


def test_no_target_is_guessed_from_a_clause_of_time():
    # Arnor will restore ties , after Calenardhon crowds burned its embassy
    rows = """Arnor 2 nsubj PROPN
        will 2 aux AUX
        restore -1 root VERB
        ties 2 obj NOUN
        , 8 punct PUNCT
        after 7 case ADP
        Calenardhon 7 compound PROPN
        crowds 8 nsubj NOUN
        burned 2 advcl VERB"""
    t = tree(rows, {0: "ARN", 6: "CAL"})
    assert t.group_at[6] not in t.groups_below(2)
    # … to meet Calenardhon crowds: a purpose clause may hold the target
    t = tree(rows.replace("after 7 case ADP", "to 8 mark PART"), {0: "ARN", 6: "CAL"})
    assert t.group_at[6] in t.groups_below(2)
    # … , several years after Calenardhon crowds burned (`years` parsed as the subject)
    measured = """Arnor 2 nsubj PROPN
        will 2 aux AUX
        restore -1 root VERB
        ties 2 obj NOUN
        , 6 punct PUNCT
        several 6 amod ADJ
        years 10 nsubj NOUN year
        after 9 case ADP
        Calenardhon 9 compound PROPN
        crowds 10 nsubj NOUN
        burned 2 advcl VERB"""
    t = tree(measured, {0: "ARN", 8: "CAL"})
    assert t.group_at[8] not in t.groups_below(2)
    # Seoul said peace , and the US criticized Pyongyang: a clause of its own subject
    rows = """Seoul 1 nsubj PROPN
        said -1 root VERB say
        peace 1 obj NOUN
        and 5 cc CCONJ
        US 5 nsubj PROPN
        criticized 1 conj VERB criticize
        Pyongyang 5 obj PROPN"""
    t = tree(rows, {0: "KORGOV", 4: "USA", 6: "PRK"})
    assert t.groups_below(1) == {t.group_at[0]}
    # … and criticized Pyongyang: Seoul's own second act, which may hold a target
    t = tree(rows.replace("US 5 nsubj PROPN", "the 5 advmod ADV"), {0: "KORGOV", 6: "PRK"})
    assert t.group_at[6] in t.groups_below(1)
    # … , several leaders after …: what comes before `after` measures no time
    other = measured.replace("years 10 nsubj NOUN year", "leaders 10 nsubj NOUN")
    t = tree(other, {0: "ARN", 8: "CAL"})
    assert t.group_at[8] in t.groups_below(2)


def test_who_says_it_at_the_end_is_no_target_however_parsed():
    # Brazil deepened ties and biofuels , US Secretary Kupfer said Wednesday
    # (misparsed as the parser does: the secretary an object, Wednesday the subject)
    rows = """Brazil 1 nsubj PROPN
        deepened -1 root VERB deepen
        ties 1 obj NOUN
        and 6 cc CCONJ
        , 6 punct PUNCT
        US 6 compound PROPN
        Secretary 2 conj PROPN
        Kupfer 6 flat PROPN
        said 0 parataxis VERB say
        Wednesday 8 nsubj PROPN"""
    t = tree(rows, {0: "BRA", 6: "USAGOV"})
    assert t.object(1) is None and t.group_at[6] not in t.groups_below(1)
    # … ties with Gondor and Arnor , the Rohan newspaper said: the list keeps its items
    rows = """Brazil 1 nsubj PROPN
        deepened -1 root VERB deepen
        ties 1 obj NOUN
        with 4 case ADP
        Gondor 2 nmod PROPN
        and 6 cc CCONJ
        Arnor 4 conj PROPN
        , 10 punct PUNCT
        the 10 det DET
        Rohan 10 compound PROPN
        newspaper 4 conj NOUN
        said 1 parataxis VERB say"""
    t = tree(rows, {0: "BRA", 4: "GON", 6: "ARN", 9: "ROHMED"})
    assert codes(t, t.object(1)) == ["GON", "ARN"]


def test_a_parse_holding_a_cycle_cannot_trap_the_walks():
    # a user's analyser may return heads that loop: ties -> talks -> ties, no actor there
    t = tree(
        """Arnor 1 nsubj PROPN
        restored -1 root VERB
        ties 3 obj NOUN
        talks 2 nmod NOUN
        Gondor 1 obl PROPN""",
        {0: "ARN", 4: "GON"},
    )
    found: list[int | None] = []
    walk = threading.Thread(target=lambda: found.append(t.actor_in(2)), daemon=True)
    walk.start()
    walk.join(timeout=10)
    assert found == [None]


def placed_tree(rows: str, actors: dict[int, tuple[str, str]], rules: RuleSet) -> Tree:
    """`tree`, with each actor's entry kind (`country`, `person`) and the rules on."""
    words = []
    for i, line in enumerate(rows.strip().splitlines()):
        text, head, relation, *tags = line.split()
        words.append(Word(text, 0, 0, i, text.lower(), tags[0] if tags else "X", "X", int(head),
                          relation, 0))  # fmt: skip
    mentions = [
        Mention(0, i, i + 1, Span(0, 0), words[i].text, code, (), kind=kind)
        for i, (code, kind) in actors.items()
    ]
    return Tree.build(words, mentions, rules=rules)


GENEVA_SUMMIT = """The 2 det
    Geneva 2 compound PROPN
    summit 4 nsubj NOUN
    will 4 aux
    allow -1 root VERB
    Iran 4 obj PROPN"""


def test_a_place_naming_a_summit_never_acts_in_it():
    # The Geneva summit will allow Iran …
    actors = {1: ("CHE", "country"), 5: ("IRN", "country")}
    t = placed_tree(GENEVA_SUMMIT, actors, RuleSet())
    assert t.roles(4).source is None
    assert t.not_doers == {0: "place-names-an-occasion"}
    off = placed_tree(GENEVA_SUMMIT, actors, RuleSet.without(["place-names-an-occasion"]))
    assert codes(off, off.roles(4).source) == ["CHE"]


def test_a_person_naming_a_summit_is_no_place():
    # The Putin summit will allow Iran …: a person is not where it is held
    t = placed_tree(GENEVA_SUMMIT, {1: ("RUSGOV", "person"), 5: ("IRN", "country")}, RuleSet())
    assert codes(t, t.roles(4).source) == ["RUSGOV"]


OCCUPATION = """The 1 det
    occupation 6 nsubj NOUN
    of 3 case ADP
    Crimea 1 nmod PROPN
    by 5 case ADP
    Gondor 1 nmod PROPN
    angered -1 root VERB
    Arnor 6 obj PROPN"""


def test_what_an_act_is_done_to_is_not_its_doer():
    # The occupation of Crimea by Gondor angered Arnor
    actors = {3: ("UKR", "country"), 5: ("GON", "country"), 7: ("ARN", "country")}
    t = placed_tree(OCCUPATION, actors, RuleSet())
    assert codes(t, t.roles(6).source) == ["GON"]
    assert t.set_aside(6) == ("act-noun-of-is-done-to",)
    off = placed_tree(OCCUPATION, actors, RuleSet.without(["act-noun-of-is-done-to"]))
    assert codes(off, off.roles(6).source) == ["UKR"]


def test_a_place_one_goes_to_never_acts_there_but_a_person_may():
    # Kim headed to Vladivostok; Kim headed to Putin
    rows = """Kim 1 nsubj PROPN
    headed -1 root VERB
    to 3 case ADP
    Vladivostok 1 obl PROPN"""
    t = placed_tree(rows, {3: ("RUS", "country")}, RuleSet())
    assert t.not_doers == {0: "destinations-never-act"}
    assert t.roles(1).target == 0  # where one goes may still be the target
    assert placed_tree(rows, {3: ("RUSGOV", "person")}, RuleSet()).not_doers == {}
    off = RuleSet.without(["destinations-never-act"])
    assert placed_tree(rows, {3: ("RUS", "country")}, off).not_doers == {}


def test_a_phrase_noun_table_row_of_no_known_kind_is_an_error(tmp_path):
    (tmp_path / "phrase_nouns.tsv").write_text("# header\nword\tkind\nsummit\tplace\n")
    with pytest.raises(ParleyError, match="summit"):
        PhraseNouns.read(tmp_path)
