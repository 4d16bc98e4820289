"""Build the bundled example PDF ``examples/eu_sanctions_statement.pdf``.

parley ships a small real PDF (with a text layer) so that the PDF input path
can be exercised and tested without downloading anything. The article text
lives in this script, so the PDF can be rebuilt at any time; the metadata and
creation date are fixed so that a rebuild gives the same content.

The article is a fictional composite written for parley (CC0).

Run from the repository root:

    python tools/make_example_pdf.py

Requires ``fpdf2`` (``from fpdf import FPDF``). The text must stay within
Latin-1, because the PDF uses the core Helvetica font.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

REPO_ROOT: Path = Path(__file__).resolve().parent.parent
OUTPUT_PATH: Path = REPO_ROOT / "examples" / "eu_sanctions_statement.pdf"

TITLE: str = "EU imposes new sanctions on Belarus over support for Russia"
DATELINE: str = "November 28, 2023"
AUTHOR: str = "Meridian Wire staff"
CREATION_DATE: datetime = datetime(2024, 1, 15, 12, 0, 0, tzinfo=UTC)

PARAGRAPHS: tuple[str, ...] = (
    "BRUSSELS - The European Union sanctioned Belarus on Tuesday, imposing "
    "new export bans and asset freezes on officials accused of helping "
    "Russia evade earlier restrictions, EU officials said.",
    "The EU foreign policy chief condemned Minsk for allowing Russian troops "
    "and weapons to be deployed on Belarusian territory and urged the "
    "government to release political prisoners.",
    "Belarus rejected the measures as illegal and threatened to retaliate "
    "against European companies. Russia also criticized the decision.",
    "The sanctions package was welcomed by Lithuania and Poland, whose "
    "foreign ministers praised the EU for acting quickly.",
    "Ministers will meet again in Brussels next month to discuss further steps, diplomats said.",
)


def check_latin1(*texts: str) -> None:
    """Fail early if any text cannot be drawn with a core (Latin-1) font."""
    for text in texts:
        text.encode("latin-1")


def build_pdf(output_path: Path = OUTPUT_PATH) -> Path:
    """Write the example PDF to ``output_path`` and return the path."""
    check_latin1(TITLE, DATELINE, AUTHOR, *PARAGRAPHS)

    pdf = FPDF(format="A4")
    pdf.set_title(TITLE)
    pdf.set_author(AUTHOR)
    pdf.set_subject("Example input for parley (fictional composite, CC0)")
    pdf.set_creator("parley tools/make_example_pdf.py")
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_margins(left=25, top=25, right=25)
    pdf.set_auto_page_break(auto=True, margin=25)
    pdf.add_page()

    pdf.set_font("Helvetica", style="B", size=16)
    pdf.multi_cell(w=0, h=8, text=TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

    pdf.set_font("Helvetica", style="I", size=10)
    pdf.cell(w=0, h=6, text=f"{DATELINE} | {AUTHOR}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    pdf.set_font("Helvetica", size=11)
    for paragraph in PARAGRAPHS:
        pdf.multi_cell(w=0, h=6, text=paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    output_path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(output_path))
    return output_path


def main() -> None:
    path = build_pdf()
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
