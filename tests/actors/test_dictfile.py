import datetime as dt
from pathlib import Path

from parley.actors.dictfile import format_actor, format_agent, is_parley_format, read_dictionary
from parley.actors.entries import DatedCode
from parley.actors.lexicon import ActorLexicon
from parley.actors.petrarch import read_actors
from parley.api import find_actors
from tests.conftest import load_tool

SAMPLE = """\
# a user's additions
actor: TARO KONO
  kind: person
  alias: KONO TARO
  code: JPNGOV 2017-08-03..2021-10-04
  code: JPNELI
  source: my notes

agent: ENVOY
  plural: ENVOYS
  code: ~GOV

discard: FOOTBALL MATCH
discard story: CROSSWORD
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_one_file_holds_actors_agents_and_discards(tmp_path):
    found = read_dictionary(write(tmp_path, "mine.txt", SAMPLE))
    assert found.issues == []
    (kono,) = found.actors
    assert (kono.name, kono.kind, kono.source) == ("TARO KONO", "person", "my notes")
    assert [p.key for p in kono.phrases] == [("TARO", "KONO"), ("KONO", "TARO")]
    assert kono.codes == (
        DatedCode("JPNGOV", dt.date(2017, 8, 3), dt.date(2021, 10, 4)),
        DatedCode("JPNELI"),
    )
    (envoy,) = found.agents
    assert (envoy.code, envoy.prefix, envoy.plural) == ("GOV", False, (False, True))
    assert [(d.phrase.key, d.story) for d in found.discards] == [
        (("FOOTBALL", "MATCH"), False),
        (("CROSSWORD",), True),
    ]


def test_bad_lines_are_reported_with_their_number_and_the_rest_is_read(tmp_path):
    text = (
        "actor: ATLANTIS\n  kind: island\n  code: ATL\n\n"
        "actor: LEMURIA\n  code: LEM 2020-05-01..2019-01-01\n  code: LEM\n\n"
        "actor: MU\n  colour: blue\n\n"
        "stray line\n"
        "actor: HYPERBOREA\n  code: HYP\n"
    )
    found = read_dictionary(write(tmp_path, "bad.txt", text))
    assert sorted((i.line, i.message.split(" (")[0]) for i in found.issues) == [
        (2, "unknown kind 'island'"),
        (6, "dates out of order in 'LEM 2020-05-01..2019-01-01'"),
        (9, "MU: no code"),
        (10, "'colour' is not a field of an actor"),
        (12, "not a record or field: 'stray line'"),
    ]
    assert [a.name for a in found.actors] == ["ATLANTIS", "LEMURIA", "HYPERBOREA"]


def test_written_records_read_back_the_same(tmp_path):
    (kono,) = read_dictionary(write(tmp_path, "a.txt", SAMPLE)).actors
    again = read_dictionary(write(tmp_path, "b.txt", format_actor(kono))).actors[0]
    assert (again.name, again.kind, again.phrases, again.codes, again.source) == (
        kono.name,
        kono.kind,
        kono.phrases,
        kono.codes,
        kono.source,
    )


def test_an_entry_named_like_an_earlier_one_replaces_it_aliases_and_all(tmp_path):
    base = write(
        tmp_path,
        "base.txt",
        "actor: TARO KONO\n  kind: person\n  alias: MR KONO TARO\n  code: JPNELI\n",
    )
    update = write(
        tmp_path, "update.txt", "actor: TARO KONO\n  kind: person\n  code: JPNGOV 2017-08-03..\n"
    )
    lexicon = ActorLexicon.load([base], extra_files=[update])
    for words in (["TARO", "KONO"], ["MR", "KONO", "TARO"]):
        (match,) = lexicon.actors.find_all(words)
        assert lexicon.code_on(match.payload, dt.date(2019, 1, 1)) == "JPNGOV"


def test_petrarch_files_are_still_read_and_told_apart(tmp_path):
    petrarch = write(tmp_path, "p.txt", "JAPAN_ [JPN]\n+NIPPON_\nJUNICHIRO_KOIZUMI_ [JPNGOV]\n")
    mine = write(tmp_path, "m.txt", SAMPLE)
    assert not is_parley_format(petrarch)
    assert is_parley_format(mine)
    lexicon = ActorLexicon.load([petrarch, mine])
    (nippon,) = lexicon.actors.find_all(["NIPPON"])
    assert lexicon.kinds[nippon.payload] == "country"
    assert len(lexicon.agent_codes) == 1  # the agent in the parley file


def test_the_converter_keeps_every_code_and_names_its_source(tmp_path):
    tool = load_tool("convert_petrarch")
    source = write(
        tmp_path,
        "x.actors.txt",
        "GEORGE_W._BUSH_  # CountryInfo.txt\n+PRESIDENT_BUSH_\n"
        "\t[USAELI 460706-010119]\n\t[USAGOV 010120-090120]\n\t[USAELI]\n"
        "ARGENTIN [ARG]\nBAD_LINE [USAGOV 2004017]\n",
    )
    target = tmp_path / "out.txt"
    assert tool.convert(source, target, "actors") == 2  # BAD_LINE has no usable code
    before, _ = read_actors(source)
    after = read_dictionary(target)
    assert [(a.codes, a.phrases) for a in after.actors] == [(b.codes, b.phrases) for b in before]
    assert after.actors[0].kind == "person"
    assert after.actors[0].source == "x.actors.txt:1"


def test_a_compound_code_reads_back(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("actor: THE VALE\n  code: VLA/VLB\n", encoding="utf-8")
    (entry,) = read_dictionary(path).actors
    assert entry.codes == (DatedCode("VLA/VLB"),)
    path.write_text(format_actor(entry), encoding="utf-8")
    assert read_dictionary(path).actors[0].codes == entry.codes


def test_an_agent_written_capitalised_names_one_only_so(tmp_path, dictionaries):
    text = "agent: BLOCS\n  code: ~GOV\n  written: capitalised\n"
    (blocs,) = read_dictionary(write(tmp_path, "a.txt", text)).agents
    assert blocs.capitalised
    again = read_dictionary(write(tmp_path, "b.txt", format_agent(blocs))).agents[0]
    assert again.capitalised and again.code == blocs.code
    found = find_actors("All States met. The report states it.", "2020-01-01",
                        dictionaries=dictionaries)  # fmt: skip
    assert [(m.text, m.code) for m in found if m.role == "actor"] == [("States", "---GOV")]
