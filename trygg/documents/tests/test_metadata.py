"""Every generated document carries its title and who issued it in the file's metadata (PDF
document information, DOCX core properties), so an archive or a screen reader's document
list shows "Uppföljning 2026 …" from "Köpings kommun" rather than a file name."""

from datetime import datetime
from io import BytesIO

import docx
import pypdf
import pytest

from trygg.documents.model import Document, heading, para
from trygg.documents.pdf import render_pdf
from trygg.documents.word import render_docx

WHEN = datetime(2026, 11, 25, 13, 30)

CASES = [
    # (document, title, author, subject, keywords)
    (
        Document(
            title="Uppföljning 2026",
            subtitle="Köpings kommun – till Kommunstyrelsen",
            footer="Köping · Trygg",
            blocks=[heading("G1"), para("Text")],
            author="Köpings kommun",
            keywords=("uppföljning", "2026"),
        ),
        "Uppföljning 2026",
        "Köpings kommun",
        "Köpings kommun – till Kommunstyrelsen",
        "uppföljning, 2026",
    ),
    # A document that names no issuer is Trygg's.
    (
        Document(title="Lägesbild", subtitle="14 dagar", footer="Trygg", blocks=[para("x")]),
        "Lägesbild",
        "Trygg",
        "14 dagar",
        "",
    ),
]


@pytest.mark.parametrize(("document", "title", "author", "subject", "keywords"), CASES)
def test_the_pdf_carries_title_author_subject_and_keywords(
    document, title, author, subject, keywords
):
    info = pypdf.PdfReader(BytesIO(render_pdf(document, generated_at=WHEN))).metadata
    assert (info.title, info.author, info.subject) == (title, author, subject)
    assert (info.get("/Keywords") or "") == keywords


@pytest.mark.parametrize(("document", "title", "author", "subject", "keywords"), CASES)
def test_the_docx_carries_title_author_subject_and_keywords(
    document, title, author, subject, keywords
):
    props = docx.Document(BytesIO(render_docx(document, generated_at=WHEN))).core_properties
    assert (props.title, props.author, props.subject, props.keywords) == (
        title,
        author,
        subject,
        keywords,
    )
    assert props.language == "sv-SE"
