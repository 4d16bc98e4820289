"""The web app of `parley serve`: the JSON API (`parley.web.api`), the pages that draw
it (`parley.web.pages`) and their scripts and styles, served by the app itself so that
it works with no network: no CDN, no build step, no downloads. Every answer carries a
content security policy that lets a page load this server's files only (no inline
script or style), and forbids sniffing types, framing the pages and sending their
address on to the sites they link to. FastAPI's try-it pages (`/docs`, `/redoc`) are
off, as they load their scripts from a CDN; the schema stays at `/openapi.json`.

With a token (needed to listen beyond this machine), every route but the static files
asks for it: an `Authorization: Bearer` header, or the `parley_token` cookie that
opening any page with `?token=...` sets.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from parley.config import Dictionaries
from parley.query.database import READ_MEMORY_LIMIT
from parley.web.api import Reader
from parley.web.api import router as api_router
from parley.web.jobs import Jobs
from parley.web.pages import router as page_router
from parley.web.pages import templates
from parley.web.uploads import Uploads

TOKEN_COOKIE = "parley_token"
# The pages load their scripts, styles, map and data from this server only; scripts set
# styles through the DOM (`element.style`), which the policy allows, not as attributes.
CONTENT_POLICY = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    ("content-security-policy", CONTENT_POLICY),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
)


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
        if app.state.jobs is not None:
            app.state.jobs.close()
        app.state.reader.close()

    app = FastAPI(
        title="parley",
        summary="Political event data coded from your articles: query, explain, check.",
        version="1",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.reader = Reader(path, memory_limit)
    app.state.uploads = uploads
    app.state.jobs = Jobs(uploads, app.state.reader) if uploads else None
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
    app.add_middleware(SecurityHeaders)  # the last added is the outermost: on every answer
    return app


@dataclass(slots=True)
class SecurityHeaders:
    """Middleware: SECURITY_HEADERS on every answer (pages, API, static files, and the
    refusals of the middleware inside it), so that a page of this server runs only its
    own scripts, cannot be framed by another site, and leaks no address it links to."""

    app: ASGIApp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS:
                    headers[key] = value
            await send(message)

        await self.app(scope, receive, send_guarded)


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
