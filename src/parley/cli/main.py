"""Entry point of the `parley` command."""

from __future__ import annotations

import sys

import click

from parley import __version__
from parley.cli.actors import actors
from parley.cli.code import code
from parley.cli.explain import explain
from parley.cli.export import export
from parley.cli.parse import parse
from parley.cli.places import places
from parley.cli.query import query
from parley.cli.serve import serve
from parley.cli.stories import stories
from parley.cli.times import times
from parley.cli.validate import validate
from parley.errors import ParleyError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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


cli.add_command(code)
cli.add_command(actors)
cli.add_command(places)
cli.add_command(times)
cli.add_command(explain)
cli.add_command(validate)
cli.add_command(parse)
cli.add_command(stories)
cli.add_command(query)
cli.add_command(export)
cli.add_command(serve)


def main() -> None:
    """Run the CLI; a ParleyError is one line on stderr and exit status 2, not a traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("parley: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except ParleyError as exc:
        click.echo(f"parley: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("parley: interrupted", err=True)
        sys.exit(130)
