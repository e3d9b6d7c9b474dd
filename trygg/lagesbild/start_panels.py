"""The lägesbild's panels on the start page (issue 15): the police's input due for the coming
period, and the analytiker's current picture with its documents."""

from datetime import timedelta
from urllib.parse import urlencode

from django.urls import reverse

from trygg.forums.selectors import next_operational_meeting_at
from trygg.locale_sv import day_bounds, format_number, local
from trygg.reports.selectors import visible_reports

from .models import PoliceInput
from .selectors import default_period


def _query(start, end) -> str:
    return urlencode({"fran": start.isoformat(), "till": end.isoformat()})


def police_input_due(viewer) -> dict:
    """Whether the police's lägesbild for the coming meeting's period is in, and where to
    write it."""
    start, end = default_period(municipality=viewer.municipality)
    meeting = next_operational_meeting_at(municipality=viewer.municipality, on_or_after=end)
    period = f"{start.isoformat()}–{end.isoformat()}"
    given = (
        PoliceInput.objects.filter(
            municipality=viewer.municipality, period_start__lte=end, period_end__gte=start
        )
        .order_by("-period_end", "-pk")
        .first()
    )
    before = f" före mötet {local(meeting).date().isoformat()}" if meeting else ""
    if given is None:
        return {
            "button": {
                "label": "Lämna polisens lägesbild",
                "url": f"{reverse('lagesbild:police_create')}?{_query(start, end)}",
                "note": f"Polisens lägesbild för perioden {period} saknas{before}.",
            },
            "more": {"label": "Tidigare lägesbilder", "url": reverse("lagesbild:police_list")},
        }
    return {
        "entries": [
            {
                "text": f"Polisens lägesbild {given.period_start}–{given.period_end}",
                "url": reverse("lagesbild:police_edit", args=[given.pk]),
                "meta": f"Inlämnad för perioden {period}{before}. Du kan fortfarande ändra den.",
            }
        ],
        "more": {"label": "Alla polisens lägesbilder", "url": reverse("lagesbild:police_list")},
    }


def current_picture(viewer) -> dict:
    """The period's report count against the 14 days before, the picture and its documents."""
    start, end = default_period(municipality=viewer.municipality)
    days = (end - start).days + 1
    prev_start, prev_end = start - timedelta(days=days), start - timedelta(days=1)
    lo, hi = day_bounds(start, end)
    prev_lo, _ = day_bounds(prev_start, prev_end)
    rows = visible_reports(viewer).filter(occurred_at__gte=prev_lo, occurred_at__lt=hi)
    now = rows.filter(occurred_at__gte=lo).count()
    before = rows.filter(occurred_at__lt=lo).count()
    query = _query(start, end)
    picture = f"{reverse('lagesbild:picture')}?{query}"
    return {
        "figures": [
            {
                "value": format_number(now),
                "label": f"rapporter {start.isoformat()}–{end.isoformat()}",
                "note": f"{format_number(before)} under de {days} dagarna innan.",
                "url": picture,
            }
        ],
        "entries": [
            {"text": "Lägesbilden för perioden", "url": picture},
            {
                "text": "Som PDF",
                "url": f"{reverse('lagesbild:picture_document', args=['pdf'])}?{query}",
            },
            {
                "text": "Som Word (redigerbar)",
                "url": f"{reverse('lagesbild:picture_document', args=['docx'])}?{query}",
            },
        ],
    }
