import datetime as dt
from pathlib import Path

from parley.actors.petrarch import read_actors, read_agents, read_discards


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_actor_entries_with_synonyms_and_dated_roles(tmp_path):
    path = write(
        tmp_path,
        "actors.txt",
        """\
<!-- a header block
     spanning lines -->
JAPAN_ [JPN]  # a country
+JAPANESE_
+TOKYO_
JUNICHIRO_KOIZUMI_
+PRIME_MINISTER_KOIZUMI_
\t[JPNELI 600101-010426]
\t[JPNGOV 010426-060926]
\t[JPNELI]
NEW_LEADER_ [XYZGOV >20240601]
""",
    )
    entries, issues = read_actors(path)
    assert issues == []
    by_name = {e.name: e for e in entries}
    assert [p.key for p in by_name["JAPAN_"].phrases] == [("JAPAN",), ("JAPANESE",), ("TOKYO",)]
    koizumi = by_name["JUNICHIRO_KOIZUMI_"]
    assert koizumi.code_on(dt.date(2004, 11, 20)) == "JPNGOV"
    assert koizumi.code_on(dt.date(1995, 1, 1)) == "JPNELI"
    assert koizumi.code_on(dt.date(2010, 1, 1)) == "JPNELI"
    assert by_name["NEW_LEADER_"].code_on(dt.date(2024, 7, 1)) == "XYZGOV"
    # Before the only dated role: the country of that role, not its office.
    assert by_name["NEW_LEADER_"].code_on(dt.date(2020, 7, 1)) == "XYZ"
    assert koizumi.where == "actors.txt:6"


def test_malformed_actor_lines_are_reported_and_skipped(tmp_path):
    path = write(
        tmp_path,
        "actors.txt",
        """\
GOOD_ [GDD]
BAD_DATE_ [KORGOVBUS 2004017-20061201]
+ALSO_BAD
BROKEN_ [ABC
NO_CODE_
LAST_ [LST]
""",
    )
    entries, issues = read_actors(path)
    assert [e.name for e in entries] == ["GOOD_", "LAST_"]
    messages = [(i.line, i.message) for i in issues]
    assert (2, "bad date '2004017' (want YYMMDD or YYYYMMDD)") in messages
    assert any(line == 4 and "bracket" in m for line, m in messages)
    assert any(line == 5 and "no code" in m for line, m in messages)
    assert all(str(path) in str(i) for i in issues)


def test_stem_phrases_are_marked(tmp_path):
    entries, _ = read_actors(write(tmp_path, "a.txt", "ARGENTIN [ARG]\nIRAQ_ [IRQ]\nUS [USA]\n"))
    stems = {e.name: e.phrases[0].stem for e in entries}
    assert stems == {"ARGENTIN": True, "IRAQ_": False, "US": False}  # short stems stay exact


def test_agents_with_substitutions_plurals_and_defects(tmp_path):
    path = write(
        tmp_path,
        "agents.txt",
        """\
!PERSON! = MAN, WOMAN
!MINIST! = MINISTER, MINISTRY
POLICE!PERSON! [~COP]
FOREIGN_!MINIST! [~GOV]
OFFICIAL [~GOV]
MEDIA {} [~MED]
LAWMAN {LAWMEN} [~COP]
AD!MINIST!RATIVE_REFORM [~GOV]
WRONG [GOV]
""",
    )
    agents, issues = read_agents(path)
    keys = {p.key: a.code for a in agents for p in a.phrases}
    assert keys[("POLICEMAN",)] == "COP" and keys[("POLICEWOMAN",)] == "COP"
    assert keys[("FOREIGN", "MINISTRY")] == "GOV"
    assert keys[("OFFICIALS",)] == "GOV"
    assert ("MEDIAS",) not in keys
    assert keys[("LAWMEN",)] == "COP"
    assert [i.line for i in issues] == [8, 9]
    assert "inside a word" in issues[0].message


def test_discards_sentence_and_story_level(tmp_path):
    found, issues = read_discards(write(tmp_path, "d.txt", "WORLD WAR II\n+WRESTLER  # sport\n"))
    assert issues == []
    assert [(d.phrase.key, d.story) for d in found] == [
        (("WORLD", "WAR", "II"), False),
        (("WRESTLER",), True),
    ]


def test_a_compound_code_names_one_actor_per_code(tmp_path):
    # The entry is PETRARCH2's validation dictionary's own (PETR.Validate.actors.txt, MIT).
    (shire,), issues = read_actors(write(tmp_path, "a.txt", "THE_SHIRE  [FRO/BIL/SAM]\n"))
    assert issues == []
    assert shire.codes[0].parts == ["FRO", "BIL", "SAM"]
    assert shire.code_on(None) == "FRO/BIL/SAM"
    assert shire.kind == "country"  # every member is a country-like code


def test_a_dated_compound_code_outside_its_dates_keeps_each_country(tmp_path):
    (entry,), _ = read_actors(write(tmp_path, "a.txt", "THE_PAIR_\n\t[ABCGOV/DEFGOV >20240601]\n"))
    assert entry.code_on(dt.date(2020, 1, 1)) == "ABC/DEF"


def test_two_digit_years_read_as_the_documentation_example_means_them(tmp_path):
    # PETRARCH2's dictionary documentation's own example (PETRARCH.dictionaries.rst, MIT):
    # one career from 1932 to 2007, and years of both forms mixed.
    path = write(
        tmp_path,
        "a.txt",
        "MOHAMMAD_ZAHIR_SHAH_\n"
        "\t[AFGELI 320101-331108]\n\t[AFGGOV 331108-730717]\n\t[AFGELI 730717-070723]\n"
        "JAMES_BYRNES_\n\t[USAELI 18970101-450703]\n\t[USAGOV 450703-470121]\n"
        "BORN_EARLIER_\n\t[XYZELI 170101-650609]\n",
    )
    shah, byrnes, earlier = read_actors(path)[0]
    assert [(c.start.year, c.end.year) for c in shah.codes] == [
        (1932, 1933), (1933, 1973), (1973, 2007),
    ]  # fmt: skip
    assert shah.code_on(dt.date(1950, 1, 1)) == "AFGGOV"
    assert byrnes.code_on(dt.date(1946, 1, 1)) == "USAGOV"
    # A range whose two-digit start would follow its end began a century earlier.
    assert earlier.codes[0].start == dt.date(1917, 1, 1)


def test_a_semicolon_starts_a_comment_as_in_the_documentation_example(tmp_path):
    # PETRARCH2's dictionary documentation's own example (PETRARCH.dictionaries.rst, MIT).
    path = write(
        tmp_path,
        "a.txt",
        "HAMID_KARZAI_  [AFGMIL]; CountryInfo.txt\n"
        "+BABRAK_KARMAL_  ; CountryInfo.txt\n"
        "\t[AFGGOV 791227-861124]\n",
    )
    (karzai,), issues = read_actors(path)
    assert issues == []
    assert [p.key for p in karzai.phrases] == [("HAMID", "KARZAI"), ("BABRAK", "KARMAL")]
    assert karzai.kind == "person"  # the leader lists' note, read from the comment
