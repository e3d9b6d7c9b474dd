"""Lägesbild and meeting minutes as PDF (Typst) and editable DOCX (python-docx), in Swedish.

Pure Python: takes the plain data of trygg.lagesbild.picture and trygg.documents.minutes,
never Django models or queries, so the caller decides what the reader may see.
"""

from datetime import datetime

from trygg.lagesbild.picture import Picture

from .content import minutes_document, picture_document
from .minutes import Minutes
from .pdf import render_pdf
from .word import render_docx

__all__ = ["minutes_docx", "minutes_pdf", "picture_docx", "picture_pdf"]


def picture_pdf(picture: Picture, *, generated_at: datetime) -> bytes:
    """The lägesbild for a period as PDF."""
    return render_pdf(
        picture_document(picture, generated_at=generated_at), generated_at=generated_at
    )


def picture_docx(picture: Picture, *, generated_at: datetime) -> bytes:
    """The lägesbild for a period as an editable DOCX."""
    document = picture_document(picture, generated_at=generated_at)
    return render_docx(document, generated_at=generated_at)


def minutes_pdf(minutes: Minutes, *, generated_at: datetime) -> bytes:
    """A lägesbild meeting's minutes as PDF."""
    return render_pdf(
        minutes_document(minutes, generated_at=generated_at), generated_at=generated_at
    )


def minutes_docx(minutes: Minutes, *, generated_at: datetime) -> bytes:
    """A lägesbild meeting's minutes as an editable DOCX."""
    document = minutes_document(minutes, generated_at=generated_at)
    return render_docx(document, generated_at=generated_at)
