"""The phone layout's cards: every list table in every template is marked for it, and each
of its body cells carries the heading it shows on a phone (data-label); `paired` gives cells
in a loop their headings."""

import re
from pathlib import Path

import pytest

from trygg.core.templatetags.tables import paired

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(ROOT.glob("*/templates/**/*.html")) + sorted(ROOT.glob("templates/**/*.html"))
# A matrix, not a list: weekday × hour reads only as a grid (shrunk to fit on a phone), and
# so does a survey question's options × groups ("matrix", scrolled sideways in its region). A
# chart's data table (core/_chart.html) is for screen readers only and never shown.
NOT_CARDS = {"heat", "chart-data", "matrix"}
TABLE = re.compile(r"<table\b([^>]*)>(.*?)</table>", re.S)


def _tables():
    for path in TEMPLATES:
        for match in TABLE.finditer(path.read_text()):
            yield path.relative_to(ROOT), match.group(1), match.group(2)


def test_the_templates_have_list_tables():
    assert len(list(_tables())) >= 20


@pytest.mark.parametrize(("path", "attrs", "body"), list(_tables()), ids=lambda v: str(v)[:40])
def test_every_list_table_becomes_cards_with_labelled_cells(path, attrs, body):
    classes = (
        set(re.search(r'class="([^"]*)"', attrs).group(1).split()) if "class=" in attrs else set()
    )
    if classes & NOT_CARDS:
        return
    assert "responsive" in classes, path
    tbody = re.search(r"<tbody>(.*?)</tbody>", body, re.S).group(1)
    unlabelled = [td for td in re.findall(r"<td\b[^>]*>(?!</td>)", tbody) if "data-label" not in td]
    assert unlabelled == [], path


def test_paired_gives_each_cell_its_heading_and_refuses_a_row_of_another_width():
    assert paired(["Brott", "Skadegörelse"], [3, 4]) == [("Brott", 3), ("Skadegörelse", 4)]
    with pytest.raises(ValueError):
        paired(["Brott"], [3, 4])
