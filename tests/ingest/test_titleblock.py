import datetime as dt

from parley.ingest.titleblock import find_date, read_title_block

BODY = "The forthcoming summit between the two leaders is certain to be similar to the last one."


def test_title_date_byline_and_affiliation():
    block = read_title_block([
        "The Gondor-Rohan Minas Summit – March 3, 2011", "By", "Dr. A. B. Example",
        "Retired Gondorian Diplomat", BODY,
    ])  # fmt: skip
    assert block.title == "The Gondor-Rohan Minas Summit"
    assert block.date == dt.date(2011, 3, 3)
    assert block.author == "A. B. Example"
    assert block.affiliation == "Retired Gondorian Diplomat"
    assert block.used == {1, 2, 3}


def test_separate_date_line_and_one_line_byline():
    block = read_title_block(["Sanctions Widen", "14 March 2024", "By Jane Roe", BODY])
    assert (block.title, block.date, block.author) == (
        "Sanctions Widen",
        dt.date(2024, 3, 14),
        "Jane Roe",
    )
    assert block.used == {1, 2}


def test_a_headline_alone_is_not_a_title_block():
    block = read_title_block(["Japan Protests", BODY])
    assert block.title == "Japan Protests" and block.date is None and not block.used


def test_dates_in_the_body_are_not_the_document_date():
    assert read_title_block([BODY + " It ended on November 4, 2004."]).date is None


def test_find_date_forms():
    assert find_date("Sept. 3rd, 2021")[0] == dt.date(2021, 9, 3)
    assert find_date("on 2019-04-25 at noon")[0] == dt.date(2019, 4, 25)
    assert find_date("February 30, 2020") is None
