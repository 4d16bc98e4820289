"""Writers that stream Arrow record batches to a file or a pipe, a batch at a time, so
that memory holds one batch whatever the number of events."""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

Progress = Callable[[int], None]  # called with the rows of each batch written


def write_lines(
    reader: pa.RecordBatchReader, sink: BinaryIO, header: str | None, progress: Progress
) -> int:
    """Batches of one text column (a line each, made by SQL) as UTF-8 lines."""
    if header is not None:
        sink.write(header.encode() + b"\n")
    rows = 0
    for batch in reader:
        lines = batch.column(0).to_pylist()
        if lines:
            sink.write(("\n".join(lines) + "\n").encode())
        rows += len(lines)
        progress(len(lines))
    return rows


def write_delimited(
    reader: pa.RecordBatchReader, sink: BinaryIO, delimiter: str, progress: Progress
) -> int:
    """CSV (or TSV) with a header; text fields quoted, quotes inside doubled (RFC 4180)."""
    options = pa_csv.WriteOptions(delimiter=delimiter, quoting_style="needed")
    rows = 0
    with pa_csv.CSVWriter(sink, reader.schema, write_options=options) as writer:
        for batch in reader:
            writer.write_batch(batch)
            rows += batch.num_rows
            progress(batch.num_rows)
    return rows


def write_parquet(reader: pa.RecordBatchReader, sink: BinaryIO, progress: Progress) -> int:
    """Parquet (zstd), one row group per few batches; types kept (dates, lists)."""
    rows = 0
    with pq.ParquetWriter(sink, reader.schema, compression="zstd") as writer:
        for batch in reader:
            writer.write_batch(batch)
            rows += batch.num_rows
            progress(batch.num_rows)
    return rows
