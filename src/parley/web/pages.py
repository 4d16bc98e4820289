"""The pages of `parley serve`. Each is a small HTML shell (a Jinja2 template) whose
script draws it from the JSON API, so what a page shows is what the API answers and a
page's address (its filters in the query string) can be shared or bookmarked.
"""

from __future__ import annotations

from collections.abc import Callable
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


def _page(page: str) -> Callable[[Request], HTMLResponse]:
    def show(request: Request) -> HTMLResponse:
        return _render(request, page)

    return show


def _add_pages() -> None:
    """A route per page; each renders its template, which draws itself from the API."""
    for page in (*PAGES, "add"):
        router.add_api_route(f"/{page}", _page(page), methods=["GET"], response_class=HTMLResponse)


_add_pages()


@router.get("/documents/{document_id:path}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str) -> HTMLResponse:
    return _render(request, "document", document_id=document_id)
