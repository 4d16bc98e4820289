import pytest

from parley.actors.codes import CodeBook


@pytest.mark.parametrize(
    ("code", "country", "sector", "plover"),
    [
        ("JPNGOV", "JPN", "GOV", "GOV"),
        ("CHNMIL", "CHN", "MIL", "MIL"),
        ("IGOUNO", None, "IGO", "IGO"),
        ("TMP", "TLS", None, None),  # CAMEO's Timor-Leste code is not ISO's
        ("KSVREB", "XKX", "REB", "REB"),
        ("USAGOVLEG", "USA", "GOV", "GOV"),
        ("EURGOV", None, "GOV", "GOV"),  # a region, not a country
        ("JPNELI", "JPN", "ELI", "GOV"),
        ("IMGMUSALQ", None, "IMG", "REB"),
    ],
)
def test_codes_split_into_iso_country_and_plover_sector(code, country, sector, plover):
    facts = CodeBook.load().facts(code)
    assert (facts.country, facts.sector, facts.plover_sector) == (country, sector, plover)
