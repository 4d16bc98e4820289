"""A real multi-page PDF, laid out like a report, reads back to its source paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.api import read_paths
from parley.document import Document
from parley.ingest.clean import clean_text

fpdf = pytest.importorskip("fpdf", reason="fpdf2 (a test dependency) builds the PDF")

# "|" marks where the layout breaks a line inside a word (a typesetter's hyphenation).
SOURCE = [
    "Foreign ministers of the alliance met in Brussels on Wednesday and agreed to open "
    "inter|national talks on a new framework for the control of long-|range missiles, "
    "officials said after a meeting that ran late into the night.",
    "The agreement follows months of difficult nego|tiations between the member states "
    "and comes two weeks after the re-|election of the Polish president, who had asked "
    "the alliance to strengthen its eastern flank before the winter.",
    "Russia rejected the proposal within hours. Its foreign ministry said the plan was "
    "an attempt to encir|cle the country and warned that Moscow would answer any new "
    "deployment near its borders with measures of its own.",
] * 5
PARAGRAPHS = [p.replace("-|", "-").replace("|", "") for p in SOURCE]


def _lines(paragraph: str, width: int) -> list[str]:
    """Greedy layout; a marked word always breaks the line at its mark, with a hyphen."""
    lines, current = [], ""
    for word in paragraph.split():
        if "|" in word:
            head, tail = word.split("|")
            lines.append(f"{current} {head.rstrip('-')}-".strip())
            current = tail
        elif len(current) + 1 + len(word) <= width:
            current = f"{current} {word}".strip()
        else:
            lines.append(current)
            current = word
    return [*lines, current]


def make_report(path: Path) -> None:
    class Report(fpdf.FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=9)
            self.cell(0, 6, "Policy Brief on Arms Control", new_x="LMARGIN", new_y="NEXT")

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 6, f"{self.page_no()}", align="C")

    pdf = Report(format=(148, 210))
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=8)
    for paragraph in SOURCE:
        for line in _lines(paragraph, 70):
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 5, "", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def test_report_pdf_round_trips_to_its_paragraphs(tmp_path, dictionaries):
    path = tmp_path / "report.pdf"
    make_report(path)
    (doc,) = read_paths([path])
    assert isinstance(doc, Document)
    assert doc.raw.count("Policy Brief") >= 3  # several pages, each with its header
    assert "-\n" in doc.raw  # and words split across line ends
    assert clean_text(doc.raw, "pdf", dictionaries.words) == "\n\n".join(PARAGRAPHS)
