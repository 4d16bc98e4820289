"""Entry point of the `parley` command."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys

import click

from parley import __version__
from parley.errors import ParleyError

# Each command, where it lives, and its line in `parley --help`. A command's module is
# imported only when the command runs (or shows its own help): most import NumPy, DuckDB
# or the coder, and `parley --help` should not wait for all of them.
COMMANDS = {
    "code": ("parley.cli.code", "Code articles (files or folders) and store their events."),
    "actors": ("parley.cli.actors", "Show the actors in a text and how each was resolved."),
    "places": ("parley.cli.places", "Show the places in a text and where they are."),
    "times": ("parley.cli.times", "Show the time expressions in a text and their dates."),
    "explain": ("parley.cli.explain", "Show why an event was coded (or code a sentence now)."),
    "validate": ("parley.cli.validate", "Score parley against gold event, place or time data."),
    "parse": ("parley.cli.parse", "Show the syntactic analysis of a text."),
    "stories": ("parley.cli.stories", "List stories: each article with its copies."),
    "query": ("parley.cli.query", "Show or count the stored events the filters keep."),
    "export": ("parley.cli.export", "Write stored events as GDELT, ICEWS, PLOVER or tables."),
    "serve": ("parley.cli.serve", "Serve a database to a web browser on 127.0.0.1."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported when one is run, not when the group is."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = COMMANDS.get(cmd_name)
        if found is None:
            return None
        return getattr(importlib.import_module(found[0]), cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="parley")
def cli() -> None:
    """parley: political event data from raw articles.

    \b
    Example:
      parley code examples/            # code every article in a folder
      parley actors "Koizumi met Bush." --date 2004-11-20   # who is who?
      parley places "Riots in Santiago, Chile."   # which places, where?
      parley times "Riots on Monday." --date 2004-11-18   # which days?
      parley explain 3f9c0a1b2d4e5f60  # why was this event coded?
      parley validate gold.jsonl       # how accurate is it?
      parley parse "Japan accused China."  # how was a sentence read?
      parley stories                   # which documents are copies of one story?
      parley query --by dyad,month     # events per dyad per month
      parley export --format gdelt -o events.tsv   # for tools that read GDELT
      parley serve                     # look at the events in a web browser
    """


def main() -> None:
    """Run the CLI; a ParleyError is one line on stderr and exit status 2, not a traceback.
    The process then ends at once (`_leave`)."""
    try:
        cli.main(standalone_mode=False)
        status = 0
    except click.exceptions.Abort:
        click.echo("parley: interrupted", err=True)
        status = 130
    except click.ClickException as exc:
        exc.show()
        status = exc.exit_code
    except ParleyError as exc:
        click.echo(f"parley: error: {exc}", err=True)
        status = 2
    except KeyboardInterrupt:
        click.echo("parley: interrupted", err=True)
        status = 130
    except SystemExit as exc:  # a command's own exit status (1: an input was rejected)
        if exc.code is not None and not isinstance(exc.code, int):
            click.echo(str(exc.code), err=True)
        status = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    _leave(status)


def _leave(status: int) -> None:
    """End the process without tearing the interpreter down: freeing the loaded
    dictionaries, network and gazetteer object by object took 0.3-0.7 s after every
    `parley code`, longer than coding a short file. Every command has closed its files and
    database by now; the output streams are flushed here. A run that started worker
    processes or a Dask cluster leaves the ordinary way, so that nothing of theirs is cut
    short."""
    workers = sys.modules.get("multiprocessing")
    if "distributed" in sys.modules or (workers is not None and workers.active_children()):
        sys.exit(status)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`| head`)
            stream.flush()
    os._exit(status)
