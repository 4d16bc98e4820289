"""The compiled tables kept between runs (`parley.compiled`): the verb dictionary and
the gazetteer come from the cache on a second load, and an edited file misses it."""

from __future__ import annotations

from parley import compiled
from parley.config import DictionaryPaths, load_verbs
from parley.events.coder import VerbLexicon
from parley.resolve.gazetteer import Gazetteer

VERBS = "--- ACCUSE [112] ---\nACCUSE\n"


def test_a_second_load_of_the_verbs_comes_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_CACHE_DIR", str(tmp_path / "cache"))
    verbs = tmp_path / "verbs.txt"
    verbs.write_text(VERBS, encoding="utf-8")
    files = DictionaryPaths(verbs=(verbs,)).resolved()
    first = load_verbs(files)
    assert len(list((tmp_path / "cache").glob("verbs-*.pickle"))) == 1

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again despite the cache")

    with monkeypatch.context() as patched:
        patched.setattr(VerbLexicon, "load", no_compiling)
        second = load_verbs(files)
    assert second is not first and len(second.verbs) == len(first.verbs) > 0
    verbs.write_text(VERBS + "--- PRAISE [051] ---\nPRAISE\n", encoding="utf-8")
    assert len(load_verbs(files).verbs) > len(first.verbs)  # edited: compiled again
    assert len(list((tmp_path / "cache").glob("verbs-*.pickle"))) == 2


def test_the_gazetteer_comes_from_the_cache_as_read(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_CACHE_DIR", str(tmp_path / "cache"))
    read = Gazetteer.load()

    def no_reading(path):
        raise AssertionError("read again despite the cache")

    monkeypatch.setattr(Gazetteer, "_read", no_reading)
    kept = Gazetteer.load()
    assert kept.by_name == read.by_name and kept.population == read.population
    assert kept.places[100] == read.places[100]


def test_only_the_last_tables_of_a_kind_are_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_CACHE_DIR", str(tmp_path))
    for n in range(compiled.KEPT + 3):
        compiled.load_or_compile("test", f"key{n}", lambda n=n: [n], list)
    assert len(list(tmp_path.glob("test-*.pickle"))) == compiled.KEPT
    assert compiled.load_or_compile("test", f"key{compiled.KEPT + 2}", lambda: [-1], list) == [
        compiled.KEPT + 2
    ]


def test_a_quick_state_dataclass_comes_back_whole_from_its_pickle():
    import pickle

    from parley.events.verbs import Codes, Element, Pattern

    step = Element.of([("TALKS",), ("PEACE", "TALKS")])
    pattern = Pattern((), (step, "+"), Codes("043", None), "verbs.txt:1", "- * TALKS +", 2)
    again = pickle.loads(pickle.dumps(pattern))
    assert (again.codes, again.where, again.text, again.size) == (
        pattern.codes, pattern.where, pattern.text, pattern.size
    )
    assert again.words == frozenset({"TALKS", "PEACE"})  # set after `__init__`, kept
    (element, marker) = again.after  # an element compares by identity: its parts here
    assert marker == "+" and element.alternatives == step.alternatives
    assert element.first == step.first
