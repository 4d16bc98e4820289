"""Readers: one input file → Documents (one, or one per JSON Lines record or Parquet row).

Every problem with one input becomes a `Rejection` naming the file (and line, for JSON
Lines) and the reason, so the run can go on with the other documents.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from parley.dates import parse_date
from parley.document import Document, Rejection
from parley.errors import RejectDocument, one_line
from parley.ingest.discover import Source
from parley.ingest.encoding import decode_bytes
from parley.limits import DEFAULT_LIMITS, MB, Limits

_TOO_DEEP = "JSON nested too deeply (Python's JSON reader takes about 1,000 levels at most)"
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_TEXT_FIELDS = ("raw", "title", "author", "affiliation", "source", "url")


def _read_bytes(path: Path, limits: Limits) -> bytes:
    try:
        size = path.stat().st_size
        if size > limits.file_bytes:
            raise RejectDocument(
                f"file too large ({size / MB:.3g} MB; limit {limits.file_mb:g} MB, --max-file-mb)"
            )
        return path.read_bytes()
    except PermissionError as exc:
        raise RejectDocument("cannot read file (permission denied)") from exc
    except OSError as exc:
        raise RejectDocument(f"cannot read file ({exc.strerror or exc})") from exc


def decode_text(data: bytes) -> str:
    """Text of a file's bytes (see `parley.ingest.encoding`)."""
    return decode_bytes(data).text


def _not_empty(text: str) -> str:
    if not text.strip():
        raise RejectDocument("empty file (no text)")
    return text


def read_txt(source: Source, limits: Limits) -> Iterator[Document]:
    text = _not_empty(decode_text(_read_bytes(source.path, limits)))
    yield Document(id=source.origin, origin=source.origin, format="txt", raw=text)


def _page_text(page: Any) -> str:
    """A page's text with a blank line wherever the vertical gap marks a new paragraph.

    pypdf's plain extraction loses the extra space between paragraphs; the positions of
    the text fragments keep it, so lines are rebuilt from them.
    """
    # y and the line's pieces, joined once: a line of many thousand fragments added to
    # a string one at a time is copied again for each
    lines: list[tuple[float, list[str]]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        y = tm[5] * cm[3] + cm[5]
        for i, piece in enumerate(text.split("\n")):
            if i or not lines or abs(lines[-1][0] - y) > 1.0:
                if piece.strip() or i == 0:
                    lines.append((y, [piece]))
            else:
                lines[-1][1].append(piece)

    page.extract_text(visitor_text=visit)
    joined = [(y, "".join(pieces)) for y, pieces in lines]
    rows = [(y, text.rstrip()) for y, text in joined if text.strip()]
    gaps = sorted(abs(a[0] - b[0]) for a, b in itertools.pairwise(rows) if a[0] != b[0])
    usual = gaps[len(gaps) // 2] if gaps else 0.0
    out: list[str] = []
    for i, (y, text) in enumerate(rows):
        if i and usual and abs(rows[i - 1][0] - y) > 1.6 * usual:
            out.append("")
        out.append(text)
    return "\n".join(out)


def read_pdf(source: Source, limits: Limits) -> Iterator[Document]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    data = _read_bytes(source.path, limits)
    if not data.startswith(b"%PDF"):
        raise RejectDocument("not a PDF file (no %PDF header)")
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise RejectDocument("encrypted PDF (cannot extract text)")
        _within_markup(reader, limits)
        pages = [_page_text(page) for page in reader.pages]
        meta = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise RejectDocument(f"unreadable PDF ({exc})") from exc
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise RejectDocument("PDF has no text layer (image-only or empty)")
    doc = Document(id=source.origin, origin=source.origin, format="pdf", raw=text)
    if meta is not None:
        doc.title = (meta.title or "").strip() or None
        doc.author = (meta.author or "").strip() or None
        created = meta.creation_date if "/CreationDate" in meta else None
        if isinstance(created, dt.datetime):
            doc.date, doc.date_source = created.date(), "pdf metadata"
    yield doc


def _within_markup(reader: Any, limits: Limits) -> None:
    """Refuse a PDF whose pages, or whose drawing instructions, are too many to read in
    bounded time: a 30 kB file can inflate to 10 MB of them, which took minutes."""
    count = len(reader.pages)
    if count > limits.pdf_pages:
        raise RejectDocument(
            f"PDF has too many pages ({count}; limit {limits.pdf_pages}, --max-pdf-pages)"
        )
    size = 0
    for number, page in enumerate(reader.pages, start=1):
        contents = page.get_contents()
        size += len(contents.get_data()) if contents is not None else 0
        if size > limits.markup_bytes:
            raise RejectDocument(
                f"PDF drawing instructions too large (over {limits.markup_mb:g} MB "
                f"decompressed by page {number}; limit --max-markup-mb)"
            )


def read_html(source: Source, limits: Limits) -> Iterator[Document]:
    import trafilatura

    data = _read_bytes(source.path, limits)
    if len(data) > limits.markup_bytes:
        raise RejectDocument(
            f"HTML page too large to parse ({len(data) / MB:.3g} MB; limit "
            f"{limits.markup_mb:g} MB, --max-markup-mb)"
        )
    html = decode_text(data)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    result = trafilatura.bare_extraction(
        html,
        include_comments=False,
        favor_precision=True,
        with_metadata=True,
        output_format="python",
    )
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise RejectDocument("no article text found in the HTML page")
    doc = Document(id=source.origin, origin=source.origin, format="html", raw=text)
    doc.title = getattr(result, "title", None) or None
    doc.author = getattr(result, "author", None) or None
    doc.source = getattr(result, "sitename", None) or None
    doc.url = getattr(result, "url", None) or None
    published = getattr(result, "date", None)
    if published:
        try:
            doc.date, doc.date_source = parse_date(published), "metadata"
        except ValueError:
            doc.date = None
    yield doc


def _record(source: Source, number: int, line: str) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise ValueError("a record must be a JSON object")
    return _from_record(source, number, record, "jsonl")


def _from_record(source: Source, number: int, record: dict[str, Any], kind: str) -> Document:
    """A document from one JSON Lines or Parquet record: id, text, and optionally date,
    title, source, url, author."""
    ident, text = record.get("id"), record.get("text")
    if ident is None or str(ident).strip() == "":
        raise ValueError("missing 'id'")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("missing or empty 'text'")
    doc = Document(id=str(ident), origin=f"{source.origin}:{number}", format=kind, raw=text)
    date = record.get("date")
    if isinstance(date, dt.date):
        doc.date, doc.date_source = date, "metadata"
    elif date not in (None, ""):
        doc.date, doc.date_source = parse_date(str(date)), "metadata"
    for name in ("title", "source", "url", "author"):
        value = record.get(name)
        if value is not None:
            setattr(doc, name, str(value))
    return doc


@dataclass(slots=True, frozen=True)
class Window:
    """Part of a big JSON Lines or Parquet file, so that shards of one file can be read
    on different machines (`parley.runners.shards`). JSON Lines: `count` lines from byte
    offset `start`, the first being line `first`. Parquet: `count` row groups from row
    group `start`, the first row being row `first`."""

    start: int
    first: int
    count: int


def _numbered(source: Source, window: Window | None) -> Iterator[tuple[int, bytes]]:
    """(line number, line) of a JSON Lines file, or of its window."""
    try:
        handle = source.path.open("rb")
    except OSError as exc:
        raise RejectDocument(f"cannot read file ({exc.strerror or exc})") from exc
    with handle:
        if window is None:
            yield from enumerate(handle, start=1)
            return
        handle.seek(window.start)
        yield from zip(range(window.first, window.first + window.count), handle, strict=False)


def read_jsonl(source: Source, window: Window | None = None) -> Iterator[Document | Rejection]:
    """One document per line, streamed; a bad line is rejected alone, the others go on."""
    seen = False
    for number, raw in _numbered(source, window):
        if not raw.strip():
            continue
        seen = True
        try:
            yield _record(source, number, decode_text(raw))
        except RejectDocument as exc:
            yield Rejection(f"{source.origin}:{number}", exc.reason, "read")
        except ValueError as exc:
            yield Rejection(f"{source.origin}:{number}", str(exc), "read")
        except RecursionError:
            # Python's JSON reader recurses once a level (and `str` of what it read):
            # uncaught, the error would end this generator, and the lines after go unread.
            yield Rejection(f"{source.origin}:{number}", _TOO_DEEP, "read")
    if not seen and window is None:
        raise RejectDocument("empty file (no records)")


def read_parquet(source: Source, window: Window | None = None) -> Iterator[Document | Rejection]:
    """One document per row (columns as in JSON Lines: id, text, and optionally date,
    title, source, url, author), a row group at a time; a bad row is rejected alone."""
    try:
        parquet = pq.ParquetFile(source.path)
    except OSError as exc:
        raise RejectDocument(f"cannot read file ({exc.strerror or exc})") from exc
    except pa.ArrowException as exc:
        raise RejectDocument(f"not a Parquet file ({one_line(exc)})") from exc
    names = parquet.schema_arrow.names
    if "id" not in names or "text" not in names:
        raise RejectDocument("a Parquet input needs columns 'id' and 'text'")
    wanted = [n for n in ("id", "text", "date", "title", "source", "url", "author") if n in names]
    groups = range(parquet.num_row_groups)
    number = 1
    if window is not None:
        groups = range(window.start, window.start + window.count)
        number = window.first
    if window is None and parquet.metadata.num_rows == 0:
        raise RejectDocument("empty file (no rows)")
    for group in groups:
        for record in parquet.read_row_group(group, columns=wanted).to_pylist():
            try:
                yield _from_record(source, number, record, "parquet")
            except ValueError as exc:
                yield Rejection(f"{source.origin}:{number}", str(exc), "read")
            number += 1


def _within(item: Document | Rejection, limits: Limits) -> Document | Rejection:
    """The document, or its rejection when its text is over the limit."""
    if isinstance(item, Rejection) or len(item.raw) <= limits.text_chars:
        return item
    size = len(item.raw) / MB
    reason = f"text too large ({size:.3g} MB; limit {limits.text_mb:g} MB, --max-text-mb)"
    return Rejection(item.origin, reason, "read", item.id)


def _valid_text(text: str) -> str:
    """`text` with each lone surrogate made U+FFFD. JSON may escape one (`"\\udc80"`) and
    Python reads it so; no UTF-8 holds it, and the store, which writes UTF-8, would fail
    on the document (an internal error) rather than code it."""
    return _SURROGATE_RE.sub("\ufffd", text) if _SURROGATE_RE.search(text) else text


def _valid_name(name: str) -> str:
    """A file name or document id fit for UTF-8: a byte of a file name that was no UTF-8
    (Python reads it as a surrogate, U+DC80 to U+DCFF) is written `\\x80`, as `ls -b`
    shows it, so that two such names stay two; any other lone surrogate is U+FFFD."""
    return _SURROGATE_RE.sub(_name_character, name) if _SURROGATE_RE.search(name) else name


def _name_character(found: re.Match[str]) -> str:
    code = ord(found[0])
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def _valid(item: Document | Rejection) -> Document | Rejection:
    """The document or rejection with lone surrogates out of every string it carries
    (`_valid_text`, `_valid_name`), whichever reader made it."""
    if isinstance(item, Rejection):
        document_id = None if item.document_id is None else _valid_name(item.document_id)
        return Rejection(
            _valid_name(item.origin), _valid_text(item.reason), item.stage, document_id
        )
    item.id, item.origin = _valid_name(item.id), _valid_name(item.origin)
    for name in _TEXT_FIELDS:
        value = getattr(item, name)
        if value:
            setattr(item, name, _valid_text(value))
    return item


_READERS = {"txt": read_txt, "pdf": read_pdf, "html": read_html}
_RECORDS = {"jsonl": read_jsonl, "parquet": read_parquet}


def read(
    source: Source, window: Window | None = None, limits: Limits = DEFAULT_LIMITS
) -> Iterator[Document | Rejection]:
    """Documents from one source (or a window of a JSON Lines or Parquet file), or a
    Rejection saying why it could not be read (a document over `limits` among them)."""
    yield from (_valid(item) for item in _read(source, window, limits))


def _read(source: Source, window: Window | None, limits: Limits) -> Iterator[Document | Rejection]:
    """`read`, before lone surrogates are taken out."""
    if source.problem is not None or source.kind is None:
        yield Rejection(source.origin, source.problem or "unsupported file", "read")
        return
    try:
        if source.kind in _RECORDS:
            found = _RECORDS[source.kind](source, window)
        else:
            found = _READERS[source.kind](source, limits)
        yield from (_within(item, limits) for item in found)
    except RejectDocument as exc:
        yield Rejection(source.origin, exc.reason, "read")
    except Exception as exc:  # a library failing on odd input must not end the run
        detail = one_line(exc)
        reason = f"could not read ({type(exc).__name__}: {detail})"
        yield Rejection(source.origin, reason, "read")
