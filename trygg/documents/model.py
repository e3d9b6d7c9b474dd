"""A neutral document model: one list of blocks, rendered to PDF by Typst and to DOCX by
python-docx, so both formats always say the same thing.

Blocks are plain dicts of strings, numbers and lists: they go to Typst as JSON through
`sys.inputs`, so user text is never parsed as Typst markup and needs no escaping.
"""

from dataclasses import dataclass, field

Block = dict


@dataclass
class Document:
    title: str
    subtitle: str
    footer: str
    blocks: list[Block] = field(default_factory=list)
    # Printed on every page, e.g. that the document holds the police's restricted input.
    marking: str = ""
    # The file's metadata (PDF document info, DOCX core properties): who issues it, e.g.
    # "Köpings kommun", and words a document archive can search on.
    author: str = ""
    keywords: tuple[str, ...] = ()

    def as_json(self) -> dict:
        """The document as JSON-ready data for the Typst template."""
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "footer": self.footer,
            "marking": self.marking,
            "author": self.author or "Trygg",
            "keywords": list(self.keywords),
            "blocks": self.blocks,
        }


def heading(text: str, level: int = 2) -> Block:
    """A section heading; level 1 is the document's title."""
    return {"kind": "heading", "text": text, "level": level}


def para(text: str, *, label: str = "", small: bool = False) -> Block:
    """A paragraph, optionally led by a bold label."""
    return {"kind": "para", "text": text, "label": label, "small": small}


def column(header: str, *, width: float = 1.0, align: str = "left") -> dict:
    """A table column: header text, relative width, `left` or `right` alignment."""
    return {"header": header, "width": width, "align": align}


def table(columns: list[dict], rows: list[list[str]], *, foot: list[str] | None = None) -> Block:
    """A table with a header row repeated on each page and an optional bold total row."""
    width = len(columns)
    if any(len(row) != width for row in rows) or (foot is not None and len(foot) != width):
        raise ValueError("every row must have one cell per column")
    return {"kind": "table", "columns": columns, "rows": rows, "foot": foot or []}


def image(svg: str, *, alt: str, width: float = 100.0, name: str = "") -> Block:
    """An SVG image with alt text, `width` in per cent of the text width."""
    return {"kind": "image", "svg": svg, "alt": alt, "width": width, "name": name}


def items(entries: list[tuple[str, str]], *, numbered: bool = False) -> Block:
    """A bulleted or numbered list of (bold label, text) entries; either may be empty."""
    return {
        "kind": "list",
        "numbered": numbered,
        "items": [{"label": label, "text": text} for label, text in entries],
    }


def facts(rows: list[tuple[str, str]]) -> Block:
    """Label–value pairs shown as a small borderless table."""
    return {"kind": "facts", "rows": [[label, value] for label, value in rows]}
