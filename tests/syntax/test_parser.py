from pathlib import Path

import pytest

from parley.syntax.conllu import read_conllu
from parley.syntax.parser import LEFT, RIGHT, SHIFT, Parser, State
from parley.syntax.tagger import Tagger
from tests.conftest import load_tool


def trainer():
    return load_tool("train_parser")


@pytest.fixture(scope="module")
def models() -> tuple[Tagger, Parser]:
    return Tagger.load(), Parser.load()


def test_transitions_build_the_tree_they_are_given():
    # Japan(1) accused(2) China(3): 1 <- 2 -> 3, 2 is the root.
    state = State.start(3)
    for move in (SHIFT, LEFT, SHIFT, SHIFT, RIGHT, RIGHT):
        assert state.valid()[move]
        state.apply(move)
    assert state.done and state.heads[1:] == [2, 0, 2]


def test_only_one_word_may_attach_to_the_root():
    state = State.start(2)
    state.apply(SHIFT)
    assert state.valid() == (True, True, False)  # RIGHT to the root waits for the end


def test_the_oracle_prices_moves_by_the_gold_arcs_they_lose():
    costs = trainer().costs
    gold = [-1, 2, 0, 2]
    state = State.start(3)
    state.apply(SHIFT)  # stack: root, Japan; next: accused
    assert costs(state, gold) == (1, 0, 1)  # shifting or RIGHT loses Japan's head
    state.apply(LEFT)
    state.apply(SHIFT)
    state.apply(SHIFT)  # stack: root, accused, China
    assert costs(state, gold)[RIGHT] == 0


def test_the_bundled_parser_finds_subject_verb_and_object(models):
    tagger, parser = models
    words = "Japan accused China of violating its airspace .".split()
    tags = [x for _, x in tagger.tag(words)]
    parsed = parser.parse(words, tags)
    assert parsed[1] == (0, "root")
    assert parsed[0] == (2, "nsubj")
    assert parsed[2] == (2, "obj")
    assert parser.parse([], []) == []


def test_attachment_stays_above_its_floor_on_a_dev_sample(shared, models):
    tagger, parser = models
    trees = list(read_conllu(Path(shared / "treebank" / "en_ewt-ud-dev.conllu")))[:600]
    uas, las, _ = trainer().attachment(parser, trees, tagger)
    assert uas >= 0.81 and las >= 0.76  # floors: raise when the model improves, never lower
