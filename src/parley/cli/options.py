"""Options shared by every command that codes (so they read the same everywhere)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from parley.config import Dictionaries, DictionaryPaths


def _files(value: str | None) -> tuple[Path, ...]:
    return tuple(Path(p.strip()) for p in value.split(",") if p.strip()) if value else ()


analyser_option = click.option(
    "--analyser",
    default="parley",
    show_default=True,
    metavar="NAME|MODULE:FACTORY",
    help="Syntactic analyser: parley's own, or a Python callable returning one.",
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


def load_dictionaries(kwargs: dict[str, Any], paths: DictionaryPaths | None = None) -> Dictionaries:
    """Pop the dictionary and analyser options and load them (`paths` if already popped)."""
    paths = paths or dictionary_paths(kwargs)
    return Dictionaries.load(paths, analyser=kwargs.pop("analyser"))


def dictionary_paths(kwargs: dict[str, Any]) -> DictionaryPaths:
    """Pop the dictionary options from a command's keyword arguments."""
    return DictionaryPaths(
        actors=_files(kwargs.pop("actors")),
        agents=_files(kwargs.pop("agents")),
        verbs=_files(kwargs.pop("verbs")),
        discards=_files(kwargs.pop("discards")),
        extra_actors=_files(kwargs.pop("extra_actors")),
    )
