import io
import os
from pathlib import Path

import pytest
from pypdf import PdfWriter

from parley.api import read_paths
from parley.document import Document, Rejection
from parley.ingest.clean import clean_text
from parley.ingest.discover import discover
from tests.conftest import EXAMPLES, code_into


def read_one(path: Path) -> list[Document | Rejection]:
    return list(read_paths([path]))


def blank_pdf(encrypt: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if encrypt:
        writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_every_example_format_reads(dictionaries):
    docs = [d for d in read_paths([EXAMPLES]) if isinstance(d, Document)]
    formats = {d.format for d in docs}
    assert formats == {"txt", "pdf", "html", "jsonl"}
    jsonl = [d for d in docs if d.format == "jsonl"]
    assert all(not d.id.endswith(".jsonl") and d.date is not None for d in jsonl)
    assert all(d.origin.startswith(str(EXAMPLES / "wire_feed.jsonl") + ":") for d in jsonl)
    pdf = next(d for d in docs if d.format == "pdf")
    assert "Belarus" in pdf.raw and pdf.title


def test_html_reader_drops_navigation_and_comments():
    (doc,) = read_one(EXAMPLES / "cairo_talks.html")
    assert isinstance(doc, Document)
    assert doc.title and doc.date is not None and doc.date.year == 2024
    html = (EXAMPLES / "cairo_talks.html").read_text(encoding="utf-8")
    assert "comment" in html.lower()
    for chrome in ("cookie", "Related stories", "©"):
        assert chrome.lower() not in doc.raw.lower()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"  \n\n ", "empty file"),
        ("binary.txt", b"\x00\x01\x02binary\x00", "binary file"),
        ("garbled.txt", b"\x81\x8d\x8f\x90\x9d" * 20, "not text in UTF-8 or Windows-1252"),
        ("controls.txt", b"\x01\x02\x03\x04 some text \x05\x06\x07\x08" * 10, "binary file"),
        ("notes.docx", b"PK\x03\x04", "unsupported file type .docx"),
        ("fake.pdf", b"hello, not a pdf", "not a PDF file"),
        ("broken.pdf", b"%PDF-1.4\n garbage garbage", "PDF"),
        ("encrypted.pdf", blank_pdf(encrypt=True), "encrypted PDF"),
        ("scanned.pdf", blank_pdf(), "no text layer"),
        (
            "empty.html",
            b"<html><head><title>Log in</title></head><body><script>x=1</script></body></html>",
            "no article text",
        ),
    ],
)
def test_bad_files_are_rejected_with_a_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    (result,) = read_one(path)
    assert isinstance(result, Rejection)
    assert result.origin == str(path)
    assert reason in result.reason
    assert "\n" not in result.message()


def test_missing_path_is_rejected(tmp_path):
    (result,) = read_one(tmp_path / "nope.txt")
    assert isinstance(result, Rejection) and "no such file" in result.reason


def test_jsonl_bad_lines_are_rejected_one_by_one(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": "a", "text": "Japan protested.", "date": "20240301"}\n'
        "{not json}\n"
        '{"text": "no id"}\n'
        '{"id": "b", "text": "ok", "date": "March 3"}\n'
        "\n"
        '{"id": 7, "text": "Iran spoke.", "date": "2024-03-02T10:00:00Z", "url": "u"}\n',
        encoding="utf-8",
    )
    results = read_one(path)
    docs = [r for r in results if isinstance(r, Document)]
    rejected = [r for r in results if isinstance(r, Rejection)]
    assert [(d.id, str(d.date)) for d in docs] == [("a", "2024-03-01"), ("7", "2024-03-02")]
    assert docs[1].url == "u"
    assert [r.origin for r in rejected] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "invalid JSON" in rejected[0].reason
    assert "missing 'id'" in rejected[1].reason
    assert "bad date 'March 3'" in rejected[2].reason


def test_folders_recurse_in_order_and_skip_other_types(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("two")
    (tmp_path / "a.html").write_text("<p>x</p>")
    (tmp_path / "README.md").write_text("not an article")
    (tmp_path / ".hidden.txt").write_text("hidden")
    assert [s.path.name for s in discover([tmp_path])] == ["a.html", "two.txt"]


def test_clean_text_normalises_characters(dictionaries):
    raw = "Caf\u0065\u0301\u00a0talks\r\nresume\u200b.\x07 “Japan’s” \u2010 ok"
    assert clean_text(raw, "html", dictionaries.words) == 'Café talks\nresume. "Japan\'s" - ok'


def test_legacy_windows_1252_text_is_read(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Caf\u00e9 talks: Japan\u2019s envoy said \u201cno\u201d.".encode("cp1252"))
    (doc,) = read_one(path)
    assert isinstance(doc, Document)
    assert doc.raw == "Café talks: Japan’s envoy said “no”."


def test_a_jsonl_line_nested_too_deeply_is_rejected_alone(tmp_path):
    path = tmp_path / "deep.jsonl"
    depth = 100_000
    path.write_text(
        '{"id": "first", "text": "Chile protested."}\n'
        + "[" * depth + "]" * depth + "\n"
        + '{"a": ' * depth + "1" + "}" * depth + "\n"
        + '{"id": "last", "text": "Peru replied.", "meta": ' + "[" * 500 + "]" * 500 + "}\n",
        encoding="utf-8",
    )  # fmt: skip
    results = read_one(path)
    assert [r.id for r in results if isinstance(r, Document)] == ["first", "last"]
    rejected = [r for r in results if isinstance(r, Rejection)]
    assert [r.origin for r in rejected] == [f"{path}:2", f"{path}:3"]
    assert all("nested too deeply" in r.reason and "\n" not in r.message() for r in rejected)


def test_lone_surrogates_are_read_as_replacement_characters(tmp_path):
    path = tmp_path / "feed.jsonl"
    # JSON escapes, as a feed with text cut mid-character writes them
    path.write_text(
        '{"id": "s\\udc80", "text": "Chile \\udc80 protested.", "title": "Note \\ud800"}\n',
        encoding="utf-8",
    )
    (doc,) = read_one(path)
    assert isinstance(doc, Document)
    assert (doc.id, doc.raw, doc.title) == ("s\\x80", "Chile \ufffd protested.", "Note \ufffd")


def odd_name(folder: Path) -> Path:
    """A file whose name has a byte no UTF-8 has (Python reads it as U+DC80), or a skip
    where the file system takes no such name."""
    path = folder / os.fsdecode(b"note\x80.txt")
    try:
        path.write_text("Chile protested.", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only UTF-8 names")
    return path


def test_a_file_name_that_is_no_utf8_is_read_and_named_with_its_byte(tmp_path):
    odd_name(tmp_path)
    (doc,) = read_one(tmp_path)
    assert isinstance(doc, Document)
    assert doc.origin == doc.id == str(tmp_path / "note\\x80.txt")


def test_lone_surrogates_do_not_keep_a_document_from_being_coded(tmp_path, dictionaries):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "feed.jsonl").write_text(
        '{"id": "s1", "text": "Japan accused China \\udc80 of violating its airspace."}\n',
        encoding="utf-8",
    )
    odd_name(inputs).write_text("Japan accused China of violating its airspace.")
    _, results = code_into(tmp_path / "db.duckdb", dictionaries, [inputs])
    assert not [r for r in results if isinstance(r, Rejection)]
    coded = {r.id: [e.code for e in r.events] for r in results if isinstance(r, Document)}
    assert coded == {"s1": ["112"], str(inputs / "note\\x80.txt"): ["112"]}
