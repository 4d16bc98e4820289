"""`parley serve`: the web app over a database, on this machine unless asked otherwise."""

from __future__ import annotations

import secrets
import socket
from pathlib import Path
from typing import Any

import click

from parley.cli.options import db_option, dictionary_options, dictionary_paths, memory_option
from parley.config import Dictionaries, DictionaryPaths
from parley.errors import ParleyError
from parley.store.duckdb_store import DuckDBStore
from parley.web.uploads import DEFAULT_LIMIT_MB, Uploads

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--token",
    envvar="PARLEY_TOKEN",
    metavar="TEXT",
    help="Ask every request for this token (env PARLEY_TOKEN); needed with a --host other "
    "than this machine's. `--token new` makes one up.",
)
@click.option(
    "--read-only", is_flag=True, help="No adding documents from the page; --db is not written."
)
@click.option(
    "--upload-limit",
    type=click.IntRange(1, 1024),
    default=DEFAULT_LIMIT_MB,
    show_default=True,
    metavar="MB",
    help="Largest file the page accepts.",
)
@memory_option
@dictionary_options
def serve(
    db: str,
    host: str,
    port: int,
    token: str | None,
    read_only: bool,
    upload_limit: int,
    memory_limit: str,
    **kwargs: Any,
) -> None:
    """Serve --db to a web browser: pages of events (filtered, sorted), a timeline of
    cooperation and conflict, a network of actors, a map, each document with its events
    marked and explained, and a page to add .txt/.pdf/.html files (coded as `parley
    code` does, with the same dictionary options, one file at a time after the upload
    answers). The JSON API is described at /openapi.json.

    It listens on this machine only (127.0.0.1). Listening on another address needs
    --token; give it to those who may read and add. While it runs, `parley query` and
    `parley export` can read --db and `parley code` can write to it (the pages show
    what a run has stored so far).

    \b
    Examples:
      parley serve --db parley.duckdb            # then open http://127.0.0.1:8000
      parley serve --db parley.duckdb --read-only --port 8080
      parley serve --db team.duckdb --host 0.0.0.0 --token new
    """
    import uvicorn  # the server is only needed here

    from parley.web.app import create_app

    if token == "new":
        token = secrets.token_urlsafe(24)
    if host not in LOOPBACK and not token:
        raise ParleyError(
            f"--host {host}: serving beyond this machine needs --token (see docs/serve.md)"
        )
    _check_free(host, port)
    files, analyser = dictionary_paths(kwargs), kwargs["analyser"]
    uploads = None
    if not read_only:
        if not Path(db).exists():
            DuckDBStore(db).close()  # an empty database, to add documents to
        uploads = Uploads(lambda: Dictionaries.load(files, analyser=analyser), upload_limit)
        if files != DictionaryPaths():
            uploads.dictionaries()  # a user's own files: their mistakes show now, not later
    # On loopback without a token, requests must name this machine (see create_app).
    hosts = (*LOOPBACK, "[::1]") if host in LOOPBACK and not token else ()
    app = create_app(db, memory_limit, uploads, token, hosts)
    shown = "[::1]" if host == "::1" else host
    address = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    click.echo(f"parley: serving {db} at {address} (Ctrl+C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _check_free(host: str, port: int) -> None:
    """A port in use is a one-line error, before the dictionaries or database load."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise ParleyError(
                f"cannot listen on {host}:{port} ({exc.strerror}; another server? try --port)"
            ) from exc
