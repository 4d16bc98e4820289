"""Options shared by several commands (so they read the same everywhere): dictionaries
for those that code, event filters for those that read a database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

import click

from parley.config import Dictionaries, DictionaryPaths
from parley.events.rules import RuleSet
from parley.query.database import READ_MEMORY_LIMIT
from parley.query.filters import DATE_FIELDS, MODALITIES, NEGATED, EventFilter


def _files(value: str | None) -> tuple[Path, ...]:
    return tuple(Path(p.strip()) for p in value.split(",") if p.strip()) if value else ()


analyser_option = click.option(
    "--analyser",
    default="parley",
    show_default=True,
    metavar="NAME|MODULE:FACTORY",
    help="Syntactic analyser: parley's own (int8), parley-float32 (the same network "
    "unquantised, half the speed), or a Python callable returning one.",
)
"""`--analyser` (see docs/syntax.md), on every command that analyses sentences."""


def dictionary_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--actors/--agents/--verbs/--discards/--extra-actors` (see docs/dictionaries.md)
    and `--analyser`."""
    options = [
        click.option(
            "--actors",
            metavar="FILE[,FILE...]",
            help="Actor dictionaries (parley or PETRARCH format) instead of the bundled ones.",
        ),
        click.option(
            "--agents",
            metavar="FILE[,FILE...]",
            help="Agent dictionary (parley or PETRARCH format) instead of the bundled one.",
        ),
        click.option(
            "--verbs",
            metavar="FILE[,FILE...]",
            help="Verb dictionary (PETRARCH format) instead of the bundled CAMEO one.",
        ),
        click.option(
            "--discards", metavar="FILE[,FILE...]", help="Discard list instead of the bundled one."
        ),
        analyser_option,
        click.option(
            "--extra-actors",
            metavar="FILE[,FILE...]",
            help=(
                "Dictionary files read after all others, to add or override a few entries "
                "(a parley-format file may mix actors, agents and discards)."
            ),
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def load_dictionaries(
    kwargs: dict[str, Any], paths: DictionaryPaths | None = None, rules: RuleSet | None = None
) -> Dictionaries:
    """Pop the dictionary and analyser options and load them (`paths` if already popped),
    the coder reading with `rules` (all by default)."""
    paths = paths or dictionary_paths(kwargs)
    return Dictionaries.load(paths, analyser=kwargs.pop("analyser"), rules=rules)


def dictionary_paths(kwargs: dict[str, Any]) -> DictionaryPaths:
    """Pop the dictionary options from a command's keyword arguments."""
    return DictionaryPaths(
        actors=_files(kwargs.pop("actors")),
        agents=_files(kwargs.pop("agents")),
        verbs=_files(kwargs.pop("verbs")),
        discards=_files(kwargs.pop("discards")),
        extra_actors=_files(kwargs.pop("extra_actors")),
    )


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The event filters of `parley query` and `parley export` (parley.query.filters)."""
    codes = "CODE[,CODE...]"
    options = [
        click.option(
            "--actor", metavar=codes, help="Source or target code starts with (USA: USAGOV too)."
        ),
        click.option("--source", metavar=codes, help="Source actor code starts with."),
        click.option("--target", metavar=codes, help="Target actor code starts with."),
        click.option(
            "--country", metavar="ISO[,ISO...]", help="Source or target country (ISO alpha-3)."
        ),
        click.option("--source-country", metavar="ISO[,ISO...]", help="Source country."),
        click.option("--target-country", metavar="ISO[,ISO...]", help="Target country."),
        click.option(
            "--located-in", metavar="ISO[,ISO...]", help="Country where the event took place."
        ),
        click.option("--code", metavar=codes, help="CAMEO code or prefix: 04 (root), 043, 0431."),
        click.option(
            "--plover", metavar="TYPE[,TYPE...]", help="PLOVER event type (CONSULT, ACCUSE...)."
        ),
        click.option(
            "--quad",
            "quad_class",
            metavar="N[,N...]",
            help="Quad class 1-4 (verbal/material cooperation, verbal/material conflict).",
        ),
        click.option("--since", metavar="DATE", help="On or after this date."),
        click.option("--until", metavar="DATE", help="On or before this date."),
        click.option(
            "--date-of",
            type=click.Choice(DATE_FIELDS),
            default="event",
            show_default=True,
            help="Which date --since, --until and time groups read.",
        ),
        click.option(
            "--precision",
            metavar="P[,P...]",
            help="Only events dated to the day, week, month or year.",
        ),
        click.option("--modality", metavar="M[,M...]", help=f"One of {', '.join(MODALITIES)}."),
        click.option(
            "--negated",
            type=click.Choice(NEGATED),
            default="exclude",
            show_default=True,
            help="Events said not to have happened.",
        ),
        click.option(
            "--repeats", is_flag=True, help="Also the repeats of an event in copies of its story."
        ),
        click.option(
            "--story", multiple=True, metavar="ID", help="Events of this story (repeatable)."
        ),
        click.option(
            "--document", multiple=True, metavar="ID", help="Events of this document (repeatable)."
        ),
        click.option(
            "--text",
            multiple=True,
            metavar="PHRASE",
            help="Sentence contains the phrase, any case (repeatable: all must).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def event_filter(kwargs: dict[str, Any]) -> EventFilter:
    """Pop the filter options (named as EventFilter's fields) from a command's keyword
    arguments and check them."""
    names = [field.name for field in fields(EventFilter)]
    return EventFilter.of(**{name: kwargs.pop(name) or None for name in names})


db_option = click.option(
    "--db",
    default="parley.duckdb",
    show_default=True,
    metavar="FILE",
    help="Database written by `parley code`.",
)
"""`--db` of the commands that read a database."""
memory_option = click.option(
    "--memory-limit",
    default=READ_MEMORY_LIMIT,
    show_default=True,
    metavar="SIZE",
    help="Cap on the database engine's memory (e.g. 128MB, 2GB).",
)
"""`--memory-limit` of the commands that read a database (parley.query.database)."""
