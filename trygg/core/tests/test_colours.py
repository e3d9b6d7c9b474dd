"""One palette: the stylesheet's colour tokens are colours.py's, nothing outside them names a
colour, and the charts and documents use the same values."""

import re
from pathlib import Path

import pytest

from trygg.core import colours
from trygg.documents.tests.test_no_django import impure_imports
from trygg.lagesbild import svg

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "static" / "trygg"
COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|rgba?\([^)]*\)")


def _root_tokens(css: str) -> dict[str, str]:
    block = re.search(r":root\s*\{(.*?)\}", css, re.S).group(1)
    return dict(re.findall(r"--([\w-]+):\s*([^;]+);", block))


def test_the_stylesheets_tokens_are_exactly_the_python_palette():
    assert _root_tokens((STATIC / "trygg.css").read_text()) == colours.TOKENS


STYLED = ["trygg.css", "app.css", "meeting-mode.css", "report-map.js", "citizen-report.js"]


@pytest.mark.parametrize("name", STYLED)
def test_no_colour_is_written_outside_the_tokens(name):
    text = (STATIC / name).read_text()
    if name == "trygg.css":
        text = re.sub(r":root\s*\{.*?\}", "", text, count=1, flags=re.S)
    assert COLOUR.findall(text) == []


def test_every_token_the_stylesheets_and_scripts_use_is_declared():
    used = set()
    for name in STYLED:
        text = (STATIC / name).read_text()
        used |= set(re.findall(r'var\(--([\w-]+)\)|token\("([\w-]+)"\)|"--([\w-]+)"', text))
    names = {name for group in used for name in group if name}
    assert names
    assert names - set(colours.TOKENS) == set()


def test_the_charts_draw_with_the_palette():
    assert (svg.INK, svg.MUTED, svg.GRID) == (
        colours.TOKENS["ink"],
        colours.TOKENS["muted"],
        colours.TOKENS["line"],
    )
    assert svg.SEQUENTIAL == tuple(colours.TOKENS[f"chart-{i}"] for i in range(1, 6))


def test_every_colour_in_the_chart_code_comes_from_the_palette():
    source = (ROOT / "lagesbild" / "svg.py").read_text()
    assert COLOUR.findall(source) == []


def test_the_documents_colours_are_palette_colours():
    # documents imports no app, so its template and DOCX writer carry the values themselves.
    palette = {value.lower() for value in colours.TOKENS.values()}
    typst = (ROOT / "documents" / "templates" / "document.typ").read_text()
    assert {c.lower() for c in re.findall(r'rgb\("(#[0-9a-fA-F]{6})"\)', typst)} <= palette
    word = (ROOT / "documents" / "word.py").read_text()
    rgb = re.findall(r"RGBColor\(0x(\w\w), 0x(\w\w), 0x(\w\w)\)", word)
    assert rgb
    assert {"#" + "".join(parts).lower() for parts in rgb} <= palette


def test_the_palette_is_pure_so_the_pure_chart_modules_may_use_it():
    assert impure_imports(ROOT / "core" / "colours.py", ()) == []
