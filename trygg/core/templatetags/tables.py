"""Template helpers for tables. `paired` zips a row's cells with their column headings, so a
cell in a loop can carry its heading as `data-label` (the phone layout shows each row as a
card, labelled from it)."""

from django import template

register = template.Library()


@register.filter
def paired(headings, cells) -> list[tuple]:
    """[(heading, cell), ...]; a row with more or fewer cells than headings is an error."""
    return list(zip(headings, cells, strict=True))
