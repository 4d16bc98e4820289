from parley.text.segment import segment
from parley.text.tokens import normalise, phrase_key, tokenise


def texts(text: str) -> list[str]:
    return [s.text for s in segment(text)]


def test_splits_on_sentence_end_and_keeps_offsets():
    text = "Japan protested. China rejected the protest!  Why? Nobody knows."
    sentences = segment(text)
    assert [s.text for s in sentences] == [
        "Japan protested.",
        "China rejected the protest!",
        "Why?",
        "Nobody knows.",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text
        for tok in s.tokens:
            assert text[tok.start : tok.end] == tok.text


def test_news_abbreviations_do_not_end_sentences():
    text = "Dr. C. Kenneth Quinones met Gen. Smith on Jan. 5 in St. Louis. He left."
    assert texts(text) == [
        "Dr. C. Kenneth Quinones met Gen. Smith on Jan. 5 in St. Louis.",
        "He left.",
    ]


def test_us_ends_a_sentence_only_before_a_sentence_opener():
    assert texts("Tokyo relies on the U.S. President Bush agreed.") == [
        "Tokyo relies on the U.S. President Bush agreed."
    ]
    assert texts("Tokyo relies on the U.S. The alliance holds.") == [
        "Tokyo relies on the U.S.",
        "The alliance holds.",
    ]


def test_closing_quotes_stay_with_their_sentence_and_paragraphs_split():
    text = "He said “we will not yield.” Then he left\n\nA headline without a stop\n\nBody."
    assert texts(text) == [
        "He said “we will not yield.”",
        "Then he left",
        "A headline without a stop",
        "Body.",
    ]


def test_lowercase_after_period_is_not_a_new_sentence():
    assert texts("The talks ended at 5 p.m. on Friday.") == ["The talks ended at 5 p.m. on Friday."]


def test_normalise_matches_dictionary_spelling():
    assert normalise("Japan’s") == "JAPAN"
    assert normalise("Washington's") == "WASHINGTON"
    assert normalise("U.S.") == "US"
    assert normalise("3.5") == "3.5"
    assert [t.norm for t in tokenise("Allies' leaders didn't")] == ["ALLIES", "LEADERS", "DIDN'T"]
    assert phrase_key("U.S._PRESIDENT_GEORGE_W._BUSH") == ("US", "PRESIDENT", "GEORGE", "W", "BUSH")


def test_abbreviations_and_typed_dashes_stay_whole_tokens():
    text = "Dr. Kim met Gen. Lee on Jan. 5 -- and he said no. It ended."
    tokens = tokenise(text)
    assert [t.text for t in tokens][:11] == [
        "Dr.", "Kim", "met", "Gen.", "Lee", "on", "Jan.", "5", "--", "and", "he",
    ]  # fmt: skip
    assert [t.text for t in tokens][-5:] == ["no", ".", "It", "ended", "."]  # lower-case "no."
    assert tokens[0].norm == "DR" and all(text[t.start : t.end] == t.text for t in tokens)
    assert texts(text) == ["Dr. Kim met Gen. Lee on Jan. 5 -- and he said no.", "It ended."]


def test_an_underscore_joins_words_as_a_space_does():
    # dictionaries write phrases with `_`; text written the same way must match them
    text = "the Prince of Dol_Amroth and snake_case_name"
    tokens = tokenise(text)
    assert " ".join(t.text for t in tokens) == "the Prince of Dol Amroth and snake case name"
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert phrase_key("PRINCE_OF_DOL_AMROTH") == tuple(t.norm for t in tokens[1:5])


def test_a_sentence_over_the_limit_is_cut_at_a_comma_and_nothing_is_lost():
    text = "France met Germany, " * 30 + "and Japan met China."  # 125 tokens, one sentence
    whole = segment(text)
    assert len(whole) == 1
    pieces = segment(text, most_words=40)
    assert [len(s.tokens) for s in pieces] == [40, 40, 40, 5]
    assert all(s.tokens[-1].text == "," for s in pieces[:-1])  # cut after a comma
    assert [t.text for s in pieces for t in s.tokens] == [t.text for t in whole[0].tokens]
    assert all(text[s.start : s.end] == s.text for s in pieces)
    assert [s.index for s in pieces] == [0, 1, 2, 3]
    # no comma in the second half: cut at the limit
    assert [len(s.tokens) for s in segment("word " * 95, most_words=40)] == [40, 40, 15]
