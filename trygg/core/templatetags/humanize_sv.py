"""Numbers the Swedish way: a space between thousands, a comma for decimals."""

from decimal import Decimal

from django import template

register = template.Library()
NBSP = "\u00a0"


def _group(n: int) -> str:
    return f"{n:,}".replace(",", NBSP)


@register.filter
def kronor(value) -> str:
    """1234567.5 → '1 234 568 kr' (whole kronor; a non-breaking space between groups)."""
    if value in (None, ""):
        return "–"
    amount = Decimal(value).quantize(Decimal(1))
    return f"{_group(int(amount))}{NBSP}kr"


@register.filter
def tal(value) -> str:
    """An integer with Swedish digit grouping."""
    if value in (None, ""):
        return "–"
    return _group(int(value))
