import pytest

from parley.ingest.chrome import repair_glued, strip_chrome


@pytest.mark.parametrize(
    "line",
    [
        "0 69",
        "1.2k 340",
        "Source link",
        "You might also like",
        "Thanks !",
        "Share this article",
        "Thanks for posting this, what a great read !",
        "Read more",
        "Advertisement",
        "12 Comments",
    ],
)
def test_chrome_lines_go(line):
    text = f"Headline Of The Story\n\n{line}\n\nJapan protested on Monday.\n\n{line}"
    assert strip_chrome(text) == "Headline Of The Story\n\nJapan protested on Monday."


def test_short_real_sentences_and_headlines_stay():
    text = "independent news and opinion\n\nTalks Collapse\n\nKim left.\n\nThey met again."
    assert strip_chrome(text) == "Talks Collapse\n\nKim left.\n\nThey met again."


def test_glued_words_are_split_only_with_evidence():
    text = "China is North Korea's ally; it relies on ChinaNorth Korea's only ally."
    assert repair_glued(text) == (
        "China is North Korea's ally; it relies on China—North Korea's only ally."
    )
    names = "McDonald met MacArthur and DeSantis in LinkedIn offices."
    assert repair_glued(names) == names
