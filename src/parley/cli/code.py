"""`parley code`: read, code and store documents; print their events."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

import click
from rich.console import Console

from parley.atomic import atomic_text
from parley.cli.options import dictionary_options, dictionary_paths, load_dictionaries
from parley.cli.output import FORMATS, format_for, make_writer
from parley.cli.progress import RunProgress
from parley.coding import Settings, code_files
from parley.config import Dictionaries
from parley.dates import parse_date
from parley.dedup.stage import DEFAULT_THRESHOLD
from parley.document import Document, Rejection
from parley.limits import DEFAULT_LIMITS, Limits
from parley.pipeline import Counters
from parley.query.stored import stored_documents
from parley.sanity import overreach
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


def _megabytes(name: str, default: float, text: str) -> Callable[[Any], Any]:
    """A size limit's option: a positive number of MB, its default shown."""
    size = click.FloatRange(min=0, min_open=True)
    return click.option(name, type=size, default=default, show_default=True, help=text)


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
    "--all",
    "every",
    is_flag=True,
    help="Also print the stored events of inputs an earlier run coded (after this run's); "
    "without it, a re-run prints only what is new.",
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
@_megabytes(
    "--max-file-mb",
    DEFAULT_LIMITS.file_mb,
    "A .txt, .pdf or .html file over this size is rejected unread.",
)
@_megabytes(
    "--max-text-mb",
    DEFAULT_LIMITS.text_mb,
    "A document whose text is over this size (in millions of characters, about MB) is "
    "rejected.",
)
@_megabytes(
    "--max-markup-mb",
    DEFAULT_LIMITS.markup_mb,
    "An HTML page over this size, or a PDF whose drawing instructions (decompressed) are, "
    "is rejected before it is parsed.",
)
@click.option(
    "--max-pdf-pages",
    type=click.IntRange(1),
    default=DEFAULT_LIMITS.pdf_pages,
    show_default=True,
    help="A PDF with more pages is rejected before its text is read.",
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
    every: bool,
    runner: str,
    workers: int | None,
    scheduler: str | None,
    parquet_dir: str | None,
    shard_size: int,
    merge: bool,
    max_file_mb: float,
    max_text_mb: float,
    max_markup_mb: float,
    max_pdf_pages: int,
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
    if runner == "dask" and (output or fmt or every):
        raise click.BadParameter(
            "--runner dask writes its events to --parquet DIR (and --db); "
            "read them with parley query or parley export",
            param_hint="-o/--format/--all",
        )
    err = Console(stderr=True)
    files = dictionary_paths(kwargs)
    analyser = kwargs["analyser"]
    dictionaries = load_dictionaries(kwargs, files)
    _report_dictionary_issues(dictionaries, err)
    if files.custom:
        for warning in overreach(dictionaries):  # a user's own files: worth 0.3 s to check
            err.print(f"parley: warning: {warning}", markup=False, highlight=False, soft_wrap=True)
    kind = None if input_format == "auto" else input_format
    limits = Limits(max_file_mb, max_text_mb, max_sentence_words, max_markup_mb, max_pdf_pages)
    settings = Settings(files, analyser, date, dedup_threshold, replace, limits)
    with ExitStack() as stack:
        screen, writer = err, None
        if runner != "dask":
            stdout_tty = sys.stdout.isatty()
            fmt = format_for(fmt, output, stdout_tty and not output, ("jsonl", "csv", "tsv"))
            stream: IO[str] = sys.stdout
            if output:
                try:
                    # whole or not at all: under its name only once the run ends
                    stream = stack.enter_context(atomic_text(output, newline=""))
                except OSError as exc:
                    raise click.BadParameter(f"{output}: {exc.strerror}", param_hint="-o") from exc
            screen = err if not (fmt == "table" and stream is sys.stdout) else Console()
            shown = Console(file=stream, width=140) if stream is not sys.stdout else screen
            writer = make_writer(fmt, stream, shown, negated)
        show = screen.is_terminal
        unit = "shards" if runner == "dask" else "files"
        unchanged: list[str] = []
        with RunProgress(screen, None, show, unit=unit) as progress:
            report = code_files(
                paths, db, settings=settings, dictionaries=dictionaries, runner=runner,
                workers=workers or os.cpu_count() or 1, input_format=kind,
                db_memory=db_memory, parquet=parquet_dir, scheduler=scheduler,
                shard_size=shard_size, merge=merge,
                on_document=writer.write if writer is not None else _nothing,
                on_rejection=functools.partial(_say_rejected, screen),
                on_unchanged=lambda doc: unchanged.append(doc.id),
                **({"on_progress": progress.update} if show else {}),
            )
        if every and writer is not None:
            for doc in stored_documents(db, unchanged):
                writer.write(doc)
    counters = report.counters
    if counters.unchanged and not every and writer is not None:
        err.print(_unchanged(counters, db), markup=False, highlight=False, soft_wrap=True)
    if counters.undated:
        err.print(_undated(counters), markup=False, highlight=False, soft_wrap=True)
    if show:
        screen.print(_summary(counters, report.where, negated), highlight=False)
        if report.skipped:
            screen.print(_skipped(report.skipped), markup=False, highlight=False, soft_wrap=True)
        if report.relinked_documents or report.relinked_stories:
            screen.print(
                f"replaced documents relinked: {report.relinked_documents} documents stored "
                f"again, the events of {report.relinked_stories} stories counted again",
                highlight=False,
            )
    if report.failed:
        sys.exit(1)


def _nothing(_: Document) -> None:
    """What a run that writes its events elsewhere (`--parquet`) does with a document."""


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


def _skipped(paths: list[str]) -> str:
    """The one note on files of other types that the folders given held."""
    shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
    return (
        f"{len(paths)} file{'s' * (len(paths) != 1)} of other types passed over ({shown}); "
        "--input-format reads every file as one kind"
    )


def _unchanged(c: Counters, db: str) -> str:
    """Why a re-run printed nothing (or less than the first): its documents are stored."""
    new = c.documents - c.unchanged
    return (
        f"parley: note: {new} new document{'s' * (new != 1)}, {c.unchanged} already stored "
        f"in {db} "
        "and not printed again (--all prints their events too)"
    )


def _summary(c: Counters, where: str, printed_negated: bool) -> str:
    """The run's counts; of its events, those said not to have happened are only stored
    unless asked for, so the count says how many of them the printed ones leave out."""
    left_out = c.negated and not printed_negated
    negated = f" ({c.negated} negated, not printed: --negated)" if left_out else ""
    return (
        f"{c.coded} coded ({c.near_copies} near copies), {c.copies} exact copies, "
        f"{c.unchanged} unchanged, {c.rejected} rejected · {c.sentences} sentences · "
        f"{c.events} events{negated} → {where}"
    )
