import pytest

from parley.events.ontology import Ontology, quad_class


@pytest.mark.parametrize(
    ("root", "quad"),
    [
        ("01", 1),
        ("05", 1),
        ("06", 2),
        ("08", 2),
        ("09", 3),
        ("13", 3),
        ("14", 4),
        ("20", 4),
        ("00", None),
        ("xx", None),
    ],
)
def test_quad_class(root, quad):
    assert quad_class(root) == quad


def test_facts_fall_back_to_the_parent_code():
    ontology = Ontology.load()
    visit = ontology.facts("042")
    assert (visit.plover_type, visit.plover_mode, visit.goldstein) == ("CONSULT", "visit", 3.0)
    assert visit.description == "Make a visit"
    statement = ontology.facts("010")
    assert statement.plover_type is None and statement.quad_class == 1
