"""`parley code`: read, code and store documents; print their events."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

import click
from rich.console import Console

from parley.api import coding_stages, document_stages
from parley.atomic import atomic_text
from parley.cli.options import dictionary_options, dictionary_paths, load_dictionaries
from parley.cli.output import FORMATS, format_for, make_writer
from parley.cli.progress import RunProgress
from parley.config import Dictionaries
from parley.dates import parse_date
from parley.dedup.relink import relink
from parley.dedup.stage import DEFAULT_THRESHOLD, MemoryIndex
from parley.document import Document, Rejection
from parley.ingest.discover import discover
from parley.ingest.readers import read
from parley.limits import DEFAULT_LIMITS, Limits
from parley.pipeline import Counters, Pipeline
from parley.runners.processes import InProcesses
from parley.runners.shards import Shard, plan
from parley.runners.tasks import Settings
from parley.sanity import overreach
from parley.store.duckdb_store import DuckDBStore
from parley.tables import bundled_data

_MAX_ISSUES_SHOWN = 20


def _report_dictionary_issues(dictionaries: Dictionaries, err: Console) -> None:
    """Problems in a user's own dictionaries are shown; the bundled ones' known defects not."""
    shipped = bundled_data().resolve()
    own = [i for i in dictionaries.issues if not Path(i.path).resolve().is_relative_to(shipped)]
    for issue in own[:_MAX_ISSUES_SHOWN]:
        err.print(
            f"parley: warning: {issue} (line skipped)",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    if len(own) > _MAX_ISSUES_SHOWN:
        err.print(
            f"parley: warning: {len(own) - _MAX_ISSUES_SHOWN} more dictionary problems",
            markup=False,
            highlight=False,
        )


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--db",
    default="parley.duckdb",
    show_default=True,
    metavar="FILE",
    help="DuckDB database that keeps documents, events and rejections.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format [default: table on a terminal, else jsonl].",
)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Write events to FILE (format from --format or the extension).",
)
@click.option(
    "--date",
    "default_date",
    metavar="YYYY-MM-DD",
    help="Date for documents that carry none (resolves who held which office).",
)
@click.option(
    "--input-format",
    type=click.Choice(["auto", "txt", "pdf", "html", "jsonl", "parquet"]),
    default="auto",
    show_default=True,
    help="Read every input as this format instead of going by file extension.",
)
@click.option(
    "--db-memory",
    default="auto",
    show_default=True,
    metavar="SIZE",
    help="Memory cap for the database engine, e.g. 2GB; auto: 64 MB plus room for the "
    "document index, doubled if a write runs out.",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Re-code documents whose id is stored with different content; their copies and "
    "repeats are derived again, as in a fresh run.",
)
@click.option(
    "--dedup-threshold",
    type=click.FloatRange(0, 1),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Estimated share of five-word phrases two texts must share to be copies of one "
    "story (a PDF and its web page, a re-post); 0 groups exact copies only.",
)
@click.option(
    "--negated",
    is_flag=True,
    help="Also print negated events (`did not attack`); they are always stored, flagged.",
)
@click.option(
    "--runner",
    type=click.Choice(["local", "processes", "dask"]),
    default="local",
    show_default=True,
    help="Where documents are parsed and coded: this process; worker processes "
    "(--workers, one per core by default); or Dask tasks over shards of the input, on a "
    "local cluster or --scheduler's, writing a --parquet dataset. The same events.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    metavar="N",
    help="Worker processes for --runner processes, or of the local Dask cluster "
    "[default: the number of cores].",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="A running Dask scheduler (tcp://host:8786) for --runner dask; its workers must "
    "see the inputs and --parquet folder at the same paths [default: a local cluster on "
    "127.0.0.1].",
)
@click.option(
    "--parquet",
    "parquet_dir",
    metavar="DIR",
    help="Folder of the partitioned Parquet dataset (events, documents, stories) that "
    "--runner dask writes; a rerun into it skips the shards already done.",
)
@click.option(
    "--shard-size",
    type=click.IntRange(1),
    default=500,
    show_default=True,
    metavar="N",
    help="Documents a Dask task reads and codes (big JSON Lines and Parquet files are "
    "cut into windows of N records).",
)
@click.option(
    "--merge/--no-merge",
    default=True,
    show_default=True,
    help="With --runner dask: also merge the dataset into --db.",
)
@click.option(
    "--max-file-mb",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_LIMITS.file_mb,
    show_default=True,
    help="A .txt, .pdf or .html file over this size is rejected unread.",
)
@click.option(
    "--max-text-mb",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_LIMITS.text_mb,
    show_default=True,
    help="A document whose text is over this size (in millions of characters, about "
    "MB) is rejected.",
)
@click.option(
    "--max-sentence-words",
    type=click.IntRange(10),
    default=DEFAULT_LIMITS.sentence_words,
    show_default=True,
    help="A longer sentence (a table, a text without punctuation) is cut into pieces "
    "this long, at a comma where it can be; nothing is dropped.",
)
@dictionary_options
def code(
    paths: tuple[str, ...],
    db: str,
    fmt: str | None,
    output: str | None,
    default_date: str | None,
    input_format: str,
    db_memory: str,
    replace: bool,
    dedup_threshold: float,
    negated: bool,
    runner: str,
    workers: int | None,
    scheduler: str | None,
    parquet_dir: str | None,
    shard_size: int,
    merge: bool,
    max_file_mb: float,
    max_text_mb: float,
    max_sentence_words: int,
    **kwargs: Any,
) -> None:
    """Code the articles in PATHS (files or folders) and store them in --db.

    Reads .txt, .pdf, .html/.htm, .jsonl (one document per line: id, text, and
    optionally date, title, source, url) and .parquet (one document per row, the same
    columns). Running it again on the same inputs adds
    nothing. Copies of an article (exact, or near: a PDF and its web page, a re-post)
    form one story, and each event is counted once per story (`parley stories` lists
    them).
    Exits with 1 when an input was rejected (each one is named on stderr and stored).

    \b
    Examples:
      parley code examples/
      parley code news.jsonl --format csv -o events.csv --db news.duckdb
      parley code reports/ --actors my_actors.txt --date 2004-11-20
      parley code archive/ --runner processes --db archive.duckdb
      parley code feeds/*.jsonl --runner dask --parquet feeds-dataset/ --db feeds.duckdb
    """
    try:
        date = parse_date(default_date) if default_date else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--date") from exc
    if (runner == "dask") != bool(parquet_dir):
        hint = "--parquet" if parquet_dir else "--runner"
        raise click.BadParameter("--runner dask writes to a --parquet DIR", param_hint=hint)
    if runner == "dask" and (output or fmt):
        raise click.BadParameter(
            "--runner dask writes its events to --parquet DIR (and --db); "
            "read them with parley query or parley export",
            param_hint="-o/--format",
        )
    err = Console(stderr=True)
    files = dictionary_paths(kwargs)
    analyser = kwargs["analyser"]
    dictionaries = load_dictionaries(kwargs, files)
    _report_dictionary_issues(dictionaries, err)
    if files.custom:
        for warning in overreach(dictionaries):  # a user's own files: worth 0.3 s to check
            err.print(f"parley: warning: {warning}", markup=False, highlight=False, soft_wrap=True)
    count = workers or os.cpu_count() or 1
    kind = None if input_format == "auto" else input_format
    limits = Limits(max_file_mb, max_text_mb, max_sentence_words)
    if runner == "dask":
        settings = Settings(files.absolute(), analyser, date, dedup_threshold, replace, limits)
        shards = plan(paths, kind, shard_size)
        target = DuckDBStore(db, memory_limit=db_memory) if merge else None
        counters = _code_on_dask(
            shards, settings, Path(parquet_dir or ""), target, scheduler, count, err, dictionaries
        )
        if counters.rejected:
            sys.exit(1)
        return
    stdout_tty = sys.stdout.isatty()
    fmt = format_for(fmt, output, stdout_tty and not output, ("jsonl", "csv", "tsv"))
    with ExitStack() as stack:
        stream: IO[str] = sys.stdout
        if output:
            try:
                # whole or not at all: under its name only once the run ends (parley.atomic)
                stream = stack.enter_context(atomic_text(output, newline=""))
            except OSError as exc:
                raise click.BadParameter(f"{output}: {exc.strerror}", param_hint="-o") from exc
        screen = err if not (fmt == "table" and stream is sys.stdout) else Console()
        table_console = Console(file=stream, width=140) if stream is not sys.stdout else screen
        writer = make_writer(fmt, stream, table_console, negated)
        store = stack.enter_context(DuckDBStore(db, memory_limit=db_memory))

        def reject(rejection: Rejection) -> None:
            store.add_rejection(rejection)
            _say_rejected(screen, rejection)

        per_document = None
        if runner == "processes":
            per_document = [stack.enter_context(InProcesses(files, analyser, count, limits))]
        stages = [
            *coding_stages(
                dictionaries,
                store,
                date,
                replace,
                threshold=dedup_threshold,
                per_document=per_document,
                limits=limits,
            ),
            store,
        ]
        pipeline = Pipeline(stages, on_reject=reject)
        if per_document:
            pipeline.wave *= count  # a wave's worth of documents for each worker
        show = screen.is_terminal
        total = sum(1 for _ in discover(paths, kind)) if show else None
        files_done = 0

        def items() -> Iterator[Document | Rejection]:
            nonlocal files_done
            for source in discover(paths, kind):
                yield from read(source, limits=limits)
                files_done += 1

        with RunProgress(screen, total, show) as progress:
            for result in pipeline.run(items()):
                if isinstance(result, Document):
                    writer.write(result)
                progress.update(files_done, pipeline.counters)
        relinked = _relink(store, dictionaries, limits, dedup_threshold, reject)
        if pipeline.counters.undated:
            err.print(_undated(pipeline.counters), markup=False, highlight=False, soft_wrap=True)
        if show:
            screen.print(_summary(pipeline.counters, db), highlight=False)
            if relinked:
                screen.print(relinked, highlight=False)
    if pipeline.counters.rejected:
        sys.exit(1)


def _relink(
    store: DuckDBStore,
    dictionaries: Dictionaries,
    limits: Limits,
    threshold: float,
    on_reject: Callable[[Rejection], None],
) -> str:
    """After documents were replaced (`--replace`, or a run killed before it got
    here): re-derive the copies and repeats they fed (`parley.dedup.relink`); what was
    done, in a line, or nothing."""
    if not store.replaced:
        return ""
    recode = Pipeline(document_stages(dictionaries, limits), on_reject=on_reject)
    relinked = relink(store, recode.process_wave, threshold)
    return (
        f"replaced documents relinked: {len(relinked.documents)} documents stored again, "
        f"the events of {relinked.stories} stories counted again"
    )


def _say_rejected(console: Console, rejection: Rejection) -> None:
    """A rejection's one line, red on a terminal."""
    console.print(
        f"parley: {rejection.message()}",
        markup=False,
        highlight=False,
        soft_wrap=True,
        style="red" if console.is_terminal else None,
    )


def _undated(c: Counters) -> str:
    """The run's one warning about documents that carried no date (not one a document:
    a scraped corpus may have thousands)."""
    left = c.undated - c.inferred
    return (
        f"parley: warning: {c.undated} document{'s' * (c.undated != 1)} had no date: "
        f"{c.inferred} dated from their "
        f"text (date_source 'inferred'), {left} left undated "
        "(offices resolved as of today); give --date to set one"
    )


def _summary(c: Counters, where: str) -> str:
    return (
        f"{c.coded} coded ({c.near_copies} near copies), {c.copies} exact copies, "
        f"{c.unchanged} unchanged, "
        f"{c.rejected} rejected · {c.sentences} sentences · {c.events} events → {where}"
    )


def _code_on_dask(
    shards: list[Shard],
    settings: Settings,
    out: Path,
    store: DuckDBStore | None,
    scheduler: str | None,
    workers: int,
    err: Console,
    dictionaries: Dictionaries,
) -> Counters:
    """Code the shards on Dask; rejections and the summary on stderr, as `code` does."""
    # Dask and distributed take a fifth of a second to import: only runs on Dask pay it
    from parley.runners.cluster import DaskRun, connect

    relinked = ""
    with ExitStack() as stack:
        if store is not None:
            stack.enter_context(store)
        client = stack.enter_context(connect(scheduler, workers))
        index = store if store is not None else MemoryIndex()
        say = functools.partial(_say_rejected, err)  # the dataset records them
        with RunProgress(err, len(shards), err.is_terminal, unit="shards") as progress:
            run = DaskRun(client, settings, out, index, store, say, progress.update)
            counters = run.run(shards)
        if store is not None:

            def reject(rejection: Rejection) -> None:
                store.add_rejection(rejection)
                say(rejection)

            relinked = _relink(store, dictionaries, settings.limits, settings.threshold, reject)
    where = f"{out}" + (f" and {store.path}" if store is not None else "")
    if err.is_terminal:
        err.print(_summary(counters, where), highlight=False)
        if relinked:
            err.print(relinked, highlight=False)
    return counters
