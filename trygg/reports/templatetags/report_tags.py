"""Template filters of the report pages."""

from django import template

from trygg.reports.models import Report

register = template.Library()


@register.filter
def status_label(value: str) -> str:
    """A status as people read it ("atgardas" → "Åtgärdas"); an unknown one as it is, since
    the history keeps the statuses of its day."""
    try:
        return Report.Status(value).label
    except ValueError:
        return value
