import pytest

from parley.config import DEFAULT_VERBS
from parley.events.ontology import Ontology, quad_class
from parley.events.verbs import read_verbs
from parley.tables import bundled_data, table_map, tables_folder


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


# The 2021 CAMEO→PLOVER table converts neither public statements (01) nor appeals (02):
# such events have no PLOVER type (docs/export.md: codes it does not convert have no record).
_NOT_IN_PLOVER = frozenset({"01", "02"})


def _codes_parley_can_emit() -> dict[str, str]:
    """Every event code the bundled verb dictionary and tables can give an event (verb
    and pattern codes both ways, transformations, refusals, intentions), with where."""
    forms, transformations, _ = read_verbs(bundled_data() / DEFAULT_VERBS[0])
    found: dict[str, str] = {}
    for verb in {id(form.verb): form.verb for form in forms}.values():
        for codes, where in [
            (verb.codes, verb.where),
            *((p.codes, p.where) for p in verb.patterns.patterns),
        ]:
            for code in (codes.forward, codes.reverse):
                if code is not None:
                    found.setdefault(code, where)
    for transformation in transformations:
        if transformation.code != "Q":
            found.setdefault(transformation.code, transformation.where)
    for table in ("refusals.tsv", "intentions.tsv"):
        for code in table_map(tables_folder() / table).values():
            found.setdefault(code, table)
    return found


def test_every_code_parley_can_emit_is_fully_described():
    """Each code has a name of its own (not its parent's), a Goldstein value in the
    table, a quad class and a PLOVER type: `explain` and the exports show them."""
    ontology = Ontology.load()
    codes = _codes_parley_can_emit()
    assert {"042", "1213", "1243", "0311"} <= set(codes)  # verbs, patterns, both tables
    gaps = []
    for code, where in sorted(codes.items()):
        facts = ontology.facts(code)
        missing = [
            what
            for what, ok in [
                ("name", code in ontology.descriptions),
                ("goldstein", code in ontology.goldstein),
                ("quad class", facts.quad_class is not None),
                ("plover", facts.plover_type is not None or code[:2] in _NOT_IN_PLOVER),
            ]
            if not ok
        ]
        if missing:
            gaps.append(f"{code} ({where}): no {', '.join(missing)}")
    assert not gaps, "\n".join(gaps)
