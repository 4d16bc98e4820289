"""Tab-separated lines made in SQL, for the layouts that other tools read as plain TSV
(GDELT, ICEWS): no quoting, so a tab or line break inside a value becomes a space and a
missing value is an empty field."""

from __future__ import annotations

from collections.abc import Iterable


def tab_line(expressions: Iterable[str]) -> str:
    """SQL for one line of `expressions`, tab-separated, named `line`."""
    fields = ", ".join(
        f"coalesce(regexp_replace(CAST({sql} AS VARCHAR), '[\\t\\r\\n]+', ' ', 'g'), '')"
        for sql in expressions
    )
    return f"concat_ws(chr(9), {fields}) AS line"
