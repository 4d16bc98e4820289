"""What a CAMEO actor code says: the country (as ISO-3166 alpha-3) and the sector.

CAMEO actor codes are 3-letter groups: a country or region (`JPN`, `EUR`) or an
organisation type (`IGO`, `NGO`, `IMG`), then roles (`GOV`, `MIL`, `REB`...). Users
analysing the data want the country and the sector as their own columns, with the
country in the ISO form other data sets join on (`TMP` is `TLS`, `KSV` is `XKX`), so
they are derived here from two bundled tables rather than left to string slicing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from parley.tables import table_map, tables_folder

COUNTRIES, SECTORS = "countries.tsv", "sectors.tsv"  # the tables a CodeBook reads


@dataclass(slots=True, frozen=True)
class ActorFacts:
    """The parts of an actor code: ISO country (None for IGOs, regions), CAMEO/PLOVER sector."""

    code: str
    country: str | None
    sector: str | None
    plover_sector: str | None


@dataclass(slots=True)
class CodeBook:
    """CAMEO country codes → ISO alpha-3, and CAMEO roles → PLOVER sectors."""

    countries: dict[str, str]
    sectors: dict[str, str]
    _memo: dict[str, ActorFacts] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path | None = None) -> CodeBook:
        base = folder or tables_folder()
        countries = table_map(base / COUNTRIES)
        sectors = table_map(base / SECTORS)
        return cls(countries, sectors)

    def facts(self, code: str) -> ActorFacts:
        """Split `code`; the sector is the first role after the country or region."""
        found = self._memo.get(code)
        if found is None:
            found = self._memo[code] = self._split(code)
        return found

    def _split(self, code: str) -> ActorFacts:
        parts = [code[i : i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
        if not parts:
            return ActorFacts(code, None, None, None)
        country = self.countries.get(parts[0])
        roles = parts[1:] if country is not None or parts[0] not in self.sectors else parts
        sector = next((r for r in roles if r in self.sectors), None)
        return ActorFacts(code, country, sector, self.sectors.get(sector or ""))
