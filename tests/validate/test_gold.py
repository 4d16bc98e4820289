import datetime as dt

import pytest

from parley.validate.gold import GoldError, read_gold

XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<Sentences>
<Environment>
  <Verbfile>verbs.txt</Verbfile>
  <Actorfile>actors.txt</Actorfile>
  <Agentfile>agents.txt</Agentfile>
  <Discardfile>discards.txt</Discardfile>
</Environment>
<Sentence date = "20240301" id ="T-01" category="DEMO">
<EventCoding sentenceid = "T-01" sourcecode="ARN" targetcode="GON" eventcode="111">
</EventCoding>
<EventCoding sentenceid = "T-01" sourcecode="GON" targetcode="ARN" eventcode="112">
</EventCoding>
<Text>
Arnor condemned Gondor,
which accused Arnor.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor)) (VP (VBD condemned))))</Parse>
</Sentence>
<Sentence date = "20240302" id ="T-02" category="NOEVENT">
<EventCoding sentenceid = "T-02" noevents = "True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
<Sentence date = "20240303" id ="T-03" category="ERROR">
<EventCoding sentenceid = "T-03" error = "Sentence too long"></EventCoding>
<Text>Broken.</Text>
</Sentence>
</Sentences>
"""


def test_petrarch_xml_records_and_environment(tmp_path):
    path = tmp_path / "records.xml"
    path.write_text(XML, encoding="utf-8")
    gold = read_gold(path)
    assert gold.dictionaries == {
        "verbs": ["verbs.txt"],
        "actors": ["actors.txt"],
        "agents": ["agents.txt"],
        "discards": ["discards.txt"],
    }
    first, none, error = gold.records
    assert first.text == "Arnor condemned Gondor, which accused Arnor."
    assert first.expected == {("ARN", "GON", "111"), ("GON", "ARN", "112")}
    assert first.date == dt.date(2024, 3, 1) and first.category == "DEMO"
    assert none.noevents and none.expected == frozenset()
    assert error.error and not error.noevents


def test_jsonl_records(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(
        '{"id": "a", "date": "950101", "text": "x", "category": "C", '
        '"expected": [{"source": "A", "target": "B", "code": "042"}], "noevents": false, '
        '"error": false}\n'
        '{"id": "b", "date": "19950102", "text": "y", "expected": [], "noevents": true}\n',
        encoding="utf-8",
    )
    a, b = read_gold(path).records
    assert a.expected == {("A", "B", "042")} and a.date == dt.date(1995, 1, 1)
    assert b.noevents and b.expected == frozenset()


@pytest.mark.parametrize(("content", "message"), [
    ("hello", "neither JSON Lines nor PETRARCH XML"),
    ('{"id": "a"}\n', "gold.txt:1: not a gold record"),
    ("<Sentences><Sentence>", "not valid XML"),
])  # fmt: skip
def test_unreadable_gold_is_one_clear_error(tmp_path, content, message):
    path = tmp_path / "gold.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        read_gold(path)
