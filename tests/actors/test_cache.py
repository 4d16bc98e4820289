from pathlib import Path

import pytest

from parley.actors import cache
from parley.actors.lexicon import ActorLexicon
from parley.config import DictionaryPaths

ACTORS = "actor: ATLANTIS\n  kind: country\n  code: ATL\n"


def paths(tmp_path: Path, text: str = ACTORS) -> DictionaryPaths:
    path = tmp_path / "mine.txt"
    path.write_text(text, encoding="utf-8")
    return DictionaryPaths(actors=(path,))


def test_a_second_load_comes_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_CACHE_DIR", str(tmp_path / "cache"))
    files = paths(tmp_path)
    first = cache.load_lexicon(files)
    assert len(list((tmp_path / "cache").glob("actors-*.pickle"))) == 1

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again despite the cache")

    monkeypatch.setattr(ActorLexicon, "load", no_compiling)
    second = cache.load_lexicon(files)
    assert second is not first
    assert second.names == ["ATLANTIS"]
    (match,) = second.actors.find_all(["ATLANTIS"])
    assert second.code_on(match.payload, None) == "ATL"


def test_editing_a_dictionary_misses_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_CACHE_DIR", str(tmp_path / "cache"))
    files = paths(tmp_path)
    cache.load_lexicon(files)
    files = paths(tmp_path, ACTORS.replace("ATL\n", "ATL\n  alias: POSEIDONIA\n"))
    lexicon = cache.load_lexicon(files)
    assert lexicon.actors.find_all(["POSEIDONIA"])
    assert len(list((tmp_path / "cache").glob("actors-*.pickle"))) == 2


def test_editing_a_bundled_code_table_misses_the_cache(tmp_path, monkeypatch):
    files = paths(tmp_path)
    before = cache.cache_key(files)
    tables = tmp_path / "tables"
    tables.mkdir()
    for name in ("countries.tsv", "sectors.tsv"):
        (tables / name).write_bytes((cache.tables_folder() / name).read_bytes())
    monkeypatch.setattr(cache, "tables_folder", lambda: tables)
    assert cache.cache_key(files) == before  # the same tables, the same key
    with (tables / "countries.tsv").open("a", encoding="utf-8") as handle:
        handle.write("ATL\tATL\n")
    assert cache.cache_key(files) != before


@pytest.mark.parametrize("damage", ["unwritable", "corrupt"])
def test_a_broken_cache_only_costs_time(tmp_path, monkeypatch, damage):
    files = paths(tmp_path)
    if damage == "unwritable":
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("a file where the cache folder should be")
        monkeypatch.setenv("PARLEY_CACHE_DIR", str(blocker))
    else:
        monkeypatch.setenv("PARLEY_CACHE_DIR", str(tmp_path / "cache"))
        (tmp_path / "cache").mkdir()
        (tmp_path / "cache" / f"actors-{cache.cache_key(files)}.pickle").write_bytes(b"junk")
    lexicon = cache.load_lexicon(files)
    assert lexicon.names == ["ATLANTIS"]
