"""Numbers the Swedish way on the page, through the one locale module, so the page shows the
same text as the PDF and the DOCX for the same amount."""

from django import template

from trygg.locale_sv import count_text, format_kronor, format_number

register = template.Library()


@register.filter
def kronor(value, decimals=0) -> str:
    """184350.50 → '184 351 kr' (whole kronor rounded half up); `|kronor:2` keeps öre;
    '–' for no value."""
    return format_kronor(value, int(decimals))


@register.filter
def tal(value, decimals=0) -> str:
    """A number with Swedish digit grouping, rounded half up (`|tal:1` for one decimal)."""
    return format_number(value, int(decimals))


@register.filter
def antal(value, forms: str) -> str:
    """`{{ n|antal:"rapport,rapporter" }}` → '1 rapport', '12 345 rapporter'; '–' for no
    value."""
    if value is None or value == "":
        return format_number(None)
    singular, plural = forms.split(",")
    return count_text(value, singular, plural)
