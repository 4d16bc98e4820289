"""Roles, negation and modality read from hand-made trees (no parser involved)."""

from parley.document import Mention, Span, Word
from parley.events.roles import Tree


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
    # Kim headed to Vladivostok to huddle with Putin
    t = tree(
        """Kim 1 nsubj
        headed -1 root
        to 3 case
        Vladivostok 1 obl
        to 5 mark
        huddle 1 advcl
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
    # In Santiago , Bush is certain to ask Koizumi (the parser made `ask` a csubj)
    t = tree(
        """Bush 2 nsubj
        is 2 cop
        certain -1 root ADJ
        to 4 mark
        ask 2 csubj VERB
        Koizumi 4 iobj""",
        {0: "USAGOV", 5: "JPNGOV"},
    )
    roles = t.roles(4)
    assert (codes(t, roles.source), codes(t, roles.target)) == (["USAGOV"], ["JPNGOV"])
    assert t.modality(4) == "forecast"
