"""The web app of `parley serve`: the JSON API (`parley.web.api`), the pages that draw
it (`parley.web.pages`) and their scripts and styles, served by the app itself so that
it works with no network: no CDN, no build step, no downloads.

With a token (needed to listen beyond this machine), every route but the static files
asks for it: an `Authorization: Bearer` header, or the `parley_token` cookie that
opening any page with `?token=...` sets.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from parley.config import Dictionaries
from parley.query.database import READ_MEMORY_LIMIT
from parley.web.api import Reader
from parley.web.api import router as api_router
from parley.web.pages import router as page_router
from parley.web.pages import templates
from parley.web.uploads import Uploads

TOKEN_COOKIE = "parley_token"


def create_app(
    path: str | Path,
    memory_limit: str = READ_MEMORY_LIMIT,
    uploads: Uploads | None = None,
    token: str | None = None,
    hosts: Sequence[str] = (),
    dictionaries: Callable[[], Dictionaries] = Dictionaries.load,
) -> FastAPI:
    """The app over the database at `path`, opened read-only while requests come;
    `uploads` lets the page add documents (None: read-only). With `hosts`, a
    request naming another host is refused: a web page elsewhere that points a name of
    its own at 127.0.0.1 (DNS rebinding) cannot read the events. A document's places
    and times are found again from its text, with the uploads' dictionaries or else
    `dictionaries`, loaded when first asked for."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.reader.close()

    app = FastAPI(
        title="parley",
        summary="Political event data coded from your articles: query, explain, check.",
        version="1",
        lifespan=lifespan,
    )
    app.state.reader = Reader(path, memory_limit)
    app.state.uploads = uploads
    app.state.dictionaries = uploads.dictionaries if uploads else _once(dictionaries)
    app.state.templates = templates()
    app.include_router(api_router)
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=str(files("parley.web") / "static")), "static")
    if token:
        _require(app, token)
    _same_origin_writes(app)
    if hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))
    return app


def _once(load: Callable[[], Dictionaries]) -> Callable[[], Dictionaries]:
    """`load`, run at the first call only (a few seconds), one request at a time."""
    loaded: list[Dictionaries] = []
    lock = threading.Lock()

    def get() -> Dictionaries:
        with lock:
            if not loaded:
                loaded.append(load())
            return loaded[0]

    return get


def _same_origin_writes(app: FastAPI) -> None:
    """Refuse a POST sent by another site's page (its browser names that site in
    `Origin`): a page on the web must not add documents to a server on this machine."""

    @app.middleware("http")
    async def check_origin(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        origin = request.headers.get("origin")
        writes = request.method not in ("GET", "HEAD", "OPTIONS")
        if writes and origin and urlsplit(origin).netloc != request.headers.get("host"):
            return JSONResponse(
                {"detail": f"a request from {origin} cannot change this database"},
                status_code=403,
            )
        return await call_next(request)


def _require(app: FastAPI, token: str) -> None:
    """Ask every request but the static files for `token`."""

    @app.middleware("http")
    async def check_token(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.url.path.startswith("/static/"):
            return await call_next(request)
        header = request.headers.get("authorization", "")
        given = request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE)
        given = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else given
        if not given or not hmac.compare_digest(given.encode(), token.encode()):
            return JSONResponse(
                {"detail": "this server needs its token: open the address `parley serve` printed"},
                status_code=401,
            )
        response = await call_next(request)
        if request.query_params.get("token"):
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        return response
