"""Latency of `parley serve`'s events API over a large database.

    python benchmarks/serve.py            # 1,000,000 events
    python benchmarks/serve.py 300000

The database is filled as benchmarks/export.py fills it (events shaped like parley's in
the real schema); each request shape is timed 15 times through the ASGI app in process
(no network), and the median and worst are printed: the events page must answer in
under 200 ms at the median.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from export import fill
from fastapi.testclient import TestClient

from parley.query.database import EventDatabase
from parley.web.api import create_app

REQUESTS = [
    {},
    {"country": "CHN"},
    {"actor": "USA", "code": "04"},
    {"sort": "goldstein", "page": 50},
    {"since": "2021-01-01", "until": "2021-06-30", "quad": "3,4"},
    {"text": "ceasefire", "since": "2021-01-01"},
]


def main(size: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "events.duckdb"
        fill(db, size)
        with EventDatabase(db) as database, TestClient(create_app(database)) as client:
            print(f"{size:,} events")
            print("| request | matching | median ms | worst ms |")
            print("|---|---:|---:|---:|")
            for params in REQUESTS:
                times = []
                for _ in range(15):
                    started = time.perf_counter()
                    response = client.get("/api/events", params=params)
                    times.append((time.perf_counter() - started) * 1000)
                total = response.json()["total"]
                shown = "&".join(f"{k}={v}" for k, v in params.items()) or "(none)"
                print(
                    f"| {shown} | {total:,} | {statistics.median(times):.0f} | {max(times):.0f} |"
                )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
