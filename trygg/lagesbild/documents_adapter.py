"""Turns the lägesbild into documents (document_content writes them)."""

from django.utils import timezone

from .document_content import picture_docx, picture_pdf
from .picture import Picture

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def picture_document(picture: Picture, fmt: str) -> tuple[bytes, str]:
    now = timezone.localtime()
    if fmt == "pdf":
        return picture_pdf(picture, generated_at=now), PDF
    return picture_docx(picture, generated_at=now), DOCX
