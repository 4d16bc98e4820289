"""Reads while uploads are coded: how long `parley serve`'s pages and API take to answer
while a queue of uploaded articles is being coded, and how long the queue takes.

    python benchmarks/uploads.py          # 30 uploads
    python benchmarks/uploads.py 60

The examples are coded into a fresh database; the app is run in process (no network,
as `serve.py` runs it). N distinct articles are uploaded at once (each answers 202
and waits in the queue), then the events API and the events page are asked for in a
loop until the queue is empty: the median and worst answer times are printed, with
the upload requests' own times. Before uploads were queued, a read waited behind every
upload ahead of it (82 s behind 60).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from parley.coding import code_files
from parley.config import Dictionaries
from parley.web.app import create_app
from parley.web.uploads import Uploads

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ARTICLE = (
    "Talks on the border, round {n}\n\n"
    "The foreign ministers of Chile and Peru met in Lima on Sunday for round {n} of talks "
    "on fishing rights. A week earlier, Chile had accused Peru of violating its waters, "
    "and Peru had summoned Chile's ambassador. Officials said both sides wanted a deal."
)


def main(count: int) -> None:
    dictionaries = Dictionaries.load()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "served.duckdb"
        code_files([EXAMPLES], db, dictionaries=dictionaries)
        uploads = Uploads(lambda: dictionaries, limit_mb=1)
        with TestClient(create_app(db, uploads=uploads)) as client:
            client.get("/api/events")  # the reader opened once, as a first visitor does
            sent, jobs = [], []
            began = time.perf_counter()
            for n in range(count):
                start = time.perf_counter()
                answer = client.post(
                    "/api/documents",
                    params={"name": f"talks-{n}.txt"},
                    content=ARTICLE.format(n=n).encode(),
                )
                sent.append(time.perf_counter() - start)
                assert answer.status_code == 202, answer.text
                jobs.append(answer.json()["status_url"])
            reads: dict[str, list[float]] = {"/api/events": [], "/events": []}
            while True:
                for path, times in reads.items():
                    start = time.perf_counter()
                    assert client.get(path).status_code == 200
                    times.append(time.perf_counter() - start)
                states = [client.get(url).json()["state"] for url in jobs]
                if all(s in ("done", "failed") for s in states):
                    break
            drained = time.perf_counter() - began
    print(f"{count} uploads: each answered in {1000 * statistics.median(sent):.0f} ms "
          f"(median; worst {1000 * max(sent):.0f} ms); the queue coded in {drained:.1f} s, "
          f"{states.count('done')} done")  # fmt: skip
    for path, times in reads.items():
        median, worst = 1000 * statistics.median(times), 1000 * max(times)
        print(f"  GET {path:<12} meanwhile: {len(times)} answers, median {median:.0f} ms, "
              f"worst {worst:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
