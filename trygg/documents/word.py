"""Editable DOCX through python-docx, from the same blocks as the PDF."""

import io
from datetime import UTC, datetime

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from trygg.locale_sv import STOCKHOLM

from .formatting import xml_safe
from .model import Block, Document
from .pdf import svgs_to_png

TEXT_WIDTH_CM = 17.0  # A4 less 2 cm margins each side
MUTED = RGBColor(0x4A, 0x53, 0x60)  # colours.py "muted"; documents imports no app, a test checks
MARK = RGBColor(0xA5, 0x0F, 0x15)


def render_docx(document: Document, *, generated_at: datetime) -> bytes:
    """The document as DOCX bytes; charts become PNG since Word files here cannot hold SVG."""
    doc = new_docx()
    _setup(doc, document, generated_at)
    svgs = [b["svg"] for b in document.blocks if b["kind"] == "image"]
    pngs = iter(svgs_to_png(svgs))
    for block in document.blocks:
        kind = block["kind"]
        if kind == "heading":
            # Level 1 is the title; sections are Word's Heading 1, so its navigation pane and
            # generated tables of contents work as a reader expects.
            level = 0 if block["level"] == 1 else block["level"] - 1
            doc.add_heading(xml_safe(block["text"]), level)
        elif kind == "para":
            _paragraph(doc, block)
        elif kind == "table":
            _table(doc, block)
        elif kind == "image":
            _image(doc, block, next(pngs))
        elif kind == "list":
            style = "List Number" if block["numbered"] else "List Bullet"
            for entry in block["items"]:
                p = doc.add_paragraph(style=style)
                if entry["label"]:
                    p.add_run(xml_safe(entry["label"])).bold = True
                    if entry["text"]:
                        p.add_run().add_break()
                _text(p, entry["text"])
        elif kind == "facts":
            _facts(doc, block)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _setup(doc, document: Document, generated_at: datetime) -> None:
    """A4, Swedish language, title and dates in the properties, footer and marking."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    # Spelling, hyphenation and screen readers all follow the language set on the style.
    rpr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "sv-SE")
    rpr.append(lang)
    props = doc.core_properties
    props.title = xml_safe(document.title)
    props.subject = xml_safe(document.subtitle)
    props.author = xml_safe(document.author or "Trygg")
    props.keywords = xml_safe(", ".join(document.keywords))
    props.language = "sv-SE"
    stamp = generated_at if generated_at.tzinfo else generated_at.replace(tzinfo=STOCKHOLM)
    stamp = stamp.astimezone(UTC).replace(tzinfo=None)
    props.created = props.modified = stamp
    props.last_modified_by = "Trygg"
    footer = section.footer.paragraphs[0]
    run = footer.add_run(xml_safe(document.footer))
    run.font.size, run.font.color.rgb = Pt(8.5), MUTED
    if document.marking:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = header.add_run(xml_safe(document.marking))
        run.bold, run.font.size, run.font.color.rgb = True, Pt(8.5), MARK


def _text(paragraph, text: str) -> None:
    """Text with its line breaks kept as Word line breaks."""
    for i, line in enumerate(xml_safe(str(text)).split("\n")):
        if i:
            paragraph.add_run().add_break()
        paragraph.add_run(line)


def _paragraph(doc, block: Block) -> None:
    p = doc.add_paragraph()
    if block["label"]:
        p.add_run(xml_safe(block["label"]) + " ").bold = True
    _text(p, block["text"])
    if block["small"]:
        for run in p.runs:
            run.font.size, run.font.color.rgb = Pt(9), MUTED


def _table(doc, block: Block) -> None:
    columns = block["columns"]
    rows = block["rows"] + ([block["foot"]] if block["foot"] else [])
    table = doc.add_table(rows=1 + len(rows), cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    total = sum(c["width"] for c in columns)
    widths = [Cm(TEXT_WIDTH_CM * c["width"] / total) for c in columns]
    _repeat_header(table.rows[0])
    for r, values in enumerate([[c["header"] for c in columns], *rows]):
        bold = r == 0 or (block["foot"] and r == len(rows))
        for i, value in enumerate(values):
            cell = table.cell(r, i)
            cell.width = widths[i]
            p = cell.paragraphs[0]
            if columns[i]["align"] == "right":
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _text(p, value)
            for run in p.runs:
                run.font.size = Pt(9)
                run.bold = bool(bold)
    doc.add_paragraph()


def _repeat_header(row) -> None:
    """Mark the row as a header: repeated on each page and announced as such by readers."""
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _image(doc, block: Block, png: bytes) -> None:
    doc.add_picture(io.BytesIO(png), width=Cm(TEXT_WIDTH_CM * block["width"] / 100))
    # The alt text lives on the drawing's docPr; python-docx has no API for it.
    inline = doc.paragraphs[-1].runs[-1]._r.xpath(".//wp:docPr")
    for pr in inline:
        pr.set("descr", xml_safe(block["alt"]))
        if block["name"]:
            pr.set("name", block["name"])


def _facts(doc, block: Block) -> None:
    table = doc.add_table(rows=len(block["rows"]), cols=2)
    for r, (label, value) in enumerate(block["rows"]):
        table.cell(r, 0).width, table.cell(r, 1).width = Cm(3), Cm(TEXT_WIDTH_CM - 3)
        table.cell(r, 0).paragraphs[0].add_run(xml_safe(label)).bold = True
        _text(table.cell(r, 1).paragraphs[0], value)
    doc.add_paragraph()
