"""Every toponym of a text (`parley.find_places`): names wherever they stand, and the
words that look like place names but are not, on sentences written for these tests."""

import pytest

import parley


def places(text: str, dictionaries, date: str = "2024-06-05") -> list[tuple[str, str, str]]:
    found = parley.find_places(text, date, dictionaries=dictionaries)
    return [(p.text, p.kind, p.country) for p in found]


def test_a_name_is_a_place_wherever_it_stands(dictionaries):
    assert places("The Aleppo offensive ended as Moscow said it would.", dictionaries) == [
        ("Aleppo", "city", "SYR"),
        ("Moscow", "capital", "RUS"),
    ]


def test_a_demonym_names_its_country(dictionaries):
    found = places("Russian troops shelled villages held by Georgians.", dictionaries)
    assert found == [("Russian", "country", "RUS"), ("Georgians", "country", "GEO")]


@pytest.mark.parametrize(
    "text",
    [
        "It rained all week.",  # `IT` is Italy's code, written so only in capitals
        "Police said the Center would close in May.",  # a Polish town, a Texas town, a month
        "Mr. Lincoln spoke first.",  # a title before a name
        "Linda Taylor spoke first.",  # two towns in a row: a person's name
        "The West and the East disagree.",  # regions of Cameroon and elsewhere
    ],
)
def test_words_that_are_also_place_names_are_no_places_here(dictionaries, text):
    assert places(text, dictionaries) == []


def test_a_persons_surname_alone_is_no_place_after_the_full_name(dictionaries):
    text = "Linda Moore chairs the board. Moore said the vote was in Ohio."
    assert places(text, dictionaries) == [("Ohio", "state", "USA")]


def test_a_common_word_name_is_a_place_with_its_state_or_when_a_country(dictionaries):
    assert places("Voters in Union, N.J. stayed home.", dictionaries) == [
        ("Union", "city", "USA"),
        ("N.J.", "state", "USA"),
    ]
    assert places("Turkey closed the border.", dictionaries) == [("Turkey", "country", "TUR")]


def test_news_abbreviations_of_states_qualify_a_town(dictionaries):
    (town, state) = parley.find_places("She lives in Charleston, W.Va.", dictionaries=dictionaries)
    assert (town.name, town.admin1, state.name) == ("Charleston", "West Virginia", "West Virginia")


def test_a_county_is_a_place_in_its_state(dictionaries):
    (county,) = parley.find_places("Laurel County deputies arrived.", dictionaries=dictionaries)
    assert (county.kind, county.country, county.admin1) == ("county", "USA", "Kentucky")
    assert county.geonames_id is None and county.latitude is not None


def test_a_street_is_put_in_the_town_the_text_names_most(dictionaries):
    text = "Crowds marched down Main Street in Dover, Delaware. Dover police watched."
    found = parley.find_places(text, dictionaries=dictionaries)
    street = next(p for p in found if p.kind == "feature")
    dover = next(p for p in found if p.text == "Dover")
    assert street.text == "Main Street" and street.geonames_id is None
    assert (street.latitude, street.longitude) == (dover.latitude, dover.longitude)
    assert dover.admin1 == "Delaware"


def test_a_street_in_a_text_naming_no_town_is_put_nowhere(dictionaries):
    (street,) = parley.find_places("Traffic stopped on Elm Street.", dictionaries=dictionaries)
    assert (street.text, street.kind, street.latitude) == ("Elm Street", "feature", None)


def test_a_feature_name_a_town_bears_is_the_town(dictionaries):
    (town,) = parley.find_places("Flights left Fort Worth late.", dictionaries=dictionaries)
    assert (town.text, town.kind) == ("Fort Worth", "city")


def test_a_road_is_named_by_its_number(dictionaries):
    found = places("A crash closed Interstate 64 for hours.", dictionaries)
    assert found == [("Interstate 64", "feature", "")]


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Florida officials met. Later Gainesville schools closed.", "Florida"),
        ("Georgia officials met. Later Gainesville schools closed.", "Georgia"),
    ],
)
def test_a_town_is_the_one_in_the_state_the_text_names(dictionaries, text, state):
    found = parley.find_places(text, dictionaries=dictionaries)
    (town,) = [p for p in found if p.text == "Gainesville"]
    assert (town.country, town.admin1) == ("USA", state)


def test_a_capital_outweighs_a_state_of_its_name(dictionaries):
    (washington,) = parley.find_places("Officials in Washington agreed.", dictionaries=dictionaries)
    assert (washington.kind, washington.country) == ("capital", "USA")


def test_a_country_outweighs_a_town_of_its_name_in_another_country(dictionaries):
    found = places("Texas farmers sold soybeans to China.", dictionaries)
    assert ("China", "country", "CHN") in found


def test_countries_inside_a_hyphened_word_are_toponyms_of_their_own(dictionaries):
    text = "Talks on Egyptian-US trade stalled."
    found = parley.find_places(text, dictionaries=dictionaries)
    assert [(text[p.start : p.end], p.country) for p in found] == [
        ("Egyptian", "EGY"),
        ("US", "USA"),
    ]


def test_a_demonym_before_a_persons_title_is_a_toponym(dictionaries):
    # the actor found is the whole `Russian Foreign Minister Sergei Lavrov`: a person
    found = places("Russian Foreign Minister Sergei Lavrov arrived.", dictionaries, "2010-05-01")
    assert found == [("Russian", "country", "RUS")]


def test_a_town_is_the_one_beside_the_other_towns_the_text_names(dictionaries):
    text = "Flooding closed roads in Nelsonville. Athens schools stayed open."
    athens = [p for p in parley.find_places(text, dictionaries=dictionaries) if p.text == "Athens"]
    assert [(p.country, p.admin1) for p in athens] == [("USA", "Ohio")]
    alone = parley.find_places("Athens schools stayed open.", dictionaries=dictionaries)
    assert [(p.kind, p.country) for p in alone] == [("capital", "GRC")]


def test_a_name_its_qualifier_settles_is_that_place_all_through_the_text(dictionaries):
    text = "The parade in Dublin, Ohio, drew crowds. Dublin police said all went well."
    found = parley.find_places(text, dictionaries=dictionaries)
    assert [(p.country, p.admin1) for p in found if p.text == "Dublin"] == [
        ("USA", "Ohio"),
        ("USA", "Ohio"),
    ]


def test_a_seat_of_government_is_no_town_of_its_name(dictionaries):
    assert places("The White House said talks went well.", dictionaries) == []
    found = places("Officials in Washington said talks went well.", dictionaries)
    assert found == [("Washington", "capital", "USA")]


def test_a_demonym_several_countries_share_names_the_most_populous(dictionaries):
    assert places("American diplomats left.", dictionaries) == [("American", "country", "USA")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Crews reached Ft. Lauderdale.", "Fort Lauderdale"),  # GeoNames writes it whole
        ("Crews reached Mt. Shasta.", "Mount Shasta"),
        ("Crews reached St. Helier.", "Saint Helier"),
    ],
)
def test_saint_mount_and_fort_are_found_short_or_whole(dictionaries, text, name):
    (found,) = parley.find_places(text, dictionaries=dictionaries)
    assert found.name == name


def test_a_feature_named_after_a_town_near_the_texts_town_lies_there(dictionaries):
    text = "Police in Tacoma said the fire at Seattle Park was out. Tacoma crews helped."
    found = {p.text: p for p in parley.find_places(text, dictionaries=dictionaries)}
    seattle = parley.find_places("Seattle", dictionaries=dictionaries)[0]
    park = found["Seattle Park"]
    assert park.kind == "feature"
    assert (park.latitude, park.longitude) == (seattle.latitude, seattle.longitude)
    far = parley.find_places("Police in Tacoma said the Boston Park fire was out.")
    assert (far[-1].text, far[-1].latitude) == ("Boston Park", found["Tacoma"].latitude)


def test_a_province_is_the_one_its_towns_in_the_text_lie_in(dictionaries):
    before = "American officials met in Texas. "
    after = "Ontario will pay for the road."
    alone = parley.find_places(before + after, dictionaries=dictionaries)
    assert (alone[-1].kind, alone[-1].country) == ("city", "USA")  # a Californian city
    found = parley.find_places(
        before + "The mayor of Kapuskasing spoke. " + after, dictionaries=dictionaries
    )
    assert (found[-1].text, found[-1].kind, found[-1].country) == ("Ontario", "region", "CAN")


@pytest.mark.parametrize(("most", "least"), [("Indiana", "Kentucky"), ("Kentucky", "Indiana")])
def test_a_county_is_in_the_state_the_text_names_most(dictionaries, most, least):
    text = f"{most} farmers met. {most} officials came, and a {least} guest. Boone County flooded."
    found = parley.find_places(text, dictionaries=dictionaries)
    (county,) = [p for p in found if p.kind == "county"]
    assert county.admin1 == most


def test_a_region_named_as_its_city_casts_no_vote_for_its_towns(dictionaries):
    # `New York` may be the city: its state's towns gain nothing by it
    text = "Critics in New York praised the Geneva talks."
    found = parley.find_places(text, dictionaries=dictionaries)
    (geneva,) = [p for p in found if p.text == "Geneva"]
    assert geneva.admin1 != "New York"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Crews reached Cancun.", "MEX"),  # once another city's name too
        ("Delhi police closed the road.", "IND"),
    ],
)
def test_a_town_bearing_the_name_as_its_own_outweighs_one_called_so_otherwise(
    dictionaries, text, country
):
    (found,) = parley.find_places(text, dictionaries=dictionaries)
    assert found.country == country


def test_a_capital_named_beside_a_town_lends_it_no_support(dictionaries):
    # Damascus, Maryland lies near Washington; the seat of government is no guide to it
    text = "Officials in Washington and Texas said U.S. envoys would fly to Damascus."
    assert places(text, dictionaries)[-1] == ("Damascus", "capital", "SYR")


def test_a_name_of_regions_in_several_countries_votes_for_the_likeliest(dictionaries):
    # `Florida` is a Uruguayan department too: the state is the one an American text names
    text = "Florida officials met. Later Williston schools closed."
    found = parley.find_places(text, dictionaries=dictionaries)
    assert [(p.text, p.admin1) for p in found] == [("Florida", "Florida"), ("Williston", "Florida")]


def test_a_town_is_found_under_its_name_without_marks_of_romanisation(dictionaries):
    # GeoNames writes `Ţūlkarm` and `Ts’khinvali`; English news drops the marks
    found = parley.find_places("Shelling hit Tskhinvali and Tulkarm.", dictionaries=dictionaries)
    assert [(p.text, p.country) for p in found] == [("Tskhinvali", "GEO"), ("Tulkarm", "PSE")]


def test_a_country_named_again_and_again_is_one_vote_against_a_town_of_its_name(dictionaries):
    local = (
        "Deputies in Tyler and Jacksonville helped. Palestine said a man was held. "
        "Later Palestine said more were held. Palestine said all were held."
    )
    assert {(p.country, p.admin1) for p in parley.find_places(local, dictionaries=dictionaries)
            if p.text == "Palestine"} == {("USA", "Texas")}  # fmt: skip
    world = "Palestine and Israel resumed talks. Palestine said Israel must stop."
    assert {p.country for p in parley.find_places(world, dictionaries=dictionaries)} == {
        "PSE",
        "ISR",
    }


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Troops left Kosovo.", "XKX"),  # a country countryinfo lacks
        ("Troops left Cote d'Ivoire.", "CIV"),  # the accented spelling, in plain letters
        ("Troops left Bosnia.", "BIH"),  # the short name news gives
        ("Troops left Cape Verde.", "CPV"),
    ],
)
def test_countries_are_found_by_the_names_news_gives_them(dictionaries, text, country):
    (found,) = parley.find_places(text, dictionaries=dictionaries)
    assert (found.kind, found.country) == ("country", country)


def test_a_region_is_found_without_its_words_of_administration(dictionaries):
    text = "Xinjiang and Tibet were quiet."
    found = parley.find_places(text, dictionaries=dictionaries)
    assert [(p.text, p.kind, p.country) for p in found] == [
        ("Xinjiang", "region", "CHN"),
        ("Tibet", "region", "CHN"),
    ]


def test_another_spelling_of_a_towns_name_is_its_own(dictionaries):
    # `Basra` is a Pakistani village's own name and a spelling of the Iraqi city's
    (basra,) = parley.find_places("Troops in Basra fought on.", dictionaries=dictionaries)
    assert (basra.kind, basra.country) == ("city", "IRQ")
