"""PDF (and PNG for DOCX) through Typst, with one long-lived compiler and the shipped fonts."""

import json
import threading
from datetime import datetime
from pathlib import Path

import typst

from trygg.locale_sv import STOCKHOLM

from .model import Document

HERE = Path(__file__).resolve().parent
FONTS = HERE / "fonts"
TEMPLATES = HERE / "templates"
TEMPLATE = TEMPLATES / "document.typ"
PNG_TEMPLATE = TEMPLATES / "images.typ"
PNG_PPI = 150

_lock = threading.Lock()
_compilers: dict[Path, typst.Compiler] = {}


def _compiler(template: Path) -> typst.Compiler:
    """A compiler per template, kept for the process: a warm one compiles in milliseconds.
    System fonts are ignored so a document looks the same on every machine."""
    compiler = _compilers.get(template)
    if compiler is None:
        compiler = typst.Compiler(
            str(template),
            root=str(TEMPLATES),
            font_paths=[str(FONTS)],
            ignore_system_fonts=True,
            sys_inputs={},
        )
        _compilers[template] = compiler
    return compiler


def render_pdf(document: Document, *, generated_at: datetime) -> bytes:
    """The document as PDF bytes, stamped with `generated_at` so output is reproducible."""
    data = json.dumps(document.as_json(), ensure_ascii=False)
    # A Typst compiler is not documented as thread-safe; compiles take milliseconds, so
    # serialising them costs nothing worth a pool.
    with _lock:
        return _compiler(TEMPLATE).compile(
            sys_inputs={"data": data}, format="pdf", timestamp=_timestamp(generated_at)
        )


def svgs_to_png(svgs: list[str], *, ppi: int = PNG_PPI) -> list[bytes]:
    """Each SVG as a PNG on a white background (python-docx cannot embed SVG)."""
    if not svgs:
        return []
    data = json.dumps(svgs, ensure_ascii=False)
    with _lock:
        out = _compiler(PNG_TEMPLATE).compile(sys_inputs={"data": data}, format="png", ppi=ppi)
    return out if isinstance(out, list) else [out]


def _timestamp(dt: datetime) -> int:
    """UNIX seconds; a naive datetime is Swedish local time."""
    return int((dt if dt.tzinfo else dt.replace(tzinfo=STOCKHOLM)).timestamp())
