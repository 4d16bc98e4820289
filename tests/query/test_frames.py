"""The Python API hands pandas and polars frames of what a filter keeps, and streams
results too large for memory in batches."""

from __future__ import annotations

import pandas as pd
import polars as pl

import parley
from tests.conftest import counted


def test_events_as_pandas_and_polars_frames(examples_db, stored):
    expected = [e["event_id"] for e in stored if counted(e) and e["source_country"] == "JPN"]
    with parley.EventDatabase(examples_db) as db:
        frame = db.events(source_country="JPN").df()
        polars = db.events(["event_id", "event_date"], source_country="JPN").pl()
        monthly = db.counts("month").df()
    assert isinstance(frame, pd.DataFrame) and list(frame["event_id"]) == expected
    assert isinstance(polars, pl.DataFrame) and polars.columns == ["event_id", "event_date"]
    assert polars.schema["event_date"] == pl.Date and polars.height == len(expected)
    assert monthly["events"].sum() == sum(1 for e in stored if counted(e))


def test_large_results_stream_in_batches(examples_db, stored):
    with parley.EventDatabase(examples_db) as db:
        reader = db.events(["event_id"], negated="include", repeats=True).to_arrow_reader(10)
        sizes = [batch.num_rows for batch in reader]
    assert max(sizes) <= 10 and sum(sizes) == len(stored) and len(sizes) > 3
