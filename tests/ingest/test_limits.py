"""What one document may cost: markup too large to parse and PDFs of too many pages
are rejected before they are parsed, each with the limit and the option to change."""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF

from parley.document import Document, Rejection
from parley.ingest.discover import Source
from parley.ingest.readers import read
from parley.limits import MB, Limits


def pdf(pages: int, lines: int) -> bytes:
    """A PDF of `pages` pages, each of `lines` lines of text."""
    made = FPDF()
    made.set_font("helvetica", size=8)
    for page in range(pages):
        made.add_page()
        for line in range(lines):
            made.cell(0, 3, f"Page {page} line {line}: ministers met in the capital.")
            made.ln()
    buffer = io.BytesIO()
    made.output(buffer)
    return buffer.getvalue()


def read_as(path: Path, kind: str, limits: Limits) -> list[Document | Rejection]:
    return list(read(Source(path, kind), limits=limits))


def test_a_pdf_of_too_many_pages_is_rejected_before_its_text_is_read(tmp_path):
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf(pages=4, lines=2))
    (rejected,) = read_as(path, "pdf", Limits(pdf_pages=3))
    assert isinstance(rejected, Rejection)
    assert rejected.reason == "PDF has too many pages (4; limit 3, --max-pdf-pages)"
    (read_whole,) = read_as(path, "pdf", Limits(pdf_pages=4))
    assert isinstance(read_whole, Document) and "Page 3 line 1" in read_whole.raw


def test_a_small_pdf_with_too_many_drawing_instructions_is_rejected(tmp_path):
    path = tmp_path / "dense.pdf"
    path.write_bytes(pdf(pages=2, lines=80))  # compressed: the file is far smaller
    limit = 0.005  # MB of drawing instructions: page 1 alone holds more
    assert path.stat().st_size < 2 * limit * MB
    (rejected,) = read_as(path, "pdf", Limits(markup_mb=limit))
    assert isinstance(rejected, Rejection)
    assert rejected.reason.startswith("PDF drawing instructions too large (over 0.005 MB")
    assert "by page 1;" in rejected.reason and "--max-markup-mb" in rejected.reason
    assert isinstance(read_as(path, "pdf", Limits())[0], Document)


def test_an_html_page_too_large_to_parse_is_rejected_unparsed(tmp_path):
    path = tmp_path / "page.html"
    body = "<p>Ministers met in the capital on Monday to discuss the border.</p>" * 200
    path.write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    (rejected,) = read_as(path, "html", Limits(markup_mb=0.01))
    assert isinstance(rejected, Rejection)
    reason = "HTML page too large to parse (0.013 MB; limit 0.01 MB, --max-markup-mb)"
    assert rejected.reason == reason
    assert isinstance(read_as(path, "html", Limits())[0], Document)
