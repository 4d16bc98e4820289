"""Date parsing shared by readers, dictionaries and options: one set of accepted forms."""

from __future__ import annotations

import calendar
import datetime as dt
import re

# Month names as normalised tokens (`NOVEMBER`, `NOV` for `Nov.`) → month number.
MONTHS = {name.upper(): i for i, name in enumerate(calendar.month_name) if name}
WEEKDAYS = frozenset(name.upper() for name in calendar.day_name)
MONTH_ABBREVIATIONS = {
    "JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "JUN": 6, "JUL": 7, "AUG": 8, "SEP": 9,
    "SEPT": 9, "OCT": 10, "NOV": 11, "DEC": 12,
}  # fmt: skip
# Two-digit years below this are 20xx (PETRARCH/TABARI dictionaries use YYMMDD): their
# documentation's own example has a king's career run `320101-331108`, `331108-730717`,
# `730717-070723` (1932 to 2007), and the public files, written before 2020, date
# hundreds of 1930s offices so.
_PIVOT = 30


def parse_date(value: object) -> dt.date:
    """ISO dates (`2024-03-14`, with or without time), `YYYYMMDD` or `YYMMDD`."""
    text = str(value).strip()
    try:
        if re.fullmatch(r"[0-9]{6}", text):
            yy = int(text[:2])
            text = f"{2000 + yy if yy < _PIVOT else 1900 + yy}{text[2:]}"
        if re.fullmatch(r"[0-9]{8}", text):
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        return dt.date.fromisoformat(text[:10])
    except ValueError as exc:
        raise ValueError(f"bad date '{text}' (want YYYY-MM-DD, YYYYMMDD or YYMMDD)") from exc
