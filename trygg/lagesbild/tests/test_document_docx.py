"""The lägesbild as editable DOCX: headings, tables, PNG charts with alt text."""

import io
import time
from dataclasses import replace
from datetime import datetime
from types import SimpleNamespace

import docx
from docx.oxml.ns import qn

from trygg.lagesbild.document_content import picture_docx
from trygg.locale_sv import STOCKHOLM

from .documents_sample import empty_picture, sample_picture

NOW = datetime(2025, 3, 17, 10, 32, tzinfo=STOCKHOLM)


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def cells(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def test_picture_docx_has_headings_tables_and_png_charts():
    data = picture_docx(sample_picture(), generated_at=NOW)
    document = open_docx(data)
    assert headings(document) == [
        "Lägesbild Köping 2025-03-01–2025-03-14",
        "Kategorier",
        "Kostnader per organisation",
        "Områden",
        "Heta punkter",
        "Utveckling per vecka",
        "Veckodag och tid på dygnet",
        "Särskilt uppmärksammade rapporter",
        "Polisens lägesbild",
    ]
    tables = [cells(t) for t in document.tables]
    assert tables[0][0][:4] == ["Kategori", "Perioden", "Föregående", "I fjol"]
    assert tables[0][1][:2] == ["Skadegörelse", "31"]
    costs = next(t for t in tables if t[0][0] == "Organisation")
    assert costs[-1] == ["Totalt", "25", "228\u00a0001\u00a0kr"]
    # The header row repeats on each page and is announced as a header.
    header = document.tables[0].rows[0]._tr
    assert header.trPr.find(qn("w:tblHeader")) is not None

    shapes = list(document.inline_shapes)
    assert len(shapes) == 3
    for shape in shapes:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        part = document.part.related_parts[blip.embed]
        assert part.content_type == "image/png"
        assert part.blob.startswith(b"\x89PNG")
        assert shape._inline.docPr.get("descr")
    assert shapes[0]._inline.docPr.get("descr").startswith("Karta över Köping")

    assert document.core_properties.title == "Lägesbild Köping 2025-03-01–2025-03-14"
    assert document.core_properties.language == "sv-SE"
    header_text = document.sections[0].header.paragraphs[0].text
    assert header_text.startswith("Innehåller polisens lägesbild")


def test_docx_keeps_user_text_verbatim():
    document = open_docx(picture_docx(sample_picture(), generated_at=NOW))
    everything = " ".join(c for t in document.tables for row in cells(t) for c in row)
    assert "<script>alert(1)</script>" in everything
    assert "åäö" in everything


def test_docx_render_time():
    pic = sample_picture(14)
    picture_docx(pic, generated_at=NOW)
    started = time.perf_counter()
    picture_docx(pic, generated_at=NOW)
    elapsed = time.perf_counter() - started
    print(f"picture_docx, 14 days: {elapsed * 1000:.0f} ms")  # noqa: T201
    assert elapsed < 5.0


def test_empty_picture_docx():
    document = open_docx(picture_docx(empty_picture(), generated_at=NOW))
    texts = [p.text for p in document.paragraphs]
    assert "Ingen lägesbild från polisen registrerad för perioden." in texts
    assert "Inga kostnader rapporterade under perioden." in texts
    assert len(document.inline_shapes) == 0


def test_control_characters_do_not_break_the_docx():
    pic = sample_picture()
    odd = SimpleNamespace(
        **{**vars(pic.notable[0]), "description_redacted": "rad ett\nrad\x0btvå\x00"}
    )
    document = open_docx(picture_docx(replace(pic, notable=[odd]), generated_at=NOW))
    notable = next(t for t in document.tables if t.rows[0].cells[0].text == "Nr")
    assert notable.rows[1].cells[4].text == "rad ett\nradtvå"
