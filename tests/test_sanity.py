"""The sanity check of loaded dictionaries: silent on sound ones, loud on overreach."""

from parley.config import Dictionaries, DictionaryPaths
from parley.sanity import NEUTRAL, overreach
from tests.cli.test_code_command import parley


def test_sound_dictionaries_pass_and_an_actor_matching_the_is_named(tmp_path, dictionaries):
    assert overreach(dictionaries) == []
    bad = tmp_path / "mine.txt"
    bad.write_text("JAPAN [JPN]\nTHE [USA]\n", encoding="utf-8")
    loaded = Dictionaries.load(DictionaryPaths(extra_actors=(bad,)))
    warnings = overreach(loaded)
    assert len(warnings) == 1 and warnings[0].startswith("dictionary entry mine.txt:2 THE fires")
    assert f"of {len(NEUTRAL)} everyday sentences" in warnings[0]


def test_parley_code_warns_of_a_users_overreaching_file_and_codes_on(tmp_path):
    bad = tmp_path / "mine.txt"
    bad.write_text("THE [USA]\n", encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("Japan condemned China on Monday.", encoding="utf-8")
    run = parley("code", story, "--extra-actors", bad, "--db", tmp_path / "s.duckdb")
    assert run.returncode == 0
    assert "parley: warning: dictionary entry mine.txt:1 THE fires in" in run.stderr
