"""`parley serve`: the web app over a database, on this machine only."""

from __future__ import annotations

import click

from parley.cli.options import db_option, memory_option
from parley.errors import ParleyError
from parley.query.database import EventDatabase

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@memory_option
def serve(db: str, host: str, port: int, memory_limit: str) -> None:
    """Serve --db to a web browser on this machine: a JSON API over the events (filters,
    counts, one event, one document with its spans), described at /docs and
    /openapi.json. It listens on the loopback address only.

    \b
    Example:
      parley serve --db parley.duckdb --port 8000    # then open http://127.0.0.1:8000/docs
    """
    import uvicorn  # the server is only needed here

    from parley.web.api import create_app

    if host not in LOOPBACK:
        raise ParleyError(f"--host {host}: parley serves this machine only ({', '.join(LOOPBACK)})")
    with EventDatabase(db, memory_limit=memory_limit) as database:
        uvicorn.run(create_app(database), host=host, port=port, log_level="warning")
