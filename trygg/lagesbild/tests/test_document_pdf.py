"""The lägesbild as PDF: content, escaping, empty cases and speed."""

import io
import time
from dataclasses import replace
from datetime import datetime
from types import SimpleNamespace

import pypdf

from trygg.lagesbild.document_content import picture_pdf
from trygg.locale_sv import STOCKHOLM

from .documents_sample import NASTY, empty_picture, sample_picture

NOW = datetime(2025, 3, 17, 10, 32, tzinfo=STOCKHOLM)


def text_of(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    # Extraction breaks lines inside table cells; join them back for substring checks. Typst
    # writes a no-break space as a space glyph, so it comes back as a plain space.
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_picture_pdf_has_the_content():
    pdf = picture_pdf(sample_picture(), generated_at=NOW)
    assert pdf.startswith(b"%PDF")
    text = text_of(pdf)
    for expected in [
        "Lägesbild Köping 2025-03-01–2025-03-14",
        "Skadegörelse",
        "Kostnader per organisation",
        "184 351 kr",  # rounded half up
        "228 001 kr",
        "Centrum",
        "Heta punkter",
        "Av 40 celler är 7 heta punkter",
        "Utveckling per vecka",
        "Veckodag och tid på dygnet",
        "Skolgatan 12, Köping",
        "Polisens lägesbild",
        "Hela kommunen",
        "K123-45",
        "Innehåller polisens lägesbild (Begränsad spridning)",
        "skapad 2025-03-17 kl. 10.32",
        "Sida 1 av",
    ]:
        assert expected in text, expected
    assert "åäö" in text


def test_typst_special_characters_are_shown_literally():
    text = text_of(picture_pdf(sample_picture(), generated_at=NOW))
    # The category name and a report description carry every Typst markup character.
    assert " ".join(NASTY.split()) in text
    assert "Grupp om 10–15 *ungdomar*." in text


def test_pdf_metadata_and_reproducible_bytes():
    pic = sample_picture()
    pdf = picture_pdf(pic, generated_at=NOW)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == "Lägesbild Köping 2025-03-01–2025-03-14"
    assert picture_pdf(pic, generated_at=NOW) == pdf


def test_fourteen_day_picture_renders_fast():
    pic = sample_picture(14)
    picture_pdf(pic, generated_at=NOW)  # the first compile in a process loads the fonts
    times = []
    for _ in range(3):
        started = time.perf_counter()
        picture_pdf(pic, generated_at=NOW)
        times.append(time.perf_counter() - started)
    best, worst = min(times) * 1000, max(times) * 1000
    print(f"picture_pdf, 14 days: best {best:.0f} ms, worst {worst:.0f} ms")  # noqa: T201
    assert max(times) < 3.0  # the issue asks for ≤ 1 s; generous against slow CI machines


def test_empty_picture_renders_with_the_empty_sentences():
    text = text_of(picture_pdf(empty_picture(), generated_at=NOW))
    for expected in [
        "Lägesbild Arboga",
        "Inga rapporter under perioden eller jämförelseperioderna.",
        "Inga kostnader rapporterade under perioden.",
        "Inga rapporter med exakt plats under perioden.",
        "Ingen veckostatistik för perioden.",
        "Inga särskilt uppmärksammade rapporter under perioden.",
        "Ingen lägesbild från polisen registrerad för perioden.",
    ]:
        assert expected in text, expected
    assert "Innehåller polisens lägesbild" not in text


def test_naive_generated_at_is_local_time():
    text = text_of(picture_pdf(empty_picture(), generated_at=datetime(2025, 3, 17, 8, 5)))
    assert "skapad 2025-03-17 kl. 08.05" in text


def test_control_characters_and_markup_in_user_text():
    pic = sample_picture()
    odd = SimpleNamespace(
        **{**vars(pic.notable[0]), "description_redacted": "a\x00b\x0bc #let x = 1 ]) } $ \\"}
    )
    text = text_of(picture_pdf(replace(pic, notable=[odd]), generated_at=NOW))
    assert "#let x = 1 ]) } $ \\" in text
