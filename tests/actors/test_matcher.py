from parley.actors.entries import Phrase
from parley.actors.matcher import PhraseMatcher


def matcher() -> PhraseMatcher[str]:
    found: PhraseMatcher[str] = PhraseMatcher()
    found.add(Phrase(("NORTH", "KOREA"), False), "PRK")
    found.add(Phrase(("KOREA",), False), "KOR")
    found.add(Phrase(("ARGENTIN",), True), "ARG")
    found.add(Phrase(("CONSUL",), True), "consul")
    found.add(Phrase(("US",), False), "USA")
    return found


def spans(words: list[str]) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.payload) for m in matcher().find_all(words)]


def test_longest_phrase_wins_and_stems_take_endings():
    words = ["NORTH", "KOREA", "AND", "ARGENTINIANS", "KOREA"]
    assert spans(words) == [(0, 2, "PRK"), (3, 4, "ARG"), (4, 5, "KOR")]
    assert spans(["ARGENT"]) == []


def test_a_stem_takes_an_ending_not_another_word():
    assert spans(["CONSULS"]) == [(0, 1, "consul")]
    assert spans(["CONSULTATIONS"]) == []


def test_a_name_glued_to_led_or_backed_still_matches():
    assert spans(["THE", "US-LED", "COALITION"]) == [(1, 2, "USA")]
    assert spans(["US-WEEKEND"]) == []


def test_a_later_phrase_replaces_an_earlier_one():
    found = matcher()
    found.add(Phrase(("KOREA",), False), "KOR2")
    assert [m.payload for m in found.find_all(["KOREA"])] == ["KOR2"]
    assert found.get(Phrase(("KOREA",), False)) == "KOR2"


def test_taken_tokens_are_skipped():
    found = matcher().find_all(["NORTH", "KOREA"], taken=[True, False])
    assert [(m.start, m.payload) for m in found] == [(1, "KOR")]


def test_a_word_that_starts_nothing_is_passed_over_until_a_phrase_starts_with_it():
    found = matcher()
    words = ["SOUTH", "KOREA", "AND", "NORTH", "KOREA"]
    for _ in range(2):  # the second scan passes over SOUTH and AND at one lookup each
        assert [(m.start, m.payload) for m in found.find_all(words)] == [(1, "KOR"), (3, "PRK")]
    found.add(Phrase(("SOUTH", "KOREA"), False), "KOR-S")
    assert [(m.start, m.payload) for m in found.find_all(words)] == [(0, "KOR-S"), (3, "PRK")]


def test_a_stem_that_is_a_word_takes_only_a_nouns_inflections():
    found: PhraseMatcher[str] = PhraseMatcher()
    found.add(Phrase(("MEDIA",), True), "media", word_stem=True)
    found.add(Phrase(("POLICE",), True), "police", word_stem=True)
    found.add(Phrase(("DEFEN",), True), "defence")  # no word: any short ending
    words = ["MEDIAS", "MEDIATION", "MEDIATED", "POLICEMEN", "DEFENSE", "DEFENCE"]
    assert [m.payload for m in found.find_all(words)] == [
        "media",
        "police",
        "defence",
        "defence",
    ]


def test_bundled_agents_meet_no_word_derived_from_their_stem():
    from parley.api import find_actors

    found = find_actors("Peru mediated the talks; the media praised the mediation.", "2010-01-01")
    assert [(m.text, m.code) for m in found] == [("Peru", "PER"), ("media", "---MED")]


def test_member_states_are_governments():
    from parley.api import find_actors

    found = find_actors("Member States should cooperate with Peru.", "2010-01-01")
    assert [(m.text, m.code) for m in found] == [("Member States", "---GOV"), ("Peru", "PER")]
