"""Markdown for the authors, safe HTML for the readers; and a readable diff of versions."""

import difflib

from markdown_it import MarkdownIt
from markupsafe import Markup

# Raw HTML is switched off: what authors write can never inject markup or scripts.
_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render(text: str) -> Markup:
    return Markup(_md.render(text or ""))  # noqa: S704 - html disabled in the parser


def diff_lines(old: str, new: str) -> list[tuple[str, str]]:
    """(kind, line) with kind "same", "added" or "removed", line by line."""
    out = []
    for line in difflib.ndiff((old or "").splitlines(), (new or "").splitlines()):
        code, text = line[:2], line[2:]
        if code == "  ":
            out.append(("same", text))
        elif code == "+ ":
            out.append(("added", text))
        elif code == "- ":
            out.append(("removed", text))
    return out
