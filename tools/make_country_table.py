"""Write `src/parley/data/tables/countries.tsv`: CAMEO country codes → ISO-3166 alpha-3.

CAMEO country codes are ISO alpha-3 codes with a few exceptions: former states keep
their ISO 3166-3 codes (`SUN`, `YUG`, `CSK`, `DDR`, `SCG`), and some codes predate the
ISO ones (`TMP` for Timor-Leste) or stand for entities ISO leaves to users (`KSV`,
Kosovo, written `XKX` by the EU and most data sets). Regions (`EUR`, `MEA`, `AFR`) have
no country and are not listed. Needs `pip install pycountry` (a tool-time dependency only).

    python tools/make_country_table.py
"""

from __future__ import annotations

from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "src/parley/data/tables/countries.tsv"
EXCEPTIONS = {
    "TMP": ("TLS", "Timor-Leste"),
    "KSV": ("XKX", "Kosovo"),
    "USR": ("SUN", "USSR"),
}


def main() -> None:
    rows = {c.alpha_3: (c.alpha_3, c.name) for c in pycountry.countries}
    for old in pycountry.historic_countries:
        rows.setdefault(old.alpha_3, (old.alpha_3, old.name))
    rows.update(EXCEPTIONS)
    lines = ["# CAMEO country code → ISO-3166 alpha-3 (pycountry; see tools/make_country_table.py)"]
    lines.append("cameo\tiso3\tname")
    lines += [f"{code}\t{iso}\t{name}" for code, (iso, name) in sorted(rows.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} codes")


if __name__ == "__main__":
    main()
