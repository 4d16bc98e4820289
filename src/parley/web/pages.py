"""The pages of `parley serve`. Each is a small HTML shell (a Jinja2 template) whose
script draws it from the JSON API, so what a page shows is what the API answers and a
page's address (its filters in the query string) can be shared or bookmarked.
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from parley.query.filters import MODALITIES

PAGES = {
    "events": "Events",
    "timeline": "Timeline",
    "network": "Network",
    "map": "Map",
}
router = APIRouter(include_in_schema=False)


def templates() -> Jinja2Templates:
    """The page templates, from the installed package."""
    return Jinja2Templates(directory=str(files("parley.web") / "templates"))


def _render(request: Request, page: str, **context: object) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        f"{page}.html",
        {
            "page": page,
            "pages": PAGES,
            "database": request.app.state.reader.path.name,
            "uploads": request.app.state.uploads is not None,
            "modalities": MODALITIES,
            **context,
        },
    )


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/events")


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request) -> HTMLResponse:
    return _render(request, "events")


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request) -> HTMLResponse:
    return _render(request, "timeline")


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request) -> HTMLResponse:
    return _render(request, "network")


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    return _render(request, "map")


@router.get("/add", response_class=HTMLResponse)
def add_page(request: Request) -> HTMLResponse:
    return _render(request, "add")


@router.get("/documents/{document_id:path}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str) -> HTMLResponse:
    return _render(request, "document", document_id=document_id)
