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

from parley.web.app import create_app

# The events page's requests, then what the other pages ask for when they open.
REQUESTS = [
    ("/api/events", {}),
    ("/api/events", {"country": "CHN"}),
    ("/api/events", {"actor": "USA", "code": "04"}),
    ("/api/events", {"sort": "goldstein", "page": 50}),
    ("/api/events", {"since": "2021-01-01", "until": "2021-06-30", "quad": "3,4"}),
    ("/api/events", {"text": "ceasefire", "since": "2021-01-01"}),
    ("/api/counts", {"by": "month", "limit": 10000}),  # timeline, everything
    ("/api/counts", {"by": "week", "actor": "USA", "limit": 10000}),  # timeline, one actor
    ("/api/counts", {"by": "dyad", "limit": 60}),  # network
    ("/api/counts", {"by": "location", "limit": 10000}),  # map
]


def main(size: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "events.duckdb"
        fill(db, size)
        with TestClient(create_app(db)) as client:
            print(f"{size:,} events")
            print("| request | rows | median ms | worst ms |")
            print("|---|---:|---:|---:|")
            for path, params in REQUESTS:
                times = []
                for _ in range(15):
                    started = time.perf_counter()
                    response = client.get(path, params=params)
                    times.append((time.perf_counter() - started) * 1000)
                body = response.json()
                rows = body["total"] if "total" in body else len(body["rows"])
                shown = "&".join(f"{k}={v}" for k, v in params.items())
                print(
                    f"| {path}?{shown} | {rows:,} | {statistics.median(times):.0f} "
                    f"| {max(times):.0f} |"
                )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
