"""The seed articles' leaders, capitals and countries resolve to the right codes.

Every whole-word occurrence of each name must fall inside a mention with the expected
code; a country may be part of a longer mention (`Britain's Prime Minister` is
`GBRGOV`). Names inside hyphenated compounds such as `Trump-Kim` are not counted:
parley reads such a token as one word.
"""

from __future__ import annotations

import re

import pytest

from parley.api import actor_stages, read_paths
from parley.pipeline import Pipeline

SEED_000 = {  # the 2004 op-ed, clean text
    "Koizumi": "JPNGOV",
    "Bush": "USAGOV",
    "Blair": "GBRGOV",
    "Tokyo": "JPNGOV",
    "Beijing": "CHNGOV",
    "Seoul": "KORGOV",
    "Moscow": "RUSGOV",
    "Pyongyang": "PRKGOV",
    "Washington": "USAGOV",
    "Japan": "JPN",
    "Britain": "GBR",
    "North Korea": "PRK",
    "Iraq": "IRQ",
}
SEED_004 = {  # the 2019 web page
    "Trump": "USAGOV",
    "Abe": "JPNGOV",
    "Kono": "JPNGOV",
    "Kim": "PRKGOV",
    "Putin": "RUSGOV",
}


def mentions_of(dictionaries, path, date):
    pipeline = Pipeline(actor_stages(dictionaries, date))
    (doc,) = [pipeline.process(d) for d in read_paths([path])]
    return doc


@pytest.mark.parametrize(
    ("seed", "date", "expected"),
    [
        ("000_f76aace288ba4564.txt", "2004-11-15", SEED_000),
        ("004_66ec2e208a66001a.txt", "2019-05-01", SEED_004),
    ],
)
def test_every_leader_capital_and_country_resolves(shared, dictionaries, seed, date, expected):
    import datetime as dt

    doc = mentions_of(dictionaries, shared / "seeds" / seed, dt.date.fromisoformat(date))
    wrong = []
    for name, code in expected.items():
        for found in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", doc.text):
            covering = [
                m
                for m in doc.mentions
                if m.span.start <= found.start() and found.end() <= m.span.end
            ]
            codes = {m.code for m in covering if m.role != "place"} or {None}
            if not any(c and (c == code or (len(code) == 3 and c.startswith(code))) for c in codes):
                line = doc.text[max(0, found.start() - 40) : found.end() + 20]
                wrong.append(f"{name} → {sorted(map(str, codes))}: ...{line}...")
    assert wrong == []
