"""Each context rule of actor resolution, on sentences written for these tests."""

import pytest

from parley.api import code_text, find_actors


def coded(dictionaries, text, date="2004-11-20", role="actor"):
    return [
        (m.text, m.code)
        for m in find_actors(text, date, dictionaries=dictionaries)
        if m.role == role
    ]


@pytest.mark.parametrize(
    ("date", "code"),
    [("2004-11-20", "USAGOV"), ("2015-06-01", "USAELI"), ("1995-01-01", "USAELI")],
)
def test_the_same_name_has_the_role_of_the_documents_date(dictionaries, date, code):
    assert coded(dictionaries, "President Bush spoke.", date) == [("President Bush", code)]


def test_without_a_date_the_undated_fallback_code_is_used(dictionaries):
    assert coded(dictionaries, "Junichiro Koizumi spoke.", None) == [
        ("Junichiro Koizumi", "JPNELI")
    ]


def test_a_bare_surname_is_the_person_in_office_on_that_date(dictionaries):
    assert coded(dictionaries, "Bush met Blair.") == [("Bush", "USAGOV"), ("Blair", "GBRGOV")]
    # Out of office nobody answers to a bare `Bush`: no guess.
    assert coded(dictionaries, "Bush met Blair.", "2015-06-01") == []


def test_a_surname_after_a_full_name_or_title_is_that_person(dictionaries):
    text = "Prime Minister Koizumi arrived. Taro Kono waited. Later Koizumi and Kono left."
    mentions = find_actors(text, "2019-06-01", dictionaries=dictionaries)
    assert [(m.text, m.code) for m in mentions] == [
        ("Prime Minister Koizumi", "JPNELI"),  # no longer in office in 2019
        ("Taro Kono", "JPNGOV"),
        ("Koizumi", "JPNELI"),
        ("Kono", "JPNGOV"),
    ]
    assert "KONO" in mentions[-1].entries[0]


def test_a_full_name_the_dictionaries_do_not_know_is_not_their_namesake(dictionaries):
    assert coded(dictionaries, "Jeb Bush spoke.") == []


def test_a_title_alone_composes_country_and_agent(dictionaries):
    assert coded(dictionaries, "The Japanese prime minister protested.") == [
        ("Japanese prime minister", "JPNGOV")
    ]


def test_a_title_takes_an_unknown_name_and_the_document_remembers_it(dictionaries):
    text = "Japanese Foreign Minister Hiro Tanakura arrived. Tanakura said little."
    assert coded(dictionaries, text) == [
        ("Japanese Foreign Minister Hiro Tanakura", "JPNGOV"),
        ("Tanakura", "JPNGOV"),
    ]


def test_capitals_act_as_governments(dictionaries):
    assert coded(dictionaries, "Tokyo protested and the Kremlin said nothing.") == [
        ("Tokyo", "JPNGOV"),
        ("the Kremlin", "RUSGOV"),
    ]


def test_capitals_where_something_happens_are_places(dictionaries):
    text = "Koizumi met Bush in Santiago, Chile on Saturday."
    assert coded(dictionaries, text) == [("Koizumi", "JPNGOV"), ("Bush", "USAGOV")]
    assert coded(dictionaries, text, role="place") == [("Santiago", "CHLGOV"), ("Chile", "CHL")]


def test_a_capital_naming_a_thing_is_its_country(dictionaries):
    assert coded(dictionaries, "The Beijing Olympics opened.") == [("Beijing", "CHN")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japanese officials protested.", [("Japanese officials", "JPNGOV")]),
        ("Chinese officials protested.", [("Chinese officials", "CHNGOV")]),
        ("The Japanese public is angry.", [("Japanese public", "JPNCVL")]),
        ("Officials in Tokyo were pleased.", [("Officials in Tokyo", "JPNGOV")]),
        (
            "Protesters met ministers from the Georgian government.",
            [("Protesters", "---OPP"), ("ministers from the Georgian government", "GEOGOV")],
        ),
        ("The Chinese military moved.", [("Chinese military", "CHNMIL")]),
        # an organisation with no role of its own takes the agent's
        ("Hundreds of UN troops withdrew.", [("UN troops", "IGOUNOMIL")]),
    ],
)
def test_demonyms_compose_with_agents(dictionaries, text, expected):
    assert coded(dictionaries, text) == expected


def test_coordinated_actors_are_one_mention_each(dictionaries):
    text = "Tokyo, like Seoul and Moscow, is worried."
    assert coded(dictionaries, text) == [
        ("Tokyo", "JPNGOV"),
        ("Seoul", "KORGOV"),
        ("Moscow", "RUSGOV"),
    ]
    assert coded(dictionaries, "Blair and Koizumi generally concur.") == [
        ("Blair", "GBRGOV"),
        ("Koizumi", "JPNGOV"),
    ]


def test_pronouns_refer_to_the_nearest_compatible_actor(dictionaries):
    text = "Koizumi visited Japanese officials. He said they would stay."
    mentions = find_actors(text, "2004-11-20", dictionaries=dictionaries)
    he, they = (m for m in mentions if m.kind == "pronoun")
    assert (he.text, he.code, he.role) == ("He", "JPNGOV", "actor")
    assert he.entries[0] == "pronoun HE → Koizumi (sentence 0)"
    assert (they.text, they.code) == ("they", "JPNGOV")
    assert they.entries[0].startswith("pronoun THEY → Japanese officials")


def test_possessives_say_whose_and_compose_with_a_following_agent(dictionaries):
    mentions = find_actors(
        "Japan said its troops would stay in its bases.", "2004-11-20", dictionaries=dictionaries
    )
    assert [(m.text, m.code, m.role) for m in mentions] == [
        ("Japan", "JPN", "actor"),
        ("its troops", "JPNMIL", "actor"),
        ("its", "JPN", "reference"),
    ]


def test_he_does_not_refer_to_an_institution(dictionaries):
    text = "The university in Tokyo published a study. He disagreed."
    assert [m for m in find_actors(text, "2004-11-20", dictionaries=dictionaries)
            if m.kind == "pronoun"] == []  # fmt: skip


def test_mentions_keep_spans_provenance_country_and_sector(dictionaries):
    text = "Intro sentence here. The United Nations and Japan's foreign minister met."
    un, minister = find_actors(text, "2004-11-20", dictionaries=dictionaries)
    assert text[un.span.start : un.span.end] == "The United Nations"
    assert (un.code, un.country, un.sector, un.kind) == ("IGOUNO", None, "IGO", "organisation")
    assert un.entries[0].startswith("international.txt:")
    assert "(Phoenix.International.actors.txt:" in un.entries[0]
    assert (minister.code, minister.country, minister.sector) == ("JPNGOV", "JPN", "GOV")
    assert [e.split(":")[0] for e in minister.entries] == ["countries.txt", "agents.txt"]


def test_a_discard_phrase_voids_the_sentence_but_a_time_in_the_list_voids_nothing(dictionaries):
    assert coded(dictionaries, "Japan played a football match.") == []
    # `1995` is in PETRARCH's discard list; the event it dates is coded with its date
    assert coded(dictionaries, "In 1995 Japan attacked China.") == [
        ("Japan", "JPN"),
        ("China", "CHN"),
    ]
    events = code_text("In 1995 Japan attacked China.", "2004-11-20", dictionaries=dictionaries)
    assert [(e.code, e.event_date.year) for e in events] == [("190", 1995)]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("LYON: Interpol will send a team.", ["LYON"]),
        ("GENEVA, Oct. 18 — Japan protested to China.", ["GENEVA"]),
        ("BRUSSELS - The European Union sanctioned Belarus.", ["BRUSSELS"]),
        ("Tokyo protested to Beijing.", []),  # no dateline: the capital acts
        ("Tokyo, Seoul and Beijing met: talks went well.", []),  # not a dateline: no dash
    ],
)
def test_the_place_a_report_was_filed_from_is_no_actor(dictionaries, text, places):
    assert [m for m, _ in coded(dictionaries, text, role="place")] == places


@pytest.mark.parametrize(
    "text",
    [
        "The pole fell on the road.",
        "They served turkey at dinner.",
        "The foundation of the house cracked.",
    ],
)
def test_in_cased_text_a_common_word_spelled_like_a_name_is_not_an_actor(dictionaries, text):
    assert coded(dictionaries, text) == []


def test_in_cased_text_the_capitalised_spelling_is_the_name(dictionaries):
    assert coded(dictionaries, "Police questioned a Pole.") == [
        ("Police", "---COP"),
        ("Pole", "POL"),
    ]


def test_lower_case_text_still_finds_its_actors(dictionaries):
    # Nothing is capitalised, so case cannot tell names from words.
    assert coded(dictionaries, "rwandan police arrested a pole.") == [
        ("rwandan police", "RWACOP"),
        ("pole", "POL"),
    ]


def test_a_name_in_small_letters_shows_the_text_does_not_capitalise_names(dictionaries):
    # A cased heading before a lower-case story: `rwandan` is no English word, so the
    # case of this sentence says nothing and `pole` is read as the lower-case text has it.
    assert coded(dictionaries, "Filed on Monday: rwandan police arrested a pole.") == [
        ("rwandan police", "RWACOP"),
        ("pole", "POL"),
    ]
    assert coded(dictionaries, "Filed on Monday: the pole fell on the road.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Brazil's Senate approved the bill.", [("Brazil's Senate", "BRALEG")]),
        ("The Brazilian Senate approved the bill.", [("Brazilian Senate", "BRALEG")]),
        ("The Senate of Brazil approved the bill.", [("Senate of Brazil", "BRALEG")]),
        ("The American Senate approved the bill.", [("American Senate", "USALEG")]),
        # no owner: the country the actor dictionary gives the noun
        ("The Senate approved the bill.", [("Senate", "USAGOVLEG")]),
        # `Brazil-based` says where, not whose (an NGO is no agent of Brazil)
        ("A Brazil-based NGO protested.", [("Brazil-based", "BRA"), ("NGO", "NGO")]),
    ],
)
def test_an_agent_noun_belongs_to_its_possessor_before_a_default_country(
    dictionaries, text, expected
):
    assert coded(dictionaries, text) == expected
